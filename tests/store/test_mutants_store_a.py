"""Rules of store/errors.py, importer.py, integrity.py, chain.py and records.py that the
mutation run (docs/testing.md) found no test for: the plain-English errors and the case file
they name, what an imported case brings with it (its meeting record, its sealed addenda),
the exact words of the integrity check (a sealed addendum altered, the audit trail altered or
cut short, signatures made on another computer), signing a confirmation on a computer without
the file's key, and how rows are read back into records."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3 as plain_sqlite3  # what an outsider would use on an unencrypted file
from pathlib import Path

import pytest
from sqlite_utils import Database

from mediator_desk.domain.preparation import ContactEntry
from mediator_desk.domain.statement import ConfirmedHow, Presence
from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.chain import key_folder
from mediator_desk.store.integrity import MAX_CHAIN_PROBLEMS, verify
from mediator_desk.store.records import from_row
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import fixed_clock, fixed_today, make_case
from tests.store.test_disk_trouble import fill_the_disk
from tests.store.test_integrity import SEALED, demo_file, sealed_case_id, tamper  # noqa: F401
from tests.store.test_statement_store import (  # noqa: F401 - fixtures: a sealed case
    meeting,
    sealed,
    sealed_with_addendum,
)

SPOKEN = ConfirmedHow.SPOKEN


def reopen(path: Path):
    return open_desk(path, today=fixed_today, clock=fixed_clock)


def audit_rows(path: Path, where: str = "1") -> list[tuple]:
    conn = plain_sqlite3.connect(path)
    try:
        return conn.execute(
            f"SELECT id, at, action, reference FROM audit WHERE {where} ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def verified(path: Path, case_ids: list[int] | None = None):
    """The integrity check of the file as it lies on disk, without opening it for writing
    (which would put back triggers and record what it found in the audit trail)."""
    db = Database(path)
    try:
        return verify(db, case_ids)
    finally:
        db.close()


# -- errors.py: the plain-English messages and the file they are about ----------------------
def test_a_full_disk_names_the_case_file_it_could_not_save(desk, casefile_path):
    case = desk.create_case(make_case(notes="Before"))
    fill_the_disk(desk)
    with pytest.raises(errors.StorageProblem) as problem:
        desk.update_case(case.id, {"notes": "A long note " * 20_000})
    assert problem.value.message == (
        "The disk is full, so the last change could not be saved. Free some space; Mediator "
        f"Desk will keep trying and nothing already saved is affected ({casefile_path})."
    )
    assert problem.value.path == casefile_path
    desk.casefile.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert desk.case(case.id).notes == "Before"


@pytest.mark.parametrize(
    ("sqlite_raises", "sqlite_says", "reported_as", "mediator_reads"),
    [
        (
            sqlite3.OperationalError,
            "unable to open database file",
            errors.StorageProblem,
            "The computer could not read or write the case file (the drive may have been "
            "disconnected). The last change has not been saved ({path}).",
        ),
        (
            sqlite3.OperationalError,
            "disk I/O error",
            errors.StorageProblem,
            "The computer could not read or write the case file (the drive may have been "
            "disconnected). The last change has not been saved ({path}).",
        ),
        (
            sqlite3.OperationalError,
            "database is busy",
            errors.StorageProblem,
            "The case file is busy in another program; try again in a moment ({path}).",
        ),
        (
            sqlite3.OperationalError,
            "database is locked",
            errors.StorageProblem,
            "The case file is busy in another program; try again in a moment ({path}).",
        ),
        (
            sqlite3.OperationalError,
            "attempt to write a readonly database",
            errors.StorageProblem,
            "The case file can no longer be written to (it may have been made read-only, or "
            "the drive removed). The last change has not been saved ({path}).",
        ),
        (
            sqlite3.DatabaseError,
            "database disk image is malformed",
            errors.DamagedCaseFile,
            "The case file is damaged. Stop using it and restore it from a backup; "
            "do not delete it ({path}).",
        ),
        (
            sqlite3.IntegrityError,
            "The outcome statement is sealed",
            errors.SealedStatement,
            "The outcome statement is sealed and can never be changed. To correct it, add an "
            "addendum.",
        ),
    ],
    ids=[
        "cannot be opened any more",
        "drive gone",
        "busy",
        "locked",
        "gone read-only",
        "damaged",
        "sealed",
    ],
)
def test_what_sqlite_reports_is_explained_in_plain_words_against_the_case_file(
    casefile_path, sqlite_raises, sqlite_says, reported_as, mediator_reads
):
    """Each problem SQLite reports becomes its own plain-English explanation (what happened,
    what to do), carrying the case file it is about."""
    with (
        pytest.raises(reported_as) as problem,
        errors.plain_english_errors(casefile_path),
    ):
        raise sqlite_raises(sqlite_says)
    assert type(problem.value) is reported_as
    assert problem.value.message == mediator_reads.format(path=casefile_path)
    assert problem.value.path == casefile_path


def test_an_error_that_is_not_about_the_environment_is_not_disguised(desk):
    """A mistake in a query is a bug: it propagates as SQLite's own error, not as a message
    telling the mediator to try again."""
    with (
        pytest.raises(sqlite3.OperationalError, match="no such table"),
        errors.plain_english_errors(desk.path),
    ):
        desk.casefile.db.execute("SELECT * FROM no_such_table")


def test_changing_a_sealed_addendum_is_refused_naming_the_case_file(
    desk,
    sealed_with_addendum,  # noqa: F811
    casefile_path,
):
    case, *_ = sealed_with_addendum
    addendum = desk.statement.addenda(case.id)[0]
    with pytest.raises(errors.SealedStatement) as refusal:
        desk.statement.update_addendum(addendum.id, {"text": "Changed after sealing"})
    assert refusal.value.message == "This addendum is sealed and can never be changed."
    assert refusal.value.path == casefile_path
    assert desk.statement.addenda(case.id)[0].text == "The review is in July."


# -- records.py ---------------------------------------------------------------------------------
def test_changing_fields_a_record_does_not_have_names_them_in_the_refusal(desk):
    case = desk.create_case(make_case())
    with pytest.raises(errors.InvalidChange) as refusal:
        desk.arrangements.update(case.id, {"venue_colour": "green", "catering": "tea"})
    assert refusal.value.message == "These fields cannot be changed: catering, venue_colour."


def test_a_value_of_a_plain_type_is_read_back_exactly_as_the_row_holds_it():
    """Only dates, enums, flags and lists are converted; any other value is handed back as it
    is, never passed through its field's type (a number in a text column stays a number)."""
    row = {"attendee_id": 3, "present": 1, "arrived": 930, "left": "11:15", "case_id": 7}
    assert from_row(Presence, row) == Presence(3, True, 930, "11:15", 7)  # type: ignore[arg-type]


# -- importer.py: what an imported case brings with it ------------------------------------------
@pytest.fixture
def other(tmp_path):
    desk = open_desk(tmp_path / "other.mdesk", today=fixed_today, clock=fixed_clock)
    yield desk
    desk.close()


def _exported(desk, case, tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(desk.export_case(case.reference), encoding="utf-8")
    return path


def test_an_imported_case_brings_its_meeting_record(
    desk,
    sealed,  # noqa: F811
    other,
    tmp_path,
):
    """The meeting record arrives; its private notes stay behind unless asked for."""
    case, *_ = sealed
    imported, notes = other.import_case(_exported(desk, case, tmp_path))
    assert notes == []
    record = other.statement.record.get(imported.id)
    assert (record.next_steps, record.private_notes) == ("Plan in 5 weeks", "")
    assert record.case_id == imported.id


def test_an_imported_case_brings_its_sealed_addenda_and_their_confirmations(
    desk,
    sealed_with_addendum,  # noqa: F811
    other,
    tmp_path,
):
    case, parent, la, _ = sealed_with_addendum
    imported, notes = other.import_case(_exported(desk, case, tmp_path))
    assert notes == []

    def kept(addendum):
        return (addendum.reason, addendum.text, addendum.sha256, addendum.sealed_at)

    arrived = other.statement.addenda(imported.id)
    assert [kept(a) for a in arrived] == [kept(a) for a in desk.statement.addenda(case.id)]
    assert arrived[0].sealed
    on_addendum = [
        c.party for c in other.statement.confirmations(imported.id) if c.addendum_id is not None
    ]
    assert on_addendum == [parent.name, la.name]
    assert {c.addendum_id for c in other.statement.confirmations(imported.id)} == {
        None,
        arrived[0].id,
    }
    assert other.statement.verify(imported) == []
    assert other.check() == [] and other.check_notes == []


# -- chain.py -----------------------------------------------------------------------------------
def test_a_statement_can_be_confirmed_on_a_computer_without_the_files_key(
    desk,
    meeting,  # noqa: F811
    casefile_path,
):
    """A case file copied to another computer arrives without its key; the first confirmation
    there makes a key for this computer and signs with it, so the file checks sound."""
    case, parent, _, _ = meeting
    desk.close()
    shutil.rmtree(key_folder())
    elsewhere = reopen(casefile_path)
    try:
        confirmation = elsewhere.statement.confirm(elsewhere.case(case.id), parent.id, SPOKEN)
        assert confirmation.party == "Morwenna Tregothnan"
        assert elsewhere.check() == [] and elsewhere.check_notes == []
    finally:
        elsewhere.close()
    assert len(list(key_folder().glob("*.key"))) == 1


# -- integrity.py: the exact words of the check -------------------------------------------------
def test_an_altered_sealed_addendum_is_reported_for_its_case(
    desk,
    sealed_with_addendum,  # noqa: F811
    casefile_path,
):
    case, *_ = sealed_with_addendum
    desk.close()
    tamper(casefile_path, "UPDATE addenda SET text = 'forged'", drop_triggers=True)
    assert verified(casefile_path).problems == [
        f"Case {case.reference}: a sealed addendum does not match its SHA-256."
    ]


def test_confirmations_deleted_from_a_sealed_statement_are_named_one_by_one(demo_file):  # noqa: F811
    """A sealed case left with no confirmations at all is judged like any other: each party
    who never confirmed is named, not reported as unreadable values."""
    case_id = sealed_case_id(demo_file)
    tamper(demo_file, f"DELETE FROM confirmations WHERE case_id = {case_id}", drop_triggers=True)
    assert verified(demo_file).problems == [
        f"Case {SEALED}: Farah Qureshi was present but never confirmed the sealed text.",
        f"Case {SEALED}: Imran Qureshi was present but never confirmed the sealed text.",
        f"Case {SEALED}: Daniel Whitfield was present but never confirmed the sealed text.",
        f"Case {SEALED}: a confirmation recorded in the audit trail is missing from the file.",
    ]


def test_signatures_made_on_another_computer_are_counted_once_each(demo_file):  # noqa: F811
    """The demo's sealed statement: one seal, three confirmations and the audit trail's last
    entry, all signed with a key this computer does not have."""
    shutil.rmtree(key_folder())
    desk = reopen(demo_file)
    try:
        assert desk.check() == []
        assert desk.check_notes == [
            "5 signature(s) in this case file were made with a key that is not on this "
            "computer (the file was probably made on another computer), so they cannot be "
            "checked here. The hash chain and everything else were checked."
        ]
    finally:
        desk.close()


def test_a_badly_altered_audit_trail_reports_only_its_first_few_problems(demo_file):  # noqa: F811
    """Seven entries changed: the first five are named, and the check stops there."""
    tamper(demo_file, "UPDATE audit SET detail = detail || '!' WHERE id <= 7", drop_triggers=True)
    expected = [
        f"The audit trail has been altered: entry {entry_id} ({at}, {action}, case {ref}) "
        "was changed."
        for entry_id, at, action, ref in audit_rows(demo_file, "id <= 7")
    ]
    assert len(expected) == 7
    assert verified(demo_file).problems == expected[:MAX_CHAIN_PROBLEMS]
    assert MAX_CHAIN_PROBLEMS == 5


def test_an_audit_trail_cut_short_is_reported_before_the_file_is_opened_again(demo_file):  # noqa: F811
    tamper(
        demo_file,
        "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
        drop_triggers=True,
    )
    assert verified(demo_file).problems == [
        "The audit trail has been altered: its last entries were removed or changed."
    ]


def test_an_altered_audit_entry_of_an_exported_case_names_the_case(demo_file):  # noqa: F811
    """The check made for one case (an export, the Meeting tab) names it by its reference."""
    case_id = sealed_case_id(demo_file)
    first = audit_rows(demo_file, f"case_id = {case_id}")[0]
    tamper(
        demo_file,
        ("UPDATE audit SET detail = 'nothing to see' WHERE id = ?", [first[0]]),
        drop_triggers=True,
    )
    entry_id, at, action, ref = first
    assert verified(demo_file, [case_id]).problems == [
        f"Case {SEALED}: its audit trail has been altered "
        f"(entry {entry_id} ({at}, {action}, case {ref}))."
    ]


def test_an_exchange_file_numbering_from_0_keeps_every_link_on_import(
    desk,
    meeting,  # noqa: F811
    other,
    tmp_path,
):
    """Ids in an exchange file are only labels that tie its records together, and 0 is one the
    format allows: a contact with attendee 0 and an agreed action under issue 0 keep their
    links, and a confirmation of the statement itself is not tied to an addendum 0."""
    case, parent, _, issue = meeting
    desk.contacts.add(
        case.id,
        ContactEntry(dt.datetime(2026, 11, 2, 10, 0), attendee_id=parent.id, summary="Call"),
    )
    bundle = json.loads(desk.export_case(case.reference))

    def renumber(node, key: str, old: int) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name == key and value == old:
                    node[name] = 0
                else:
                    renumber(value, key, old)
        elif isinstance(node, list):
            for item in node:
                renumber(item, key, old)

    for record in bundle["attendees"]:
        if record["id"] == parent.id:
            record["id"] = 0
    renumber(bundle, "attendee_id", parent.id)
    for record in bundle["statement"]["issues"]:
        if record["id"] == issue.id:
            record["id"] = 0
    renumber(bundle, "issue_id", issue.id)
    path = tmp_path / "numbered-from-0.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")

    imported, notes = other.import_case(path)
    assert notes == []
    (person,) = [a for a in other.attendees.list(imported.id) if a.name == parent.name]
    (contact,) = other.contacts.list(imported.id)
    assert contact.attendee_id == person.id
    (arrived_issue,) = other.statement.issues.list(imported.id)
    (action,) = other.actions(imported.id)
    assert action.issue_id == arrived_issue.id
