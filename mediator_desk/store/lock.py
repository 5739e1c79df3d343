"""One running copy per case file.

A lock file beside the case file (`casebook.mdesk.lock`) is held with an operating-system lock
(flock on Linux and macOS, msvcrt.locking on Windows). The operating system drops it when the
process ends, however it ends, so a lock left by a crash is stale by construction and the next
open simply takes it over. The file's text says who holds it, for the message shown to a
second copy.
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
    return casefile.with_name(casefile.name + ".lock")


class CaseFileLock:
    """Held for as long as a copy of the app has the case file open for editing."""

    def __init__(self, casefile: Path) -> None:
        self.casefile = casefile
        self.path = lock_path_for(casefile)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise CaseFileInUse naming the holder."""
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                who = holder.describe() if holder else "another process"
                raise CaseFileInUse(
                    f"{self.casefile.name} is already open in another copy of Mediator Desk "
                    f"({who}). Only one copy can change a case file at a time. You can open "
                    "it read-only to look at it, or close the other copy first.",
                    self.casefile,
                )
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


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = json.loads(os.read(fd, 4096).decode())
        return Holder(int(raw["pid"]), str(raw["host"]), str(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
