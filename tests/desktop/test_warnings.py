"""Plausibility warnings (Kind.warnings): a USCC whose entity-kind digits do not fit the
主体类型, or whose division digits lie in another province than the office. Saved, pointed
out by the ledger, the command line's add/edit and ``check`` (as warnings: exit 0)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from desktop.checks import check_file
from desktop.cli import EXIT_OK, main
from desktop.demo import generate_demo
from desktop.fields import Field, FieldError, Kind, RuleContext
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from desktop.registers.mark_user import USCC_FOR_ENTITY_TYPE
from desktop.validation import USCC_ENTITY_KINDS, Reason
from tests.desktop.conftest import assert_bilingual, make_uscc

SHENZHEN = "440300"


def fields_warned(ledger: Ledger, rec) -> dict[str, FieldError]:
    return {w.field_key: w for w in ledger.warnings_of(rec)}


def test_a_cooperative_with_an_enterprise_code_is_saved_with_a_warning(make, ledger) -> None:
    rec = make.add("mark-user", entity_type="cooperative", uscc=make_uscc(1, entity="91"))
    assert ledger.get("mark-user", rec.id).values["entity_type"] == "cooperative"  # saved
    (w,) = ledger.warnings_of(rec)
    assert w.field_key == "uscc"
    assert_bilingual(w)
    assert "“91”（企业）" in w.message_zh and "农民专业合作社" in w.message_zh and "93" in w.message_zh
    assert "farmers' cooperative" in w.message_en and "expected 93" in w.message_en


@pytest.mark.parametrize(("entity_type", "prefix"), [
    ("enterprise", "91"), ("cooperative", "93"), ("individual", "92"),
    ("association", "51"), ("institution", "12"), ("other", "91"), ("other", "93"),
])
def test_fitting_codes_have_no_warning(make, ledger, entity_type: str, prefix: str) -> None:
    rec = make.add("mark-user", entity_type=entity_type, uscc=make_uscc(2, entity=prefix))
    assert ledger.warnings_of(rec) == []


@pytest.mark.parametrize(("entity_type", "prefix"), [
    ("enterprise", "93"), ("individual", "91"), ("association", "91"), ("institution", "51"),
])
def test_codes_of_another_entity_kind_are_warned(make, ledger, entity_type: str, prefix: str) -> None:
    rec = make.add("mark-user", entity_type=entity_type, uscc=make_uscc(3, entity=prefix))
    assert set(fields_warned(ledger, rec)) == {"uscc"}


def test_the_expected_prefixes_are_entity_kinds_of_gb32100() -> None:
    choices = {c.code for c in REGISTRY["mark-user"].field("entity_type").choices}
    assert set(USCC_FOR_ENTITY_TYPE) <= choices
    assert all(p in USCC_ENTITY_KINDS for ps in USCC_FOR_ENTITY_TYPE.values() for p in ps)


def test_a_code_of_another_province_is_warned_in_every_uscc_field(make, ledger) -> None:
    other = make_uscc(4, region=SHENZHEN)
    user = make.add("mark-user", uscc=other)
    (w,) = ledger.warnings_of(user)
    assert w.field_key == "uscc" and "广东省" in w.message_zh and "河北省" in w.message_zh
    assert "440300" in w.message_en and "(44)" in w.message_en and "(13)" in w.message_en
    assert not re.search(r"[\u4e00-\u9fff]", w.reason.en), "one language per message"
    gi = make.add("gi", holder_uscc=other)
    assert set(fields_warned(ledger, gi)) == {"holder_uscc"}
    resource = make.add("resource", applicant_uscc=other)
    assert set(fields_warned(ledger, resource)) == {"applicant_uscc"}
    # another county or the city of the same province is fine
    assert ledger.warnings_of(make.add("mark-user", uscc=make_uscc(5, region="130100"))) == []
    assert ledger.warnings_of(make.add("gi", holder_uscc=make_uscc(6, region="130123"))) == []


def test_both_warnings_at_once_and_edit_keeps_them_visible(make, ledger) -> None:
    rec = make.add("mark-user", entity_type="cooperative", uscc=make_uscc(7, region=SHENZHEN))
    assert len(ledger.warnings_of(rec)) == 2
    fixed = ledger.edit("mark-user", rec.id, {"uscc": make_uscc(7, entity="93")})
    assert ledger.warnings_of(fixed) == []


def test_warnings_are_a_mechanism_of_the_field_description() -> None:
    f = Field("x", "数值", "value")

    def odd(values, ctx):
        if values.get("x") == "odd":
            return [FieldError.of(f, Reason("奇怪", "odd"))]
        return []

    kind = Kind(key="t", table="t", prefix="T", zh="测试", en="test", fields=(f,),
                title_field="x", warnings=(odd,))
    ctx = RuleContext(today=__import__("datetime").date(2026, 1, 1))
    assert kind.validate({"x": "odd"}, ctx) == [], "a warning never refuses"
    assert [w.reason.en for w in kind.check_warnings({"x": "odd"}, ctx)] == ["odd"]
    assert kind.check_warnings({"x": "even"}, ctx) == []


def test_check_lists_warnings_and_still_passes(make, ledger) -> None:
    rec = make.add("mark-user", entity_type="cooperative", uscc=make_uscc(8, entity="91"))
    report = check_file(ledger)
    assert report.errors == []
    (finding,) = [f for f in report.findings if f.record_id == rec.id]
    assert finding.severity == "warning" and finding.field == "uscc"
    assert "农民专业合作社" in finding.message_zh


def test_the_demo_has_no_warnings(ledger) -> None:
    generate_demo(ledger.db, size="small", today=ledger.today())
    assert [f for f in check_file(ledger).findings if f.severity == "warning"] == []


def run(db: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(["--db", str(db), *argv], out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_cli_add_edit_and_check_show_the_warning(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.db"
    assert run(db, "init", "--office", "130125", capsys=capsys)[0] == EXIT_OK
    code, gi, _ = run(db, "add", "gi", "--set", "name=行唐大枣", "--set", "gi_type=证明商标",
                      "--set", "reference_no=6094327", capsys=capsys)
    assert code == EXIT_OK
    gi = gi.strip()
    code, out, err = run(db, "add", "mark-user", "--set", "name=行唐县枣丰合作社",
                         "--set", f"uscc={make_uscc(9, entity='91')}",
                         "--set", "entity_type=农民专业合作社", "--set", f"gi_id={gi}",
                         "--set", "status=申请中", capsys=capsys)
    assert code == EXIT_OK
    user = out.strip()
    assert user.startswith("U-130125-"), "stdout keeps only the id"
    assert "提醒 / warning: uscc:" in err and "农民专业合作社" in err and "farmers' cooperative" in err
    code, out, err = run(db, "edit", "mark-user", user, "--set", "contact=张三", capsys=capsys)
    assert code == EXIT_OK and "revision 2" in out and "warning: uscc" in err
    code, out, err = run(db, "check", capsys=capsys)
    assert code == EXIT_OK, "warnings only: check passes"
    assert "[warning] mark-user " + user + " uscc" in out
    code, out, err = run(db, "edit", "mark-user", user, "--set",
                         f"uscc={make_uscc(9, entity='93')}", capsys=capsys)
    assert code == EXIT_OK and err == ""
