"""Guards opening, creating and locking a case file, its header, its upgrade and its outcome
statement against the small slips a mutation run showed the other tests would not notice:
whole messages for a full temporary folder, a damaged file, a read-only folder, a folder or a
pipe given as a case file and a missing folder; a damaged older file refused with nothing left
beside it; a check left for later really left; a file viewed while another copy writes it read
where it is; a stale page count in an old header; locks let go however they were taken; and
the audit-trail entries an upgrade and the outcome statement's issues write."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from mediator_desk.domain.statement import Issue
from mediator_desk.store import casefile as casefile_module
from mediator_desk.store import errors
from mediator_desk.store.casefile import (
    create_casefile,
    open_casefile,
    verify_casefile,
)
from mediator_desk.store.chain import meta
from mediator_desk.store.lock import lock_path_for
from mediator_desk.store.migrations import SCHEMA_VERSION, audit_guards
from mediator_desk.store.repository import AuditEntry
from mediator_desk.store.sqlite import dbapi as sqlite3
from mediator_desk.store.statement import StatementRepository
from tests.conftest import NOW, fixed_clock, make_case, sha256_of

FIXTURES = Path(__file__).parent / "fixtures"
CHILD = "Tamsin Ravenscroft"
KEPT = "It has not been changed."
PAGE = 4096
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")  # how every SQLite rollback journal begins
ISOLATED = {"xdg-data", "xdg-config", "xdg-state"}  # the test's own home folders


def case_file_with_one_case(path: Path) -> Path:
    with create_casefile(path, clock=fixed_clock) as casefile:
        casefile.cases.create(make_case(child_name=CHILD))
    return path


def fixture_copy(version: int, path: Path) -> Path:
    shutil.copyfile(FIXTURES / f"casefile-v{version}.mdesk", path)
    return path


def damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of one table with noise: the file's header and its list of
    tables still read, but its structure no longer checks out."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * PAGE
    data[start : start + PAGE] = b"\x5a" * PAGE
    path.write_bytes(bytes(data))


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name not in ISOLATED)


def damaged_message(name: str) -> str:
    return (
        f"{name} is damaged and cannot be read safely. {KEPT} Restore it from a backup; "
        "do not delete it."
    )


# -- judging a file before it is used ------------------------------------------------------


@pytest.mark.parametrize("read_only", [False, True], ids=["normal", "read-only"])
def test_no_room_for_the_private_copy_tells_the_mediator_to_free_disk_space(
    casefile_path, read_only, monkeypatch
):
    case_file_with_one_case(casefile_path)
    journal = Path(f"{casefile_path}-journal")  # a change cut short: judged on a copy
    journal.write_bytes(JOURNAL_MAGIC + bytes(504))
    before = sha256_of(casefile_path), sha256_of(journal)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("mediator_desk.store.recovery.shutil.copyfile", full_disk)
    with pytest.raises(errors.StorageProblem) as caught:
        open_casefile(casefile_path, read_only=read_only)
    assert caught.value.message == (
        "casebook.mdesk was not closed properly, and it must be checked on a copy before it is "
        "used, but there is no room for the copy in the temporary folder. Free some disk space "
        "and open it again. It has not been changed."
    )
    assert caught.value.path == casefile_path
    assert (sha256_of(casefile_path), sha256_of(journal)) == before
    assert beside(casefile_path) == ["casebook.mdesk", "casebook.mdesk-journal"]


def test_a_damaged_file_is_refused_in_words_that_say_to_restore_it_and_keep_it(casefile_path):
    case_file_with_one_case(casefile_path)
    damage_table(casefile_path, "audit")
    before = sha256_of(casefile_path)
    with pytest.raises(errors.DamagedCaseFile) as caught:
        open_casefile(casefile_path)
    assert caught.value.message == damaged_message("casebook.mdesk")
    assert sha256_of(casefile_path) == before
    assert beside(casefile_path) == ["casebook.mdesk"]


def test_a_damaged_older_file_is_refused_before_its_upgrade_with_nothing_left_beside_it(
    casefile_path,
):
    """Opened without the check (as the app opens a file), a file to be upgraded is checked
    first all the same. The lock is held, so the file is read as it stands: no working file
    is made beside a file that is then refused, and no backup of it either."""
    fixture_copy(9, casefile_path)
    damage_table(casefile_path, "audit")
    before = sha256_of(casefile_path)
    with pytest.raises(errors.DamagedCaseFile) as caught:
        open_casefile(casefile_path, clock=fixed_clock, check_now=False)
    assert caught.value.message == damaged_message("casebook.mdesk")
    assert sha256_of(casefile_path) == before
    assert beside(casefile_path) == ["casebook.mdesk"]


def test_a_file_of_this_version_opens_at_once_when_its_check_is_left_for_later(casefile_path):
    """With check_now=False the whole structure is not read at opening (the app checks it
    off the UI thread): a damaged file opens, and the check the caller runs finds it."""
    case_file_with_one_case(casefile_path)
    damage_table(casefile_path, "audit")
    with open_casefile(casefile_path, clock=fixed_clock, check_now=False) as casefile:
        assert casefile.schema_version == SCHEMA_VERSION
        assert casefile.cases.get_by_reference("MD-2026-0001").child_name == CHILD
        with pytest.raises(errors.DamagedCaseFile) as caught:
            verify_casefile(casefile_path)
    assert caught.value.message == damaged_message("casebook.mdesk")
    assert caught.value.path == casefile_path


def test_the_later_check_of_an_encrypted_file_reads_it_with_its_passphrase(casefile_path):
    key = "correct horse battery staple"
    with create_casefile(casefile_path, clock=fixed_clock, passphrase=key) as casefile:
        casefile.cases.create(make_case(child_name=CHILD))
    verify_casefile(casefile_path, key)  # sound: no error
    with pytest.raises(errors.DamagedCaseFile):
        verify_casefile(casefile_path)  # without it the pages are noise


def pages_in_log(path: Path) -> list[int]:
    """The page numbers of the frames in a case file's write-ahead log (a 32-byte header,
    then frames of a 24-byte header, whose first four bytes are the page number, and a page)."""
    log = Path(f"{path}-wal").read_bytes()
    frames = range(32, len(log), 24 + PAGE)
    return sorted({int.from_bytes(log[at : at + 4], "big") for at in frames})


def test_the_later_check_reads_a_file_in_use_through_its_log(casefile_path):
    """While the file is open its newest pages are in the write-ahead log, and a checkpoint
    writing them back may leave the main file's copy of a page half-written. The later check
    reads the file as SQLite does, the log first, so it does not call that damage."""
    case_file_with_one_case(casefile_path)
    with open_casefile(casefile_path, clock=fixed_clock, check_now=False) as casefile:
        casefile.db.execute("PRAGMA wal_autocheckpoint = 0")
        case = casefile.cases.get_by_reference("MD-2026-0001")
        casefile.cases.update(case.id, {"notes": "Views gathered at the pre-meeting call."})
        page = max(pages_in_log(casefile_path))
        assert page > 1
        with open(casefile_path, "r+b") as handle:
            handle.seek((page - 1) * PAGE)
            handle.write(b"\x5a" * PAGE)  # the main file's old copy of a page in the log
        verify_casefile(casefile_path)  # sound as SQLite reads it: no error


def test_viewing_a_file_another_copy_is_writing_reads_it_where_it_is_without_copying_it(
    casefile_path, monkeypatch
):
    """No lock is held when a file is only viewed, so another copy may be writing it: it is
    read through SQLite, whose own locks keep the reading whole, not copied to the temporary
    folder half-written."""
    case_file_with_one_case(casefile_path)
    copies: list[tuple[object, ...]] = []
    copyfile = shutil.copyfile

    def recorded(*args: object, **kwargs: object) -> object:
        copies.append(args)
        return copyfile(*args, **kwargs)  # type: ignore[arg-type]

    with open_casefile(casefile_path, clock=fixed_clock) as writer:
        writer.cases.create(make_case(child_name="Kenan Aydın"))
        assert Path(f"{casefile_path}-wal").stat().st_size > 32  # not yet in the main file
        monkeypatch.setattr("mediator_desk.store.recovery.shutil.copyfile", recorded)
        with open_casefile(casefile_path, read_only=True) as viewer:
            assert sorted(case.child_name for case in viewer.cases.all()) == [
                "Kenan Aydın",
                CHILD,
            ]
    assert copies == []


class _NoRoomForTheIndex:
    """A read-only connection to a file with a write-ahead log in a folder it cannot write
    to: SQLite cannot make the log's index beside it, so the first read fails."""

    def __init__(self, conn: object) -> None:
        self.conn = conn

    def execute(self, sql: str, *args: object) -> object:
        if "sqlite_master" in sql:
            raise sqlite3.OperationalError("unable to open database file")
        return self.conn.execute(sql, *args)  # type: ignore[attr-defined]

    def close(self) -> None:
        self.conn.close()  # type: ignore[attr-defined]


def test_an_encrypted_file_in_a_folder_that_cannot_be_written_is_read_as_it_stands(
    casefile_path, monkeypatch
):
    """Where SQLite cannot read the file with its log (the folder cannot be written to),
    it is read as it stands on disk, still with its passphrase."""
    key = "copper kettle lantern"
    with create_casefile(casefile_path, clock=fixed_clock, passphrase=key) as casefile:
        casefile.cases.create(make_case(child_name=CHILD))
    connect = sqlite3.connect

    def refusing_the_log(database: str, *args: object, **kwargs: object) -> object:
        conn = connect(database, *args, **kwargs)
        return _NoRoomForTheIndex(conn) if database.endswith("?mode=ro") else conn

    monkeypatch.setattr(casefile_module.sqlite3, "connect", refusing_the_log)
    conn = casefile_module.connect(casefile_path, read_only=True, passphrase=key)
    try:
        assert isinstance(conn, sqlite3.Connection)  # the second way, not the first
        assert [tuple(row) for row in conn.execute("SELECT child_name FROM cases")] == [(CHILD,)]
    finally:
        conn.close()


def test_a_stale_page_count_left_in_the_header_by_an_older_sqlite_is_not_damage(casefile_path):
    """The header's page count is only valid when its 'valid for' number matches the change
    counter; older SQLite versions did not keep it, and SQLite then goes by the file's size.
    Such a file is not short, and it opens."""
    case_file_with_one_case(casefile_path)
    data = bytearray(casefile_path.read_bytes())
    counter = int.from_bytes(data[24:28], "big")
    data[92:96] = (counter + 7).to_bytes(4, "big")  # written by a writer that did not keep it
    data[28:32] = (len(data) // PAGE + 50).to_bytes(4, "big")  # a count that no longer holds
    casefile_path.write_bytes(bytes(data))
    with open_casefile(casefile_path, clock=fixed_clock) as casefile:
        assert casefile.cases.get_by_reference("MD-2026-0001").child_name == CHILD
    with open_casefile(casefile_path, read_only=True) as casefile:
        assert casefile.cases.count() == 1


# -- what cannot be opened, in the mediator's words -----------------------------------------


def test_a_folder_given_as_a_case_file_is_refused_and_named(tmp_path):
    folder = tmp_path / "casebook.mdesk"
    folder.mkdir()
    for read_only in (False, True):
        with pytest.raises(errors.NotACaseFile) as caught:
            open_casefile(folder, read_only=read_only)
        assert caught.value.message == f"{folder} is a folder, not a case file."
        assert caught.value.path == folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipe")
def test_a_pipe_given_as_a_case_file_is_refused_and_named(tmp_path):
    pipe = tmp_path / "casebook.mdesk"
    os.mkfifo(pipe)
    for read_only in (False, True):
        with pytest.raises(errors.NotACaseFile) as caught:
            open_casefile(pipe, read_only=read_only)
        assert caught.value.message == (
            f"{pipe} is not a regular file (it is a device, a pipe or something similar), so "
            "it cannot be a Mediator Desk case file. It has not been changed."
        )
        assert caught.value.path == pipe


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX folder permissions")
def test_a_file_in_a_folder_that_cannot_be_written_to_says_how_to_work_on_it(tmp_path):
    """Checked by the permission bits, so it holds for an administrator's account too."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = case_file_with_one_case(folder / "casebook.mdesk")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(errors.ReadOnlyCaseFile) as caught:
            open_casefile(path)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert caught.value.message == (
        f"casebook.mdesk is in a folder that cannot be written to ({folder}). While a case "
        "file is open for changes, its working files are kept beside it, so it cannot be "
        "changed there. You can open it read-only to look at it, or copy it to a folder you "
        "can write to."
    )
    assert caught.value.can_open_read_only


def test_creating_a_case_file_in_a_folder_that_does_not_exist_says_which_folder(tmp_path):
    missing = tmp_path / "Mediation" / "2026"
    with pytest.raises(errors.FolderMissing) as caught:
        create_casefile(missing / "casebook.mdesk", clock=fixed_clock)
    assert caught.value.message == (
        f"The folder {missing} does not exist, so no case file can be created there."
    )
    assert caught.value.path == missing / "casebook.mdesk"
    assert not missing.exists()


def test_a_new_case_file_removed_the_moment_it_is_made_is_reported_missing_not_made_again(
    casefile_path, monkeypatch
):
    """Creating makes one case file and opens that one: if it is gone before it is opened
    (another program removed it), the mediator is told, and no second file is made."""
    link = os.link

    def link_then_lose(source: object, target: object) -> None:
        link(source, target)  # type: ignore[arg-type]
        Path(str(target)).unlink()
        monkeypatch.setattr(os, "link", link)

    monkeypatch.setattr(os, "link", link_then_lose)
    with pytest.raises(errors.FileMissing) as caught:
        create_casefile(casefile_path, clock=fixed_clock)
    assert caught.value.message == f"There is no case file at {casefile_path}."
    assert beside(casefile_path) == []


def test_a_case_file_says_plainly_whether_it_is_open_read_only(casefile_path):
    """The answer is handed straight to the editors' setReadOnly, which takes a bool."""
    case_file_with_one_case(casefile_path)
    with open_casefile(casefile_path, clock=fixed_clock) as casefile:
        assert casefile.read_only is False
    with open_casefile(casefile_path, read_only=True) as casefile:
        assert casefile.read_only is True


# -- the signing key of an unencrypted file ------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG data folder is Linux's")
def test_an_unencrypted_files_signing_key_is_kept_in_the_keys_folder_of_the_users_data(
    casefile_path, tmp_path
):
    """Keys made by earlier versions are looked for in this same folder: another name would
    leave them behind, and every seal signed with them would stop verifying."""
    with create_casefile(casefile_path, clock=fixed_clock) as casefile:
        casefile.cases.create(make_case(child_name=CHILD))
        file_id = meta(casefile.db, "file_id")
    keys = tmp_path / "xdg-data" / "Mediator Desk" / "keys"
    assert sorted(p.name for p in keys.iterdir()) == [f"{file_id}.key"]


# -- locks ---------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="flock on the case file is POSIX")
def test_a_lock_file_held_by_another_copy_refuses_the_open_and_lets_the_case_file_go(
    casefile_path,
):
    """The case file under the name may be a new one (replaced while the other copy had it
    open): its own lock is free, but the lock file beside it is not. The open is refused,
    naming the holder, and the case file's lock taken meanwhile is let go."""
    case_file_with_one_case(casefile_path)
    holder = os.open(lock_path_for(casefile_path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        since = dt.datetime(2026, 11, 23, 8, 15).isoformat()
        os.write(
            holder, json.dumps({"pid": 4242, "host": "fernleigh-desk", "since": since}).encode()
        )
        with pytest.raises(errors.CaseFileInUse) as caught:
            open_casefile(casefile_path, clock=fixed_clock)
        assert caught.value.message == (
            "casebook.mdesk is already open in another copy of Mediator Desk (process 4242 on "
            "fernleigh-desk, since 08:15 on 23/11/2026). Only one copy can change a case file at "
            "a time. You can open it read-only to look at it, or close the other copy first."
        )
        probe = os.open(casefile_path, os.O_RDONLY)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: nothing of ours holds it
            fcntl.flock(probe, fcntl.LOCK_UN)
        finally:
            os.close(probe)
    finally:
        os.close(holder)
    with open_casefile(casefile_path, clock=fixed_clock) as casefile:
        assert casefile.cases.count() == 1


@pytest.mark.skipif(sys.platform == "win32", reason="descriptors as on POSIX")
def test_a_case_file_locked_through_descriptor_zero_is_let_go_when_closed(casefile_path):
    """A desktop launcher may start the app with its standard input closed: the case file's
    lock then takes descriptor 0, and closing the file must let it go all the same."""
    case_file_with_one_case(casefile_path)
    saved = os.dup(0)
    os.close(0)
    try:
        casefile = open_casefile(casefile_path, clock=fixed_clock)
        assert os.path.samestat(os.fstat(0), os.stat(casefile_path))
        casefile.close()
        with open_casefile(casefile_path, clock=fixed_clock) as again:
            assert again.cases.count() == 1
    finally:
        os.dup2(saved, 0)
        os.close(saved)


# -- the upgrade to tamper evidence --------------------------------------------------------


def test_an_upgrade_records_the_seal_and_confirmation_the_audit_trail_never_mentioned(
    casefile_path,
):
    """Cases imported before version 8 could hold a sealed statement and its confirmation
    with no audit entries for them: the upgrade writes one for each, carrying its content
    hash, said to be recorded at the upgrade."""
    fixture_copy(7, casefile_path)
    raw = sqlite3.connect(str(casefile_path))
    raw.execute("DROP TRIGGER audit_append_only_delete")
    raw.execute("DELETE FROM audit WHERE action IN ('statement confirmed', 'statement sealed')")
    raw.execute(audit_guards()["audit_append_only_delete"])
    sha = raw.execute("SELECT sha256 FROM seals WHERE case_id = 1").fetchone()[0]
    assert raw.execute("SELECT sha256 FROM confirmations WHERE case_id = 1").fetchall() == [(sha,)]
    raw.commit()
    raw.close()
    before = dt.datetime.now().replace(microsecond=0)
    with open_casefile(casefile_path, clock=fixed_clock) as casefile:
        after = dt.datetime.now()
        assert casefile.migrated_from == 7
        entries = casefile.cases.audit_entries(1)[:2]
        hashes = casefile.db.execute(
            "SELECT content_sha256 FROM audit WHERE case_id = 1 ORDER BY id DESC LIMIT 2"
        ).fetchall()
    recorded = "recorded when the case file was upgraded"
    assert [(e.actor, e.case_id, e.reference, e.action, e.detail) for e in entries] == [
        ("", 1, "MD-2026-0001", "statement confirmed", recorded),
        ("", 1, "MD-2026-0001", "statement sealed", recorded),
    ]
    assert [row[0] for row in hashes] == [sha, sha]
    for entry in entries:  # the real time of the upgrade, to the second
        assert before <= entry.at <= after
        assert entry.at.microsecond == 0


# -- the outcome statement's issues --------------------------------------------------------


def test_adding_and_removing_an_issue_is_recorded_and_a_removed_issue_no_longer_exists(
    casefile_path,
):
    case_file_with_one_case(casefile_path)
    with open_casefile(casefile_path, clock=fixed_clock) as casefile:
        case = casefile.cases.get_by_reference("MD-2026-0001")
        issues = StatementRepository(casefile.cases).issues
        issue = issues.add(case.id, Issue("Section F", "- Weekly speech therapy"), "Section F")
        issues.delete(issue.id, "Section F")
        assert casefile.cases.audit_entries(case.id)[:2] == [
            AuditEntry(NOW, "", case.id, "MD-2026-0001", "issue removed", "Section F"),
            AuditEntry(NOW, "", case.id, "MD-2026-0001", "issue added", "Section F"),
        ]
        with pytest.raises(errors.NotFound) as caught:
            issues.get(issue.id)
        assert caught.value.message == "That issue no longer exists."
