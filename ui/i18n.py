"""Translations: the UI is written in Simplified Chinese; English comes from Qt Linguist.

``resources/translations/giledger_en.ts`` is the source (edit it in Qt Linguist, or with
``python -m ui.i18n update`` after changing UI strings); the ``.qm`` file the program loads is
built from it by ``lrelease`` (``python -m ui.i18n build``; ``build.spec`` does it for the
bundle, and a source checkout builds it on first use). Field and value labels come from the
registers' own Chinese/English labels, not from Linguist. Qt's standard dialogs use Qt's own
``qtbase_zh_CN`` translation in Chinese.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.messages import pick
from desktop.paths import resources_dir, user_cache_dir

__all__ = ["install", "ts_path", "qm_path", "build_qm", "update_ts", "LANGUAGES", "gap", "shown", "current",
           "qt_translation_dirs"]

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
_installed: list[QTranslator] = []


def ts_path(lang: str = "en") -> Path:
    return resources_dir() / "translations" / f"giledger_{lang}.ts"


def qm_path(lang: str = "en") -> Path:
    return resources_dir() / "translations" / f"giledger_{lang}.qm"


def _tool(name: str) -> list[str] | None:
    """``pyside6-lrelease``/``pyside6-lupdate``, or the binaries inside the PySide6 package."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    import PySide6

    for candidate in (Path(PySide6.__file__).parent / name,
                      Path(PySide6.__file__).parent / f"{name}.exe"):
        if candidate.exists():
            return [str(candidate)]
    return None


def build_qm(lang: str = "en", target: Path | None = None) -> Path:
    """Compile the ``.ts`` of ``lang`` into a ``.qm`` with lrelease; returns the ``.qm``."""
    tool = _tool("lrelease")
    if tool is None:
        raise RuntimeError("lrelease not found (it ships with PySide6)")
    out = target or qm_path(lang)
    subprocess.run([*tool, "-silent", str(ts_path(lang)), "-qm", str(out)], check=True)
    return out


def update_ts(lang: str = "en") -> Path:
    """Re-extract the UI strings of ``ui/`` into the ``.ts`` (keeps existing translations)."""
    tool = _tool("lupdate")
    if tool is None:
        raise RuntimeError("lupdate not found (it ships with PySide6)")
    ui_dir = Path(__file__).resolve().parent
    sources = sorted(str(p) for p in ui_dir.rglob("*.py"))
    subprocess.run([*tool, *sources, "-ts", str(ts_path(lang)), "-no-obsolete"], check=True)
    return ts_path(lang)


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime)


def _ensure_qm(lang: str) -> Path | None:
    """The ``.qm`` to load: the shipped one, else built from the ``.ts`` beside it, or into
    the per-user cache where the resources folder is read-only (an installed package)."""
    qm, ts = qm_path(lang), ts_path(lang)
    if _fresh(qm, ts):
        return qm
    if ts.exists() and not getattr(sys, "frozen", False):
        cached = user_cache_dir() / "translations" / qm.name
        if _fresh(cached, ts):
            return cached
        targets = [qm, cached] if os.access(qm.parent, os.W_OK) else [cached]
        for target in targets:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                return build_qm(lang, target)
            except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
                log.warning("could not build %s: %s", target, e)
    return qm if qm.is_file() else None


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own translations (``qtbase_zh_CN.qm``) may be: Qt's translations path, then the
    ``Qt/translations`` folder of the PySide6 package (pip wheels, the PyInstaller bundle)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "PySide6" / "Qt" / "translations")
    return list(dict.fromkeys(f for f in folders if str(f) not in ("", ".")))


def install(lang: str) -> bool:
    """Make ``lang`` the UI language of the running application; True if its files loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    ok = True
    if lang == "en":
        qm = _ensure_qm("en")
        ours = QTranslator(app)
        if qm is not None and ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("English translation not found")
            ok = False
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        qt = QTranslator(app)
        if any(qt.load("qtbase_zh_CN", str(folder)) for folder in qt_translation_dirs()):
            app.installTranslator(qt)
            _installed.append(qt)
        else:  # Qt's own dialogs (files, colours, buttons) would speak English
            log.warning("Qt's Chinese translation qtbase_zh_CN.qm not found in %s",
                        ", ".join(map(str, qt_translation_dirs())))
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    from ui.editors import set_language

    set_language(lang)
    return ok


def current() -> str:
    """The UI language now: ``zh`` or ``en``."""
    from ui.editors.i18n import language

    return language()


def shown(message: object) -> str:
    """A core message (a :class:`desktop.messages.Text`, an exception, a finding) in the UI
    language only."""
    return pick(message, current())


def gap() -> str:
    """The space between items on one line in the current language: an ideographic space in
    Chinese, two plain spaces in English."""
    from ui.editors.i18n import language

    return "\u3000" if language() == "zh" else "  "


def _main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        print(update_ts())
    elif argv[:1] == ["build"]:
        print(build_qm())
    else:
        print("usage: python -m ui.i18n update|build")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
