"""What a case file holds, asked of SQLite itself before the file is used.

The main file alone can look damaged when its last checkpoint was cut short (a crash, a full
disk): its header already counts pages that are still only in the write-ahead log. SQLite mends
that by replaying the log, so a file with a log is judged with the log applied: on a private
copy in a temporary folder (nothing of the real file can change), or through a read-only
connection when another copy may be writing it.

A write in rollback-journal mode cut short (a kill while the file changes journal mode, or a
file last written by another SQLite tool) leaves a hot journal beside it instead: the main file
holds pages of a change never committed, and SQLite rolls them back from the journal on the
next read. Only a connection that may write can do that, so such a file is judged on a private
copy too, and a read-only open first lets SQLite roll it back in place (`roll_back_journal`).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .sqlite import Connection, apply_key
from .sqlite import dbapi as sqlite3

WAL_HEADER_SIZE = 32  # a log no longer than its header holds no pages


@dataclass(frozen=True)
class Inspection:
    application_id: int
    user_version: int
    tables: frozenset[str]
    integrity: str | None  # quick_check's first line; None when the structure was not checked


class Unreadable(Exception):
    """SQLite could not read the file. `key_refused`: its first page would not decrypt (a wrong
    passphrase, or not a case file at all); otherwise its structure is broken."""

    def __init__(self, key_refused: bool) -> None:
        super().__init__("key refused" if key_refused else "unreadable")
        self.key_refused = key_refused


def wal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def journal_path(path: Path) -> Path:
    return Path(f"{path}-journal")


def journal_hot(path: Path) -> bool:
    """A rollback journal SQLite would play back: present, and its header not zeroed (SQLite's
    own test, `hasHotJournal`, also asks whether a writer holds the file, which a case file's
    lock answers for us)."""
    try:
        with journal_path(path).open("rb") as journal:
            return journal.read(1) not in (b"", b"\0")
    except OSError:
        return False


def wal_pending(path: Path) -> bool:
    """Committed pages may be waiting in the write-ahead log (a crash, or another copy open)."""
    try:
        return wal_path(path).stat().st_size > WAL_HEADER_SIZE
    except OSError:
        return False


def _ask(conn: Connection, check: bool) -> Inspection:
    try:
        application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = frozenset(
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        integrity = conn.execute("PRAGMA quick_check(1)").fetchone()[0] if check else None
    except sqlite3.DatabaseError as error:
        raise Unreadable("not a database" in str(error).lower()) from None
    finally:
        conn.close()
    return Inspection(application_id, version, tables, integrity)


def _connect(target: str, passphrase: str | None, source: Path, *, uri: bool = False) -> Connection:
    try:
        conn = sqlite3.connect(target, uri=uri)
        apply_key(conn, passphrase, source)
    except sqlite3.DatabaseError:
        raise Unreadable(False) from None
    return conn


def main_file_alone(path: Path, passphrase: str | None, check: bool) -> Inspection:
    """The main file as it stands: SQLite opens it immutable, so it writes nothing, not even a
    sidecar file. Right only when no log is waiting."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return _ask(_connect(uri, passphrase, path, uri=True), check)


def with_log_read_only(path: Path, passphrase: str | None, check: bool) -> Inspection:
    """Through a read-only connection, which reads the log as another copy writes it but never
    folds it into the main file."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return _ask(_connect(uri, passphrase, path, uri=True), check)


def with_log_on_a_copy(path: Path, passphrase: str | None, check: bool) -> Inspection:
    """On a private copy of the file and its log or journal, which SQLite may replay or roll
    back as it likes. Raises OSError when the copy cannot be made (a full disk)."""
    with tempfile.TemporaryDirectory(prefix="mediator-desk-") as folder:
        copy = Path(folder) / "casefile"
        shutil.copyfile(path, copy)
        for sidecar in (wal_path, journal_path):
            if sidecar(path).exists():
                shutil.copyfile(sidecar(path), sidecar(copy))
        return _ask(_connect(str(copy), passphrase, copy), check)


def roll_back_journal(path: Path, passphrase: str | None) -> None:
    """Let SQLite roll a hot journal back into the file in place, as any connection that may
    write does on its first read; the file is then as its last commit left it. Call it only
    with the right passphrase (judged on a copy first) and holding the lock. Raises
    sqlite3.DatabaseError if SQLite cannot."""
    conn = sqlite3.connect(str(path))
    try:
        apply_key(conn, passphrase, path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


# The tables each schema version adds. Released migration steps never change, so neither does
# this; a test checks it against what the steps create.
TABLES_ADDED: dict[int, frozenset[str]] = {
    1: frozenset(
        {"audit", "cases", "meta", "case_search"}
        | {f"case_search_{part}" for part in ("config", "content", "data", "docsize", "idx")}
    ),
    2: frozenset({"agreed_actions", "extra_holidays"}),
    3: frozenset(
        {"arrangements", "attachments", "attendees", "child_views", "contacts", "proposed_dates"}
    ),
    4: frozenset(
        {"addenda", "confirmations", "meeting_records", "presence", "seals"}
        | {"statement_issues", "statement_versions"}
    ),
    5: frozenset({"circulated", "document_log"}),
}


def tables_at(version: int) -> frozenset[str]:
    """The tables every case file of `version` has."""
    return frozenset().union(*(TABLES_ADDED.get(v, frozenset()) for v in range(1, version + 1)))
