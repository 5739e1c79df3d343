"""File-system steps shared by backups, restores and re-encryption: files made for the owner
only, names that never replace a kept file, plain text overwritten before removal, and renames
made durable."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

OWNER_ONLY = 0o600


def create_owner_only(path: Path) -> None:
    """Make an empty file only its owner can read, before anything is written into it (SQLite
    then opens it as an empty database), so no copy is ever readable by others, even briefly."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))


def make_owner_only(path: Path) -> None:
    """Narrow an existing file (and its SQLite sidecars) to its owner, where the system allows."""
    for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(each, OWNER_ONLY)


def numbered(name: str, suffix: str, number: int) -> str:
    """`name` as given for 1, else with -2, -3... before `suffix` (which `name` ends with)."""
    if number == 1:
        return name
    stem = name[: len(name) - len(suffix)] if suffix else name
    return f"{stem}-{number}{suffix}"


def place_uniquely(temporary: Path, wanted: Path, suffix: str = "") -> Path:
    """Give the finished `temporary` the name `wanted`, or a numbered one if that is taken:
    a kept copy is never replaced, even by another taken in the same second."""
    for number in range(1, 1000):
        target = wanted.with_name(numbered(wanted.name, suffix, number))
        if place_new(temporary, target):
            return target
    raise FileExistsError(f"too many files named like {wanted.name}")


def place_new(temporary: Path, target: Path) -> bool:
    """Move `temporary` to `target` unless `target` exists (False then, nothing moved)."""
    try:
        os.link(temporary, target)  # fails, rather than replace a file that is there
    except FileExistsError:
        return False
    except OSError:  # file systems without hard links
        if target.exists():
            return False
        os.replace(temporary, target)
        sync_folder(target.parent)
        return True
    temporary.unlink()
    sync_folder(target.parent)
    return True


def overwrite(handle_fd: int) -> None:
    """Overwrite a whole file through its descriptor with zeros and flush it to the disk, so
    the children's data it held cannot be read back from it."""
    size = os.fstat(handle_fd).st_size
    os.lseek(handle_fd, 0, os.SEEK_SET)
    block = b"\0" * (1 << 20)
    left = size
    while left > 0:
        left -= os.write(handle_fd, block[: min(left, len(block))])
    os.fsync(handle_fd)


def wipe(path: Path) -> None:
    """Overwrite a file, then remove it (a missing file is already gone)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        overwrite(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_file(path: Path) -> None:
    _fsync(path, os.O_RDWR)


def sync_folder(folder: Path) -> None:
    """Make a rename or removal in `folder` durable (POSIX; Windows has no folder fsync)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    _fsync(folder, os.O_RDONLY)


def pid_alive(pid: int) -> bool:
    """Whether process `pid` is running (on Windows, assumed so unless it is this one)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would signal it there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
