"""No module of the program uses another module's private (``_x``) names.

What one module shares with another is public and named for what it is; a leading underscore
says "only here". Checked on the source (the AST): ``from db.records import _q`` and
``reader._open_zip(...)`` on a module imported from the project both count. The tests may
reach into privates; third-party libraries (xlsxwriter's ``_get_xf_index``) are not ours.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("db", "desktop", "ui", "bench")

PENDING: set[str] = set()
"""Files whose private imports are being removed on another branch of issue 13 (the one packet
engine); drop them from here when it is merged."""


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _ours(module: str) -> bool:
    return module.split(".")[0] in PACKAGES


def private_uses(path: Path) -> list[str]:
    """``line: what`` for each use of another project module's private name in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    modules: set[str] = set()  # local names bound to project modules
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and _ours(node.module):
            for alias in node.names:
                if _is_private(alias.name):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                elif (REPO / node.module.replace(".", "/") / f"{alias.name}.py").exists():
                    modules.add(alias.asname or alias.name)  # `from desktop.packets import reader`
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name):
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):  # db.records._q: the chain's root
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_uses_another_modules_private_names() -> None:
    offenders = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if rel in PENDING:
                continue
            uses = private_uses(path)
            if uses:
                offenders[rel] = uses
    assert offenders == {}


def test_the_check_sees_both_forms(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text("from db.records import _q, get\nfrom desktop.packets import reader\n"
                      "import db.records\n\nreader._open_zip(1)\ndb.records._params(2)\n"
                      "reader.read_packet(3)\nfrom json.encoder import encode_basestring as _s\n",
                      encoding="utf-8")
    assert private_uses(source) == ["1: from db.records import _q", "5: reader._open_zip",
                                    "6: db.records._params"]
