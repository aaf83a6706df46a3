"""One window per database file.

A second start on the same database must not open a second window (two clerks' edits
in two windows of one PC would only confuse; the database itself copes). The first
start takes a :class:`QLockFile` beside the database (``county.db.lock``) and listens on
a :class:`QLocalServer` whose name is derived from the database's path; a second start
fails to take the lock, connects to that server and asks the first window to come
forward, then exits::

    instance = SingleInstance(app)
    if not instance.acquire(path):
        instance.request_activation()   # True when the first window answered
        return 0
    instance.activation_requested.connect(lambda: bring_to_front(window))
    ...
    instance.release()

The lock decides who is first; the server is only the way to reach the first. A lock
left by a killed or crashed program is recognised by its process id (the lock file
names it; Qt checks that the process is gone, and on the same machine it also holds an
OS lock on the file while alive) and taken over. Locks are never considered stale by
age, since a window legitimately stays open for days. On Windows the server name is a
named pipe, on Linux a socket file in the temp folder, where one left by a killed
program is removed before listening (only after the lock was taken, so never a live
program's).
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSysInfo, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

__all__ = ["SingleInstance", "bring_to_front", "lock_file_path", "server_name"]

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"
ACK_MESSAGE = b"ok\n"
CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 3000


def _canonical(db_path: Path | str) -> str:
    """The absolute, resolved path; case-folded where the file system ignores case (Windows)."""
    try:
        resolved = Path(db_path).expanduser().resolve()
    except OSError:  # an unreachable network drive: the absolute path is the best we have
        resolved = Path(os.path.abspath(Path(db_path).expanduser()))
    text = os.path.normcase(str(resolved))
    return text.lower() if os.name == "nt" else text


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no user name in some sandboxes
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def server_name(db_path: Path | str) -> str:
    """The local server name for a database: the same for every spelling of its path.

    The OS user is part of the hash: two users opening one shared file each reach only
    their own window, and cannot trip over each other's socket file in ``/tmp``.
    A short name keeps the Unix socket path well under its ~100-byte limit.
    """
    digest = hashlib.sha256(f"{_user()}\0{_canonical(db_path)}".encode()).hexdigest()
    return f"giledger-{digest[:24]}"


def lock_file_path(db_path: Path | str) -> Path:
    """``<database>.lock`` beside the database file."""
    p = Path(db_path).expanduser()
    return p.with_name(p.name + ".lock")


class SingleInstance(QObject):
    """The single-window guard for one database file (see the module docstring)."""

    activation_requested = Signal()
    """Another start asked this window to come forward."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None
        self._path: Path | None = None
        self._holder: tuple[int, str, str] | None = None

    # ---- the first start -------------------------------------------------------

    def acquire(self, db_path: Path | str) -> bool:
        """Take the database for this process. False when another live program holds it.

        A lock that cannot be written at all (a read-only folder, a missing folder) does
        not stop the start: the database open that follows will report the real problem,
        and a read-only place cannot be written by two windows anyway.
        """
        self.release()
        self._path = Path(db_path)
        self._holder = None
        lock = QLockFile(str(lock_file_path(db_path)))
        lock.setStaleLockTime(0)  # never stale by age; a dead process id makes it stale
        if lock.tryLock(0):
            self._lock = lock
            self._listen(server_name(db_path))
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            self._holder = _lock_info(lock)
            log.info("database %s is held by %s", db_path, self._holder)
            return False
        # E.g. the folder does not exist yet: the database open will say so. Without the
        # lock this start does not listen either (it must not displace a live server).
        level = logging.WARNING if self._path.parent.is_dir() else logging.INFO
        log.log(level, "cannot create the lock file %s (%s); starting without the "
                "single-window guard", lock.fileName(), lock.error())
        return True

    def _listen(self, name: str) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # Only the lock holder gets here, so a server of that name is a dead program's
        # leftover (a Unix socket file); on Windows this does nothing.
        QLocalServer.removeServer(name)
        if not server.listen(name):
            # The window still works; a second start just cannot bring it forward.
            log.warning("cannot listen on %s: %s", name, server.errorString())
            server.deleteLater()
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                break
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > 256:  # not one of ours; do not buffer forever
                socket.abort()
            return
        message = bytes(socket.readLine().data()).strip()
        if message == RAISE_MESSAGE.strip():
            log.info("another start asked this window to come forward")
            self.activation_requested.emit()
            socket.write(ACK_MESSAGE)
            socket.flush()
        socket.disconnectFromServer()

    def release(self) -> None:
        """Stop listening and remove the lock file (on exit; safe to call twice)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @property
    def is_held(self) -> bool:
        """True while this object holds its database's lock."""
        return self._lock is not None and self._lock.isLocked()

    @property
    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    # ---- the second start ------------------------------------------------------

    @property
    def holder(self) -> tuple[int, str, str] | None:
        """``(pid, host name, program)`` of the lock's holder after a failed :meth:`acquire`."""
        return self._holder

    def held_elsewhere(self) -> bool:
        """True when the holder runs on another computer (a database on a shared folder)."""
        if not self._holder or not self._holder[1]:
            return False
        return self._holder[1].lower() != QSysInfo.machineHostName().lower()

    def request_activation(self, *, timeout_ms: int | None = None) -> bool:
        """Ask the program holding the database (see :meth:`acquire`) to bring its window
        forward. True when it answered within ``timeout_ms`` (default
        :data:`ANSWER_TIMEOUT_MS`); False when it could not be reached (another user or
        computer) or did not answer (it is still starting, or hangs).

        Blocks; the answer needs the other program's event loop, so it never comes from
        this thread's own :class:`SingleInstance`."""
        if self._path is None:
            raise RuntimeError("acquire() first")
        if timeout_ms is None:
            timeout_ms = ANSWER_TIMEOUT_MS
        _allow_foreground(self._holder[0] if self._holder else None)
        socket = QLocalSocket()
        try:
            socket.connectToServer(server_name(self._path))
            if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
                log.info("the first window cannot be reached: %s", socket.errorString())
                return False
            socket.write(RAISE_MESSAGE)
            if not socket.waitForBytesWritten(CONNECT_TIMEOUT_MS):
                return False
            answer = b""
            while not answer.endswith(b"\n"):
                if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
                    log.info("the first window did not answer")
                    return False
                answer += bytes(socket.readAll().data())
            return answer == ACK_MESSAGE
        finally:
            with contextlib.suppress(RuntimeError):
                socket.abort()


def _lock_info(lock: QLockFile) -> tuple[int, str, str] | None:
    info = lock.getLockInfo()  # (0, "", "") when the lock file cannot be read
    if isinstance(info, tuple) and len(info) == 3 and info[0]:
        pid, host, app = info
        return int(pid), str(host), str(app)
    return None


def _allow_foreground(pid: int | None) -> None:
    """On Windows a background program may not take the focus; the program the clerk just
    started may hand its right on to the window it asks to come forward."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(pid if pid else -1)  # -1: ASFW_ANY
    except (AttributeError, OSError) as e:  # pragma: no cover - best effort
        log.debug("AllowSetForegroundWindow failed: %s", e)


def bring_to_front(window: QWidget) -> None:
    """Show, restore (if minimised), raise and activate ``window``."""
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    if window.isHidden():
        window.show()
    window.raise_()
    window.activateWindow()
