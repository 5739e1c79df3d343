"""What the documents show that the mutation run (docs/testing.md) found unguarded: the outcome
statement's issues, who was present and its sealed addenda; the headings of the meeting letter
and the child's profile; numbered lists and British English in Word; the logo in the Word and
PDF letterheads; right-to-left text and see-through pictures in the PDF; the logo's refusal,
the email draft, and exporting beside a file already there. All people and dates are
fictional."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import os
import zipfile

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn
from lxml import etree
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from mediator_desk.documents import pdf_renderer
from mediator_desk.documents.docx_renderer import _british, render_docx
from mediator_desk.documents.export import write_atomically
from mediator_desk.documents.facts import DocumentFacts, Service
from mediator_desk.documents.logo import MAX_BYTES, UnsuitableLogo, check_logo
from mediator_desk.documents.mail import email_draft
from mediator_desk.documents.model import (
    BulletList,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Pictures,
    Table,
)
from mediator_desk.documents.pdf_renderer import render_pdf
from mediator_desk.documents.picture import printable
from mediator_desk.documents.rich import rich_blocks
from mediator_desk.documents.statement_doc import statement_specials
from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome
from mediator_desk.services.documents import DocumentExists
from tests.conftest import TODAY, make_case, picture
from tests.documents.reading import MM, drawn_pieces
from tests.documents.test_letters import family

SPOKEN = ConfirmedHow.SPOKEN
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plain(*blocks, logo: bytes | None = None, contact: str = "") -> Document:
    return Document(
        "test", "Notes", "Notes", "Alex Mercer", "MD-2026-0011", dt.date(2026, 11, 23),
        Letterhead("Brackenfold SEND Mediation", contact, logo=logo), tuple(blocks),
    )  # fmt: skip


def logo_png(size: tuple[int, int] = (300, 120)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (15, 118, 110)).save(buffer, "PNG")
    return buffer.getvalue()


# -- the outcome statement ---------------------------------------------------------------------
def sealed_statement(desk):
    """A sealed statement with one issue (bullets, then a sentence), one sealed addendum and one
    still being drafted."""
    case = desk.create_case(make_case(meeting_date=TODAY, agreement_date=dt.date(2026, 11, 20)))
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    la = desk.attendees.add(
        case.id, Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True)
    )
    statement = desk.statement
    for person in (parent, la):
        statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    issue = statement.issues.add(case.id, Issue("Speech and language therapy in Section F"))
    statement.issues.update(
        issue.id,
        {
            "discussion": "- Weekly sessions\n- Review in July\nThe school agreed to both.",
            "outcome": Outcome.AGREED,
        },
    )
    case = desk.case(case.id)
    for person in (parent, la):
        statement.confirm(case, person.id, SPOKEN)
    statement.seal(case)
    addendum = statement.add_addendum(case.id, "The review month was misheard")
    addendum = statement.update_addendum(addendum.id, {"text": "The review is in June."})
    for person in (parent, la):
        statement.confirm_addendum(case, addendum, person.id, SPOKEN)
    sealed = statement.seal_addendum(case, addendum)
    draft = statement.add_addendum(case.id, "A second correction, not yet agreed")
    statement.update_addendum(draft.id, {"text": "Not agreed yet."})
    return desk.case(case.id), sealed


def heading(blocks, text):
    """The heading with this text and the blocks after it, up to the next heading of its
    level or above."""
    (index,) = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == text]
    rest = []
    for block in blocks[index + 1 :]:
        if isinstance(block, Heading) and block.level <= blocks[index].level:
            break
        rest.append(block)
    return blocks[index], rest


def test_the_statement_shows_its_sealed_addenda_each_with_its_hash(desk):
    """An addendum agreed and sealed after the statement is part of it (DESIGN.md section 1
    principle 5): its date, reason, words and SHA-256; one still being drafted is not."""
    case, addendum = sealed_statement(desk)
    blocks = desk.documents.build(case, "outcome-statement").blocks
    title, section = heading(blocks, "Addenda")
    assert title.level == 2
    assert addendum.created_at.date() == TODAY  # the tests' fixed clock
    assert section == [
        Heading("Addendum of Monday 23 November 2026", 3),
        Paragraph("Reason: The review month was misheard", bold=True),
        Paragraph("The review is in June."),
        Paragraph(f"SHA-256: {addendum.sha256}", small=True),
    ]
    assert len(addendum.sha256) == 64


def test_the_statement_heads_its_issues_and_who_was_present_as_its_form_says(desk):
    case, _ = sealed_statement(desk)
    blocks = desk.documents.build(case, "outcome-statement").blocks
    present, (table,) = heading(blocks, "Present")
    assert present.level == 2
    assert table.header == ("Name", "Role", "Organisation", "Time")
    issues, section = heading(blocks, "The issues discussed")  # the form's title
    assert issues.level == 2
    assert section[:3] == [
        Heading("1. Speech and language therapy in Section F", 3),
        BulletList(("Weekly sessions", "Review in July")),
        Paragraph("The school agreed to both."),
    ]


def test_a_form_without_a_title_for_the_issues_heads_them_issues():
    facts = DocumentFacts(case=make_case(), service=Service(), issue_date=TODAY, statement={})
    assert statement_specials(facts, {})["issues"]({}) == [Heading("Issues", 2)]


def test_bullets_followed_by_a_sentence_end_the_list_there():
    assert rich_blocks("- Weekly sessions\n* Review in July\nThe school agreed.") == [
        BulletList(("Weekly sessions", "Review in July")),
        Paragraph("The school agreed."),
    ]


# -- the letters and the child's profile ------------------------------------------------------
def test_the_meeting_letter_heads_who_takes_part_as_its_form_says(desk):
    blocks = desk.documents.build(family(desk), "meeting-letter").blocks
    title, section = heading(blocks, "Who will take part")
    assert title.level == 2
    assert isinstance(section[0], Table)
    assert section[0].header == ("Name", "Taking part as")


def test_the_profiles_pictures_have_a_heading_of_their_own(desk, tmp_path):
    case = desk.create_case(make_case())
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    desk.child_views.update(
        case.id,
        {"wishes": "To stay at Larchfield with my friends.", "share_with": frozenset({parent.id})},
    )
    source = tmp_path / "house.png"
    source.write_bytes(picture((160, 90)))
    desk.set_attachment_in_profile(desk.attach_file(case.id, source, "My house").id, True)
    blocks = desk.documents.build(desk.case(case.id), "child-views", parent.id).blocks
    title, (pictures, *_) = heading(blocks, "My pictures")
    assert title.level == 2
    assert isinstance(pictures, Pictures)
    assert [p.caption for p in pictures.items] == ["My house"]


# -- Word --------------------------------------------------------------------------------------
def test_a_numbered_list_is_in_words_list_number_style_and_bullets_in_list_bullet():
    data = render_docx(
        plain(BulletList(("Ask the school", "Write to the LA"), numbered=True), BulletList(("A",)))
    )
    styles = [(p.text, p.style.name) for p in read_docx(io.BytesIO(data)).paragraphs if p.text]
    assert styles == [
        ("Ask the school", "List Number"),
        ("Write to the LA", "List Number"),
        ("A", "List Bullet"),
    ]


def test_word_has_one_set_of_default_run_properties_in_british_english():
    """ECMA-376 17.7.5.1: w:docDefaults holds at most one w:rPrDefault; it is British English
    and keeps the template's font size."""
    data = render_docx(plain(Paragraph("Colour and behaviour.")))
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    (defaults,) = styles.findall(f"{W}docDefaults")
    (run_defaults,) = defaults.findall(f"{W}rPrDefault")
    rpr = run_defaults.find(f"{W}rPr")
    assert rpr.find(f"{W}lang").get(f"{W}val") == "en-GB"
    assert rpr.find(f"{W}sz").get(f"{W}val") == "22"


def test_a_template_without_document_defaults_gets_british_english_ones():
    """Word's default run properties are created where a template has none (ECMA-376
    17.7.5: w:docDefaults, w:rPrDefault, w:rPr, names Word reads case-sensitively)."""
    doc = read_docx()
    styles = doc.styles.element
    styles.remove(styles.find(qn("w:docDefaults")))
    _british(doc)
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_the_word_logo_has_no_space_around_it():
    """LibreOffice puts 1/8 inch around a picture with no distances (ECMA-376 20.4.2.8): the
    logo's are all zero, so it lines up with the page's text."""
    doc = read_docx(io.BytesIO(render_docx(plain(logo=logo_png()))))
    (inline,) = doc.sections[0].header._element.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"
    )
    assert dict(inline.attrib) == {
        "distT": "0",
        "distB": "0",
        "distL": "0",
        "distR": "0",
    }


# -- PDF ---------------------------------------------------------------------------------------
def test_the_service_name_alone_is_centred_on_the_logo():
    """With no contact details, the name's capitals (3.1 mm high) are centred on the logo's
    box, whose middle is 19 mm below the top of the page."""
    data = render_pdf(plain(Paragraph("Notes of the call."), logo=logo_png()))
    page = PdfReader(io.BytesIO(data)).pages[0]
    baselines = []

    def visit(text, cm, tm, *_):
        if text.strip() == "Brackenfold SEND Mediation":
            baselines.append((cm[5] + tm[5] * cm[3]) / MM)

    page.extract_text(visitor_text=visit)
    assert baselines == [pytest.approx(297 - 19 - 3.1 / 2, abs=0.05)]


def test_a_character_the_fonts_lack_is_drawn_as_the_plain_one_it_stands_for():
    """In an Urdu sentence ("the next meeting is on the 12th"), the circled number ⑫ is in
    neither embedded font: it is drawn as the digits it stands for (NFKC), never as a box."""
    glyphs = pdf_renderer._fonts()
    assert 0x246B not in glyphs
    drawn = "".join(drawn_pieces(render_pdf(plain(Paragraph("اگلی ملاقات ⑫ تاریخ کو ہے")))))
    assert "12" in drawn
    assert all(ord(char) in glyphs for char in drawn)


def test_bold_right_to_left_lines_are_broken_to_fit_in_bold():
    """Each line of a bold paragraph with right-to-left words fits the room as drawn in bold:
    bold letters are wider, so measuring them in the regular font would overfill lines."""
    style = pdf_renderer._styles()["h3"]
    words = "Weekly speech and language therapy sessions at Larchfield Academy " * 8
    room = 300.0
    lines = pdf_renderer._break_lines("عائشہ " + words.strip(), style, room)
    assert len(lines) > 3
    for line in lines[1:]:  # the first holds the Arabic-script name, measured in its own font
        assert pdfmetrics.stringWidth(line, pdf_renderer.BOLD, style.fontSize) <= room


def test_a_right_to_left_list_items_first_part_keeps_its_bullet_when_split_again():
    """reportlab may split a part again (a frame shorter than expected): the bullet stays on
    the right of the first part only."""
    style = pdf_renderer._styles()["item"]
    item = pdf_renderer._RightBullet(pdf_renderer.Paragraph("کونسل " * 200, style), "1.")
    item.wrap(400, 10_000)
    first, *rest = item.split(400, 60)
    assert isinstance(first, pdf_renderer._RightBullet)
    assert first.bullet == "1."
    assert rest and not isinstance(rest[0], pdf_renderer._RightBullet)


def test_a_grey_picture_with_a_see_through_colour_stays_see_through_in_the_pdf():
    """A greyscale PNG whose black is marked transparent (tRNS) prints with that part clear,
    not as a black block: the PDF draws it with a soft mask."""
    grey = Image.new("L", (40, 30), 0)
    grey.paste(200, (10, 10, 30, 20))
    buffer = io.BytesIO()
    grey.save(buffer, "PNG", transparency=0)
    ready = printable(buffer.getvalue(), "A grey star")
    page = PdfReader(io.BytesIO(render_pdf(plain(Pictures((ready,)))))).pages[0]
    (drawn,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert "/SMask" in drawn


# -- the logo, the email draft and exporting ---------------------------------------------------
def test_a_logo_over_1_mb_is_refused_in_words_the_mediator_can_act_on():
    with pytest.raises(UnsuitableLogo) as refused:
        check_logo(b"\x89PNG\r\n\x1a\n" + bytes(MAX_BYTES))
    assert refused.value.message == (
        "The logo is too large: it must be a PNG or JPEG picture of at most 1 MB. Save a "
        "smaller copy and choose that."
    )


def test_the_email_opens_as_a_draft_to_check_and_send():
    data = email_draft(("Alex Mercer", "mediation@example.org"), [], "Documents", "Dear all,", [])
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["X-Unsent"] == "1"


def test_without_hard_links_an_existing_document_is_named_in_the_refusal(
    desk, tmp_path, monkeypatch
):
    """On a FAT USB stick (no hard links) the mediator is told which file is already there."""

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    case = family(desk)
    written = desk.documents.export(case, "meeting-letter", "docx", tmp_path)
    with pytest.raises(DocumentExists) as refused:
        desk.documents.export(case, "meeting-letter", "docx", tmp_path)
    assert str(refused.value) == (
        f"{written.name} already exists in {tmp_path}. Nothing was written."
    )
    with pytest.raises(FileExistsError) as direct:
        write_atomically(written, b"again", replace=False)
    assert direct.value.filename == str(written)


def test_the_statement_shows_other_matters_and_next_steps_under_their_own_headings(desk):
    """What the parties agreed beyond the issues, and what happens next, are part of the
    outcome statement (DOMAIN.md: the mediator records the outcome in writing)."""
    case = desk.create_case(make_case(meeting_date=TODAY))
    desk.statement.record.update(
        case.id,
        {"other_matters": "Transport was raised.", "next_steps": "- Plan in 5 weeks"},
    )
    blocks = desk.documents.build(desk.case(case.id), "outcome-statement").blocks
    title, section = heading(blocks, "Other matters")
    assert (title.level, section) == (2, [Paragraph("Transport was raised.")])
    title, section = heading(blocks, "Next steps")
    assert (title.level, section) == (2, [BulletList(("Plan in 5 weeks",))])


def test_a_draft_statement_says_each_party_is_asked_to_confirm_it_before_it_is_sealed(desk):
    """Before the seal, the statement's lead sentence asks for each party's agreement (seed
    002: agreement to its accuracy before the meeting ends), and claims none."""
    from mediator_desk.documents.statement_doc import confirmation_sentence

    case = desk.create_case(make_case(meeting_date=TODAY))
    assert confirmation_sentence(desk.documents.facts(case)) == (
        "Each party is asked to confirm that it is accurate before it is sealed."
    )


def test_an_issues_agreed_actions_are_a_table_of_what_who_and_by_when(desk):
    """Each agreed action under its issue: what, who and by when (DOMAIN.md: the outcome
    statement records who will do what by when)."""
    case = desk.create_case(make_case(meeting_date=TODAY))
    issue = desk.statement.issues.add(case.id, Issue("Speech and language therapy"))
    desk.add_action(
        case.id, AgreedAction("Issue the amended plan", owner="Fernleigh CC", issue_id=issue.id)
    )
    blocks = desk.documents.build(desk.case(case.id), "outcome-statement").blocks
    (table,) = [b for b in blocks if isinstance(b, Table) and b.header[0] == "Agreed action"]
    assert table.header == ("Agreed action", "Who", "By when")
    assert [row[:2] for row in table.rows] == [("Issue the amended plan", "Fernleigh CC")]
