"""One change notification per case: each write use case tells the listeners exactly once
which case it touched (a use case that calls another is still one); a refused write, none."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue
from mediator_desk.domain.timeline import Clock
from mediator_desk.store import errors
from tests.conftest import TODAY, make_case, picture


@pytest.fixture
def setting(desk, tmp_path):
    """A case with one of each record, and a list of what the listener heard."""
    case = desk.create_case(make_case(meeting_date=TODAY))
    desk.create_case(make_case(child_name="Tegen Polglase"))  # never mentioned below
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    la = desk.attendees.add(
        case.id, Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True)
    )
    action = desk.add_action(case.id, AgreedAction("Send the plan", clock=Clock.AMENDED_PLAN_BY))
    issue = desk.statement.issues.add(case.id, Issue("Therapy"))
    desk.statement.issues.add(case.id, Issue("Transport"))
    scan = tmp_path / "drawing.png"
    scan.write_bytes(picture())
    attachment = desk.attach_file(case.id, scan)
    heard: list[int] = []
    desk.changes.subscribe(heard.append)
    return desk.case(case.id), parent, la, action, issue, attachment, scan, heard


WRITES = {
    "update_case": lambda d, c, p, la, a, i, f, s: d.update_case(c.id, {"notes": "More"}),
    "attendee added": lambda d, c, p, la, a, i, f, s: d.attendees.add(
        c.id, Attendee("Jory Polglase", Role.FAMILY_SUPPORTER)
    ),
    "attendee changed": lambda d, c, p, la, a, i, f, s: d.attendees.update(p.id, {"phone": "1"}),
    "attendee removed": lambda d, c, p, la, a, i, f, s: d.attendees.delete(p.id),
    "arrangements": lambda d, c, p, la, a, i, f, s: d.arrangements.update(c.id, {"venue": "Hall"}),
    "action added": lambda d, c, p, la, a, i, f, s: d.add_action(c.id, AgreedAction("Call")),
    "action changed": lambda d, c, p, la, a, i, f, s: d.update_action(a.id, {"owner": "LA"}),
    "action removed": lambda d, c, p, la, a, i, f, s: d.delete_action(a.id),
    "attachment added": lambda d, c, p, la, a, i, f, s: d.attach_file(c.id, s),
    "caption": lambda d, c, p, la, a, i, f, s: d.set_attachment_caption(f.id, "By Lowenna"),
    "attachment removed": lambda d, c, p, la, a, i, f, s: d.delete_attachment(f.id),
    "issue changed": lambda d, c, p, la, a, i, f, s: d.statement.issues.update(
        i.id, {"discussion": "- Weekly"}
    ),
    "issue moved": lambda d, c, p, la, a, i, f, s: d.statement.move_issue(i.id, 1),
    "presence": lambda d, c, p, la, a, i, f, s: d.statement.set_presence(
        c.id, p.id, {"present": True}
    ),
    "record": lambda d, c, p, la, a, i, f, s: d.statement.record.update(
        c.id, {"next_steps": "Review"}
    ),
    "circulated (writes the case too)": lambda d, c, p, la, a, i, f, s: d.documents.set_circulated(
        c, "outcome-statement", dt.date(2026, 11, 23)
    ),
    "export recorded": lambda d, c, p, la, a, i, f, s: d.documents.record_export(
        c, "meeting-letter", "pdf", "letter.pdf"
    ),
}


@pytest.mark.parametrize("write", list(WRITES), ids=list(WRITES))
def test_each_write_is_one_notification_for_its_case(desk, setting, write):
    case, parent, la, action, issue, attachment, scan, heard = setting
    WRITES[write](desk, case, parent, la, action, issue, attachment, scan)
    assert heard == [case.id]


def test_confirming_and_sealing_are_one_notification_each(desk, setting):
    case, parent, la, *_, heard = setting
    for person in (parent, la):
        desk.statement.set_presence(case.id, person.id, {"present": True})
    heard.clear()
    desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN)
    assert heard == [case.id]
    desk.statement.confirm(case, la.id, ConfirmedHow.SPOKEN)
    heard.clear()
    desk.statement.seal(case)
    assert heard == [case.id]


def test_a_refused_write_is_no_notification(desk, setting):
    case, *_, heard = setting
    with pytest.raises(errors.InvalidChange):
        desk.documents.set_circulated(case, "outcome-statement", dt.date(2026, 11, 24))
    with pytest.raises(errors.InvalidChange):
        desk.update_case(case.id, {"child_dob": dt.date(2030, 1, 1)})
    assert heard == []


def test_a_new_case_is_one_notification(desk, setting):
    *_, heard = setting
    created = desk.create_case(make_case(child_name="Elowen Penrose"))
    assert heard == [created.id]
