"""A case's clocks: which deadlines apply to it, whether each was met, and what is due soon.

The dates a mediator records on a case (decision notice, declined, LA informed, meeting, ...)
are the facts the timeline engine counts from; the dates things were done (certificate issued,
notice sent, action completed) say whether each deadline was met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum

from .calendar import WorkingCalendar
from .case import Case, CaseKind
from .dates import long_date, short_date
from .preparation import ContactEntry
from .timeline import (
    AGREEMENT_CLOCKS,
    Clock,
    Deadline,
    Facts,
    agreement_clocks,
    agreement_deadline,
    deadlines,
    stopped_clocks,
)

DEFAULT_WARN_WORKING_DAYS = 2


class Status(Enum):
    DUE = "due"
    DUE_SOON = "due_soon"
    MET = "met"
    LATE = "late"  # done, but after the deadline
    MISSED = "missed"  # not done, and the deadline has passed
    PASSED = "passed"  # a deadline for someone else (the family's appeal) that has passed
    ON_TRACK = "on_track"  # a meeting is arranged within the limit

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.DUE: "Due",
    Status.DUE_SOON: "Due soon",
    Status.MET: "Met",
    Status.LATE: "Done late",
    Status.MISSED: "Missed",
    Status.PASSED: "Passed",
    Status.ON_TRACK: "On track",
}

# Who must act on each clock: shown beside it, so no one mistakes whose deadline it is.
RESPONSIBLE = {
    Clock.CONTACT_ADVISER_BY: "Family",
    Clock.CERTIFICATE_DECLINED_DUE: "Adviser",
    Clock.LA_NOTIFY_ICB_BY: "LA",
    Clock.MEDIATION_BY: "LA",
    Clock.CERTIFICATE_NOT_ARRANGED_DUE: "Adviser",
    Clock.NOTICE_BY: "Arranging body",
    Clock.CERTIFICATE_CONCLUDED_DUE: "Mediator",
    Clock.STATEMENT_CIRCULATE_BY: "Mediator",
    Clock.APPEAL_BY: "Family",
    Clock.NON_APPEALABLE_ACTION_BY: "LA or ICB",
    Clock.ICB_NOTIFY_LA_BY: "ICB",
}
# Clocks kept for information: no one in this case file completes them.
INFORMATION_ONLY = frozenset({Clock.APPEAL_BY})


@dataclass(frozen=True)
class AgreedAction:
    """An action agreed at mediation: what, who, and by when (the engine proposes the date from
    the agreement; the parties may agree a different one in writing, reg 42(5))."""

    description: str
    owner: str = ""
    clock: Clock | None = None  # which statutory limit applies; None: a date agreed freely
    due_override: dt.date | None = None
    override_reason: str = ""
    done_on: dt.date | None = None
    id: int | None = None
    case_id: int | None = None
    position: int = 0
    issue_id: int | None = None  # the statement issue it was agreed under, if any

    def with_changes(self, **changes: object) -> AgreedAction:
        from dataclasses import replace

        return replace(self, **changes)  # type: ignore[arg-type]


ACTION_CLOCKS = AGREEMENT_CLOCKS  # the clocks an agreed action may follow


def case_action_clocks(case: Case) -> tuple[Clock, ...]:
    """The statutory clocks an agreed action may follow in this case (timeline.agreement_clocks):
    none in disagreement resolution, reg 42(4) only after a health-only mediation."""
    return agreement_clocks(case_facts(case))


def check_action(action: AgreedAction, clocks: Collection[Clock] = ACTION_CLOCKS) -> list[str]:
    """Plain-English problems with an agreed action, given the clocks its case allows."""
    problems = []
    if not action.description.strip():
        problems.append("Describe the agreed action.")
    if not clocks:  # disagreement resolution: only the date the parties agreed (CFA 2014 s57)
        if action.due_override is None:
            problems.append("Enter the date agreed.")
        return problems
    if action.clock is not None and action.clock not in clocks:
        problems.append(
            "This time limit does not apply to this case: SEND Regulations 2014 reg 42(4) runs "
            "only where the local authority was not a party to the mediation. Choose another, "
            "or enter the date agreed."
        )
    if action.due_override is not None and not action.override_reason.strip():
        problems.append(
            "Record why the date differs from the statutory one: the parties' written "
            "agreement (SEND Regulations 2014 reg 42(5))."
        )
    if action.clock is None and action.due_override is None:
        problems.append("Choose the statutory time limit, or enter the date agreed.")
    return problems


def agreement_day(case: Case) -> dt.date | None:
    """The day agreed actions are counted from (SEND Regulations 2014 reg 42): the agreement
    date recorded, else the meeting date, as each party agrees the statement before the meeting
    ends. The one answer for the statement, the Agreed actions tab and the timeline. None for
    disagreement resolution (CFA 2014 s57): no reg 42 agreement, so an action keeps only the
    date the parties agreed."""
    if case.kind is not CaseKind.MEDIATION:
        return None
    return case.agreement_date or case.meeting_date


def proposed_due(action: AgreedAction, case: Case, calendar: WorkingCalendar) -> Deadline | None:
    """The engine's date for an action, from the date of the agreement; None where its clock
    does not run in this case (case_action_clocks) or no agreement date is known."""
    agreement = agreement_day(case)
    if action.clock is None or agreement is None or action.clock not in case_action_clocks(case):
        return None
    return agreement_deadline(action.clock, agreement, calendar)


def action_due(action: AgreedAction, case: Case, calendar: WorkingCalendar) -> dt.date | None:
    """An agreed action's date as the statement shows it: the mediator's own date where they
    set one, else the engine's from the date of the agreement (None when there is neither)."""
    if action.due_override:
        return action.due_override
    proposal = proposed_due(action, case, calendar)
    return proposal.due if proposal is not None else None


def action_due_dates(
    actions: Sequence[AgreedAction], case: Case, calendar: WorkingCalendar
) -> dict[int, dt.date]:
    """Each agreed action's date (action_due), by the action's id."""
    due: dict[int, dt.date] = {}
    for action in actions:
        day = action_due(action, case, calendar)
        if action.id is not None and day is not None:
            due[action.id] = day
    return due


@dataclass(frozen=True)
class TrackedDeadline:
    """One deadline of a case, with where it stands on `today`. `clock` is None for a
    follow-up the mediator set themselves (contact log) and for an action whose only date is
    the one the parties agreed."""

    clock: Clock | None
    title: str
    due: dt.date
    explanation: str
    status: Status
    done_on: dt.date | None
    working_days_left: int
    responsible: str
    warning: str | None = None
    action_id: int | None = None
    overridden: bool = False
    contact_id: int | None = None

    @property
    def key(self) -> str:
        """A stable name: the clock's, or the action's or follow-up's own."""
        if self.action_id is not None:
            return f"action_{self.action_id}"
        if self.contact_id is not None:
            return f"follow_up_{self.contact_id}"
        return self.clock.value if self.clock else "unknown"

    @property
    def needs_attention(self) -> bool:
        return self.status in (Status.DUE_SOON, Status.MISSED)

    def short_summary(self) -> str:
        """For narrow lists where the due date is shown beside: 'Missed', 'Today', '3 days'."""
        if self.status is Status.MISSED:
            return "Missed"
        if self.status in (Status.DUE, Status.DUE_SOON):
            if self.working_days_left == 0:
                return "Today"
            unit = "working day" if self.working_days_left == 1 else "working days"
            return f"In {self.working_days_left} {unit}"
        return self.status.label

    def summary(self) -> str:
        """'Due in 2 working days', 'Met on Tue 3 Nov 2026', 'Missed (due Fri 4 Dec 2026)'."""
        if self.status is Status.MET and self.done_on:
            return f"Met on {short_date(self.done_on)}"
        if self.status is Status.LATE and self.done_on:
            return f"Done late, on {short_date(self.done_on)}"
        if self.status is Status.MISSED:
            return f"Missed: was due {short_date(self.due)}"
        if self.status is Status.PASSED:
            return "Passed"
        if self.status is Status.ON_TRACK:
            return "On track: meeting arranged"
        if self.working_days_left == 0:
            return "Due today"
        if self.working_days_left == 1:
            return "Due in 1 working day"
        return f"Due in {self.working_days_left} working days"


def case_facts(case: Case) -> Facts:
    return Facts(
        decision_sent=case.decision_date,
        declined=case.declined_on,
        la_informed=case.la_informed,
        health_issues=case.health_issues,
        health_only=case.health_only,
        icb_notified=case.icb_notified,
        la_cannot_arrange=case.la_cannot_arrange,
        meeting=case.meeting_date,
        concluded=case.concluded_on,
        certificate_issued=case.certificate_issued,
        agreement=None,  # agreed actions are tracked one by one, below
        section_i_only=case.section_i_only,
        disagreement_resolution=case.kind is CaseKind.DISAGREEMENT_RESOLUTION,
        young_person=case.declined_on is not None and case.is_young_person(case.declined_on),
    )


def case_stopped_clocks(case: Case) -> dict[Clock, str]:
    """The case's clocks that no longer run, with why (timeline.stopped_clocks)."""
    return stopped_clocks(case_facts(case))


def _done_on(case: Case, clock: Clock, today: dt.date) -> dt.date | None:
    """When the thing a clock asks for was done, from the dates recorded on the case."""
    if clock is Clock.CONTACT_ADVISER_BY:
        return case.adviser_contacted
    if clock in (
        Clock.CERTIFICATE_DECLINED_DUE,
        Clock.CERTIFICATE_NOT_ARRANGED_DUE,
        Clock.CERTIFICATE_CONCLUDED_DUE,
    ):
        return case.certificate_issued
    if clock is Clock.LA_NOTIFY_ICB_BY:
        return case.icb_notified
    if clock is Clock.MEDIATION_BY:
        held = case.meeting_date
        return held if held is not None and held <= today else None
    if clock is Clock.NOTICE_BY:
        return case.notice_sent
    if clock is Clock.STATEMENT_CIRCULATE_BY:
        return case.statement_circulated
    return None


def _status(
    clock: Clock, due: dt.date, done: dt.date | None, today: dt.date, left: int, warn_days: int
) -> Status:
    if clock in INFORMATION_ONLY:
        return (
            Status.PASSED if due < today else (Status.DUE_SOON if left <= warn_days else Status.DUE)
        )
    if done is not None:
        return Status.MET if done <= due else Status.LATE
    if due < today:
        return Status.MISSED
    return Status.DUE_SOON if left <= warn_days else Status.DUE


def track_case(
    case: Case,
    actions: Sequence[AgreedAction],
    calendar: WorkingCalendar,
    today: dt.date,
    warn_days: int = DEFAULT_WARN_WORKING_DAYS,
    contacts: Sequence[ContactEntry] = (),
) -> list[TrackedDeadline]:
    """Every deadline that applies to the case, in date order, with its status on `today`:
    the statutory clocks, agreed actions and follow-ups from the contact log."""
    tracked: list[TrackedDeadline] = []
    for contact in _follow_ups(contacts):
        assert contact.follow_up_by is not None
        left = calendar.working_days_until(today, contact.follow_up_by)
        done = contact.follow_up_by if contact.follow_up_done else None
        tracked.append(
            TrackedDeadline(
                clock=None,
                title=f"Follow up: {contact.follow_up.strip()}",
                due=contact.follow_up_by,
                explanation=(
                    f"Set by the mediator after the {contact.kind.label.lower()} "
                    f"({contact.method.label.lower()}) on {long_date(contact.when.date())}."
                ),
                status=_status(
                    Clock.NON_APPEALABLE_ACTION_BY,
                    contact.follow_up_by,
                    done,
                    today,
                    left,
                    warn_days,
                ),
                done_on=done,
                working_days_left=left,
                responsible="Mediator",
                contact_id=contact.id,
            )
        )
    for clock, deadline in deadlines(case_facts(case), calendar).items():
        done = _done_on(case, clock, today)
        left = calendar.working_days_until(today, deadline.due)
        warning = deadline.warning
        if clock is Clock.MEDIATION_BY and case.meeting_date and case.meeting_date > deadline.due:
            extra = (
                f"The meeting date ({long_date(case.meeting_date)}) is after the 30-day limit; "
                "if the LA cannot arrange mediation in time, the adviser must issue a "
                "certificate."
            )
            warning = f"{warning} {extra}" if warning else extra
        tracked.append(
            TrackedDeadline(
                clock=clock,
                title=clock.title,
                due=deadline.due,
                explanation=deadline.explanation,
                status=(
                    Status.ON_TRACK
                    if clock is Clock.MEDIATION_BY
                    and done is None
                    and case.meeting_date
                    and case.meeting_date <= deadline.due
                    and deadline.due >= today
                    else _status(clock, deadline.due, done, today, left, warn_days)
                ),
                done_on=done,
                working_days_left=left,
                responsible=RESPONSIBLE.get(clock, "LA"),
                warning=warning,
            )
        )
    statutory = bool(case_action_clocks(case))  # no reg 42 in disagreement resolution
    for action in actions:
        engine = proposed_due(action, case, calendar)
        due = action.due_override or (engine.due if engine else None)
        if due is None:
            continue
        if action.due_override is not None and not statutory:
            reason = action.override_reason.strip()
            explanation = "Date agreed by the parties" + (f" ({reason})." if reason else ".")
        elif action.due_override is not None:
            reason = action.override_reason.strip() or "no reason recorded"
            explanation = (
                f"Date agreed by the parties in writing ({reason}), SEND Regulations 2014 "
                "reg 42(5)."
            )
            if engine is not None:
                explanation += f" The statutory date would be {long_date(engine.due)}."
        else:
            assert engine is not None
            explanation = engine.explanation
        left = calendar.working_days_until(today, due)
        tracked.append(
            TrackedDeadline(
                clock=engine.clock if engine else None,
                title=f"Agreed action: {action.description.strip() or '(not described)'}",
                due=due,
                explanation=explanation,
                status=_status(
                    Clock.NON_APPEALABLE_ACTION_BY, due, action.done_on, today, left, warn_days
                ),
                done_on=action.done_on,
                working_days_left=left,
                responsible=action.owner.strip() or "Not recorded",
                warning=engine.warning if engine else None,
                action_id=action.id,
                overridden=action.due_override is not None,
            )
        )
    tracked.sort(key=lambda t: (t.due, t.title))
    return tracked


@dataclass(frozen=True)
class RecordedEvent:
    """Something that happened on a case, for the timeline's past half."""

    day: dt.date
    title: str


EVENT_TITLES = {
    "decision_date": "Decision notice sent",
    "adviser_contacted": "Family contacted the mediation adviser",
    "declined_on": "Family declined mediation",
    "la_informed": "LA told the family wants mediation",
    "icb_notified": "ICB notified of health issues",
    "la_cannot_arrange": "LA said it cannot arrange mediation in 30 days",
    "notice_sent": "Meeting details sent to everyone",
    "meeting_date": "Meeting",
    "concluded_on": "Mediation concluded",
    "certificate_issued": "Certificate issued",
    "agreement_date": "Agreement reached",
    "statement_circulated": "Outcome statement circulated",
}


def recorded_events(case: Case) -> list[RecordedEvent]:
    """The case's recorded dates, in date order. Declining after the LA was told the family
    wanted mediation is a withdrawal (DOMAIN.md section 4), and is called one."""
    titles = dict(EVENT_TITLES)
    if case_facts(case).withdrew:
        titles["declined_on"] = "Family withdrew from mediation"
    events = [
        RecordedEvent(getattr(case, name), title)
        for name, title in titles.items()
        if getattr(case, name) is not None
    ]
    return sorted(events, key=lambda e: e.day)


def _follow_ups(contacts: Sequence[ContactEntry]) -> list[ContactEntry]:
    return [c for c in contacts if c.follow_up.strip() and c.follow_up_by is not None]


def earliest_open_deadline(
    case: Case,
    actions: Sequence[AgreedAction],
    calendar: WorkingCalendar,
    contacts: Sequence[ContactEntry] = (),
) -> tuple[dt.date, str] | None:
    """The earliest deadline not yet met, whatever today is: stored with the case so the
    casebook can show it for thousands of cases at once. A recorded meeting date counts as
    meeting the 30-day clock."""
    candidates: list[tuple[dt.date, str]] = []
    for clock, deadline in deadlines(case_facts(case), calendar).items():
        if clock in INFORMATION_ONLY:
            continue
        done = (
            case.meeting_date if clock is Clock.MEDIATION_BY else _done_on(case, clock, dt.date.max)
        )
        if done is None:
            candidates.append((deadline.due, clock.title))
    for action in actions:
        if action.done_on is not None:
            continue
        due = action_due(action, case, calendar)
        if due is not None:
            candidates.append((due, f"Agreed action: {action.description.strip()}"))
    for contact in _follow_ups(contacts):
        if not contact.follow_up_done and contact.follow_up_by is not None:
            candidates.append((contact.follow_up_by, f"Follow up: {contact.follow_up.strip()}"))
    return min(candidates, default=None)
