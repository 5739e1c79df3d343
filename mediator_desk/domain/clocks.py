"""The statutory clocks by name, the rule sets that give their periods, and the deadline a
clock computes (DOMAIN.md section 7). The functions that count each clock are in timeline.py.

A change in the law is a new rule set with the date it came into force, not an edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from .calendar import WorkingCalendar
from .dates import long_date


class Clock(Enum):
    """Clock names, as used by the command line's JSON output and the store."""

    CONTACT_ADVISER_BY = "contact_adviser_by"
    CERTIFICATE_DECLINED_DUE = "certificate_declined_due"
    LA_NOTIFY_ICB_BY = "la_notify_icb_by"
    MEDIATION_BY = "mediation_by"
    CERTIFICATE_NOT_ARRANGED_DUE = "certificate_not_arranged_due"
    NOTICE_BY = "notice_by"
    CERTIFICATE_CONCLUDED_DUE = "certificate_concluded_due"
    STATEMENT_CIRCULATE_BY = "statement_circulate_by"
    APPEAL_BY = "appeal_by"
    NON_APPEALABLE_ACTION_BY = "non_appealable_action_by"
    ICB_NOTIFY_LA_BY = "icb_notify_la_by"
    ASSESSMENT_NOTIFY_BY = "assessment_notify_by"
    ASSESSMENT_NO_PLAN_DECISION_BY = "assessment_no_plan_decision_by"
    ASSESSMENT_FINAL_PLAN_BY = "assessment_final_plan_by"
    PLAN_DRAFT_BY = "plan_draft_by"
    PLAN_FINAL_BY = "plan_final_by"
    AMENDED_PLAN_BY = "amended_plan_by"
    SECTION_I_AMENDED_PLAN_BY = "section_i_amended_plan_by"

    @property
    def title(self) -> str:
        return CLOCK_TITLES[self]


CLOCK_TITLES = {
    Clock.CONTACT_ADVISER_BY: "Family to contact the mediation adviser",
    Clock.CERTIFICATE_DECLINED_DUE: "Certificate (mediation not pursued) due",
    Clock.LA_NOTIFY_ICB_BY: "LA to tell the ICB about health issues",
    Clock.MEDIATION_BY: "Mediation to take place",
    Clock.CERTIFICATE_NOT_ARRANGED_DUE: "Certificate (not arranged in time) due",
    Clock.NOTICE_BY: "Meeting details sent to everyone",
    Clock.CERTIFICATE_CONCLUDED_DUE: "Certificate (mediation concluded) due",
    Clock.STATEMENT_CIRCULATE_BY: "Outcome statement circulated",
    Clock.APPEAL_BY: "Appeal to reach the Tribunal (5pm)",
    Clock.NON_APPEALABLE_ACTION_BY: "Agreed action (not appealable) done",
    Clock.ICB_NOTIFY_LA_BY: "ICB to tell the LA of the agreement",
    Clock.ASSESSMENT_NOTIFY_BY: "LA to tell the family it will assess",
    Clock.ASSESSMENT_NO_PLAN_DECISION_BY: "LA decision not to issue a plan after assessing",
    Clock.ASSESSMENT_FINAL_PLAN_BY: "Final plan after the assessment",
    Clock.PLAN_DRAFT_BY: "Draft EHC plan issued",
    Clock.PLAN_FINAL_BY: "Final EHC plan issued",
    Clock.AMENDED_PLAN_BY: "Amended plan (needs or provision) issued",
    Clock.SECTION_I_AMENDED_PLAN_BY: "Amended plan (Section I only) issued",
}

# The reg 44(2) limits a reg 42(2) agreement carries, in weeks from the date of the agreement.
REG_44_CLOCKS = (
    Clock.ASSESSMENT_NOTIFY_BY,
    Clock.ASSESSMENT_NO_PLAN_DECISION_BY,
    Clock.ASSESSMENT_FINAL_PLAN_BY,
    Clock.PLAN_DRAFT_BY,
    Clock.PLAN_FINAL_BY,
    Clock.AMENDED_PLAN_BY,
    Clock.SECTION_I_AMENDED_PLAN_BY,
)
AGREEMENT_CLOCKS = (Clock.NON_APPEALABLE_ACTION_BY, Clock.ICB_NOTIFY_LA_BY, *REG_44_CLOCKS)


@dataclass(frozen=True)
class RuleSet:
    """The periods of the SEND mediation rules, as in force from `in_force_from`."""

    name: str
    in_force_from: dt.date
    contact_adviser_months: int = 2
    certificate_working_days: int = 3
    icb_notify_working_days: int = 3
    mediation_days: int = 30
    notice_clear_working_days: int = 5
    statement_working_days: int = 3
    appeal_months_after_decision: int = 2
    appeal_months_after_certificate: int = 1
    non_appealable_weeks: int = 2
    icb_notify_la_weeks: int = 1
    reg_44_weeks: dict[Clock, int] = field(
        default_factory=lambda: {
            Clock.ASSESSMENT_NOTIFY_BY: 2,
            Clock.ASSESSMENT_NO_PLAN_DECISION_BY: 10,
            Clock.ASSESSMENT_FINAL_PLAN_BY: 14,
            Clock.PLAN_DRAFT_BY: 5,
            Clock.PLAN_FINAL_BY: 11,
            Clock.AMENDED_PLAN_BY: 5,
            Clock.SECTION_I_AMENDED_PLAN_BY: 2,
        }
    )


# Children and Families Act 2014 Part 3 and the SEND Regulations 2014 came into force on
# 1 September 2014.
SEND_2014 = RuleSet("SEND Regulations 2014", dt.date(2014, 9, 1))
RULE_SETS: tuple[RuleSet, ...] = (SEND_2014,)


def rules_in_force(on: dt.date) -> RuleSet:
    """The rule set in force on `on` (the newest whose start is not after it); before any,
    the earliest, whatever order RULE_SETS lists them in."""
    applicable = [r for r in RULE_SETS if r.in_force_from <= on]
    if not applicable:
        return min(RULE_SETS, key=lambda r: r.in_force_from)
    return max(applicable, key=lambda r: r.in_force_from)


@dataclass(frozen=True)
class Deadline:
    """A computed date with the sentence that explains it to a mediator."""

    clock: Clock
    due: dt.date
    trigger: dt.date
    explanation: str
    warning: str | None = None


def make_deadline(
    calendar: WorkingCalendar,
    clock: Clock,
    due: dt.date,
    trigger: dt.date,
    explanation: str,
    warning: str | None = None,
) -> Deadline:
    """A deadline with its warnings: a date that is not a working day stays where it is (only
    the appeal moves, r12), so the mediator is told the working day before."""
    not_working = None
    if clock is not Clock.APPEAL_BY and not calendar.is_working_day(due):
        why = calendar.holiday_name(due) or due.strftime("%A")
        not_working = (
            f"{long_date(due)} is not a working day ({why}); the deadline does not move, so "
            f"aim for {long_date(calendar.previous_working_day(due))}."
        )
    warnings = [w for w in (warning, not_working, calendar.coverage_warning(trigger, due)) if w]
    return Deadline(clock, due, trigger, explanation, " ".join(warnings) or None)
