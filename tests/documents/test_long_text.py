"""Text too long for a page (a 3,000-character organisation in a table cell, a name of 60
lines, a word longer than a line) wraps, or is cut with a note, in every kind of document and
both formats: reportlab's LayoutError never reaches the mediator."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from mediator_desk.documents.build import KINDS
from mediator_desk.documents.export import render
from mediator_desk.documents.model import Document, KeyValues, Letterhead, Paragraph, Table
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import Issue, Outcome
from tests.conftest import make_case
from tests.documents import test_documents

ORGANISATION = "Trewartha and Penhallow Joint Commissioning Board " * 60  # ~3,000 characters
LINES_NAME = "\n".join(["Demelza"] * 60)
LONG_WORD = "Kernow" * 800  # one 4,800-character token


@pytest.fixture
def long_case(desk):
    day = dt.date
    desk.documents.set_service({"mediator": "Alex Mercer"})
    case = desk.create_case(
        make_case(
            decision_date=day(2026, 10, 26), adviser_contacted=day(2026, 10, 28),
            declined_on=day(2026, 11, 2), la_informed=day(2026, 11, 3),
            meeting_date=day(2026, 11, 20), concluded_on=day(2026, 11, 20),
            la_cannot_arrange=day(2026, 11, 10), agreement_date=day(2026, 11, 20),
        )
    )  # fmt: skip
    parent = desk.attendees.add(
        case.id, Attendee(LINES_NAME, Role.PARENT_CARER, organisation=ORGANISATION)
    )
    la = desk.attendees.add(
        case.id,
        Attendee(
            "Jago Rowe", Role.LA_DECISION_MAKER, organisation=ORGANISATION, job_title=LONG_WORD,
            decision_authority=True,
        ),
    )  # fmt: skip
    for person in (parent, la):
        desk.statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    desk.statement.issues.add(case.id, Issue(LONG_WORD, LONG_WORD + "\n" * 80, Outcome.AGREED))
    desk.child_views.update(
        case.id,
        {"wishes": LONG_WORD, "quotes": LINES_NAME, "share_with": frozenset({parent.id})},
    )
    desk.arrangements.update(case.id, {"venue": ORGANISATION, "link": LONG_WORD})
    return desk.case(case.id), parent


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_kind_renders_with_text_too_long_for_a_page(desk, long_case, kind, fmt):
    case, parent = long_case
    case = test_documents.case_for_kind(desk, case, kind)
    document = desk.documents.build(case, kind, parent.id if kind == "child-views" else None)
    data = render(document, fmt)
    assert data[:2] == (b"%P" if fmt == "pdf" else b"PK")


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _document(*blocks: object) -> Document:
    return Document(
        "test", "T", "S", "A", "MD-2026-0001", dt.date(2026, 11, 23), Letterhead("Service"),
        tuple(blocks),  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_cell_taller_than_a_page_is_cut_with_a_note():
    tall = "\n".join(f"line {n}" for n in range(400))
    data = render(_document(KeyValues((("Organisation", tall),)), Table(("A",), ((tall,),))), "pdf")
    text = _pdf_text(data)
    assert "line 0" in text and "line 399" not in text
    assert "(cut:" in text and "more characters, see the case file)" in text


def test_a_word_longer_than_a_line_is_wrapped_not_lost():
    data = render(_document(Paragraph("Kernow" * 300), KeyValues((("A", "Bodmin" * 100),))), "pdf")
    text = "".join(_pdf_text(data).split())
    assert text.count("Kernow") == 300 and text.count("Bodmin") == 100
