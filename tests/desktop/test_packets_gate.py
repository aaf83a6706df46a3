"""Every kind of incoming packet passes the same gate (desktop.packets.gate): a county packet at
its city, and a receipt, a restore packet and a reference packet at the county, are held to the
same rules, with the same refusal for the same fault, and the receiving database unchanged.

The county is 130125 行唐县 (``ledger``); its city 130100 石家庄市 (``city``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from db import maintenance, packets
from db.connection import now_utc, transaction
from desktop import keys
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, NOTHING, REFUSED, apply_import, plan_import
from desktop.packets.outcome import Outcome

KINDS = ("county", "receipt", "restore", "reference")
LOG_TABLES = ("packet_log", "audit_log", "sqlite_sequence")  # the logs and their AUTOINCREMENT counters


def data_digest(db: Any) -> str:
    """:func:`db.maintenance.content_digest` without the packet and audit logs."""
    return maintenance.content_digest(db, exclude=LOG_TABLES)  # the search index's FTS5 tables cannot be scanned


@dataclass
class Case:
    """One kind of packet: the file, who takes it, and its dry run and import there."""

    kind: str
    path: Path
    receiver: Ledger
    sender: str

    def dry_run(self, path: Path | None = None, **options: Any) -> Outcome:
        if self.kind == "county":
            return plan_import(self.receiver, path or self.path, **options)
        return special.import_special(self.receiver, path or self.path, dry_run=True, **options)

    def take(self, path: Path | None = None, **options: Any) -> Outcome:
        if self.kind == "county":
            return apply_import(self.receiver, plan_import(self.receiver, path or self.path, **options)).plan
        return special.import_special(self.receiver, path or self.path, **options)


@pytest.fixture
def cases(ledger: Ledger, make: Any, city: Ledger, new_office: Callable[..., Ledger],
          tmp_path: Path) -> Iterator[dict[str, Case]]:
    """A packet of every kind, each with the database that takes it (nothing imported yet)."""
    make.add("resource")
    make.add("mark-user")
    county = export_packet(ledger, tmp_path / "county.xlsx").path
    # The city takes the county packet in its own copy (the case's city stays as it was)
    taken = new_office("130100", "city-copy")
    assert apply_import(taken, plan_import(taken, county)).plan.status == MERGE
    type(make)(taken).add("gi")
    receipt = special.make_receipt(taken, county, tmp_path / "receipt.xlsx")
    restore = special.make_restore_packet(taken, "130125", tmp_path / "restore.xlsx").path
    reference = special.make_reference_packet(taken, tmp_path / "reference.xlsx").path
    rebuilt = new_office("130125", "rebuilt")
    yield {"county": Case("county", county, city, "130125"),
           "receipt": Case("receipt", receipt, ledger, "130100"),
           "restore": Case("restore", restore, rebuilt, "130100"),
           "reference": Case("reference", reference, ledger, "130100")}


def rewrite_meta(src: Path, dst: Path, old: str, new: str) -> Path:
    """A copy of a packet with one piece of its machine part's JSON replaced (not re-signed)."""
    wb = openpyxl.load_workbook(src)
    ws = wb[fmt.META_SHEET]
    hits = [c for c in ws["A"] if isinstance(c.value, str) and old in c.value]
    assert len(hits) == 1, old
    hits[0].value = hits[0].value.replace(old, new, 1)
    wb.save(dst)
    return dst


def refused_alike(case: Case, path: Path, **options: Any) -> Outcome:
    """Refused, dry run and import alike, the receiving database left as it was."""
    before = data_digest(case.receiver.db)
    dry = case.dry_run(path, **options)
    done = case.take(path, **options)
    assert dry.status == done.status == REFUSED, (case.kind, dry.refusals, done.refusals)
    assert data_digest(case.receiver.db) == before
    assert list(dry.refusals) == list(done.refusals)
    return done


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_passes_as_sent(kind: str, cases: dict[str, Case]) -> None:
    case = cases[kind]
    dry = case.dry_run()
    assert dry.status == MERGE, dry.refusals
    assert dry.pin_needed and any("首次收到" in w for w in dry.warnings)
    assert case.take().status == MERGE
    assert packets.pinned(case.receiver.db, case.sender).key_fingerprint == dry.fingerprint


def test_a_forged_machine_part_is_refused_alike(cases: dict[str, Case], tmp_path: Path) -> None:
    reasons = set()
    for kind, case in cases.items():
        forged = rewrite_meta(case.path, tmp_path / f"{kind}-forged.xlsx", '"clerk":"', '"clerk":"某人')
        reasons.add(str(refused_alike(case, forged).refusals[0]))
    assert reasons == {"数据包签名无效（文件已损坏或被伪造） / the packet's signature is not valid"}


def test_a_newer_schema_is_refused_alike(cases: dict[str, Case], tmp_path: Path) -> None:
    reasons = set()
    for kind, case in cases.items():
        newer = rewrite_meta(case.path, tmp_path / f"{kind}-newer.xlsx", '"schema_version":', '"schema_version":9')
        reasons.add(str(refused_alike(case, newer).refusals[0]))
    assert len(reasons) == 1 and "请先升级本机程序" in reasons.pop()


def test_demo_data_is_refused_alike(cases: dict[str, Case], tmp_path: Path) -> None:
    reasons = set()
    for kind, case in cases.items():
        marked = rewrite_meta(case.path, tmp_path / f"{kind}-demo.xlsx", '"packet_kind":',
                              '"not_for_reporting":"demo","packet_kind":')
        reasons.add(str(refused_alike(case, marked).refusals[0]))
    assert len(reasons) == 1 and "演示数据" in reasons.pop()


def _pin_another_key(case: Case) -> str:
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    with transaction(case.receiver.db):
        packets.pin(case.receiver.db, case.sender, "某单位", "county" if case.kind == "county" else "city",
                    None, keys.public_key_text(raw), keys.fingerprint(raw), now_utc())
    return keys.fingerprint(raw)


def test_another_key_than_the_pinned_one_is_refused_alike_until_re_enrolled(cases: dict[str, Case]) -> None:
    for kind, case in cases.items():
        pinned = _pin_another_key(case)
        plan = refused_alike(case, case.path)
        assert any("另一把密钥" in r and pinned in r and "--re-enrol" in r for r in plan.refusals), \
            (kind, plan.refusals)
        again = case.dry_run(re_enrol=True)
        assert again.status == MERGE and again.pin_needed, (kind, again.refusals)
        assert any("重新登记新公钥" in w for w in again.warnings)


@pytest.mark.parametrize("kind", ["county", "reference"])
def test_numbered_kinds_take_a_packet_once_and_never_an_older_one(kind: str, cases: dict[str, Case]) -> None:
    case = cases[kind]
    assert case.take().status == MERGE
    before = data_digest(case.receiver.db)
    again = case.dry_run()
    assert again.status == NOTHING and any("无需再次导入" in w for w in again.warnings)
    assert case.take().status == NOTHING and data_digest(case.receiver.db) == before
    with transaction(case.receiver.db):  # as if packet 5 had been merged since
        packets.set_merge_state(case.receiver.db, case.sender, 5, "x" * 64, now_utc())
    older = refused_alike(case, case.path)
    assert any("早于" in r and "第 5 号" in r for r in older.refusals), older.refusals


# ---- a packet merged before: answered from the packet log --------------------------------------

@pytest.mark.parametrize("kind", ["county", "reference"])
def test_a_packet_merged_before_is_answered_without_reading_a_row(kind: str, cases: dict[str, Case],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.packets import gate, pipeline

    case = cases[kind]
    assert case.take().status == MERGE
    before = data_digest(case.receiver.db)
    checked: list[bool] = []
    real_signature_ok = gate.signature_ok

    def signature_ok(meta: dict[str, Any]) -> bool:
        checked.append(real_signature_ok(meta))
        return checked[-1]

    def no_rows(*args: Any, **kw: Any) -> Any:
        raise AssertionError("the packet's rows were read")

    monkeypatch.setattr(gate, "signature_ok", signature_ok)
    monkeypatch.setattr(pipeline, "open_packet", no_rows)
    for outcome in (case.dry_run(), case.take()):
        assert outcome.status == NOTHING and outcome.already_logged, outcome.refusals
        assert any("无需再次导入" in w for w in outcome.warnings)
        assert not outcome.problems and outcome.packet is not None and not outcome.packet.edited
    assert checked == [True, True]  # the signature, checked each time
    assert data_digest(case.receiver.db) == before
    assert next(e.status for e in packets.packet_log(case.receiver.db) if e.packet_kind == kind) == "nothing"


def test_only_the_very_file_merged_as_signed_is_answered_from_the_log(ledger: Ledger, make: Any, city: Ledger,
                                                                      tmp_path: Path) -> None:
    from desktop.packets.importer import import_packet

    make.add("resource")
    path = export_packet(ledger, tmp_path / "p.xlsx").path
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["普查资源"]
    column = [c.value for c in ws[1]].index("产品名称*") + 1
    ws.cell(row=2, column=column).value = "改过的名称"
    wb.save(edited)
    # merged as edited (accepted): the same file again is read and refused as an edited copy
    assert import_packet(city, edited, accept_edited=True).merged
    again = plan_import(city, edited)
    assert again.status == REFUSED and not again.already_logged
    assert any("已合并过，且本文件在导出后被修改" in r for r in again.refusals)
    # the file as signed, not merged itself: read in full (nothing to do, as its content was merged)
    same = plan_import(city, path)
    assert not same.already_logged and same.status == NOTHING, same.refusals
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(path).save(resaved)
    assert not plan_import(city, resaved).already_logged
