"""``plan add`` and ``draw``: random inspections (双随机) on the command line (:mod:`desktop.draw`).
Registered by :mod:`desktop.cli`; exit codes as everywhere (0 done, 2 usage, 3 refused; for
``draw --verify`` 0 the same result, 3 not).

::

    giledger [--db PATH] plan add --name N --year Y --count K|--ratio R --inspectors FILE
             [--per-target N] [--filter KEY=VALUE ...]        # prints the plan id
    giledger [--db PATH] draw --plan ID [--seed S] [--reason TEXT] [--json]
    giledger [--db PATH] draw --plan ID --verify [--number N]
    giledger [--db PATH] draw --plan ID --history [--json]
    giledger [--db PATH] draw --plan ID --publish FILE.xlsx|FILE.pdf [--number N]
    giledger [--db PATH] draw --plan ID --forms FILE.pdf [--number N]   # or: print inspection-draw --id DRAW
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.draw.plan_file import FILTER_KEYS, PlanFileRefused, add_plan
from desktop.draw.pools import DrawRefused
from desktop.ledger import Ledger

__all__ = ["COMMANDS", "add_parsers", "cmd_plan", "cmd_draw"]

COMMANDS = ("plan", "draw")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``plan`` and ``draw`` to the subcommands ``sub``."""
    s = sub.add_parser("plan", help="双随机抽查计划 / random-inspection plans")
    ps = s.add_subparsers(dest="plan_command", metavar="ACTION", required=True, parser_class=parser_class)
    a = ps.add_parser("add", help="新建抽查计划 / add a plan with its inspectors from a file")
    a.add_argument("--name", required=True, metavar="N", help="计划名称 / the plan's name")
    a.add_argument("--year", required=True, type=int, metavar="Y")
    g = a.add_mutually_exclusive_group(required=True)
    g.add_argument("--count", type=int, metavar="K", help="抽查数量 / how many users are drawn")
    g.add_argument("--ratio", metavar="R", help="抽查比例（%%，向上取整）/ the share drawn in percent, rounded up, "
                   "e.g. 5 or 5%%")
    a.add_argument("--inspectors", required=True, type=Path, metavar="FILE",
                   help="执法检查人员表 .csv/.xlsx：姓名、执法证号、单位、回避企业 / the inspectors' file")
    a.add_argument("--per-target", type=int, metavar="N", help="每户检查人员数，至少2 / inspectors per target (≥ 2)")
    a.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE",
                   help="抽取范围 / the users' pool: gi=编号或名称, status=状态, town=乡镇 (repeatable)")

    d = sub.add_parser("draw", help="随机抽取 / draw a plan's targets and inspectors, verify, history",
                       epilog="退出码 / exit code: 0 done (--verify: same result); 3 refused (--verify: differs)")
    d.add_argument("--plan", required=True, metavar="ID")
    d.add_argument("--seed", metavar="S", help="随机种子（不填则生成）/ the seed (generated when not given)")
    d.add_argument("--reason", metavar="TEXT", help="重新抽取的理由 / why the plan is drawn again")
    d.add_argument("--json", action="store_true")
    m = d.add_mutually_exclusive_group()
    m.add_argument("--verify", action="store_true", help="复核：按现在的库重新计算并比较 / re-run and compare")
    m.add_argument("--history", action="store_true", help="全部抽取记录 / every draw of the plan")
    m.add_argument("--publish", type=Path, metavar="FILE.xlsx|FILE.pdf", help="抽查结果公示表 / the publication sheet")
    m.add_argument("--forms", type=Path, metavar="FILE.pdf",
                   help="打印检查记录表（每户一份，已预填）/ the inspection forms, one per target, pre-filled")
    d.add_argument("--number", type=int, metavar="N", help="第几次抽取（默认最近一次）/ which draw (default: the last)")


def _refused(text: str) -> Exception:
    from desktop.cli import Refused

    return Refused(text)


def _usage(text: str) -> Exception:
    from desktop.cli import UsageError

    return UsageError(text)


def _ratio(text: str) -> float:
    try:
        value = float(text.strip().rstrip("%％"))
    except ValueError:
        raise _usage(f"--ratio 应为百分数，如 5 或 5%：{text!r} / --ratio is a percentage, e.g. 5 or 5%") from None
    if not 0 < value <= 100:
        raise _usage(f"--ratio 应在 0 到 100 之间：{text} / --ratio must be above 0 and at most 100")
    return value


def cmd_plan(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """``plan add``: prints the new plan's id on stdout (the roster changes on stderr)."""
    filters: dict[str, list[str]] = {}
    for item in args.filter:
        key, sep, value = item.partition("=")
        if not sep or key.strip() not in FILTER_KEYS or not value.strip():
            raise _usage(f"--filter 应为 gi=…、status=… 或 town=…：{item!r} / --filter takes gi=, status= or town=")
        filters.setdefault(key.strip(), []).append(value)
    ratio = _ratio(args.ratio) if args.ratio is not None else None
    with open_ledger() as ledger:
        try:
            done = add_plan(ledger, name=args.name, year=args.year, inspectors_file=args.inspectors,
                            count=args.count, ratio_pct=ratio, per_target=args.per_target, filters=filters)
        except PlanFileRefused as e:
            raise _refused("\n".join(e.problems)) from None
    sys.stderr.write(f"执法检查人员名录 / inspectors' roster: 新增 {len(done.added)}、更新 {len(done.updated)}、"
                     f"未变 {len(done.unchanged)} / {len(done.added)} added, {len(done.updated)} updated, "
                     f"{len(done.unchanged)} unchanged\n")
    out.write(done.plan.id + "\n")
    return 0


def cmd_draw(args: argparse.Namespace, out: TextIO, open_ledger: Callable[[], Ledger]) -> int:
    """``draw``: draw, verify, list the draws or write the publication sheet."""
    from desktop.draw import service

    with open_ledger() as ledger:
        try:
            if args.verify:
                return _verify(ledger, args, out)
            if args.history:
                return _history(ledger, args, out)
            if args.publish is not None or args.forms is not None:
                return _publish(ledger, args, out)
            if args.number is not None:
                raise _usage("--number 只用于 --verify、--publish 或 --forms / "
                             "--number goes with --verify, --publish or --forms")
            seed = args.seed if args.seed is not None else service.new_seed()
            refused = not (args.reason or "").strip() and bool(service.history(ledger, args.plan))
            if not args.json and not refused:  # the seed is shown before the draw
                out.write(f"随机种子 / seed: {seed.strip()}\n")
                out.flush()
            draw = service.make_draw(ledger, args.plan, seed, args.reason)
        except DrawRefused as e:
            raise _refused(str(e.text)) from None
        if args.json:
            json.dump(service.as_json(draw), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            _describe(ledger, draw, out)
    return 0


def _names(ledger: Ledger, draw: Any) -> tuple[dict[str, str], dict[str, str]]:
    users = {u.id: f"{u.name}（{u.uscc}）" for u in draw.pools.users}
    inspectors = {i.cert_no: i.name for i in draw.pools.inspectors}
    return users, inspectors


def _describe(ledger: Ledger, draw: Any, out: TextIO) -> None:
    s = draw.stored
    users, inspectors = _names(ledger, draw)
    out.write(f"抽查计划 / plan {s.plan_id}  第 {s.number} 次抽取 / draw {s.number}: {s.id}\n"
              f"  随机种子 / seed: {s.seed}\n  检查对象库校验值 / pool hash: {s.pool_hash}\n"
              f"  {s.drawn_at}  {s.drawn_by}" + (f"  理由 / reason: {s.reason}" if s.reason else "") + "\n"
              f"  检查对象库 {len(draw.pools.users)} 户，检查人员库 {len(draw.pools.inspectors)} 人 / "
              f"{len(draw.pools.users)} users, {len(draw.pools.inspectors)} inspectors in the pools\n")
    for n, (uid, certs) in enumerate(draw.outcome.targets, 1):
        who = "、".join(f"{inspectors.get(c, '')}（{c}）" for c in certs)
        out.write(f"  {n}. {uid} {users.get(uid, '')}: {who}\n")


def _verify(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.draw import service

    v = service.verify(ledger, args.plan, args.number)
    s = v.draw.stored
    out.write(f"复核 / verify: 抽查计划 {s.plan_id} 第 {s.number} 次抽取 ({s.id}), 种子 / seed {s.seed}\n"
              f"  记录的校验值 / stored pool hash: {s.pool_hash}\n"
              f"  现在的校验值 / pool hash now:   {v.pool_hash_now}\n")
    if not v.stored_result_reproduced:
        out.write("  记录的结果无法由记录的检查对象库和种子重现 / the stored result does not follow from the "
                  "stored pools and seed\n")
    for label, items in (("新增检查对象 / users added", v.users_added),
                         ("移出检查对象 / users removed", v.users_removed),
                         ("新增检查人员 / inspectors added", v.inspectors_added),
                         ("移出检查人员 / inspectors removed", v.inspectors_removed),
                         ("信息有变 / data changed", v.changed)):
        if items:
            out.write(f"  {label}: {'、'.join(items)}\n")
    for note in v.notes:
        out.write(f"  {note}\n")
    if v.same:
        out.write("结果一致 / same result: 检查对象库未变，重新计算结果相同 / the pools are unchanged and the "
                  "result is the same\n")
        return 0
    pools = "检查对象库已变 / the pools changed" if not v.same_pools else "检查对象库未变 / the pools are unchanged"
    result = "结果不同 / the result differs" if not v.same_result else "结果相同 / the result is the same"
    out.write(f"不一致 / not the same: {pools}; {result}\n")
    return 3


def _history(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.draw import service

    done = service.history(ledger, args.plan)
    if args.json:
        json.dump([service.as_json(d) for d in done], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if not done:
        service.current_pools(ledger, args.plan)
        out.write(f"抽查计划 {args.plan} 还没有抽取过 / plan {args.plan} has not been drawn\n")
    for d in done:
        _describe(ledger, d, out)
    return 0


def _publish(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.draw import publication, service

    done = service.history(ledger, args.plan)
    if not done:
        service.current_pools(ledger, args.plan)
        raise DrawRefused(f"抽查计划 {args.plan} 还没有抽取过", f"plan {args.plan} has not been drawn yet")
    draw = done[-1] if args.number is None else next((d for d in done if d.number == args.number), None)
    if draw is None:
        raise DrawRefused(f"抽查计划 {args.plan} 没有第 {args.number} 次抽取",
                          f"plan {args.plan} has no draw {args.number}")
    if args.forms is not None:
        from desktop.forms import PrintRequest, render

        result = render(ledger, PrintRequest("inspection-draw", ids=(draw.id,)), args.forms)
        out.write(f"{result.path}：{result.forms} 份检查记录表，{result.pages} 页 / {result.forms} form(s), "
                  f"{result.pages} page(s)\n")
        return 0
    path = publication.write(ledger, draw, args.publish)
    out.write(f"抽查结果公示表 / publication sheet: {path}\n")
    return 0
