"""Rules of the case file's store (imports, integrity checks, attachments, addenda and the
row mapping) that the fresh mutation sample of store/ (docs/testing.md) found no test for."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3 as plain_sqlite3  # what an outsider would use on an unencrypted file
import typing

import pytest

from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow
from mediator_desk.store import errors
from mediator_desk.store.preparation import PreparationRepository
from mediator_desk.store.records import from_row
from tests.conftest import make_case
from tests.store.test_statement_store import meeting  # noqa: F401 - the case ready to confirm


# -- importing a case ---------------------------------------------------------------------------
def test_an_imported_childs_views_are_shared_with_the_imported_attendees(desk, tmp_path):
    """The child's views name who they may be shared with by attendee id; a case imported
    into a file gets new attendee ids, and the people the views may be shared with are the
    new attendees, never whoever held those ids in the file it came from."""
    case = desk.create_case(make_case())
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    desk.attendees.add(case.id, Attendee("Kenan Aydın", Role.LA_SEN_OFFICER))
    desk.child_views.update(case.id, {"share_with": frozenset({parent.id})})
    path = tmp_path / "case.json"
    path.write_text(desk.export_case(case.reference), encoding="utf-8")

    imported, notes = desk.import_case(path)

    assert notes == []
    people = {a.name: a.id for a in desk.attendees.list(imported.id)}
    assert people["Morwenna Tregothnan"] != parent.id
    assert desk.child_views.get(imported.id).share_with == frozenset(
        {people["Morwenna Tregothnan"]}
    )
    assert desk.child_views.get(case.id).share_with == frozenset({parent.id})


# -- checking the whole file ----------------------------------------------------------------
def test_a_whole_file_check_reports_the_problems_of_every_case(desk, casefile_path):
    """Checking the whole case file judges every case and reports each one's problems, not
    only the last case's: a confirmation added outside the app to two cases is reported
    for both, each naming its case."""
    first = desk.create_case(make_case())
    second = desk.create_case(make_case(child_name="Tamsin Penhallow"))
    conn = plain_sqlite3.connect(casefile_path)
    try:
        for case in (first, second):
            conn.execute(
                "INSERT INTO confirmations (case_id, attendee_id, party, version, sha256, how, "
                "confirmed_at) VALUES (?, 9999, 'Nobody Atall', 1, ?, 'spoken', "
                "'2026-11-23T09:30:00')",
                [case.id, "ab" * 32],
            )
        conn.commit()
    finally:
        conn.close()

    problems = desk.check()

    assert problems == [
        "Case MD-2026-0001: Nobody Atall's confirmation is not signed: it was not made by "
        "Mediator Desk.",
        "Case MD-2026-0001: the confirmation by Nobody Atall is not in the audit trail.",
        "Case MD-2026-0002: Nobody Atall's confirmation is not signed: it was not made by "
        "Mediator Desk.",
        "Case MD-2026-0002: the confirmation by Nobody Atall is not in the audit trail.",
    ]


# -- attachments --------------------------------------------------------------------------------
def test_the_store_refuses_a_file_that_is_no_picture_or_pdf_saying_why(desk):
    """The store itself refuses an attachment that is not a picture or PDF (whoever calls
    it), with the plain-English reason, and keeps nothing."""
    case = desk.create_case(make_case())
    preparation = PreparationRepository(desk.casefile.cases)

    with pytest.raises(errors.InvalidChange) as refused:
        preparation.add_attachment(case.id, "minutes.txt", b"Meeting minutes, typed up.")

    assert refused.value.message == (
        "minutes.txt is not a picture or PDF that Mediator Desk can keep (PNG, JPEG, GIF, WebP "
        "or PDF)."
    )
    assert preparation.attachments(case.id) == []


# -- addenda ------------------------------------------------------------------------------------
@pytest.fixture
def addendum(desk, meeting):  # noqa: F811
    """An addendum started after the statement was sealed."""
    case, parent, la, _ = meeting
    for person in (parent, la):
        desk.statement.confirm(case, person.id, ConfirmedHow.SPOKEN)
    desk.statement.seal(case)
    return desk.statement.add_addendum(case.id, "The review month was misheard")


def test_an_addendums_reason_can_be_edited_before_it_is_sealed(desk, addendum):
    """An addendum's reason, like its text, can be put right until it is sealed."""
    edited = desk.statement.update_addendum(
        addendum.id, {"reason": "The review month was misheard in the meeting"}
    )

    assert (edited.reason, edited.text) == ("The review month was misheard in the meeting", "")
    assert desk.statement.addenda(addendum.case_id) == [edited]


def test_only_an_addendums_reason_and_text_can_be_edited(desk, addendum):
    """Anything else of an addendum (its hash, when it was sealed) is refused, saying what
    can be edited, and the addendum stays as it was."""
    with pytest.raises(errors.InvalidChange) as refused:
        desk.statement.update_addendum(addendum.id, {"sha256": "ab" * 32})

    assert refused.value.message == "Only an addendum's reason and text can be edited."
    assert desk.statement.addenda(addendum.case_id) == [addendum]


# -- rows and records ---------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class _Review:
    """A record whose optional fields are spelt the older way, Optional[X]."""

    held_on: typing.Optional[dt.date] = None  # noqa: UP045
    how: typing.Optional[ConfirmedHow] = None  # noqa: UP045


def test_an_optional_field_spelt_the_older_way_is_read_as_its_type():
    """A field hinted Optional[X] is stored and read as X, exactly as one hinted X | None:
    a date from its ISO text, an enum from its value."""
    row = {"held_on": "2026-11-23", "how": "spoken"}

    assert from_row(_Review, row) == _Review(dt.date(2026, 11, 23), ConfirmedHow.SPOKEN)
