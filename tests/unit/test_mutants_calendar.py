"""Rules of the working-day calendar and of the deadlines it makes that the mutation run
(docs/testing.md) found no test for: each test names the rule it protects."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain import clocks
from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.clocks import SEND_2014, Clock, RuleSet, make_deadline, rules_in_force

D = dt.date
CAL = WorkingCalendar()


def test_bank_holidays_of_2026_are_those_gov_uk_lists_with_the_extra_ones():
    """The non-working weekdays of a year, in date order: England and Wales bank holidays
    (SEND Regulations 2014 reg 2), Boxing Day moved to Monday 28 December (a substitute day),
    the Saturday it fell on left out, and a holiday the mediator added."""
    calendar = WorkingCalendar([(D(2026, 6, 8), "One-off bank holiday"), (D(2027, 1, 4), "Next")])
    assert calendar.holidays_in(2026) == [
        (D(2026, 1, 1), "New Year's Day"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 4, 6), "Easter Monday"),
        (D(2026, 5, 4), "May Day"),
        (D(2026, 5, 25), "Spring Bank Holiday"),
        (D(2026, 6, 8), "One-off bank holiday"),
        (D(2026, 8, 31), "Late Summer Bank Holiday"),
        (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 28), "Boxing Day (observed)"),
    ]


def test_the_days_after_christmas_keep_their_own_names():
    """A deadline warning names the holiday it falls on (make_deadline): Boxing Day is not
    Christmas Day."""
    assert CAL.holiday_name(D(2025, 12, 25)) == "Christmas Day"
    assert CAL.holiday_name(D(2025, 12, 26)) == "Boxing Day"
    assert CAL.holiday_name(D(2025, 12, 24)) is None


def test_a_passed_deadline_is_at_least_one_working_day_overdue():
    """Counting back from today: yesterday's deadline is 1 working day overdue, and so is one
    that fell on the weekend just gone; never 0, which reads as due today."""
    assert CAL.working_days_until(D(2026, 11, 24), D(2026, 11, 23)) == -1  # Tuesday, Monday
    assert CAL.working_days_until(D(2026, 11, 30), D(2026, 11, 28)) == -1  # Monday, Saturday
    assert CAL.working_days_until(D(2026, 11, 30), D(2026, 11, 27)) == -1  # Monday, Friday
    assert CAL.working_days_until(D(2026, 11, 28), D(2026, 11, 30)) == 1  # Saturday, Monday


def test_published_years_run_from_1995_to_2028_inclusive():
    """Bank holidays are published (not forecast) for 1995 to CONFIRMED_THROUGH, both ends
    included; outside them a deadline carries a warning."""
    assert CAL.is_confirmed(1995) and CAL.is_confirmed(2028)
    assert not CAL.is_confirmed(1994) and not CAL.is_confirmed(2029)


def test_the_forecast_warning_tells_the_mediator_what_to_check():
    assert CAL.coverage_warning(D(2029, 3, 1)) == (
        "Bank holidays for 2029 are not yet published; this date assumes the usual pattern. "
        "Check gov.uk/bank-holidays and add any new holiday in Deadline settings."
    )


def test_a_count_of_no_working_days_is_refused():
    """The trigger day is never counted (Dodds v Walker [1981]), so 0 working days has no
    meaning."""
    with pytest.raises(ValueError, match=r"^count must be at least 1$"):
        CAL.add_working_days(D(2026, 11, 23), 0)


class TestMakeDeadline:
    """A deadline on a non-working day does not move (only the appeal does, Tribunal Procedure
    Rules 2008 r12(2)), so the mediator is told the working day before it."""

    def test_a_deadline_on_a_working_day_has_no_warning(self):
        deadline = make_deadline(CAL, Clock.NOTICE_BY, D(2026, 11, 23), D(2026, 11, 30), "Why.")
        assert deadline == clocks.Deadline(
            Clock.NOTICE_BY, D(2026, 11, 23), D(2026, 11, 30), "Why.", None
        )

    def test_a_saturday_deadline_names_the_day_and_the_friday_before(self):
        deadline = make_deadline(CAL, Clock.NOTICE_BY, D(2026, 12, 5), D(2026, 12, 14), "Why.")
        assert deadline.warning == (
            "Saturday 5 December 2026 is not a working day (Saturday); the deadline does not "
            "move, so aim for Friday 4 December 2026."
        )

    def test_a_deadline_on_christmas_day_names_the_holiday(self):
        deadline = make_deadline(
            CAL, Clock.STATEMENT_CIRCULATE_BY, D(2026, 12, 25), D(2026, 12, 21), "Why.", "Given."
        )
        assert deadline.warning == (
            "Given. Friday 25 December 2026 is not a working day (Christmas Day); the deadline "
            "does not move, so aim for Thursday 24 December 2026."
        )

    def test_the_appeal_date_is_not_warned_about(self):
        """r12(2): an act due on a day the Tribunal office is closed is in time on the next
        working day, so the appeal deadline is moved, never warned about."""
        deadline = make_deadline(CAL, Clock.APPEAL_BY, D(2026, 12, 5), D(2026, 10, 5), "Why.")
        assert deadline.warning is None

    @pytest.mark.parametrize(
        ("due", "trigger"),
        [
            (D(2029, 1, 5), D(2028, 12, 20)),  # counted forward into a forecast year
            (D(2028, 12, 21), D(2029, 1, 8)),  # counted back from a meeting in one
        ],
    )
    def test_a_count_through_a_forecast_year_warns_either_way(self, due, trigger):
        deadline = make_deadline(CAL, Clock.NOTICE_BY, due, trigger, "Why.")
        assert deadline.warning == CAL.coverage_warning(D(2029, 1, 1))


def test_the_rule_set_in_force_on_a_day_is_the_newest_not_after_it(monkeypatch):
    """A change in the law is a new rule set from the day it comes into force (DOMAIN.md
    section 7): a date before it keeps the old periods, the day itself and after take the new
    ones, and a date before every rule set takes the first."""
    amended = RuleSet("Amended rules", D(2027, 1, 1), mediation_days=25)
    for order in ((SEND_2014, amended), (amended, SEND_2014)):
        monkeypatch.setattr(clocks, "RULE_SETS", order)
        assert rules_in_force(D(2026, 12, 31)) is SEND_2014
        assert rules_in_force(D(2027, 1, 1)) is amended
        assert rules_in_force(D(2030, 6, 1)) is amended
    monkeypatch.setattr(clocks, "RULE_SETS", (SEND_2014, amended))
    assert rules_in_force(D(2010, 1, 1)) is SEND_2014


def test_englands_holidays_loaded_on_their_own_are_the_registrys():
    """The calendar loads the package's United Kingdom module by itself (its registry would
    import every country's); each year counted must give exactly the registry's England and
    Wales bank holidays, substitute days included (Banking and Financial Dealings Act 1971,
    Schedule 1, as DOMAIN.md section 8 counts working days)."""
    import holidays

    from mediator_desk.domain import calendar

    for year in range(calendar.FIRST_YEAR, calendar.CONFIRMED_THROUGH + 13):
        registry = dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())
        assert calendar._package_holidays(year) == registry, year
    assert calendar._package_holidays(2027)[dt.date(2027, 12, 28)] == "Boxing Day (observed)"
