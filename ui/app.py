"""The ``giledger`` entry point.

With a subcommand (``giledger list resource``) it hands over to the command line in
:mod:`desktop.cli` without loading Qt; with none it starts the desktop window.
``giledger --self-test`` (``giledger-cli --self-test`` in the built app) checks the
installation: the core self-test of :mod:`desktop.selftest`, then the window built and
drawn on its database; exit code 0 and "self-test passed", or 1 and the error.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import cast

from desktop.tempfiles import at_start

__all__ = ["main", "wants_cli", "wants_self_test", "self_test"]

SELF_TEST = "--self-test"


# Options that take a value: ours, and Qt's own (which a GUI start passes on to Qt).
_VALUE_OPTIONS = frozenset({
    "--db", "--clerk", "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-style",
    "-stylesheet", "-session", "-display", "-geometry", "-name", "-title", "-qwindowgeometry",
    "-qwindowicon", "-qwindowtitle", "-reverse",
})


def _leading(argv: Sequence[str]) -> Iterator[str]:
    """The arguments up to and including the first word that is not an option's value
    (the subcommand), without the options' values."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
            continue
        yield arg
        if arg in _VALUE_OPTIONS:
            skip_value = arg != "-reverse"
        elif not arg.startswith("-"):
            return


def wants_cli(argv: Sequence[str]) -> bool:
    """True when the arguments name a subcommand (any word that is not an option's value),
    or ask for help or the version; False for a window start (and for ``--self-test``,
    which :func:`main` handles before either)."""
    for arg in _leading(argv):
        if arg in ("-h", "--help", "--version"):
            return True
        if not arg.startswith("-"):
            return True  # a subcommand, or a mistyped one that the command line will explain
    return False


def wants_self_test(argv: Sequence[str]) -> bool:
    """True when ``--self-test`` comes before any subcommand."""
    return SELF_TEST in _leading(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line or the window; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_self_test(args):
        return self_test()
    if wants_cli(args):
        from desktop.cli import main as cli_main

        return cli_main(args)
    at_start()  # temporary files in this process's folder; what a killed one left goes (desktop.tempfiles)
    from ui.window_app import run_window  # Qt is imported only from here on

    return run_window(args)


# ---- giledger --self-test ----------------------------------------------------------------


def self_test() -> int:
    """Check this installation; prints ``ok: ...`` lines and ``self-test passed`` (exit 0),
    or the error (exit 1). Works from source and in the PyInstaller bundle."""
    _prepare_streams()
    shown: list[str] = []

    def emit(line: str) -> None:
        shown.append(line)
        if sys.stdout is not None:  # None in a windowed .exe on Windows
            print(line, flush=True)

    code = 0
    try:
        from desktop.selftest import DB_NAME, run_self_test

        with tempfile.TemporaryDirectory(prefix="giledger-selftest-") as tmp:
            run_self_test(progress=emit, directory=Path(tmp))
            _qt_self_test(Path(tmp) / DB_NAME, emit)
        emit("self-test passed")
    except Exception as e:  # noqa: BLE001 - any failure is the answer
        code = 1
        if sys.stderr is not None:
            traceback.print_exc()
        emit(f"self-test FAILED: {type(e).__name__}: {e}")
    if sys.stdout is None:
        _show_in_window(shown, code)
    return code


def _prepare_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # Chinese in the lines must not fail on any code page
            reconfigure(errors="replace")


def _qt_self_test(db_path: Path, emit: Callable[[str], None]) -> None:
    """The window half: Qt starts, a Chinese font is there, the single-window guard works,
    and the main window builds and draws on the self-test database."""
    if (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a server or a build machine
    import PySide6
    from PySide6.QtCore import QEvent, Qt, qVersion
    from PySide6.QtWidgets import QApplication

    from desktop.ledger import Ledger
    from ui.main_window import MainWindow
    from ui.single_instance import SingleInstance
    from ui.window_app import pick_cjk_font

    app = cast(QApplication,  # the instance is a QApplication: Qt types it QCoreApplication
               QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "giledger"]))
    emit(f"ok: Qt {qVersion()} (PySide6 {PySide6.__version__}), platform {app.platformName()}")
    family = pick_cjk_font()
    if family:
        emit(f"ok: font with Chinese glyphs: {family}")
    else:
        emit("warning: no font with Chinese glyphs found; Chinese text will show as boxes "
             "(install e.g. fonts-wqy-microhei or Noto Sans CJK) / 未找到中文字体")
    first, second = SingleInstance(), SingleInstance()
    try:
        if not first.acquire(db_path):
            raise RuntimeError(f"the single-window lock beside {db_path} could not be taken")
        if not first.is_listening:
            raise RuntimeError("the single-window local server could not listen")
        if second.acquire(db_path):
            raise RuntimeError("a second start was not refused by the single-window lock")
    finally:
        second.release()
        first.release()
    emit("ok: single-window lock and local server")
    # An exception inside a Qt slot (a page built lazily on show) is only printed by Qt;
    # collect those so that they fail the self-test.
    slot_errors: list[BaseException] = []
    previous_hook = sys.excepthook
    ledger = Ledger.open(db_path, create=False)

    def collect(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        slot_errors.append(error)
        previous_hook(kind, error, tb)

    sys.excepthook = collect
    from PySide6.QtCore import QCoreApplication

    from ui import i18n
    from ui.settings import app_settings

    if not i18n.install("en") or QCoreApplication.translate("MainWindow", "刷新") != "Refresh":
        raise RuntimeError(f"the English translation did not load ({i18n.qm_path('en')})")
    i18n.install("zh")
    emit("ok: English translation loads")
    try:
        # Settings in the temporary folder: the self-test never touches the clerk's own.
        window = MainWindow(ledger, settings=app_settings(db_path.parent / "selftest.ini"))
        try:
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            window.show()
            app.processEvents()
            if slot_errors:
                raise RuntimeError(f"the main window failed while showing: "
                                   f"{type(slot_errors[0]).__name__}: {slot_errors[0]}") from slot_errors[0]
            image = window.grab().toImage()
            if image.isNull() or image.width() < 100 or image.height() < 100:
                raise RuntimeError(f"the main window drew an empty image ({image.width()}x{image.height()})")
            step_x, step_y = max(1, image.width() // 50), max(1, image.height() // 50)
            colours = {image.pixel(x, y) for x in range(0, image.width(), step_x)
                       for y in range(0, image.height(), step_y)}
            if len(colours) < 2:
                raise RuntimeError("the main window drew nothing (one colour)")
            emit(f"ok: main window built and drawn ({image.width()}x{image.height()}): "
                 f"{window.windowTitle()}")
        finally:
            window.close()
            window.deleteLater()  # gone before its ledger closes (no timer may use it after)
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        ledger.close()
        sys.excepthook = previous_hook


def _show_in_window(lines: list[str], code: int) -> None:
    """A windowed start has no console: show the result in a message box instead."""
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "giledger"])
        box = QMessageBox.information if code == 0 else QMessageBox.critical
        box(None, "地标台账 自检 / self-test", "\n".join(lines[-30:]))
        del app
    except Exception:  # noqa: BLE001 - nothing else left to report with
        pass


if __name__ == "__main__":
    sys.exit(main())
