"""Survivors of the fresh documents sample (seed 3 of `dev.py mutate documents`) that neither
the golden documents nor the other tests reached: a forged statement marked at its head and
nowhere else, a partly agreed meeting on the certificate, a young person's letter, the ways the
views were gathered, a custom views heading, a table kept with the closing in Word, a damaged
logo's message, a grey picture with see-through parts, an email draft's date and an integrated
care board at the start of a sentence. Each test was checked against its mutant by putting the
change into the code by hand. Every person and place is fictional."""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import zipfile
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from mediator_desk.documents.build import KINDS, build_document
from mediator_desk.documents.certificates import outcome_sentence
from mediator_desk.documents.docx_renderer import render_docx
from mediator_desk.documents.facts import DocumentFacts, Service
from mediator_desk.documents.logo import UnsuitableLogo, check_logo
from mediator_desk.documents.mail import email_draft
from mediator_desk.documents.model import Document, Heading, Paragraph, Table
from mediator_desk.documents.parties import icb_in_sentence
from mediator_desk.documents.pdf_renderer import render_pdf
from mediator_desk.documents.picture import printable
from mediator_desk.documents.statement_doc import statement_specials
from mediator_desk.domain.preparation import Attendee, Role, ViewMethod
from mediator_desk.domain.statement import Seal, content_hash
from mediator_desk.services.documents import CannotMakeDocument
from tests.conftest import TODAY, make_case, picture
from tests.documents.test_mutants_documents_e import (
    a_case,
    facts_table,
    paragraph_saying,
    young_person,
)
from tests.documents.test_mutants_documents_f import letter, row_keeps
from tests.store.test_integrity import SEALED, _forge_with_hash, demo_file, reopen  # noqa: F401

D = dt.date
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTICE = "This statement failed verification:"


def sealed_facts(outcomes: list[str]) -> DocumentFacts:
    """A case whose sealed statement records these outcomes, one issue each."""
    content = json.dumps(
        {"issues": [{"title": f"Issue {n}", "outcome": o} for n, o in enumerate(outcomes, 1)]}
    )
    seal = Seal(1, content_hash(content), content, dt.datetime(2026, 12, 4, 12, 40))
    return DocumentFacts(case=make_case(), service=Service(), issue_date=TODAY, seal=seal)


# -- a forged statement -------------------------------------------------------------------------
def test_a_forged_statement_is_marked_at_its_head_and_no_other_document_is(demo_file, tmp_path):  # noqa: F811
    """docs/integrity.md: a statement whose sealed record fails verification says so before
    anything else, so the first thing a reader sees is that it must not be relied on (and again
    where its confirmations would be). The notice belongs to the statement: the case's other
    documents do not repeat what the statement records."""
    _forge_with_hash(demo_file)
    desk = reopen(demo_file)
    try:
        case = desk.case_by_reference(SEALED)
        built = {}
        for kind in KINDS:
            try:
                built[kind] = desk.documents.build(case, kind)
            except CannotMakeDocument:
                continue
    finally:
        desk.close()
    statement = built.pop("outcome-statement")
    first = statement.blocks[0]
    assert isinstance(first, Paragraph) and first.bold
    assert first.text.startswith(NOTICE)
    assert first.text.endswith(" It must not be relied on as the sealed record.")
    notices = [b for b in statement.blocks if isinstance(b, Paragraph) and NOTICE in b.text]
    assert len(notices) == 2
    assert built, "the sealed case makes other documents too"
    for kind, document in built.items():
        texts = [getattr(b, "text", "") for b in document.blocks]
        assert not [t for t in texts if NOTICE in t], kind


# -- certificates -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("outcomes", "sentence"),
    [
        (["Partly agreed", "Not agreed"], "Agreement was reached on some of the issues."),
        (["Not agreed", "Partly agreed"], "Agreement was reached on some of the issues."),
        (["Agreed", "Partly agreed"], "Agreement was reached on some of the issues."),
        (["Agreed", "Agreed"], "Agreement was reached on all the issues."),
        (["Not agreed"], "Agreement was not reached."),
    ],
)
def test_a_partly_agreed_issue_is_some_agreement_on_the_certificate(outcomes, sentence):
    """The certificate after a sealed statement says how far agreement went (CFA 2014 s55(5)):
    an issue partly agreed is agreement on some of the issues, even with none fully agreed."""
    assert outcome_sentence(sealed_facts(outcomes)) == sentence


def test_with_no_decision_recorded_the_table_of_facts_has_no_decision_row():
    """forms/README.md: a pair whose value is empty is left out, so a case whose decision in
    dispute is not recorded (the app asks for one; a case from elsewhere may lack it) shows no
    "Decision in dispute" row rather than a made-up one."""
    facts = DocumentFacts(
        case=make_case(decision_kind=None, local_authority="Royal Borough of Fernleigh"),
        service=Service(name="Porthkennack Mediation", mediator="Alex Mercer"),
        issue_date=TODAY,
    )
    table = facts_table(build_document("outcome-statement", facts))
    assert "Decision in dispute" not in table
    assert table["Local authority"] == "Royal Borough of Fernleigh"


# -- letters ------------------------------------------------------------------------------------
def test_a_young_person_whose_views_are_recorded_is_thanked_first(desk):
    """CFA 2014 s83(2): a young person is the party; once their views are recorded the letter
    thanks them, in a sentence of its own, before saying their views are central."""
    case = young_person(desk)
    desk.child_views.update(case.id, {"important": "Staying with my friends at college."})
    letter = desk.documents.build(desk.case(case.id), "meeting-letter")
    assert paragraph_saying(letter, "Your views are at the centre").text == (
        "Thank you for telling me your views; I will make sure the meeting hears them. Your "
        "views are at the centre of the meeting. You can speak for yourself, and you may also "
        "tell me your views beforehand in whatever way suits you: in a conversation, by phone "
        "or video call, or in writing."
    )


def test_the_ways_the_views_were_gathered_are_listed_with_commas(desk):
    """CFA 2014 s56(1)(e): the parent is told how the child's views were sought, every way
    recorded, in alphabetical order, separated by commas."""
    case = a_case(desk, declined_on=None)
    desk.child_views.update(
        case.id,
        {
            "important": "Playing football at break.",
            "methods": frozenset({ViewMethod.VIDEO, ViewMethod.CONVERSATION, ViewMethod.DRAWING}),
        },
    )
    letter = desk.documents.build(desk.case(case.id), "meeting-letter")
    assert paragraph_saying(letter, "views have been gathered").text == (
        "Lowenna's views have been gathered (conversation, drawings or pictures, video); I will "
        "make sure the meeting hears them."
    )


# -- the statement's views section --------------------------------------------------------------
def test_a_form_may_give_the_views_section_its_own_heading():
    """forms/README.md: a service may change the wording of a form, headings included; the
    views section takes the heading its block gives, filled in."""
    facts = DocumentFacts(
        case=make_case(),
        service=Service(),
        issue_date=TODAY,
        statement={"child_views": {"what_matters": "Being near my brother."}},
    )
    fill = statement_specials(facts, {"child_first_name": "Lowenna"})["views"]
    blocks = fill({"type": "@views", "title": "What matters to {child_first_name}"})
    assert blocks[0] == Heading("What matters to Lowenna", 2)
    assert fill({"type": "@views"})[0] == Heading("Lowenna's views", 2)


# -- Word ---------------------------------------------------------------------------------------
def test_a_table_just_before_the_closing_stays_with_it_in_word():
    """A letter's closing never stands alone on a page (model.keeps_with_next): when a table
    comes just before "Yours sincerely,", its last row keeps with the closing in Word, as a
    table of facts there does."""
    document = letter(
        Paragraph("These are the agreed actions."),
        Table(("What", "Who"), (("Review the plan", "Tremough Primary School"),)),
        Paragraph("Yours sincerely,\nAlex Mercer"),
    )
    # the header keeps with its rows, as always; the last row with the closing
    assert row_keeps(document) == [[True, True], [True, True]]


# -- pictures -----------------------------------------------------------------------------------
def test_a_damaged_logo_is_refused_in_full():
    """A logo that looks like a PNG but is cut short is refused in plain English, saying what
    to do (never a traceback)."""
    data = picture((60, 40))
    with pytest.raises(UnsuitableLogo) as refusal:
        check_logo(data[: len(data) // 2])
    assert str(refusal.value) == (
        "The logo could not be read: the picture seems to be damaged. Save it again as a PNG or "
        "JPEG picture and choose it again."
    )


def test_a_grey_picture_with_see_through_parts_stays_see_through():
    """A child's drawing scanned in grey with a clear background (mode LA) keeps its clear
    parts when printed: it is kept as a PNG with an alpha channel, never flattened to JPEG."""
    grey = Image.new("LA", (50, 40), (0, 0))
    grey.paste((90, 255), (10, 10, 40, 30))
    buffer = io.BytesIO()
    grey.save(buffer, "PNG")
    kept = printable(buffer.getvalue(), "My dog")
    assert kept is not None
    with Image.open(io.BytesIO(kept.data)) as result:
        assert result.format == "PNG"
        assert result.mode == "RGBA"
        assert result.getpixel((0, 0))[3] == 0
        assert result.getpixel((20, 20))[3] == 255


# -- email --------------------------------------------------------------------------------------
def test_an_email_draft_is_dated_when_it_is_made(tmp_path: Path):
    """RFC 5322 3.6.1: a message carries its origination date; the draft is dated as it is
    made, in the computer's own time zone, so the mail client files it correctly."""
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    raw = email_draft(("Alex Mercer", "mediation@example.org"), [], "Certificate", "Hello", [])
    after = dt.datetime.now(dt.UTC)
    message = email.message_from_bytes(raw, policy=policy.default)
    sent = parsedate_to_datetime(message["Date"])
    assert sent.tzinfo is not None
    assert before <= sent <= after


# -- the integrated care board ------------------------------------------------------------------
def test_a_named_board_at_the_start_of_a_sentence_takes_a_capital():
    """The ICB is named where one is recorded (SEND Regulations 2014 reg 42(3)); at the start
    of a sentence its article takes a capital, as the unnamed description does."""
    board = Attendee(
        "Dr Tamsin Hale", Role.HEALTH, organisation="NHS Fernleigh Integrated Care Board"
    )
    named = icb_in_sentence([board], capital=True)
    assert named == "The NHS Fernleigh Integrated Care Board"
    assert icb_in_sentence([board]) == "the NHS Fernleigh Integrated Care Board"
    assert icb_in_sentence([], capital=True) == "The integrated care board (ICB) for the area"


# -- a letter's closing -------------------------------------------------------------------------
def closing_letter(repeats: int) -> Document:
    return letter(
        Paragraph("The meeting will be held online. " * repeats),
        Paragraph("Yours sincerely,\n\nAlex Mercer\nMediator"),
    )


def test_a_letters_closing_is_never_split_between_pages_in_the_pdf():
    """The sign-off and the name under it are one thing: whatever falls before it, "Yours
    sincerely," and "Alex Mercer, Mediator" are printed on the same page (found when the
    specimen's closing broke after "Yours sincerely,")."""
    splits = []
    for repeats in range(330, 420, 6):  # the closing meets the foot of the first page
        pages = [
            p.extract_text()
            for p in PdfReader(io.BytesIO(render_pdf(closing_letter(repeats)))).pages
        ]
        (signed,) = [n for n, text in enumerate(pages) if "Yours sincerely," in text]
        (named,) = [n for n, text in enumerate(pages) if "Mediator" in text]
        if signed != named:
            splits.append(repeats)
    assert splits == []


def test_a_letters_closing_keeps_its_lines_together_in_word():
    """In Word the closing's paragraphs keep with each other and each keeps its own lines
    together, so Word cannot break it between pages either."""
    with zipfile.ZipFile(io.BytesIO(render_docx(closing_letter(3)))) as word:
        body = etree.fromstring(word.read("word/document.xml"))
    paragraphs = [p for p in body.iter(f"{W}p") if "".join(p.itertext()).strip()]
    closing = [p for p in paragraphs if "".join(p.itertext()).startswith(("Yours", "Alex"))]
    assert ["".join(p.itertext()) for p in closing] == ["Yours sincerely,", "Alex MercerMediator"]
    flags = [
        (p.find(f"{W}pPr/{W}keepNext") is not None, p.find(f"{W}pPr/{W}keepLines") is not None)
        for p in closing
    ]
    assert flags == [(True, True), (False, True)]
