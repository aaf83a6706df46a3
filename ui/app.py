"""The ``giledger`` entry point.

With a subcommand (``giledger list resource``) it hands over to the command line in
:mod:`desktop.cli` without loading Qt; with none it starts the desktop window.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main", "wants_cli"]


# Options that take a value: ours, and Qt's own (which a GUI start passes on to Qt).
_VALUE_OPTIONS = frozenset({
    "--db", "--clerk", "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-style",
    "-stylesheet", "-session", "-display", "-geometry", "-name", "-title", "-qwindowgeometry",
    "-qwindowicon", "-qwindowtitle", "-reverse",
})


def wants_cli(argv: Sequence[str]) -> bool:
    """True when the arguments name a subcommand (any word that is not an option's value),
    or ask for help or the version; False for a window start."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
            continue
        if arg in ("-h", "--help", "--version"):
            return True
        if arg in _VALUE_OPTIONS:
            skip_value = arg != "-reverse"
            continue
        if arg.startswith("-"):
            continue
        return True  # a subcommand, or a mistyped one that the command line will explain
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line or the window; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(args):
        from desktop.cli import main as cli_main

        return cli_main(args)
    from ui.window_app import run_window  # Qt is imported only from here on

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
