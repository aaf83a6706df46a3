"""The whole-file check behind ``giledger check``: integrity, references, every record's rules,
and the statistics row against the registers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from db import maintenance, records
from desktop import stats
from desktop.fields import FieldError
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.ledger import Ledger
from desktop.record import from_stored
from desktop.registers import REGISTRY

__all__ = ["Finding", "CheckReport", "check_file"]


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, where (kind, record id, field) and what, in Chinese and English."""

    severity: str  # "error" | "warning"
    kind: str
    record_id: str
    field: str
    message_zh: str
    message_en: str


@dataclass
class CheckReport:
    """Everything ``check`` found, plus how many records it read."""

    records_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def to_json(self) -> dict[str, object]:
        return {"records_checked": self.records_checked,
                "errors": len(self.errors),
                "warnings": len(self.findings) - len(self.errors),
                "findings": [asdict(f) for f in self.findings]}


def check_file(ledger: Ledger, *, progress: Progress = no_progress,
               cancelled: CancelCheck = never_cancelled) -> CheckReport:
    """Check the whole database; read-only. A file that fails the integrity check gets only
    those findings: its records cannot be read reliably (the open's quick check lets such a
    file through; see :mod:`desktop.integrity`)."""
    report = CheckReport()
    add = report.findings.append
    for problem in maintenance.integrity_problems(ledger.db):
        add(Finding("error", "", "", "", f"文件完整性：{problem}", f"file integrity: {problem}"))
    if report.findings:
        return report
    for table, rid, parent in maintenance.foreign_key_problems(ledger.db):
        add(Finding("error", table, rid, "", f"引用的{parent}记录不存在",
                    f"refers to a missing record in {parent}"))
    total = sum(records.count(ledger.db, k.table, include_deleted=True) for k in REGISTRY.values())
    done = 0
    for kind in REGISTRY.values():
        for stored in records.find(ledger.db, kind.table, include_deleted=True):
            done += 1
            if done % 2000 == 0:
                progress(done, total)
                check_cancel(cancelled)
            if stored.deleted:
                continue
            try:
                rec = from_stored(kind, stored)
            except (ValueError, TypeError) as e:
                add(Finding("error", kind.key, stored.id, "", f"无法读取：{e}", f"unreadable: {e}"))
                continue
            # Re-run the clerk's checks: a record written by an older version, a packet
            # or by hand may break a rule added since.
            values, errors = kind.coerce_all(rec.values)
            errors += [e for e in ledger.validate(kind, values, rec.id, rec.office_code)
                       if e.field_key not in {x.field_key for x in errors}]
            for err in errors:
                add(_finding(kind.key, rec.id, err))
            if kind.warnings:  # plausibility: reported, never an error (exit code stays 0)
                for w in ledger.warnings(kind, values, rec.id, rec.office_code):
                    add(_finding(kind.key, rec.id, w, "warning"))
    report.records_checked = done
    progress(done, total)
    row = stats.latest_row(ledger)
    if row is not None:
        derived = stats.derive(ledger)
        for key, typed, counted in stats.disagreements(row, derived):
            f = row.kind.field(key)
            add(Finding("warning", "stats", row.id, key,
                        f"{f.zh}填报为{typed}，台账中为{counted}",
                        f"{f.en} is {typed} in the statistics row but {counted} in the registers"))
    return report


def _finding(kind: str, rid: str, e: FieldError, severity: str = "error") -> Finding:
    return Finding(severity, kind, rid, e.field_key, e.message_zh, e.message_en)
