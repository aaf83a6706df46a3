"""Reading a packet safely: the entry points (:func:`open_packet`, :func:`read_packet`,
:func:`read_meta`) and what they return (:class:`Packet`, :class:`PacketStream`).

Untrusted files are checked before any parser sees them (:mod:`.reading.container`: the path is
a regular file, size, zip bombs, each member's header, flags and method, XML with a DTD); each
sheet's XML is streamed before calamine reads it (:mod:`.reading.scan`: a cell far outside the
data, a row flood, formulas). Values are read with python-calamine on worker threads
(:mod:`.reading.workbook`); every cell is turned into its field's value and its canonical form
(:mod:`.reading.parser`), so the content hash can be recomputed and compared; an edited packet's
changed cells are named (:mod:`.reading.edits`). What the readable part says that the signed
part does not (the cover, the sheets' order and visibility, formulas) is told in
:attr:`Packet.notices` (:mod:`.reading.notices`).

Every name the rest of the program uses is importable from here.
"""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.jobs import CancelCheck, Progress, never_cancelled, no_progress
from desktop.messages import Text
from desktop.packets import format as fmt
from desktop.packets.reading.container import (
    open_zip,
    verify_members,
    workbook_sheets,
)
from desktop.packets.reading.edits import name_edits
from desktop.packets.reading.guard import SheetGuard, fixed_bounds, register_bounds
from desktop.packets.reading.meta import meta_of, peek_kind, read_meta, sheet_order, signature_ok
from desktop.packets.reading.notices import cover_notices, formula_notices, formula_problems, structure_notices
from desktop.packets.reading.parser import CHUNK_ROWS, ReadProgress, read_sheet
from desktop.packets.reading.problems import CellEdit, Problem, where_en, where_zh
from desktop.packets.reading.refusal import (
    LIMITS,
    WHAT_A_PACKET_IS,
    Limits,
    PacketRefused,
    check_input,
    not_a_packet,
)
from desktop.packets.reading.rows import ParsedRow, RowChunk
from desktop.packets.reading.scan import Formula, scan_sheet
from desktop.packets.reading.workbook import Workbook

__all__ = ["PacketRefused", "WHAT_A_PACKET_IS", "not_a_packet", "Problem", "CellEdit", "where_zh",
           "where_en", "ParsedRow", "RowChunk", "Packet", "PacketStream", "read_packet",
           "open_packet", "name_edits", "sort_problems", "LIMITS", "Limits", "CHUNK_ROWS",
           "check_input", "read_meta", "peek_kind", "signature_ok", "gc_paused"]

log = logging.getLogger(__name__)

@dataclass
class Packet:
    """A packet as read: its machine part, rows, and what differs from what was exported."""

    path: Path
    file_hash: str
    meta: dict[str, Any]
    rows: dict[str, list[ParsedRow]] = field(default_factory=dict)
    content_hash: str = ""
    signature_ok: bool = False
    problems: list[Problem] = field(default_factory=list)
    edits: list[CellEdit] = field(default_factory=list)
    added_rows: list[tuple[str, int]] = field(default_factory=list)
    removed_rows: list[tuple[str, str]] = field(default_factory=list)
    notices: list[Text] = field(default_factory=list)
    """What the file shows a person that the signed part does not say: a cover that names
    another office or other counts, sheets deleted, moved, hidden or shown, formulas typed
    in (:mod:`desktop.packets.reading.notices`). Never a reason to merge anything else; the
    import lists them among its warnings."""

    @property
    def edited(self) -> bool:
        return self.content_hash != self.meta.get("content_hash")

    @property
    def office(self) -> str:
        return str(self.meta.get("office") or self.meta.get("from_office") or "")

    @property
    def sequence(self) -> int:
        return int(self.meta.get("sequence") or 0)

    def total_rows(self) -> int:
        return sum(len(v) for v in self.rows.values())


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile (restored after, if it was on).

    Reading a packet makes a few objects per cell and keeps most of them; a full collection
    walks them all again, and collections set off by the growing heap took more time than
    the reading itself. Reading makes next to no cyclic garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_packet(path: Path | str, *, limits: Limits = LIMITS, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> Packet:
    """Read and check a packet file, every row kept in :attr:`Packet.rows`. Raises
    :class:`PacketRefused` for a file that is not a readable packet; cell-level problems and
    edits are listed on the returned :class:`Packet`. (Large packets are merged with
    :func:`open_packet`, which holds one chunk of rows at a time.)"""
    with gc_paused(), open_packet(path, limits=limits, progress=progress, cancelled=cancelled) as stream:
        rows: dict[str, list[ParsedRow]] = {}
        for kind_key, chunk in stream.chunks():
            rows.setdefault(kind_key, []).extend(chunk.rows())
        packet = stream.packet
    order = [s.get("kind") for s in packet.meta.get("sheets") or []]
    packet.rows = {k: rows[k] for k in sorted(rows, key=order.index)}
    sort_problems(packet)
    if packet.edited:
        name_edits(packet, packet.rows.items())
    return packet


@contextlib.contextmanager
def open_packet(path: Path | str, *, limits: Limits = LIMITS, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> Iterator[PacketStream]:
    """Open a packet for reading its rows a chunk at a time (:meth:`PacketStream.chunks`).

    The path, the container, the machine part and the signature are checked on entry (raising
    :class:`PacketRefused`), and the cover compared with the machine part
    (:attr:`Packet.notices`); the cells as the rows are read. ``progress`` counts rows."""
    path = check_input(path)
    zf = open_zip(path, limits)
    book: Workbook | None = None
    try:
        entries = workbook_sheets(zf)
        listed = set(zf.namelist())
        members = {e.name: e.member for e in entries if e.member in listed}
        verify_members(zf, set(members.values()))
        sizes = {name: zf.getinfo(member).file_size for name, member in members.items()}
        guard = SheetGuard(path, members, limits)
        book = Workbook(path, sizes, guard)
        try:
            # The largest sheet is read from the start (a register's, as far as a packet goes;
            # the machine part, read meanwhile, tells which sheets are the registers and their
            # bounds, which the worker waits for before it scans and reads the sheet)
            others = (fmt.META_SHEET, fmt.LISTS_SHEET, fmt.COVER)
            book.read_ahead(sorted((n for n in sizes if n not in others), key=sizes.__getitem__)[-1:])
            meta = meta_of(book)
            guard.set_registers(register_bounds(meta, limits))
            registers = sheet_order(meta, book.sheet_names)
            book.read_ahead(registers)
            # The sheets calamine does not read (and the cover, read last) are scanned here with
            # the fixed bounds: a damaged one, or one with a cell far out, is refused too, in a
            # dry run as in the merge, whether or not anything reads it later
            formulas = {n: scan_sheet(zf, m, n, fixed_bounds(limits, n)) for n, m in members.items()
                        if n not in registers and n != fmt.META_SHEET}
            packet = Packet(path=path, file_hash=fmt.file_sha256(path), meta=meta,
                            notices=structure_notices(meta, entries))
            packet.signature_ok = signature_ok(meta)
        except PacketRefused:
            # A damaged member is said before anything the machine part has against the file
            for name, member in members.items():
                if name != fmt.META_SHEET:
                    scan_sheet(zf, member, name, None)
            raise
        yield PacketStream(book, packet, guard, formulas, progress, cancelled)
    finally:
        if book is not None:
            book.close()
        zf.close()


class PacketStream:
    """An open packet: its machine part (:attr:`packet`) and its rows, a chunk at a time."""

    def __init__(self, book: Workbook, packet: Packet, guard: SheetGuard,
                 formulas: dict[str, list[Formula]], progress: Progress, cancelled: CancelCheck):
        self._book, self.packet, self._guard, self._formulas = book, packet, guard, formulas
        self._progress, self._cancelled = progress, cancelled

    def chunks(self) -> Iterator[tuple[str, RowChunk]]:
        """``(register key, rows)`` of every register sheet the machine part lists, a chunk of
        up to :data:`CHUNK_ROWS` rows at a time; then :attr:`Packet.content_hash` is set.

        Sheets come in the order the workers finish reading them (the first listed that is
        ready), each sheet's chunks one after another. Problems found in the cells go to
        :attr:`Packet.problems` (:func:`sort_problems` puts them in sheet and row order). If
        sheets are refused, the refusal of the first listed of them is raised, whatever order
        they were read in. Formulas found in the sheets are problems of their cells in a packet
        whose content is not what was signed, else :attr:`Packet.notices`."""
        wb, packet = self._book, self.packet
        names = set(wb.sheet_names)
        sheets = packet.meta.get("sheets") or []
        state = ReadProgress(sum(int(s.get("rows", 0)) for s in sheets), self._progress, self._cancelled)
        digest = fmt.ContentDigest()
        pending = list(range(len(sheets)))
        while pending:
            j = pending.pop(wb.pick([str(sheets[k].get("name")) for k in pending]))
            try:
                yield from ((str(sheets[j]["kind"]), rows)
                            for rows in read_sheet(wb, sheets[j], names, digest, state, packet.problems))
            except PacketRefused as e:
                refusal = e
                for k in sorted(k for k in pending if k < j):  # a sheet listed before may be refused too
                    try:
                        for _rows in read_sheet(wb, sheets[k], names, digest, state, []):
                            pass
                    except PacketRefused as earlier:
                        refusal = earlier
                        break
                raise refusal from None
        packet.content_hash = digest.hexdigest()
        if fmt.COVER in names:  # read last: small, and the workers are free by now
            packet.notices += cover_notices(packet.meta, wb.get_sheet_by_name(fmt.COVER).to_python())
        found = dict(self._guard.formulas)
        found.update(self._formulas)
        if packet.edited:
            # A formula in a register sheet of an edited packet may be what was edited: a
            # problem of its cell (before the problems of the cells: sort_problems() keeps
            # them first in their row). Elsewhere it can only repeat a signed value (its
            # cached value is what is read; it is never evaluated): a notice.
            packet.problems[:0] = [p for sheet in sheets for p in formula_problems(sheet, found.pop(
                str(sheet.get("name")), []))]
        packet.notices += formula_notices(found)
        self._progress(state.done, state.total)


def sort_problems(packet: Packet) -> None:
    """Put :attr:`Packet.problems` in the order of the listed sheets, then rows (stable: the
    problems of one row stay in the order they were found)."""
    order = {s.get("name"): n for n, s in enumerate(packet.meta.get("sheets") or [])}
    packet.problems.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row))

