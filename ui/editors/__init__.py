"""Editors of register records: the record form, its history, the candidate stage dialog.

Everything here is presentation: values are read with ``Field.coerce`` and checked with
``Ledger.validate`` (:mod:`desktop`), and written by the caller's callbacks.
"""

from __future__ import annotations

from ui.editors.history import HistoryDialog
from ui.editors.i18n import language, set_language
from ui.editors.record_editor import RecordEditor
from ui.editors.stage_dialog import AdvanceStageDialog

__all__ = ["RecordEditor", "HistoryDialog", "AdvanceStageDialog", "set_language", "language"]
