"""The service report's own words, and the edges of its tables (domain/reporting.py). The
report goes to the local authorities that commission the service: each table's title, what it
counts and the law it cites are part of what they read, so they are checked word for word, and
against the table in docs/reporting.md that describes them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.reporting import (
    ReportCase,
    ReportFilter,
    authority_names,
    same_authority,
)
from tests.conftest import make_case
from tests.unit.test_reporting import (
    DEC_01,
    DEC_04,
    EASTWOLD,
    NOV_03,
    NOV_05,
    NOV_09,
    NOV_10,
    OCT_05,
    A,
    case,
    report,
)

D = dt.date
DOCS = Path(__file__).resolve().parents[2] / "docs" / "reporting.md"

# key, title, what the parts add up to, a measure?, do the parts add up?, what is counted
WORDS = [
    ("enquiries", "Enquiries", "All enquiries", False, True,
     "Cases opened in the period, by the kind of help asked for (mediation: Children and "
     "Families Act 2014 ss52-56; disagreement resolution: s57)."),
    ("decisions", "Decisions in dispute", "Cases opened", False, True,
     "The local authority decision each case opened in the period is about."),
    ("certificates", "Certificates issued", "All certificates", False, True,
     "Mediation certificates issued in the period, by kind (Children and Families Act 2014 "
     "s55(4) and (5))."),
    ("certificate_timeliness", "Certificates issued within 3 working days",
     "Certificates issued", False, True,
     "Against 3 working days from the family declining, the local authority saying it cannot "
     "arrange mediation in 30 days, or mediation concluding."),
    ("meetings", "Meetings held", "All meetings held", False, True,
     "Meetings held in the period. Mediation must take place within 30 days of the local "
     "authority being told the family wants it (of the ICB, for health care only)."),
    ("issue_outcomes", "Outcomes by issue", "Issues discussed", False, True,
     "Each issue in dispute at the meetings held in the period."),
    ("case_outcomes", "Outcomes by case", "Meetings held", False, True,
     "Each meeting held in the period, from the outcomes of its issues."),
    ("statements", "Outcome statements circulated", "Meetings held", False, True,
     "For each meeting held in the period: the outcome statement sent to everyone who attended "
     "within 3 working days (the service standard). Not sent and past the 3 days counts as "
     "later."),
    ("time_to_meeting", "Time to the meeting (median days)", "", True, False,
     "Calendar days, the middle value over the meetings held in the period."),
    ("views", "The child's or young person's views", "Meetings held", False, True,
     "For each meeting held: whether the views of the child or young person were gathered "
     "(Children and Families Act 2014 s56(1)(e): where a parent is the party, the mediator "
     "takes reasonable steps to find out the child's views)."),
    ("view_methods", "How the views were gathered", "Cases with views recorded", False, False,
     "Cases with views recorded; a case may have used more than one way."),
    ("attendance", "The child's or young person's attendance", "Meetings held", False, True,
     "How much of each meeting held in the period the child or young person attended."),
]  # fmt: skip


def test_each_table_says_what_it_counts_word_for_word():
    """The words every exported report (PDF, CSV, JSON) prints above and below each table."""
    sections = report().sections
    assert [
        (s.key, s.title, s.total_label, s.measure, s.parts_add_up, s.note) for s in sections
    ] == WORDS
    for section in sections:  # flags are booleans, not merely truthy: the exports print them
        assert section.measure in (True, False) and section.parts_add_up in (True, False)
    assert [f.label for f in report().section("time_to_meeting").figures] == [
        "From enquiry to meeting",
        "From the LA being informed to meeting",
    ]


def test_a_period_that_ends_before_it_starts_is_refused_in_words():
    with pytest.raises(ValueError) as refused:
        ReportFilter(NOV_10, NOV_09)
    assert str(refused.value) == "The end of the period is before its start."


def _documented_tables() -> list[tuple[str, str]]:
    """(title, rule) of each row of the table in docs/reporting.md."""
    text = DOCS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (?!Table |-)([^|]+?) \| [^|]+ \| ([^|]*)\|$", text, re.MULTILINE)
    return [(title, rule.strip()) for title, rule in rows]


def _sections_cited(text: str) -> list[str]:
    """The sections of the Children and Families Act 2014 a text cites: 's55(4)', 'ss52-56'."""
    text = text.replace("CFA 2014", "Children and Families Act 2014")
    return re.findall(r"\bs{1,2}\d+(?:-\d+)?(?:\(\w+\))*", text) if "Families Act" in text else []


def test_the_tables_are_the_ones_the_guide_describes_and_cite_the_same_law():
    """docs/reporting.md lists each table with the rule behind it; the report must have the
    same tables in the same order, and cite the Act where the guide does: the first section
    the guide cites is in the report's note, and the note cites nothing the guide does not.
    (The views table cites s56(1)(e), the mediator's duty to seek the child's views; s19 is
    the local authority's own duty, and the report once cited it instead.)"""
    documented = _documented_tables()
    sections = report().sections
    assert [title for title, _ in documented] == [
        s.title.removesuffix(" (median days)") for s in sections
    ]
    for (_, rule), section in zip(documented, sections, strict=True):
        cited, ours = _sections_cited(rule), _sections_cited(section.note)
        assert set(ours) <= set(cited), section.key
        if cited:
            assert cited[0] in ours, section.key


def test_a_meeting_on_the_day_of_the_enquiry_or_of_the_la_being_told_is_measured_as_0_days():
    """Calendar days from the enquiry and from the LA being informed (docs/reporting.md): the
    same day is 0 days, a real measurement, not left out."""
    same_day = case(NOV_05, status=CaseStatus.HELD, meeting_date=NOV_05, la_informed=NOV_05)
    later = case(OCT_05, status=CaseStatus.HELD, meeting_date=NOV_10, la_informed=NOV_03)
    enquiry, informed = report([same_day, later]).section("time_to_meeting").figures
    assert (enquiry.value, enquiry.count) == (18.0, 2)  # 0 and 36 days
    assert (informed.value, informed.count) == (3.5, 2)  # 0 and 7 days


def test_a_period_ending_on_the_first_of_a_month_lists_that_month():
    """The months table has a row for every calendar month the period touches, the last one
    included even when the period ends on its first day."""
    rep = report([case(DEC_01, status=CaseStatus.HELD, meeting_date=DEC_01)], end=DEC_01)
    assert [(m.label, m.enquiries, m.meetings) for m in rep.months][-1] == ("Dec 2026", 1, 1)


def test_figures_by_local_authority_count_each_authoritys_own_cases():
    """Two local authorities with different figures, so a row cannot borrow the other's: a
    lower-case name sorts among the others as a reader expects (case ignored)."""
    ashby = "ashby borough council"  # typed in lower case on its cases
    held = {"status": CaseStatus.CONCLUDED}
    cases = [
        case(OCT_05, la=ashby, meeting_date=NOV_05, outcomes=(A,), **held),
        case(OCT_05, la=ashby, meeting_date=NOV_09, outcomes=(A,), **held),
        case(OCT_05, la=ashby, meeting_date=NOV_10, **held),
        case(OCT_05, la=EASTWOLD, meeting_date=DEC_04, outcomes=(A,), **held),
        case(OCT_05, la="Brackenshire County Council"),
    ]
    rows = [
        (a.local_authority, a.enquiries, a.meetings, a.agreed_cases)
        for a in report(cases).authorities
    ]
    assert rows == [
        (ashby, 3, 3, 2),
        ("Brackenshire County Council", 1, 0, 0),
        (EASTWOLD, 1, 1, 1),
    ]


def test_the_usual_spelling_of_an_authority_names_it_and_names_sort_ignoring_case():
    names = ["EASTWOLD CITY COUNCIL", EASTWOLD, EASTWOLD, "brackenshire county council"]
    assert authority_names(names) == ["brackenshire county council", EASTWOLD]
    assert same_authority("  Eastwold   City Council ") == "eastwold city council"


def test_from_case_carries_the_decline_and_the_cannot_arrange_dates():
    """The dates that decide which certificate a case needed (CFA 2014 s55(4) and (5))."""
    declined = make_case(declined_on=NOV_03, la_cannot_arrange=NOV_09)
    facts = ReportCase.from_case(declined)
    assert (facts.declined_on, facts.la_cannot_arrange) == (NOV_03, NOV_09)
