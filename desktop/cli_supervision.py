"""The command line of the abnormal list and of rectifications (registered by :mod:`desktop.cli`).

::

    giledger abnormal add --user ID --reason R [--doc NO] [--date D] [--deadline D] [--office NAME]
    giledger abnormal remove --id ID --reason R [--doc NO] [--date D]
    giledger rectifications [--overdue | --all] [--json]
    giledger rectify --inspection ID --recheck-date D --result rectified|not_rectified [--note T]

``--reason`` of ``abnormal add`` takes the code, the label or an alias of the reason
(``no_annual_report``, 未按时报送年报, 未报年报 ...); ``--doc`` is the decision's number.
Listing sets the user's status to 列入异常名录; removal restores the status before the listing
once no other entry lists the user (:mod:`desktop.abnormal`). ``rectify`` records the re-check
that closes a rectification (:mod:`desktop.rectification`); ``--result`` takes 已整改/未整改 too.

Exit codes as everywhere: 0 done, 2 usage, 3 refused (the message names the field and why, in
both languages; the database is unchanged), 4 the database cannot be used. Refusals raised by
the core (:class:`desktop.fields.ValidationFailed`, a record not found, not this office's) are
reported by :func:`desktop.cli.main`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

from desktop import abnormal, rectification
from desktop.ledger import Ledger

__all__ = ["COMMANDS", "add_parsers", "handler"]

COMMANDS = ("abnormal", "rectifications", "rectify")

EXIT_OK = 0


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add the commands of :data:`COMMANDS` to the subcommands ``sub``."""
    s = sub.add_parser("abnormal", help="异常名录 / list a mark user as abnormal, or remove it")
    acts = s.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
    p = acts.add_parser("add", help="列入异常名录 / list a mark user")
    p.add_argument("--user", required=True, metavar="ID", help="用标主体编号 / the mark user's id")
    p.add_argument("--reason", required=True, metavar="R",
                   help="列入原因：代码、名称或简称，如 未报年报 / reason: code, label or alias")
    p.add_argument("--doc", metavar="NO", help="列入决定文号 / the decision's number")
    p.add_argument("--date", metavar="DATE", help="列入日期，默认今天 / listed on (default today)")
    p.add_argument("--deadline", metavar="DATE", help="整改期限 / deadline to put it right")
    p.add_argument("--office", dest="deciding_office", metavar="NAME",
                   help="作出决定的机关，默认本单位 / deciding office (default this office)")
    p = acts.add_parser("remove", help="移出异常名录 / remove an entry")
    p.add_argument("--id", dest="entry_id", required=True, metavar="ID", help="异常名录记录编号 / the entry's id")
    p.add_argument("--reason", required=True, metavar="R", help="移出原因（必填）/ why it is removed")
    p.add_argument("--doc", metavar="NO", help="移出决定文号 / the removal decision's number")
    p.add_argument("--date", metavar="DATE", help="移出日期，默认今天 / removed on (default today)")

    p = sub.add_parser("rectifications", help="整改情况 / rectifications not closed (or overdue)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--overdue", action="store_true", help="只列逾期的 / only the overdue ones")
    g.add_argument("--all", dest="include_closed", action="store_true",
                   help="包括已整改的 / the closed ones too")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("rectify", help="整改复查 / record the re-check that closes a rectification")
    p.add_argument("--inspection", required=True, metavar="ID", help="检查记录编号 / the inspection's id")
    p.add_argument("--recheck-date", dest="recheck_date", required=True, metavar="DATE",
                   help="复查日期 / the re-check date")
    p.add_argument("--result", required=True, metavar="RESULT",
                   help="rectified（已整改）或 not_rectified（未整改）")
    p.add_argument("--note", metavar="TEXT", help="复查情况，记入整改跟进情况 / a note for the follow-up")


def handler(command: str, open_ledger: Callable[[argparse.Namespace], Ledger]
            ) -> Callable[[argparse.Namespace, TextIO], int]:
    """The command-line handler of ``command`` (``open_ledger(args)`` opens the database)."""
    def run(args: argparse.Namespace, out: TextIO) -> int:
        with open_ledger(args) as ledger:
            return _HANDLERS[command](ledger, args, out)
    return run


def _abnormal(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "add":
        listed = abnormal.list_user(ledger, args.user, args.reason, listed=args.date,
                                    document_no=args.doc, deadline=args.deadline,
                                    deciding_office=args.deciding_office)
        entry = listed.entry
        user = ledger.get("mark-user", args.user)
        reason = entry.kind.field("reason").choice(entry.values["reason"])
        out.write(f"已列入异常名录 / listed: {entry.id}  {user.values.get('name')}（{user.id}）"
                  f"  {reason.zh} / {reason.en}  {entry.values['listed_date']}\n")
        out.write(f"  用标状态 / status: {_status(user)}\n")
        return EXIT_OK
    done = abnormal.remove(ledger, args.entry_id, args.reason, removed=args.date, document_no=args.doc)
    user = ledger.get("mark-user", done.values["mark_user_id"])
    out.write(f"已移出异常名录 / removed: {done.id}  {user.values.get('name')}（{user.id}）"
              f"  {done.values['removal_date']}\n")
    still = abnormal.open_entries(ledger, user.id)
    out.write(f"  用标状态 / status: {_status(user)}"
              + (f"（仍有 {len(still)} 条未移出 / {len(still)} entries still open）" if still else "") + "\n")
    return EXIT_OK


def _status(user: Any) -> str:
    code = user.values.get("status")
    if code is None:
        return "—"
    c = user.kind.field("status").choice(code)
    return f"{c.zh} / {c.en}"


def _rectifications(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    found = rectification.list_rectifications(ledger, overdue_only=args.overdue,
                                              include_closed=args.include_closed)
    if args.json:
        json.dump([r.to_json() for r in found], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    if not found:
        out.write("没有逾期的整改 / no overdue rectification\n" if args.overdue
                  else "没有未结的整改 / no open rectification\n")
        return EXIT_OK
    for r in found:
        late = f"  逾期{r.days_overdue}天 / {r.days_overdue} days late" if r.days_overdue else ""
        out.write(f"{r.inspection_id}  {r.user_name or r.mark_user_id or ''}  "
                  f"期限 / deadline {r.deadline or '—'}  {r.label.zh} / {r.label.en}{late}\n")
        if r.proposal is not None:
            out.write(f"    {r.proposal.zh} / {r.proposal.en}\n")
    out.write(f"共 {len(found)} 条 / {len(found)} in all\n")
    return EXIT_OK


def _rectify(ledger: Ledger, args: argparse.Namespace, out: TextIO) -> int:
    done = rectification.record_recheck(ledger, args.inspection, args.recheck_date, args.result,
                                        note=args.note)
    r = rectification.rectification_of(ledger, done)
    out.write(f"已记录复查 / re-check recorded: {done.id}  {done.values['recheck_date']}  "
              f"{r.label.zh} / {r.label.en}\n")
    if r.proposal is not None:
        out.write(f"  {r.proposal.zh} / {r.proposal.en}\n"
                  f"  giledger abnormal add --user {r.mark_user_id} --reason ... / "
                  f"giledger add case --set inspection_id={done.id} ...\n")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[Ledger, argparse.Namespace, TextIO], int]] = {
    "abnormal": _abnormal, "rectifications": _rectifications, "rectify": _rectify,
}
