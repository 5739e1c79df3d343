"""A mediation or disagreement-resolution case: what it is about, where it stands, and checks
that explain themselves in plain English."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from enum import Enum

from .parents import ParentCarer, parents_problems
from .people import birthday, is_young_person


class CaseKind(Enum):
    """The two services (DOMAIN.md section 2)."""

    MEDIATION = "mediation"  # CFA 2014 ss52-56; SEND Regulations 2014 regs 32-42
    DISAGREEMENT_RESOLUTION = "disagreement_resolution"  # CFA 2014 s57

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def short_label(self) -> str:
        """For narrow columns: 'Mediation' or 'Disagreement res.'."""
        return "Mediation" if self is CaseKind.MEDIATION else "Disagreement res."


_KIND_LABELS = {
    CaseKind.MEDIATION: "Mediation",
    CaseKind.DISAGREEMENT_RESOLUTION: "Disagreement resolution",
}


class CaseStatus(Enum):
    """Where a case stands, from the first call to closure (DOMAIN.md section 4)."""

    ENQUIRY = "enquiry"
    ADVICE_GIVEN = "advice_given"
    DECLINED = "declined"
    REQUESTED = "requested"
    ARRANGED = "arranged"
    HELD = "held"
    CONCLUDED = "concluded"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self is not CaseStatus.CLOSED


_STATUS_LABELS = {
    CaseStatus.ENQUIRY: "Enquiry",
    CaseStatus.ADVICE_GIVEN: "Information and advice given",
    CaseStatus.DECLINED: "Mediation declined",
    CaseStatus.REQUESTED: "Meeting requested",
    CaseStatus.ARRANGED: "Meeting arranged",
    CaseStatus.HELD: "Meeting held",
    CaseStatus.CONCLUDED: "Concluded",
    CaseStatus.CLOSED: "Closed",
}


class DecisionKind(Enum):
    """LA decisions that can be mediated and appealed: CFA 2014 s51(2) (DOMAIN.md section 3),
    plus health and social care elements (s53) and, for disagreement resolution, anything else."""

    NOT_TO_ASSESS = "not_to_assess"
    NOT_TO_ISSUE_PLAN = "not_to_issue_plan"
    PLAN_CONTENTS = "plan_contents"
    AMENDED_PLAN_CONTENTS = "amended_plan_contents"
    NOT_TO_REASSESS = "not_to_reassess"
    NOT_TO_AMEND = "not_to_amend"
    CEASE_TO_MAINTAIN = "cease_to_maintain"
    HEALTH_SOCIAL_CARE = "health_social_care"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]

    @property
    def is_about_plan_contents(self) -> bool:
        return self in (DecisionKind.PLAN_CONTENTS, DecisionKind.AMENDED_PLAN_CONTENTS)


_DECISION_LABELS = {
    DecisionKind.NOT_TO_ASSESS: "Not to carry out an EHC needs assessment",
    DecisionKind.NOT_TO_ISSUE_PLAN: "Not to issue an EHC plan after assessment",
    DecisionKind.PLAN_CONTENTS: "Contents of a newly finalised EHC plan",
    DecisionKind.AMENDED_PLAN_CONTENTS: "Contents of an amended EHC plan",
    DecisionKind.NOT_TO_REASSESS: "Not to carry out a reassessment",
    DecisionKind.NOT_TO_AMEND: "Not to amend the plan after a review or reassessment",
    DecisionKind.CEASE_TO_MAINTAIN: "To cease to maintain the EHC plan",
    DecisionKind.HEALTH_SOCIAL_CARE: "Health or social care provision in the plan",
    DecisionKind.OTHER: "Another disagreement about special educational provision",
}

_MEDIATION_DECISIONS = frozenset(DecisionKind) - {DecisionKind.OTHER}

REFERENCE_PATTERN = re.compile(r"^MD-(\d{4})-(\d{4,})$")


def format_reference(year: int, number: int) -> str:
    """Case references read like 'MD-2026-0001': the year the case was opened and a serial."""
    return f"MD-{year:04d}-{number:04d}"


def parse_reference(reference: str) -> tuple[int, int]:
    """The (year, serial) of a reference; ValueError if it is not one of ours."""
    match = REFERENCE_PATTERN.match(reference.strip().upper())
    if not match:
        raise ValueError(f"'{reference}' is not a case reference like MD-2026-0001")
    return int(match.group(1)), int(match.group(2))


class Severity(Enum):
    ERROR = "error"  # the case cannot be created like this
    WARNING = "warning"  # allowed, but the mediator should look again


@dataclass(frozen=True)
class Problem:
    """One plain-English finding about a case, tied to the field that fixes it."""

    field: str
    message: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Case:
    """A case as the mediator records it. Dates are dates (no times); text is kept as typed."""

    kind: CaseKind
    child_name: str
    id: int | None = None
    reference: str = ""
    status: CaseStatus = CaseStatus.ENQUIRY
    child_known_as: str = ""
    child_dob: dt.date | None = None
    young_person_stated: bool = False  # used only while the date of birth is unknown
    parents: tuple[ParentCarer, ...] = ()  # in the order the mediator lists them
    local_authority: str = ""
    decision_kind: DecisionKind | None = None
    decision_date: dt.date | None = None
    section_i_only: bool = False
    meeting_date: dt.date | None = None
    notes: str = ""
    # The dates that start and stop the statutory clocks (domain/timeline.py).
    adviser_contacted: dt.date | None = None
    declined_on: dt.date | None = None
    la_informed: dt.date | None = None
    health_issues: bool = False
    health_only: bool = False
    icb_notified: dt.date | None = None
    la_cannot_arrange: dt.date | None = None
    notice_sent: dt.date | None = None
    concluded_on: dt.date | None = None
    certificate_issued: dt.date | None = None
    agreement_date: dt.date | None = None
    statement_circulated: dt.date | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    closed_on: dt.date | None = None  # set by the store when the status becomes Closed

    def with_changes(self, **changes: object) -> Case:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def health_mediated(self) -> bool:
        """Health care provision is among the mediation issues (alone or with others): the ICB
        is then a party to the mediation (SEND Regulations 2014 reg 42(3))."""
        return self.health_issues or self.health_only

    def is_young_person(self, on: dt.date) -> bool:
        """From the date of birth when known (CFA 2014 s83(2)); otherwise as the mediator stated."""
        if self.child_dob is not None:
            return is_young_person(self.child_dob, on)
        return self.young_person_stated

    @property
    def display_name(self) -> str:
        """The name used on screen: the name the child is known by, where given."""
        return shown_name(self.child_name, self.child_known_as)


def shown_name(child_name: str, known_as: str) -> str:
    """A child's name as shown on screen: with the name they are known by, where given and
    not already part of it."""
    name = child_name.strip()
    known = known_as.strip()
    if known and known.casefold() not in name.casefold().split():
        return f"{name} ({known})" if name else known
    return name


# Fields a mediator may edit after creation; anything else is managed by the store.
EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "status",
        "child_name",
        "child_known_as",
        "child_dob",
        "young_person_stated",
        "parents",
        "local_authority",
        "decision_kind",
        "decision_date",
        "section_i_only",
        "meeting_date",
        "notes",
        "adviser_contacted",
        "declined_on",
        "la_informed",
        "health_issues",
        "health_only",
        "icb_notified",
        "la_cannot_arrange",
        "notice_sent",
        "concluded_on",
        "certificate_issued",
        "agreement_date",
        "statement_circulated",
    }
)
# Dates of things that have happened: none may be in the future.
EVENT_DATE_FIELDS = (
    "adviser_contacted",
    "declined_on",
    "la_informed",
    "icb_notified",
    "la_cannot_arrange",
    "notice_sent",
    "concluded_on",
    "certificate_issued",
    "agreement_date",
    "statement_circulated",
)
DATE_FIELDS = frozenset({"child_dob", "decision_date", "meeting_date", *EVENT_DATE_FIELDS})
BOOL_FIELDS = frozenset({"young_person_stated", "section_i_only", "health_issues", "health_only"})

MAX_TEXT = {"child_name": 200, "child_known_as": 100, "local_authority": 200}
MAX_NOTES = 200_000


@dataclass(frozen=True)
class CaseChecks:
    """Everything found about a case; `errors` block creation, `warnings` are advice."""

    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_field(self, name: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.field == name)


def check_case(case: Case, today: dt.date) -> CaseChecks:
    """Check a case and say, in plain English, what is wrong and how to put it right."""
    problems: list[Problem] = []
    add = problems.append
    if not case.child_name.strip():
        add(Problem("child_name", "Enter the name of the child or young person."))
    for name, limit in MAX_TEXT.items():
        if len(getattr(case, name)) > limit:
            add(Problem(name, f"This is longer than {limit} characters; please shorten it."))
    if len(case.notes) > MAX_NOTES:
        add(Problem("notes", f"Notes are limited to {MAX_NOTES:,} characters."))
    for message in parents_problems(case.parents):
        add(Problem("parents", message))

    if case.child_dob is not None:
        if case.child_dob > today:
            add(Problem("child_dob", "The date of birth is in the future."))
        elif today >= birthday(case.child_dob, 25):
            add(
                Problem(
                    "child_dob",
                    "This person is 25 or over. EHC plans and SEND mediation cover people "
                    "up to 25 (Children and Families Act 2014 s83(2)); check the date of birth.",
                    Severity.WARNING,
                )
            )

    if case.kind is CaseKind.MEDIATION:
        if not case.local_authority.strip():
            add(
                Problem(
                    "local_authority",
                    "Enter the local authority whose decision is in dispute; it must take "
                    "part in mediation.",
                )
            )
        if case.decision_kind is None:
            add(Problem("decision_kind", "Choose the local authority decision in dispute."))
        elif case.decision_kind not in _MEDIATION_DECISIONS:
            add(
                Problem(
                    "decision_kind",
                    "Mediation covers the decisions listed in the Children and Families Act "
                    "2014 s51(2) and health or social care provision; use disagreement "
                    "resolution for other disagreements.",
                )
            )
    elif case.status is CaseStatus.DECLINED:
        add(
            Problem(
                "status",
                "'Mediation declined' applies only to mediation cases: disagreement "
                "resolution has no certificate.",
            )
        )

    if case.decision_date is not None:
        if case.decision_date > today:
            add(Problem("decision_date", "The decision notice date is in the future."))
        if case.child_dob is not None and case.decision_date < case.child_dob:
            add(
                Problem(
                    "decision_date",
                    "The decision notice date is before the child's date of birth.",
                )
            )
    elif case.kind is CaseKind.MEDIATION:
        add(
            Problem(
                "decision_date",
                "Enter the date the decision notice was sent: the appeal and mediation "
                "clocks run from it.",
                Severity.WARNING,
            )
        )

    if case.section_i_only and not (
        case.decision_kind is not None and case.decision_kind.is_about_plan_contents
    ):
        add(
            Problem(
                "section_i_only",
                "'Section I only' applies only to a dispute about the contents of a plan.",
            )
        )

    if (
        case.meeting_date is not None
        and case.decision_date is not None
        and case.meeting_date < case.decision_date
    ):
        add(Problem("meeting_date", "The meeting date is before the decision notice date."))

    for name in EVENT_DATE_FIELDS:
        day = getattr(case, name)
        if day is None:
            continue
        later = future_event(name, day, today)
        if later:
            add(Problem(name, later))
        elif case.decision_date is not None and day < case.decision_date:
            add(
                Problem(
                    name,
                    f"The date '{_EVENT_LABELS[name]}' is before the decision notice was sent.",
                    Severity.WARNING,
                )
            )
    if case.health_only and not case.health_issues:
        add(Problem("health_only", "Health-only mediation needs 'health issues' ticked too."))
    return CaseChecks(tuple(problems))


def future_event(name: str, day: dt.date | None, today: dt.date) -> str | None:
    """Why the date something happened cannot be after today (a typing mistake), in the
    same words wherever the date is entered; None when it is not in the future."""
    if day is None or day <= today:
        return None
    return f"The date '{_EVENT_LABELS[name]}' is in the future."


_EVENT_LABELS = {
    "adviser_contacted": "adviser contacted",
    "declined_on": "mediation declined",
    "la_informed": "LA informed",
    "icb_notified": "ICB notified",
    "la_cannot_arrange": "LA cannot arrange",
    "notice_sent": "meeting details sent",
    "concluded_on": "mediation concluded",
    "certificate_issued": "certificate issued",
    "agreement_date": "agreement reached",
    "statement_circulated": "statement circulated",
}
