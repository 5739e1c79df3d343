"""Fictional demo cases at different stages, for trying the app and for screenshots.

Every person, school and local authority here is invented. Dates are placed around `today` so
the demo looks current whenever it is loaded; tests pass a fixed `today`.
"""

from __future__ import annotations

import datetime as dt

from .domain.case import DATE_FIELDS, Case, CaseKind, CaseStatus, DecisionKind
from .domain.case_timeline import AgreedAction
from .domain.timeline import Clock


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
            parents="Rachel Pemberton-Hale and Tom Pemberton-Hale (parents)",
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
            parents="Gwen Llewelyn (mother)",
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
            parents="Katarzyna Wiśniewska (mother)",
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
            parents="Farah Qureshi and Imran Qureshi (parents)",
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
            parents="Maryam is the party; Leila Haddad (mother) supports her",
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
            parents="Emma Ashworth (mother)",
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
            parents="Adaeze Okonkwo and Daniel Field (parents)",
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
