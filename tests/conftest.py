"""Test-wide settings: Qt without a display, no user settings or data touched."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the clerk's real database or settings.
os.environ.pop("GILEDGER_DB", None)
os.environ.setdefault("GILEDGER_CLERK", "测试员")
