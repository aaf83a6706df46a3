"""The Qt binding itself: guard against the PySide6 release that corrupts reference counts.

PySide6 6.12.0 under Python 3.11 returns None from every void Qt call without taking a
reference; after a few thousand calls the interpreter aborts ("none_dealloc"). The project
pins it out (pyproject.toml); this test fails if such a build is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_reference_counts(qapp) -> None:
    if sys.version_info >= (3, 12):  # None and bools are immortal there
        return
    probe = QObject()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(1000):
        probe.setObjectName("probe")
        probe.blockSignals(False)
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)
