"""Rules of the case file's store that a fresh mutation sample of store/ (seed 6 of `dev.py
mutate store`, docs/testing.md) found no test for. Each test was checked against its mutant
by putting the change into the code by hand. Every person is fictional."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os

import pytest

from mediator_desk.domain.parents import ParentCarer
from mediator_desk.domain.statement import Confirmation, ConfirmedHow
from mediator_desk.store import errors, integrity, rekey
from mediator_desk.store.backup import backup_into
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.documents import DocumentLog
from mediator_desk.store.plain_copies import is_plain, protect
from mediator_desk.store.preparation import PreparationRepository
from mediator_desk.store.records import parents_from_json, parents_to_json
from mediator_desk.store.repository import AuditEntry
from mediator_desk.store.sqlite import dbapi as sqlite3
from mediator_desk.store.statement import StatementRepository
from tests.conftest import NOW, make_case
from tests.store.test_mutants_store_b import (  # noqa: F401 - a fixture
    CHILD,
    KEY,
    SHA,
    T0,
    case_file_with_one_case,
    casefile,
    child_in,
)
from tests.store.test_statement_store import meeting, sealed  # noqa: F401 - fixtures


# -- records.py: the parents column ----------------------------------------------------------
def test_the_parents_column_keeps_names_as_they_are_written():
    """Anyone reading the file with sqlite3 (or a Tribunal clerk given an export of it) sees
    "Zoë Ó Briain", not "Zo\\u00eb \\u00d3 Briain"."""
    parents = (ParentCarer("Zoë Ó Briain", "Mother"), ParentCarer("Siân Prydderch", ""))
    text = parents_to_json(parents)
    assert text == (
        '[{"name": "Zoë Ó Briain", "relationship": "Mother"}, '
        '{"name": "Siân Prydderch", "relationship": ""}]'
    )
    assert parents_from_json(text) == parents


def test_a_parents_column_changed_by_another_program_loses_no_name():
    """Entries with a part missing or null read as empty, never as the word "None"; an entry
    that is plain text is a name; JSON that is not a list is read as free text."""
    text = json.dumps(
        [
            {"relationship": "Mother"},
            "Sam Oduya",
            {"name": "Kit Vance", "relationship": None},
            {"name": "Ada Lark"},
        ]
    )
    assert parents_from_json(text) == (
        ParentCarer("", "Mother"),
        ParentCarer("Sam Oduya"),
        ParentCarer("Kit Vance", ""),
        ParentCarer("Ada Lark", ""),
    )
    assert parents_from_json('{"name": "Ada Lark"}') == (ParentCarer('{"name": "Ada Lark"}'),)


# -- documents.py ----------------------------------------------------------------------------
def test_an_export_is_written_into_the_case_s_own_audit_trail(casefile):  # noqa: F811
    """A Tribunal clerk asking when the outcome statement went out reads it in the case's own
    history, under its reference."""
    case = casefile.cases.create(make_case())
    log = DocumentLog(casefile.cases)
    log.record_export(case.id, "statement", "pdf", "statement.pdf", "Outcome statement", SHA)
    assert casefile.cases.audit_entries(case.id)[0] == AuditEntry(
        NOW, casefile.cases.actor, case.id, case.reference, "document exported",
        "Outcome statement (pdf)",
    )  # fmt: skip


# -- preparation.py --------------------------------------------------------------------------
def test_showing_a_missing_attachment_in_the_profile_says_it_no_longer_exists(
    casefile,  # noqa: F811
):
    with pytest.raises(errors.NotFound) as caught:
        PreparationRepository(casefile.cases).update_attachment_in_profile(404, True)
    assert caught.value.message == "That attachment no longer exists."


# -- statement.py ----------------------------------------------------------------------------
def test_the_store_itself_refuses_a_second_seal_and_changes_nothing(desk, sealed):  # noqa: F811
    """The service checks first; the store checks again inside the same transaction, so a
    second seal can never be written (SEND Regulations 2014 reg 42: the statement is final)."""
    case, *_ = sealed
    repository = StatementRepository(desk.casefile.cases)
    first = repository.seal_of(case.id)
    assert first is not None
    with pytest.raises(errors.InvalidChange) as refusal:
        repository.seal(case.id, first.content, first.sha256, "Alex Mercer")
    assert refusal.value.message == "The outcome statement is already sealed."
    assert repository.seal_of(case.id) == first
    assert [e.action for e in desk.history(case.id)].count("statement sealed") == 1


# -- rekey.py --------------------------------------------------------------------------------
class _NewFileFillsTheDisk:
    """The case file's own connection, except that the encrypted file being written may grow
    to only a few pages, as on a disk with no room left: SQLite reports it as it would a full
    disk."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if "sqlcipher_export" in sql:
            self._conn.execute("PRAGMA rekeyed.max_page_count = 3")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


class _PageGoneBad(_NewFileFillsTheDisk):
    """The case file's own connection, but a page of the file cannot be read by the time it
    is copied (a failing disk), as SQLite reports it."""

    def execute(self, sql, *args):
        if "sqlcipher_export" in sql:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return self._conn.execute(sql, *args)


def _reencrypt_through(casefile_path, connection, refused):
    """Encrypt a new case file holding one case through `connection` wrapped round its own,
    which must be refused with `refused`; the refusal."""
    with create_casefile(casefile_path) as made:
        made.cases.create(make_case(child_name="Lowenna Tregothnan"))
    opened = open_casefile(casefile_path)
    real = opened.db.conn
    opened.db.conn = connection(real)
    try:
        with pytest.raises(refused) as caught:
            rekey.reencrypt(opened, KEY)
    finally:
        opened.db.conn = real
        opened.close()
    return caught.value


def test_a_disk_that_fills_during_encryption_is_explained_and_the_file_kept_whole(
    casefile_path,
):
    """The disk filling while the encrypted copy is written gets the same words as any other
    lack of room for it, naming the case file (not the hidden file being written), and the
    case file stays as it was, unencrypted, with nothing left beside it."""
    refusal = _reencrypt_through(casefile_path, _NewFileFillsTheDisk, errors.StorageProblem)
    assert refusal.message == (
        "The case file could not be re-encrypted: No space left on device. Close Mediator "
        "Desk and open the case file again; it is kept whole."
    )
    assert refusal.path == casefile_path
    assert [p.name for p in casefile_path.parent.iterdir() if p.name.startswith(".")] == []
    with open_casefile(casefile_path, read_only=True) as reopened:
        assert [s.child_name for s in reopened.cases.summaries()] == ["Lowenna Tregothnan"]


def test_a_re_encrypted_case_file_is_open_for_writing(casefile_path):
    """Its read-only flag is False itself: the window hands it to Qt's setters, which take
    only a bool (None would stop the settings dialog opening after a passphrase is set)."""
    with create_casefile(casefile_path) as made:
        made.cases.create(make_case(child_name="Lowenna Tregothnan"))
    reopened = rekey.reencrypt(open_casefile(casefile_path), KEY)
    try:
        assert reopened.read_only is False
        reopened.cases.create(make_case(child_name="Tamsin Ravenscroft"))
    finally:
        reopened.close()
    with open_casefile(casefile_path, read_only=True, passphrase=KEY) as again:
        assert len(again.cases.summaries()) == 2


@pytest.mark.parametrize(
    ("sqlite_says", "meaning"),
    [
        ("database or disk is full", errno.ENOSPC),
        ("attempt to write a readonly database", errno.EROFS),
        ("disk I/O error", errno.EIO),
        ("unable to open database file", errno.EIO),
    ],
)
def test_what_sqlite_says_of_the_disk_is_read_as_the_os_would_say_it(sqlite_says, meaning):
    trouble = errors.disk_trouble(sqlite3.OperationalError(sqlite_says))
    assert isinstance(trouble, OSError)
    assert (trouble.errno, trouble.strerror) == (meaning, os.strerror(meaning))


def test_any_other_sqlite_error_is_not_blamed_on_the_disk():
    assert errors.disk_trouble(sqlite3.OperationalError("no such table: rekeyed.cases")) is None


# -- integrity.py ----------------------------------------------------------------------------
def test_a_confirmation_logged_at_an_upgrade_without_its_party_is_accounted_for():
    """A file upgraded to tamper evidence (schema 8) got an entry for each confirmation its
    trail did not mention, naming no party: that entry accounts for it, and nothing is blamed
    (docs/integrity.md)."""
    at = dt.datetime(2026, 12, 3, 12, 35)
    confirmed = [
        Confirmation(1, "Morwenna Tregothnan", 1, "ab" * 32, ConfirmedHow.SPOKEN, at),
        Confirmation(2, "Kenan Aydın", 1, "ab" * 32, ConfirmedHow.SPOKEN, at),
    ]
    logged = [
        {"content_sha256": "ab" * 32, "detail": "recorded when the case file was upgraded"},
        {"content_sha256": "ab" * 32, "detail": "Morwenna Tregothnan: spoken, version 1"},
    ]
    assert integrity._unlogged_confirmations(confirmed, logged) == []


def test_a_case_file_found_damaged_while_encrypting_is_named_and_kept(casefile_path):
    """The refusal names the case file itself, not the hidden file being written."""
    refusal = _reencrypt_through(casefile_path, _PageGoneBad, errors.DamagedCaseFile)
    assert refusal.message == (
        "The case file is damaged. Stop using it and restore it from a backup; do not delete "
        f"it ({casefile_path})."
    )
    assert refusal.path == casefile_path
    assert [p.name for p in casefile_path.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("damaged_at", "before"), [(0, "none was"), (1, "1 copy was"), (2, "2 copies were")]
)
def test_a_damaged_plain_backup_is_named_and_left_for_the_mediator_to_remove(
    tmp_path, damaged_at, before
):
    """Encrypting the plain copies (in the order of their names) meets a backup that cannot be
    read whole: the mediator is told which one, where, how many were encrypted before it, and
    that the case file itself is not affected; those stay encrypted, the damaged one is left
    as it is, and the rest are left for another try."""
    path = case_file_with_one_case(tmp_path / "casebook.mdesk")
    folder = tmp_path / "Backups"
    copies = [backup_into(path, folder, 5, T0 + dt.timedelta(days=day)) for day in (0, 1, 2)]
    damaged = copies[damaged_at]
    data = bytearray(damaged.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\x5a" * (len(data) - page)  # every page after the first is noise
    damaged.write_bytes(bytes(data))
    with pytest.raises(errors.DamagedCaseFile) as caught:
        protect(path, folder, KEY)
    assert caught.value.message == (
        "The copies of casebook.mdesk could not all be protected: "
        f"{damaged.name} is damaged and cannot be read, so it could not be encrypted ({before} "
        f"encrypted before it). Remove it yourself: it is in {folder}. The case file itself "
        "is not affected."
    )
    assert caught.value.path == damaged
    for earlier in copies[:damaged_at]:
        assert not is_plain(earlier) and child_in(earlier, KEY) == CHILD
    for later in copies[damaged_at + 1 :]:
        assert is_plain(later) and child_in(later) == CHILD
    assert damaged.read_bytes() == bytes(data)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in copies)
