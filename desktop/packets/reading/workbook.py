"""The packet's sheets read by calamine on worker threads (:class:`Workbook`)."""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path
from typing import Any, Protocol

from python_calamine import CalamineWorkbook

from desktop.packets.reading.refusal import PacketRefused

__all__ = ["Workbook", "SheetCheck", "unreadable"]


def unreadable(error: BaseException, what: str) -> BaseException:
    """What calamine raised on the packet's data, as the refusal of a damaged file: its own
    errors, and a panic of its Rust code (pyo3's PanicException, a BaseException). An
    interrupt, exit or MemoryError stays what it is."""
    if isinstance(error, (KeyboardInterrupt, SystemExit, MemoryError, PacketRefused)):
        return error
    if isinstance(error, Exception) or type(error).__name__ == "PanicException":
        refusal = PacketRefused("文件已损坏，无法读取", f"{what}: {error}")
        refusal.__cause__ = error
        return refusal
    return error


class SheetCheck(Protocol):
    """What a :class:`Workbook` runs on a worker before calamine reads a sheet."""

    def __call__(self, name: str) -> None:
        """Raise (:class:`PacketRefused`) if calamine must not read sheet ``name``."""

    def close(self) -> None:
        """Give up: a worker waiting inside :meth:`__call__` returns (or raises) at once."""


class Workbook:
    """The packet as calamine reads it, on worker threads.

    calamine reads a sheet without holding the GIL, so the sheets are read from the file while
    the cells of those read before are checked (and, from the start, while the formula scan
    runs). Each worker has a calamine workbook of its own (calamine takes one caller at a
    time), so a large sheet is read while the smaller ones before it are read and checked.
    Only the workers touch their workbooks until :meth:`close`. Before a worker has calamine
    read a sheet, it has ``guard`` check it (:class:`desktop.packets.reading.guard.SheetGuard`:
    the sheet's XML streamed, refused if a cell lies far out). An error is raised to whoever
    asks for what failed, as if read right then. Sheets are read ahead in the order given to
    :meth:`read_ahead`, while those read and not yet taken are smaller than ``AHEAD_BYTES`` of
    XML; a sheet asked for is read next."""

    AHEAD_BYTES = 64 * 1024 * 1024
    WORKERS = 2

    def __init__(self, path: Path, sizes: dict[str, int], guard: SheetCheck | None = None):
        self._sizes = sizes
        self._guard = guard
        self._cv = threading.Condition()
        self._order: deque[str] = deque()
        self._ready: dict[str, deque[tuple[BaseException | None, Any]]] = {}
        self._held = 0
        self._loading: set[str] = set()
        self._wanted: str | None = None
        self._asked_for: set[str] = set()
        self._closing = False
        self._opened: tuple[BaseException | None, list[str]] | None = None
        self._books: list[CalamineWorkbook] = []
        self._threads = [threading.Thread(target=self._work, args=(str(path), n == 0), daemon=True,
                                          name=f"packet-reader-{n}") for n in range(self.WORKERS)]
        for thread in self._threads:
            thread.start()

    def _work(self, path: str, first: bool) -> None:
        try:
            wb = CalamineWorkbook.from_path(path)
            opened: tuple[BaseException | None, list[str]] = (None, list(wb.sheet_names))
        except BaseException as e:  # noqa: BLE001 - raised to the reader by sheet_names
            wb, opened = None, (unreadable(e, "the file cannot be read"), [])
        with self._cv:
            if wb is not None:
                self._books.append(wb)
            if first:  # what the first worker found is what the reader is told
                self._opened = opened
            self._cv.notify_all()
        if wb is None:
            return
        while True:
            with self._cv:
                while not self._closing and (not self._order or (
                        self._held >= self.AHEAD_BYTES and self._order[0] != self._wanted)):
                    self._cv.wait()
                if self._closing:
                    return
                name = self._order.popleft()
                self._loading.add(name)
            result: tuple[BaseException | None, Any]
            try:
                if self._guard is not None:
                    self._guard(name)  # before calamine sees the sheet
            except BaseException as e:  # noqa: BLE001 - raised to the reader by get_sheet_by_name()
                result = (e, None)
            else:
                try:
                    result = (None, wb.get_sheet_by_name(name))
                except BaseException as e:  # noqa: BLE001 - raised to the reader by get_sheet_by_name()
                    result = (unreadable(e, f"sheet {name!r} cannot be read"), None)
            with self._cv:
                self._ready.setdefault(name, deque()).append(result)
                self._held += self._sizes.get(name, 0)
                self._loading.discard(name)
                self._cv.notify_all()

    @property
    def sheet_names(self) -> list[str]:
        with self._cv:
            while self._opened is None:
                self._cv.wait()
            error, names = self._opened
        if error is not None:
            raise error
        return names

    def read_ahead(self, names: list[str]) -> None:
        """Read these sheets ahead (those not asked for before), the largest first: its rows
        can be checked only once it is read whole, and it takes longest, so the others are read
        and checked meanwhile."""
        with self._cv:
            self._order.extend(sorted((n for n in names if n not in self._asked_for),
                                      key=lambda name: -self._sizes.get(name, 0)))
            self._asked_for.update(names)
            self._cv.notify_all()

    def pick(self, names: list[str]) -> int:
        """Which of ``names`` to check next: the first one read already, waiting until one is
        (or the first one that is not being read ahead: asking for it reads it)."""
        self.sheet_names  # noqa: B018 - raises if the workbook could not be opened
        with self._cv:
            while True:
                for i, name in enumerate(names):
                    if self._ready.get(name):
                        return i
                for i, name in enumerate(names):
                    if name not in self._order and name not in self._loading:
                        return i
                if self._closing:
                    return 0
                self._cv.wait()

    def get_sheet_by_name(self, name: str) -> Any:
        """The sheet, as from calamine's workbook; raises what reading it raised (a calamine
        error as :class:`PacketRefused`: the file is damaged)."""
        self.sheet_names  # noqa: B018 - raises if the workbook could not be opened
        with self._cv:
            if not self._ready.get(name) and name not in self._loading:
                if name in self._order:
                    self._order.remove(name)
                self._order.appendleft(name)
            self._wanted = name
            self._cv.notify_all()
            while not self._ready.get(name):
                self._cv.wait()
            self._wanted = None
            error, sheet = self._ready[name].popleft()
            self._held -= self._sizes.get(name, 0)
            self._cv.notify_all()
        if error is not None:
            raise error
        return sheet

    def close(self) -> None:
        """Stop reading ahead, wait for the workers, close the workbooks."""
        with self._cv:
            self._closing = True
            self._cv.notify_all()
        if self._guard is not None:
            self._guard.close()  # a worker may wait inside it
        for thread in self._threads:
            thread.join()
        for wb in self._books:
            wb.close()
