"""No personal data reaches an exported report: every name, contact detail, date of birth and
piece of free text in the demo cases is looked for in the CSV, the JSON and the PDF's text."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from mediator_desk.domain.reporting import ReportFilter
from mediator_desk.reports.export import FORMATS, render_report
from mediator_desk.services import Desk

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
FREE_TEXT_FIELDS = {
    "attendee": ("name", "email", "phone", "job_title", "access_needs", "mediator_decision",
                 "notes", "language"),
    "views": ("liked_admired", "important", "best_support", "views_on_disagreement", "wishes",
              "quotes", "gathered_by", "no_views_reason"),
    "issue": ("title", "discussion"),
    "contact": ("with_whom", "summary", "follow_up"),
    "record": ("other_matters", "next_steps", "private_notes"),
}  # fmt: skip


def date_forms(day: dt.date) -> list[str]:
    """A date of birth as people and programs write it."""
    month = MONTHS[day.month - 1]
    return [
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%d/%m/%y}",
        f"{day:%d.%m.%Y}",
        f"{day:%d-%m-%Y}",
        day.isoformat(),
        f"{day:%Y%m%d}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {month[:3]} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day:%m/%d/%Y}",
    ]


def snippets(text: str) -> list[str]:
    """Free text to look for: each line, and its first 40 characters, of 8 or more."""
    found = []
    for line in text.splitlines():
        line = line.strip(" -•\t")
        if len(line) >= 8:
            found.extend({line, line[:40].strip()})
    return found


def name_words(name: str) -> list[str]:
    """The words of a name of 3 or more letters that are capitalised, as names are ('Claire
    and Tom Hale' gives Claire, Tom and Hale); double-barrelled names also whole."""
    words = re.split(r"[\s()'’,]+", name)
    parts = words + [p for w in words if "-" in w for p in w.split("-")]
    return [w for w in parts if len(w) >= 3 and w[0].isupper()]


def personal_data(desk: Desk, authorities: tuple[str, ...]) -> set[str]:
    """Everything personal the demo cases hold; organisations (the local authorities, named
    in reports by design) aside."""
    allowed = {w.casefold() for la in authorities for w in name_words(la)}
    found: set[str] = set()

    def add_name(name: str) -> None:
        if name.strip():
            found.add(name.strip())
            found.update(w for w in name_words(name) if w.casefold() not in allowed)

    for summary in desk.list_cases():
        case = desk.case(summary.id)
        add_name(case.child_name)
        add_name(case.child_known_as)
        for parent in case.parents:
            add_name(parent.name)
        found.update(snippets(case.notes))
        found.add(case.reference)
        if case.child_dob:
            found.update(date_forms(case.child_dob))
        for person in desk.attendees.list(case.id):
            add_name(person.name)
            for field in FREE_TEXT_FIELDS["attendee"][1:]:
                found.update(snippets(getattr(person, field)) or [getattr(person, field)])
            if person.organisation not in authorities:
                found.update(snippets(person.organisation))
        views = desk.child_views.get(case.id)
        for field in FREE_TEXT_FIELDS["views"]:
            found.update(snippets(getattr(views, field)))
        for issue in desk.statement.issues.list(case.id):
            for field in FREE_TEXT_FIELDS["issue"]:
                found.update(snippets(getattr(issue, field)))
        for contact in desk.contacts.list(case.id):
            for field in FREE_TEXT_FIELDS["contact"]:
                found.update(snippets(getattr(contact, field)))
        record = desk.statement.record.get(case.id)
        for field in FREE_TEXT_FIELDS["record"]:
            found.update(snippets(getattr(record, field)))
    return {f for f in found if len(f) >= 3}


def found_in(text: str, needles: set[str]) -> list[str]:
    """The needles that appear in the text as whole words (any case, any spacing)."""
    flat = " ".join(text.split()).casefold()
    return sorted(
        n for n in needles
        if re.search(rf"(?<!\w){re.escape(' '.join(n.split()).casefold())}(?!\w)", flat)
    )  # fmt: skip


def exported_texts(desk: Desk) -> dict[str, str]:
    report = desk.service_report(ReportFilter(dt.date(2020, 1, 1), dt.date(2027, 12, 31)))
    assert report.section("enquiries").total == 7  # every demo case is in the period
    assert report.section("meetings").total
    service = desk.documents.service().name
    texts = {}
    for fmt in FORMATS:
        data = render_report(report, fmt, service)
        if fmt == "pdf":
            reader = PdfReader(io.BytesIO(data))
            meta = reader.metadata or {}
            pages = [page.extract_text() for page in reader.pages]
            texts[fmt] = "\n".join([*pages, *(str(v) for v in meta.values())])
        else:
            texts[fmt] = data.decode("utf-8-sig")
    return texts


@pytest.fixture
def demo(desk: Desk) -> Desk:
    desk.load_demo_cases()
    return desk


def test_the_search_would_find_personal_data(demo):
    needles = personal_data(demo, demo.service_report(
        ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31))).local_authorities)  # fmt: skip
    case = next(demo.case(s.id) for s in demo.list_cases() if s.child_name == "Siân Llewelyn")
    assert case.child_dob is not None
    assert {"Siân Llewelyn", "Llewelyn", "Oliver", "Olly", "Pemberton-Hale"} <= needles
    assert found_in("A report about Oliver Pemberton-Hale", needles)
    assert found_in(f"born {case.child_dob:%d/%m/%Y}", needles)
    assert found_in(f"born {case.child_dob.day} {MONTHS[case.child_dob.month - 1]} "
                    f"{case.child_dob.year}", needles)  # fmt: skip
    assert found_in(f"born {case.child_dob.isoformat()}", needles)
    assert "Brackenshire" not in needles  # a local authority, named in reports by design
    assert len(needles) > 150  # names, contacts and text from every case


def test_no_personal_data_in_any_export_of_the_demo_cases(demo):
    texts = exported_texts(demo)
    authorities = demo.service_report(
        ReportFilter(dt.date(2020, 1, 1), dt.date(2027, 12, 31))
    ).local_authorities
    needles = personal_data(demo, authorities)
    for fmt, text in texts.items():
        assert "Brackenshire County Council" in " ".join(text.split()), fmt  # the search works
        assert found_in(text, needles) == [], fmt
