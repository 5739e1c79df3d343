"""The PDF and Word versions of one document say the same words, for every document kind, a
full fictional case (draft and sealed statement) and every demo case.

What is left out of the comparison, and why:
- the page furniture the PDF draws on every page (letterhead, footer with reference, date and
  "Page X of Y", the DRAFT marks): Word has the same in its header and footer, which are not
  part of the body; the test checks each PDF page ends with exactly that furniture;
- the list markers the PDF draws ("•", "1."): Word numbers and bullets lists from its list
  styles, so they are not text in the file;
- Arabic-script letter shapes and their order: the PDF holds right-to-left words shaped and in
  display order, Word in reading order, so both are brought back to reading order (NFKC);
- where a bracket meets a right-to-left word: text extraction joins it to that word, so
  brackets are compared as words of their own."""

from __future__ import annotations

import difflib
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from mediator_desk.documents.build import KINDS
from mediator_desk.documents.export import render
from mediator_desk.documents.model import BulletList, Document
from mediator_desk.documents.text import has_rtl
from mediator_desk.domain.dates import long_date
from mediator_desk.domain.statement import ConfirmedHow
from mediator_desk.services.documents import CannotMakeDocument
from tests.documents import test_documents
from tests.documents.test_documents import docx_text

full_case = test_documents.full_case  # the fictional case every document test uses


def _furniture(document: Document, page: int, pages: int) -> list[str]:
    """The words the PDF draws on each page around the body, in the order it draws them: the
    letterhead (name, then contact details joined by " · "), the footer, the DRAFT marks."""
    head = document.letterhead
    contact = " · ".join(p for p in (head.address, head.phone, head.email) if p)
    footer = f"{document.reference} · {long_date(document.date)} Page {page} of {pages}"
    draft = "DRAFT DRAFT: not sealed" if document.draft else ""
    return f"{head.service} {contact} {footer} {draft}".split()


def _pdf_body_words(document: Document, data: bytes) -> list[str]:
    """The PDF's words without its page furniture, which ends every page's text exactly."""
    pages = PdfReader(io.BytesIO(data)).pages
    words: list[str] = []
    for number, page in enumerate(pages, start=1):
        found = page.extract_text().split()
        furniture = _furniture(document, number, len(pages))
        assert found[-len(furniture) :] == furniture, (number, found[-len(furniture) :])
        words += found[: -len(furniture)]
    return words


def _reading_order(words: list[str], pdf: bool) -> list[str]:
    """Words with Arabic-script shapes undone; the PDF's runs of right-to-left words, drawn
    right to left, put back in reading order."""
    out: list[str] = []
    run: list[str] = []
    tokens = [t for w in words for t in re.findall(r"[()]|[^()]+", w)]
    for word in [unicodedata.normalize("NFKC", w) for w in tokens] + [""]:
        if word and has_rtl(word):
            run.append(word)
            continue
        out += run[::-1] if pdf else run
        run = []
        if word:
            out.append(word)
    return out


def _list_markers(document: Document) -> set[str]:
    markers = set()
    for block in document.blocks:
        if isinstance(block, BulletList):
            markers |= (
                {f"{n}." for n in range(1, len(block.items) + 1)} if block.numbered else {"•"}
            )
    return markers


def assert_same_words(document: Document) -> None:
    word = _reading_order(docx_text(render(document, "docx")).split(), pdf=False)
    pdf = _reading_order(_pdf_body_words(document, render(document, "pdf")), pdf=True)
    markers = _list_markers(document)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, word, pdf, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "insert" and set(pdf[j1:j2]) <= markers, (
            document.kind, tag, word[max(i1 - 5, 0) : i2 + 5], pdf[max(j1 - 5, 0) : j2 + 5],
        )  # fmt: skip


@pytest.mark.parametrize("kind", list(KINDS))
def test_word_and_pdf_say_the_same_words_for_a_full_case(desk, full_case, kind):
    """CFA 2014 s55 and SEND Regulations 2014 reg 42: the certificate and the statement a
    family, an LA and the Tribunal read are one text, whichever file they open."""
    case, parent, _la = full_case
    case = test_documents.case_for_kind(desk, case, kind)
    assert_same_words(
        desk.documents.build(case, kind, parent.id if kind == "child-views" else None)
    )


def test_word_and_pdf_say_the_same_words_for_a_sealed_statement(desk, full_case):
    """SEND Regulations 2014 reg 42(1): the agreement recorded in writing, sealed, with its
    confirmations and hash, is the same in both files."""
    case, parent, la = full_case
    desk.statement.confirm(case, parent.id, ConfirmedHow.IN_WRITING, case.meeting_date)
    desk.statement.confirm(case, la.id, ConfirmedHow.IN_WRITING)
    desk.statement.seal(case)
    assert_same_words(desk.documents.build(case, "outcome-statement"))


def test_word_and_pdf_say_the_same_words_for_every_demo_case(desk):
    """Every document each demo case can make (mediation, disagreement resolution, young
    person, sealed and draft statements) says the same words in both files."""
    made = 0
    for case in desk.load_demo_cases():
        people = desk.attendees.list(case.id)
        for kind in KINDS:
            recipients = [p.id for p in people] if kind == "child-views" else [None]
            for recipient in recipients:
                try:
                    document = desk.documents.build(desk.case(case.id), kind, recipient)
                except CannotMakeDocument:
                    continue
                assert_same_words(document)
                made += 1
    assert made >= 20
