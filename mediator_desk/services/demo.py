"""Fictional demo cases at different stages, for trying the app and for screenshots.

Every person, school and local authority here is invented. Dates are placed around `today` so
the demo looks current whenever it is loaded; tests pass a fixed `today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..domain.case import DATE_FIELDS, Case, CaseKind, CaseStatus, DecisionKind
from ..domain.case_timeline import AgreedAction
from ..domain.parents import ParentCarer as P
from ..domain.preparation import (
    Arrangements,
    Attendance,
    Attendee,
    ChildPart,
    ChildViews,
    ContactEntry,
    ContactKind,
    ContactMethod,
    MeetingFormat,
    Role,
    ViewMethod,
)
from ..domain.statement import Issue, MeetingRecord, Outcome
from ..domain.timeline import Clock


def _years_ago(today: dt.date, years: int, days: int = 0) -> dt.date:
    try:
        base = today.replace(year=today.year - years)
    except ValueError:
        base = today.replace(year=today.year - years, day=28)
    return base - dt.timedelta(days=days)


def _weekday(day: dt.date) -> dt.date:
    """Meetings and letters fall on weekdays: a Saturday moves back to Friday, a Sunday on to
    Monday."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def demo_cases(today: dt.date) -> list[Case]:
    return [
        case.with_changes(
            **{
                name: _weekday(getattr(case, name))
                for name in DATE_FIELDS - {"child_dob"}
                if getattr(case, name) is not None
            }
        )
        for case in _demo_cases(today)
    ]


def demo_actions(today: dt.date) -> dict[str, list[AgreedAction]]:
    """Agreed actions for the demo cases that reached agreement, by child's name."""
    day = dt.timedelta(days=1)
    return {
        "Ayaan Qureshi": [
            AgreedAction(
                "Issue the amended plan naming Larchfield Academy in Section I",
                owner="Brackenshire County Council",
                clock=Clock.SECTION_I_AMENDED_PLAN_BY,
            ),
            AgreedAction(
                "Arrange a transition visit to Larchfield Academy with Ayaan and his parents",
                owner="Brackenshire County Council (SEN team)",
                clock=Clock.NON_APPEALABLE_ACTION_BY,
            ),
        ],
        "Ruby Okonkwo-Field": [
            AgreedAction(
                "Tell the family the council will carry out an EHC needs assessment",
                owner="Eastwold City Council",
                clock=Clock.ASSESSMENT_NOTIFY_BY,
                done_on=_weekday(today - 110 * day),
            ),
        ],
    }


def _demo_cases(today: dt.date) -> list[Case]:
    day = dt.timedelta(days=1)
    return [
        Case(
            kind=CaseKind.MEDIATION,
            status=CaseStatus.ENQUIRY,
            child_name="Oliver Pemberton-Hale",
            child_known_as="Olly",
            child_dob=_years_ago(today, 9, 40),
            parents=(P("Rachel Pemberton-Hale", "Mother"), P("Tom Pemberton-Hale", "Father")),
            local_authority="Brackenshire County Council",
            decision_kind=DecisionKind.NOT_TO_ASSESS,
            decision_date=today - 8 * day,
            adviser_contacted=today - 3 * day,
            notes=(
                "First call with Rachel. Olly has found Year 5 hard since the move to a larger "
                "class; the school has put in reading support but his parents feel his needs "
                "have not been assessed. Sent the information leaflet by email."
            ),
        ),
        Case(
            kind=CaseKind.MEDIATION,
            status=CaseStatus.ARRANGED,
            child_name="Siân Llewelyn",
            child_dob=_years_ago(today, 12, 100),
            parents=(P("Gwen Llewelyn", "Mother"),),
            local_authority="Northmoor Borough Council",
            decision_kind=DecisionKind.PLAN_CONTENTS,
            decision_date=today - 26 * day,
            adviser_contacted=today - 20 * day,
            la_informed=today - 17 * day,
            meeting_date=today + 9 * day,
            notes=(
                "Dispute about Sections B and F of the new plan: speech and language therapy "
                "hours. Siân would like to give her views by video. Meeting online, two hours."
            ),
        ),
        Case(
            kind=CaseKind.MEDIATION,
            status=CaseStatus.DECLINED,
            child_name="Zofia Wiśniewska",
            child_dob=_years_ago(today, 7, 200),
            parents=(P("Katarzyna Wiśniewska", "Mother"),),
            local_authority="Eastwold City Council",
            decision_kind=DecisionKind.NOT_TO_ISSUE_PLAN,
            decision_date=today - 20 * day,
            adviser_contacted=today - 15 * day,
            declined_on=today - 6 * day,
            certificate_issued=today - 4 * day,
            notes="Mrs Wiśniewska decided not to mediate and intends to appeal. Interpreter "
            "(Polish) used for the information call.",
        ),
        Case(
            kind=CaseKind.MEDIATION,
            status=CaseStatus.HELD,
            child_name="Ayaan Qureshi",
            child_dob=_years_ago(today, 14, 15),
            parents=(P("Farah Qureshi", "Mother"), P("Imran Qureshi", "Father")),
            local_authority="Brackenshire County Council",
            decision_kind=DecisionKind.AMENDED_PLAN_CONTENTS,
            section_i_only=True,
            decision_date=today - 40 * day,
            la_informed=today - 30 * day,
            notice_sent=today - 14 * day,
            meeting_date=today - 2 * day,
            concluded_on=today - 2 * day,
            agreement_date=today - 2 * day,
            notes="Section I only: the family want Larchfield Academy named. Meeting held; "
            "outcome statement to circulate.",
        ),
        Case(
            kind=CaseKind.MEDIATION,
            status=CaseStatus.REQUESTED,
            child_name="Maryam Haddad",
            child_dob=_years_ago(today, 19, 60),
            parents=(P("Leila Haddad", "Mother"),),  # Maryam is the party; her mother supports her
            local_authority="Kingsmere Council",
            decision_kind=DecisionKind.NOT_TO_AMEND,
            decision_date=today - 12 * day,
            adviser_contacted=today - 9 * day,
            la_informed=today - 7 * day,
            health_issues=True,
            notes="Young person at Harrowgate College. Wants the plan amended to add travel "
            "training and speech and language therapy. Prefers email contact; needs written "
            "information in large print. ICB not yet told by the council.",
        ),
        Case(
            kind=CaseKind.DISAGREEMENT_RESOLUTION,
            status=CaseStatus.ARRANGED,
            child_name="Jacob Ashworth",
            child_dob=_years_ago(today, 6, 30),
            parents=(P("Emma Ashworth", "Mother"),),
            local_authority="Northmoor Borough Council",
            decision_kind=DecisionKind.OTHER,
            meeting_date=today + 4 * day,
            notes="Disagreement with Fernhill Primary School about lunchtime support. No EHC "
            "plan. School SENCo and parent both keen to meet.",
        ),
        Case(
            kind=CaseKind.MEDIATION,
            status=CaseStatus.CLOSED,
            child_name="Ruby Okonkwo-Field",
            child_dob=_years_ago(today, 10, 80),
            parents=(P("Adaeze Okonkwo", "Mother"), P("Daniel Field", "Father")),
            local_authority="Eastwold City Council",
            decision_kind=DecisionKind.NOT_TO_ASSESS,
            decision_date=today - 150 * day,
            adviser_contacted=today - 140 * day,
            la_informed=today - 135 * day,
            notice_sent=today - 128 * day,
            meeting_date=today - 120 * day,
            concluded_on=today - 120 * day,
            agreement_date=today - 120 * day,
            certificate_issued=today - 118 * day,
            statement_circulated=today - 118 * day,
            notes="Agreed at mediation that the council would carry out an assessment. "
            "Actions completed; case closed.",
        ),
    ]


@dataclass(frozen=True)
class DemoPreparation:
    """People, contacts (each naming an attendee by position), arrangements and views."""

    attendees: list[Attendee]
    contacts: list[tuple[int | None, ContactEntry]]
    arrangements: Arrangements | None = None
    views: ChildViews | None = None


def demo_preparation(today: dt.date) -> dict[str, DemoPreparation]:
    """Preparation for the demo cases, by child's name. Everyone here is invented."""
    day = dt.timedelta(days=1)

    def at(days_ago: int, hour: int = 10) -> dt.datetime:
        moment = _weekday(today - days_ago * day)
        return dt.datetime.combine(moment, dt.time(hour, 0))

    mediator = Attendee(
        "Alex Mercer",
        Role.MEDIATOR,
        organisation="Mediator Desk demo service",
        email="alex.mercer@example.org",
        attendance=Attendance.ONLINE,
    )
    return {
        "Siân Llewelyn": DemoPreparation(
            attendees=[
                Attendee(
                    "Gwen Llewelyn",
                    Role.PARENT_CARER,
                    email="gwen.llewelyn@example.org",
                    phone="07700 900123",
                    preferred_contact=ContactMethod.PHONE,
                    language="Welsh and English",
                    consent_share_contact=True,
                    access_needs="Prefers short breaks every 40 minutes.",
                ),
                Attendee(
                    "Siân Llewelyn",
                    Role.CHILD,
                    attendance=Attendance.ONLINE,
                    child_part=ChildPart.PART,
                    notes="Will join for the first 20 minutes with her mum.",
                ),
                Attendee(
                    "Priya Natarajan",
                    Role.LA_DECISION_MAKER,
                    organisation="Northmoor Borough Council",
                    job_title="Head of SEN Assessment",
                    decision_authority=True,
                    email="p.natarajan@example.org",
                ),
                Attendee(
                    "Tom Ellery",
                    Role.LA_SEN_OFFICER,
                    organisation="Northmoor Borough Council",
                    job_title="SEN Case Officer",
                ),
                Attendee(
                    "Hannah Okafor",
                    Role.SCHOOL,
                    organisation="Castlebrook Primary School",
                    job_title="SENCo",
                    attendance=Attendance.WRITTEN,
                    notes="Sending a short report on speech and language support.",
                ),
                Attendee(
                    "Bethan Rees",
                    Role.IASS_WORKER,
                    organisation="Northmoor SENDIASS",
                    job_title="IASS worker",
                ),
                mediator,
            ],
            contacts=[
                (
                    0,
                    ContactEntry(
                        at(20, 14),
                        ContactMethod.PHONE,
                        ContactKind.INITIAL_CALL,
                        summary="Explained mediation and the certificate. Gwen wants "
                        "to mediate about therapy hours.",
                    ),
                ),
                (
                    0,
                    ContactEntry(
                        at(18, 11),
                        ContactMethod.VIDEO,
                        ContactKind.CASE_HISTORY,
                        summary="Case history taken. Siân is happy to share her views by video.",
                    ),
                ),
                (
                    2,
                    ContactEntry(
                        at(15, 9),
                        ContactMethod.EMAIL,
                        ContactKind.ARRANGEMENTS,
                        summary="Offered three dates; Ms Natarajan confirmed she has "
                        "authority to agree.",
                        follow_up="Send the meeting details to everyone",
                        follow_up_by=_weekday(today + 2 * day),
                    ),
                ),
                (
                    0,
                    ContactEntry(
                        at(2, 16),
                        ContactMethod.PHONE,
                        ContactKind.PRE_MEETING_CALL,
                        summary="Talked through the meeting. Gwen would like Bethan "
                        "to support her.",
                    ),
                ),
            ],
            arrangements=Arrangements(
                start_time="10:00",
                end_time="12:00",
                meeting_format=MeetingFormat.ONLINE,
                platform="Microsoft Teams",
                link="https://meet.example.org/md-demo-0002",
            ),
            views=ChildViews(
                liked_admired="I am kind to my little brother and I am good at drawing horses.",
                important="Being understood when I talk. Having my friend Ffion at school. "
                "Going to the stables on Saturdays.",
                best_support="Give me time to answer. Show me pictures. Don't make me read "
                "out loud in front of everyone.",
                views_on_disagreement="I liked seeing Mrs Parry every week and now I don't "
                "see her much.",
                wishes="I want to see the speech lady every week again.",
                quotes="“When people don't understand me I feel invisible.”\n"
                "“I like it when we use the picture cards.”",
                gathered_by="Gwen Llewelyn (mother), with the mediator on video",
                gathered_on=_weekday(today - 10 * day),
                methods=frozenset({ViewMethod.VIDEO, ViewMethod.DRAWING}),
                will_attend=ChildPart.PART,
            ),
        ),
        "Ayaan Qureshi": DemoPreparation(
            attendees=[
                Attendee(
                    "Farah Qureshi",
                    Role.PARENT_CARER,
                    language="Urdu",
                    interpreter_needed=True,
                    preferred_contact=ContactMethod.PHONE,
                    attendance=Attendance.IN_PERSON,
                ),
                Attendee(
                    "Imran Qureshi",
                    Role.PARENT_CARER,
                    email="i.qureshi@example.org",
                    attendance=Attendance.IN_PERSON,
                ),
                Attendee(
                    "Daniel Whitfield",
                    Role.LA_DECISION_MAKER,
                    organisation="Brackenshire County Council",
                    job_title="SEN Team Manager",
                    decision_authority=True,
                    attendance=Attendance.IN_PERSON,
                ),
                Attendee(
                    "Nadia Siddiqui",
                    Role.INTERPRETER,
                    language="Urdu",
                    organisation="Brackenshire Interpreting",
                    attendance=Attendance.IN_PERSON,
                ),
                replace(mediator, attendance=Attendance.IN_PERSON),  # the meeting is at a venue
            ],
            contacts=[
                (
                    0,
                    ContactEntry(
                        at(30, 10),
                        ContactMethod.PHONE,
                        ContactKind.INITIAL_CALL,
                        summary="With interpreter. Family want Larchfield Academy.",
                    ),
                ),
                (
                    0,
                    ContactEntry(
                        at(7, 15),
                        ContactMethod.PHONE,
                        ContactKind.PRE_MEETING_CALL,
                        summary="Pre-meeting call with interpreter.",
                    ),
                ),
                (
                    2,
                    ContactEntry(
                        at(6, 12),
                        ContactMethod.PHONE,
                        ContactKind.PRE_MEETING_CALL,
                        summary="Mr Whitfield has the placement panel's view.",
                    ),
                ),
            ],
            arrangements=Arrangements(
                start_time="13:30",
                end_time="15:30",
                meeting_format=MeetingFormat.IN_PERSON,
                venue="Brackenshire Family Centre, Room 2",
                venue_access="Step-free; parking at the rear.",
                interpreter_booked=True,
            ),
            views=ChildViews(
                important="My cousin goes to Larchfield. I want to be in the robotics club.",
                wishes="Go to Larchfield Academy in September.",
                quotes="“I feel calmer when I know someone there.”",
                gathered_by="Alex Mercer (mediator)",
                gathered_on=_weekday(today - 9 * day),
                methods=frozenset({ViewMethod.CONVERSATION}),
                will_attend=ChildPart.NONE,
            ),
        ),
        "Maryam Haddad": DemoPreparation(
            attendees=[
                Attendee(
                    "Maryam Haddad",
                    Role.YOUNG_PERSON,
                    email="maryam.h@example.org",
                    preferred_contact=ContactMethod.EMAIL,
                    access_needs="Written information in large print (18pt).",
                ),
                Attendee("Leila Haddad", Role.FAMILY_SUPPORTER, notes="Maryam's mother."),
                Attendee(
                    "Sophie Brennan",
                    Role.LA_SEN_OFFICER,
                    organisation="Kingsmere Council",
                    job_title="SEN Officer",
                ),
                mediator,
            ],
            contacts=[
                (
                    0,
                    ContactEntry(
                        at(9, 11),
                        ContactMethod.EMAIL,
                        ContactKind.INITIAL_CALL,
                        summary="Maryam asked for mediation by email.",
                        follow_up="Ask the council who can make decisions",
                        follow_up_by=_weekday(today - 1 * day),
                    ),
                ),
            ],
            views=ChildViews(no_views_reason="Maryam is the party and will speak for herself."),
        ),
        "Oliver Pemberton-Hale": DemoPreparation(
            attendees=[
                Attendee("Rachel Pemberton-Hale", Role.PARENT_CARER, email="rachel.ph@example.org"),
            ],
            contacts=[
                (
                    0,
                    ContactEntry(
                        at(3, 9),
                        ContactMethod.PHONE,
                        ContactKind.INITIAL_CALL,
                        summary="Information call; sent the leaflet.",
                    ),
                ),
            ],
        ),
    }


@dataclass(frozen=True)
class DemoMeeting:
    """A meeting's statement: issues (with the demo actions agreed under the first), the
    general sections, and whether the parties confirmed it and it was sealed."""

    issues: list[Issue]
    record: MeetingRecord
    sealed: bool


def demo_meetings() -> dict[str, DemoMeeting]:
    return {
        "Ayaan Qureshi": DemoMeeting(
            issues=[
                Issue(
                    "Section I: the school named in the plan",
                    "- Mr and Mrs Qureshi explained why Larchfield Academy suits Ayaan: his "
                    "cousin is there and it has a small robotics club.\n"
                    "- The council had named Brackenshire High because of travel costs.\n"
                    "- Larchfield confirmed it can meet Ayaan's needs in Section F.\n"
                    "- Mr Whitfield agreed that Larchfield is suitable and that the cost is "
                    "not incompatible with the efficient use of resources.",
                    Outcome.AGREED,
                ),
                Issue(
                    "Transition to the new school",
                    "- Ayaan feels calmer when he knows someone at school.\n"
                    "- A visit before the move will help.",
                    Outcome.AGREED,
                ),
            ],
            record=MeetingRecord(
                next_steps="The council will issue the amended plan naming Larchfield Academy "
                "and arrange a visit. The mediator will send this statement to everyone "
                "within 3 working days.",
                private_notes="Mrs Qureshi was tired by the end; offer a later start next time.",
            ),
            sealed=True,
        ),
    }


DEMO_SERVICE = {
    "name": "Brackenfold SEND Mediation Service",
    "address": "2 Fictional Row, Brackenfold BF1 2AB",
    "phone": "0117 496 0000",
    "email": "mediation@example.org",
    "mediator": "Alex Mercer",
    "adviser": "Sam Okoro",
}
