"""Locations of files shipped with the application, the per-user cache and temporary files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["resources_dir", "user_cache_dir", "user_temp_dir", "TEMP_DIR_VARIABLE"]

_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """Return the ``resources/`` folder: PyInstaller bundle, installed wheel or checkout.

    The one place that knows where the shipped data (division lists, translations) lies:

    - a PyInstaller build sets ``sys.frozen``; one-file and one-folder bundles unpack data
      files under ``sys._MEIPASS``, where ``build.spec`` puts the folder as ``resources``
      (other freezers without ``_MEIPASS``: next to the executable);
    - an installed wheel (``pip install .``) carries it as package data,
      ``desktop/resources/`` (the build hook in ``setup.py`` puts it there);
    - a source checkout and an editable install (``pip install -e .``) read the repository's
      own top-level ``resources/``.
    """
    if getattr(sys, "frozen", False):
        base = getattr(sys, "_MEIPASS", None)
        root = Path(base) if base else Path(sys.executable).resolve().parent
        return root / "resources"
    installed = _HERE / "resources"
    if installed.is_dir():
        return installed
    return _HERE.parent / "resources"


def user_cache_dir() -> Path:
    """Return the per-user cache folder for files the program derives (not created here).

    Windows: ``%LOCALAPPDATA%\\GILedger\\cache``; macOS: ``~/Library/Caches/GILedger``;
    Linux and other Unix: ``$XDG_CACHE_HOME/giledger`` (``~/.cache/giledger``). Used where
    the program's own folder may be read-only, e.g. an installed package's compiled
    translation.
    """
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
        return root / "GILedger" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "GILedger"
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return root / "giledger"


TEMP_DIR_VARIABLE = "GILEDGER_TEMP_DIR"


def user_temp_dir() -> Path:
    """Return the program's per-user folder for temporary files (not created here).

    ``$GILEDGER_TEMP_DIR`` if set to an absolute path, else ``tmp`` in :func:`user_cache_dir`.
    Never the system's shared temporary folder: what an export writes there is the county's
    data as plain XML. Each running process has its own folder in it
    (:mod:`desktop.tempfiles`).
    """
    override = os.environ.get(TEMP_DIR_VARIABLE)
    if override and Path(override).is_absolute():
        return Path(override)
    return user_cache_dir() / "tmp"
