"""Test-wide settings: Qt without a display, no user settings or data touched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from desktop.paths import TEMP_DIR_VARIABLE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the clerk's real database or settings.
os.environ.pop("GILEDGER_DB", None)
os.environ.setdefault("GILEDGER_CLERK", "测试员")


@pytest.fixture(autouse=True, scope="session")
def _private_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The program's temporary files (desktop.tempfiles) in the session's temporary folder,
    never the user's cache; command lines run as subprocesses inherit it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TEMP_DIR_VARIABLE, str(tmp_path_factory.mktemp("giledger-temp")))
        yield


@pytest.fixture(autouse=True)
def _tempfile_default_restored() -> Iterator[None]:
    """A window start run in-process (ui.app.main) makes its own folder tempfile's default for
    the rest of the process; a test's start ends with the test."""
    before = tempfile.tempdir
    yield
    tempfile.tempdir = before
