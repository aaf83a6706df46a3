"""The pools of a plan as the registers hold them now: the users the plan's filters select and
the inspectors its pool names (by certificate number or name), frozen into :class:`Pools`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.draw.algorithm import MIN_PER_TARGET, PoolInspector, Pools, PoolUser, count_for_ratio
from desktop.ledger import Ledger
from desktop.messages import Text
from desktop.record import Record

__all__ = ["DrawRefused", "PlanPools", "current_pools", "plan_count"]

log = logging.getLogger(__name__)


class DrawRefused(Exception):
    """A draw (or a verification) that cannot be made; ``text`` says why in both languages."""

    def __init__(self, zh: str, en: str):
        self.text = Text(zh, en)
        super().__init__(f"{zh}\n{en}")


@dataclass(frozen=True)
class PlanPools:
    """The plan and its pools now; ``unknown`` lists pool entries not in the roster."""

    plan: Record
    pools: Pools
    unknown: tuple[str, ...] = ()


def _users(ledger: Ledger, plan: Record) -> list[PoolUser]:
    v = plan.values
    ids = set(v.get("user_pool") or ())
    gis = set(v.get("filter_gi") or ())
    states = set(v.get("filter_status") or ())
    towns = [t.strip() for t in v.get("filter_town") or () if t and t.strip()]
    out: list[PoolUser] = []
    for u in ledger.list("mark-user", office_code=ledger.office.code):
        uv = u.values
        if ids and u.id not in ids:
            continue
        if gis and uv.get("gi_id") not in gis:
            continue
        if states and uv.get("status") not in states:
            continue
        if towns and not any(t in (uv.get("address") or "") for t in towns):
            continue
        out.append(PoolUser(u.id, uv.get("uscc") or "", uv.get("name") or ""))
    return out


def _inspectors(ledger: Ledger, entries: Iterable[str]) -> tuple[list[PoolInspector], list[str]]:
    roster = list(ledger.list("inspector", office_code=ledger.office.code))
    by_cert = {r.values["cert_no"]: r for r in roster}
    by_name: dict[str, list[Record]] = {}
    for r in roster:
        by_name.setdefault(r.values["name"], []).append(r)
    found: list[PoolInspector] = []
    unknown: list[str] = []
    for raw in entries:
        entry = (raw or "").strip()
        if not entry:
            continue
        rec = by_cert.get(entry)
        if rec is None and len(by_name.get(entry, ())) == 1:
            rec = by_name[entry][0]
        if rec is None:
            unknown.append(entry)
            continue
        rv = rec.values
        found.append(PoolInspector(rv["cert_no"], rv.get("name") or "", rv.get("unit") or "",
                                   tuple(a for a in rv.get("avoid") or () if a)))
    return found, unknown


def plan_count(plan: Record, pool_size: int) -> int:
    """Targets to draw: the plan's 抽查数量, else its 抽查比例 of the pool rounded up; never
    more than the pool."""
    count = plan.values.get("sample_count")
    if count is not None:
        return min(int(count), pool_size)
    ratio = plan.values.get("ratio_pct")
    return count_for_ratio(pool_size, float(ratio)) if ratio is not None else 0


def current_pools(ledger: Ledger, plan_id: str) -> PlanPools:
    """The plan's pools rebuilt from the plan and the registers as they are now."""
    try:
        plan = ledger.get("plan", plan_id)
    except KeyError:
        raise DrawRefused(f"没有抽查计划 {plan_id}", f"no inspection plan {plan_id}") from None
    if plan.deleted:
        raise DrawRefused(f"抽查计划 {plan_id} 已删除", f"inspection plan {plan_id} is deleted")
    users = _users(ledger, plan)
    inspectors, unknown = _inspectors(ledger, plan.values.get("inspector_pool") or ())
    per_target = int(plan.values.get("per_target") or MIN_PER_TARGET)
    pools = Pools.make(users, inspectors, plan_count(plan, len(users)), max(per_target, MIN_PER_TARGET))
    return PlanPools(plan, pools, tuple(unknown))
