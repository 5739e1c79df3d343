"""One running copy per case file, whatever path reaches it.

Two operating-system locks, which the operating system drops when the process ends however it
ends (so a lock left by a crash is stale by construction and the next open takes it over):
- on the case file itself (flock on its own descriptor, on Linux and macOS), so a hard link or
  a symlink cannot open a second writer: SQLite names its write-ahead log after the path, so two
  writers through two names would corrupt the file. flock is independent of SQLite's own
  (fcntl) locks. Closing any descriptor of the file drops the fcntl locks the process holds on
  it, so the descriptor is kept open until the case file's connection has been closed.
- on a lock file beside the file the path resolves to (`casebook.mdesk.lock`; msvcrt.locking
  on Windows, where this is the only lock: a case file held open there could not be replaced
  when it is re-encrypted or restored). Its text says who holds it, for the message shown to a
  second copy, and it still covers the path when the file itself is replaced while open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import CaseFileInUse

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _LOCK_OFFSET = 1 << 30  # lock a byte far past the text, so the holder can still be read

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _lock_case_file(path: Path) -> int | None:
        return -1  # the lock file beside the resolved path is the lock (see above)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _lock_case_file(path: Path) -> int | None:
        """A descriptor of the case file holding its lock; None if another holds it; -1 when
        there is no file yet (a case file being restored in place)."""
        try:  # O_NONBLOCK: never wait on a pipe put in the file's place
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            return -1
        if _try_lock(fd):
            return fd
        os.close(fd)
        return None


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        try:
            since = dt.datetime.fromisoformat(self.since).strftime("%H:%M on %d/%m/%Y")
        except ValueError:
            since = "an unknown time"
        return f"process {self.pid} on {self.host}, since {since}"


def lock_path_for(casefile: Path) -> Path:
    """Beside the file a path leads to, so a symlink and its target share one lock file."""
    real = Path(os.path.realpath(casefile))
    return real.with_name(real.name + ".lock")


class CaseFileLock:
    """Held for as long as a copy of the app has the case file open for editing."""

    def __init__(self, casefile: Path) -> None:
        self.casefile = casefile
        self.path = lock_path_for(casefile)
        self._fd: int | None = None
        self._file_fd = -1  # the case file's own descriptor, while locked (-1: none)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _in_use(self, holder: Holder | None) -> CaseFileInUse:
        who = holder.describe() if holder else "another process"
        return CaseFileInUse(
            f"{self.casefile.name} is already open in another copy of Mediator Desk "
            f"({who}). Only one copy can change a case file at a time. You can open "
            "it read-only to look at it, or close the other copy first.",
            self.casefile,
        )

    def acquire(self) -> None:
        """Take the lock or raise CaseFileInUse naming the holder."""
        file_fd = _lock_case_file(self.casefile)
        if file_fd is None:
            raise self._in_use(_holder_in(self.path))
        try:
            self._lock_beside()
        except BaseException:
            if file_fd >= 0:
                _unlock(file_fd)
                os.close(file_fd)
            raise
        self._file_fd = file_fd

    def _lock_beside(self) -> None:
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise self._in_use(holder)
            # The holder may have removed the lock file between our open and our lock: then we
            # hold a lock on a file nobody else will look at. Start again on the current file.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                _write_holder(fd)
                return
            _unlock(fd)
            os.close(fd)
        raise CaseFileInUse(f"Could not lock {self.casefile.name}; try again.", self.casefile)

    def follow(self) -> None:
        """Hold the case file now under the name, when it was replaced while open (written again
        to change its encryption): the new file is locked before the old one is let go."""
        if self._file_fd < 0:
            return
        try:
            if os.path.samestat(os.fstat(self._file_fd), os.stat(self.casefile)):
                return
        except OSError:
            return
        fd = _lock_case_file(self.casefile)
        if fd is not None and fd >= 0:
            old, self._file_fd = self._file_fd, fd
            _unlock(old)
            os.close(old)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(
            OSError
        ):  # while still held: no one can lock the old file after us
            os.unlink(self.path)
        _unlock(fd)
        os.close(fd)
        file_fd, self._file_fd = self._file_fd, -1
        if file_fd >= 0:
            _unlock(file_fd)
            os.close(file_fd)


def _write_holder(fd: int) -> None:
    text = json.dumps(
        {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
    ).encode()
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text)
    os.fsync(fd)


def _holder_in(path: Path) -> Holder | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return _read_holder(fd)
    finally:
        os.close(fd)


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = json.loads(os.read(fd, 4096).decode())
        return Holder(int(raw["pid"]), str(raw["host"]), str(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
