"""The print font setting (设置 → 打印字体): which TrueType file the forms use."""

from __future__ import annotations

from pathlib import Path

from db import audit, meta
from db.connection import now_utc, transaction
from desktop.fields import FieldError
from desktop.forms.fonts import SETTING, check_font_file, reset_for_tests
from desktop.ledger import Ledger
from desktop.validation import Reason

__all__ = ["get_print_font", "set_print_font"]


def get_print_font(ledger: Ledger) -> str | None:
    return meta.get_setting(ledger.db, SETTING) or None


def set_print_font(ledger: Ledger, path: str | None) -> str:
    value = (path or "").strip() or None
    description = "自动查找 / search the machine"
    if value is not None:
        file, _, sub = value.partition("#")
        problem = check_font_file(Path(file), int(sub) if sub.isdigit() else 0)
        if isinstance(problem, Reason):
            raise FieldError(SETTING, "打印字体", "print font", problem)
        description = problem
    with transaction(ledger.db):
        old = meta.get_setting(ledger.db, SETTING)
        meta.set_setting(ledger.db, SETTING, value)
        audit.append(ledger.db, at=now_utc(), actor=ledger.actor.clerk,
                     os_user=ledger.actor.os_user, office_code=ledger.office.code,
                     action="settings", before={SETTING: old}, after={SETTING: value})
    reset_for_tests()  # the next print loads the new font
    return description
