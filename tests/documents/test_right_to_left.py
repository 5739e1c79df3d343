"""Right-to-left paragraphs (Arabic, Urdu) longer than one line: in the PDF each line is broken
in reading order and then shaped and reordered, so the lines read top to bottom; in Word the
paragraph and its runs are marked right-to-left so Word lays them out itself."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

from docx import Document as read_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from mediator_desk.documents.docx_renderer import render_docx
from mediator_desk.documents.model import BulletList, Document, Letterhead, Paragraph, Table
from mediator_desk.documents.pdf_renderer import render_pdf
from mediator_desk.documents.text import has_rtl

# A fictional parent's view, in Urdu: about fifty words, three lines or more on an A4 page.
MM = 72 / 25.4  # PDF points in a millimetre

URDU = (
    "میری بیٹی عائشہ کو اسکول میں ہر ہفتے بولنے کی تھراپی کی ضرورت ہے۔ ہم چاہتے ہیں کہ کونسل "
    "اس کے منصوبے میں یہ بات واضح طور پر لکھے اور اسکول کے اساتذہ کو بھی بتائے۔ پچھلے سال اس "
    "کو کوئی مدد نہیں ملی اور وہ بہت پریشان رہی۔ ہم امید کرتے ہیں کہ اس ملاقات کے بعد ہماری "
    "بیٹی کے لیے سب کچھ بہتر ہوگا اور وہ خوشی سے اسکول جائے گی۔"
)
ENGLISH_WITH_NAME = "Dear عائشہ قریشی (mother), thank you for coming to the meeting."


def _document(*blocks) -> Document:
    return Document(
        "test", "Views", "Views", "Alex Mercer", "MD-2026-0009", dt.date(2026, 11, 23),
        Letterhead("Porthkennack Mediation"), tuple(blocks),
    )  # fmt: skip


def _logical(words: str) -> list[str]:
    return unicodedata.normalize("NFKC", words).split()


def _pdf_rtl_lines(data: bytes) -> list[list[str]]:
    """The words of each extracted line holding right-to-left text, in reading order. The
    PDF draws a line's words right to left; pypdf gives each word's letters in reading order
    but the words as drawn, left to right: so the words are reversed, and shapes undone."""
    lines = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for line in page.extract_text().splitlines():
            if has_rtl(line):
                lines.append(_logical(line)[::-1])
    return lines


def test_a_long_urdu_paragraph_reads_top_to_bottom_in_the_pdf():
    """Unicode bidirectional algorithm (UAX #9, 3.4): reordering is done per line, after line
    breaking; the first words of the paragraph are on its first line, the last on its last."""
    lines = _pdf_rtl_lines(render_pdf(_document(Paragraph(URDU))))
    assert len(lines) >= 3
    words = _logical(URDU)
    assert lines[0] == words[: len(lines[0])]
    assert lines[-1] == words[-len(lines[-1]) :]
    assert [w for line in lines for w in line] == words


def test_right_to_left_text_wraps_in_reading_order_in_lists_and_tables():
    """UAX #9, 3.4, wherever a paragraph is set: a bullet item and a narrow table cell."""
    data = render_pdf(
        _document(BulletList((URDU,)), Table(("Agreed action", "Who"), ((URDU, "LA"),)))
    )
    lines = _pdf_rtl_lines(data)
    words = _logical(URDU)
    assert [w for line in lines for w in line if w != "•"] == words + words  # the bullet aside


def test_an_english_line_with_an_arabic_name_keeps_its_order_in_the_pdf():
    """UAX #9: a paragraph whose first strong letter is Latin stays left to right; only the
    name is reversed for display."""
    (text,) = [
        line
        for page in PdfReader(io.BytesIO(render_pdf(_document(Paragraph(ENGLISH_WITH_NAME))))).pages
        for line in page.extract_text().splitlines()
        if "Dear" in line
    ]
    assert text.startswith("Dear ")
    assert text.endswith("thank you for coming to the meeting.")


def test_word_marks_right_to_left_paragraphs_and_runs():
    """ECMA-376 17.3.1.6 (w:bidi) and 17.3.2.30 (w:rtl): an Urdu paragraph is right-to-left and
    its runs are; in an English paragraph only the Arabic name's run is."""
    doc = read_docx(
        io.BytesIO(render_docx(_document(Paragraph(URDU), Paragraph(ENGLISH_WITH_NAME))))
    )
    urdu, english = (p for p in doc.paragraphs if p.text in (URDU, ENGLISH_WITH_NAME))
    assert urdu._p.pPr is not None and urdu._p.pPr.find(qn("w:bidi")) is not None
    assert all(r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None for r in urdu.runs)
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None
    marked = [
        r.text
        for r in english.runs
        if r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None
    ]
    assert marked == ["عائشہ قریشی"]
    assert english.text == ENGLISH_WITH_NAME


def test_a_right_to_left_list_item_has_its_bullet_on_the_right_in_the_pdf():
    """UAX #9 and ECMA-376 17.3.1.6: a right-to-left list item is mirrored, its bullet at the
    right margin as Word puts it, on its first line only, even when the item is split across
    a page break; a left-to-right item keeps its bullet on the left."""
    items = ((URDU + " ") * 16, "Weekly sessions with a speech and language therapist")
    data = render_pdf(_document(BulletList(items)))
    bullets: list[tuple[int, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):

        def visit(text, cm, tm, *_, number=number):
            if text.strip() == "•":
                x = cm[4] + tm[4] * cm[0] + tm[5] * cm[2]
                y = cm[5] + tm[4] * cm[1] + tm[5] * cm[3]
                bullets.append((number, x / MM, y / MM))

        page.extract_text(visitor_text=visit)
    assert len(bullets) == 2
    (urdu_page, urdu_x, _urdu_y), (english_page, english_x, _y) = sorted(
        bullets, key=lambda b: (b[0], -b[2])
    )
    assert urdu_page == 0 and english_page >= 1  # the Urdu item runs over onto the next page
    assert 180 < urdu_x < 190  # at the right margin (190 mm), in the 18 pt indent
    assert 20 < english_x < 30


NAME_FIRST = "عائشہ قریشی has authority to agree for Fernleigh County Council."


def test_a_documents_own_sentence_beginning_with_an_arabic_name_stays_left_to_right():
    """UAX #9 HL1 (a higher-level protocol may set the paragraph direction): the document's own
    English sentences read left to right even when a name in Arabic script comes first, in the
    PDF and in Word; user text left to decide (rtl=None) still follows its first letter."""
    english = Paragraph(NAME_FIRST, rtl=False)
    (line,) = [
        line
        for page in PdfReader(io.BytesIO(render_pdf(_document(english)))).pages
        for line in page.extract_text().splitlines()
        if "authority" in line
    ]
    assert line.endswith("has authority to agree for Fernleigh County Council.")
    doc = read_docx(io.BytesIO(render_docx(_document(english, Paragraph(NAME_FIRST)))))
    fixed, auto = (p for p in doc.paragraphs if p.text == NAME_FIRST)
    assert fixed._p.pPr is None or fixed._p.pPr.find(qn("w:bidi")) is None
    assert auto._p.pPr is not None and auto._p.pPr.find(qn("w:bidi")) is not None


def test_form_sentences_are_marked_left_to_right():
    """The wording of a form is English (forms/README.md): its paragraphs and lists say so."""
    from mediator_desk.documents.build import PLACEHOLDERS
    from mediator_desk.documents.forms import load_form, render_form

    form = load_form("meeting-letter", PLACEHOLDERS)
    fillers = {name: (lambda block: []) for name in form.special}
    blocks = render_form(form, dict.fromkeys(form.placeholders, "عائشہ"), fillers)
    texts = [b for b in blocks if isinstance(b, Paragraph | BulletList)]
    assert texts and all(b.rtl is False for b in texts)
