"""Exact values the domain hands on, pinned: the field a case check points at, the whole
readiness item (message, tab and field, so "go to what puts it right" lands on the right
widget), the wording and warning of an agreed action's date, the signed form of a
confirmation, and the parts of a sealed statement an imported file is compared on."""

from __future__ import annotations

import datetime as dt
import json

from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.case import CaseKind, DecisionKind, Problem, Severity, check_case
from mediator_desk.domain.case_timeline import AgreedAction, track_case
from mediator_desk.domain.integrity import confirmation_message, recomposed_differences
from mediator_desk.domain.preparation import (
    Arrangements,
    Attendee,
    ChildViews,
    ContactEntry,
    ContactKind,
    MeetingFormat,
    Role,
)
from mediator_desk.domain.readiness import ReadinessItem, readiness, role_problems
from mediator_desk.domain.statement import (
    Confirmation,
    ConfirmedHow,
    Seal,
    canonical_json,
    compose,
    content_hash,
)
from mediator_desk.domain.timeline import Clock
from tests.conftest import fixed_today, make_case
from tests.unit.test_mutants_integrity import CASE, HERE, ISSUES, PEOPLE, RECORD, _sealed
from tests.unit.test_readiness import DECIDER, PARENT, READY_VIEWS

D = dt.date
TODAY = fixed_today()  # Monday 23 November 2026
CAL = WorkingCalendar()
# A meeting still to come, its details already sent: only the item under test is left.
COMING = make_case(meeting_date=D(2026, 12, 2), notice_sent=D(2026, 11, 20))


def _ready(case=COMING, people=(PARENT, DECIDER), contacts=(), arrangements=None, views=None):
    return readiness(
        case,
        list(people),
        list(contacts),
        arrangements or Arrangements(link="https://meet.example.org/fernleigh"),
        views or READY_VIEWS,
        False,
        TODAY,
    )


# -- case checks ----------------------------------------------------------------------------
def test_an_event_dated_before_the_decision_notice_is_flagged_on_its_own_date_field():
    """The statutory clocks run from the decision notice (DOMAIN.md section 7; the family's
    2 months to contact the adviser, SEND Regulations 2014 reg 33), so an event dated before
    it is likely a typing mistake: the warning is tied to that event's own date field, so the
    form marks the field that needs a second look."""
    case = make_case(decision_date=D(2026, 11, 2), la_informed=D(2026, 10, 30))
    checks = check_case(case, TODAY)
    assert checks.problems == (
        Problem(
            "la_informed",
            "The date 'LA informed' is before the decision notice was sent.",
            Severity.WARNING,
        ),
    )
    assert checks.for_field("la_informed") == checks.problems


def test_health_only_without_health_issues_points_at_the_health_only_box():
    """A health-only mediation is one where health care is mediated, so the ICB is a party
    (SEND Regulations 2014 reg 42(3) and (4); DOMAIN.md section 2): 'health issues' must be
    ticked too, and the error is tied to the 'health only' field."""
    checks = check_case(make_case(health_only=True, health_issues=False), TODAY)
    assert checks.problems == (
        Problem("health_only", "Health-only mediation needs 'health issues' ticked too."),
    )
    assert checks.for_field("health_only") == checks.problems
    assert not checks.ok


# -- agreed actions on the timeline ---------------------------------------------------------
def test_a_disagreement_resolution_date_agreed_without_a_reason_reads_as_one_sentence():
    """Disagreement resolution (CFA 2014 s57) is no reg 42 agreement: an action keeps only the
    date the parties agreed, and with no reason recorded the explanation is that alone."""
    case = make_case(
        kind=CaseKind.DISAGREEMENT_RESOLUTION,
        decision_kind=DecisionKind.OTHER,
        meeting_date=D(2026, 11, 18),
    )
    action = AgreedAction(
        "Share the provision map", "Fernleigh Primary", due_override=D(2026, 12, 4), id=4
    )
    tracked = next(t for t in track_case(case, [action], CAL, TODAY) if t.action_id == 4)
    assert tracked.explanation == "Date agreed by the parties."
    assert (tracked.clock, tracked.due, tracked.overridden) == (None, D(2026, 12, 4), True)


def test_an_agreed_action_due_on_christmas_day_carries_the_engines_warning():
    """SEND Regulations 2014 reg 42(3): 2 weeks from an agreement on Friday 11 December 2026
    is Friday 25 December, not a working day; the date does not move, so the tracked action
    carries the warning to aim for the working day before."""
    case = make_case(meeting_date=D(2026, 12, 11), agreement_date=D(2026, 12, 11))
    action = AgreedAction(
        "Send the speech and language report",
        "Fernleigh County Council",
        clock=Clock.NON_APPEALABLE_ACTION_BY,
        id=9,
    )
    tracked = next(t for t in track_case(case, [action], CAL, TODAY) if t.action_id == 9)
    assert tracked.due == D(2026, 12, 25)
    assert tracked.warning == (
        "Friday 25 December 2026 is not a working day (Christmas Day); the deadline does not "
        "move, so aim for Thursday 24 December 2026."
    )


# -- readiness: each item whole -------------------------------------------------------------
def test_a_young_person_missing_as_a_party_sends_the_mediator_to_the_people_tab_role():
    """CFA 2014 s83(2): someone over compulsory school age and under 25 is a young person
    and a party in their own right; the item opens the People tab at 'role'."""
    case = make_case(child_dob=D(2007, 3, 1))
    assert role_problems(case, [PARENT, DECIDER], TODAY) == [
        ReadinessItem(
            "young_person_party",
            "The young person is a party in their own right (Children and Families Act 2014 "
            "s83(2)): add them as 'Young person', even if a parent supports them.",
            "people",
            "role",
        )
    ]


def test_a_disputed_attendee_sends_the_mediator_to_the_decision_field():
    """The mediator decides disputes about who attends (SEND Regulations 2014 reg 38); the
    item opens the People tab at the mediator's decision."""
    disputed = Attendee("Dr Pat Kerr", Role.INFORMATION_PROVIDER, attendance_disputed=True, id=8)
    assert role_problems(make_case(), [PARENT, DECIDER, disputed], TODAY) == [
        ReadinessItem(
            "dispute_8",
            "Whether Dr Pat Kerr attends is disputed: record the mediator's decision and the "
            "reason.",
            "people",
            "mediator_decision",
        )
    ]


def test_missing_child_views_open_the_child_views_tab_at_its_first_field():
    """Regard must be had to the child's views, wishes and feelings (CFA 2014 s19): the item
    opens the Child's views tab at 'What people like and admire about me'."""
    items = readiness(
        make_case(), [PARENT, DECIDER], [], Arrangements(link="x"), ChildViews(), False, TODAY
    )
    assert items == [
        ReadinessItem(
            "child_views",
            "The child's views are not recorded. Record them, or why they could not be "
            "gathered: their views must be had regard to (Children and Families Act 2014 s19).",
            "child_views",
            "liked_admired",
        )
    ]


def test_a_main_party_not_yet_named_and_not_yet_called():
    """Each main party (DOMAIN.md section 5) has a pre-meeting call; one not yet named is
    'a main party', and the item opens the contact log on the Preparation tab."""
    unnamed = PARENT.with_changes(name="")
    call = ContactEntry(
        dt.datetime(2026, 11, 19, 10), kind=ContactKind.PRE_MEETING_CALL, attendee_id=2
    )
    assert _ready(people=[unnamed, DECIDER], contacts=[call]) == [
        ReadinessItem(
            "pre_meeting_1",
            "No pre-meeting call with a main party is recorded.",
            "preparation",
            "contacts",
        )
    ]


def test_an_in_person_meeting_without_a_venue():
    """The notice of the meeting gives its date and place (DOMAIN.md section 7): an in-person
    meeting with no venue opens the Preparation tab at 'venue'."""
    calls = [
        ContactEntry(
            dt.datetime(2026, 11, 19, 10), kind=ContactKind.PRE_MEETING_CALL, attendee_id=a.id
        )
        for a in (PARENT, DECIDER)
    ]
    in_person = Arrangements(meeting_format=MeetingFormat.IN_PERSON)
    assert _ready(contacts=calls, arrangements=in_person) == [
        ReadinessItem("venue", "The meeting has no venue yet.", "preparation", "venue")
    ]


def test_everyone_needing_an_interpreter_is_named_in_one_list():
    """Every attendee who needs an interpreter is named, separated by commas, until one is
    booked (the Preparation tab's 'interpreter booked')."""
    people = [
        PARENT.with_changes(interpreter_needed=True, language="Cornish"),
        DECIDER.with_changes(interpreter_needed=True, language="Turkish"),
    ]
    items = readiness(make_case(), people, [], Arrangements(link="x"), READY_VIEWS, False, TODAY)
    assert items == [
        ReadinessItem(
            "interpreter",
            "An interpreter is needed (Morwenna Tregothnan, Kenan Aydın) but not booked.",
            "preparation",
            "interpreter_booked",
        )
    ]


def test_an_overdue_follow_up_opens_the_contact_log():
    """A follow-up the mediator set and has not done, past its date, is listed with the date
    and what it was, and opens the contact log on the Preparation tab."""
    late = ContactEntry(
        dt.datetime(2026, 11, 10, 9),
        follow_up="  Chase the LA for the EP report ",
        follow_up_by=D(2026, 11, 20),
        id=3,
    )
    assert _ready(case=make_case(), contacts=[late]) == [
        ReadinessItem(
            "follow_up_3",
            "Follow-up overdue since Friday 20 November 2026: Chase the LA for the EP report",
            "preparation",
            "contacts",
        )
    ]


# -- integrity ------------------------------------------------------------------------------
def test_a_confirmations_signed_message_names_the_case_file():
    """A confirmation's signature covers the case file's own id, so a signed confirmation
    copied into another case file does not verify there (docs/integrity.md)."""
    given = Confirmation(
        1, "Morwenna Trelawny", 2, "ab" * 32, ConfirmedHow.SPOKEN, dt.datetime(2026, 12, 3, 12, 31)
    )
    assert confirmation_message("file-7f3a", 7, given) == (
        b'["confirmation","file-7f3a",7,1,"Morwenna Trelawny",2,"' + b"ab" * 32 + b'",'
        b'"spoken","2026-12-03T12:31:00",null]'
    )


def test_changed_appeal_wording_the_mediator_wrote_is_named():
    """The mediator's own appeal wording (HESC Rules 2008 r20(1)(c)) is frozen by sealing:
    changed afterwards, the difference is named as the appeal information."""
    own = RECORD.with_changes(appeal_information="Appeal by 5pm on Tuesday 2 February 2027.")
    content = canonical_json(compose(CASE, PEOPLE, HERE, ISSUES, [], own))
    seal = Seal(1, content_hash(content), content, dt.datetime(2026, 12, 3, 12, 40))
    later = own.with_changes(appeal_information="Appeal by 5pm on Wednesday 3 February 2027.")
    assert recomposed_differences(seal, CASE, PEOPLE, HERE, ISSUES, [], later) == [
        "the appeal information"
    ]


def test_a_sealed_issue_without_an_actions_list_is_compared_not_a_crash():
    """A statement arriving in an exchange file is held to what sealing froze
    (docs/integrity.md); a sealed issue carrying no "actions" at all is read as having no
    agreed actions, so an action in the file's records is named as a difference."""
    sealed = json.loads(_sealed().content)
    del sealed["issues"][0]["actions"]
    content = canonical_json(sealed)
    seal = Seal(1, content_hash(content), content, dt.datetime(2026, 12, 3, 12, 40))
    action = AgreedAction("Weekly sessions", "Jory Penhale", issue_id=5, id=11)
    assert recomposed_differences(seal, CASE, PEOPLE, HERE, ISSUES, [action], RECORD) == [
        "the issues, outcomes and agreed actions"
    ]
    assert recomposed_differences(seal, CASE, PEOPLE, HERE, ISSUES, [], RECORD) == []
