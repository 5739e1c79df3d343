"""Backups of a case file, taken with SQLite's online backup API (consistent while the file is
open and being edited), written whole or not at all, checked, and rotated; and restoring one,
which checks the backup before anything is replaced and keeps the file it replaces."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from . import errors
from .casefile import _apply_key, _refuse_unless_case_file, _verify_readable
from .sqlite import dbapi as sqlite3

BACKUP_SUFFIX = ".mdesk-backup"


def backup_name(casefile: Path, when: dt.datetime) -> str:
    return f"{casefile.stem}-{when:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def write_backup(source: Path, target: Path, passphrase: str | None = None) -> Path:
    """Copy the case file at `source` to `target` through a read-only connection of its own
    (so it can run on a worker thread), then check the copy."""
    temporary = target.with_name(f".{target.name}.partial")
    try:
        with errors.plain_english_errors(source):
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            _apply_key(src, passphrase)
            try:
                dest = sqlite3.connect(str(temporary))
                _apply_key(dest, passphrase)  # an encrypted file's backup stays encrypted
                try:
                    src.backup(dest)
                    dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                finally:
                    dest.close()
            finally:
                src.close()
        _verify_readable(temporary, exclusive=True, passphrase=passphrase)
        os.replace(temporary, target)
    except OSError as error:
        raise errors.StorageProblem(
            f"The backup could not be written to {target.parent}: {error.strerror or error}. "
            "The case file itself is unchanged.",
            target,
        ) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            leftover.unlink(missing_ok=True)
    return target


def backups_in(folder: Path, casefile: Path) -> list[Path]:
    """This case file's backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{casefile.stem}-*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def rotate(folder: Path, casefile: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups; return what was removed."""
    removed = backups_in(folder, casefile)[max(keep, 1) :]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def backup_into(
    casefile: Path, folder: Path, keep: int, now: dt.datetime, passphrase: str | None = None
) -> Path:
    """A new timestamped backup in `folder`, then only the newest `keep` are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path = write_backup(casefile, folder / backup_name(casefile, now), passphrase)
    rotate(folder, casefile, keep)
    return path


def automatic_backup(
    casefile: Path,
    folder: Path,
    keep: int,
    now: dt.datetime,
    every: dt.timedelta,
    passphrase: str | None = None,
) -> Path | None:
    """A new backup unless the newest is younger than `every`; then rotate."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = backups_in(folder, casefile)
    if existing:
        stamp = existing[0].name[len(casefile.stem) + 1 : -len(BACKUP_SUFFIX)]
        try:
            taken = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
        except ValueError:
            taken = dt.datetime.min
        if now - taken < every:
            return None
    return backup_into(casefile, folder, keep, now, passphrase)


def restore(backup: Path, casefile: Path, now: dt.datetime, passphrase: str | None = None) -> Path:
    """Replace `casefile` (which must not be open) with `backup`, after checking the backup
    exactly as a case file is checked on opening. The replaced file is kept beside it."""
    _refuse_unless_case_file(backup, passphrase)
    _verify_readable(backup, exclusive=True, passphrase=passphrase)
    kept = casefile.with_name(f"{casefile.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    temporary = casefile.with_name(f".{casefile.name}.restoring")
    try:
        shutil.copyfile(backup, temporary)
        if casefile.exists():
            shutil.copyfile(casefile, kept)
            wal = Path(f"{casefile}-wal")
            if wal.exists():  # committed changes not yet folded in: keep them with the copy
                shutil.copyfile(wal, Path(f"{kept}-wal"))
        os.replace(temporary, casefile)
        for sidecar in (Path(f"{casefile}-wal"), Path(f"{casefile}-shm")):
            sidecar.unlink(missing_ok=True)  # they belonged to the file just replaced
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise errors.StorageProblem(
            f"The backup could not be restored: {error.strerror or error}. The case file is "
            "unchanged.",
            casefile,
        ) from error
    return kept
