"""Survivors of the fresh documents sample (seed 3 of `dev.py mutate documents`) that the
golden documents do not reach, because no shipped form or demo case produces them: a table of
facts right before a letter's closing, and a table of facts long enough to run onto a second
page. Each test was checked against its mutant by putting the change into the code by hand."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from pypdf import PdfReader

from mediator_desk.documents.docx_renderer import render_docx
from mediator_desk.documents.model import Document, KeyValues, Letterhead, Paragraph
from mediator_desk.documents.pdf_renderer import render_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def letter(*blocks: object) -> Document:
    return Document(
        kind="meeting-letter",
        title="Your mediation meeting",
        subject="Meeting letter",
        author="Alex Mercer",
        reference="MD-2026-0042",
        date=dt.date(2026, 11, 23),
        letterhead=Letterhead("Porthkennack Mediation"),
        blocks=tuple(blocks),  # type: ignore[arg-type]
    )


def row_keeps(document: Document) -> list[list[bool]]:
    """For each row of the Word file's tables, whether each of its paragraphs keeps with the
    next (w:keepNext)."""
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as word:
        body = etree.fromstring(word.read("word/document.xml"))
    return [
        [p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")]
        for row in body.iter(f"{W}tr")
    ]


def test_a_table_of_facts_just_before_the_closing_stays_with_it_in_word():
    """A letter's closing never stands alone on a page (model.keeps_with_next): when a table of
    facts comes just before "Yours sincerely,", its last row keeps with the closing in Word
    (w:keepNext on the row's paragraphs), as a paragraph there would."""
    document = letter(
        Paragraph("I am writing to confirm the arrangements."),
        KeyValues((("Date", "Friday 4 December 2026"), ("Format", "Online"))),
        Paragraph("Yours sincerely,\nAlex Mercer"),
    )
    assert row_keeps(document) == [[False, False], [True, True]]


def test_a_long_table_of_facts_does_not_repeat_its_first_row_on_the_next_page():
    """Only a table with a header row repeats it on each page (reportlab repeatRows); a table
    of facts has none, so its first fact is printed once, on the first page."""
    pairs = tuple((f"Fact {n:02}", f"What was recorded, number {n:02}") for n in range(1, 91))
    pdf = PdfReader(io.BytesIO(render_pdf(letter(KeyValues(pairs)))))
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) >= 2
    assert "Fact 01" in pages[0]
    assert [text.count("Fact 01") for text in pages[1:]] == [0] * (len(pages) - 1)
    assert sum(text.count("Fact ") for text in pages) == 90
