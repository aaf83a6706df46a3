"""Drawing a plan, storing the draw, verifying it later (the use cases behind ``giledger draw``
and the window's 随机抽取 dialog)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from db import audit, draws
from db.connection import now_utc, transaction
from db.draws import StoredDraw
from desktop.draw.algorithm import ALGORITHM, Outcome, Pools, normalise_seed, run
from desktop.draw.pools import DrawRefused, PlanPools, current_pools
from desktop.ledger import Ledger

__all__ = ["Draw", "Verification", "new_seed", "preview", "make_draw", "verify", "history", "get_draw",
           "as_json", "DrawRefused", "NeedsReason", "current_pools"]

log = logging.getLogger(__name__)

SEED_MAX = 200


class NeedsReason(DrawRefused):
    """The plan was drawn already; a redraw needs a reason."""


@dataclass(frozen=True)
class Draw:
    """A stored draw with its pools and result decoded."""

    stored: StoredDraw
    pools: Pools
    outcome: Outcome

    @property
    def id(self) -> str:
        return self.stored.id

    @property
    def number(self) -> int:
        return self.stored.number


@dataclass(frozen=True)
class Verification:
    """What :func:`verify` found: ``same`` when today's pools hash the same and the algorithm
    gives the same result; else ``added``/``removed`` users and inspectors, ``changed`` (same
    keys, other data, e.g. a renamed user or a new avoid entry) and whether the result differs."""

    draw: Draw
    pool_hash_now: str
    same_pools: bool
    same_result: bool
    stored_result_reproduced: bool
    users_added: tuple[str, ...] = ()
    users_removed: tuple[str, ...] = ()
    inspectors_added: tuple[str, ...] = ()
    inspectors_removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def same(self) -> bool:
        return self.same_pools and self.same_result and self.stored_result_reproduced


def new_seed() -> str:
    """A generated seed (16 decimal digits from :mod:`secrets`), to be shown before drawing."""
    return "".join(str(secrets.randbelow(10)) for _ in range(16))


def _check_seed(seed: str) -> str:
    clean = normalise_seed(seed)
    if not clean:
        raise DrawRefused("随机种子不能为空", "the seed is empty")
    if len(clean) > SEED_MAX or "\n" in clean:
        raise DrawRefused(f"随机种子应为一行、不超过 {SEED_MAX} 个字符",
                          f"the seed must be one line of at most {SEED_MAX} characters")
    return clean


def _check_pools(pp: PlanPools) -> None:
    plan_id, pools = pp.plan.id, pp.pools
    if pp.unknown:
        names = "、".join(pp.unknown)
        raise DrawRefused(f"抽查计划 {plan_id} 的执法检查人员库中有人不在执法检查人员名录中：{names}",
                          f"inspectors of plan {plan_id} not in the inspectors' roster: {', '.join(pp.unknown)}")
    if not pools.users:
        raise DrawRefused(f"抽查计划 {plan_id} 的检查对象库为空（按计划的范围没有用标主体）",
                          f"the pool of users of plan {plan_id} is empty (no mark user matches its filters)")
    if pools.count < 1:
        raise DrawRefused(f"抽查计划 {plan_id} 没有抽查数量或比例", f"plan {plan_id} has no sample size or ratio")
    if len(pools.inspectors) < pools.per_target:
        raise DrawRefused(f"抽查计划 {plan_id} 的执法检查人员库只有 {len(pools.inspectors)} 人，"
                          f"每户需要 {pools.per_target} 人",
                          f"plan {plan_id} has {len(pools.inspectors)} inspector(s); {pools.per_target} "
                          "are needed per target")


def _check_outcome(outcome: Outcome, per_target: int) -> None:
    if outcome.short:
        zh = "；".join(f"{s.user.name}（{s.user.id}）只有 {s.eligible} 名无须回避的检查人员" for s in outcome.short)
        en = "; ".join(f"{s.user.name} ({s.user.id}) has only {s.eligible} inspector(s) not related to it"
                       for s in outcome.short)
        raise DrawRefused(f"每户需要 {per_target} 名检查人员，以下检查对象人数不足，未抽取：{zh}。"
                          "请在计划中增加检查人员",
                          f"{per_target} inspectors are needed per target; not drawn, too few for: {en}. "
                          "Add inspectors to the plan")


def preview(ledger: Ledger, plan_id: str) -> PlanPools:
    """The plan's pools now (for the dialog: the counts before the draw)."""
    return current_pools(ledger, plan_id)


def make_draw(ledger: Ledger, plan_id: str, seed: str | None = None, reason: str | None = None) -> Draw:
    """Freeze the pools, draw with ``seed`` (generated when None) and store the draw with its
    number, pools, hash and result, in one transaction with its audit row.

    A plan drawn before needs a ``reason`` (:class:`NeedsReason` otherwise); the earlier draws
    stay. :class:`DrawRefused` for an empty pool, unknown inspectors, or a target with too few
    inspectors not related to it (nothing is written then)."""
    clean = _check_seed(seed if seed is not None else new_seed())
    why = (reason or "").strip() or None
    with transaction(ledger.db):
        pp = current_pools(ledger, plan_id)
        if pp.plan.office_code != ledger.office.code:
            raise DrawRefused(f"抽查计划 {plan_id} 属于 {pp.plan.office_code}，只能由该单位抽取",
                              f"plan {plan_id} belongs to {pp.plan.office_code}; only that office draws it")
        number = draws.next_number(ledger.db, plan_id)
        if number > 1 and why is None:
            raise NeedsReason(f"抽查计划 {plan_id} 已抽取过 {number - 1} 次；重新抽取必须说明理由（--reason）",
                              f"plan {plan_id} was drawn {number - 1} time(s) already; a redraw needs a reason "
                              "(--reason)")
        _check_pools(pp)
        outcome = run(pp.pools, clean)
        _check_outcome(outcome, pp.pools.per_target)
        at = now_utc()
        digest = pp.pools.hash
        targets = outcome.to_json()
        drawn = sorted({c for _, certs in outcome.targets for c in certs})
        draw_id = draws.insert_draw(
            ledger.db, office_code=ledger.office.code, at=at, plan_id=plan_id, number=number, seed=clean,
            drawn_by=ledger.actor.clerk, reason=why, pool_hash=digest, pools=pp.pools.to_json(),
            algorithm=ALGORITHM, targets=targets, inspectors=drawn)
        audit.append(ledger.db, at=at, actor=ledger.actor.clerk, os_user=ledger.actor.os_user,
                     office_code=ledger.office.code, action="draw", kind="draw", record_id=draw_id,
                     revision=1, after={"plan_id": plan_id, "number": number, "seed": clean, "pool_hash": digest,
                                        "targets": targets, "reason": why},
                     note=f"抽查计划 {plan_id} 第 {number} 次抽取" + (f"（重新抽取：{why}）" if number > 1 else ""))
    log.info("drew plan %s (draw %d, %s): %d target(s)", plan_id, number, draw_id, len(targets))
    got = get_draw(ledger, draw_id)
    assert got is not None
    return got


def _decoded(stored: StoredDraw) -> Draw:
    pools = Pools.from_json(stored.pools or {"users": [], "inspectors": [], "count": 0, "per_target": 2})
    targets = tuple((str(t["user"]), tuple(str(c) for c in t.get("inspectors") or ())) for t in stored.targets)
    return Draw(stored, pools, Outcome(targets))


def get_draw(ledger: Ledger, draw_id: str) -> Draw | None:
    stored = draws.get_draw(ledger.db, draw_id)
    return _decoded(stored) if stored else None


def history(ledger: Ledger, plan_id: str) -> list[Draw]:
    """Every draw of the plan, first first."""
    return [_decoded(s) for s in draws.draws_of_plan(ledger.db, plan_id)]


def verify(ledger: Ledger, plan_id: str, number: int | None = None) -> Verification:
    """Re-run the algorithm on the stored seed (of the last draw, or draw ``number``) against
    the pools rebuilt from the plan and the registers now, and compare hash and result."""
    done = history(ledger, plan_id)
    if not done:
        current_pools(ledger, plan_id)  # an unknown plan says so
        raise DrawRefused(f"抽查计划 {plan_id} 还没有抽取过", f"plan {plan_id} has not been drawn yet")
    chosen = done[-1] if number is None else next((d for d in done if d.number == number), None)
    if chosen is None:
        raise DrawRefused(f"抽查计划 {plan_id} 没有第 {number} 次抽取", f"plan {plan_id} has no draw {number}")
    now = current_pools(ledger, plan_id).pools
    then = chosen.pools
    again = run(now, chosen.stored.seed)
    reproduced = run(then, chosen.stored.seed).targets == chosen.outcome.targets \
        and then.hash == chosen.stored.pool_hash
    u_now, u_then = {u.id: u for u in now.users}, {u.id: u for u in then.users}
    i_now, i_then = {i.cert_no: i for i in now.inspectors}, {i.cert_no: i for i in then.inspectors}
    changed = tuple(sorted([k for k in u_now.keys() & u_then.keys() if u_now[k] != u_then[k]]
                           + [k for k in i_now.keys() & i_then.keys() if i_now[k] != i_then[k]]))
    notes: list[str] = []
    if now.count != then.count:
        notes.append(f"抽查数量 {then.count} → {now.count} / sample size {then.count} → {now.count}")
    if now.per_target != then.per_target:
        notes.append(f"每户检查人员数 {then.per_target} → {now.per_target} / inspectors per target "
                     f"{then.per_target} → {now.per_target}")
    return Verification(
        draw=chosen, pool_hash_now=now.hash, same_pools=now.hash == chosen.stored.pool_hash,
        same_result=again.targets == chosen.outcome.targets, stored_result_reproduced=reproduced,
        users_added=tuple(sorted(u_now.keys() - u_then.keys())),
        users_removed=tuple(sorted(u_then.keys() - u_now.keys())),
        inspectors_added=tuple(sorted(i_now.keys() - i_then.keys())),
        inspectors_removed=tuple(sorted(i_then.keys() - i_now.keys())), changed=changed, notes=tuple(notes))


def as_json(draw: Draw) -> dict[str, Any]:
    """``{"plan", "draw", "number", "seed", "pool_hash", "targets": [{"user", "inspectors"}]}``."""
    s = draw.stored
    return {"plan": s.plan_id, "draw": s.id, "number": s.number, "seed": s.seed, "pool_hash": s.pool_hash,
            "drawn_at": s.drawn_at, "drawn_by": s.drawn_by, "reason": s.reason,
            "targets": draw.outcome.to_json()}
