"""Re-encrypting a whole case file (encrypting a plain one, or changing its passphrase) with no
gap: the new file is written beside the old and swapped in with one atomic rename, so a kill at
any moment leaves the old file or the new one at the path, never neither. The old file's bytes
are then overwritten through a name kept for it, and whatever a kill left behind is settled on
the next open."""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.passphrase import passphrase_problem
from . import errors
from .casefile import CaseFile, _database, _verify_readable, connect
from .errors import disk_trouble
from .files import create_owner_only, overwrite, sync_file, sync_folder, wipe
from .lock import CaseFileLock
from .migrations import APPLICATION_ID
from .repository import CaseRepository
from .sqlite import Connection, quote_key
from .sqlite import dbapi as sqlite3

STEPS = ("exported", "closed", "linked", "replaced", "wiped", "finished")


def _step_done(step: str) -> None:
    """A test seam: the kill tests replace it to stop the process after each step."""


def rekeyed_path(path: Path) -> Path:
    """Where the re-encrypted copy is written before it is swapped in."""
    return path.with_name(f".{path.name}.rekeyed")


def retired_path(path: Path) -> Path:
    """A second name for the old file while it is swapped out, so a kill cannot lose track of
    its (perhaps plain) bytes before they are overwritten."""
    return path.with_name(f".{path.name}.retired")


def _rekeyed_files(path: Path) -> list[Path]:
    """The re-encrypted copy and the rollback journal SQLite keeps beside it while writing."""
    rekeyed = rekeyed_path(path)
    return [rekeyed, Path(f"{rekeyed}-journal")]


def export_encrypted(conn: Connection, target: Path, passphrase: str) -> None:
    """Write everything `conn`'s database holds into a new file at `target`, encrypted with
    `passphrase` and carrying the same identity and schema version; checked, and on the disk.
    A disk that lets it down raises OSError; any other SQLite error is about the file read."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    target.unlink(missing_ok=True)
    create_owner_only(target)
    try:
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY {quote_key(passphrase)}", [str(target)])
        try:
            conn.execute("SELECT sqlcipher_export('rekeyed')")
            conn.execute(f"PRAGMA rekeyed.user_version = {version}")
            conn.execute(f"PRAGMA rekeyed.application_id = {APPLICATION_ID}")
        finally:
            conn.execute("DETACH DATABASE rekeyed")
    except sqlite3.OperationalError as error:
        trouble = disk_trouble(error)
        if trouble is None:
            raise  # about the file being read: its caller says which that is
        raise trouble from error
    _verify_readable(target, exclusive=True, passphrase=passphrase)
    sync_file(target)


def swap_in(path: Path, replacement: Path) -> None:
    """Put `replacement` at `path` in one atomic rename, then overwrite the old file's bytes
    and remove them. Between the steps a kill leaves a leftover that `settle_leftovers` clears."""
    retired = retired_path(path)
    retired.unlink(missing_ok=True)
    try:
        os.link(path, retired)  # the old bytes keep a name after the rename
        old = None
    except OSError:  # no hard links here: an open descriptor reaches the old bytes instead
        old = os.open(path, os.O_RDWR)
    try:
        sync_folder(path.parent)
        _step_done("linked")
        os.replace(replacement, path)
        sync_folder(path.parent)
        _step_done("replaced")
        if old is None:
            old = os.open(retired, os.O_RDWR)
        overwrite(old)
        _step_done("wiped")
    finally:
        if old is not None:
            os.close(old)
    retired.unlink(missing_ok=True)
    sync_folder(path.parent)
    _step_done("finished")


def reencrypt(casefile: CaseFile, passphrase: str) -> CaseFile:
    """Write the whole case file again under `passphrase` (encrypting a plain file, or
    changing the passphrase) and put it in place, holding the lock throughout. The old file
    is overwritten before it is removed, so no plain copy is left."""
    if casefile.read_only:
        raise errors.WriteRefused("A case file open read-only cannot be re-encrypted.")
    problem = passphrase_problem(passphrase)
    if problem:
        raise errors.InvalidChange(problem)
    path = casefile.path
    rekeyed = rekeyed_path(path)
    conn = casefile.db.conn
    try:
        try:
            settle_leftovers(path)  # from an earlier attempt that was stopped; we hold the lock
            with errors.plain_english_errors(path):
                export_encrypted(conn, rekeyed, passphrase)
                _step_done("exported")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file holds every change
        except BaseException:
            for leftover in _rekeyed_files(path):  # the case file is still open as it was
                wipe(leftover)
            raise
        conn.close()
        for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):  # never beside the new file
            sidecar.unlink(missing_ok=True)
        _step_done("closed")
        swap_in(path, rekeyed)
    except OSError as error:
        raise errors.StorageProblem(
            f"The case file could not be re-encrypted: {error.strerror or error}. Close "
            "Mediator Desk and open the case file again; it is kept whole.",
            path,
        ) from error
    with errors.plain_english_errors(path):
        db = _database(connect(path, passphrase=passphrase))
    repository = CaseRepository(db, casefile.cases.clock, casefile.cases.actor)
    return CaseFile(path, db, False, casefile.lock, repository, passphrase=passphrase)


def settle_leftovers(path: Path) -> bool:
    """Finish what a killed re-encryption left (the caller holds the lock): keep the file at
    `path`, overwrite and remove the copies beside it. If `path` itself is missing (left so by
    an older version, which moved the old file aside first), put the old file back rather than
    let an empty case file be created there. Returns whether anything was done."""
    rekeyed, retired = rekeyed_path(path), retired_path(path)
    if not has_leftovers(path):
        return False
    if not path.exists() and (retired.exists() or rekeyed.exists()):
        os.replace(retired if retired.exists() else rekeyed, path)
    if retired.exists():
        if os.path.samefile(retired, path):  # stopped before the swap: it is the file itself
            retired.unlink()
        else:
            wipe(retired)
    for leftover in _rekeyed_files(path):
        wipe(leftover)
    sync_folder(path.parent)
    return True


def has_leftovers(path: Path) -> bool:
    """Whether a stopped re-encryption of `path` left files beside it."""
    return any(p.exists() for p in (retired_path(path), *_rekeyed_files(path)))


def recover_interrupted(path: Path) -> bool:
    """Settle a re-encryption that was killed part-way, before the case file is opened; left
    alone while another running copy holds the file (it may be re-encrypting it now)."""
    if not has_leftovers(path):
        return False
    lock = CaseFileLock(path)
    try:
        lock.acquire()
    except (errors.CaseFileInUse, OSError):  # in use, or a folder we cannot write to
        return False
    try:
        return settle_leftovers(path)
    except OSError:  # open what is there, as it is
        return False
    finally:
        lock.release()
