"""The cultivation pipeline: candidates grouped by route and stage, for the pipeline view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.fields import Choice
from desktop.ledger import Ledger
from desktop.record import Record
from desktop.registers.candidate import PRODUCT_STAGES, TRADEMARK_STAGES, next_step_overdue
from desktop.registers.codes import TRADEMARK_ROUTES

__all__ = ["Lane", "StageColumn", "pipeline"]


@dataclass(frozen=True)
class StageColumn:
    """One stage and the live candidates at it, oldest stage date first."""

    stage: Choice
    candidates: tuple[Record, ...]


@dataclass(frozen=True)
class Lane:
    """One route family: trademarks (collective and certification) or protected products."""

    key: str
    zh: str
    en: str
    columns: tuple[StageColumn, ...]

    @property
    def total(self) -> int:
        return sum(len(c.candidates) for c in self.columns)

    def overdue(self, today: date) -> set[str]:
        """Ids of this lane's candidates whose next step is overdue
        (:func:`desktop.registers.candidate.next_step_overdue`, as the dashboard counts)."""
        return {c.id for col in self.columns for c in col.candidates
                if next_step_overdue(c.values, today)}


def pipeline(ledger: Ledger, office_code: str | None = None) -> list[Lane]:
    """Live candidates by route family and stage, stages in pipeline order."""
    office = office_code if office_code is not None else (
        ledger.office.code if ledger.mode == "county" else None)
    by_stage: dict[str, list[Record]] = {}
    for cand in ledger.list("candidate"):
        if office is None or cand.office_code == office:
            by_stage.setdefault(cand.values["stage"], []).append(cand)
    lanes = []
    for key, zh, en, stages in (
        ("trademark", "地理标志商标", "GI trademarks", TRADEMARK_STAGES),
        ("product", "地理标志保护产品", "GI protected products", PRODUCT_STAGES),
    ):
        columns = tuple(StageColumn(s, tuple(sorted(by_stage.get(s.code, []),
                                                    key=lambda r: (r.values["stage_date"], r.id))))
                        for s in stages)
        lanes.append(Lane(key, zh, en, columns))
    return lanes


def route_family(route: str) -> str:
    """``trademark`` or ``product``."""
    return "trademark" if route in TRADEMARK_ROUTES else "product"
