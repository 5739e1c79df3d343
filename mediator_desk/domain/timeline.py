"""Every statutory clock of SEND mediation, one function each (DOMAIN.md sections 7 and 8),
and which of them the law runs for a set of facts.

Each function names its source in its docstring. The periods live in a `RuleSet` (clocks.py)
with the date it came into force, so a change in the law is a new rule set, not an edit: the
set in force on a clock's trigger date is the one applied.

Sources marked UNCONFIRMED follow IPSEA and SENDIASS guidance where the regulation's own wording
could not be read; they are kept in the rule set so they are easy to correct.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .calendar import WorkingCalendar, add_days, add_months, add_weeks
from .clocks import AGREEMENT_CLOCKS as AGREEMENT_CLOCKS
from .clocks import CLOCK_TITLES as CLOCK_TITLES
from .clocks import REG_44_CLOCKS as REG_44_CLOCKS
from .clocks import RULE_SETS as RULE_SETS
from .clocks import SEND_2014 as SEND_2014
from .clocks import Clock as Clock
from .clocks import Deadline as Deadline
from .clocks import RuleSet as RuleSet
from .clocks import make_deadline as _deadline
from .clocks import rules_in_force as rules_in_force
from .dates import long_date


# -- before the meeting ------------------------------------------------------------------------
def contact_adviser_by(decision_sent: dt.date, calendar: WorkingCalendar) -> Deadline:
    """2 months after the decision notice: the parent or young person must contact the
    mediation adviser before appealing. SEND Regulations 2014 reg 33. Not moved off weekends
    (DOMAIN.md section 8 rule 8)."""
    rules = rules_in_force(decision_sent)
    due = add_months(decision_sent, rules.contact_adviser_months)
    return _deadline(
        calendar,
        Clock.CONTACT_ADVISER_BY,
        due,
        decision_sent,
        f"{rules.contact_adviser_months} months after the decision notice was sent "
        f"({long_date(decision_sent)}), SEND Regulations 2014 reg 33.",
    )


def certificate_declined_due(
    declined: dt.date, calendar: WorkingCalendar, withdrew: bool = False
) -> Deadline:
    """3 working days after the parent or young person tells the adviser they do not wish to
    mediate. SEND Regulations 2014 reg 34 (UNCONFIRMED wording; IPSEA, Surrey SENDIAS). The
    same period where they asked for mediation and then withdrew (the "changed mind"
    certificate, DOMAIN.md section 4; regulation UNCONFIRMED)."""
    rules = rules_in_force(declined)
    due = calendar.add_working_days(declined, rules.certificate_working_days)
    if withdrew:
        why = (
            "the parent or young person said they no longer wished to mediate, having asked "
            f"for mediation ({long_date(declined)}), SEND Regulations 2014."
        )
    else:
        why = (
            f"the parent or young person declined mediation ({long_date(declined)}), "
            "SEND Regulations 2014 reg 34."
        )
    return _deadline(
        calendar,
        Clock.CERTIFICATE_DECLINED_DUE,
        due,
        declined,
        f"{rules.certificate_working_days} working days after {why}",
    )


def la_notify_icb_by(la_informed: dt.date, calendar: WorkingCalendar) -> Deadline:
    """3 working days after the LA learns the mediation issues include health care: the LA
    must tell each relevant ICB. SEND Regulations 2014 (regulation UNCONFIRMED; IPSEA)."""
    rules = rules_in_force(la_informed)
    due = calendar.add_working_days(la_informed, rules.icb_notify_working_days)
    return _deadline(
        calendar,
        Clock.LA_NOTIFY_ICB_BY,
        due,
        la_informed,
        f"{rules.icb_notify_working_days} working days after the LA was told the issues "
        f"include health care ({long_date(la_informed)}), SEND Regulations 2014 (IPSEA).",
    )


def mediation_by(la_informed: dt.date, calendar: WorkingCalendar) -> Deadline:
    """30 days after the LA is told the family wants mediation (education or social care, or
    jointly with health): the LA must arrange for it to take place. SEND Regulations 2014
    (regulation UNCONFIRMED; IPSEA). Not moved off weekends."""
    rules = rules_in_force(la_informed)
    due = add_days(la_informed, rules.mediation_days)
    return _deadline(
        calendar,
        Clock.MEDIATION_BY,
        due,
        la_informed,
        f"{rules.mediation_days} days after the LA was told the family wants mediation "
        f"({long_date(la_informed)}), SEND Regulations 2014 (IPSEA).",
    )


def mediation_by_health_only(icb_notified: dt.date, calendar: WorkingCalendar) -> Deadline:
    """30 days after the ICB is notified, where the only issues are health care: the ICB
    arranges mediation. SEND Regulations 2014 (regulation UNCONFIRMED; IPSEA)."""
    rules = rules_in_force(icb_notified)
    due = add_days(icb_notified, rules.mediation_days)
    return _deadline(
        calendar,
        Clock.MEDIATION_BY,
        due,
        icb_notified,
        f"{rules.mediation_days} days after the ICB was notified of a health-only mediation "
        f"({long_date(icb_notified)}), SEND Regulations 2014 (IPSEA).",
    )


def certificate_not_arranged_due(cannot_arrange: dt.date, calendar: WorkingCalendar) -> Deadline:
    """3 working days after the LA (or ICB) tells the adviser it cannot arrange mediation within
    30 days. SEND Regulations 2014 (regulation UNCONFIRMED; IPSEA, Surrey SENDIAS)."""
    rules = rules_in_force(cannot_arrange)
    due = calendar.add_working_days(cannot_arrange, rules.certificate_working_days)
    return _deadline(
        calendar,
        Clock.CERTIFICATE_NOT_ARRANGED_DUE,
        due,
        cannot_arrange,
        f"{rules.certificate_working_days} working days after the LA said it could not arrange "
        f"mediation within 30 days ({long_date(cannot_arrange)}), SEND Regulations 2014.",
    )


def notice_by(meeting: dt.date, calendar: WorkingCalendar) -> Deadline:
    """At least 5 working days' notice of the date and place of the meeting: five whole working
    days between the notice and the meeting, so the latest notice day is the 6th working day
    before it. Less only with the family's consent. SEND Regulations 2014 (regulation
    UNCONFIRMED; Code of Practice 11.39, Stoke SENDIASS). DOMAIN.md section 8 rule 6."""
    rules = rules_in_force(meeting)
    due = calendar.working_day_before(meeting, rules.notice_clear_working_days + 1)
    return _deadline(
        calendar,
        Clock.NOTICE_BY,
        due,
        meeting,
        f"At least {rules.notice_clear_working_days} clear working days before the meeting "
        f"({long_date(meeting)}), unless the family agrees to less; SEND Regulations 2014.",
    )


def certificate_concluded_due(concluded: dt.date, calendar: WorkingCalendar) -> Deadline:
    """3 working days after mediation concludes: the mediation certificate. SEND Regulations
    2014 (regulation UNCONFIRMED; seed 004, Sefton and Surrey SENDIASS)."""
    rules = rules_in_force(concluded)
    due = calendar.add_working_days(concluded, rules.certificate_working_days)
    return _deadline(
        calendar,
        Clock.CERTIFICATE_CONCLUDED_DUE,
        due,
        concluded,
        f"{rules.certificate_working_days} working days after mediation concluded "
        f"({long_date(concluded)}), SEND Regulations 2014.",
    )


def statement_circulate_by(meeting: dt.date, calendar: WorkingCalendar) -> Deadline:
    """3 working days after the meeting: the outcome statement goes to everyone who attended.
    A provider's service standard (seed 002), not law."""
    rules = rules_in_force(meeting)
    due = calendar.add_working_days(meeting, rules.statement_working_days)
    return _deadline(
        calendar,
        Clock.STATEMENT_CIRCULATE_BY,
        due,
        meeting,
        f"{rules.statement_working_days} working days after the meeting "
        f"({long_date(meeting)}): the service standard for circulating the outcome statement "
        "(not a legal time limit).",
    )


# -- the appeal --------------------------------------------------------------------------------
def _in_christmas_or_august(day: dt.date) -> bool:
    return day.month == 8 or (day.month, day.day) >= (12, 25) or (day.month, day.day) == (1, 1)


def appeal_deadline(
    decision_sent: dt.date,
    certificate_issued: dt.date | None,
    calendar: WorkingCalendar,
    section_i_only: bool = False,
) -> Deadline:
    """The appeal must reach the Tribunal by 5pm on the later of 2 months after the decision
    notice and 1 month after the mediation certificate (Tribunal Procedure (First-tier
    Tribunal) (HESC) Rules 2008 r20(1)(c)). If that day falls from 25 December to 1 January or
    in August, the first working day after 1 January or 31 August (r12(3)(a)), tested on the
    day itself; otherwise a day that is not a working day moves to the next one (r12(2)).
    Section I only: no certificate exists (CFA 2014 s55), so only r20(1)(c)(i) applies."""
    rules = rules_in_force(decision_sent)
    by_decision = add_months(decision_sent, rules.appeal_months_after_decision)
    limbs = [
        f"{rules.appeal_months_after_decision} months after the decision notice "
        f"({long_date(by_decision)})"
    ]
    latest = by_decision
    if section_i_only:
        limbs[0] += (
            ". The appeal is about Section I only, so there is no mediation certificate "
            "(Children and Families Act 2014 s55) and only r20(1)(c)(i) applies"
        )
    elif certificate_issued is not None:
        by_certificate = add_months(certificate_issued, rules.appeal_months_after_certificate)
        limbs.append(
            f"{rules.appeal_months_after_certificate} month after the certificate "
            f"({long_date(by_certificate)})"
        )
        latest = max(by_decision, by_certificate)
    reason = "the later of " + " and ".join(limbs) if len(limbs) > 1 else limbs[0]
    warning = None
    if _in_christmas_or_august(latest):
        boundary = (
            dt.date(latest.year, 8, 31)
            if latest.month == 8
            else dt.date(latest.year + (latest.month == 12), 1, 1)
        )
        due = calendar.add_working_days(boundary, 1)
        moved = (
            " That falls in August, so it moves to the first working day after 31 August "
            "(r12(3)(a))."
            if latest.month == 8
            else " That falls between 25 December and 1 January, so it moves to the first "
            "working day after 1 January (r12(3)(a))."
        )
    elif not calendar.is_working_day(latest):
        due = calendar.next_working_day(latest)
        moved = " That is not a working day, so it moves to the next working day (r12(2))."
        if _in_christmas_or_august(due):
            safe = calendar.previous_working_day(latest)
            warning = (
                f"The moved deadline falls in the Christmas or August period; to be safe, "
                f"send the appeal by {long_date(safe)}."
            )
    else:
        due = latest
        moved = ""
    return _deadline(
        calendar,
        Clock.APPEAL_BY,
        due,
        decision_sent,
        f"By 5pm: {reason}.{moved} Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 "
        f"r20(1)(c){'(i)' if section_i_only else ''} and r12.",
        warning,
    )


# -- after an agreement ------------------------------------------------------------------------
def non_appealable_action_by(agreement: dt.date, calendar: WorkingCalendar) -> Deadline:
    """2 weeks from the agreement for an agreed action the Tribunal could not order. SEND
    Regulations 2014 reg 42(3); the parties may agree otherwise in writing (reg 42(5))."""
    rules = rules_in_force(agreement)
    due = add_weeks(agreement, rules.non_appealable_weeks)
    return _deadline(
        calendar,
        Clock.NON_APPEALABLE_ACTION_BY,
        due,
        agreement,
        f"{rules.non_appealable_weeks} weeks after the agreement ({long_date(agreement)}), "
        "SEND Regulations 2014 reg 42(3), unless the parties agreed otherwise (reg 42(5)).",
    )


def icb_notify_la_by(agreement: dt.date, calendar: WorkingCalendar) -> Deadline:
    """1 week from an agreement the LA was not party to: the ICB tells the LA. SEND Regulations
    2014 reg 42(4)."""
    rules = rules_in_force(agreement)
    due = add_weeks(agreement, rules.icb_notify_la_weeks)
    return _deadline(
        calendar,
        Clock.ICB_NOTIFY_LA_BY,
        due,
        agreement,
        f"{rules.icb_notify_la_weeks} week after the agreement ({long_date(agreement)}), "
        "SEND Regulations 2014 reg 42(4).",
    )


_REG_44_SOURCES = {
    Clock.ASSESSMENT_NOTIFY_BY: ("tell the family it will assess", "44(2)(b)"),
    Clock.ASSESSMENT_NO_PLAN_DECISION_BY: ("decide not to issue a plan", "44(2)(b)"),
    Clock.ASSESSMENT_FINAL_PLAN_BY: ("issue the final plan after assessing", "44(2)(b)"),
    Clock.PLAN_DRAFT_BY: ("issue a draft plan", "44(2)(c)"),
    Clock.PLAN_FINAL_BY: ("issue the final plan", "44(2)(c)"),
    Clock.AMENDED_PLAN_BY: ("issue the amended plan (needs or provision)", "44(2)(e)"),
    Clock.SECTION_I_AMENDED_PLAN_BY: ("issue the plan with Section I amended", "44(2)(f)"),
}


def agreed_action_due(clock: Clock, agreement: dt.date, calendar: WorkingCalendar) -> Deadline:
    """An agreement the Tribunal could have ordered binds the LA to the time limits of a
    Tribunal order, counted from the date of the agreement: SEND Regulations 2014 reg 42(2)
    applying reg 44(2)(b), (c), (e) or (f). Parties may agree otherwise in writing (reg 42(5))."""
    if clock not in _REG_44_SOURCES:
        raise ValueError(f"{clock.value} is not a reg 44 clock")
    rules = rules_in_force(agreement)
    weeks = rules.reg_44_weeks[clock]
    what, paragraph = _REG_44_SOURCES[clock]
    due = add_weeks(agreement, weeks)
    return _deadline(
        calendar,
        clock,
        due,
        agreement,
        f"If the LA agreed to {what}: {weeks} weeks after the agreement "
        f"({long_date(agreement)}), SEND Regulations 2014 reg 42(2) with reg {paragraph}, "
        "unless the parties agreed otherwise (reg 42(5)).",
    )


# -- all clocks for a set of facts -------------------------------------------------------------
@dataclass(frozen=True)
class Facts:
    """The dates and answers that start clocks. Anything not known is None (or False)."""

    decision_sent: dt.date | None = None
    declined: dt.date | None = None
    la_informed: dt.date | None = None
    health_issues: bool = False
    health_only: bool = False
    icb_notified: dt.date | None = None
    la_cannot_arrange: dt.date | None = None
    meeting: dt.date | None = None
    concluded: dt.date | None = None
    certificate_issued: dt.date | None = None
    agreement: dt.date | None = None
    section_i_only: bool = False
    disagreement_resolution: bool = False
    young_person: bool = False  # the party is the young person (only the wording changes)

    @property
    def withdrew(self) -> bool:
        """The parent or young person said they no longer wished to mediate after the LA (or
        ICB) was told they wanted to: the "changed mind" case (DOMAIN.md section 4)."""
        asked = [d for d in (self.la_informed, self.icb_notified) if d is not None]
        return (
            not self.disagreement_resolution
            and self.declined is not None
            and bool(asked)
            and self.declined >= min(asked)
        )


def agreement_clocks(facts: Facts) -> tuple[Clock, ...]:
    """The clocks a mediation agreement can start: none in disagreement resolution (CFA 2014
    s57 is not mediation, so SEND Regulations 2014 reg 42 does not apply), and the ICB's week
    to tell the LA only where the LA was not a party, a health-only mediation (reg 42(4))."""
    if facts.disagreement_resolution:
        return ()
    if facts.health_only:
        return AGREEMENT_CLOCKS
    return tuple(c for c in AGREEMENT_CLOCKS if c is not Clock.ICB_NOTIFY_LA_BY)


_Start = Callable[[WorkingCalendar], Deadline]


def _started(facts: Facts) -> dict[Clock, _Start]:
    """Every clock these facts start, before anything stops one, in the order of the process.

    Disagreement resolution has no statutory clocks, only the service standard for the
    statement (CFA 2014 s57; DOMAIN.md section 2). A dispute about Section I only needs no
    certificate (CFA 2014 s55), so the adviser and certificate clocks do not apply to it.
    """
    found: dict[Clock, _Start] = {}
    mediation = not facts.disagreement_resolution
    certificates = mediation and not facts.section_i_only
    sent, declined, informed = facts.decision_sent, facts.declined, facts.la_informed
    icb, cannot, meeting = facts.icb_notified, facts.la_cannot_arrange, facts.meeting
    concluded, agreement = facts.concluded, facts.agreement

    if certificates and sent:
        found[Clock.CONTACT_ADVISER_BY] = lambda c: contact_adviser_by(sent, c)
    if certificates and declined:
        withdrew = facts.withdrew
        found[Clock.CERTIFICATE_DECLINED_DUE] = lambda c: certificate_declined_due(
            declined, c, withdrew
        )
    if mediation and facts.health_issues and informed:
        found[Clock.LA_NOTIFY_ICB_BY] = lambda c: la_notify_icb_by(informed, c)
    if mediation and facts.health_only and icb:
        found[Clock.MEDIATION_BY] = lambda c: mediation_by_health_only(icb, c)
    elif mediation and informed:
        found[Clock.MEDIATION_BY] = lambda c: mediation_by(informed, c)
    if certificates and cannot:
        found[Clock.CERTIFICATE_NOT_ARRANGED_DUE] = lambda c: certificate_not_arranged_due(
            cannot, c
        )
    if mediation and meeting:
        found[Clock.NOTICE_BY] = lambda c: notice_by(meeting, c)
    if certificates and concluded:
        found[Clock.CERTIFICATE_CONCLUDED_DUE] = lambda c: certificate_concluded_due(concluded, c)
    if meeting:
        found[Clock.STATEMENT_CIRCULATE_BY] = lambda c: statement_circulate_by(meeting, c)
    if mediation and sent:
        certificate = facts.certificate_issued if certificates else None
        only_i = facts.section_i_only
        found[Clock.APPEAL_BY] = lambda c: appeal_deadline(sent, certificate, c, only_i)
    if agreement:
        for clock in agreement_clocks(facts):
            found[clock] = partial(agreement_deadline, clock, agreement)
    return found


def agreement_deadline(clock: Clock, agreement: dt.date, calendar: WorkingCalendar) -> Deadline:
    """The date one agreement clock gives from the date of the agreement: SEND Regulations 2014
    reg 42(3), 42(4), or 42(2) with reg 44."""
    if clock is Clock.NON_APPEALABLE_ACTION_BY:
        return non_appealable_action_by(agreement, calendar)
    if clock is Clock.ICB_NOTIFY_LA_BY:
        return icb_notify_la_by(agreement, calendar)
    return agreed_action_due(clock, agreement, calendar)


# The clocks about arranging the meeting: they end when the family withdraws or mediation
# concludes, unless what they asked for was already done.
_ARRANGING = (
    Clock.LA_NOTIFY_ICB_BY,
    Clock.MEDIATION_BY,
    Clock.CERTIFICATE_NOT_ARRANGED_DUE,
    Clock.NOTICE_BY,
)


def stopped_clocks(facts: Facts) -> dict[Clock, str]:
    """The clocks these facts start that no longer run, each with the plain-English reason
    and its source. When the parent or young person withdraws after asking for mediation, the
    duty to arrange it ends (SEND Regulations 2014; DOMAIN.md section 4); when mediation has
    concluded, nothing is left to arrange. A meeting held by then met its clocks, and an ICB
    already told met the LA's, so those stay on record."""
    started = _started(facts)
    events: list[tuple[dt.date, str, frozenset[Clock]]] = []
    if facts.withdrew and facts.declined is not None:
        who = "The young person" if facts.young_person else "The family"
        body = "ICB" if facts.health_only and facts.icb_notified else "LA"
        told = "the ICB was" if body == "ICB" and not facts.la_informed else "the LA was"
        events.append(
            (
                facts.declined,
                f"{who} withdrew from mediation on {long_date(facts.declined)}, after "
                f"{told} told they wanted it; the {body}'s duty to arrange mediation ended "
                "(SEND Regulations 2014).",
                frozenset(_ARRANGING),
            )
        )
    if facts.concluded is not None and not facts.disagreement_resolution:
        events.append(
            (
                facts.concluded,
                f"Mediation concluded on {long_date(facts.concluded)}; the clocks about "
                "arranging the meeting no longer run (SEND Regulations 2014).",
                frozenset(_ARRANGING) - {Clock.CERTIFICATE_NOT_ARRANGED_DUE},
            )
        )
    stopped: dict[Clock, str] = {}
    for day, reason, clocks in sorted(events, key=lambda event: event[0]):
        held = facts.meeting is not None and facts.meeting <= day
        done = {
            Clock.MEDIATION_BY: held,
            Clock.NOTICE_BY: held,
            Clock.LA_NOTIFY_ICB_BY: facts.icb_notified is not None,
            Clock.CERTIFICATE_NOT_ARRANGED_DUE: False,
        }
        for clock in _ARRANGING:
            if clock in clocks and clock in started and not done[clock]:
                extra = (
                    " The certificate for the withdrawal is due instead."
                    if clock is Clock.CERTIFICATE_NOT_ARRANGED_DUE
                    else ""
                )
                stopped.setdefault(clock, reason + extra)
    return stopped


def deadlines(facts: Facts, calendar: WorkingCalendar) -> dict[Clock, Deadline]:
    """Every deadline these facts determine and the law still runs, in the order of the
    process; clocks that have stopped (stopped_clocks) are left out."""
    stopped = stopped_clocks(facts)
    return {
        clock: start(calendar) for clock, start in _started(facts).items() if clock not in stopped
    }
