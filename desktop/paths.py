"""Locations of files shipped with the application."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the ``resources/`` folder, in a source checkout or a PyInstaller bundle.

    A PyInstaller build sets ``sys.frozen``; one-file and one-folder bundles
    unpack data files under ``sys._MEIPASS``, so ``resources/`` must be added
    to the bundle as ``resources``.  Other freezers without ``_MEIPASS`` get the
    folder next to the executable.  From source it is ``<repo>/resources``.
    """
    if getattr(sys, "frozen", False):
        base = getattr(sys, "_MEIPASS", None)
        root = Path(base) if base else Path(sys.executable).resolve().parent
        return root / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
