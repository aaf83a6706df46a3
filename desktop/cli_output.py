"""What every command module writes the same way: JSON on standard output, a refusal on
standard error (exit 3), and the check of an output file's name and folder."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

__all__ = ["EXIT_REFUSED", "dump_json", "refused", "output_problem"]

EXIT_REFUSED = 3


def dump_json(obj: Any, out: TextIO) -> None:
    """``obj`` as indented JSON with Chinese kept as it is, and a newline."""
    json.dump(obj, out, ensure_ascii=False, indent=2)
    out.write("\n")


def refused(text: str) -> int:
    """Say on standard error that the command is refused and why; the refused exit code."""
    sys.stderr.write(f"操作被拒绝 / refused: {text}\n")
    return EXIT_REFUSED


def output_problem(path: Path | None, suffixes: Sequence[str] = (".xlsx", ".pdf")) -> str | None:
    """Why ``path`` cannot be written to (None when it can, or when there is none)."""
    if path is None:
        return None
    if path.suffix.lower() not in suffixes:
        kinds = " 或 ".join(suffixes)
        return (f"输出文件应为 {kinds}：{path} / the output file must end in "
                f"{' or '.join(suffixes)}: {path}")
    if path.parent != Path("") and not path.parent.is_dir():
        return f"文件夹不存在：{path.parent} / no such folder: {path.parent}"
    return None
