"""Rows as tab-separated text, the way Excel puts a copied range on the clipboard.

Pasting such text into Excel, WPS or LibreOffice Calc fills one cell per value. A value
holding a tab, a line break or a double quote is wrapped in double quotes with its inner
quotes doubled, as Excel does, so it stays one cell and the rows stay rows. Rows end with
CR LF, as Excel's own copies do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from desktop.fields import FieldType

if TYPE_CHECKING:
    from desktop.browse import Browser

__all__ = ["quote_cell", "format_tsv", "register_rows_tsv", "COPY_CHUNK"]

ROW_END = "\r\n"
_SPECIAL = ("\t", "\n", "\r", '"')
COPY_CHUNK = 500
"""Rows fetched from the database at a time while copying."""


def quote_cell(value: str) -> str:
    """One cell's text, quoted when a tab, line break or double quote would break it."""
    if any(c in value for c in _SPECIAL):
        return '"' + value.replace('"', '""') + '"'
    return value


def format_tsv(rows: Iterable[Sequence[str]]) -> str:
    """Rows of cell texts (the header line first, if any) as one tab-separated text."""
    return "".join("\t".join(quote_cell(cell) for cell in row) + ROW_END for row in rows)


def _register_rows(browser: Browser, ids: Sequence[str], keys: Sequence[str],
                   lang: str) -> Iterator[list[str]]:
    """The display texts of ``keys`` for the records ``ids``, in that order."""
    long_texts = {f.key: f for f in browser.kind.fields if f.type is FieldType.LONGTEXT}
    for start in range(0, len(ids), COPY_CHUNK):
        chunk = ids[start:start + COPY_CHUNK]
        views = browser.rows(chunk, lang)
        for rid in chunk:
            view = views.get(rid)
            if view is None:  # deleted by someone else since the list was made
                continue
            row = []
            for key in keys:
                if key in long_texts:  # the table shows line breaks as ⏎; a cell keeps them
                    row.append(long_texts[key].display(view.record.values.get(key), lang))
                else:
                    row.append(view.texts.get(key, ""))
            yield row


def register_rows_tsv(browser: Browser, ids: Sequence[str], keys: Sequence[str],
                      lang: str = "zh") -> str:
    """The records ``ids`` of a register, columns ``keys``, as tab-separated text.

    The first line holds the column headers in ``lang``; values are what the table shows
    (labels of coded values, titles of referenced records), long texts in full. Rows are
    fetched :data:`COPY_CHUNK` at a time, so thousands of records copy in one query per chunk.
    """
    columns = {c.key: c for c in browser.columns}
    unknown = [k for k in keys if k not in columns]
    if unknown:
        raise ValueError(f"{browser.kind.key} has no column {', '.join(unknown)}")
    header = [columns[k].zh if lang == "zh" else columns[k].en[:1].upper() + columns[k].en[1:]
              for k in keys]
    return format_tsv([header, *_register_rows(browser, ids, keys, lang)])
