"""A service report as every export shows it: the small-count rules applied once, here, so the
CSV, the JSON and the PDF can never disagree about what is hidden.

- A count from 1 to 4 is shown as "<5" (0 stays 0: it reveals no one).
- In a table whose parts add up to a total that is shown, larger counts are hidden too, shown
  as "[c]", until no "<5" can be worked out by subtraction; where even that is not enough the
  total is hidden (domain.suppression.suppress).
  The columns of the month and local authority tables add up to totals published in the
  sections (enquiries, meetings held, certificates, cases with all issues agreed), so each of
  those columns is treated as such a table too.
- A share (percentage) is shown only when its count and what it is a share of are both shown.
- A median measured over fewer than 5 cases is not shown; how many cases it was measured over
  is shown like any other count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.dates import month_and_year, plain_date
from ..domain.reporting import AGREED_ALL, Section, ServiceReport
from ..domain.suppression import (
    CONCEALED,
    SMALL_COUNT,
    SUPPRESSED,
    shown_counts,
    shown_total,
    suppress,
)

SUPPRESSION_NOTE = (
    "So that no child or family can be identified, counts from 1 to 4 are shown as <5, and "
    "where a total would let one be worked out, a larger count is hidden too, shown as [c]. "
    "Percentages of hidden counts are not shown, nor medians worked out from fewer than 5 "
    "cases."
)
AUTHORITY_COLUMNS = (
    ("enquiries", "Enquiries"),
    ("meetings", "Meetings held"),
    ("certificates", "Certificates issued"),
    ("agreed_cases", "Cases with all issues agreed"),
)


@dataclass(frozen=True)
class ShownFigure:
    label: str
    count: str  # "0", "<5" or the count; for a measure, how many cases it was measured over
    share: float | None = None  # 0 to 1; None when not shown (or not a share)
    value: float | None = None  # a measure's value (median days); None when not shown

    @property
    def hidden(self) -> bool:
        return self.count in (SUPPRESSED, CONCEALED)


@dataclass(frozen=True)
class ShownSection:
    key: str
    title: str
    note: str
    figures: tuple[ShownFigure, ...]
    total: str | None  # None for a measure section
    total_label: str
    measure: bool
    parts_add_up: bool


@dataclass(frozen=True)
class ShownMonth:
    first_day: dt.date
    enquiries: str
    meetings: str

    @property
    def label(self) -> str:
        """'Jan 2026', the same in every language setting."""
        return month_and_year(self.first_day)


@dataclass(frozen=True)
class ShownAuthority:
    local_authority: str
    enquiries: str
    meetings: str
    certificates: str
    agreed_cases: str


@dataclass(frozen=True)
class ShownReport:
    start: dt.date
    end: dt.date
    local_authority: str  # "" for every local authority
    kind: str  # a CaseKind value, or "" for both kinds
    kind_label: str  # "Mediation", or "Mediation and disagreement resolution"
    as_of: dt.date
    sections: tuple[ShownSection, ...]
    months: tuple[ShownMonth, ...]
    authorities: tuple[ShownAuthority, ...]
    note: str = SUPPRESSION_NOTE

    def section(self, key: str) -> ShownSection:
        return next(s for s in self.sections if s.key == key)


def is_count(text: str) -> bool:
    return text.isdigit()


def shown_report(report: ServiceReport) -> ShownReport:
    chosen = report.filter
    sections = tuple(_section(s) for s in report.sections)
    published = {s.key: s.total or 0 for s in report.sections}
    months = report.months
    enquiries = _column([m.enquiries for m in months], published["enquiries"])
    meetings = _column([m.meetings for m in months], published["meetings"])
    agreed = report.figure("case_outcomes", AGREED_ALL).count
    totals = {
        "enquiries": published["enquiries"],
        "meetings": published["meetings"],
        "certificates": published["certificates"],
        "agreed_cases": agreed,
    }
    columns = {
        name: _column([getattr(row, name) for row in report.authorities], totals[name])
        for name, _ in AUTHORITY_COLUMNS
    }
    return ShownReport(
        start=chosen.start,
        end=chosen.end,
        local_authority=chosen.local_authority.strip(),
        kind=chosen.kind.value if chosen.kind else "",
        kind_label=chosen.kind.label if chosen.kind else "Mediation and disagreement resolution",
        as_of=report.as_of,
        sections=sections,
        months=tuple(
            ShownMonth(m.first_day, e, n)
            for m, e, n in zip(months, enquiries, meetings, strict=True)
        ),
        authorities=tuple(
            ShownAuthority(
                row.local_authority, *(columns[name][i] for name, _ in AUTHORITY_COLUMNS)
            )
            for i, row in enumerate(report.authorities)
        ),
    )


def _column(counts: Sequence[int], total: int) -> list[str]:
    """A column whose counts add up to a total published elsewhere in the report."""
    return shown_counts(counts, total) if counts else []


def _section(section: Section) -> ShownSection:
    if section.measure:
        figures = tuple(
            ShownFigure(
                f.label,
                shown_total(f.count),
                value=f.value if f.count >= SMALL_COUNT else None,
            )
            for f in section.figures
        )
        return ShownSection(
            section.key,
            section.title,
            section.note,
            figures,
            None,
            section.total_label,
            True,
            section.parts_add_up,
        )
    total = section.total if section.total is not None else sum(f.count for f in section.figures)
    counts, total_hidden = suppress(
        [f.count for f in section.figures], total if section.parts_add_up else None
    )
    shown = []
    for figure, text in zip(section.figures, counts, strict=True):
        of_shown = figure.of is not None and not total_hidden and is_count(shown_total(figure.of))
        share = figure.share if is_count(text) and of_shown else None
        shown.append(ShownFigure(figure.label, text, share))
    return ShownSection(
        section.key,
        section.title,
        section.note,
        tuple(shown),
        CONCEALED if total_hidden else shown_total(total),
        section.total_label,
        False,
        section.parts_add_up,
    )


def nice_step(top: float) -> int:
    """A chart's gridline step: 1, 2 or 5 times a power of ten, about five steps up to `top`."""
    rough = max(top / 5, 1)
    power = 1
    while power * 10 <= rough:
        power *= 10
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def percent(share: float | None) -> str:
    """'35%' for the PDF; '' when not shown. Rounded half up, as people expect."""
    if share is None:
        return ""
    return f"{int(share * 100 + 0.5)}%"


def share_percent(share: float | None) -> float | None:
    """One decimal place, for spreadsheets and machines."""
    return None if share is None else round(share * 100, 1)


def days(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def period_words(report: ShownReport) -> str:
    return f"{plain_date(report.start)} to {plain_date(report.end)}"


def authority_words(report: ShownReport) -> str:
    return report.local_authority or "All local authorities"
