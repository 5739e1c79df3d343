"""Backups of a case file, taken with SQLite's online backup API (consistent while the file is
open and being edited), written whole or not at all, checked, and rotated; and restoring one,
which checks the backup before anything is replaced and keeps the file it replaces."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import threading
from pathlib import Path

from . import errors, recovery
from .casefile import _refuse_unless_case_file, _verify_readable
from .files import (
    create_owner_only,
    make_owner_only,
    pid_alive,
    place_new,
    place_uniquely,
    sync_file,
    sync_folder,
)
from .sqlite import apply_key
from .sqlite import dbapi as sqlite3

BACKUP_SUFFIX = ".mdesk-backup"
_STAMP = r"(\d{8}-\d{6})(?:-(\d+))?"
_writing: set[Path] = set()  # partial backups this process is writing now
_writing_lock = threading.Lock()


def backup_name(casefile: Path, when: dt.datetime) -> str:
    return f"{casefile.stem}-{when:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def _backup_pattern(casefile: Path) -> re.Pattern[str]:
    """This case file's own backup names: its exact stem, then the time taken (and a number
    when several were taken in one second), so casebook's never match casebook-2's."""
    return re.compile(f"{re.escape(casefile.stem)}-{_STAMP}{re.escape(BACKUP_SUFFIX)}")


def partial_name(target: Path, pid: int) -> str:
    """The name a backup has while `pid` writes it, hidden beside where it will go."""
    return f".{target.name}.partial-{pid}"


def write_backup(
    source: Path, target: Path, passphrase: str | None = None, *, number_if_taken: bool = False
) -> Path:
    """Copy the case file at `source` to `target` through a read-only connection of its own
    (so it can run on a worker thread), then check the copy. An existing file is never
    replaced: it is refused, or with `number_if_taken` the copy gets the next free number."""
    temporary = target.with_name(partial_name(target, os.getpid()))
    with _writing_lock:
        _writing.add(temporary)
    try:
        create_owner_only(temporary)
        with errors.plain_english_errors(source):
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            apply_key(src, passphrase, source)
            try:
                dest = sqlite3.connect(str(temporary))
                apply_key(dest, passphrase)  # an encrypted file's backup stays encrypted
                try:
                    src.backup(dest)
                    dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                finally:
                    dest.close()
            finally:
                src.close()
        _verify_readable(temporary, exclusive=True, passphrase=passphrase)
        sync_file(temporary)
        if number_if_taken:
            target = place_uniquely(temporary, target, BACKUP_SUFFIX)
        elif not place_new(temporary, target):
            raise errors.CaseFileExists(f"{target.name} already exists; choose another name.")
    except OSError as error:
        raise errors.StorageProblem(
            f"The backup could not be written to {target.parent}: {error.strerror or error}. "
            "The case file itself is unchanged.",
            target,
        ) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            leftover.unlink(missing_ok=True)
        with _writing_lock:
            _writing.discard(temporary)
    return target


def _stamp_and_number(match: re.Match[str]) -> tuple[str, int]:
    return match.group(1), int(match.group(2) or 1)


def backups_in(folder: Path, casefile: Path) -> list[Path]:
    """This case file's backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    pattern = _backup_pattern(casefile)
    found = [
        (_stamp_and_number(match), path)
        for path in folder.iterdir()
        if (match := pattern.fullmatch(path.name)) and path.is_file()
    ]
    return [path for _, path in sorted(found, reverse=True)]


def rotate(folder: Path, casefile: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups; return what was removed."""
    removed = backups_in(folder, casefile)[max(keep, 1) :]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def remove_abandoned_partials(folder: Path, casefile: Path) -> list[Path]:
    """Remove this case file's partial backups whose writer was killed part-way: never another
    file's, one another running copy is writing, or one this process is writing now."""
    pattern = re.compile(rf"\.{_backup_pattern(casefile).pattern}\.partial-(\d+)(?:-journal)?")
    removed = []
    with _writing_lock:
        writing = {str(path) for path in _writing}
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        pid = int(match.group(3))
        ours = pid == os.getpid()  # then only the set above says whether it is live
        if (ours or not pid_alive(pid)) and str(path).removesuffix("-journal") not in writing:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backup_into(
    casefile: Path, folder: Path, keep: int, now: dt.datetime, passphrase: str | None = None
) -> Path:
    """A new timestamped backup in `folder`, then only the newest `keep` are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_abandoned_partials(folder, casefile)
    target = folder / backup_name(casefile, now)
    path = write_backup(casefile, target, passphrase, number_if_taken=True)
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
        match = _backup_pattern(casefile).fullmatch(existing[0].name)
        try:
            taken = dt.datetime.strptime(match.group(1) if match else "", "%Y%m%d-%H%M%S")
        except ValueError:
            taken = dt.datetime.min
        if now - taken < every:
            return None
    return backup_into(casefile, folder, keep, now, passphrase)


def _refuse_with_changes_beside(backup: Path) -> None:
    """A copy taken while its file was open may have changes still in the log (or an
    unfinished one in the journal) beside it; only the file itself is restored, so that would
    quietly lose them."""
    if recovery.wal_pending(backup):
        beside = recovery.wal_path(backup)
    elif recovery.journal_hot(backup):
        beside = recovery.journal_path(backup)
    else:
        return
    raise errors.CaseFileError(
        f"{backup.name} has changes still in {beside.name} beside it, which restoring the file "
        f"alone would leave out. Open {backup.name} in Mediator Desk and close it again, so "
        "the changes are saved into it, then restore it. Nothing has been changed.",
        backup,
    )


def restore(backup: Path, casefile: Path, now: dt.datetime, passphrase: str | None = None) -> Path:
    """Replace `casefile` (which must not be open) with `backup`, after checking the backup
    exactly as a case file is checked on opening. The replaced file is kept beside it."""
    _refuse_with_changes_beside(backup)
    _refuse_unless_case_file(backup, passphrase)
    kept = casefile.with_name(f"{casefile.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    temporary = casefile.with_name(f".{casefile.name}.restoring")
    keeping = casefile.with_name(f".{casefile.name}.keeping")
    try:
        for made in (temporary, keeping):
            made.unlink(missing_ok=True)  # left by a restore that was stopped part-way
            create_owner_only(made)
        shutil.copyfile(backup, temporary)
        if casefile.exists():
            shutil.copyfile(casefile, keeping)
            kept = place_uniquely(keeping, kept)  # two restores in one second keep both
            wal = Path(f"{casefile}-wal")
            if wal.exists():  # committed changes not yet folded in: keep them with the copy
                shutil.copyfile(wal, Path(f"{kept}-wal"))
                make_owner_only(kept)
        sync_file(temporary)
        os.replace(temporary, casefile)
        sync_folder(casefile.parent)
        for sidecar in (Path(f"{casefile}-wal"), Path(f"{casefile}-shm")):
            sidecar.unlink(missing_ok=True)  # they belonged to the file just replaced
    except OSError as error:
        raise errors.StorageProblem(
            f"The backup could not be restored: {error.strerror or error}. The case file is "
            "unchanged.",
            casefile,
        ) from error
    finally:
        for made in (temporary, keeping):
            made.unlink(missing_ok=True)
    return kept
