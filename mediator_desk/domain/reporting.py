"""Service reporting: what happened across the casebook in a period, for the local authorities
that commission the service. Pure rules over anonymous facts: a ReportCase holds no name, date
of birth or free text, so nothing personal can reach a report.

Each figure counts events dated in the period (docs/reporting.md):
- enquiries and the decisions in dispute: cases opened in the period (the day the family first
  contacted the service, or the case was entered if that was earlier);
- certificates: certificates issued in the period, on time if issued within 3 working days
  (the 3-working-day certificate clocks as the case timeline applies them: SEND Regulations
  2014 reg 34 for mediation not pursued; see domain/timeline.py for the others);
- meetings and everything about them (timeliness against the 30-day limit, outcomes, the
  statement, the child's views and attendance): meetings held in the period.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .calendar import WorkingCalendar
from .case import Case, CaseKind, CaseStatus, DecisionKind
from .dates import month_and_year
from .preparation import Attendee, ChildPart, ChildViews, Role, ViewMethod
from .statement import Issue, Outcome
from .timeline import (
    certificate_concluded_due,
    certificate_declined_due,
    certificate_not_arranged_due,
    mediation_by,
    mediation_by_health_only,
    statement_circulate_by,
)

HELD_STATUSES = frozenset({CaseStatus.HELD, CaseStatus.CONCLUDED, CaseStatus.CLOSED})


class CertificateKind:
    NOT_PURSUED = "Mediation not pursued"
    CHANGED_MIND = "Requested, then not pursued"
    NOT_ARRANGED = "Not arranged within 30 days"
    CONCLUDED = "Mediation concluded"
    UNKNOWN = "Kind not recorded"
    ALL = (NOT_PURSUED, CHANGED_MIND, NOT_ARRANGED, CONCLUDED, UNKNOWN)


@dataclass(frozen=True)
class ReportCase:
    """What the statistics may know about one case: kinds, dates and tallies, never a name,
    a date of birth or anything typed as free text."""

    kind: CaseKind
    local_authority: str
    status: CaseStatus
    opened_on: dt.date
    decision_kind: DecisionKind | None = None
    la_informed: dt.date | None = None
    health_only: bool = False
    icb_notified: dt.date | None = None
    declined_on: dt.date | None = None
    la_cannot_arrange: dt.date | None = None
    meeting_date: dt.date | None = None
    concluded_on: dt.date | None = None
    certificate_issued: dt.date | None = None
    statement_circulated: dt.date | None = None
    outcomes: tuple[Outcome | None, ...] = ()
    views_captured: bool = False
    no_views_reason: bool = False
    view_methods: frozenset[ViewMethod] = frozenset()
    child_part: ChildPart | None = None

    @classmethod
    def from_case(
        cls,
        case: Case,
        issues: Sequence[Issue] = (),
        views: ChildViews | None = None,
        attendees: Sequence[Attendee] = (),
    ) -> ReportCase:
        # The enquiry: when the family first contacted the service, or when the case was
        # entered, whichever was first (cases are often entered after the first call).
        known = [d for d in (case.adviser_contacted, _day(case.created_at)) if d is not None]
        opened = min(known) if known else case.decision_date
        child = next(
            (a for a in attendees if a.role in (Role.CHILD, Role.YOUNG_PERSON) and a.child_part),
            None,
        )
        part = child.child_part if child else (views.will_attend if views else None)
        return cls(
            kind=case.kind,
            local_authority=" ".join(case.local_authority.split()),
            status=case.status,
            opened_on=opened or dt.date.min,
            decision_kind=case.decision_kind,
            la_informed=case.la_informed,
            health_only=case.health_only,
            icb_notified=case.icb_notified,
            declined_on=case.declined_on,
            la_cannot_arrange=case.la_cannot_arrange,
            meeting_date=case.meeting_date,
            concluded_on=case.concluded_on,
            certificate_issued=case.certificate_issued,
            statement_circulated=case.statement_circulated,
            outcomes=tuple(i.outcome for i in issues),
            views_captured=bool(views and views.has_views),
            no_views_reason=bool(views and views.no_views_reason.strip()),
            view_methods=views.methods if views else frozenset(),
            child_part=part,
        )

    def meeting_held(self, start: dt.date, end: dt.date, as_of: dt.date) -> bool:
        return (
            self.meeting_date is not None
            and start <= self.meeting_date <= end
            and self.meeting_date <= as_of
            and self.status in HELD_STATUSES
        )


def same_authority(name: str) -> str:
    """A local authority's name as compared: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ReportFilter:
    start: dt.date
    end: dt.date
    local_authority: str = ""  # empty: every local authority
    kind: CaseKind | None = None  # None: both kinds

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("The end of the period is before its start.")

    def admits(self, case: ReportCase) -> bool:
        if self.kind is not None and case.kind is not self.kind:
            return False
        wanted = same_authority(self.local_authority)
        return not wanted or same_authority(case.local_authority) == wanted

    def describe(self) -> str:
        parts = [f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"]
        parts.append(self.local_authority or "all local authorities")
        parts.append(self.kind.label if self.kind else "mediation and disagreement resolution")
        return ", ".join(parts)


@dataclass(frozen=True)
class Figure:
    """One line of a table: a count and what it is a share of; or, for a measure such as a
    median, its value and how many cases it was measured over (`count`)."""

    label: str
    count: int
    of: int | None = None
    value: float | None = None

    @property
    def share(self) -> float | None:
        if self.value is not None or not self.of:
            return None
        return self.count / self.of


@dataclass(frozen=True)
class Section:
    """A table: its parts (`figures`) add up to `total` unless a case can be in several (the
    ways views were gathered); a measure section holds values instead."""

    key: str
    title: str
    figures: tuple[Figure, ...]
    note: str = ""  # what is counted, and the rule behind it
    total: int | None = None
    total_label: str = ""
    measure: bool = False
    parts_add_up: bool = True


@dataclass(frozen=True)
class Month:
    first_day: dt.date
    enquiries: int
    meetings: int

    @property
    def label(self) -> str:
        return month_and_year(self.first_day)


@dataclass(frozen=True)
class AuthorityRow:
    local_authority: str
    enquiries: int
    meetings: int
    certificates: int
    agreed_cases: int


@dataclass(frozen=True)
class ServiceReport:
    filter: ReportFilter
    as_of: dt.date
    sections: tuple[Section, ...]
    months: tuple[Month, ...]
    authorities: tuple[AuthorityRow, ...]
    cases_considered: int = 0
    local_authorities: tuple[str, ...] = field(default=())  # every one in the case file

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def figure(self, key: str, label: str) -> Figure:
        return next(f for f in self.section(key).figures if f.label == label)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.date() if moment is not None else None


# -- the statistics ---------------------------------------------------------------------------
def build_report(
    cases: Iterable[ReportCase],
    chosen: ReportFilter,
    calendar: WorkingCalendar,
    as_of: dt.date,
) -> ServiceReport:
    every = list(cases)
    authorities = authority_names(c.local_authority for c in every if c.local_authority)
    admitted = [c for c in every if chosen.admits(c)]
    start, end = chosen.start, chosen.end
    opened = [c for c in admitted if start <= c.opened_on <= end]
    certified = [  # certificates belong to mediation (CFA 2014 s55); none dated after as_of
        c
        for c in admitted
        if c.kind is CaseKind.MEDIATION
        and c.certificate_issued
        and start <= c.certificate_issued <= min(end, as_of)
    ]
    held = [c for c in admitted if c.meeting_held(start, end, as_of)]
    sections = (
        _enquiries(opened),
        _decisions(opened),
        _certificates(certified),
        _certificate_timeliness(certified, calendar),
        _meeting_timeliness(held, calendar),
        _issue_outcomes(held),
        _case_outcomes(held),
        _statements(held, calendar, as_of),
        _time_to_meeting(held),
        _views(held),
        _view_methods(held),
        _attendance(held),
    )
    return ServiceReport(
        filter=chosen,
        as_of=as_of,
        sections=sections,
        months=_months(opened, held, start, end),
        authorities=_by_authority(opened, certified, held),
        cases_considered=len(admitted),
        local_authorities=tuple(authorities),
    )


def _tallied(
    key: str,
    title: str,
    labels: Sequence[str],
    found: Iterable[str],
    total: int,
    note: str,
    total_label: str,
    parts_add_up: bool = True,
) -> Section:
    """A section counting how often each of `labels` is `found`, out of `total`."""
    tally = Counter(found)
    figures = tuple(Figure(label, tally.get(label, 0), total) for label in labels)
    return Section(key, title, figures, note, total, total_label, parts_add_up=parts_add_up)


def _enquiries(opened: list[ReportCase]) -> Section:
    return _tallied(
        "enquiries",
        "Enquiries",
        [k.label for k in CaseKind],
        (c.kind.label for c in opened),
        len(opened),
        "Cases opened in the period, by the kind of help asked for (mediation: Children and "
        "Families Act 2014 ss52-56; disagreement resolution: s57).",
        "All enquiries",
    )


def _decisions(opened: list[ReportCase]) -> Section:
    return _tallied(
        "decisions",
        "Decisions in dispute",
        [d.label for d in DecisionKind] + ["Not recorded"],
        (c.decision_kind.label if c.decision_kind else "Not recorded" for c in opened),
        len(opened),
        "The local authority decision each case opened in the period is about.",
        "Cases opened",
    )


def certificate_kind(case: ReportCase) -> str:
    """Which certificate a case's recorded dates call for (Children and Families Act 2014
    s55(4) and (5); DOMAIN.md section 6 lists the four kinds)."""
    if case.concluded_on is not None:
        return CertificateKind.CONCLUDED
    if case.la_cannot_arrange is not None:
        return CertificateKind.NOT_ARRANGED
    if case.declined_on is not None:
        return CertificateKind.CHANGED_MIND if case.la_informed else CertificateKind.NOT_PURSUED
    return CertificateKind.UNKNOWN


def certificate_due(case: ReportCase, calendar: WorkingCalendar) -> dt.date | None:
    """The last day the certificate was due: 3 working days after the event that calls for it,
    as the case's timeline counts it."""
    if case.concluded_on is not None:
        return certificate_concluded_due(case.concluded_on, calendar).due
    if case.la_cannot_arrange is not None:
        return certificate_not_arranged_due(case.la_cannot_arrange, calendar).due
    if case.declined_on is not None:
        return certificate_declined_due(case.declined_on, calendar).due
    return None


def _certificates(certified: list[ReportCase]) -> Section:
    return _tallied(
        "certificates",
        "Certificates issued",
        CertificateKind.ALL,
        (certificate_kind(c) for c in certified),
        len(certified),
        "Mediation certificates issued in the period, by kind (Children and Families Act 2014 "
        "s55(4) and (5)).",
        "All certificates",
    )


ON_TIME = "Within 3 working days"
LATE = "Later"
NOT_KNOWN = "Cannot tell (date not recorded)"


def _certificate_timing(case: ReportCase, calendar: WorkingCalendar) -> str:
    due = certificate_due(case, calendar)
    if due is None or case.certificate_issued is None:
        return NOT_KNOWN
    return ON_TIME if case.certificate_issued <= due else LATE


def _certificate_timeliness(certified: list[ReportCase], calendar: WorkingCalendar) -> Section:
    return _tallied(
        "certificate_timeliness",
        "Certificates issued within 3 working days",
        [ON_TIME, LATE, NOT_KNOWN],
        (_certificate_timing(c, calendar) for c in certified),
        len(certified),
        "Against 3 working days from the family declining, the local authority saying it cannot "
        "arrange mediation in 30 days, or mediation concluding.",
        "Certificates issued",
    )


WITHIN_30 = "Within 30 days of the LA being informed"
AFTER_30 = "More than 30 days after"
NO_LIMIT = "Disagreement resolution (no statutory limit)"


def _meeting_deadline(case: ReportCase, calendar: WorkingCalendar) -> dt.date | None:
    if case.kind is not CaseKind.MEDIATION:
        return None
    if case.health_only:  # counted from the ICB being told (None: cannot tell)
        if case.icb_notified is None:
            return None
        return mediation_by_health_only(case.icb_notified, calendar).due
    if case.la_informed is not None:
        return mediation_by(case.la_informed, calendar).due
    return None


def _meeting_timing(case: ReportCase, calendar: WorkingCalendar) -> str:
    if case.kind is not CaseKind.MEDIATION:
        return NO_LIMIT
    due = _meeting_deadline(case, calendar)
    if due is None or case.meeting_date is None:
        return NOT_KNOWN
    return WITHIN_30 if case.meeting_date <= due else AFTER_30


def _meeting_timeliness(held: list[ReportCase], calendar: WorkingCalendar) -> Section:
    return _tallied(
        "meetings",
        "Meetings held",
        [WITHIN_30, AFTER_30, NOT_KNOWN, NO_LIMIT],
        (_meeting_timing(c, calendar) for c in held),
        len(held),
        "Meetings held in the period. Mediation must take place within 30 days of the local "
        "authority being told the family wants it (of the ICB, for health care only).",
        "All meetings held",
    )


def _issue_outcomes(held: list[ReportCase]) -> Section:
    outcomes = [o for c in held for o in c.outcomes]
    return _tallied(
        "issue_outcomes",
        "Outcomes by issue",
        [o.label for o in Outcome] + ["Not recorded"],
        (o.label if o else "Not recorded" for o in outcomes),
        len(outcomes),
        "Each issue in dispute at the meetings held in the period.",
        "Issues discussed",
    )


AGREED_ALL = "All issues agreed"
AGREED_SOME = "Some issues agreed"
AGREED_NONE = "No issue agreed"
NO_OUTCOME = "Not recorded"


def case_outcome(case: ReportCase) -> str:
    """A case's outcome from its issues: all agreed only when every issue was; partly agreed
    issues count towards 'some'; an issue with no outcome recorded is not counted as agreed."""
    known = [o for o in case.outcomes if o is not None]
    if not known:
        return NO_OUTCOME
    if len(known) == len(case.outcomes) and all(o is Outcome.AGREED for o in known):
        return AGREED_ALL
    if any(o in (Outcome.AGREED, Outcome.PARTLY_AGREED) for o in known):
        return AGREED_SOME
    return AGREED_NONE


def _case_outcomes(held: list[ReportCase]) -> Section:
    return _tallied(
        "case_outcomes",
        "Outcomes by case",
        [AGREED_ALL, AGREED_SOME, AGREED_NONE, NO_OUTCOME],
        (case_outcome(c) for c in held),
        len(held),
        "Each meeting held in the period, from the outcomes of its issues.",
        "Meetings held",
    )


NOT_YET = "Not circulated yet"


def _statement_timing(case: ReportCase, calendar: WorkingCalendar, as_of: dt.date) -> str:
    assert case.meeting_date is not None
    due = statement_circulate_by(case.meeting_date, calendar).due
    sent = case.statement_circulated
    if sent is None:
        return NOT_YET if as_of <= due else LATE
    return ON_TIME if sent <= due else LATE


def _statements(held: list[ReportCase], calendar: WorkingCalendar, as_of: dt.date) -> Section:
    return _tallied(
        "statements",
        "Outcome statements circulated",
        [ON_TIME, LATE, NOT_YET],
        (_statement_timing(c, calendar, as_of) for c in held),
        len(held),
        "For each meeting held in the period: the outcome statement sent to everyone who "
        "attended within 3 working days (the service standard). Not sent and past the 3 days "
        "counts as later.",
        "Meetings held",
    )


def _time_to_meeting(held: list[ReportCase]) -> Section:
    days = [(c.meeting_date - c.opened_on).days for c in held if c.meeting_date]
    days = [d for d in days if d >= 0]
    informed = [
        (c.meeting_date - c.la_informed).days
        for c in held
        if c.meeting_date and c.la_informed and c.meeting_date >= c.la_informed
    ]
    return Section(
        "time_to_meeting",
        "Time to the meeting (median days)",
        (
            Figure("From enquiry to meeting", len(days), value=_median(days)),
            Figure("From the LA being informed to meeting", len(informed), value=_median(informed)),
        ),
        "Calendar days, the middle value over the meetings held in the period.",
        measure=True,
        parts_add_up=False,
    )


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


VIEWS_CAPTURED = "Views recorded"
VIEWS_REASON = "Not gathered, with the reason recorded"
VIEWS_MISSING = "Not recorded"


def _views(held: list[ReportCase]) -> Section:
    return _tallied(
        "views",
        "The child's or young person's views",
        [VIEWS_CAPTURED, VIEWS_REASON, VIEWS_MISSING],
        (
            VIEWS_CAPTURED if c.views_captured else VIEWS_REASON if c.no_views_reason
            else VIEWS_MISSING
            for c in held
        ),
        len(held),
        "For each meeting held: whether the views of the child or young person were gathered "
        "(Children and Families Act 2014 s56(1)(e): where a parent is the party, the mediator "
        "takes reasonable steps to find out the child's views).",
        "Meetings held",
    )  # fmt: skip


def _view_methods(held: list[ReportCase]) -> Section:
    with_views = [c for c in held if c.views_captured]
    return _tallied(
        "view_methods",
        "How the views were gathered",
        [m.label for m in ViewMethod],
        (m.label for c in with_views for m in c.view_methods),
        len(with_views),
        "Cases with views recorded; a case may have used more than one way.",
        "Cases with views recorded",
        parts_add_up=False,
    )


def _attendance(held: list[ReportCase]) -> Section:
    return _tallied(
        "attendance",
        "The child's or young person's attendance",
        [p.label for p in (ChildPart.ALL, ChildPart.PART, ChildPart.NONE)] + ["Not recorded"],
        (c.child_part.label if c.child_part else "Not recorded" for c in held),
        len(held),
        "How much of each meeting held in the period the child or young person attended.",
        "Meetings held",
    )


def _months(
    opened: list[ReportCase], held: list[ReportCase], start: dt.date, end: dt.date
) -> tuple[Month, ...]:
    enquiries = Counter(c.opened_on.replace(day=1) for c in opened)
    meetings = Counter(c.meeting_date.replace(day=1) for c in held if c.meeting_date)
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(Month(month, enquiries.get(month, 0), meetings.get(month, 0)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return tuple(months)


def authority_names(names: Iterable[str]) -> list[str]:
    """One name for each local authority, however its cases spell it: the most usual spelling
    (the first, on a tie), in alphabetical order."""
    seen: dict[str, Counter[str]] = {}
    for name in names:
        seen.setdefault(same_authority(name), Counter())[name] += 1
    return sorted((tally.most_common(1)[0][0] for tally in seen.values()), key=str.casefold)


def _by_authority(
    opened: list[ReportCase], certified: list[ReportCase], held: list[ReportCase]
) -> tuple[AuthorityRow, ...]:
    every = [*opened, *certified, *held]
    shown = {same_authority(n): n for n in authority_names(c.local_authority for c in every)}

    def name(case: ReportCase) -> str:
        return shown.get(same_authority(case.local_authority), "") or "Not recorded"

    names = sorted({name(c) for c in every}, key=str.casefold)
    return tuple(
        AuthorityRow(
            la,
            sum(1 for c in opened if name(c) == la),
            sum(1 for c in held if name(c) == la),
            sum(1 for c in certified if name(c) == la),
            sum(1 for c in held if name(c) == la and case_outcome(c) == AGREED_ALL),
        )
        for la in names
    )
