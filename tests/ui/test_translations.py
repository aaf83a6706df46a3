"""The English translation: complete, up to date with the UI sources, well-formed, and loaded.

The UI is written in Chinese; ``resources/translations/giledger_en.ts`` carries the English.
A new or changed ``self.tr(...)`` string makes these tests fail until the ``.ts`` is updated
(``python -m ui.i18n update``) and the new message is translated (Qt Linguist, or by hand).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from ui import i18n

TS = i18n.ts_path("en")

KNOWN = {
    ("MainWindow", "文件(&F)"): "&File",
    ("MainWindow", "编辑(&E)"): "&Edit",
    ("MainWindow", "帮助(&H)"): "&Help",
    ("RegisterPage", "相关记录 ▾"): "Related records ▾",
    ("RegisterPage", "加入培育名录"): "Add to cultivation list",
    ("HistoryDialog", "共 {count} 条：{first} 至 {last}"): "{count} records: {first} to {last}",
    ("SettingsPage", "已备份到：\n{0}"): "Backed up to:\n{0}",
    ("LedgerUndo", "撤销"): "Undo",
}
"""A few messages of different contexts and their English."""

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?\d+|%n")
TAG = re.compile(r"<[^<>]+>")
ACCELERATOR = re.compile(r"&(?=\w)")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, message element) of every message of a ``.ts`` file."""
    root = ET.parse(path).getroot()
    assert root.tag == "TS"
    return [(context.findtext("name") or "", message.findtext("source") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    """The translated text(s) of a message (one per plural form for ``%n`` messages)."""
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def test_the_ts_exists_and_has_the_ui_strings() -> None:
    assert TS.exists(), f"{TS} is missing: run `python -m ui.i18n update` and translate it"
    assert len(_messages(TS)) > 100


def test_every_message_is_translated() -> None:
    unfinished = []
    for context, source, message in _messages(TS):
        translation = message.find("translation")
        if (translation is None or translation.get("type")
                or not all(t.strip() for t in _translations(message))):
            unfinished.append(f"{context}: {source!r}")
    assert not unfinished, (
        f"{len(unfinished)} message(s) of {TS.name} have no (finished) English translation; "
        "translate them in Qt Linguist or in the .ts:\n" + "\n".join(unfinished))


def test_the_ts_is_up_to_date_with_the_ui_sources(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = tmp_path / "giledger_en.ts"
    monkeypatch.setattr(i18n, "ts_path", lambda lang="en": fresh)
    i18n.update_ts("en")  # the same lupdate run as `python -m ui.i18n update`, into tmp_path
    extracted = {(c, s) for c, s, _m in _messages(fresh)}
    committed = {(c, s) for c, s, _m in _messages(TS)}
    new = sorted(extracted - committed)
    gone = sorted(committed - extracted)
    assert not new and not gone, (
        f"{TS.name} is out of date with the UI sources: run `python -m ui.i18n update` and "
        "translate the new messages.\n"
        + "".join(f"new in the sources: {c}: {s!r}\n" for c, s in new)
        + "".join(f"no longer in the sources: {c}: {s!r}\n" for c, s in gone))


def test_translations_keep_placeholders_tags_and_marks() -> None:
    problems = []
    for context, source, message in _messages(TS):
        for text in _translations(message):
            if not text:
                continue  # reported by test_every_message_is_translated
            checks = {
                "placeholders": (Counter(PLACEHOLDER.findall(source)),
                                 Counter(PLACEHOLDER.findall(text))),
                "HTML tags": (Counter(TAG.findall(source)), Counter(TAG.findall(text))),
                "line breaks": (source.count("\n"), text.count("\n")),
                "▾ marks": (source.count("▾"), text.count("▾")),
                "& accelerators": (len(ACCELERATOR.findall(source)),
                                   len(ACCELERATOR.findall(text))),
            }
            for what, (want, got) in checks.items():
                if want != got:
                    problems.append(f"{context}: {source!r} → {text!r}: {what} differ")
    assert not problems, "\n".join(problems)


def test_known_strings_are_translated_as_expected() -> None:
    found = {(c, s): _translations(m)[0] for c, s, m in _messages(TS)}
    for key, english in KNOWN.items():
        assert found.get(key) == english, key


def test_build_qm_makes_a_loadable_translation(qapp, tmp_path: Path) -> None:
    qm = i18n.build_qm("en", target=tmp_path / "giledger_en.qm")
    assert qm == tmp_path / "giledger_en.qm"
    assert qm.stat().st_size > 1_000
    translator = QTranslator()
    assert translator.load(str(qm))
    for (context, source), english in KNOWN.items():
        assert translator.translate(context, source) == english, (context, source)
    assert not translator.translate("MainWindow", "这句话不在界面中")


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """English installed for the test; Chinese again afterwards, whatever happens."""
    try:
        assert i18n.install("en")
        yield
    finally:
        i18n.install("zh")


def test_the_main_window_in_english_then_chinese_again(english, qtbot, demo_ledger,
                                                        qsettings) -> None:
    from ui.main_window import MainWindow

    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
    window = MainWindow(demo_ledger, settings=qsettings, lang="en")
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Help"]
    assert window.action_new.text() == "New record"
    assert window.windowTitle().startswith("GI Ledger — ")
    page = window.register_page("resource")
    assert page.show_deleted.text() == "Show deleted"
    assert page.buttons["cultivate"].text() == "Add to cultivation list"
    assert page.buttons["related"].text() == "Related records ▾"
    assert window.nav.item(0).text() == "Home"

    i18n.install("zh")
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"
    again = MainWindow(demo_ledger, settings=qsettings, lang="zh")
    qtbot.addWidget(again)
    assert [a.text() for a in again.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert again.register_page("resource").show_deleted.text() == "显示已删除"


CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
CJK = re.compile(r"[\u3400-\u9fff]+")


def test_english_translations_hold_no_chinese_punctuation_or_text() -> None:
    """Full-width colons and brackets, or Chinese words, on an English screen come from the
    translation; Chinese is allowed only where the source shows it as an example (行唐)."""
    wrong = []
    for context, source, message in _messages(TS):
        for text in _translations(message):
            if CJK_PUNCTUATION.search(text) or set(CJK.findall(text)) - set(CJK.findall(source)):
                wrong.append(f"{context}: {source!r} → {text!r}")
    assert not wrong, "\n".join(wrong)


def test_qt_dialogs_are_translated_in_chinese_wherever_qt_keeps_its_catalogues(
        qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLibraryInfo

    try:
        assert i18n.install("zh")
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
        # a Qt whose translations path points elsewhere (a bundle, a distribution's Qt):
        # the catalogues of the PySide6 package are found all the same
        monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path)))
        assert i18n.install("zh")
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        i18n.install("en")
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    finally:
        i18n.install("zh")
