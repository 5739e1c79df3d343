"""Every statutory clock against dated examples, each citing the rule it checks
(DOMAIN.md sections 7-9)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.calendar import WorkingCalendar, add_months
from mediator_desk.domain.case_timeline import track_case
from mediator_desk.domain.timeline import (
    REG_44_CLOCKS,
    RULE_SETS,
    SEND_2014,
    Clock,
    Facts,
    RuleSet,
    agreed_action_due,
    appeal_deadline,
    certificate_concluded_due,
    certificate_declined_due,
    certificate_not_arranged_due,
    contact_adviser_by,
    deadlines,
    icb_notify_la_by,
    la_notify_icb_by,
    mediation_by,
    mediation_by_health_only,
    non_appealable_action_by,
    notice_by,
    rules_in_force,
    statement_circulate_by,
)
from tests.conftest import make_case

D = dt.date
CAL = WorkingCalendar()


class TestWorkingDays:
    """SEND Regulations 2014 reg 2 and HESC Rules 2008 r1: not a weekend, Christmas Day,
    Good Friday or an England and Wales bank holiday (substitute days included)."""

    @pytest.mark.parametrize(
        "day",
        [
            D(2025, 12, 25),
            D(2025, 12, 26),
            D(2026, 1, 1),  # 2025: Thursday and Friday
            D(2026, 12, 25),
            D(2026, 12, 28),  # Boxing Day 2026 is a Saturday: Monday instead
            D(2027, 1, 1),
            D(2027, 12, 27),
            D(2027, 12, 28),  # 2027: both fall at a weekend
            D(2028, 1, 3),  # New Year's Day 2028 is a Saturday: Monday 3 January
            D(2026, 4, 3),
            D(2026, 4, 6),  # Good Friday and Easter Monday 2026
            D(2026, 5, 4),
            D(2026, 5, 25),
            D(2026, 8, 31),
        ],
    )
    def test_bank_holidays_are_not_working_days(self, day):
        assert not CAL.is_working_day(day)

    @pytest.mark.parametrize(
        "day",
        [
            D(2026, 12, 24),
            D(2026, 12, 29),
            D(2026, 12, 30),
            D(2026, 12, 31),
            D(2027, 12, 24),
            D(2027, 12, 29),
        ],
    )
    def test_christmas_eve_and_the_days_before_new_year_are_working_days(self, day):
        # DOMAIN.md section 8 rule 2.
        assert CAL.is_working_day(day)

    def test_weekends_are_not_working_days(self):
        assert not CAL.is_working_day(D(2026, 11, 21))
        assert not CAL.is_working_day(D(2026, 11, 22))
        assert CAL.is_working_day(D(2026, 11, 23))

    def test_a_trigger_on_a_non_working_day_counts_from_the_next_working_day(self):
        # Rule 3: if X is not a working day, the first working day after it is day 1.
        assert CAL.add_working_days(D(2026, 11, 21), 1) == D(2026, 11, 23)
        assert CAL.add_working_days(D(2026, 11, 21), 3) == D(2026, 11, 25)

    def test_extra_holidays_count(self):
        extra = WorkingCalendar([(D(2027, 6, 7), "One-off bank holiday")])
        assert not extra.is_working_day(D(2027, 6, 7))
        assert extra.holiday_name(D(2027, 6, 7)) == "One-off bank holiday"
        assert extra.add_working_days(D(2027, 6, 4), 1) == D(2027, 6, 8)
        assert CAL.add_working_days(D(2027, 6, 4), 1) == D(2027, 6, 7)

    def test_one_off_holidays_in_the_package(self):
        # State funeral of Queen Elizabeth II and the coronation bank holiday.
        assert not CAL.is_working_day(D(2022, 9, 19))
        assert not CAL.is_working_day(D(2023, 5, 8))

    def test_years_beyond_published_holidays_are_flagged(self):
        assert CAL.coverage_warning(D(2027, 3, 1)) is None
        warning = CAL.coverage_warning(D(2029, 12, 24), D(2030, 1, 2))
        assert "2029, 2030" in warning and "not yet published" in warning

    def test_working_days_until(self):
        assert CAL.working_days_until(D(2026, 11, 23), D(2026, 11, 23)) == 0
        assert CAL.working_days_until(D(2026, 11, 23), D(2026, 11, 25)) == 2
        assert CAL.working_days_until(D(2026, 11, 20), D(2026, 11, 23)) == 1  # over a weekend
        assert CAL.working_days_until(D(2026, 11, 25), D(2026, 11, 23)) == -2


class TestMonths:
    """DOMAIN.md section 8 rule 5: the same day number; the month's last day if none."""

    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (D(2026, 12, 31), 2, D(2027, 2, 28)),
            (D(2027, 12, 31), 2, D(2028, 2, 29)),
            (D(2026, 8, 31), 1, D(2026, 9, 30)),
            (D(2028, 2, 29), 1, D(2028, 3, 29)),
            (D(2028, 2, 29), 12, D(2029, 2, 28)),
            (D(2026, 1, 31), 1, D(2026, 2, 28)),
            (D(2026, 11, 30), 2, D(2027, 1, 30)),
            (D(2026, 3, 15), 2, D(2026, 5, 15)),
        ],
    )
    def test_add_months(self, start, months, expected):
        assert add_months(start, months) == expected


class TestBeforeTheMeeting:
    def test_contact_adviser_two_months_not_moved(self):
        # SEND Regulations 2014 reg 33; DOMAIN.md section 9: notice Mon 30 Nov 2026.
        deadline = contact_adviser_by(D(2026, 11, 30), CAL)
        assert deadline.due == D(2027, 1, 30)  # a Saturday: mediation clocks do not move
        assert "reg 33" in deadline.explanation
        assert "aim for Friday 29 January 2027" in deadline.warning

    def test_contact_adviser_from_the_31st(self):
        assert contact_adviser_by(D(2026, 12, 31), CAL).due == D(2027, 2, 28)

    def test_certificate_after_declining_over_christmas(self):
        # Reg 34; DOMAIN.md section 9: declines Wed 23 Dec 2026 -> 24, 29, 30 December.
        deadline = certificate_declined_due(D(2026, 12, 23), CAL)
        assert deadline.due == D(2026, 12, 30)
        assert "reg 34" in deadline.explanation and "3 working days" in deadline.explanation

    def test_certificate_after_declining_on_a_saturday(self):
        assert certificate_declined_due(D(2026, 11, 21), CAL).due == D(2026, 11, 25)

    def test_certificate_declined_christmas_2027_substitute_days(self):
        # 25-26 Dec 2027 fall at a weekend: Mon 27 and Tue 28 are the bank holidays.
        assert certificate_declined_due(D(2027, 12, 23), CAL).due == D(2027, 12, 30)

    def test_certificate_declined_christmas_2025(self):
        # Thu 25 and Fri 26 Dec 2025; Thu 1 Jan 2026: 24 Dec, 29 Dec, 30 Dec count.
        assert certificate_declined_due(D(2025, 12, 23), CAL).due == D(2025, 12, 30)
        assert certificate_declined_due(D(2025, 12, 30), CAL).due == D(2026, 1, 5)

    def test_new_year_2028_substitute_day(self):
        # New Year's Day 2028 is a Saturday, so Monday 3 January is the bank holiday.
        assert certificate_declined_due(D(2027, 12, 30), CAL).due == D(2028, 1, 5)

    def test_la_tells_icb_within_three_working_days(self):
        assert la_notify_icb_by(D(2026, 4, 2), CAL).due == D(2026, 4, 9)  # over Easter 2026

    def test_mediation_within_30_days(self):
        # DOMAIN.md section 9: LA informed Tue 1 Dec 2026 -> Thu 31 Dec 2026.
        assert mediation_by(D(2026, 12, 1), CAL).due == D(2026, 12, 31)
        # Calendar days, not moved off a weekend: 1 Feb 2027 + 30 = Wed 3 Mar 2027.
        assert mediation_by(D(2027, 1, 30), CAL).due == D(2027, 3, 1)

    def test_health_only_mediation_counts_from_the_icb_notice(self):
        deadline = mediation_by_health_only(D(2026, 12, 4), CAL)
        assert deadline.due == D(2027, 1, 3)
        assert "ICB" in deadline.explanation

    def test_certificate_when_not_arranged(self):
        assert certificate_not_arranged_due(D(2026, 12, 24), CAL).due == D(2026, 12, 31)

    def test_notice_five_clear_working_days(self):
        # DOMAIN.md section 9: meeting Tue 26 May 2026 (after the Spring bank holiday).
        deadline = notice_by(D(2026, 5, 26), CAL)
        assert deadline.due == D(2026, 5, 15)
        between = [D(2026, 5, 15) + dt.timedelta(days=n) for n in range(1, 11)]
        assert sum(CAL.is_working_day(d) for d in between if d < D(2026, 5, 26)) == 5

    def test_notice_before_a_meeting_after_christmas(self):
        assert notice_by(D(2027, 1, 6), CAL).due == D(2026, 12, 24)


class TestAfterTheMeeting:
    def test_certificate_after_conclusion_over_easter(self):
        # DOMAIN.md section 9: concluded Wed 1 Apr 2026 -> Wed 8 Apr 2026.
        assert certificate_concluded_due(D(2026, 4, 1), CAL).due == D(2026, 4, 8)

    def test_statement_is_a_service_standard(self):
        deadline = statement_circulate_by(D(2026, 11, 20), CAL)
        assert deadline.due == D(2026, 11, 25)
        assert "not a legal time limit" in deadline.explanation

    def test_reg_42_3_two_weeks_and_42_4_one_week(self):
        # DOMAIN.md section 9: agreement Mon 1 Jun 2026.
        assert non_appealable_action_by(D(2026, 6, 1), CAL).due == D(2026, 6, 15)
        assert "reg 42(3)" in non_appealable_action_by(D(2026, 6, 1), CAL).explanation
        assert icb_notify_la_by(D(2026, 6, 1), CAL).due == D(2026, 6, 8)

    @pytest.mark.parametrize(
        ("clock", "expected"),
        [
            (Clock.ASSESSMENT_NOTIFY_BY, D(2026, 6, 15)),
            (Clock.ASSESSMENT_NO_PLAN_DECISION_BY, D(2026, 8, 10)),
            (Clock.ASSESSMENT_FINAL_PLAN_BY, D(2026, 9, 7)),
            (Clock.PLAN_DRAFT_BY, D(2026, 7, 6)),
            (Clock.PLAN_FINAL_BY, D(2026, 8, 17)),
            (Clock.AMENDED_PLAN_BY, D(2026, 7, 6)),
            (Clock.SECTION_I_AMENDED_PLAN_BY, D(2026, 6, 15)),
        ],
    )
    def test_reg_44_limits_through_reg_42_2(self, clock, expected):
        # DOMAIN.md section 9 and reg 44(2)(b), (c), (e), (f) applied by reg 42(2).
        deadline = agreed_action_due(clock, D(2026, 6, 1), CAL)
        assert deadline.due == expected
        assert "reg 42(2)" in deadline.explanation and "reg 42(5)" in deadline.explanation

    def test_only_reg_44_clocks_are_agreed_action_clocks(self):
        with pytest.raises(ValueError):
            agreed_action_due(Clock.APPEAL_BY, D(2026, 6, 1), CAL)

    def test_weekly_deadline_on_a_holiday_does_not_move(self):
        # Agreement Fri 18 Dec 2026 + 2 weeks = Fri 1 Jan 2027 (New Year's Day).
        deadline = non_appealable_action_by(D(2026, 12, 18), CAL)
        assert deadline.due == D(2027, 1, 1)
        assert "New Year's Day" in deadline.warning
        assert "Thursday 31 December 2026" in deadline.warning


class TestAppeal:
    """HESC Tribunal Rules 2008 r20(1)(c) (later of 2 months / 1 month) and r12."""

    def test_later_of_the_two_limbs(self):
        # DOMAIN.md section 9: notice Mon 30 Nov 2026, certificate Mon 8 Feb 2027.
        deadline = appeal_deadline(D(2026, 11, 30), D(2027, 2, 8), CAL)
        assert deadline.due == D(2027, 3, 8)
        assert "the later of" in deadline.explanation and "5pm" in deadline.explanation

    def test_the_decision_limb_can_be_the_later(self):
        assert appeal_deadline(D(2026, 11, 30), D(2026, 12, 1), CAL).due == D(2027, 2, 1)

    def test_christmas_rule_without_a_certificate(self):
        # DOMAIN.md section 9: notice Mon 26 Oct 2026 -> D = Sat 26 Dec -> Mon 4 Jan 2027.
        deadline = appeal_deadline(D(2026, 10, 26), None, CAL)
        assert deadline.due == D(2027, 1, 4)
        assert "r12(3)(a)" in deadline.explanation

    def test_new_years_day_itself_is_in_the_christmas_window(self):
        # D = Fri 1 Jan 2027 -> first working day after 1 January: Mon 4 Jan 2027.
        assert appeal_deadline(D(2026, 11, 1), None, CAL).due == D(2027, 1, 4)

    def test_christmas_window_on_a_working_day(self):
        # D = Thu 24 Dec 2026 is outside the window and a working day: it stands.
        assert appeal_deadline(D(2026, 10, 24), None, CAL).due == D(2026, 12, 24)
        # D = Tue 29 Dec 2026 is inside the window: Mon 4 Jan 2027.
        assert appeal_deadline(D(2026, 10, 29), None, CAL).due == D(2027, 1, 4)

    @pytest.mark.parametrize(
        ("last_day", "due"),
        [(D(2026, 12, day), D(2027, 1, 4)) for day in range(25, 32)]
        + [(D(2027, 1, 1), D(2027, 1, 4))]
        + [(D(2028, 12, day), D(2029, 1, 2)) for day in range(25, 32)]
        + [(D(2029, 1, 1), D(2029, 1, 2))],
    )
    def test_every_day_from_25_december_to_1_january_moves_past_new_year(self, last_day, due):
        """HESC Tribunal Procedure Rules 2008 r12(3)(a): a last day from 25 December to
        1 January, both included, moves to the first working day after 1 January; the window
        starts on Christmas Day itself, whether that is a weekday (2028) or not."""
        deadline = appeal_deadline(add_months(last_day, -2), None, CAL)
        assert add_months(deadline.trigger, 2) == last_day
        assert deadline.due == due
        assert "between 25 December and 1 January" in deadline.explanation
        assert "r12(3)(a)" in deadline.explanation
        assert "to be safe" not in (deadline.warning or "")  # no r12(2) move into the window

    def test_christmas_day_on_a_friday_is_in_the_window(self):
        """HESC Rules 2008 r12(3)(a): D = Fri 25 Dec 2026 (2 months after Sun 25 Oct 2026) is
        the window's first day, so Mon 4 Jan 2027, not the next working day (Tue 29 Dec)."""
        deadline = appeal_deadline(D(2026, 10, 25), None, CAL)
        assert deadline.due == D(2027, 1, 4)
        assert "Friday 25 December 2026" in deadline.explanation

    @pytest.mark.parametrize(
        ("last_day", "due"),
        [(D(2026, 12, 24), D(2026, 12, 24)), (D(2028, 12, 22), D(2028, 12, 22))],
    )
    def test_the_day_before_christmas_eve_and_christmas_eve_are_outside(self, last_day, due):
        """HESC Rules 2008 r12(3)(a): the window starts on 25 December, so a working day just
        before it stands."""
        deadline = appeal_deadline(add_months(last_day, -2), None, CAL)
        assert deadline.due == due
        assert "r12(3)(a)" not in deadline.explanation

    def test_section_i_only_has_no_certificate_limb_even_with_a_certificate_date(self):
        """CFA 2014 s55: an appeal only about Section I needs no mediation certificate, so only
        HESC Rules 2008 r20(1)(c)(i) applies: 2 months after the notice (Wed 16 Sep 2026 ->
        Mon 16 Nov 2026), never 1 month after a certificate (Fri 6 Nov 2026 -> Mon 7 Dec),
        even where a certificate date was recorded."""
        limb_i = appeal_deadline(D(2026, 9, 16), None, CAL)
        assert limb_i.due == D(2026, 11, 16)
        with_limb_ii = appeal_deadline(D(2026, 9, 16), D(2026, 11, 6), CAL)
        assert with_limb_ii.due == D(2026, 12, 7)  # the same facts, not Section I only
        only_i = appeal_deadline(D(2026, 9, 16), D(2026, 11, 6), CAL, section_i_only=True)
        assert only_i.due == D(2026, 11, 16)
        assert "r20(1)(c)(i) and r12" in only_i.explanation
        assert "month after the certificate" not in only_i.explanation
        assert "the later of" not in only_i.explanation
        facts = Facts(
            decision_sent=D(2026, 9, 16), certificate_issued=D(2026, 11, 6), section_i_only=True
        )
        assert deadlines(facts, CAL)[Clock.APPEAL_BY].due == D(2026, 11, 16)
        case = make_case(
            decision_date=D(2026, 9, 16), certificate_issued=D(2026, 11, 6), section_i_only=True
        )
        tracked = {t.clock: t for t in track_case(case, (), CAL, D(2026, 11, 10))}
        assert tracked[Clock.APPEAL_BY].due == D(2026, 11, 16)

    def test_august_rule(self):
        # DOMAIN.md section 9: notice Tue 16 Jun 2026 -> D = Sun 16 Aug -> Tue 1 Sep 2026
        # (Mon 31 Aug 2026 is the Summer bank holiday, so 1 September is the first working day).
        deadline = appeal_deadline(D(2026, 6, 16), None, CAL)
        assert deadline.due == D(2026, 9, 1)
        assert "August" in deadline.explanation

    def test_august_rule_in_2027(self):
        # D = Mon 2 Aug 2027 -> first working day after 31 Aug 2027 (a Tuesday): 1 Sep 2027.
        assert appeal_deadline(D(2027, 6, 2), None, CAL).due == D(2027, 9, 1)

    def test_end_of_february_moves_to_monday(self):
        # DOMAIN.md section 9: notice Mon 1 Dec 2025, certificate Fri 30 Jan 2026
        # -> D = Sat 28 Feb 2026 -> Mon 2 Mar 2026 (r12(2)).
        deadline = appeal_deadline(D(2025, 12, 1), D(2026, 1, 30), CAL)
        assert deadline.due == D(2026, 3, 2)
        assert "r12(2)" in deadline.explanation

    def test_leap_year_certificate(self):
        # Certificate Tue 29 Feb 2028 + 1 month = Wed 29 Mar 2028.
        assert appeal_deadline(D(2027, 12, 20), D(2028, 2, 29), CAL).due == D(2028, 3, 29)

    def test_the_pre_christmas_weekend_edge_case(self):
        # DOMAIN.md section 8 rule 7: D = Sat 23 Dec 2028 is not in the window itself, so it
        # moves to the next working day, Wed 27 Dec 2028, with a warning to file earlier.
        deadline = appeal_deadline(D(2028, 10, 23), None, CAL)
        assert deadline.due == D(2028, 12, 27)
        assert "Friday 22 December 2028" in deadline.warning

    def test_an_edge_case_moving_into_august_is_warned(self):
        # D = Sat 31 Jul 2027 -> Mon 2 Aug 2027 by r12(2); warn to file by Fri 30 Jul.
        deadline = appeal_deadline(D(2027, 5, 31), None, CAL)
        assert deadline.due == D(2027, 8, 2)
        assert "Friday 30 July 2027" in deadline.warning


# A fictional amendment for the tests: the law in force from Wednesday 1 September 2027 gives
# 3 months after the decision notice and 5 working days for a certificate.
AMENDED = RuleSet(
    "Fictional amendment 2027",
    D(2027, 9, 1),
    appeal_months_after_decision=3,
    certificate_working_days=5,
)


class TestRuleSets:
    """A change in the law is a new rule set with the date it came into force; a clock uses the
    set in force on its trigger date (clocks.py; DOMAIN.md section 7)."""

    def test_the_2014_rules_are_in_force_from_1_september_2014(self):
        # Children and Families Act 2014 Part 3 and the SEND Regulations 2014: 1 Sep 2014.
        assert RULE_SETS == (SEND_2014,)
        assert SEND_2014.in_force_from == D(2014, 9, 1)
        assert rules_in_force(D(2014, 9, 1)) is SEND_2014
        assert rules_in_force(D(2026, 1, 1)) is SEND_2014
        # Before any rule set, the earliest is used rather than none.
        assert rules_in_force(D(2014, 8, 31)) is SEND_2014
        assert SEND_2014.reg_44_weeks[Clock.PLAN_FINAL_BY] == 11

    @pytest.mark.parametrize("order", [(SEND_2014, AMENDED), (AMENDED, SEND_2014)])
    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            (D(2014, 8, 31), SEND_2014),
            (D(2014, 9, 1), SEND_2014),
            (D(2027, 8, 31), SEND_2014),  # the day before the amendment
            (D(2027, 9, 1), AMENDED),  # the day it comes into force
            (D(2027, 9, 2), AMENDED),
            (D(2035, 1, 1), AMENDED),
        ],
    )
    def test_the_rule_set_in_force_on_the_day_is_chosen(self, monkeypatch, order, on, expected):
        """The newest set whose start is not after the day, whatever order they are listed
        in; the earliest before any of them."""
        monkeypatch.setattr("mediator_desk.domain.clocks.RULE_SETS", order)
        assert rules_in_force(on) is expected

    def test_each_clock_counts_by_the_rules_in_force_on_its_trigger(self, monkeypatch):
        """A notice sent the day before the amendment keeps the 2014 periods; one sent on the
        day it comes into force takes the new ones (HESC Rules 2008 r20(1)(c) and SEND
        Regulations 2014 reg 34 as the fictional amendment changes them)."""
        monkeypatch.setattr("mediator_desk.domain.clocks.RULE_SETS", (SEND_2014, AMENDED))
        # Tue 31 Aug 2027 + 2 months = Sun 31 Oct 2027 -> Mon 1 Nov 2027 (r12(2)).
        before = appeal_deadline(D(2027, 8, 31), None, CAL)
        assert before.due == D(2027, 11, 1)
        assert before.explanation.startswith("By 5pm: 2 months after the decision notice")
        # Wed 1 Sep 2027 + 3 months = Wed 1 Dec 2027.
        on_the_day = appeal_deadline(D(2027, 9, 1), None, CAL)
        assert on_the_day.due == D(2027, 12, 1)
        assert on_the_day.explanation.startswith("By 5pm: 3 months after the decision notice")
        # 3 working days from Tue 31 Aug 2027: Wed 1, Thu 2, Fri 3 Sep.
        assert certificate_declined_due(D(2027, 8, 31), CAL).due == D(2027, 9, 3)
        # 5 working days from Wed 1 Sep 2027: Thu 2, Fri 3, Mon 6, Tue 7, Wed 8 Sep.
        declined = certificate_declined_due(D(2027, 9, 1), CAL)
        assert declined.due == D(2027, 9, 8)
        assert declined.explanation.startswith("5 working days")


class TestWhichClocksApply:
    def test_each_fact_adds_its_clocks(self):
        # A health-only mediation, so the ICB's week to tell the LA runs too (reg 42(4): the LA
        # was not a party); the ICB told in time and the meeting held keep the arranging clocks.
        found = deadlines(
            Facts(
                decision_sent=D(2026, 11, 30),
                la_informed=D(2026, 12, 1),
                icb_notified=D(2026, 12, 2),
                health_issues=True,
                health_only=True,
                meeting=D(2026, 12, 18),
                concluded=D(2026, 12, 18),
                certificate_issued=D(2026, 12, 21),
                agreement=D(2026, 12, 18),
            ),
            CAL,
        )
        assert set(found) == set(Clock) - {
            Clock.CERTIFICATE_DECLINED_DUE,
            Clock.CERTIFICATE_NOT_ARRANGED_DUE,
        }

    def test_section_i_only_has_no_adviser_or_certificate_clocks(self):
        # CFA 2014 s55: no certificate is needed for an appeal only about Section I.
        found = deadlines(
            Facts(
                decision_sent=D(2026, 10, 26),
                declined=D(2026, 11, 2),
                concluded=D(2026, 11, 20),
                certificate_issued=D(2026, 11, 23),
                section_i_only=True,
            ),
            CAL,
        )
        assert set(found) == {Clock.APPEAL_BY}
        assert found[Clock.APPEAL_BY].due == D(2027, 1, 4)  # no certificate limb

    def test_disagreement_resolution_has_only_the_service_standard(self):
        # CFA 2014 s57: voluntary, no certificate, and it does not stop the appeal clock.
        found = deadlines(
            Facts(
                decision_sent=D(2026, 10, 26),
                la_informed=D(2026, 11, 2),
                meeting=D(2026, 11, 20),
                agreement=D(2026, 11, 20),
                disagreement_resolution=True,
            ),
            CAL,
        )
        assert set(found) == {Clock.STATEMENT_CIRCULATE_BY}

    def test_health_only_uses_the_icb_date(self):
        found = deadlines(
            Facts(
                la_informed=D(2026, 12, 1),
                icb_notified=D(2026, 12, 4),
                health_issues=True,
                health_only=True,
            ),
            CAL,
        )
        assert found[Clock.MEDIATION_BY].due == D(2027, 1, 3)

    def test_agreement_gives_every_reg_44_clock(self):
        found = deadlines(Facts(agreement=D(2026, 6, 1)), CAL)
        assert set(REG_44_CLOCKS) <= set(found)
        assert Clock.ICB_NOTIFY_LA_BY not in found  # only where health issues were mediated


@pytest.mark.parametrize(
    ("make", "clock"),
    [
        (contact_adviser_by, Clock.CONTACT_ADVISER_BY),
        (certificate_declined_due, Clock.CERTIFICATE_DECLINED_DUE),
        (la_notify_icb_by, Clock.LA_NOTIFY_ICB_BY),
        (mediation_by, Clock.MEDIATION_BY),
        (mediation_by_health_only, Clock.MEDIATION_BY),  # the same limit, counted from the ICB
        (certificate_not_arranged_due, Clock.CERTIFICATE_NOT_ARRANGED_DUE),
        (certificate_concluded_due, Clock.CERTIFICATE_CONCLUDED_DUE),
        (statement_circulate_by, Clock.STATEMENT_CIRCULATE_BY),
        (non_appealable_action_by, Clock.NON_APPEALABLE_ACTION_BY),
        (icb_notify_la_by, Clock.ICB_NOTIFY_LA_BY),
    ],
)
def test_each_deadline_names_its_clock_and_its_trigger(make, clock):
    """The clock's name is what the store, the command line's JSON and the dashboard key on."""
    deadline = make(D(2026, 6, 1), CAL)
    assert (deadline.clock, deadline.trigger) == (clock, D(2026, 6, 1))


def test_the_reg_42_4_and_health_only_explanations_word_for_word():
    """SEND Regulations 2014 reg 42(4): the ICB tells the LA within 1 week of an agreement the
    LA was not party to; health-only mediation within 30 days of the ICB being notified."""
    assert icb_notify_la_by(D(2026, 6, 1), CAL).explanation == (
        "1 week after the agreement (Monday 1 June 2026), SEND Regulations 2014 reg 42(4)."
    )
    assert mediation_by_health_only(D(2026, 12, 4), CAL).explanation == (
        "30 days after the ICB was notified of a health-only mediation (Friday 4 December 2026), "
        "SEND Regulations 2014 (IPSEA)."
    )


def test_the_declined_certificate_explanation_word_for_word():
    """SEND Regulations 2014 reg 34: 3 working days after the parent or young person declines."""
    assert certificate_declined_due(D(2026, 11, 9), CAL).explanation == (
        "3 working days after the parent or young person declined mediation (Monday 9 November "
        "2026), SEND Regulations 2014 reg 34."
    )


@pytest.mark.parametrize(
    ("section_i_only", "ends"),
    [
        (False, "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c) and r12."),
        (True, "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c)(i) and r12."),
    ],
)
def test_the_appeal_explanation_cites_the_limb_that_applies(section_i_only, ends):
    """HESC Rules 2008 r20(1)(c): both limbs where a certificate can follow; only limb (i) for
    an appeal about Section I alone, which needs no certificate (CFA 2014 s55)."""
    assert appeal_deadline(D(2026, 11, 2), None, CAL, section_i_only).explanation.endswith(ends)
