"""Guards the store's backups, case-file checks, document log, process checks, plain copies,
preparation records, re-encryption, case repository and outcome statement against the small
slips a mutation run showed the other tests would not notice: backups made where the folder
does not exist yet, encrypted backups, partial backups left alone while they are written, a
case file read beside a log that cannot be shared, exact messages, exact audit-trail entries
and exact counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.store import backup as backup_module
from mediator_desk.store import errors
from mediator_desk.store.backup import (
    automatic_backup,
    backup_into,
    backup_name,
    remove_abandoned_partials,
    write_backup,
)
from mediator_desk.store.casefile import (
    check_casefile,
    create_casefile,
    open_casefile,
    reader,
    verify_casefile,
)
from mediator_desk.store.documents import DocumentLog
from mediator_desk.store.files import pid_alive
from mediator_desk.store.header import MAGIC
from mediator_desk.store.plain_copies import is_plain, protect
from mediator_desk.store.preparation import PreparationRepository
from mediator_desk.store.rekey import reencrypt, retired_path, settle_leftovers
from mediator_desk.store.repository import AuditEntry
from mediator_desk.store.sqlite import dbapi as sqlite3
from mediator_desk.store.statement import StatementRepository
from tests.conftest import NOW, fixed_clock, make_case

KEY = "copper kettle lantern"
CHILD = "Tamsin Ravenscroft"
T0 = dt.datetime(2026, 11, 23, 9, 0)
SHA = "5f2b8c0e" * 8


def case_file_with_one_case(path: Path, passphrase: str | None = None) -> Path:
    with create_casefile(path, clock=fixed_clock, passphrase=passphrase) as casefile:
        casefile.cases.create(make_case(child_name=CHILD))
    return path


def child_in(path: Path, passphrase: str | None = None) -> str:
    with open_casefile(path, read_only=True, passphrase=passphrase) as casefile:
        return casefile.cases.get_by_reference("MD-2026-0001").child_name


@pytest.fixture
def casefile(casefile_path):
    opened = open_casefile(casefile_path, clock=fixed_clock)
    yield opened
    opened.close()


# -- backups -------------------------------------------------------------------------------


def test_an_automatic_backup_makes_its_folder_and_every_missing_folder_above_it(
    casefile_path, tmp_path
):
    case_file_with_one_case(casefile_path)
    folder = tmp_path / "Documents" / "Mediator Desk" / "Backups"
    made = automatic_backup(casefile_path, folder, 5, T0, dt.timedelta(days=1))
    assert made == folder / "casebook-20261123-090000.mdesk-backup"
    assert child_in(made) == CHILD


def test_a_backup_of_an_encrypted_file_is_encrypted_and_opens_with_its_passphrase(
    casefile_path, tmp_path
):
    case_file_with_one_case(casefile_path, passphrase=KEY)
    made = backup_into(casefile_path, tmp_path / "Backups", 5, T0, KEY)
    assert made.name == "casebook-20261123-090000.mdesk-backup"
    assert not made.read_bytes().startswith(MAGIC)
    assert CHILD.encode() not in made.read_bytes()
    assert child_in(made, KEY) == CHILD


def test_a_backup_being_written_is_not_swept_away_as_abandoned(
    casefile_path, tmp_path, monkeypatch
):
    """Another backup's clean-up, running while this one is written, must leave its partial
    file alone: it is this process's and still being written."""
    case_file_with_one_case(casefile_path)
    folder = tmp_path / "Backups"
    folder.mkdir()
    swept: list[list[Path]] = []
    check = backup_module._verify_readable

    def sweep_then_check(path: Path, **kwargs: object) -> None:
        swept.append(remove_abandoned_partials(folder, casefile_path))
        check(path, **kwargs)

    monkeypatch.setattr(backup_module, "_verify_readable", sweep_then_check)
    target = folder / backup_name(casefile_path, T0)
    made = write_backup(casefile_path, target)
    assert swept == [[]]
    assert made == target
    assert child_in(made) == CHILD
    assert [p.name for p in folder.iterdir()] == ["casebook-20261123-090000.mdesk-backup"]


# -- checking a case file ------------------------------------------------------------------


def test_a_file_read_beside_a_shared_memory_file_that_cannot_be_made_is_read_as_it_stands(
    casefile_path,
):
    """Where SQLite cannot make the -shm file it reads a write-ahead log through (a folder it
    cannot write to; here a link into a folder that does not exist, which even an
    administrator cannot follow), the file is read as it stands on the disk."""
    case_file_with_one_case(casefile_path)
    shm = Path(f"{casefile_path}-shm")
    shm.symlink_to(casefile_path.parent / "no such folder" / "shm")
    with reader(casefile_path) as cases:
        assert cases.count() == 1
        assert cases.get_by_reference("MD-2026-0001").child_name == CHILD
    assert shm.is_symlink() and not shm.exists()


def test_checking_a_case_file_that_has_gone_says_where_it_was_not_that_it_is_damaged(tmp_path):
    """A file moved or deleted while open is not damaged: telling the mediator to restore it
    from a backup would send them the wrong way."""
    gone = tmp_path / "casebook.mdesk"
    with pytest.raises(errors.FileMissing) as caught:
        verify_casefile(gone)
    assert caught.value.message == (
        f"casebook.mdesk is no longer in {tmp_path}: it may have been moved, renamed or "
        "deleted while open. Put it back, or open it where it is now."
    )
    assert caught.value.path == gone


def test_a_badly_damaged_file_lists_only_its_first_twenty_structure_problems(casefile_path):
    with create_casefile(casefile_path, clock=fixed_clock) as casefile:
        for number in range(25):
            casefile.cases.create(make_case(child_name=f"Child Number {number}"))
    raw = sqlite3.connect(str(casefile_path))
    raw.execute("PRAGMA writable_schema = ON")  # the index now claims another column
    raw.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX cases_status ON cases (child_name)' "
        "WHERE name = 'cases_status'"
    )
    raw.commit()
    raw.close()
    with open_casefile(casefile_path, clock=fixed_clock, check_now=False) as casefile:
        problems = check_casefile(casefile)
    assert problems == [
        f"Database structure: row {row} missing from index cases_status" for row in range(1, 21)
    ]


# -- the document log ----------------------------------------------------------------------


def test_the_last_export_of_each_kind_of_document_is_listed_by_kind(casefile):
    case = casefile.cases.create(make_case())
    log = DocumentLog(casefile.cases)
    log.record_export(case.id, "statement", "pdf", "statement.pdf", "Outcome statement", SHA)
    log.record_export(case.id, "letter", "docx", "letter.docx", "Covering letter", "")
    assert log.last_exports(case.id) == {"statement": NOW, "letter": NOW}


# -- processes -----------------------------------------------------------------------------


def test_asking_whether_a_process_is_running_leaves_it_running():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert pid_alive(child.pid) is True
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=0.5)  # still running: it was asked about, not signalled
    finally:
        child.kill()
        child.wait()


# -- plain copies --------------------------------------------------------------------------


def test_protecting_counts_every_copy_including_one_whose_encryption_was_finished(tmp_path):
    """A plain backup is encrypted (one), then a kept copy whose earlier encryption was
    stopped part-way is finished (two): the count runs on, it does not start again."""
    path = case_file_with_one_case(tmp_path / "casebook.mdesk")
    folder = tmp_path / "Backups"
    plain_backup = backup_into(path, folder, 5, T0)
    kept = tmp_path / "casebook.mdesk.before-restore-20261120-080000"
    case_file_with_one_case(tmp_path / "encrypted.mdesk", passphrase=KEY).rename(kept)
    shutil.copyfile(path, retired_path(kept))  # its plain bytes, left beside it
    assert protect(path, folder, KEY) == 2
    assert not retired_path(kept).exists()
    assert not is_plain(plain_backup) and not is_plain(kept)
    assert child_in(plain_backup, KEY) == CHILD
    assert child_in(kept, KEY) == CHILD


# -- preparation records -------------------------------------------------------------------


def test_changing_an_attendee_that_was_removed_says_it_no_longer_exists(casefile):
    case = casefile.cases.create(make_case())
    attendees = PreparationRepository(casefile.cases).attendees
    gone = attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    attendees.delete(gone.id)
    with pytest.raises(errors.NotFound) as caught:
        attendees.update(gone.id, {"job_title": "Foster carer"})
    assert caught.value.message == "That attendee no longer exists."


def test_adding_a_copy_of_an_attendee_gives_it_an_id_of_its_own(casefile):
    case = casefile.cases.create(make_case())
    attendees = PreparationRepository(casefile.cases).attendees
    first = attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    copy = attendees.add(case.id, dataclasses.replace(first, name="Kenan Aydın"))
    assert copy.id != first.id
    assert [(a.id, a.name) for a in attendees.list(case.id)] == [
        (first.id, "Morwenna Tregothnan"),
        (copy.id, "Kenan Aydın"),
    ]


def test_an_attendees_id_cannot_be_changed(casefile):
    case = casefile.cases.create(make_case())
    attendees = PreparationRepository(casefile.cases).attendees
    person = attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    with pytest.raises(errors.InvalidChange) as caught:
        attendees.update(person.id, {"id": person.id + 40})
    assert caught.value.message == "A record's identity cannot be changed."
    assert attendees.get(person.id) == person
    assert [a.id for a in attendees.list(case.id)] == [person.id]


def test_asking_for_the_case_of_a_missing_attachment_says_it_no_longer_exists(casefile):
    with pytest.raises(errors.NotFound) as caught:
        PreparationRepository(casefile.cases).attachment_case(404)
    assert caught.value.message == "That attachment no longer exists."


# -- re-encryption -------------------------------------------------------------------------


def test_a_case_file_open_read_only_is_not_re_encrypted(casefile_path):
    case_file_with_one_case(casefile_path)
    with (
        open_casefile(casefile_path, read_only=True) as viewing,
        pytest.raises(errors.WriteRefused) as caught,
    ):
        reencrypt(viewing, KEY)
    assert caught.value.message == "A case file open read-only cannot be re-encrypted."
    assert child_in(casefile_path) == CHILD


def test_settling_puts_a_retired_case_file_back_when_none_is_at_its_path(tmp_path):
    path = case_file_with_one_case(tmp_path / "casebook.mdesk")
    path.rename(retired_path(path))
    assert settle_leftovers(path) is True
    assert child_in(path) == CHILD
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- the case repository -------------------------------------------------------------------


def test_case_ids_without_a_search_lists_every_case_newest_reference_first(casefile):
    first = casefile.cases.create(make_case(child_name="Lowenna Tregothnan"))
    second = casefile.cases.create(make_case(child_name="Tomasz Kowalczyk"))
    assert casefile.cases.case_ids() == [second.id, first.id]


def test_an_entry_about_no_case_carries_no_reference(casefile):
    casefile.cases.record(None, "backup taken", "casebook-20261123-093000.mdesk-backup")
    assert casefile.cases.audit_entries()[0] == AuditEntry(
        at=NOW,
        actor="",
        case_id=None,
        reference="",
        action="backup taken",
        detail="casebook-20261123-093000.mdesk-backup",
    )


def test_removing_a_bank_holiday_is_recorded_in_the_audit_trail(casefile):
    day = dt.date(2026, 12, 29)
    casefile.cases.set_extra_holiday(day, "Fernleigh closure day")
    casefile.cases.set_extra_holiday(day, None)
    assert casefile.cases.extra_holidays() == []
    entries = casefile.cases.audit_entries()
    assert [(e.case_id, e.reference, e.action, e.detail) for e in entries[:2]] == [
        (None, "", "bank holiday removed", "2026-12-29"),
        (None, "", "bank holiday added", "2026-12-29 Fernleigh closure day"),
    ]


def test_the_casebook_list_shows_when_each_case_was_last_changed(casefile):
    case = casefile.cases.create(make_case())
    later = dt.datetime(2026, 11, 24, 14, 5, 0)
    casefile.cases.clock = lambda: later
    casefile.cases.update(case.id, {"notes": "Called the school."})
    other = casefile.cases.create(make_case(child_name="Tomasz Kowalczyk"))
    assert [(s.id, s.updated_at) for s in casefile.cases.summaries()] == [
        (other.id, later),
        (case.id, later),
    ]
    casefile.cases.clock = fixed_clock
    assert casefile.cases.summaries([case.id])[0].updated_at == later


# -- the outcome statement -----------------------------------------------------------------


@pytest.fixture
def sealed(casefile):
    case = casefile.cases.create(make_case())
    statement = StatementRepository(casefile.cases)
    statement.seal(case.id, "The outcome statement.", SHA, "Alex Mercer")
    return casefile.cases, statement, case


def test_starting_an_addendum_is_recorded_against_its_case(sealed):
    cases, statement, case = sealed
    statement.add_addendum(case.id, "The review month was misheard")
    assert cases.audit_entries(case.id)[0] == AuditEntry(
        at=NOW,
        actor="",
        case_id=case.id,
        reference="MD-2026-0001",
        action="addendum started",
        detail="The review month was misheard",
    )


def test_sealing_an_addendum_is_recorded_with_its_hash(sealed):
    cases, statement, case = sealed
    addendum = statement.add_addendum(case.id, "The review month was misheard")
    addendum_sha = "a1" * 32
    statement.seal_addendum(addendum.id, addendum_sha)
    assert cases.audit_entries(case.id)[0] == AuditEntry(
        at=NOW,
        actor="",
        case_id=case.id,
        reference="MD-2026-0001",
        action="addendum sealed",
        detail=f"SHA-256 {addendum_sha}",
    )
    assert statement.addendum(addendum.id).sha256 == addendum_sha
