"""Importing several county packets at once (the window's 导入数据包 dialog, without Qt): a dry
run of each, the clerk's decisions, and the merge of the accepted ones, each merged only if it
still does what its dry run showed.

Rules: a packet may be merged only once its dry run says it can be (``merge``), and a packet
whose key is to be pinned (a first packet, or a re-enrolment) only once the clerk has confirmed
its fingerprint by phone; the accepted packets are merged in order of office and sequence, each
on the worker's ledger with the options the clerk chose (:func:`apply_import` refuses one that
changed since its dry run: another file, another key, other counts).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from db import packets
from desktop.jobs import CancelCheck, Cancelled, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.packets.importer import MERGE, REFUSED, ImportPlan, apply_import, plan_import

__all__ = ["COUNT_KEYS", "PacketEntry", "MergeItem", "MergeOutcome", "plan_batch", "merge_order",
           "merge_batch", "signed_with_another_key"]

log = logging.getLogger(__name__)

COUNT_KEYS = ("new", "changed", "deleted", "unchanged", "refused")


@dataclass
class PacketEntry:
    """One packet file of a batch: its dry run and what the clerk decided."""

    path: Path
    plan: ImportPlan | None = None
    error: str = ""
    planning: bool = True
    accept_edited: bool = False
    re_enrol: bool = False
    verified_fingerprint: str = ""
    """the fingerprint the clerk confirmed over the phone"""
    cancelled: bool = False
    """the dry run was cancelled (it runs again when the packet is added again)"""
    wish: bool = True
    """the clerk's tick in 合并 (it counts only while the packet can be merged)"""

    @property
    def verified(self) -> bool:
        return bool(self.plan and self.plan.fingerprint
                    and self.verified_fingerprint == self.plan.fingerprint)

    @property
    def mergeable(self) -> bool:
        """A dry run that can be merged, with the key checked if it is to be pinned."""
        plan = self.plan
        return (not self.planning and plan is not None and plan.status == MERGE
                and (not plan.pin_needed or self.verified))

    @property
    def accepted(self) -> bool:
        return self.mergeable and self.wish

    @property
    def waiting_for_key(self) -> bool:
        """Mergeable but for the fingerprint the clerk has not confirmed yet."""
        plan = self.plan
        return plan is not None and plan.status == MERGE and plan.pin_needed and not self.verified

    @property
    def file_hash(self) -> str:
        return self.plan.packet.file_hash if self.plan and self.plan.packet else ""

    def totals(self) -> dict[str, int]:
        return _totals(self.plan)


def signed_with_another_key(ledger: Ledger, entry: PacketEntry | None) -> bool:
    """A refused packet signed (validly) with another key than the one pinned for its office,
    and not re-enrolled yet: the clerk may re-enrol the office (after a call)."""
    if entry is None or entry.planning or entry.re_enrol:
        return False
    plan = entry.plan
    if plan is None or plan.packet is None or plan.status != REFUSED or not plan.packet.signature_ok:
        return False
    known = packets.pinned(ledger.db, plan.office)
    return bool(known and known.public_key and known.public_key != str(plan.packet.meta.get("public_key")))


def _totals(plan: ImportPlan | None) -> dict[str, int]:
    out = dict.fromkeys(COUNT_KEYS, 0)
    if plan is not None:
        for summary in plan.summaries.values():
            for key, n in summary.counts().items():
                out[key] += n
    return out


@dataclass(frozen=True)
class MergeItem:
    """An accepted packet to merge."""

    plan: ImportPlan
    """the dry run the clerk accepted"""
    verified_fingerprint: str

    @property
    def path(self) -> Path:
        return self.plan.path


@dataclass
class MergeOutcome:
    """What the merge did with one accepted packet."""

    path: Path
    office: str
    office_name: str
    sequence: int
    result: str
    """merged, changed (not the packet of the dry run any more), cancelled, failed"""
    plan: ImportPlan | None = None
    error: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def plan_batch(ledger: Ledger, work: list[tuple[Path, bool, bool]], *, progress: Progress = no_progress,
               cancelled: CancelCheck = never_cancelled,
               describe: Callable[[BaseException], str] = str) -> list[tuple[Path, ImportPlan | None, str]]:
    """Dry-run each ``(path, accept_edited, re_enrol)``: ``(path, plan or None, error text)``.
    A file that fails is reported against it (``describe`` words the error) and the others go
    on; a cancel ends the batch."""
    out: list[tuple[Path, ImportPlan | None, str]] = []
    for n, (path, accept_edited, re_enrol) in enumerate(work):
        check_cancel(cancelled)
        progress(n, len(work))
        try:
            plan = plan_import(ledger, path, accept_edited=accept_edited, re_enrol=re_enrol,
                               cancelled=cancelled)
        except Cancelled:
            raise
        except Exception as e:  # noqa: BLE001 - shown against the file, others go on
            log.warning("dry run of %s failed: %s", path, e)
            out.append((path, None, describe(e)))
        else:
            out.append((path, plan, ""))
    progress(len(work), len(work))
    return out


def merge_order(entries: Iterable[PacketEntry]) -> list[MergeItem]:
    """The accepted entries as the packets to merge, in order of office and sequence."""
    items = []
    for entry in entries:
        plan = entry.plan
        if entry.accepted and plan is not None:
            items.append(MergeItem(plan, entry.verified_fingerprint))
    return sorted(items, key=lambda item: (item.plan.office, item.plan.sequence))


def merge_batch(ledger: Ledger, items: list[MergeItem], *, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled,
                describe: Callable[[BaseException], str] = str) -> list[MergeOutcome]:
    """Merge each accepted packet, if its dry run still allows it and it still does what the
    dry run showed (:func:`apply_import` refuses it otherwise: ``changed``). A packet whose key
    is to be pinned is merged only with the fingerprint the clerk confirmed. A failure is
    reported against its packet (``describe`` words it) and the others go on."""
    outcomes: list[MergeOutcome] = []
    steps = 1000
    for n, item in enumerate(items):
        dry = item.plan
        outcome = MergeOutcome(dry.path, dry.office, dry.office_name, dry.sequence, "")
        outcomes.append(outcome)
        if cancelled():
            outcome.result = "cancelled"
            continue
        progress(n * steps, len(items) * steps)
        try:
            if dry.status != MERGE or (dry.pin_needed and item.verified_fingerprint != dry.fingerprint):
                outcome.plan = dry
                outcome.result = "changed"
                continue

            def step(done: int, total: int, n: int = n) -> None:
                progress(n * steps + (done * steps // total if total else steps), len(items) * steps)

            result = apply_import(ledger, dry, progress=step, cancelled=cancelled)
            outcome.plan = result.plan
            outcome.result = "merged" if result.merged else "changed"
            outcome.counts = _totals(result.plan)
        except Cancelled:
            outcome.result = "cancelled"
        except Exception as e:  # noqa: BLE001 - reported; the other packets go on
            log.warning("merging %s failed: %s", dry.path, e)
            outcome.result = "failed"
            outcome.error = describe(e)
    progress(len(items) * steps, len(items) * steps)
    return outcomes
