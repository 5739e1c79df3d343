"""Opening, creating, checking and closing a case file.

Every connection is made here. What no write-ahead log can mend (not SQLite, another program's,
newer) is refused from the header bytes before SQLite opens the file; the file is then locked
against a second running copy and judged as SQLite reads it, its log replayed on a private copy
(store/recovery.py), so a file cut short by a crash is never called damaged and a file that is
refused is never written to. Then it is opened, and upgraded (after a backup beside it) if it is
an older schema.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from . import errors, recovery
from .files import create_owner_only
from .header import Header, HeaderProblem, read_header
from .lock import CaseFileLock
from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version
from .repository import CaseRepository, Now
from .sqlite import Connection, apply_key, forget_keys
from .sqlite import dbapi as sqlite3

BUSY_TIMEOUT_MS = 5000
CHECK_STOPPED = "The check of the case file stopped: it was closed."
KEPT = "It has not been changed."


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def connect(path: Path, *, read_only: bool = False, passphrase: str | None = None) -> Connection:
    """The one connection factory: the key (if encrypted), foreign keys on, WAL, full sync,
    a busy timeout.

    synchronous=FULL syncs the write-ahead log at every commit, so a saved edit survives a power
    cut; an autosave commit still takes a few milliseconds (see tests/benchmarks).
    """
    if read_only:
        conn = _connect_read_only(path, passphrase)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        apply_key(conn, passphrase, path)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _connect_read_only(path: Path, passphrase: str | None = None) -> Connection:
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    apply_key(conn, passphrase, path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL file in a folder we cannot write: read it as it stands on disk.
        conn.close()
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        apply_key(conn, passphrase, path)
        return conn


def _database(conn: Connection) -> Database:
    return Database(conn, execute_plugins=False, recursive_triggers=False)


@dataclass
class CaseFile:
    """An open case file. Close it (or use it as a context manager) to release the lock."""

    path: Path
    db: Database
    read_only: bool
    lock: CaseFileLock | None
    cases: CaseRepository
    migrated_from: int | None = None
    backup_path: Path | None = None
    created: bool = False
    passphrase: str | None = field(default=None, repr=False)  # in memory only

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    _closed: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        if self.lock is not None:  # the file may have been written again under its name
            self.lock.follow()

    @property
    def schema_version(self) -> int:
        return user_version(self.db)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        forget_keys()  # a derived key is the passphrase's equal: kept no longer than needed
        try:
            self.db.conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _could_be_encrypted(path: Path) -> bool:
    """SQLCipher files are whole pages of random-looking bytes; text files and most others
    are not."""
    size = path.stat().st_size
    if size < 1024 or size % 512:
        return False
    with open(path, "rb") as handle:
        sample = handle.read(512)
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in sample)
    return printable < len(sample) * 0.8


def _refuse_unless_regular(path: Path) -> None:
    """A folder, a device (/dev/zero) or a pipe is never read: reading a pipe would wait forever."""
    if path.is_dir():
        raise errors.NotACaseFile(f"{path} is a folder, not a case file.", path)
    if not path.is_file():
        raise errors.NotACaseFile(
            f"{path} is not a regular file (it is a device, a pipe or something similar), so it "
            f"cannot be a Mediator Desk case file. {KEPT}",
            path,
        )


def _damaged(path: Path, tried: str = "") -> errors.DamagedCaseFile:
    """The refusal of a file that cannot be read safely; `tried` tells what SQLite tried."""
    return errors.DamagedCaseFile(
        f"{path.name} is damaged and cannot be read safely.{tried} {KEPT} Restore it from a "
        "backup; do not delete it.",
        path,
    )


def _refuse_identity(path: Path, application_id: int, version: int) -> None:
    """Whose file it is and which version, from its header or from SQLite."""
    name = path.name
    if application_id != APPLICATION_ID:
        raise errors.NotACaseFile(
            f"{name} is a database made by another program, not a Mediator Desk case file. {KEPT}",
            path,
        )
    if version > SCHEMA_VERSION:
        raise errors.NewerCaseFile(
            f"{name} was saved by a newer version of Mediator Desk (case file version "
            f"{version}; this version reads up to {SCHEMA_VERSION}). Install the newer version "
            f"to open it. {KEPT}",
            path,
        )
    if version < 1:
        raise errors.NotACaseFile(
            f"{name} carries the mark of a Mediator Desk case file, but its version number "
            f"({version}) is not one Mediator Desk has ever written, so it cannot be opened. "
            f"{KEPT}",
            path,
        )


def _header_gate(path: Path, passphrase: str | None) -> Header | None:
    """Refuse from the header bytes alone what no write-ahead log can mend (not SQLite, empty,
    another program's, newer), before SQLite opens the file. None for an encrypted file."""
    name = path.name
    try:
        header = read_header(path)
    except HeaderProblem as problem:
        if problem.kind == "not_sqlite" and (passphrase is not None or _could_be_encrypted(path)):
            if passphrase is None:
                raise errors.PassphraseNeeded(
                    f"{name} is encrypted, or it is not a Mediator Desk case file. Enter its "
                    "passphrase to open it.",
                    path,
                ) from None
            return None
        if problem.kind == "empty":
            raise errors.NotACaseFile(
                f"{name} is an empty file, not a Mediator Desk case file. {KEPT}", path
            ) from None
        if problem.kind == "truncated":
            raise errors.DamagedCaseFile(
                f"{name} is damaged: it is shorter than a case file can be, as if a copy was "
                f"cut short. {KEPT} Restore it from a backup or copy it again.",
                path,
            ) from None
        raise errors.NotACaseFile(
            f"{name} is not a Mediator Desk case file (it is not a database at all). {KEPT}",
            path,
        ) from None
    _refuse_identity(path, header.application_id, header.user_version)
    return header


def _judge(path: Path, passphrase: str | None, *, check: bool, locked: bool) -> tuple[int, bool]:
    """Judge the file as SQLite reads it, with any write-ahead log replayed first (on a private
    copy when we hold the lock, else through a read-only connection), and refuse it only if
    that fails too. Returns its schema version and whether its structure was checked. Not a
    byte of the file or its log changes."""
    header = _header_gate(path, passphrase)
    hot = recovery.journal_hot(path)  # SQLite must roll back an unfinished change first
    pending = hot or recovery.wal_pending(path)
    if not pending and header is not None and header.truncated:
        raise errors.DamagedCaseFile(
            f"{path.name} is damaged: part of it is missing ({header.file_size:,} of "
            f"{header.page_size * header.page_count:,} bytes), as if a copy was cut short. "
            f"{KEPT} Restore it from a backup or copy it again.",
            path,
        )
    attempts: tuple[Callable[[Path, str | None, bool], recovery.Inspection], ...]
    if hot:  # only a connection that may write can roll it back
        attempts = (recovery.with_log_on_a_copy,)
    elif not locked:  # another copy may be writing: SQLite's own locks keep the reading whole
        attempts = (recovery.with_log_read_only, recovery.with_log_on_a_copy)
    elif pending:
        attempts = (recovery.with_log_on_a_copy, recovery.with_log_read_only)
    else:
        attempts = (recovery.main_file_alone,)
    key_refused, read_any = True, False
    for attempt in attempts:
        try:
            found = attempt(path, passphrase, check)
        except OSError:  # no room for a private copy: the next way may still work
            continue
        except recovery.Unreadable as problem:
            read_any = True
            key_refused = key_refused and problem.key_refused
            continue
        if found.integrity in (None, "ok"):
            break
        read_any, key_refused = True, False
    else:
        if not read_any:
            raise errors.StorageProblem(
                f"{path.name} was not closed properly, and it must be checked on a copy before "
                "it is used, but there is no room for the copy in the temporary folder. Free "
                f"some disk space and open it again. {KEPT}",
                path,
            )
        if key_refused and header is None:
            raise errors.WrongPassphrase(
                f"That passphrase does not open {path.name} (or it is not a Mediator Desk case "
                f"file). {KEPT} Check the passphrase and try again.",
                path,
            )
        log = "rollback journal" if hot else "write-ahead log"
        tried = f" SQLite could not recover it from its {log} either." if pending else ""
        raise _damaged(path, tried)
    _refuse_identity(path, found.application_id, found.user_version)
    missing = recovery.tables_at(found.user_version) - found.tables
    if missing:
        raise errors.NotACaseFile(
            f"{path.name} carries the mark of a Mediator Desk case file, but parts every case "
            f"file has are missing ({', '.join(sorted(missing)[:4])}), so it cannot be opened. "
            f"{KEPT}",
            path,
        )
    return found.user_version, found.integrity is not None


def _roll_back_journal(path: Path, passphrase: str | None) -> None:
    """Before a read-only open: let SQLite undo, in place, the unfinished change a hot journal
    records (no read-only connection can, and the file reads as last committed only once it
    is done). The right passphrase was proved on a copy. Nothing committed changes, and no
    other copy can be writing: we hold the lock while it runs."""
    name, journal = path.name, recovery.journal_path(path).name
    if _is_read_only_file(path) or _is_read_only_file(path.parent):
        raise errors.StorageProblem(
            f"{name} was not closed properly: a change to it was cut short, and SQLite must undo "
            f"that change from {journal} before the file can be read. That needs a folder it "
            f"can write to. Copy {name} and {journal} together to a folder you can write to, "
            f"and open the copy. {KEPT}",
            path,
        )
    lock = CaseFileLock(path)
    lock.acquire()
    try:
        with errors.plain_english_errors(path):
            recovery.roll_back_journal(path, passphrase)
    finally:
        lock.release()


def _refuse_unless_case_file(path: Path, passphrase: str | None = None) -> None:
    """Judge a file that is not open, its whole structure included; raise unless it is a
    sound case file. Nothing is written, not even beside it."""
    _refuse_unless_regular(path)
    _judge(path, passphrase, check=True, locked=True)


def _is_read_only_file(path: Path) -> bool:
    """The file is marked read-only (checked by its permission bits, since an administrator's
    account can write to anything)."""
    mode = os.stat(path).st_mode
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def _refuse_if_unwritable(path: Path) -> None:
    """SQLite keeps its write-ahead log beside an open case file, so both the file and its
    folder must be writable; either way the file can still be opened read-only."""
    if _is_read_only_file(path):
        raise errors.ReadOnlyCaseFile(
            f"{path.name} is read-only, so Mediator Desk could not save changes to it. You can "
            "open it read-only to look at it, or make a writable copy.",
            path,
        )
    if _is_read_only_file(path.parent):
        raise errors.ReadOnlyCaseFile(
            f"{path.name} is in a folder that cannot be written to ({path.parent}). While a case "
            "file is open for changes, its working files are kept beside it, so it cannot be "
            "changed there. You can open it read-only to look at it, or copy it to a folder you "
            "can write to.",
            path,
        )


def _verify_readable(
    path: Path,
    *,
    exclusive: bool,
    passphrase: str | None = None,
    started: Callable[[Connection], object] | None = None,
) -> None:
    """Check the file's page structure through a read-only connection before using it.

    With `exclusive` (we hold the lock, so no copy of ours is writing) the file is read as it
    stands, which creates no -wal or -shm files beside a file we may be about to refuse.
    `started` is given the connection, so that another thread may interrupt the check.
    """
    conn: Connection | None = None
    try:
        if exclusive:
            uri = path.resolve().as_uri()
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
            apply_key(conn, passphrase, path)
        else:
            conn = _connect_read_only(path, passphrase)
        if started is not None:
            started(conn)
        sound = conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except sqlite3.OperationalError as error:
        if "interrupt" in str(error).lower():  # stopped (the file was closed): not damage
            raise errors.CaseFileError(CHECK_STOPPED, path) from None
        sound = False
    except sqlite3.DatabaseError:
        sound = False
    finally:
        if conn is not None:
            conn.close()
    if sound:
        return
    if not path.exists():  # moved or deleted while open: not damaged
        raise errors.FileMissing(
            f"{path.name} is no longer in {path.parent}: it may have been moved, renamed or "
            "deleted while open. Put it back, or open it where it is now.",
            path,
        )
    raise _damaged(path)


@contextmanager
def reader(path: Path, passphrase: str | None = None) -> Iterator[CaseRepository]:
    """The case file through a read-only connection of its own, for a long read on a worker
    thread (a service report) while the app keeps using its own connection."""
    conn = connect(path, read_only=True, passphrase=passphrase)
    try:
        yield CaseRepository(_database(conn), _now)
    finally:
        conn.close()


@contextmanager
def writer(
    path: Path, clock: Callable[[], dt.datetime], actor: str, passphrase: str | None = None
) -> Iterator[CaseRepository]:
    """The case file through a writable connection of its own, for long work on a worker
    thread (erasing many cases) while the window waits for it, its own connection idle."""
    conn = connect(path, passphrase=passphrase)
    try:
        yield CaseRepository(_database(conn), clock, actor)
    finally:
        conn.close()


def schema_version_of(path: Path, passphrase: str | None = None) -> int | None:
    """The schema version of the case file at `path` as it stands, read cheaply, or None if it
    cannot be read now (opening it will say why)."""
    try:
        conn = _connect_read_only(path, passphrase)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def verify_casefile(
    path: Path,
    passphrase: str | None = None,
    started: Callable[[Connection], object] | None = None,
) -> None:
    """Check the structure of a case file that may be open (by this process or another copy)
    through a read-only connection of its own; raises DamagedCaseFile (FileMissing if it is
    no longer there). Safe on any thread; `started` is given the connection, which another
    thread may interrupt (the check then raises CaseFileError with CHECK_STOPPED)."""
    _verify_readable(path, exclusive=False, passphrase=passphrase, started=started)


def backup_to(db: Database, target: Path, passphrase: str | None = None) -> None:
    """Copy a whole case file with SQLite's online backup API (consistent even while open);
    an encrypted file's copy is encrypted with the same passphrase. The copy is for its owner's
    eyes only from its first byte."""
    create_owner_only(target)
    dest = sqlite3.connect(str(target))
    apply_key(dest, passphrase)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def open_casefile(
    path: Path | str,
    *,
    read_only: bool = False,
    create: bool = True,
    clock: Now = _now,
    actor: str = "",
    passphrase: str | None = None,
    check_now: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CaseFile:
    """Open (or, if `create` and it does not exist, create) the case file at `path`. An
    encrypted case file needs its passphrase; a new one is encrypted if one is given.

    The whole file's structure is checked before it is used. Its cost grows with the file
    (about 50 ms for 2,000 cases, 1.5 s for 50,000), so with `check_now=False` a file of the
    current version is opened at once and the caller runs `verify_casefile` itself (the app
    does it off the UI thread and holds back writes until it passes; a command that only
    reads leaves it to `check`). A file to be upgraded is always checked first."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise errors.FolderMissing(
            f"The folder {path.parent} does not exist, so the case file {path.name} cannot be "
            "opened or created there. Check the location, or choose another folder.",
            path,
        )
    if not path.exists():
        if create and not read_only:
            return create_casefile(path, clock=clock, actor=actor, passphrase=passphrase)
        raise errors.FileMissing(f"There is no case file at {path}.", path)
    _refuse_unless_regular(path)
    _header_gate(path, passphrase)  # the cheap refusals first: nothing is opened or locked
    if read_only:  # nothing is written, so nothing waits for the structure check
        _judge(path, passphrase, check=check_now, locked=False)
        if recovery.journal_hot(path):
            _roll_back_journal(path, passphrase)
        with errors.plain_english_errors(path):
            db = _database(connect(path, read_only=True, passphrase=passphrase))
        return CaseFile(
            path, db, True, None, CaseRepository(db, clock, actor), passphrase=passphrase
        )

    _refuse_if_unwritable(path)
    lock = CaseFileLock(path)
    lock.acquire()
    try:
        version, checked = _judge(path, passphrase, check=check_now, locked=True)
        if version < SCHEMA_VERSION and not checked:  # a file to be upgraded is checked first
            _judge(path, passphrase, check=True, locked=True)
        with errors.plain_english_errors(path):
            db = _database(connect(path, passphrase=passphrase))
            backup_path = None
            if version < SCHEMA_VERSION:
                backup_path = path.with_name(
                    f"{path.name}.v{version}-{clock():%Y%m%d-%H%M%S}.backup"
                )
                backup_to(db, backup_path, passphrase)
                migrate(db)
                CaseRepository(db, clock, actor).refresh_all_derived(progress)
    except BaseException:
        lock.release()
        raise
    return CaseFile(
        path,
        db,
        False,
        lock,
        CaseRepository(db, clock, actor),
        migrated_from=version if backup_path else None,
        backup_path=backup_path,
        passphrase=passphrase,
    )


def create_casefile(
    path: Path | str, *, clock: Now = _now, actor: str = "", passphrase: str | None = None
) -> CaseFile:
    """Create a new, empty case file. It is built under a temporary name and moved into place
    only when complete, so there is never a half-made case file at `path`."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise errors.FolderMissing(
            f"The folder {path.parent} does not exist, so no case file can be created there.",
            path,
        )
    if path.exists():
        raise errors.CaseFileExists(
            f"{path.name} already exists. Choose another name, or open it instead.", path
        )
    temporary = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        with errors.plain_english_errors(path):
            temporary.unlink(missing_ok=True)  # our own name: a crashed attempt's leftover
            create_owner_only(temporary)  # children's personal data: the owner's eyes only
            conn = connect(temporary, passphrase=passphrase)
            try:
                db = _database(conn)
                migrate(db)
                db.execute(
                    "INSERT INTO meta (key, value) VALUES ('created_at', ?)",
                    [clock().isoformat(timespec="seconds")],
                )
                conn.commit()
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            try:
                os.link(temporary, path)  # fails rather than replace a file made meanwhile
            except FileExistsError:
                raise errors.CaseFileExists(
                    f"{path.name} already exists. Choose another name.", path
                ) from None
            except OSError:
                if path.exists():
                    raise
                os.replace(temporary, path)  # file systems without hard links
    except OSError as error:
        raise errors.StorageProblem(
            f"The case file could not be created at {path}: {error.strerror or error}.", path
        ) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            if leftover.exists():
                leftover.unlink()
    opened = open_casefile(path, clock=clock, actor=actor, create=False, passphrase=passphrase)
    opened.created = True
    return opened


def check_casefile(casefile: CaseFile) -> list[str]:
    """Integrity problems in plain words; an empty list means the file is sound."""
    problems: list[str] = []
    db = casefile.db
    with errors.plain_english_errors(casefile.path):
        integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems += [f"Database structure: {line}" for line in integrity[:20]]
        for row in db.execute("PRAGMA foreign_key_check"):
            problems.append(f"A row in {row[0]} refers to a missing row in {row[2]}.")
        if not casefile.read_only:  # FTS5's own check is a write command
            try:
                with db.atomic():
                    db.execute("INSERT INTO case_search (case_search) VALUES ('integrity-check')")
            except sqlite3.DatabaseError:
                problems.append("The search index is damaged; it needs rebuilding.")
        if user_version(db) != SCHEMA_VERSION:
            problems.append(
                f"The case file is at version {user_version(db)}, expected {SCHEMA_VERSION}."
            )
        indexed = db.execute("SELECT count(*) FROM case_search").fetchone()[0]
        cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        if indexed != cases:
            problems.append(f"The search index lists {indexed} cases but the file has {cases}.")
    return problems
