"""Serials of blank forms (never repeated, recorded with their print), cancel and progress,
and the way back from paper to record (resolve_code, link_serial)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import audit
from db import forms as db_forms
from desktop.fields import FieldError
from desktop.forms import (
    NothingToPrint,
    PrintRequest,
    UnknownCode,
    link_serial,
    render,
    resolve_code,
)
from desktop.jobs import Cancelled
from desktop.ledger import RecordNotFound


def test_serials_never_repeat_and_are_recorded(ledger, tmp_path: Path) -> None:
    a = render(ledger, PrintRequest("survey-blank", copies=3), tmp_path / "a.pdf")
    b = render(ledger, PrintRequest("survey-blank", copies=2), tmp_path / "b.pdf")
    serials = a.serials + b.serials
    assert len(set(serials)) == 5
    assert serials[0] == "PB-130125-2026-000001" and serials[-1] == "PB-130125-2026-000005"
    row = db_forms.get_serial(ledger.db, serials[3])
    assert row is not None
    assert (row.form, row.kind, row.actor, row.status) == ("survey-blank", "resource", "测试员", "done")
    batch = db_forms.batch_serials(ledger.db, row.batch_id)
    assert [s.serial for s in batch] == list(b.serials)


def test_cancel_leaves_no_file_and_burns_its_serials(ledger, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cancelled.pdf"
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(Cancelled):
        render(ledger, PrintRequest("survey-blank", copies=5), out, progress=progress,
               cancelled=lambda: len(seen) >= 3)
    assert not list(folder.iterdir()), "no file, no .part left"
    assert seen[0] == (0, 5)
    cancelled = db_forms.get_serial(ledger.db, "PB-130125-2026-000001")
    assert cancelled is not None and cancelled.status == "cancelled"
    # a cancelled batch's numbers may be on paper already: they are never handed out again
    after = render(ledger, PrintRequest("survey-blank"), tmp_path / "next.pdf")
    assert after.serials == ("PB-130125-2026-000006",)


def test_progress_counts_every_form(ledger, make, tmp_path: Path) -> None:
    recs = [make.add("resource") for _ in range(4)]
    seen: list[tuple[int, int]] = []
    result = render(ledger, PrintRequest("survey", all=True), tmp_path / "all.pdf",
                    progress=lambda d, t: seen.append((d, t)))
    assert result.forms == len(recs)
    assert seen == [(n, 4) for n in range(5)]


def test_nothing_to_print_is_refused_before_any_file(ledger, make, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "x.pdf"
    with pytest.raises(NothingToPrint) as info:
        render(ledger, PrintRequest("survey", ids=("R-130125-999999",)), out)
    assert "R-130125-999999" in str(info.value)
    with pytest.raises(NothingToPrint):
        render(ledger, PrintRequest("survey", all=True), out)  # no resources yet
    with pytest.raises(NothingToPrint):
        render(ledger, PrintRequest("inspection-blank", ids=("U-130125-000001",)), out)
    with pytest.raises(NothingToPrint):
        render(ledger, PrintRequest("stats"), out)
    rec = make.add("resource")
    ledger.delete("resource", rec.id)
    with pytest.raises(NothingToPrint):
        render(ledger, PrintRequest("survey", ids=(rec.id,)), out)
    assert not list(folder.iterdir())


def test_a_serial_resolves_to_its_register_then_to_the_record(ledger, make, tmp_path: Path) -> None:
    result = render(ledger, PrintRequest("survey-blank"), tmp_path / "b.pdf")
    serial = result.serials[0]
    code = resolve_code(ledger, f"  {serial.lower()}\n")  # as a scanner types it
    assert (code.code, code.kind, code.serial, code.form, code.record_id) == (
        serial, "resource", serial, "survey-blank", None)
    rec = make.add("resource")
    link_serial(ledger, serial, rec.id)
    assert resolve_code(ledger, serial).record_id == rec.id
    history = audit.for_record(ledger.db, rec.id)
    assert history[-1].action == "paper-form" and history[-1].after == {"serial": serial}
    link_serial(ledger, serial, rec.id)  # the same link again: nothing new
    assert len(audit.for_record(ledger.db, rec.id)) == len(history)
    other = make.add("resource")
    with pytest.raises(FieldError):
        link_serial(ledger, serial, other.id)


def test_a_record_id_resolves_to_its_record(ledger, make) -> None:
    rec = make.add("candidate")
    code = resolve_code(ledger, rec.id)
    assert (code.kind, code.record_id, code.serial, code.form) == ("candidate", rec.id, None, None)


def test_unknown_codes_are_refused(ledger, tmp_path: Path) -> None:
    for text in ("", "hello", "R-130125-999999", "PB-130125-2026-000099", "Z-1"):
        with pytest.raises(UnknownCode):
            resolve_code(ledger, text)
    with pytest.raises(UnknownCode):
        link_serial(ledger, "PB-130125-2026-000099", "R-130125-000001")


def test_inspection_serial_links_only_an_inspection(ledger, make, tmp_path: Path) -> None:
    user = make.add("mark-user")
    result = render(ledger, PrintRequest("inspection-blank", ids=(user.id,)), tmp_path / "i.pdf")
    serial = result.serials[0]
    assert resolve_code(ledger, serial).kind == "inspection"
    row = db_forms.get_serial(ledger.db, serial)
    assert row is not None and row.subject_id == user.id
    resource = make.add("resource")
    with pytest.raises(RecordNotFound):  # not an inspection
        link_serial(ledger, serial, resource.id)


def test_a_returned_blank_form_gives_the_new_records_starting_values(ledger, make,
                                                                      tmp_path: Path) -> None:
    user = make.add("mark-user")
    insp = render(ledger, PrintRequest("inspection-blank", ids=(user.id,)), tmp_path / "i.pdf")
    assert resolve_code(ledger, insp.serials[0]).defaults == {"mark_user_id": user.id}
    annual = render(ledger, PrintRequest("annual-report-blank", ids=(user.id,), year=2025),
                    tmp_path / "a.pdf")
    code = resolve_code(ledger, annual.serials[0])
    assert code.kind == "annual-report" and code.defaults == {"mark_user_id": user.id, "year": 2025}
    rec = ledger.add("annual-report", {**code.defaults, "review_status": "submitted"})
    link_serial(ledger, annual.serials[0], rec.id)
    survey = render(ledger, PrintRequest("survey-blank"), tmp_path / "s.pdf")
    assert resolve_code(ledger, survey.serials[0]).defaults == {}
    assert resolve_code(ledger, rec.id).defaults == {}
