"""Rules of the case file's store that a fresh mutation sample of store/ (seed 5 of `dev.py
mutate store`, docs/testing.md) found no test for: the lock file's name and permissions, a
restore that fails naming its file, an encrypted file told from text by its first page, a
connection shared with a background reader, folders synced after a rename, retention counted
from 29 February, imported proposed dates, searchable contact notes, and what the whole-file
check says. Each test was checked against its mutant by putting the change into the code by
hand. Every person is fictional."""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading

import pytest

from mediator_desk.domain.preparation import Attendee, ContactEntry, ProposedDate, Role
from mediator_desk.domain.statement import Confirmation, ConfirmedHow
from mediator_desk.store import casefile as casefile_module
from mediator_desk.store import chain, errors, files, integrity, recovery, rekey
from mediator_desk.store.backup import restore, write_backup
from mediator_desk.store.casefile import check_casefile, open_casefile
from mediator_desk.store.erasure import closed_cases_due
from mediator_desk.store.lock import CaseFileLock, lock_path_for
from tests.conftest import make_case
from tests.store.test_mutants_store_g import free_descriptor
from tests.store.test_statement_store import SPOKEN, meeting  # noqa: F401 - a case to confirm

D = dt.date


# -- the lock --------------------------------------------------------------------------------
def test_the_lock_file_is_named_after_the_case_file_and_readable_only_by_its_owner(
    casefile_path,
):
    """Another copy of the app (an older version too) must find the same lock file, so its
    name is the case file's with ".lock" added; and it names the computer and the process
    holding the file, so only the mediator's own account may read it."""
    assert lock_path_for(casefile_path) == casefile_path.with_name("casebook.mdesk.lock")
    casefile_path.touch()
    lock = CaseFileLock(casefile_path)
    lock.acquire()
    try:
        mode = stat.S_IMODE(os.stat(casefile_path.with_name("casebook.mdesk.lock")).st_mode)
        assert mode == 0o600
    finally:
        lock.release()


def test_a_lock_not_yet_held_has_nothing_to_follow(casefile_path):
    """Following the case file to its new copy (after a re-encryption) only concerns a lock
    that is held: on one that is not, it does nothing, and nothing is created."""
    casefile_path.touch()
    lock = CaseFileLock(casefile_path)
    lock.follow()
    free = free_descriptor(casefile_path)
    assert free is not None and free >= 0  # the case file was not taken
    lock.release()
    assert sorted(p.name for p in casefile_path.parent.iterdir()) == ["casebook.mdesk"]


# -- backups, re-encryption and the folder ------------------------------------------------
def test_a_restore_that_fails_names_the_case_file(casefile_path, tmp_path, monkeypatch):
    """A restore stopped by the disk says which case file it left unchanged, so the window
    can name it and offer to open it."""
    open_casefile(casefile_path).close()
    backup = tmp_path / "casebook-20261123-090000.mdesk-backup"
    write_backup(casefile_path, backup)

    def no_room(source, target, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("mediator_desk.store.backup.shutil.copyfile", no_room)
    with pytest.raises(errors.StorageProblem) as raised:
        restore(backup, casefile_path, dt.datetime(2026, 11, 23, 9, 30))
    assert raised.value.path == casefile_path
    assert raised.value.message == (
        "The backup could not be restored: No space left on device. The case file is unchanged."
    )


def test_a_file_with_no_interrupted_reencryption_is_left_alone(casefile_path):
    """Opening a case file first settles a re-encryption killed part-way; with none to settle
    it reports that nothing was done, so the window says nothing about one."""
    open_casefile(casefile_path).close()
    assert rekey.recover_interrupted(casefile_path) is False


def test_a_rename_is_made_durable_by_syncing_its_folder(tmp_path, monkeypatch):
    """On Linux and macOS a rename survives a power cut only once its folder is synced."""
    synced = []
    monkeypatch.setattr(files, "_fsync", lambda path, flags: synced.append((path, flags)))
    files.sync_folder(tmp_path)
    assert synced == [(tmp_path, os.O_RDONLY)]


# -- telling a case file from other files ------------------------------------------------------
def test_only_the_first_page_decides_whether_a_file_could_be_encrypted(tmp_path):
    """An encrypted case file is whole pages of random-looking bytes from its first byte, so
    the first 512 bytes decide, and a large file chosen by mistake is never read whole."""
    binary, text = bytes(range(256)) * 2, (b"Plain words. " * 400)[: 512 * 8]
    binary_then_text = tmp_path / "binary-then-text.mdesk"
    binary_then_text.write_bytes(binary + text)  # 8 pages in 9 are text
    assert casefile_module._could_be_encrypted(binary_then_text)
    text_then_binary = tmp_path / "text-then-binary.mdesk"
    text_then_binary.write_bytes(text[:512] + binary * 8)
    assert not casefile_module._could_be_encrypted(text_then_binary)


def first_sector(tmp_path, odd_one: int, size: int = 1024):
    """A file whose first 512 bytes are 409 letters, one `odd_one` and 102 NULs (so it is
    text at 80% exactly when `odd_one` counts as text), then NULs up to `size`."""
    path = tmp_path / f"sector-{odd_one}-{size}.mdesk"
    path.write_bytes((b"a" * 409 + bytes([odd_one]) + bytes(102)).ljust(size, b"\0"))
    return path


@pytest.mark.parametrize("byte", [9, 10, 13, 32, 126], ids=["tab", "LF", "CR", "space", "~"])
def test_a_first_sector_four_fifths_text_is_text(tmp_path, byte):
    """Letters, the space and the tab, line feed and carriage return are text: a sector
    80% text is not taken for an encrypted file (so it is called "not a case file")."""
    assert not casefile_module._could_be_encrypted(first_sector(tmp_path, byte))


@pytest.mark.parametrize("byte", [8, 11, 12, 14, 31, 127, 128])
def test_a_first_sector_just_short_of_four_fifths_text_could_be_encrypted(tmp_path, byte):
    """Other control bytes, DEL and bytes above it are not text: one of them in place of a
    letter leaves the sector short of 80% text, so it could be an encrypted file."""
    assert casefile_module._could_be_encrypted(first_sector(tmp_path, byte))


def test_only_whole_sectors_of_at_least_a_kilobyte_could_be_encrypted(tmp_path):
    """SQLCipher writes whole pages of at least 1,024 bytes; a file of any other size is not
    one of its files however random its bytes look."""
    noise = bytes(range(128, 256)) * 40

    def could_be(size: int) -> bool:
        path = tmp_path / f"noise-{size}.mdesk"
        path.write_bytes(noise[:size])
        return casefile_module._could_be_encrypted(path)

    assert [could_be(size) for size in (512, 1000, 1024, 1500, 1536, 4096)] == [
        False,
        False,
        True,
        False,
        True,
        True,
    ]


def test_a_case_file_at_another_version_is_named_with_its_version(casefile_path):
    """The whole-file check names the version it found and the one it expects."""
    case_file = open_casefile(casefile_path)
    try:
        case_file.db.execute("PRAGMA user_version = 7")
        assert "The case file is at version 7, expected " in " ".join(check_casefile(case_file))
        expected = casefile_module.SCHEMA_VERSION
        assert f"The case file is at version 7, expected {expected}." in check_casefile(case_file)
    finally:
        case_file.db.execute(f"PRAGMA user_version = {casefile_module.SCHEMA_VERSION}")
        case_file.close()


def test_the_case_files_connection_may_be_read_from_a_background_thread(casefile_path):
    """The window reads large results (the service report, the deadline counts) on a worker
    thread through the case file's one connection, so it is not tied to the thread that
    opened it."""
    case_file = open_casefile(casefile_path)
    found: list[object] = []

    def read() -> None:
        try:
            found.append(case_file.db.execute("SELECT count(*) FROM cases").fetchone()[0])
        except Exception as problem:
            found.append(problem)

    try:
        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
        assert found == [0]
    finally:
        case_file.close()


# -- retention -----------------------------------------------------------------------------
def test_retention_from_29_february_counts_back_to_28_february_that_many_years_before(desk):
    """On 29 February 2028, six years back is 28 February 2022 (there is no 29th that year): a
    case closed that day is due for erasure, one closed on 1 March 2022 is not yet."""
    due = desk.create_case(make_case(child_name="Tamsin Penhallow"))
    not_yet = desk.create_case(make_case(child_name="Jory Kitto"))
    db = desk.casefile.db
    for case, closed in ((due, "2022-02-28"), (not_yet, "2022-03-01")):
        db.execute("UPDATE cases SET status = 'closed', closed_on = ? WHERE id = ?",
                   [closed, case.id])  # fmt: skip
    assert closed_cases_due(desk.casefile.cases, D(2028, 2, 29), 6) == [due.id]


# -- importing and searching ---------------------------------------------------------------
def test_imported_proposed_dates_arrive_with_the_case(desk, tmp_path):
    """The dates offered for the meeting travel with the case in an exchange file."""
    case = desk.create_case(make_case())
    desk.proposed_dates.add(case.id, ProposedDate(D(2026, 12, 3), "14:00", "LA and parent"))
    path = tmp_path / "case.json"
    path.write_text(desk.export_case(case.reference), encoding="utf-8")
    imported, _ = desk.import_case(path)
    assert [(p.day, p.start, p.offered_to) for p in desk.proposed_dates.list(imported.id)] == [
        (D(2026, 12, 3), "14:00", "LA and parent")
    ]


def test_a_contacts_summary_and_follow_up_are_searched_as_separate_words(desk):
    """The last word of a call's summary and the first of its follow-up are found on their
    own: the two are joined with a space, not run together."""
    case = desk.create_case(make_case())
    desk.contacts.add(
        case.id,
        ContactEntry(dt.datetime(2026, 11, 2, 10), summary="Talked about hydrotherapy",
                     follow_up="Trewithen school to send the timetable"),
    )  # fmt: skip
    assert desk.casefile.cases.search_ids("hydrotherapy") == [case.id]
    assert desk.casefile.cases.search_ids("Trewithen") == [case.id]


# -- the whole-file check --------------------------------------------------------------------
def test_a_party_recorded_as_absent_need_not_have_confirmed_a_sealed_statement(
    desk,
    meeting,  # noqa: F811
):
    """Where presence is recorded, only the main parties present confirm the statement (seed
    002): a second parent who was expected but did not come is not asked for, and the check
    of the sealed file finds nothing wrong."""
    case, parent, la, _ = meeting
    absent = desk.attendees.add(case.id, Attendee("Jago Tregothnan", Role.PARENT_CARER))
    desk.statement.set_presence(case.id, absent.id, {"present": False})
    desk.statement.confirm(case, parent.id, SPOKEN)
    desk.statement.confirm(case, la.id, SPOKEN)
    desk.statement.seal(desk.case(case.id))
    assert integrity.verify(desk.casefile.db).problems == []
    assert desk.check() == []


def test_an_added_confirmation_is_blamed_not_the_genuine_one_it_copies():
    """The trail logs Morwenna's confirmation; a copy of it under Jago's name, put first in
    the file by an outsider, is the one reported, whatever the order of the rows."""
    at = dt.datetime(2026, 12, 3, 12, 35)
    genuine = Confirmation(1, "Morwenna Tregothnan", 1, "ab" * 32, ConfirmedHow.SPOKEN, at)
    added = Confirmation(2, "Jago Tregothnan", 1, "ab" * 32, ConfirmedHow.SPOKEN, at)
    logged = [{"content_sha256": "ab" * 32, "detail": "Morwenna Tregothnan: spoken, version 1"}]
    blamed = ["the confirmation by Jago Tregothnan is not in the audit trail."]
    assert integrity._unlogged_confirmations([added, genuine], logged) == blamed
    assert integrity._unlogged_confirmations([genuine, added], logged) == blamed


def test_restored_triggers_are_reported_as_restored_in_one_whole_sentence(casefile_path):
    """docs/integrity.md: a protective trigger removed from outside is put back when the file
    is opened for writing, and the check says so."""
    case_file = open_casefile(casefile_path)
    try:
        case_file.db.execute("DROP TRIGGER audit_append_only_delete")
        assert integrity.guard_problems(case_file.db, restore=True) == [
            "1 protective trigger(s) that stop sealed statements and the audit log changing "
            f"were missing or altered ({integrity.OUTSIDE}): audit_append_only_delete; they have "
            "been restored."
        ]
        assert integrity.guard_problems(case_file.db, restore=True) == []
    finally:
        case_file.close()


def test_a_new_signing_key_gives_a_file_without_an_id_one_first(casefile_path):
    """A signing key for an unencrypted file is kept on this computer under the file's random
    id, so asking for a new key on a file that has lost its id (edited from outside) gives it
    a new id first, then the key."""
    case_file = open_casefile(casefile_path)
    try:
        db = case_file.db
        db.execute("DELETE FROM meta WHERE key IN (?, ?)", [chain.FILE_ID, chain.KEY])
        signer = chain.Signer(db)
        key = signer.key(create=True)
        assert key is not None and len(key) == 32
        assert len(signer.file_id()) == 32
        assert signer.key_path() is not None and signer.key_path().is_file()
    finally:
        case_file.close()


def test_an_encrypted_file_the_passphrase_opens_but_whose_structure_fails_is_called_damaged(
    casefile_path, monkeypatch
):
    """When the passphrase opens the file and SQLite finds its structure damaged, the mediator
    is told the file is damaged, never that the passphrase is wrong (which would send them
    hunting for another passphrase instead of their backup). SQLCipher's own checks catch
    most damage first, so the structure check's answer is stood in for here."""
    passphrase = "Correct horse, battery staple"
    open_casefile(casefile_path, passphrase=passphrase).close()

    def damaged(path, key, check):
        assert key == passphrase
        return recovery.Inspection(0, 10, frozenset(), "Page 5: btreeInitPage() returns 11")

    for attempt in ("main_file_alone", "with_log_read_only", "with_log_on_a_copy"):
        monkeypatch.setattr(recovery, attempt, damaged)
    for read_only in (True, False):
        with pytest.raises(errors.DamagedCaseFile) as raised:
            open_casefile(casefile_path, passphrase=passphrase, read_only=read_only)
        assert raised.value.message.startswith(
            "casebook.mdesk is damaged and cannot be read safely."
        )
