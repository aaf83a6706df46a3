"""Fixtures for the core tests: an initialised county ledger and minimal valid records.

``ledger`` is county 130125 行唐县 on a fresh file in ``tmp_path``, with the clerk
测试员 and today fixed at 2026-11-21. ``make`` builds a valid minimal record of every
register (creating the records it refers to), so a test only states what it changes::

    rec = make.add("annual-report", year=2025)
    values = make.values("candidate", stage="tm_registered")   # not stored
    errors = make.refused("inspection", inspectors="张三")      # {field key: FieldError}

Helpers are reached through fixtures (``make.uscc``, ``bilingual``), not by importing
this file, so the tests work under any pytest import mode.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from db import records
from db.connection import now_utc, open_database, transaction
from desktop.fields import FieldError, ValidationFailed
from desktop.ledger import Ledger, init_office
from desktop.record import Record, to_columns
from desktop.registers import REGISTRY
from desktop.validation import uscc_check_char

TODAY = date(2026, 11, 21)
OFFICE = "130125"
CITY = "130100"
CLERK = "测试员"

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2,}")


def make_uscc(serial: int, region: str = OFFICE, entity: str = "91") -> str:
    """A valid USCC (GB 32100 check character computed) for a test enterprise."""
    first17 = f"{entity}{region}{serial:09d}"
    return first17 + uscc_check_char(first17)


def assert_bilingual(error: FieldError) -> None:
    """A refusal must be readable in Chinese and in English, and name its field."""
    assert _CJK.search(error.reason.zh), f"no Chinese in {error.reason.zh!r}"
    assert _LATIN.search(error.reason.en), f"no English in {error.reason.en!r}"
    text = str(error)
    assert error.field_key in text and error.zh_label in text and error.en_label in text


class Make:
    """Valid minimal records of every register for one ledger."""

    today = TODAY
    office = OFFICE
    clerk = CLERK
    uscc = staticmethod(make_uscc)

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self._n = 0

    def _serial(self) -> int:
        self._n += 1
        return self._n

    def _ref(self, over: dict[str, Any], key: str, kind: str) -> dict[str, Any]:
        """The reference ``key``, creating a minimal ``kind`` record unless the test gave one."""
        return {} if key in over else {key: self.add(kind).id}

    def values(self, kind: str, **over: Any) -> dict[str, Any]:
        """Raw values (as a clerk types them) of a valid ``kind`` record, with ``over`` applied.
        A value of ``None`` in ``over`` empties that field."""
        builder = getattr(self, "_" + kind.replace("-", "_"))
        base: dict[str, Any] = builder(over)
        base.update(over)
        return base

    def add(self, kind: str, **over: Any) -> Record:
        """Store a valid ``kind`` record (through :meth:`Ledger.add`) and return it."""
        return self.ledger.add(kind, self.values(kind, **over))

    def refused(self, kind: str, **over: Any) -> dict[str, FieldError]:
        """Add a ``kind`` record that must be refused; return the errors by field key.

        Every error is checked to be bilingual, and nothing may have been written.
        """
        values = self.values(kind, **over)
        before = self.ledger.count(kind, include_deleted=True)
        with pytest.raises(ValidationFailed) as info:
            self.ledger.add(kind, values)
        assert self.ledger.count(kind, include_deleted=True) == before
        for e in info.value.errors:
            assert_bilingual(e)
        return {e.field_key: e for e in info.value.errors}

    # ---- one builder per register --------------------------------------------------

    def _resource(self, over: dict[str, Any]) -> dict[str, Any]:
        return {"name": f"测试产品{self._serial()}", "attribute": "grown",
                "category": "primary_agri", "tier": "cultivate", "survey_date": "2026-05-01"}

    def _candidate(self, over: dict[str, Any]) -> dict[str, Any]:
        return {**self._ref(over, "resource_id", "resource"), "name": f"培育对象{self._serial()}",
                "route": "certification_mark", "stage": "tm_preparing",
                "stage_date": "2026-06-01"}

    def _stage_event(self, over: dict[str, Any]) -> dict[str, Any]:
        return {**self._ref(over, "candidate_id", "candidate"), "stage": "tm_filed",
                "event_date": "2026-07-01"}

    def _gi(self, over: dict[str, Any]) -> dict[str, Any]:
        n = self._serial()
        return {"name": f"地理标志{n}", "gi_type": "certification_mark",
                "reference_no": f"{n:08d}"}

    def _mark_user(self, over: dict[str, Any]) -> dict[str, Any]:
        n = self._serial()
        return {**self._ref(over, "gi_id", "gi"), "name": f"用标企业{n}", "uscc": make_uscc(n),
                "entity_type": "enterprise", "status": "applying"}

    def _annual_report(self, over: dict[str, Any]) -> dict[str, Any]:
        return {**self._ref(over, "mark_user_id", "mark-user"), "year": 2025,
                "review_status": "submitted"}

    def _plan(self, over: dict[str, Any]) -> dict[str, Any]:
        return {"name": f"抽查计划{self._serial()}", "year": 2026, "sample_count": 3}

    def _inspection(self, over: dict[str, Any]) -> dict[str, Any]:
        return {**self._ref(over, "mark_user_id", "mark-user"), "inspectors": "张三;李四",
                "method": "onsite", "inspection_date": "2026-10-01", "result": "no_problem"}

    def _abnormal(self, over: dict[str, Any]) -> dict[str, Any]:
        return {**self._ref(over, "mark_user_id", "mark-user"), "reason": "unreachable",
                "listed_date": "2026-09-01"}

    def _inspector(self, over: dict[str, Any]) -> dict[str, Any]:
        n = self._serial()
        return {"name": f"检查员{n}", "cert_no": f"1301252026{n:04d}"}

    def _case(self, over: dict[str, Any]) -> dict[str, Any]:
        return {"case_no": f"行市监立字〔2026〕{self._serial()}号", "filed_date": "2026-09-01",
                "source": "complaint", "act": "unauthorised_mark", "party_name": "某某食品店",
                "gi_name": "赣南脐橙", "status": "filed"}

    def _stats(self, over: dict[str, Any]) -> dict[str, Any]:
        as_of = date(2025, 12, 31) - timedelta(days=self._serial() - 1)
        return {"as_of": as_of.isoformat(), "registered_trademarks": 120, "well_known_marks": 1,
                "gi_trademarks": 0, "gi_products": 0, "gi_products_using_mark": 0}

    # The registers of a city (its units, targets, plans, tasks, reviews) and of a unit
    # reporting to it (progress on the city's tasks, answers to its reviews). A county's
    # records refer to the city's as a reference packet delivers them: stored as replicated.

    def _parent_record(self, kind_key: str, values: dict[str, Any]) -> str:
        """Store a record of the parent office (city 130100) as a reference packet would."""
        kind = REGISTRY[kind_key]
        self._parent_n = getattr(self, "_parent_n", 0) + 1
        rid = f"{kind.prefix}-{CITY}-{self._parent_n:06d}"
        now = now_utc()
        with transaction(self.ledger.db):
            records.insert(self.ledger.db, records.StoredRecord(
                kind.table, rid, CITY, now, now, 1, False, to_columns(kind, kind.coerce_all(values)[0])))
        return rid

    def _parent_or_own(self, over: dict[str, Any], key: str, kind_key: str,
                       values: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if key in over:
            return {}
        if self.ledger.mode in REGISTRY[kind_key].written_by:
            return {key: self.add(kind_key).id}
        return {key: self._parent_record(kind_key, values())}

    def _unit(self, over: dict[str, Any]) -> dict[str, Any]:
        n = self._serial()
        code = ("130102", "130104", "130105", "130107", "130108", "130109", "130110", "130111",
                "130121", "130123", "130125", "130126")[(n - 1) % 12]
        return {"code": code, "name": f"单位{n}", "position": n}

    def _target(self, over: dict[str, Any]) -> dict[str, Any]:
        return {"year": 2000 + self._serial(), "measure": "gi_any", "threshold": 1, "scope": "per_unit"}

    def _work_plan(self, over: dict[str, Any]) -> dict[str, Any]:
        return {"name": f"工作计划{self._serial()}", "year": 2026}

    def _task(self, over: dict[str, Any]) -> dict[str, Any]:
        return {**self._parent_or_own(over, "plan_id", "work-plan",
                                      lambda: {"name": f"上级计划{self._serial()}", "year": 2026}),
                "number": str(self._serial()), "text": "做好地理标志培育工作"}

    def _progress(self, over: dict[str, Any]) -> dict[str, Any]:
        def task() -> dict[str, Any]:
            plan = self._parent_record("work-plan", {"name": f"上级计划{self._serial()}", "year": 2026})
            return {"plan_id": plan, "number": str(self._serial()), "text": "做好地理标志培育工作"}
        return {**self._parent_or_own(over, "task_id", "task", task), "status": "in_progress",
                "report_date": "2026-10-01"}

    def _review(self, over: dict[str, Any]) -> dict[str, Any]:
        return {"record_id": f"U-130125-{self._serial():06d}", "verdict": "checked",
                "review_date": "2026-10-01"}

    def _review_answer(self, over: dict[str, Any]) -> dict[str, Any]:
        def review() -> dict[str, Any]:
            return {"record_id": f"U-{self.ledger.office.code}-{self._serial():06d}",
                    "verdict": "returned", "comment": "请补充", "review_date": "2026-10-01"}
        return {**self._parent_or_own(over, "review_id", "review", review), "answer": "已补充",
                "answer_date": "2026-10-02"}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "county.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A fresh database file of county 130125 行唐县 (initialised by 测试员)."""
    database = open_database(db_path)
    init_office(database, OFFICE, clerk=CLERK)
    yield database
    database.close()


@pytest.fixture
def ledger(db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """The county's ledger, today being 2026-11-21."""
    monkeypatch.delenv("GILEDGER_CLERK", raising=False)
    return Ledger(db, today=lambda: TODAY)


@pytest.fixture
def make(ledger: Ledger) -> Make:
    return Make(ledger)


@pytest.fixture
def city_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ledger]:
    """A city's ledger (130100 石家庄市) on a fresh file, today being 2026-11-21."""
    monkeypatch.delenv("GILEDGER_CLERK", raising=False)
    database = open_database(tmp_path / "city.db")
    init_office(database, CITY, clerk=CLERK)
    yield Ledger(database, today=lambda: TODAY)
    database.close()


@pytest.fixture
def make_for(make: Make, city_ledger: Ledger) -> Callable[[str], Make]:
    """``make_for(kind)``: the county's :class:`Make`, or a city's for a register only a
    city keeps (units, targets, plans, tasks, reviews)."""
    city = Make(city_ledger)

    def pick(kind: str) -> Make:
        return make if make.ledger.mode in REGISTRY[kind].written_by else city

    return pick


@pytest.fixture
def bilingual() -> Callable[[FieldError], None]:
    """The check that a refusal is in Chinese and English and names its field."""
    return assert_bilingual


# ---- packets: a demo county and its city ---------------------------------------------------


@pytest.fixture
def demo_county(ledger: Ledger) -> Ledger:
    """The county ledger (130125 行唐县) filled with the small demo: about 300 records of
    every register. The records stand in for a real county's: the ``demo`` setting is
    cleared, so its packets are real ones that a real city takes (demo-marked packets are
    tested in test_packets_demo.py)."""
    from db import meta
    from desktop.demo import generate_demo

    generate_demo(ledger.db, size="small", today=TODAY)
    with transaction(ledger.db):
        meta.set_setting(ledger.db, "demo", None)
    return ledger


@pytest.fixture
def new_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Ledger]]:
    """``new_office(code, folder=code)``: a fresh database of another office in
    ``tmp_path/folder`` (its packets are archived beside it), today being 2026-11-21."""
    monkeypatch.delenv("GILEDGER_CLERK", raising=False)
    opened: list[sqlite_utils.Database] = []

    def make_office(code: str, folder: str | None = None) -> Ledger:
        where = tmp_path / (folder or code)
        where.mkdir(parents=True, exist_ok=False)
        database = open_database(where / "office.db")
        opened.append(database)
        init_office(database, code, clerk=f"{code}经办人")
        return Ledger(database, today=lambda: TODAY)

    yield make_office
    for database in opened:
        database.close()


@pytest.fixture
def city(new_office: Callable[..., Ledger]) -> Ledger:
    """City 130100 石家庄市, the county's superior, on its own file."""
    return new_office(CITY)


# ---- printed forms: the PDF tools the tests read PDFs with ----------------------------------

class PdfTools:
    """poppler's ``pdftotext``/``pdffonts``/``pdftoppm`` and zbar's ``zbarimg`` on a PDF."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _run(self, *argv: str) -> str:
        import subprocess

        return subprocess.run(argv, check=True, capture_output=True, text=True).stdout

    def text(self, pdf: Path, *, first: int | None = None, last: int | None = None) -> str:
        """The text in drawing order (``-raw``), whitespace removed, so a label or value reads
        as one string even where a cell wrapped it."""
        pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        raw = self._run("pdftotext", "-raw", "-enc", "UTF-8", *pages, str(pdf), "-")
        return re.sub(r"\s+", "", raw)

    def pages(self, pdf: Path) -> int:
        info = self._run("pdfinfo", str(pdf))
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    def fonts(self, pdf: Path) -> list[tuple[str, str]]:
        """(font name, embedded yes/no) of every font in the file."""
        lines = self._run("pdffonts", str(pdf)).splitlines()[2:]
        out = []
        for line in lines:
            parts = line.split()
            # name type... encoding emb sub uni object ID: emb is the 5th field from the end
            out.append((parts[0], parts[-5]))
        return out

    def qr(self, pdf: Path, page: int = 1) -> list[str]:
        """The QR codes zbarimg reads on ``page`` rendered at 150 dpi."""
        import subprocess

        stem = self.folder / f"{pdf.stem}-p{page}"
        self._run("pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile",
                  "-png", str(pdf), str(stem))
        done = subprocess.run(["zbarimg", "--raw", "-q", f"{stem}.png"], capture_output=True,
                              text=True)
        return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture
def pdf(tmp_path: Path) -> PdfTools:
    """The PDF tools; skipped on a developer's machine without poppler-utils/zbar-tools, a
    failure when ``CI`` is set (.ci/run installs them)."""
    import os
    import shutil

    missing = [t for t in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo", "zbarimg")
               if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} not installed, but CI is set: .ci/run must "
                        "install poppler-utils and zbar-tools")
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install poppler-utils zbar-tools)")
    folder = tmp_path / "pdf-tools"
    folder.mkdir()
    return PdfTools(folder)
