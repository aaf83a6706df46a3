"""Typical cases for publication (典型案例), without Qt.

:func:`typical_cases` lists the live cases marked 典型案例: at a county its own, at a city
(or province) every unit's that reached it in packets, and its own. ``year`` keeps the cases
filed in that year. Each line carries what a publication needs: unit, case number, party,
GI, act, penalty (fine, confiscation, decision number; 移送司法 for a transferred case) and
the public summary. :func:`as_table` makes it the printable sheet that
:func:`write_typical` writes as ``.xlsx`` or as a landscape A4 PDF with the forms' CJK font
(:mod:`desktop.city.sheets`).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from db import cases as queries
from desktop.cases.figures import act_label
from desktop.city.sheets import Table, write_table
from desktop.ledger import Ledger

__all__ = ["TypicalCase", "typical_cases", "penalty_text", "as_table", "write_typical", "HEADER"]

log = logging.getLogger(__name__)

HEADER: list[str] = ["序号", "单位", "案件编号", "当事人", "地理标志", "违法行为", "处理处罚", "案例简介"]
"""The publication sheet's columns."""


@dataclass(frozen=True)
class TypicalCase:
    """One typical case, as published."""

    id: str
    office_code: str
    unit: str
    case_no: str
    filed_date: str
    party_name: str
    gi: str
    act: str
    act_zh: str
    act_en: str
    status: str
    fine_yuan: float | None
    confiscated_yuan: float | None
    confiscated_goods: str | None
    decision_no: str | None
    decision_date: str | None
    summary: str

    @property
    def penalty(self) -> str:
        return penalty_text(self)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "penalty": self.penalty}


def _yuan(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def penalty_text(case: TypicalCase) -> str:
    """The penalty in words: 罚款 20,000 元；没收违法所得 3,000 元；没收假冒标识2000枚；
    then the decision's number (or 移送司法机关 for a transferred case)."""
    parts: list[str] = []
    if case.fine_yuan:
        parts.append(f"罚款 {_yuan(case.fine_yuan)} 元")
    if case.confiscated_yuan:
        parts.append(f"没收违法所得 {_yuan(case.confiscated_yuan)} 元")
    if case.confiscated_goods:
        parts.append(f"没收{case.confiscated_goods}")
    if case.status == "transferred":
        parts.append("移送司法机关")
    text = "；".join(parts)
    if case.decision_no:
        text += f"（{case.decision_no}）" if text else case.decision_no
    return text


def typical_cases(ledger: Ledger, year: int | None = None) -> list[TypicalCase]:
    """The typical cases this office can publish (see the module's docstring), in unit order,
    then by filing date and case number."""
    county = ledger.mode == "county"
    rows = queries.typical_cases(ledger.db, year, ledger.office.code if county else None)
    names: dict[str, str] = {ledger.office.code: ledger.office.name}
    order: list[str] = [ledger.office.code]
    if not county:
        from desktop.city.unit_labels import unit_labels

        labels = unit_labels(ledger)
        present = {r.office_code for r in rows}
        order = [c for c in labels.ordered(present - {ledger.office.code}) if c != ledger.office.code]
        order.append(ledger.office.code)
        names.update({c: labels.label(c) for c in order if c != ledger.office.code})
    rank = {code: n for n, code in enumerate(order)}
    out = [TypicalCase(
        id=r.id, office_code=r.office_code, unit=names.get(r.office_code, r.office_code),
        case_no=r.case_no, filed_date=r.filed_date, party_name=r.party_name, gi=r.gi,
        act=r.act or "", act_zh=act_label(r.act), act_en=act_label(r.act, "en"), status=r.status or "",
        fine_yuan=r.fine_yuan, confiscated_yuan=r.confiscated_yuan, confiscated_goods=r.confiscated_goods,
        decision_no=r.decision_no, decision_date=r.decision_date, summary=r.public_summary or "")
        for r in rows]
    out.sort(key=lambda c: (rank.get(c.office_code, len(rank)), c.office_code, c.filed_date, c.case_no))
    log.debug("typical cases of %s (year %s): %d", ledger.office.code, year, len(out))
    return out


def as_table(ledger: Ledger, cases: list[TypicalCase], year: int | None = None) -> Table:
    """The publication sheet (Chinese headers, one row per case)."""
    when = f"{year}年" if year is not None else ""
    scope = "" if ledger.mode == "county" else "各单位"
    rows: list[list[str | int | float | None]] = [
        [n, c.unit, c.case_no, c.party_name, c.gi, c.act_zh, c.penalty, c.summary]
        for n, c in enumerate(cases, start=1)]
    footer = [f"共 {len(cases)} 件典型案例。"] if cases else ["没有标为典型案例的案件。"]
    return Table(title=f"{ledger.office.name}{when}{scope}地理标志行政保护典型案例",
                 subtitle=(f"立案年度：{year}" if year is not None else "全部年度") +
                          f"；统计日 {ledger.today().isoformat()}",
                 header=list(HEADER), rows=rows, weights=[6, 10, 18, 16, 10, 14, 20, 42],
                 footer=footer, sheet_name="典型案例", centred=(0,), form_no="地标案01表")


def write_typical(ledger: Ledger, path: Path, year: int | None = None,
                  cases: list[TypicalCase] | None = None) -> Path:
    """Write the typical cases (``cases``, default :func:`typical_cases`) to ``path``
    (``.xlsx`` or ``.pdf``; :class:`desktop.city.sheets.TableFormatError` otherwise)."""
    found = typical_cases(ledger, year) if cases is None else cases
    return write_table(ledger, as_table(ledger, found, year), Path(path))
