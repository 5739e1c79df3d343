"""The outcome statement: drafted in the meeting, agreed as accurate by each party against an
exact version, then sealed so it can never change. Corrections afterwards are addenda.

Seed 002: "Each party will be asked to agree the accuracy of the outcome statement before the
meeting ends. The outcome statement will not be amended after the meeting." Where agreement is
reached it is the mediation agreement, which must be in writing (SEND Regulations 2014 reg 42(1)).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from .case import Case, CaseKind
from .case_timeline import AgreedAction
from .dates import long_date
from .preparation import Attendance, Attendee, ChildViews, Role
from .timeline import Deadline


class Outcome(Enum):
    AGREED = "agreed"
    PARTLY_AGREED = "partly_agreed"
    NOT_AGREED = "not_agreed"
    DEFERRED = "deferred"

    @property
    def label(self) -> str:
        return {
            Outcome.AGREED: "Agreed",
            Outcome.PARTLY_AGREED: "Partly agreed",
            Outcome.NOT_AGREED: "Not agreed",
            Outcome.DEFERRED: "Deferred",
        }[self]


class ConfirmedHow(Enum):
    SPOKEN = "spoken"
    IN_WRITING = "in_writing"

    @property
    def label(self) -> str:
        return "Spoken in the meeting" if self is ConfirmedHow.SPOKEN else "In writing"

    def describe(self, at: dt.datetime) -> str:
        """How the statement words a confirmation: as it was given, never 'at the meeting' for
        one given in writing afterwards (seed 002)."""
        if self is ConfirmedHow.SPOKEN:
            return f"Agreed at the meeting, {long_date(at.date())} at {at:%H:%M}"
        return f"Confirmed in writing on {long_date(at.date())}"


@dataclass(frozen=True)
class Issue:
    """One issue in dispute: the key discussion points and the outcome."""

    title: str = ""
    discussion: str = ""
    outcome: Outcome | None = None
    position: int = 0
    id: int | None = None
    case_id: int | None = None

    def with_changes(self, **changes: object) -> Issue:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class MeetingRecord:
    """The statement's general sections, and the mediator's private notes (never shown to the
    parties, never exported unless asked for)."""

    other_matters: str = ""
    next_steps: str = ""
    appeal_information: str = ""
    private_notes: str = ""
    case_id: int | None = None

    def with_changes(self, **changes: object) -> MeetingRecord:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Presence:
    """Who was at the meeting and when (the child may join for part of it)."""

    attendee_id: int
    present: bool = False
    arrived: str = ""
    left: str = ""
    case_id: int | None = None


@dataclass(frozen=True)
class Confirmation:
    """A party's agreement that a specific version of the statement is accurate."""

    attendee_id: int
    party: str  # the name as confirmed, kept even if the attendee is later renamed
    version: int
    sha256: str
    how: ConfirmedHow
    confirmed_at: dt.datetime
    addendum_id: int | None = None
    id: int | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class Seal:
    version: int
    sha256: str
    content: str  # the canonical JSON that was agreed
    sealed_at: dt.datetime
    sealed_by: str = ""
    case_id: int | None = None


@dataclass(frozen=True)
class Addendum:
    """A correction after sealing: dated, with its reason, itself confirmed and sealed, and
    shown after the statement, never inside it."""

    reason: str = ""
    text: str = ""
    created_at: dt.datetime | None = None
    sha256: str = ""
    sealed_at: dt.datetime | None = None
    id: int | None = None
    case_id: int | None = None

    @property
    def sealed(self) -> bool:
        return self.sealed_at is not None

    def content(self) -> str:
        return canonical_json({"reason": self.reason, "text": self.text})

    def with_changes(self, **changes: object) -> Addendum:
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_APPEAL_INFORMATION = (
    "If you disagree with the local authority's decision you may appeal to the First-tier "
    "Tribunal (Special Educational Needs and Disability). The appeal must be received by the "
    "later of 2 months after the decision notice was sent and 1 month after the mediation "
    "certificate is issued. Your local SENDIASS can advise you."
)


# The standard wording for an appeal only about Section I starts with these words, whatever its
# date, so a sealed statement that carries it is recognised (domain/integrity.py).
SECTION_I_APPEAL_START = "An appeal only about Section I of the plan"
# ... the standard wording where only health care was mediated is this ...
HEALTH_ONLY_APPEAL_INFORMATION = (
    "Health care provision in an EHC plan cannot be appealed to the First-tier Tribunal on its "
    "own (Children and Families Act 2014 section 51(2)). If you appeal a decision about the "
    "education in the plan, the Tribunal may also make recommendations about health care "
    "(SI 2017/1306); the time limits for that appeal are in the local authority's decision "
    "notice. Your local SENDIASS can advise you."
)
# ... and the standard wording for mediation with a certificate to follow starts with these.
MEDIATION_APPEAL_START = "If you disagree with the local authority's decision, an appeal to"


def compose(
    case: Case,
    attendees: Sequence[Attendee],
    presence: Sequence[Presence],
    issues: Sequence[Issue],
    actions: Sequence[AgreedAction],
    record: MeetingRecord,
    due_dates: dict[int, dt.date] | None = None,
    appeal: Deadline | None = None,
    views: ChildViews | None = None,
) -> dict[str, Any]:
    """The statement's whole content as plain data: what the parties see, confirm and seal.
    Private notes are not part of it. `appeal` is the 2-month appeal deadline a Section I-only
    statement states (appeal_information); `views` the child's, summarised where they may be
    (views_for_statement), so they are sealed with the rest."""
    present = {p.attendee_id: p for p in presence if p.present}
    due_dates = due_dates or {}
    people = []
    for attendee in attendees:
        if attendee.id not in present:
            continue
        seen = present[attendee.id]
        entry = {
            "name": attendee.name,
            "role": attendee.role.label,
            "organisation": attendee.organisation,
            "arrived": seen.arrived,
            "left": seen.left,
        }
        people.append(entry)
    issue_list = []
    for issue in sorted(issues, key=lambda i: (i.position, i.id or 0)):
        issue_actions = [
            {
                "what": action.description,
                "who": action.owner,
                "by": long_date(due_dates[action.id]) if action.id in due_dates else "",
            }
            for action in actions
            if action_issue(action) == issue.id
        ]
        issue_list.append(
            {
                "title": issue.title,
                "discussion": issue.discussion,
                "outcome": issue.outcome.label if issue.outcome else "",
                "actions": issue_actions,
            }
        )
    content: dict[str, Any] = {
        "reference": case.reference,
        "child": case.display_name,
        "meeting_date": long_date(case.meeting_date) if case.meeting_date else "",
        "present": people,
        "issues": issue_list,
        "other_matters": record.other_matters,
        "next_steps": record.next_steps,
        "appeal_information": appeal_information(case, record, appeal),
    }
    summary = views_for_statement(case, attendees, presence, views) if views else None
    if summary:
        content["child_views"] = (
            summary  # only when there are views: other hashes stay as they were
        )
    return content


# The parts of the child's profile the statement summarises: the rest is in the profile itself.
STATEMENT_VIEW_FIELDS = {
    "views_on_disagreement": "What they think about the disagreement",
    "wishes": "What they would like to happen",
}


def views_for_statement(
    case: Case, attendees: Sequence[Attendee], presence: Sequence[Presence], views: ChildViews
) -> dict[str, str] | None:
    """A short summary of the child's views for the statement, or None. Only where a parent is
    the party (the views are sought under CFA 2014 s56(1)(e); a young person speaks for
    themselves) and only when they may be shared with everyone the statement goes to: each
    person at the meeting other than the child and the mediators."""
    if case.meeting_date is None or case.is_young_person(case.meeting_date):
        return None
    summary = {k: getattr(views, k).strip() for k in (*STATEMENT_VIEW_FIELDS, "quotes")}
    if not any(summary.values()):
        return None
    present = {p.attendee_id for p in presence if p.present}
    readers = [
        a
        for a in attendees
        if (a.id in present if present else a.attendance is not Attendance.NOT_ATTENDING)
        and a.role not in (Role.CHILD, Role.YOUNG_PERSON, Role.MEDIATOR, Role.CO_MEDIATOR)
    ]
    if not readers or any(a.id not in views.share_with for a in readers):
        return None
    gathered = ", ".join(
        p for p in (
            f"by {views.gathered_by.strip()}" if views.gathered_by.strip() else "",
            f"on {long_date(views.gathered_on)}" if views.gathered_on else "",
        ) if p
    )  # fmt: skip
    return {**{k: v for k, v in summary.items() if v}, "gathered": gathered}


def appeal_information(case: Case, record: MeetingRecord, appeal: Deadline | None = None) -> str:
    """What the statement says about appeals: the mediator's words, or, where they have left
    it empty and there is a decision in dispute, the standard wording the Meeting tab shows, so
    what the parties confirm is what the mediator sees. The wording follows the case: the
    appeal window of the Tribunal Procedure (HESC) Rules 2008 r20(1)(c) for mediation; for an
    appeal only about Section I, which needs no certificate (CFA 2014 s55), only r20(1)(c)(i)
    with its date (`appeal`); none for disagreement resolution (CFA 2014 s57), which leaves the
    right of appeal as it was; for health care alone, which cannot be appealed (s51(2)), no
    date at all."""
    if record.appeal_information.strip() or case.decision_date is None:
        return record.appeal_information
    if case.kind is not CaseKind.MEDIATION:
        return ""
    if case.health_only:
        return HEALTH_ONLY_APPEAL_INFORMATION
    if appeal is None:
        return DEFAULT_APPEAL_INFORMATION
    if case.section_i_only:
        return section_i_appeal_information(appeal)
    return mediation_appeal_information(appeal)


def mediation_appeal_information(first_limb: Deadline) -> str:
    """The standard appeal wording where a certificate follows: HESC Rules 2008 r20(1)(c) gives
    the later of (i) 2 months after the decision notice and (ii) 1 month after the certificate.
    The certificate is not issued when the statement is agreed, so limb (i) is given as a date
    (moved under r12 where it must be) and the certificate gives the exact date."""
    warning = f" {first_limb.warning}" if first_limb.warning else ""
    return (
        f"{MEDIATION_APPEAL_START} the First-tier Tribunal (Special Educational Needs and "
        f"Disability) must be received by 5pm on {long_date(first_limb.due)} (2 months after the "
        "decision notice was sent, Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 "
        "r20(1)(c)(i)) or, if that is later, 1 month after the date the mediation certificate "
        "is issued (r20(1)(c)(ii)): the certificate will give the exact date. How the first "
        f"date is worked out: {first_limb.explanation.removeprefix('By 5pm: ')}{warning} "
        "Your local SENDIASS can advise you."
    )


def section_i_appeal_information(appeal: Deadline) -> str:
    """The standard appeal wording for a Section I-only dispute: one limb, a concrete date, and
    how the date was worked out (with rule 12's move where it applies)."""
    warning = f" {appeal.warning}" if appeal.warning else ""
    return (
        f"{SECTION_I_APPEAL_START} (the school or other institution it names, its type, or that "
        "none is named) needs no mediation certificate (Children and Families Act 2014 s55). "
        "An appeal to the First-tier Tribunal (Special Educational Needs and Disability) must "
        f"be received by 5pm on {long_date(appeal.due)}: 2 months after the decision notice "
        "was sent (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c)(i)). "
        f"How the date is worked out: {appeal.explanation.removeprefix('By 5pm: ')}{warning} "
        "Your local SENDIASS can advise you."
    )


def is_standard_appeal_information(text: str) -> bool:
    """Whether sealed appeal wording is one of the standard wordings (which follow the case's
    facts, so may differ from today's recomposition), or none."""
    return text in (
        "",
        DEFAULT_APPEAL_INFORMATION,
        HEALTH_ONLY_APPEAL_INFORMATION,
    ) or text.startswith((SECTION_I_APPEAL_START, MEDIATION_APPEAL_START))


def action_issue(action: AgreedAction) -> int | None:
    return action.issue_id


def canonical_json(content: dict[str, Any]) -> str:
    """One exact text for the same content, whatever order it was built in."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(content: dict[str, Any] | str) -> str:
    text = content if isinstance(content, str) else canonical_json(content)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def required_confirmers(
    attendees: Sequence[Attendee], presence: Sequence[Presence], health: bool = False
) -> list[Attendee]:
    """The main parties at the meeting: each must confirm the statement's accuracy (seed 002).
    Where `health` care is mediated, the ICB's representative is one: the responsible
    commissioning body is a party to the mediation (SEND Regulations 2014 reg 42(3), (4)).
    Where presence is recorded, only those present; otherwise every attending main party."""
    present = {p.attendee_id for p in presence if p.present}
    parties = [
        a
        for a in attendees
        if (a.role.is_main_party or (health and a.role is Role.HEALTH))
        and a.attendance is not Attendance.NOT_ATTENDING
    ]
    if present:
        parties = [a for a in parties if a.id in present]
    return parties


@dataclass(frozen=True)
class PartyStatus:
    attendee: Attendee
    confirmation: Confirmation | None  # the latest one
    current: bool  # confirmed the content as it is now

    @property
    def stale(self) -> bool:
        return self.confirmation is not None and not self.current

    def describe(self) -> str:
        if self.confirmation is None:
            return "Not yet confirmed"
        at = self.confirmation.confirmed_at
        when = (
            f"at {at:%H:%M}"
            if self.confirmation.how is ConfirmedHow.SPOKEN
            else f"on {long_date(at.date())}"
        )
        if self.current:
            return (
                f"Confirmed version {self.confirmation.version} {when} "
                f"({self.confirmation.how.label.lower()})"
            )
        return (
            f"Confirmed version {self.confirmation.version} {when}, but the statement has "
            "changed since: confirm again"
        )


def party_statuses(
    parties: Sequence[Attendee], confirmations: Sequence[Confirmation], current_hash: str
) -> list[PartyStatus]:
    statuses = []
    for party in parties:
        theirs = [c for c in confirmations if c.attendee_id == party.id]
        # The last recorded, not the latest dated: a written confirmation may carry an
        # earlier date than a spoken one recorded before it.
        latest = max(theirs, key=lambda c: (c.id or 0, c.confirmed_at), default=None)
        statuses.append(
            PartyStatus(party, latest, latest is not None and latest.sha256 == current_hash)
        )
    return statuses


def confirmation_problem(
    how: ConfirmedHow, meeting: dt.date | None, given_on: dt.date | None, today: dt.date
) -> str | None:
    """Why a confirmation cannot be recorded as described, or None. Agreed at the meeting
    (seed 002: before the meeting ends) means recorded on the meeting day; in writing means
    given on or after the meeting day, and not in the future."""
    if meeting is None:
        return (
            "Enter the meeting date first (Overview ▸ Key dates): each confirmation is checked "
            "against it."
        )
    if how is ConfirmedHow.SPOKEN:
        if given_on is not None:
            return (
                "A confirmation given at the meeting is timed when it is recorded; only one "
                "given in writing takes a date."
            )
        if today != meeting:
            return (
                f"A confirmation given at the meeting is recorded on the meeting day "
                f"({long_date(meeting)}). Record this one as given in writing, with the date "
                "it was given."
            )
        return None
    day = given_on or today
    if day > today:
        return "The date a confirmation was given cannot be in the future."
    if day < meeting:
        return (
            f"A confirmation in writing cannot be dated before the meeting ({long_date(meeting)})."
        )
    return None


def seal_problems(statuses: Sequence[PartyStatus], content: dict[str, Any]) -> list[str]:
    """Why the statement cannot be sealed yet; empty when it can."""
    problems = []
    if not statuses:
        problems.append(
            "Record who is present: at least one main party must confirm the statement."
        )
    for status in statuses:
        if status.confirmation is None:
            problems.append(f"{status.attendee.name} has not confirmed the statement.")
        elif not status.current:
            problems.append(
                f"{status.attendee.name} confirmed an earlier version: take their confirmation "
                "again."
            )
    if not content["issues"]:
        problems.append("The statement has no issues yet.")
    return problems
