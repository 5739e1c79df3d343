"""A case's deadlines: which apply, whether each was met, and agreed actions (reg 42)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.case import CaseKind, DecisionKind, check_case
from mediator_desk.domain.case_timeline import (
    AgreedAction,
    Status,
    TrackedDeadline,
    case_stopped_clocks,
    check_action,
    earliest_open_deadline,
    recorded_events,
    track_case,
)
from mediator_desk.domain.preparation import ContactEntry
from mediator_desk.domain.timeline import Clock
from tests.conftest import make_case

D = dt.date
CAL = WorkingCalendar()
TODAY = D(2026, 11, 23)  # a Monday


def by_clock(tracked):
    return {t.clock: t for t in tracked if t.action_id is None}


def test_met_late_missed_and_due_soon():
    case = make_case(
        decision_date=D(2026, 10, 1),
        adviser_contacted=D(2026, 10, 5),  # met (due 1 Dec)
        la_informed=D(2026, 10, 8),  # mediation by Sat 7 Nov: not held -> missed
        declined_on=D(2026, 10, 6),  # before asking; certificate due Fri 9 Oct -> late
        certificate_issued=D(2026, 11, 20),
        meeting_date=D(2026, 11, 20),  # statement due Wed 25 Nov -> due soon (2 working days)
    )
    tracked = by_clock(track_case(case, [], CAL, TODAY))
    assert tracked[Clock.CONTACT_ADVISER_BY].status is Status.MET
    assert tracked[Clock.CONTACT_ADVISER_BY].summary() == "Met on Mon 5 Oct 2026"
    assert tracked[Clock.CERTIFICATE_DECLINED_DUE].status is Status.LATE
    assert tracked[Clock.MEDIATION_BY].status is Status.LATE  # held, but after 7 November
    assert tracked[Clock.STATEMENT_CIRCULATE_BY].status is Status.DUE_SOON
    assert tracked[Clock.STATEMENT_CIRCULATE_BY].summary() == "Due in 2 working days"
    assert tracked[Clock.STATEMENT_CIRCULATE_BY].needs_attention


def test_a_missed_deadline_and_the_warning_setting():
    case = make_case(decision_date=D(2026, 11, 2), la_informed=D(2026, 11, 16), health_issues=True)
    tracked = by_clock(track_case(case, [], CAL, TODAY))
    icb = tracked[Clock.LA_NOTIFY_ICB_BY]
    assert icb.due == D(2026, 11, 19) and icb.status is Status.MISSED
    assert icb.summary() == "Missed: was due Thu 19 Nov 2026"
    # With no warning days, a deadline in 2 working days is simply due.
    relaxed = by_clock(track_case(make_case(meeting_date=D(2026, 11, 20)), [], CAL, TODAY, 0))
    assert relaxed[Clock.STATEMENT_CIRCULATE_BY].status is Status.DUE


def test_a_meeting_arranged_in_time_is_on_track():
    case = make_case(la_informed=D(2026, 11, 16), meeting_date=D(2026, 12, 4))
    mediation = by_clock(track_case(case, [], CAL, TODAY))[Clock.MEDIATION_BY]
    assert mediation.status is Status.ON_TRACK
    late = make_case(la_informed=D(2026, 11, 2), meeting_date=D(2026, 12, 4))
    mediation = by_clock(track_case(late, [], CAL, TODAY))[Clock.MEDIATION_BY]
    assert "after the 30-day limit" in mediation.warning


def test_the_appeal_is_for_information_only():
    case = make_case(decision_date=D(2026, 8, 3))
    appeal = by_clock(track_case(case, [], CAL, TODAY))[Clock.APPEAL_BY]
    assert appeal.status is Status.PASSED and appeal.responsible == "Family"


def test_disagreement_resolution_and_section_i_cases_have_only_their_clocks():
    dr = make_case(
        kind=CaseKind.DISAGREEMENT_RESOLUTION,
        decision_kind=DecisionKind.OTHER,
        la_informed=D(2026, 11, 2),
        meeting_date=D(2026, 11, 20),
    )
    assert set(by_clock(track_case(dr, [], CAL, TODAY))) == {Clock.STATEMENT_CIRCULATE_BY}
    section_i = make_case(
        decision_kind=DecisionKind.AMENDED_PLAN_CONTENTS,
        section_i_only=True,
        declined_on=D(2026, 11, 9),
    )
    assert set(by_clock(track_case(section_i, [], CAL, TODAY))) == {Clock.APPEAL_BY}


def test_agreed_actions_take_the_statutory_date_or_the_agreed_one():
    case = make_case(agreement_date=D(2026, 6, 1))
    statutory = AgreedAction(
        "Issue the amended plan",
        owner="Fernleigh County Council",
        clock=Clock.AMENDED_PLAN_BY,
        id=1,
    )
    agreed = AgreedAction(
        "Observe Lowenna in class",
        owner="Educational psychologist",
        clock=Clock.NON_APPEALABLE_ACTION_BY,
        id=2,
        due_override=D(2026, 7, 10),
        override_reason="Parties agreed 6 weeks in writing",
    )
    actions = [t for t in track_case(case, [statutory, agreed], CAL, D(2026, 6, 2)) if t.action_id]
    first, second = sorted(actions, key=lambda t: t.action_id)
    assert first.due == D(2026, 7, 6) and "reg 44(2)(e)" in first.explanation
    assert first.responsible == "Fernleigh County Council"
    assert second.due == D(2026, 7, 10) and second.overridden
    assert "reg 42(5)" in second.explanation
    assert "Monday 15 June 2026" in second.explanation  # the statutory date it replaced


def test_an_override_needs_a_reason():
    action = AgreedAction(
        "Visit", clock=Clock.NON_APPEALABLE_ACTION_BY, due_override=D(2026, 7, 10)
    )
    assert check_action(action) == [
        "Record why the date differs from the statutory one: the parties' written agreement "
        "(SEND Regulations 2014 reg 42(5))."
    ]
    assert check_action(action.with_changes(override_reason="Agreed in writing")) == []
    assert check_action(AgreedAction("")) == [
        "Describe the agreed action.",
        "Choose the statutory time limit, or enter the date agreed.",
    ]


def test_earliest_open_deadline_ignores_what_is_done():
    case = make_case(
        decision_date=D(2026, 11, 2),
        adviser_contacted=D(2026, 11, 3),
        la_informed=D(2026, 11, 4),
        meeting_date=D(2026, 11, 30),
    )
    due, what = earliest_open_deadline(case, [], CAL)
    assert (due, what) == (D(2026, 11, 20), "Meeting details sent to everyone")
    done = case.with_changes(notice_sent=D(2026, 11, 19))
    assert earliest_open_deadline(done, [], CAL)[1] == "Outcome statement circulated"


def test_recorded_events_in_date_order_and_future_dates_refused():
    case = make_case(
        decision_date=D(2026, 11, 2), la_informed=D(2026, 11, 4), adviser_contacted=D(2026, 11, 3)
    )
    assert [e.title for e in recorded_events(case)] == [
        "Decision notice sent",
        "Family contacted the mediation adviser",
        "LA told the family wants mediation",
    ]
    future = make_case(certificate_issued=D(2026, 12, 1))
    assert (
        "is in the future" in check_case(future, TODAY).for_field("certificate_issued")[0].message
    )


def test_agreed_actions_count_from_one_day_the_agreement_else_the_meeting():
    """SEND Regulations 2014 reg 42(3): an action the Tribunal could not order is done within
    2 weeks of the agreement. Weeks are calendar weeks, not moved off a weekend (DOMAIN.md
    counting rule 4), so an agreement on Sunday 20 December 2026 gives Sunday 3 January 2027.
    The statement, the Agreed actions tab and the timeline all count from agreement_day."""
    from mediator_desk.domain.case_timeline import action_due_dates, agreement_day

    action = AgreedAction("Send the therapy report", clock=Clock.NON_APPEALABLE_ACTION_BY, id=7)
    met = make_case(meeting_date=D(2026, 12, 20))
    assert agreement_day(met) == D(2026, 12, 20)
    assert action_due_dates([action], met, CAL) == {7: D(2027, 1, 3)}
    tracked = [t for t in track_case(met, [action], CAL, TODAY) if t.action_id == 7]
    assert [t.due for t in tracked] == [D(2027, 1, 3)]
    # The recorded agreement date wins: DOMAIN.md worked example, Mon 1 Jun 2026 -> Mon 15 Jun.
    agreed = make_case(meeting_date=D(2026, 5, 29), agreement_date=D(2026, 6, 1))
    assert agreement_day(agreed) == D(2026, 6, 1)
    assert action_due_dates([action], agreed, CAL) == {7: D(2026, 6, 15)}
    assert agreement_day(make_case()) is None


def _tracked(status: Status, days_left: int = 0, done_on: dt.date | None = None):
    return TrackedDeadline(
        clock=Clock.CERTIFICATE_CONCLUDED_DUE,
        title="Certificate issued",
        due=D(2026, 12, 4),  # a Friday
        explanation="",
        status=status,
        done_on=done_on,
        working_days_left=days_left,
        responsible="Mediator",
    )


@pytest.mark.parametrize(
    ("status", "days_left", "done_on", "summary", "short"),
    [
        (Status.DUE, 0, None, "Due today", "Today"),
        (Status.DUE_SOON, 0, None, "Due today", "Today"),
        (Status.DUE_SOON, 1, None, "Due in 1 working day", "In 1 working day"),
        (Status.DUE, 2, None, "Due in 2 working days", "In 2 working days"),
        (Status.DUE, 12, None, "Due in 12 working days", "In 12 working days"),
        (Status.MISSED, -3, None, "Missed: was due Fri 4 Dec 2026", "Missed"),
        (Status.MET, 0, D(2026, 12, 2), "Met on Wed 2 Dec 2026", "Met"),
        (Status.LATE, 0, D(2026, 12, 7), "Done late, on Mon 7 Dec 2026", "Done late"),
        (Status.PASSED, -5, None, "Passed", "Passed"),
        (Status.ON_TRACK, 3, None, "On track: meeting arranged", "On track"),
    ],
)
def test_each_status_reads_as_the_dashboard_and_timeline_say_it(
    status, days_left, done_on, summary, short
):
    """The words beside every deadline: the timeline's full sentence and the dashboard's short
    one. 'Today' is the last working day (none left); one working day is singular."""
    deadline = _tracked(status, days_left, done_on)
    assert deadline.summary() == summary
    assert deadline.short_summary() == short


@pytest.mark.parametrize(
    ("done", "status", "summary"),
    [
        (False, Status.DUE, "Due in 3 working days"),
        (True, Status.MET, "Met on Thu 26 Nov 2026"),
    ],
)
def test_a_follow_up_is_met_only_when_ticked_done(done, status, summary):
    """A follow-up the mediator set in the contact log (Mon 23 Nov, due Thu 26 Nov) stays due
    until it is ticked done; only then does it count as met."""
    call = ContactEntry(
        when=dt.datetime(2026, 11, 20, 14, 0),
        follow_up="Send the draft agenda to Jory Penhale",
        follow_up_by=D(2026, 11, 26),
        follow_up_done=done,
        id=9,
    )
    tracked = track_case(make_case(), [], CAL, TODAY, contacts=[call])
    follow_up = next(t for t in tracked if t.contact_id == 9)
    assert (follow_up.status, follow_up.summary()) == (status, summary)


def test_a_health_only_withdrawal_says_the_icb_was_told_and_its_duty_ended():
    """Health care only: the ICB arranges mediation, so when the family withdraws after the
    ICB was told (the LA never was), it is the ICB's duty that ends (SEND Regulations 2014)."""
    withdrew = make_case(
        decision_date=D(2026, 11, 2),
        health_issues=True,
        health_only=True,
        icb_notified=D(2026, 11, 4),
        declined_on=D(2026, 11, 9),
    )
    assert case_stopped_clocks(withdrew) == {
        Clock.MEDIATION_BY: "The family withdrew from mediation on Monday 9 November 2026, after "
        "the ICB was told they wanted it; the ICB's duty to arrange mediation ended (SEND "
        "Regulations 2014)."
    }


def test_notes_too_long_are_refused_at_the_notes():
    too_long = make_case(notes="x" * 200_001)
    errors = [(p.field, p.message) for p in check_case(too_long, TODAY).errors]
    assert ("notes", "Notes are limited to 200,000 characters.") in errors
    at_the_limit = check_case(make_case(notes="x" * 200_000), TODAY)
    assert not any(p.field == "notes" for p in at_the_limit.problems)
