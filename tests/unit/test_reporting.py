"""Every service-report statistic against a small hand-built casebook whose figures were worked
out by hand (domain/reporting.py). Each test names the rule it checks: the Children and
Families Act 2014 (s56(1)(e) the child's views at mediation, s55 certificates, ss52-57 the two
services), the SEND Regulations 2014 clocks as domain/timeline.py applies them (reg 34 and the
3-working-day certificates, the 30-day limit for mediation), and the 3-working-day service
standard for circulating the outcome statement (DOMAIN.md sections 6-8).

Working days are England and Wales working days: in late December 2026 Christmas Day is Friday
25 December and the Boxing Day holiday moves to Monday 28 December (DOMAIN.md section 8)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.case import CaseKind, CaseStatus, DecisionKind
from mediator_desk.domain.parents import ParentCarer
from mediator_desk.domain.preparation import Attendee, ChildPart, ChildViews, Role, ViewMethod
from mediator_desk.domain.reporting import (
    ON_TIME,
    CertificateKind,
    ReportCase,
    ReportFilter,
    ServiceReport,
    build_report,
    case_outcome,
    certificate_due,
    certificate_kind,
)
from mediator_desk.domain.statement import Issue, Outcome
from mediator_desk.domain.suppression import SUPPRESSED, shown_counts, shown_total, suppress
from tests.conftest import make_case

D = dt.date
CAL = WorkingCalendar()

MEDIATION = CaseKind.MEDIATION
DR = CaseKind.DISAGREEMENT_RESOLUTION
BRACKENSHIRE = "Brackenshire County Council"
EASTWOLD = "Eastwold City Council"

# The period of the main report spans a year end; the report is made on Wednesday 20 January
# 2027, so a meeting on 27 January 2027 is in the period but has not happened yet.
PERIOD_START = D(2026, 10, 1)
PERIOD_END = D(2027, 1, 31)
AS_OF = D(2027, 1, 20)

# Dates of the casebook (weekday in the comment).
SEP_07 = D(2026, 9, 7)  # Mon, before the period
SEP_09 = D(2026, 9, 9)  # Wed
SEP_29 = D(2026, 9, 29)  # Tue, a meeting before the period
OCT_02 = D(2026, 10, 2)  # Fri
OCT_05 = D(2026, 10, 5)  # Mon
OCT_12 = D(2026, 10, 12)  # Mon
OCT_14 = D(2026, 10, 14)  # Wed
OCT_15 = D(2026, 10, 15)  # Thu
OCT_19 = D(2026, 10, 19)  # Mon
OCT_20 = D(2026, 10, 20)  # Tue
OCT_21 = D(2026, 10, 21)  # Wed
OCT_23 = D(2026, 10, 23)  # Fri
OCT_29 = D(2026, 10, 29)  # Thu
NOV_02 = D(2026, 11, 2)  # Mon
NOV_03 = D(2026, 11, 3)  # Tue
NOV_05 = D(2026, 11, 5)  # Thu
NOV_06 = D(2026, 11, 6)  # Fri
NOV_09 = D(2026, 11, 9)  # Mon
NOV_10 = D(2026, 11, 10)  # Tue
NOV_16 = D(2026, 11, 16)  # Mon
NOV_17 = D(2026, 11, 17)  # Tue
NOV_20 = D(2026, 11, 20)  # Fri
NOV_25 = D(2026, 11, 25)  # Wed
DEC_01 = D(2026, 12, 1)  # Tue
DEC_02 = D(2026, 12, 2)  # Wed
DEC_04 = D(2026, 12, 4)  # Fri
DEC_07 = D(2026, 12, 7)  # Mon
DEC_08 = D(2026, 12, 8)  # Tue
DEC_09 = D(2026, 12, 9)  # Wed
DEC_11 = D(2026, 12, 11)  # Fri
DEC_14 = D(2026, 12, 14)  # Mon
DEC_16 = D(2026, 12, 16)  # Wed
DEC_17 = D(2026, 12, 17)  # Thu
CHRISTMAS_EVE = D(2026, 12, 24)  # Thu
DEC_29 = D(2026, 12, 29)  # Tue
DEC_30 = D(2026, 12, 30)  # Wed
DEC_31 = D(2026, 12, 31)  # Thu
JAN_04 = D(2027, 1, 4)  # Mon
JAN_05 = D(2027, 1, 5)  # Tue
JAN_18 = D(2027, 1, 18)  # Mon
JAN_27 = D(2027, 1, 27)  # Wed, after the report date


def case(
    opened_on: dt.date,
    *,
    kind: CaseKind = MEDIATION,
    la: str = BRACKENSHIRE,
    status: CaseStatus = CaseStatus.ENQUIRY,
    **facts: object,
) -> ReportCase:
    """A ReportCase with the usual defaults: a Brackenshire mediation enquiry."""
    return ReportCase(
        kind=kind,
        local_authority=la,
        status=status,
        opened_on=opened_on,
        **facts,  # type: ignore[arg-type]
    )


A = Outcome.AGREED
P = Outcome.PARTLY_AGREED
N = Outcome.NOT_AGREED
DEFER = Outcome.DEFERRED

# The casebook. Thirteen fictional cases; twelve opened in the period (c11 in September),
# eight certificates issued in it, six meetings held in it.
CASEBOOK: dict[str, ReportCase] = {
    # Held 24 days after the LA was told (limit 11 Nov); certificate 3rd working day after the
    # Thursday it concluded (Fri 6, Mon 9, Tue 10); statement a day early.
    "c1": case(
        OCT_05,
        status=CaseStatus.CONCLUDED,
        decision_kind=DecisionKind.NOT_TO_ASSESS,
        la_informed=OCT_12,
        meeting_date=NOV_05,
        concluded_on=NOV_05,
        certificate_issued=NOV_10,
        statement_circulated=NOV_09,
        outcomes=(A, A),
        views_captured=True,
        view_methods=frozenset({ViewMethod.CONVERSATION, ViewMethod.DRAWING}),
        child_part=ChildPart.ALL,
    ),
    # Held 37 days after the LA was told (limit 18 Nov); certificate due Mon 30 Nov, issued
    # Wed 2 Dec; statement due Mon 30 Nov, sent Tue 1 Dec.
    "c2": case(
        OCT_14,
        status=CaseStatus.CONCLUDED,
        decision_kind=DecisionKind.PLAN_CONTENTS,
        la_informed=OCT_19,
        meeting_date=NOV_25,
        concluded_on=NOV_25,
        certificate_issued=DEC_02,
        statement_circulated=DEC_01,
        outcomes=(A, P, N),
        no_views_reason=True,
        child_part=ChildPart.PART,
    ),
    # Health only: 30 days from the ICB being told (Fri 6 Nov -> Sun 6 Dec), so Fri 4 Dec is in
    # time although it is 31 days after the LA was told. Concluded on a Friday: certificate due
    # Wed 9 Dec (the weekend skipped), issued then. Statement never sent, due Wed 9 Dec.
    "c3": case(
        NOV_02,
        la=EASTWOLD,
        status=CaseStatus.CONCLUDED,
        decision_kind=DecisionKind.HEALTH_SOCIAL_CARE,
        la_informed=NOV_03,
        health_only=True,
        icb_notified=NOV_06,
        meeting_date=DEC_04,
        concluded_on=DEC_04,
        certificate_issued=DEC_09,
        outcomes=(DEFER, None),
        views_captured=True,
        view_methods=frozenset({ViewMethod.VIDEO}),
        child_part=ChildPart.NONE,
    ),
    # Disagreement resolution: no statutory limit, no issues recorded, nothing about the child;
    # statement sent on the last day (Mon 14 -> Thu 17 Dec).
    "c4": case(
        NOV_09,
        kind=DR,
        la=EASTWOLD,
        status=CaseStatus.HELD,
        decision_kind=DecisionKind.OTHER,
        meeting_date=DEC_14,
        statement_circulated=DEC_17,
    ),
    # Declined on Christmas Eve: Christmas Day (Fri), the weekend and the Boxing Day holiday
    # (Mon 28) are not working days, so the certificate is due Thu 31 Dec (29, 30, 31). Issued
    # then: on time, though it would be late if only weekends were skipped (due Tue 29).
    "c5": case(
        DEC_01,
        status=CaseStatus.DECLINED,
        decision_kind=DecisionKind.NOT_TO_ISSUE_PLAN,
        declined_on=CHRISTMAS_EVE,
        certificate_issued=DEC_31,
    ),
    # Asked for mediation, then changed their mind on Fri 23 Oct: due Wed 28, issued Thu 29.
    "c6": case(
        OCT_15,
        la=EASTWOLD,
        status=CaseStatus.DECLINED,
        decision_kind=DecisionKind.CEASE_TO_MAINTAIN,
        la_informed=OCT_20,
        declined_on=OCT_23,
        certificate_issued=OCT_29,
    ),
    # The LA said on Fri 11 Dec it could not arrange mediation in 30 days: due Wed 16 Dec.
    "c7": case(
        NOV_16,
        status=CaseStatus.REQUESTED,
        decision_kind=DecisionKind.AMENDED_PLAN_CONTENTS,
        la_informed=NOV_17,
        la_cannot_arrange=DEC_11,
        certificate_issued=DEC_16,
    ),
    # Held Mon 18 Jan 2027; the statement is due Thu 21 Jan, after the report date: not yet.
    "c8": case(
        JAN_04,
        la=EASTWOLD,
        status=CaseStatus.HELD,
        decision_kind=DecisionKind.NOT_TO_ASSESS,
        la_informed=JAN_05,
        meeting_date=JAN_18,
        outcomes=(A,),
        views_captured=True,
        view_methods=frozenset({ViewMethod.CONVERSATION, ViewMethod.THROUGH_PARENT}),
        child_part=ChildPart.PART,
    ),
    # Meeting in the period but after the report date: not held yet, whatever the status says.
    "c9": case(
        DEC_07,
        status=CaseStatus.HELD,
        decision_kind=DecisionKind.NOT_TO_AMEND,
        la_informed=DEC_08,
        meeting_date=JAN_27,
        outcomes=(A,),
        views_captured=True,
        view_methods=frozenset({ViewMethod.EMAIL}),
        child_part=ChildPart.ALL,
    ),
    # Still "arranged" with a past meeting date: not counted as held.
    "c10": case(
        OCT_19,
        la=EASTWOLD,
        status=CaseStatus.ARRANGED,
        decision_kind=DecisionKind.NOT_TO_REASSESS,
        la_informed=OCT_21,
        meeting_date=NOV_10,
        outcomes=(A,),
        views_captured=True,
        view_methods=frozenset({ViewMethod.PHONE}),
        child_part=ChildPart.ALL,
    ),
    # Opened and held before the period; its certificate (due Fri 2 Oct: 30 Sep, 1 and 2 Oct)
    # is issued in the period, so only the certificate counts.
    "c11": case(
        SEP_07,
        status=CaseStatus.CONCLUDED,
        decision_kind=DecisionKind.NOT_TO_ASSESS,
        la_informed=SEP_09,
        meeting_date=SEP_29,
        concluded_on=SEP_29,
        certificate_issued=OCT_02,
        statement_circulated=SEP_29,
        outcomes=(N,),
        views_captured=True,
        view_methods=frozenset({ViewMethod.BOOKLET}),
        child_part=ChildPart.NONE,
    ),
    # Disagreement resolution, closed, decision not recorded; views not gathered with a reason
    # (the booklet ticked without any views is not counted as a way of gathering them).
    "c12": case(
        OCT_20,
        kind=DR,
        status=CaseStatus.CLOSED,
        meeting_date=NOV_03,
        statement_circulated=NOV_06,
        outcomes=(P,),
        no_views_reason=True,
        view_methods=frozenset({ViewMethod.BOOKLET}),
        child_part=ChildPart.ALL,
    ),
    # A certificate with no date recorded for the event that called for it.
    "c13": case(
        NOV_03,
        la=EASTWOLD,
        status=CaseStatus.CLOSED,
        decision_kind=DecisionKind.NOT_TO_REASSESS,
        certificate_issued=NOV_20,
    ),
}


def report(
    cases: list[ReportCase] | None = None,
    *,
    start: dt.date = PERIOD_START,
    end: dt.date = PERIOD_END,
    local_authority: str = "",
    kind: CaseKind | None = None,
    as_of: dt.date = AS_OF,
    calendar: WorkingCalendar = CAL,
) -> ServiceReport:
    """The report over the casebook (or `cases`) for the main period, as of 20 January 2027."""
    chosen = ReportFilter(start, end, local_authority, kind)
    return build_report(CASEBOOK.values() if cases is None else cases, chosen, calendar, as_of)


def counts(rep: ServiceReport, key: str) -> dict[str, int]:
    return {f.label: f.count for f in rep.section(key).figures}


@pytest.fixture
def main() -> ServiceReport:
    """Built afresh for each test (a few microseconds): a module-wide report would be built
    during the first test only, and the mutation run, which gives each mutant only the tests
    seen calling the mutated function, would then try each section's mutants against that one
    test and let them survive."""
    return report()


# -- enquiries and decisions ------------------------------------------------------------------
def test_enquiries_are_cases_opened_in_the_period_by_kind(main):
    """Mediation (CFA 2014 ss52-56) and disagreement resolution (s57): the 12 cases opened from
    1 Oct 2026 to 31 Jan 2027 (c11, opened in September, is not one)."""
    section = main.section("enquiries")
    assert counts(main, "enquiries") == {"Mediation": 10, "Disagreement resolution": 2}
    assert section.total == 12
    assert all(f.of == 12 for f in section.figures)
    assert main.figure("enquiries", "Mediation").share == pytest.approx(10 / 12)


def test_decisions_in_dispute_cover_every_kind_and_the_unrecorded(main):
    """The LA decision each opened case is about (CFA 2014 s51(2)); c12 has none recorded."""
    assert counts(main, "decisions") == {
        DecisionKind.NOT_TO_ASSESS.label: 2,  # c1, c8 (c11 opened in September)
        DecisionKind.NOT_TO_ISSUE_PLAN.label: 1,  # c5
        DecisionKind.PLAN_CONTENTS.label: 1,  # c2
        DecisionKind.AMENDED_PLAN_CONTENTS.label: 1,  # c7
        DecisionKind.NOT_TO_REASSESS.label: 2,  # c10, c13
        DecisionKind.NOT_TO_AMEND.label: 1,  # c9
        DecisionKind.CEASE_TO_MAINTAIN.label: 1,  # c6
        DecisionKind.HEALTH_SOCIAL_CARE.label: 1,  # c3
        DecisionKind.OTHER.label: 1,  # c4
        "Not recorded": 1,  # c12
    }
    assert main.section("decisions").total == 12


# -- certificates -----------------------------------------------------------------------------
def test_certificates_issued_in_the_period_by_kind(main):
    """CFA 2014 s55(4) and (5): the kind of certificate follows from the recorded dates.
    Issued 2 Oct (c11), 29 Oct (c6), 10 Nov (c1), 20 Nov (c13), 2 Dec (c2), 9 Dec (c3),
    16 Dec (c7), 31 Dec (c5)."""
    assert counts(main, "certificates") == {
        CertificateKind.NOT_PURSUED: 1,  # c5
        CertificateKind.CHANGED_MIND: 1,  # c6
        CertificateKind.NOT_ARRANGED: 1,  # c7
        CertificateKind.CONCLUDED: 4,  # c1, c2, c3, c11
        CertificateKind.UNKNOWN: 1,  # c13
    }
    assert main.section("certificates").total == 8


def test_certificates_within_3_working_days(main):
    """SEND Regulations 2014 reg 34 (and the other 3-working-day certificate clocks in
    domain/timeline.py): on time c1, c3, c5, c7, c11; late c2 (due 30 Nov, issued 2 Dec) and
    c6 (due 28 Oct, issued 29 Oct); c13 has no event date to count from."""
    assert counts(main, "certificate_timeliness") == {
        "Within 3 working days": 5,
        "Later": 2,
        "Cannot tell (date not recorded)": 1,
    }
    assert main.section("certificate_timeliness").total == 8


@pytest.mark.parametrize(
    ("name", "kind", "due"),
    [
        ("c1", CertificateKind.CONCLUDED, D(2026, 11, 10)),
        ("c2", CertificateKind.CONCLUDED, D(2026, 11, 30)),
        ("c3", CertificateKind.CONCLUDED, DEC_09),  # Friday: Mon 7, Tue 8, Wed 9
        ("c5", CertificateKind.NOT_PURSUED, DEC_31),  # Christmas Eve: 29, 30, 31 December
        ("c6", CertificateKind.CHANGED_MIND, D(2026, 10, 28)),
        ("c7", CertificateKind.NOT_ARRANGED, DEC_16),
        ("c11", CertificateKind.CONCLUDED, OCT_02),
        ("c13", CertificateKind.UNKNOWN, None),
    ],
)
def test_certificate_kind_and_due_date_of_each_case(name, kind, due):
    """CFA 2014 s55; SEND Regulations 2014 reg 34: 3 working days after the family declines,
    the LA says it cannot arrange mediation in 30 days, or mediation concludes (the trigger
    day not counted, Dodds v Walker)."""
    assert certificate_kind(CASEBOOK[name]) == kind
    assert certificate_due(CASEBOOK[name], CAL) == due


def test_the_christmas_bank_holidays_decide_whether_a_certificate_is_on_time():
    """Reg 34 counts working days: declined Thursday 24 December 2026, Christmas Day (Fri) and
    the Boxing Day holiday (Mon 28, Boxing Day being a Saturday) are skipped, so issuing on
    Wed 30 or Thu 31 December is on time; Mon 4 January 2027 (after New Year's Day) is late."""
    declined = case(DEC_01, declined_on=CHRISTMAS_EVE)
    cases = [
        dataclasses.replace(declined, certificate_issued=issued)
        for issued in (DEC_29, DEC_30, DEC_31, JAN_04)
    ]
    rep = report(cases)
    assert counts(rep, "certificate_timeliness")[ON_TIME] == 3
    assert counts(rep, "certificate_timeliness")["Later"] == 1
    assert certificate_due(declined, CAL) == DEC_31
    # A mediator's extra holiday on Wednesday 30 December would move it to Monday 4 January.
    closed = WorkingCalendar([(DEC_30, "Office closure")])
    assert certificate_due(declined, closed) == JAN_04
    assert counts(report(cases, calendar=closed), "certificate_timeliness")[ON_TIME] == 4


def test_certificate_kind_follows_a_fixed_order_of_events():
    """Concluded beats not arranged beats declined; asking for mediation (the LA informed)
    before declining makes it the changed-mind certificate (DOMAIN.md section 6)."""
    both = case(OCT_05, la_cannot_arrange=OCT_12, concluded_on=NOV_05)
    assert certificate_kind(both) == CertificateKind.CONCLUDED
    assert certificate_due(both, CAL) == D(2026, 11, 10)
    late_arranged = case(OCT_05, la_informed=OCT_05, declined_on=OCT_23, la_cannot_arrange=OCT_12)
    assert certificate_kind(late_arranged) == CertificateKind.NOT_ARRANGED
    assert certificate_kind(case(OCT_05, declined_on=OCT_23)) == CertificateKind.NOT_PURSUED


# -- meetings ---------------------------------------------------------------------------------
def test_meetings_held_against_the_30_day_limit(main):
    """Mediation must take place within 30 days of the LA being told the family wants it, or
    of the ICB being notified where the issues are health care only (SEND Regulations 2014,
    DOMAIN.md section 7). Held: c1 (24 days), c3 (28 days from the ICB), c8 (13 days) within;
    c2 (37 days) after; c4 and c12 are disagreement resolution, with no limit. Not held: c9
    (after the report date), c10 (still "arranged"), c11 (before the period)."""
    assert counts(main, "meetings") == {
        "Within 30 days of the LA being informed": 3,
        "More than 30 days after": 1,
        "Cannot tell (date not recorded)": 0,
        "Disagreement resolution (no statutory limit)": 2,
    }
    assert main.section("meetings").total == 6


def test_a_health_only_meeting_is_measured_from_the_icb_being_notified():
    """Health-only mediation: 30 days from the ICB being notified (Fri 6 Nov -> Sun 6 Dec), not
    from the LA being told (Tue 3 Nov -> Thu 3 Dec): Fri 4 Dec is in time only as health only."""
    health_only = CASEBOOK["c3"]
    assert counts(report([health_only]), "meetings")["Within 30 days of the LA being informed"] == 1
    joint = dataclasses.replace(health_only, health_only=False)
    assert counts(report([joint]), "meetings")["More than 30 days after"] == 1


def test_the_30th_day_is_in_time_and_the_31st_is_not():
    """30 calendar days, not moved off weekends or holidays (DOMAIN.md section 8 rules 4 and
    8): LA informed Tue 1 Dec 2026, meeting by Thu 31 Dec 2026 (DOMAIN.md section 9)."""
    held = {"status": CaseStatus.HELD, "la_informed": DEC_01}
    rep = report(
        [
            case(DEC_01, meeting_date=DEC_31, **held),
            case(DEC_01, meeting_date=D(2027, 1, 1), **held),
            case(DEC_01, meeting_date=DEC_04, status=CaseStatus.HELD),  # no LA date
        ]
    )
    assert counts(rep, "meetings") == {
        "Within 30 days of the LA being informed": 1,
        "More than 30 days after": 1,
        "Cannot tell (date not recorded)": 1,
        "Disagreement resolution (no statutory limit)": 0,
    }


@pytest.mark.parametrize(
    ("status", "meeting", "held"),
    [
        (CaseStatus.HELD, JAN_18, True),
        (CaseStatus.CONCLUDED, JAN_18, True),
        (CaseStatus.CLOSED, JAN_18, True),
        (CaseStatus.HELD, AS_OF, True),  # held on the report date itself
        (CaseStatus.ARRANGED, JAN_18, False),
        (CaseStatus.REQUESTED, JAN_18, False),
        (CaseStatus.DECLINED, JAN_18, False),
        (CaseStatus.HELD, D(2027, 1, 21), False),  # after the report date
        (CaseStatus.HELD, SEP_29, False),  # before the period
        (CaseStatus.HELD, None, False),
    ],
)
def test_a_meeting_counts_as_held_only_when_recorded_as_held_in_the_period(status, meeting, held):
    """A meeting is held in the period when its date is in the period, not after the report
    date, and the case has reached Held, Concluded or Closed (DOMAIN.md section 4)."""
    one = case(OCT_05, status=status, meeting_date=meeting)
    assert one.meeting_held(PERIOD_START, PERIOD_END, AS_OF) is held


# -- outcomes ---------------------------------------------------------------------------------
def test_outcomes_by_issue_over_the_meetings_held(main):
    """Each issue of each meeting held (the outcome statement, DOMAIN.md section 6): c1 A A,
    c2 A P N, c3 Deferred and one not recorded, c4 none, c8 A, c12 P = 9 issues. The issues of
    c9, c10 and c11 (not held in the period) are left out."""
    assert counts(main, "issue_outcomes") == {
        "Agreed": 4,
        "Partly agreed": 2,
        "Not agreed": 1,
        "Deferred": 1,
        "Not recorded": 1,
    }
    assert main.section("issue_outcomes").total == 9


def test_outcomes_by_case_over_the_meetings_held(main):
    """All agreed: c1, c8; some (an agreed or partly agreed issue): c2, c12; none: c3 (only a
    deferred issue is known); not recorded: c4 (no issues)."""
    assert counts(main, "case_outcomes") == {
        "All issues agreed": 2,
        "Some issues agreed": 2,
        "No issue agreed": 1,
        "Not recorded": 1,
    }
    assert main.section("case_outcomes").total == 6


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ((), "Not recorded"),
        ((None, None), "Not recorded"),
        ((A,), "All issues agreed"),
        ((A, A, A), "All issues agreed"),
        ((A, P), "Some issues agreed"),
        ((P,), "Some issues agreed"),
        ((N, P), "Some issues agreed"),
        ((A, DEFER), "Some issues agreed"),
        ((N,), "No issue agreed"),
        ((N, DEFER), "No issue agreed"),
        ((DEFER,), "No issue agreed"),
        # An issue without a recorded outcome is not counted as agreed: one agreed and one not
        # recorded is "some", never "all".
        ((A, None), "Some issues agreed"),
        ((N, None), "No issue agreed"),
    ],
)
def test_case_outcome_from_its_issues(outcomes, expected):
    """A case's outcome from its issues' outcomes: partly agreed counts towards 'some'."""
    assert case_outcome(case(OCT_05, outcomes=outcomes)) == expected


# -- the outcome statement --------------------------------------------------------------------
def test_statements_circulated_within_3_working_days(main):
    """The service standard (seed 002, not law): circulated within 3 working days of the
    meeting. On time c1 (a day early), c4 (on the day: Mon 14 -> Thu 17 Dec), c12 (Tue 3 ->
    Fri 6 Nov); later c2 (sent Tue 1 Dec, due Mon 30 Nov) and c3 (never sent, due Wed 9 Dec,
    long past on 20 Jan); not yet c8 (held Mon 18 Jan, due Thu 21 Jan)."""
    assert counts(main, "statements") == {
        "Within 3 working days": 3,
        "Later": 2,
        "Not circulated yet": 1,
    }
    assert main.section("statements").total == 6


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (JAN_18, "Not circulated yet"),
        (D(2027, 1, 21), "Not circulated yet"),  # the last day: still time
        (D(2027, 1, 22), "Later"),
    ],
)
def test_an_unsent_statement_is_late_only_after_the_third_working_day(as_of, expected):
    """Held Monday 18 January 2027: due Thursday 21 January (3 working days)."""
    rep = report([CASEBOOK["c8"]], as_of=as_of)
    assert counts(rep, "statements")[expected] == 1


# -- time to the meeting ----------------------------------------------------------------------
def test_time_to_the_meeting_in_the_casebook(main):
    """Calendar days, the middle value. From the enquiry: c1 31, c2 42, c3 32, c4 35, c8 14,
    c12 14 -> 14 14 31 32 35 42, median (31 + 32) / 2 = 31.5 over 6. From the LA being told:
    c1 24, c2 37, c3 31, c8 13 (c4 and c12 have no LA date) -> median (24 + 31) / 2 = 27.5
    over 4."""
    section = main.section("time_to_meeting")
    assert section.measure and not section.parts_add_up
    enquiry, informed = section.figures
    assert (enquiry.value, enquiry.count) == (31.5, 6)
    assert (informed.value, informed.count) == (27.5, 4)
    assert enquiry.share is None


def _held(opened: dt.date, meeting: dt.date, informed: dt.date | None = None) -> ReportCase:
    return case(opened, status=CaseStatus.HELD, meeting_date=meeting, la_informed=informed)


def test_median_of_an_odd_number_of_meetings():
    """10, 20 and 45 days from the enquiry on 3 November: the middle one, 20."""
    meetings = (D(2026, 11, 13), D(2026, 11, 23), D(2026, 12, 18))
    rep = report([_held(NOV_03, m) for m in meetings])
    enquiry = rep.section("time_to_meeting").figures[0]
    assert (enquiry.value, enquiry.count) == (20.0, 3)


def test_median_of_an_even_number_of_meetings_is_the_mean_of_the_middle_two():
    """7, 10, 21 and 45 days from the LA being told: (10 + 21) / 2 = 15.5."""
    meetings = (D(2026, 11, 10), D(2026, 11, 13), D(2026, 11, 24), D(2026, 12, 18))
    rep = report([_held(NOV_02, m, informed=NOV_03) for m in meetings])
    informed = rep.section("time_to_meeting").figures[1]
    assert (informed.value, informed.count) == (15.5, 4)


def test_a_meeting_before_its_recorded_dates_is_not_measured():
    """A case entered after its meeting (enquiry date later than the meeting), or an LA date
    after it, would give a negative time: it is left out of that measure, not counted as 0."""
    rep = report(
        [
            _held(NOV_20, NOV_10, informed=NOV_16),  # both dates after the meeting
            _held(NOV_02, NOV_10, informed=NOV_16),  # 8 days from the enquiry
            _held(NOV_09, NOV_10, informed=NOV_09),  # on the day after both: 1 day each
        ]
    )
    enquiry, informed = rep.section("time_to_meeting").figures
    assert (enquiry.value, enquiry.count) == (4.5, 2)
    assert (informed.value, informed.count) == (1.0, 1)


def test_no_meeting_held_gives_no_median():
    """Nothing to measure: the value is None (shown as a dash), over 0 cases."""
    rep = report([CASEBOOK["c5"], CASEBOOK["c9"]])
    for figure in rep.section("time_to_meeting").figures:
        assert (figure.value, figure.count) == (None, 0)


# -- the child's views and attendance ---------------------------------------------------------
def test_the_childs_views_at_the_meetings_held(main):
    """CFA 2014 s56(1)(e): recorded for c1, c3, c8; not gathered with a reason for
    c2 and c12; nothing recorded for c4."""
    assert counts(main, "views") == {
        "Views recorded": 3,
        "Not gathered, with the reason recorded": 2,
        "Not recorded": 1,
    }
    assert main.section("views").total == 6


def test_views_recorded_beat_a_reason_for_not_gathering_them():
    """If both are recorded the views count (CFA 2014 s56(1)(e))."""
    both = case(
        OCT_05,
        status=CaseStatus.HELD,
        meeting_date=NOV_05,
        views_captured=True,
        no_views_reason=True,
    )
    assert counts(report([both]), "views")["Views recorded"] == 1


def test_how_the_views_were_gathered(main):
    """Only for the 3 meetings with views recorded (c1 conversation and drawing, c3 video, c8
    conversation and through a parent); a case may use several ways, so the parts (5) do not
    add up to the total (3). c12's booklet, ticked without any views, is not counted."""
    section = main.section("view_methods")
    assert counts(main, "view_methods") == {
        "Conversation": 2,
        "Phone call": 0,
        "Email": 0,
        "Video": 1,
        "Drawings or pictures": 1,
        "Views booklet": 0,
        "Through a parent": 1,
        "Through an advocate": 0,
    }
    assert section.total == 3 and not section.parts_add_up
    assert main.figure("view_methods", "Conversation").share == pytest.approx(2 / 3)


def test_the_childs_attendance_at_the_meetings_held(main):
    """All, part or none of the meeting (seed 002; the child attends where the parent and
    mediator agree, SEND Regulations 2014 reg 38(1)): all c1, c12; part c2, c8; none c3; not
    recorded c4."""
    assert counts(main, "attendance") == {"All": 2, "Part": 2, "None of it": 1, "Not recorded": 1}
    assert main.section("attendance").total == 6


# -- filters and the period -------------------------------------------------------------------
def test_the_whole_casebook_is_considered_and_its_local_authorities_listed(main):
    assert main.cases_considered == 13
    assert main.local_authorities == (BRACKENSHIRE, EASTWOLD)
    assert main.filter.describe() == (
        "01/10/2026 to 31/01/2027, all local authorities, mediation and disagreement resolution"
    )


def test_filter_by_local_authority_ignores_case_and_surrounding_spaces():
    """Brackenshire: c1, c2, c5, c7, c9, c11, c12 (7 cases); opened in the period all but c11
    (5 mediation, 1 disagreement resolution); held c1, c2, c12; certificates c1, c2, c5, c7,
    c11."""
    rep = report(local_authority="  brackenshire COUNTY council ")
    assert rep.cases_considered == 7
    assert counts(rep, "enquiries") == {"Mediation": 5, "Disagreement resolution": 1}
    assert rep.section("meetings").total == 3
    assert rep.section("certificates").total == 5
    assert [a.local_authority for a in rep.authorities] == [BRACKENSHIRE]
    # The list of local authorities to choose from is still every one in the case file.
    assert rep.local_authorities == (BRACKENSHIRE, EASTWOLD)
    assert report(local_authority="Westmarch Borough Council").cases_considered == 0


def test_filter_by_local_authority_normalises_spaces_inside_the_name():
    """'Brackenshire  County   Council' (typed with double spaces) is Brackenshire."""
    rep = report(local_authority="Brackenshire  County   Council")
    assert rep.cases_considered == 7


def test_filter_by_kind():
    """Disagreement resolution (CFA 2014 s57): c4 and c12, both opened and held in the
    period; no certificates (there are none for disagreement resolution)."""
    rep = report(kind=DR)
    assert rep.cases_considered == 2
    assert counts(rep, "enquiries") == {"Mediation": 0, "Disagreement resolution": 2}
    assert counts(rep, "meetings")["Disagreement resolution (no statutory limit)"] == 2
    assert rep.section("certificates").total == 0
    mediation = report(kind=MEDIATION)
    assert mediation.cases_considered == 11
    assert mediation.section("enquiries").total == 10
    assert mediation.section("meetings").total == 4


def test_filter_by_local_authority_and_kind_together():
    """Eastwold mediation: c3, c6, c8, c10, c13 (all opened in the period); held c3 and c8;
    certificates c3, c6, c13."""
    rep = report(local_authority=EASTWOLD, kind=MEDIATION)
    assert rep.cases_considered == 5
    assert rep.section("enquiries").total == 5
    assert rep.section("meetings").total == 2
    assert counts(rep, "certificates") == {
        CertificateKind.NOT_PURSUED: 0,
        CertificateKind.CHANGED_MIND: 1,
        CertificateKind.NOT_ARRANGED: 0,
        CertificateKind.CONCLUDED: 1,
        CertificateKind.UNKNOWN: 1,
    }
    assert rep.filter.describe() == f"01/10/2026 to 31/01/2027, {EASTWOLD}, Mediation"


def test_the_first_and_last_days_of_the_period_are_in_it():
    """June 2026: events on 1 and 30 June count, on 31 May and 1 July do not; for enquiries,
    certificates and meetings alike."""
    start, end = D(2026, 6, 1), D(2026, 6, 30)
    days = (D(2026, 5, 31), start, end, D(2026, 7, 1))
    cases = [
        case(
            day,
            status=CaseStatus.CONCLUDED,
            meeting_date=day,
            concluded_on=day,
            certificate_issued=day,
            statement_circulated=day,
        )
        for day in days
    ]
    rep = report(cases, start=start, end=end, as_of=D(2026, 12, 31))
    assert rep.section("enquiries").total == 2
    assert rep.section("certificates").total == 2
    assert rep.section("meetings").total == 2
    assert [(m.label, m.enquiries, m.meetings) for m in rep.months] == [("Jun 2026", 2, 2)]


def test_a_one_day_period_is_allowed_and_an_end_before_the_start_is_refused():
    ReportFilter(DEC_31, DEC_31)
    with pytest.raises(ValueError, match="before its start"):
        ReportFilter(DEC_31, DEC_30)


# -- months and local authorities -------------------------------------------------------------
def test_months_of_the_period_with_enquiries_and_meetings(main):
    """October 2026 to January 2027, across the year end. Enquiries: Oct c1 c2 c6 c10 c12,
    Nov c3 c4 c7 c13, Dec c5 c9, Jan c8. Meetings held: Nov c1 c2 c12, Dec c3 c4, Jan c8
    (c9 on 27 Jan is after the report date, c10 on 10 Nov is not held)."""
    assert [(m.first_day, m.label, m.enquiries, m.meetings) for m in main.months] == [
        (D(2026, 10, 1), "Oct 2026", 5, 0),
        (D(2026, 11, 1), "Nov 2026", 4, 3),
        (D(2026, 12, 1), "Dec 2026", 2, 2),
        (D(2027, 1, 1), "Jan 2027", 1, 1),
    ]


def test_every_month_of_the_period_is_listed_even_when_empty():
    """From 15 August 2026 to 10 February 2027: August and February are empty but listed, and
    partial months at either end are whole rows. September: c11 opened and held."""
    rep = report(start=D(2026, 8, 15), end=D(2027, 2, 10))
    assert [(m.label, m.enquiries, m.meetings) for m in rep.months] == [
        ("Aug 2026", 0, 0),
        ("Sep 2026", 1, 1),
        ("Oct 2026", 5, 0),
        ("Nov 2026", 4, 3),
        ("Dec 2026", 2, 2),
        ("Jan 2027", 1, 1),
        ("Feb 2027", 0, 0),
    ]
    assert sum(m.enquiries for m in rep.months) == rep.section("enquiries").total == 13
    assert sum(m.meetings for m in rep.months) == rep.section("meetings").total == 7


def test_figures_by_local_authority(main):
    """Brackenshire: enquiries c1 c2 c5 c7 c9 c12, meetings c1 c2 c12, certificates c1 c2 c5 c7
    c11, all agreed c1. Eastwold: enquiries c3 c4 c6 c8 c10 c13, meetings c3 c4 c8,
    certificates c3 c6 c13, all agreed c8."""
    rows = [
        (a.local_authority, a.enquiries, a.meetings, a.certificates, a.agreed_cases)
        for a in main.authorities
    ]
    assert rows == [(BRACKENSHIRE, 6, 3, 5, 1), (EASTWOLD, 6, 3, 3, 1)]


def test_a_case_without_a_local_authority_has_its_own_row():
    rep = report([case(OCT_05, la="")])
    assert [(a.local_authority, a.enquiries) for a in rep.authorities] == [("Not recorded", 1)]
    assert rep.local_authorities == ()


def test_figures_by_local_authority_ignore_the_case_of_the_name():
    """The filter is case-insensitive, so the table by local authority should be too."""
    cases = [case(OCT_05, la=EASTWOLD), case(OCT_12, la="Eastwold city council")]
    assert report(cases, local_authority=EASTWOLD).cases_considered == 2  # one LA to the filter
    rep = report(cases)
    assert [a.enquiries for a in rep.authorities] == [2]
    assert len(rep.local_authorities) == 1


# -- ReportCase.from_case ---------------------------------------------------------------------
CHILD = "Lowenna Tregothnan"
PARENTS = (ParentCarer("Morwenna Tregothnan", "Mother"),)
NOTES = "Fictional case for tests: Mum prefers afternoons."
ISSUE_TEXT = "Speech and language therapy in Section F"
DISCUSSION = "Lowenna's therapist explained the weekly sessions."
WISHES = "I want to stay with my friends at Fernleigh Primary."
REASON = "Lowenna was in hospital that week."


def _real_case(**overrides: object):
    facts: dict[str, object] = dict(
        child_name=CHILD,
        child_known_as="Wenna",
        parents=PARENTS,
        notes=NOTES,
        local_authority="  Brackenshire   County Council ",
        status=CaseStatus.CONCLUDED,
        decision_kind=DecisionKind.PLAN_CONTENTS,
        adviser_contacted=NOV_03,
        created_at=dt.datetime(2026, 11, 5, 9, 30),
        la_informed=NOV_06,
        health_issues=True,
        meeting_date=DEC_04,
        concluded_on=DEC_04,
        certificate_issued=DEC_09,
        statement_circulated=DEC_07,
    )
    facts.update(overrides)
    return make_case(**facts)


def test_from_case_carries_the_facts():
    """Kind, local authority (spaces collapsed), status, decision and every clock date."""
    views = ChildViews(
        wishes=WISHES,
        gathered_by="Tamsin Penhallow",
        methods=frozenset({ViewMethod.DRAWING, ViewMethod.BOOKLET}),
        will_attend=ChildPart.PART,
    )
    issues = [
        Issue(title=ISSUE_TEXT, discussion=DISCUSSION, outcome=A),
        Issue(title="Transport", outcome=None),
        Issue(title="Section I", outcome=N),
    ]
    attendees = [
        Attendee(name="Morwenna Tregothnan", role=Role.PARENT_CARER),
        Attendee(name=CHILD, role=Role.CHILD, child_part=ChildPart.ALL, notes=NOTES),
    ]
    facts = ReportCase.from_case(_real_case(), issues, views, attendees)
    assert facts == ReportCase(
        kind=MEDIATION,
        local_authority=BRACKENSHIRE,
        status=CaseStatus.CONCLUDED,
        opened_on=NOV_03,
        decision_kind=DecisionKind.PLAN_CONTENTS,
        la_informed=NOV_06,
        meeting_date=DEC_04,
        concluded_on=DEC_04,
        certificate_issued=DEC_09,
        statement_circulated=DEC_07,
        outcomes=(A, None, N),
        views_captured=True,
        no_views_reason=False,
        view_methods=frozenset({ViewMethod.DRAWING, ViewMethod.BOOKLET}),
        child_part=ChildPart.ALL,  # the attendee list beats the intention in the views
    )


def test_from_case_holds_no_name_and_no_free_text():
    """A report must identify no one: no field of the ReportCase carries the child's name, the
    parents, the notes, an issue's text, the views or an attendee's name, and the only text
    field is the local authority."""
    secrets = (
        CHILD,
        "Lowenna",
        "Tregothnan",
        "Wenna",
        "Morwenna Tregothnan",
        NOTES,
        ISSUE_TEXT,
        DISCUSSION,
        WISHES,
        REASON,
        "Tamsin",
        "Penhallow",
        "Morwenna",
    )
    views = ChildViews(
        wishes=WISHES,
        quotes=WISHES,
        gathered_by="Tamsin Penhallow",
        no_views_reason=REASON,
        methods=frozenset({ViewMethod.VIDEO}),
    )
    facts = ReportCase.from_case(
        _real_case(),
        [Issue(title=ISSUE_TEXT, discussion=DISCUSSION, outcome=P)],
        views,
        [Attendee(name=CHILD, role=Role.CHILD, child_part=ChildPart.PART, notes=REASON)],
    )
    for f in dataclasses.fields(ReportCase):
        shown = repr(getattr(facts, f.name))
        assert not any(s.casefold() in shown.casefold() for s in secrets), f.name
    text_fields = [
        f.name for f in dataclasses.fields(ReportCase) if f.type in ("str", "str | None")
    ]
    assert text_fields == ["local_authority"]


@pytest.mark.parametrize(
    ("contacted", "created", "decided", "opened"),
    [
        (NOV_03, dt.datetime(2026, 11, 5, 9, 30), None, NOV_03),  # the call came first
        (NOV_09, dt.datetime(2026, 11, 5, 23, 59), None, NOV_05),  # entered before the date
        (None, dt.datetime(2026, 11, 5, 0, 0), None, NOV_05),
        (NOV_09, None, None, NOV_09),
        (None, None, NOV_02, NOV_02),  # neither: the decision date
    ],
)
def test_from_case_the_enquiry_is_the_earlier_of_first_contact_and_entry(
    contacted, created, decided, opened
):
    """The enquiry is when the family first contacted the service or when the case was
    entered, whichever was first (docs/reporting.md)."""
    real = _real_case(adviser_contacted=contacted, created_at=created, decision_date=decided)
    assert ReportCase.from_case(real).opened_on == opened


def test_from_case_views_and_attendance_without_an_attendee():
    """No views: nothing captured, no methods, attendance unknown. A reason only: counted as
    a reason (CFA 2014 s56(1)(e)). No child attendee with a part: the part planned in the views;
    a reason of spaces only is no reason."""
    bare = ReportCase.from_case(_real_case())
    assert (bare.views_captured, bare.no_views_reason, bare.view_methods, bare.child_part) == (
        False,
        False,
        frozenset(),
        None,
    )
    reason_only = ReportCase.from_case(
        _real_case(),
        views=ChildViews(no_views_reason=REASON, will_attend=ChildPart.NONE),
        attendees=[Attendee(name=CHILD, role=Role.CHILD)],  # no part recorded on the attendee
    )
    assert (reason_only.views_captured, reason_only.no_views_reason) == (False, True)
    assert reason_only.child_part is ChildPart.NONE
    blank = ReportCase.from_case(_real_case(), views=ChildViews(no_views_reason="   "))
    assert blank.no_views_reason is False
    young_person = ReportCase.from_case(
        _real_case(),
        attendees=[Attendee(name=CHILD, role=Role.YOUNG_PERSON, child_part=ChildPart.PART)],
    )
    assert young_person.child_part is ChildPart.PART


def test_from_case_health_only_and_disagreement_resolution():
    real = _real_case(
        kind=DR, health_issues=True, health_only=True, icb_notified=NOV_09, la_cannot_arrange=None
    )
    facts = ReportCase.from_case(real)
    assert (facts.kind, facts.health_only, facts.icb_notified) == (DR, True, NOV_09)


# -- small counts -----------------------------------------------------------------------------
def test_small_counts_are_hidden_and_zero_is_not():
    """Exported counts of 1 to 4 are shown as "<5" (they could identify a family); 0 reveals
    no one and stays 0; 5 and more are shown. Without a total, nothing more is hidden."""
    assert shown_counts([0, 1, 2, 3, 4, 5, 12]) == ["0", "<5", "<5", "<5", "<5", "5", "12"]
    assert shown_counts([3, 7, 5, 0]) == ["<5", "7", "5", "0"]
    assert [shown_total(t) for t in (0, 1, 4, 5, 40)] == ["0", "<5", "<5", "5", "40"]


def test_a_total_that_would_give_a_small_count_away_hides_more():
    """With a published total, a single hidden count could be worked out by subtraction, so
    larger counts are hidden too, smallest first, shown as "[c]" (never as "<5": they are 5 or
    more), until every "<5" could be more than one value."""
    assert shown_counts([3, 7, 5, 0], 15) == ["<5", "7", "[c]", "0"]
    assert shown_counts([6, 2, 6, 9], 23) == ["[c]", "<5", "6", "9"]  # a tie: the first
    assert shown_counts([0, 4, 0, 11], 15) == ["0", "<5", "0", "[c]"]
    # Two hidden, 3 + 2 = 5: each could be 1 to 4; nothing more is hidden.
    assert shown_counts([3, 2, 9], 14) == ["<5", "<5", "9"]
    # Two hidden ones make 2: both must be 1, so a larger count is hidden too.
    assert shown_counts([1, 1, 10], 12) == ["<5", "<5", "[c]"]
    # Two hidden fours make 8: both must be 4.
    assert shown_counts([5, 4, 4], 13) == ["[c]", "<5", "<5"]
    # Nothing small: nothing hidden.
    assert shown_counts([5, 0, 9], 14) == ["5", "0", "9"]
    # A total that is itself hidden gives nothing away.
    assert shown_counts([3, 0, 0], 3) == ["<5", "0", "0"]
    assert shown_total(3) == SUPPRESSED
    # When hiding every count is not enough, the total is hidden too.
    assert suppress([4, 4], 8) == (["<5", "<5"], True)
    assert suppress([3, 2, 9], 14) == (["<5", "<5", "9"], False)
    # Five ones make 5: a total of 5 is shown, and each "<5" must then be 1, so it is hidden.
    assert suppress([1, 1, 1, 1, 1], 5) == (["<5"] * 5, True)
    # A total under 5 is itself "<5": it reveals nothing, and stays shown as that.
    assert suppress([1, 0], 1) == (["<5", "0"], False)
    # Nothing small: nothing hidden, the total included.
    assert suppress([7, 0, 12], 19) == (["7", "0", "12"], False)


def _possible_values(shown: list[str], total: int, position: int) -> list[int]:
    """The values the hidden count at `position` (a "<5") could have, to someone reading the
    export: each other "<5" is 1 to 4, each "[c]" 5 or more, and all add up to the total."""
    rest = total - sum(int(s) for s in shown if s.isdigit())
    others = [s for i, s in enumerate(shown) if i != position and not s.isdigit()]
    smalls, larger = others.count(SUPPRESSED), others.count("[c]")
    low = smalls + 5 * larger
    high = 4 * smalls if not larger else rest
    return [v for v in range(1, 5) if low <= rest - v <= high]


KNOWING_THE_RULE = pytest.mark.xfail(
    strict=True,
    reason="a known limit: the hidden counts cannot be read off the figures alone (see the "
    "property test above), but someone who also knows exactly how the rule picks which larger "
    "count to hide can sometimes rule out every other reading",
)


def _completions(shown: list[str], total: int) -> set[tuple[int, ...]]:
    """Every set of values for the hidden cells that the published cells, the total and the
    rule itself would allow: what someone reading the export could work out."""
    hidden = [i for i, s in enumerate(shown) if not s.isdigit()]
    rest = total - sum(int(s) for s in shown if s.isdigit())
    found = set()
    for values in itertools.product(range(1, rest + 1), repeat=len(hidden)):
        if sum(values) != rest:
            continue
        trial = [int(s) if s.isdigit() else 0 for s in shown]
        for i, v in zip(hidden, values, strict=True):
            trial[i] = v
        if shown_counts(trial, total) == shown:
            found.add(values)
    return found


small_counts = st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=7)


@settings(max_examples=500)
@given(small_counts)
def test_no_small_count_can_be_read_off_a_published_total(values):
    """The property: for counts that add up to their total, when that total is published as a
    number, each "<5" could be more than one value given everything shown (unless the total
    is hidden too). Also: every count of 1-4 is "<5", 0 never is hidden, every shown count is
    the true one, and "[c]" is only ever a count of 5 or more."""
    total = sum(values)
    shown, total_hidden = suppress(values, total)
    for value, cell in zip(values, shown, strict=True):
        if 0 < value < 5:
            assert cell == SUPPRESSED
        elif value == 0:
            assert cell == "0"
        elif cell == "[c]":
            assert value >= 5
        else:
            assert cell == str(value)
    if total_hidden or shown_total(total) == SUPPRESSED:
        return
    for position, cell in enumerate(shown):
        if cell == SUPPRESSED:
            possible = _possible_values(shown, total, position)
            assert values[position] in possible
            assert len(possible) > 1


@settings(max_examples=200)
@given(small_counts)
def test_without_a_total_only_the_small_counts_are_hidden(values):
    shown = shown_counts(values)
    assert shown == [SUPPRESSED if 0 < v < 5 else str(v) for v in values]


@pytest.mark.parametrize(
    "values",
    [
        pytest.param([1, 1, 10], id="two hidden ones", marks=KNOWING_THE_RULE),
        pytest.param([5, 4, 4], id="two hidden fours beside a 5"),
        pytest.param([5, 5, 4], id="protector tied with a shown count", marks=KNOWING_THE_RULE),
    ],
)
def test_no_hidden_count_can_be_worked_out_knowing_the_rule(values):
    """Ideally each hidden count could take more than one value even to someone who knows
    the rule itself and tries every reading against it."""
    total = sum(values)
    shown = shown_counts(values, total)
    hidden = [i for i, s in enumerate(shown) if not s.isdigit()]
    found = _completions(shown, total)
    for position in range(len(hidden)):
        assert len({filled[position] for filled in found}) > 1
