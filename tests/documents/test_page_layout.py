"""Pages a Tribunal clerk expects, alike in Word and PDF: A4 with the same margins, British
English for Word's spelling checker, a heading never alone at the foot of a page, table headers
repeated on each page and rows kept whole, and a letter's closing kept with its last paragraph.
Each finding is checked in the files themselves: the .docx XML and the PDF's pages."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from mediator_desk.documents.docx_renderer import render_docx
from mediator_desk.documents.model import (
    BulletList,
    Document,
    Heading,
    KeyValues,
    Letterhead,
    Paragraph,
    SignatureBlock,
    Table,
)
from mediator_desk.documents.pdf_renderer import render_pdf
from tests.conftest import picture

MM = 72 / 25.4  # PDF points in a millimetre
AGREEMENT = "Agreement to the accuracy of this statement"
CLOSING = "If you have any questions, please contact me on 0117 496 0000."
SIGNED = "Alex Mercer, mediator, Porthkennack Mediation"
PLACEMENT = "The placement at Trevarrow School was discussed. " + "Everyone gave a view. " * 60
REPORT = "report, with a covering letter\nand a date to meet"


def _document(*blocks, logo: bytes | None = None) -> Document:
    return Document(
        "outcome-statement", "Outcome statement", "Outcome statement", "Alex Mercer",
        "MD-2026-0011", dt.date(2026, 11, 23),
        Letterhead("Porthkennack Mediation", "1 Quay Street, Porthkennack", logo=logo),
        tuple(blocks),
    )  # fmt: skip


def _filler(lines: int) -> list[Paragraph]:
    return [
        Paragraph(f"Point {n} was discussed and noted by everyone present.") for n in range(lines)
    ]


def _page_of(pages: list[str], text: str) -> int:
    """The one page whose text holds `text` (its white space squashed)."""
    found = [n for n, page in enumerate(pages) if text in page]
    assert len(found) == 1, (text, found)
    return found[0]


def _pdf_pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def _keep_next(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


# -- A4, margins, language ----------------------------------------------------------------------
@pytest.mark.parametrize("logo", [None, picture((300, 120))])
def test_word_pages_are_a4_with_the_pdf_margins(logo):
    """Both formats are A4 (210 x 297 mm, ISO 216), 20 mm either side and 24 mm below; the text
    starts 30 mm down, or 37 mm below a letterhead with a logo, as in the PDF."""
    document = _document(Paragraph("The first words of the body."), logo=logo)
    top = 37 if logo else 30
    section = read_docx(io.BytesIO(render_docx(document))).sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin,
             section.top_margin, section.bottom_margin)  # fmt: skip
    for size, mm in zip(sizes, (210, 297, 20, 20, top, 24), strict=True):
        assert abs(size - Mm(mm)) < Mm(0.1), (size.mm, mm)
    page = PdfReader(io.BytesIO(render_pdf(document))).pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (
        210, 297,
    )  # fmt: skip
    where = []

    def visit(text, cm, tm, *_):  # the text matrix, then the page's: where the text starts
        if text.startswith("The first words"):
            where.append(
                (cm[4] + tm[4] * cm[0] + tm[5] * cm[2], cm[5] + tm[4] * cm[1] + tm[5] * cm[3])
            )

    page.extract_text(visitor_text=visit)
    ((x, y),) = where
    assert abs(x / MM - 20) < 0.5
    assert top < (float(page.mediabox.height) - y) / MM < top + 6  # the first line's baseline


def test_word_speaks_british_english():
    """Word spell-checks British English (w:lang, ECMA-376 17.3.2.20): en-GB in the default run
    properties, in every style that names a language, in the theme's language and in the
    file's core properties."""
    doc = read_docx(
        io.BytesIO(render_docx(_document(Heading("Outcome statement"), Paragraph("x"))))
    )
    styles = doc.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    languages = {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))}
    assert languages == {"en-GB"}
    normal = doc.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:val")) == "en-GB"
    assert doc.core_properties.language == "en-GB"


# -- headings kept with what they head ----------------------------------------------------------
def test_word_headings_keep_with_their_next_paragraph():
    """A heading is never the last line of a Word page (w:keepNext, ECMA-376 17.3.1.15)."""
    document = _document(
        Heading("Outcome statement"), Heading(AGREEMENT, 2), Paragraph("x"),
        Heading("1. Speech and language therapy", 3),
        Table(("Agreed action", "Who"), (("a", "b"),)),
    )  # fmt: skip
    doc = read_docx(io.BytesIO(render_docx(document)))
    headings = [p for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert [p.text for p in headings] == [
        "Outcome statement", AGREEMENT, "1. Speech and language therapy",
    ]  # fmt: skip
    assert all(_keep_next(p) for p in headings)
    assert not any(_keep_next(p) for p in doc.paragraphs if p.text == "x")


@pytest.mark.parametrize("filler", range(28, 48))
def test_a_pdf_heading_is_never_alone_at_the_foot_of_a_page(filler):
    """Wherever the page breaks, 'Agreement to the accuracy' sits on the page of the
    confirmations it heads, an issue's heading with its first words, and a table's heading
    with its header row and first row."""
    document = _document(
        Heading("Outcome statement"), *_filler(filler),
        Heading(AGREEMENT, 2),
        SignatureBlock((("Morwenna Tregothnan", "Spoken in the meeting"),)),
        *_filler(filler),
        Heading("2. Placement", 3),
        Paragraph(PLACEMENT),
        *_filler(filler // 2),
        Heading("Agreed actions", 3),
        Table(("Agreed action", "Who", "By when"),
              (("Send the amended plan\nwith Section F rewritten\nand agreed",
                "Fernleigh County Council", "Friday 4 December 2026"),)),
    )  # fmt: skip
    pages = _pdf_pages(render_pdf(document))
    assert _page_of(pages, AGREEMENT) == _page_of(pages, "Agreed that this statement is accurate")
    assert _page_of(pages, "2. Placement") == _page_of(pages, "The placement at Trevarrow School")
    assert _page_of(pages, "Agreed actions") == _page_of(pages, "Send the amended plan")


@pytest.mark.parametrize("filler", range(44, 52))
def test_an_outcome_line_goes_with_its_table_of_actions(filler):
    """'Outcome: Agreed' leads into the table of agreed actions below it: in the PDF it is
    on the page of the table's first row wherever the page breaks, in Word it keeps with it."""
    document = _document(
        *_filler(filler), Paragraph("Outcome: Agreed", bold=True),
        Table(("Agreed action", "Who", "By when"), ROWS[:2]),
    )  # fmt: skip
    pages = _pdf_pages(render_pdf(document))
    assert _page_of(pages, "Outcome: Agreed") == _page_of(pages, "Action 1: send")
    doc = read_docx(io.BytesIO(render_docx(document)))
    (lead_in,) = [p for p in doc.paragraphs if p.text == "Outcome: Agreed"]
    assert _keep_next(lead_in)


# -- tables ------------------------------------------------------------------------------------
ROWS = tuple(
    (f"Action {n}: send the family a copy of the\n{REPORT}",
     "Fernleigh County Council", f"Friday {n} December 2026")
    for n in range(1, 41)
)  # fmt: skip


def test_pdf_tables_repeat_their_header_and_keep_each_row_on_one_page():
    """A long table of agreed actions: its header row on every page it reaches, and no row cut
    across a page break (reportlab's repeatRows=1 and splitInRow=0)."""
    pages = _pdf_pages(
        render_pdf(_document(*_filler(20), Table(("Agreed action", "Who", "By when"), ROWS)))
    )
    assert len(pages) >= 3
    spanned = sorted({_page_of(pages, f"Action {n}: send") for n in range(1, 41)})
    assert len(spanned) >= 2
    for page in spanned:
        assert pages[page].count("Agreed action Who By when") == 1
    for n in range(1, 41):
        row = f"Action {n}: send the family a copy of the {REPORT.replace(chr(10), ' ')}"
        assert _page_of(pages, row) == _page_of(pages, f"Action {n}: send")


def test_word_tables_repeat_their_header_and_rows_do_not_split():
    """Word: the first row of a table with a header is marked w:tblHeader (repeated on each
    page) and every row w:cantSplit (ECMA-376 17.4.49, 17.4.6); the header row keeps with the
    first row below it."""
    document = _document(
        Table(("Agreed action", "Who", "By when"), ROWS),
        KeyValues((("Case reference", "MD-2026-0011"), ("Meeting", "Friday 20 November 2026"))),
        SignatureBlock((("Morwenna Tregothnan", "Spoken in the meeting"),)),
    )
    doc = read_docx(io.BytesIO(render_docx(document)))
    actions, facts, signatures = doc.tables
    for table, header in ((actions, True), (facts, False), (signatures, True)):
        for number, row in enumerate(table.rows):
            trpr = row._tr.trPr
            assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None
            assert (trpr.find(qn("w:tblHeader")) is not None) == (header and number == 0)
        if header:
            assert all(_keep_next(p) for cell in table.rows[0].cells for p in cell.paragraphs)


# -- a letter's closing ------------------------------------------------------------------------
@pytest.mark.parametrize("filler", range(28, 36))
def test_a_letters_closing_stays_with_its_last_paragraph_in_the_pdf(filler):
    """'Yours sincerely,' and the signature are never on a page of their own: they move with
    the paragraph before them."""
    document = _document(
        Paragraph("Dear Morwenna Tregothnan,"), *_filler(filler), Paragraph(CLOSING),
        Paragraph("Yours sincerely,"), Paragraph(SIGNED),
    )  # fmt: skip
    pages = _pdf_pages(render_pdf(document))
    assert (
        _page_of(pages, CLOSING) == _page_of(pages, "Yours sincerely,") == _page_of(pages, SIGNED)
    )


def test_a_letters_closing_stays_with_its_last_paragraph_in_word():
    """Word: the paragraph before 'Yours sincerely,' and the closing keep with the next
    (w:keepNext), so Word moves them to the signature's page together."""
    document = _document(
        Paragraph("Dear Morwenna Tregothnan,"), BulletList(("One", "Two")), Paragraph(CLOSING),
        Paragraph("Yours sincerely,"), Paragraph(SIGNED),
    )  # fmt: skip
    doc = read_docx(io.BytesIO(render_docx(document)))
    kept = {p.text: _keep_next(p) for p in doc.paragraphs if p.text}
    assert kept == {
        "Dear Morwenna Tregothnan,": False, "One": False, "Two": False, CLOSING: True,
        "Yours sincerely,": True, SIGNED: False,
    }  # fmt: skip
