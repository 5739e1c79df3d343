"""The audit trail of one working session, held whole. The trail is what a mediator, an
auditor or a Tribunal reads to see what happened to a case and when (DOMAIN.md section 8;
docs/integrity.md), so each write's entry, its wording and what it names are part of the
record. A session touching every kind of record is written out as text under
tests/documents/golden/ and compared line for line, as the documents are (docs/testing.md,
"Golden documents"); a change shows as a difference to read and approve."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.clocks import Clock
from mediator_desk.domain.preparation import (
    Attendee,
    ContactEntry,
    ContactKind,
    ContactMethod,
    ProposedDate,
    Role,
)
from mediator_desk.domain.statement import Issue, Outcome
from mediator_desk.services.opening import current_user
from tests.conftest import make_case, picture, seal_with_an_addendum
from tests.documents.golden import matches_golden

D = dt.date


def test_a_session_touching_every_record_leaves_this_trail(desk, tmp_path):
    """Opening a case, preparing it, holding the meeting, sealing the statement and an
    addendum, the service's settings, an attachment, an export and an erasure: each write's
    audit entry, in order, with its time, case and words, and `check` finds the file sound."""
    desk.documents.set_service({"name": "Porthkennack Mediation", "mediator": "Alex Mercer"})
    desk.set_warn_days(7)
    desk.set_extra_holiday(D(2026, 12, 29), "Service closure")
    desk.set_extra_holiday(D(2026, 12, 29), None)
    desk.set_retention_years(7)
    case = desk.create_case(
        make_case(decision_date=D(2026, 10, 26), adviser_contacted=D(2026, 10, 28),
                  meeting_date=D(2026, 11, 20), declined_on=None, la_informed=None)
    )  # fmt: skip
    case = desk.update_case(case.id, {"la_informed": D(2026, 10, 30), "notes": "First call."})
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    officer = desk.attendees.add(
        case.id,
        Attendee("Kerensa Hocking", Role.LA_DECISION_MAKER,
                 organisation="Fernleigh County Council", decision_authority=True),
    )  # fmt: skip
    helper = desk.attendees.add(case.id, Attendee("Jory Penrose", Role.FAMILY_SUPPORTER))
    desk.attendees.update(helper.id, {"organisation": "Fernleigh Parent Carer Forum"})
    desk.attendees.delete(helper.id)
    call = desk.contacts.add(
        case.id,
        ContactEntry(dt.datetime(2026, 11, 2, 10, 0), ContactMethod.PHONE,
                     ContactKind.INITIAL_CALL, parent.id, summary="Explained the process."),
    )  # fmt: skip
    desk.contacts.update(call.id, {"follow_up": "Send the leaflet", "follow_up_by": D(2026, 11, 4)})
    offered = desk.proposed_dates.add(case.id, ProposedDate(D(2026, 11, 20), "10:00"))
    desk.proposed_dates.update(offered.id, {"response": "Accepted"})
    desk.arrangements.update(case.id, {"start_time": "10:00", "end_time": "12:30"})
    desk.child_views.update(
        case.id, {"wishes": "Stay at Tremough School", "share_with": frozenset({parent.id})}
    )
    statement = desk.statement
    first = statement.issues.add(case.id, Issue("Section F: therapy", "- Weekly", Outcome.AGREED))
    second = statement.issues.add(
        case.id, Issue("Placement", "Talked through.", Outcome.NOT_AGREED)
    )
    statement.issues.update(second.id, {"discussion": "Talked through at length."})
    statement.move_issue(second.id, -1)
    action = desk.add_action(
        case.id, AgreedAction("Arrange weekly therapy", "Fernleigh County Council",
                              Clock.NON_APPEALABLE_ACTION_BY, issue_id=first.id),
    )  # fmt: skip
    desk.update_action(action.id, {"owner": "Fernleigh County Council (SEN team)"})
    statement.record.update(case.id, {"next_steps": "The council will write by Friday."})
    for person in (parent, officer):
        statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    seal_with_an_addendum(desk, desk.case(case.id), [parent.id, officer.id])
    drawing = tmp_path / "drawing.png"
    drawing.write_bytes(picture())
    attached = desk.attach_file(case.id, drawing, "My school")
    desk.set_attachment_caption(attached.id, "My school, by me")
    desk.set_attachment_in_profile(attached.id, True)
    desk.delete_attachment(attached.id)
    desk.export_case(case.reference)
    gone = desk.create_case(make_case(child_name="Tamsin Nance", decision_date=D(2026, 9, 1)))
    desk.update_case(gone.id, {"status": CaseStatus.CLOSED})
    desk.erase_case(gone.id)

    history = desk.history()
    # Each entry names the computer's user, which differs between machines.
    assert {e.actor for e in history} == {current_user()}
    # The signing certificate's key is new each time: its fingerprint is the one now kept.
    identity = desk.signing.identity()
    assert identity is not None
    made = [e.detail for e in history if e.action == "signing certificate made"]
    assert made == [identity.fingerprint]
    shown = {identity.fingerprint: "(the certificate's fingerprint)"}
    lines = [
        f"{e.at.isoformat()} | {e.reference} | {e.action} | {shown.get(e.detail, e.detail)}"
        for e in history
    ]
    matches_golden("audit/session.txt", "\n".join(lines) + "\n")
    assert desk.check() == []
