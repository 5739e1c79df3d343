"""Properties every count must have, whatever the dates (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mediator_desk.domain.calendar import WorkingCalendar, add_months
from mediator_desk.domain.timeline import (
    appeal_deadline,
    certificate_concluded_due,
    certificate_declined_due,
    certificate_not_arranged_due,
    la_notify_icb_by,
    notice_by,
    statement_circulate_by,
)

CAL = WorkingCalendar()
days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))
WORKING_DAY_CLOCKS = (
    certificate_declined_due,
    certificate_not_arranged_due,
    certificate_concluded_due,
    la_notify_icb_by,
    statement_circulate_by,
)


@settings(max_examples=300)
@given(days, st.sampled_from(WORKING_DAY_CLOCKS))
def test_working_day_deadlines_are_working_days_after_the_trigger(trigger, clock):
    due = clock(trigger, CAL).due
    assert CAL.is_working_day(due)
    assert due > trigger
    assert due >= trigger + dt.timedelta(days=3)  # never earlier than 3 calendar days


@settings(max_examples=300)
@given(days, st.integers(min_value=1, max_value=40))
def test_n_working_days_are_exactly_n_working_days(trigger, count):
    due = CAL.add_working_days(trigger, count)
    assert CAL.is_working_day(due)
    assert due >= trigger + dt.timedelta(days=count)
    span = [trigger + dt.timedelta(days=n) for n in range(1, (due - trigger).days + 1)]
    assert sum(CAL.is_working_day(d) for d in span) == count


@settings(max_examples=300)
@given(days)
def test_notice_leaves_five_clear_working_days(meeting):
    due = notice_by(meeting, CAL).due
    assert CAL.is_working_day(due)
    between = [due + dt.timedelta(days=n) for n in range(1, (meeting - due).days)]
    assert sum(CAL.is_working_day(d) for d in between) == 5


@settings(max_examples=500)
@given(days, st.one_of(st.none(), days))
def test_the_appeal_deadline_is_never_earlier_than_either_limb(decision, certificate):
    deadline = appeal_deadline(decision, certificate, CAL)
    due = deadline.due
    assert due >= add_months(decision, 2)
    if certificate is not None:
        assert due >= add_months(certificate, 1)
    assert CAL.is_working_day(due)
    if due.month == 8 or (due.month, due.day) >= (12, 25) or (due.month, due.day) == (1, 1):
        # Only the r12(2) move off a weekend lands here, and the user is told to file earlier.
        assert deadline.warning and "to be safe" in deadline.warning


@given(days, st.integers(min_value=0, max_value=120))
def test_adding_months_keeps_the_day_or_the_last_day(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result + dt.timedelta(days=1)).day == 1


def days_counted_one_by_one(calendar: WorkingCalendar, today: dt.date, due: dt.date) -> int:
    """Working days after `today` up to `due`, a day at a time: the definition the fast count
    must keep (SEND Regulations 2014 reg 2: not a weekend, Christmas Day, Good Friday or a bank
    holiday)."""
    if due == today:
        return 0
    step = dt.timedelta(days=1 if due > today else -1)
    count, day = 0, today
    while day != due:
        day += step
        count += calendar.is_working_day(day)
    return count if due > today else -max(count, 1)


@settings(max_examples=400, deadline=None)
@example(  # one-off holidays on a bank holiday, on Christmas Day and on a Saturday
    today=dt.date(2026, 12, 1),
    span=60,
    extra=[dt.date(2026, 12, 28), dt.date(2026, 12, 25), dt.date(2026, 12, 5)],
)
@example(today=dt.date(2026, 11, 23), span=-28_000, extra=[])  # a case from the 1950s
@given(
    today=st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)),
    span=st.integers(-800, 800),
    extra=st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)), max_size=4),
)
def test_working_days_until_counts_as_one_by_one(today, span, extra):
    """The count of working days to a deadline is worked out by whole weeks, less the weekday
    holidays in between (it was a day at a time: 315 days looked at for each case's timeline
    shown, every autosave); it must agree with counting a day at a time, over weekends, bank
    holidays, Christmas and one-off holidays the mediator adds, in both directions."""
    calendar = WorkingCalendar((day, "One-off") for day in extra)
    due = today + dt.timedelta(days=span)
    assert calendar.working_days_until(today, due) == days_counted_one_by_one(calendar, today, due)
