"""Readiness and role rules (DOMAIN.md section 5; SEND Regulations 2014 reg 38)."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.case import CaseKind, DecisionKind
from mediator_desk.domain.preparation import (
    Arrangements,
    Attendance,
    Attendee,
    ChildViews,
    ContactEntry,
    ContactKind,
    MeetingFormat,
    Role,
)
from mediator_desk.domain.readiness import readiness, role_problems
from tests.conftest import make_case

D = dt.date
TODAY = D(2026, 11, 23)

PARENT = Attendee("Morwenna Tregothnan", Role.PARENT_CARER, id=1)
DECIDER = Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True, id=2)
OFFICER = Attendee("Ola Nowak", Role.LA_SEN_OFFICER, id=3)
MEDIATOR = Attendee("Alex Mercer", Role.MEDIATOR, id=4)
READY_VIEWS = ChildViews(wishes="To stay at my school")


def keys(items):
    return {item.key for item in items}


class TestRoles:
    def test_a_complete_mediation_has_no_role_problems(self):
        assert role_problems(make_case(), [PARENT, DECIDER, MEDIATOR], TODAY) == []

    def test_only_one_lead_mediator(self):
        two = [PARENT, DECIDER, MEDIATOR, Attendee("Sam Ode", Role.MEDIATOR, id=5)]
        assert "one_lead_mediator" in keys(role_problems(make_case(), two, TODAY))
        co = [PARENT, DECIDER, MEDIATOR, Attendee("Sam Ode", Role.CO_MEDIATOR, id=5)]
        assert "one_lead_mediator" not in keys(role_problems(make_case(), co, TODAY))

    def test_the_family_side_must_be_there(self):
        assert "family_party" in keys(role_problems(make_case(), [DECIDER], TODAY))
        young = [Attendee("Maryam", Role.YOUNG_PERSON, id=9), DECIDER]
        assert "family_party" not in keys(role_problems(make_case(), young, TODAY))

    def test_a_young_person_is_a_party_in_their_own_right(self):
        # CFA 2014 s83(2): born 2007, so a young person on 23 November 2026.
        case = make_case(child_dob=D(2007, 3, 1))
        found = role_problems(case, [PARENT, DECIDER], TODAY)
        assert "young_person_party" in keys(found)

    def test_mediation_needs_the_la_with_authority(self):
        # The LA must take part (R (Kumar) v Hillingdon) with someone who can agree.
        assert {"la_attends", "la_authority"} <= keys(role_problems(make_case(), [PARENT], TODAY))
        officer_only = role_problems(make_case(), [PARENT, OFFICER], TODAY)
        assert keys(officer_only) == {"la_authority"}
        dr = make_case(kind=CaseKind.DISAGREEMENT_RESOLUTION, decision_kind=DecisionKind.OTHER)
        assert role_problems(dr, [PARENT], TODAY) == []

    def test_one_supporter_as_of_right_more_need_a_decision(self):
        # SEND Regulations 2014 reg 38(1)(b) and (e).
        first = Attendee("Bethan Rees", Role.IASS_WORKER, id=6)
        second = Attendee("Ceri Jones", Role.ADVOCATE, id=7)
        people = [PARENT, DECIDER, first, second]
        assert "supporters" in keys(role_problems(make_case(), people, TODAY))
        decided = [
            PARENT,
            DECIDER,
            first,
            second.with_changes(mediator_decision="All parties agreed"),
        ]
        assert "supporters" not in keys(role_problems(make_case(), decided, TODAY))

    def test_a_disputed_attendee_needs_the_mediators_decision(self):
        disputed = Attendee(
            "Dr Pat Kerr", Role.INFORMATION_PROVIDER, attendance_disputed=True, id=8
        )
        assert "dispute_8" in keys(role_problems(make_case(), [PARENT, DECIDER, disputed], TODAY))
        settled = disputed.with_changes(mediator_decision="May attend for the first hour")
        assert "dispute_8" not in keys(
            role_problems(make_case(), [PARENT, DECIDER, settled], TODAY)
        )


class TestReadiness:
    def check(
        self,
        case=None,
        people=(PARENT, DECIDER),
        contacts=(),
        arrangements=None,
        views=READY_VIEWS,
        attachments=False,
        **clocks,
    ):
        return keys(
            readiness(
                case or make_case(),
                list(people),
                list(contacts),
                arrangements or Arrangements(link="https://meet.example.org/x"),
                views,
                attachments,
                TODAY,
                **clocks,
            )
        )

    def test_nothing_outstanding(self):
        assert self.check() == set()

    def test_child_views_or_a_reason(self):
        # CFA 2014 s19: regard to the child's views, wishes and feelings.
        assert "child_views" in self.check(views=ChildViews())
        assert "child_views" not in self.check(views=ChildViews(no_views_reason="Too unwell"))
        assert "child_views" not in self.check(views=ChildViews(), attachments=True)

    def test_meeting_details_sent(self):
        case = make_case(meeting_date=D(2026, 12, 2))
        found = readiness(
            case,
            [PARENT, DECIDER],
            [],
            Arrangements(link="x"),
            READY_VIEWS,
            False,
            TODAY,
            notice_by=D(2026, 11, 24),
        )
        details = next(i for i in found if i.key == "details_sent")
        assert "by Tuesday 24 November 2026" in details.message
        assert (details.tab, details.field) == ("overview", "notice_sent")
        sent = make_case(meeting_date=D(2026, 12, 2), notice_sent=D(2026, 11, 20))
        assert "details_sent" not in self.check(case=sent)

    def test_meeting_outside_the_statutory_window(self):
        case = make_case(meeting_date=D(2026, 12, 9), notice_sent=D(2026, 11, 20))
        assert "statutory_window" in self.check(case=case, mediation_by=D(2026, 12, 4))
        assert "statutory_window" not in self.check(case=case, mediation_by=D(2026, 12, 10))

    def test_a_meeting_past_the_limit_sends_the_mediator_to_its_date(self):
        """The 30-day limit for mediation: the item names both dates and opens the Overview at
        the meeting date, the field to change."""
        case = make_case(meeting_date=D(2026, 12, 9), notice_sent=D(2026, 11, 20))
        found = readiness(
            case, [PARENT, DECIDER], [], Arrangements(link="x"), READY_VIEWS, False, TODAY,
            mediation_by=D(2026, 12, 4),
        )  # fmt: skip
        window = next(i for i in found if i.key == "statutory_window")
        assert (window.message, window.tab, window.field) == (
            "The meeting (Wednesday 9 December 2026) is after the 30-day limit "
            "(Friday 4 December 2026).",
            "overview",
            "meeting_date",
        )

    def test_an_interpreter_for_someone_not_yet_named(self):
        unnamed = PARENT.with_changes(name="", interpreter_needed=True, language="Polish")
        found = readiness(
            make_case(), [unnamed, DECIDER], [], Arrangements(link="x"), READY_VIEWS, False, TODAY
        )
        item = next(i for i in found if i.key == "interpreter")
        assert item.message == "An interpreter is needed (an attendee) but not booked."

    def test_interpreter_needed_but_not_booked(self):
        needs = [PARENT.with_changes(interpreter_needed=True, language="Polish"), DECIDER]
        assert "interpreter" in self.check(people=needs)
        booked = Arrangements(link="x", interpreter_booked=True)
        assert "interpreter" not in self.check(people=needs, arrangements=booked)

    def test_pre_meeting_calls_with_each_main_party(self):
        case = make_case(meeting_date=D(2026, 12, 2), notice_sent=D(2026, 11, 20))
        found = self.check(case=case)
        assert {"pre_meeting_1", "pre_meeting_2"} <= found
        call = ContactEntry(
            dt.datetime(2026, 11, 20, 10), kind=ContactKind.PRE_MEETING_CALL, attendee_id=1
        )
        found = self.check(case=case, contacts=[call])
        assert "pre_meeting_1" not in found and "pre_meeting_2" in found
        away = DECIDER.with_changes(attendance=Attendance.NOT_ATTENDING)
        assert "pre_meeting_2" not in self.check(case=case, people=[PARENT, away], contacts=[call])

    def test_meeting_place(self):
        case = make_case(meeting_date=D(2026, 12, 2), notice_sent=D(2026, 11, 20))
        assert "link" in self.check(case=case, arrangements=Arrangements())
        in_person = Arrangements(meeting_format=MeetingFormat.IN_PERSON)
        assert "venue" in self.check(case=case, arrangements=in_person)

    def test_overdue_follow_ups(self):
        late = ContactEntry(
            dt.datetime(2026, 11, 10, 9),
            follow_up="Chase the LA",
            follow_up_by=D(2026, 11, 20),
            id=3,
        )
        assert "follow_up_3" in self.check(contacts=[late])
        done = late.with_changes(follow_up_done=True)
        assert "follow_up_3" not in self.check(contacts=[done])


def test_after_the_meeting_nothing_is_left_to_prepare():
    """Once the meeting is held (the statement sealed, the mediation concluded) the pre-meeting
    checklist is done with; an overdue follow-up is still said."""
    from mediator_desk.domain.case import CaseStatus

    follow_up = ContactEntry(
        dt.datetime(2026, 11, 16, 10, 0),
        follow_up="Send the LA's notes",
        follow_up_by=D(2026, 11, 20),
        id=9,
    )
    people = [PARENT, DECIDER, OFFICER]
    before = make_case(meeting_date=TODAY, status=CaseStatus.ARRANGED)
    found = keys(readiness(before, people, [follow_up], Arrangements(), ChildViews(), False, TODAY))
    assert {"pre_meeting_1", "child_views", "details_sent", "follow_up_9"} <= found
    for after in (
        before.with_changes(status=CaseStatus.CONCLUDED, concluded_on=TODAY),
        before.with_changes(status=CaseStatus.HELD),
    ):
        found = readiness(after, people, [follow_up], Arrangements(), ChildViews(), False, TODAY)
        assert keys(found) == {"follow_up_9"}
