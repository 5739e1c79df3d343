"""What the documents say and where the PDF puts it, for the changes a mutation run of
mediator_desk/documents (docs/testing.md) found no test for: the late-contact warning on a
certificate word for word and in bold, who a certificate is issued to, the integrated care board
when none is named, an outcome statement with nothing recorded yet, the letters' views
sentence, contact details and profile note, a form's numbered list, and the PDF's letterhead,
table of facts and lettering of Urdu. Every person and date is fictional."""

from __future__ import annotations

import datetime as dt
import io
from itertools import pairwise

from pypdf import PdfReader

from mediator_desk.documents.build import CONDITIONS, PLACEHOLDERS, build_document
from mediator_desk.documents.facts import DocumentFacts, Service
from mediator_desk.documents.forms import load_form, render_form
from mediator_desk.documents.model import (
    BulletList,
    Document,
    Heading,
    KeyValues,
    Letterhead,
    Paragraph,
    Table,
)
from mediator_desk.documents.pdf_renderer import render_pdf
from mediator_desk.documents.text import visual_order
from mediator_desk.domain.preparation import Attendee, ChildPart, Role
from tests.conftest import TODAY, make_case

D = dt.date
MM = 72 / 25.4  # PDF points in a millimetre
A4_WIDTH, A4_HEIGHT = 210 * MM, 297 * MM
MARGIN = 20 * MM  # the PDF's left and right margins
TEXT_WIDTH = A4_WIDTH - 2 * MARGIN
LA = "Royal Borough of Fernleigh"
SERVICE = {
    "name": "Porthkennack Mediation",
    "mediator": "Alex Mercer",
    "adviser": "Sam Okoro",
    "phone": "0117 496 0000",
    "email": "mediation@example.org",
}


# -- helpers ------------------------------------------------------------------------------------
def a_case(desk, parent="Morwenna Tregothnan", health=None, **overrides):
    """A fictional mediation case: the notice dated Mon 26 Oct 2026, the adviser contacted in
    time, the family declining on Mon 2 Nov before the LA was told, a meeting set for Fri 4 Dec;
    one parent (as typed) and, if given, a health attendee."""
    desk.documents.set_service(SERVICE)
    fields = dict(
        child_name="Lowenna Tregothnan",
        local_authority=LA,
        decision_date=D(2026, 10, 26),
        adviser_contacted=D(2026, 10, 28),
        declined_on=D(2026, 11, 2),
        la_informed=D(2026, 11, 3),
        meeting_date=D(2026, 12, 4),
    )
    fields.update(overrides)
    case = desk.create_case(make_case(**fields))
    if parent:
        desk.attendees.add(case.id, Attendee(parent, Role.PARENT_CARER))
    if health:
        desk.attendees.add(case.id, health)
    return desk.case(case.id)


def young_person(desk):
    """A young person of 19 who is the party, taking part under their own name."""
    case = a_case(
        desk,
        parent=None,
        declined_on=None,
        child_name="Tomos Penhallow",
        child_dob=D(2007, 3, 1),
    )
    desk.attendees.add(case.id, Attendee("Tomos Penhallow", Role.YOUNG_PERSON))
    return case


def facts_table(document) -> dict[str, str]:
    """The certificate's or statement's table of facts, label to value."""
    return {
        k: v for block in document.blocks if isinstance(block, KeyValues) for k, v in block.pairs
    }


def paragraph_saying(document, words: str) -> Paragraph:
    """The one paragraph of the document with these words in it."""
    (found,) = [b for b in document.blocks if isinstance(b, Paragraph) and words in b.text]
    return found


def placed_text(data: bytes) -> list[tuple[str, float, float, float]]:
    """Each piece of text on the first page with where it starts (x, baseline y, in points
    from the bottom left) and its font size."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    pieces: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, size) -> None:
        if text.strip():
            x = cm[4] + tm[4] * cm[0]
            y = cm[5] + tm[5] * cm[3]
            pieces.append((text.strip(), x, y, size))

    page.extract_text(visitor_text=visit)
    return pieces


def a_pdf(*blocks, letterhead=None) -> bytes:
    return render_pdf(
        Document(
            "test", "Facts", "Facts", "Alex Mercer", "MD-2026-0009", TODAY,
            letterhead or Letterhead("Porthkennack Mediation"), tuple(blocks),
        )
    )  # fmt: skip


# -- certificates -------------------------------------------------------------------------------
def test_a_late_contact_certificate_warns_in_bold_in_the_regulations_own_words(desk):
    """SEND Regulations 2014 reg 33: the adviser is to be contacted within 2 months of the
    decision notice. After a late contact the certificate says so, naming the Special
    Educational Needs and Disability Regulations 2014 by their title, and that it does not
    extend the time for appealing (HESC Rules 2008 r20); the warning stands out in bold."""
    case = a_case(desk, decision_date=D(2026, 8, 3), adviser_contacted=D(2026, 10, 28))
    warning = paragraph_saying(
        desk.documents.build(case, "certificate-not-pursued"), "Morwenna Tregothnan contacted"
    )
    assert warning.text == (
        "Morwenna Tregothnan contacted the mediation adviser on Wednesday 28 October 2026, "
        "after the 2 months allowed (by Saturday 3 October 2026) by regulation 33 of the "
        "Special Educational Needs and Disability Regulations 2014. This certificate does not "
        "extend the time for appealing beyond what the Tribunal allows: the Tribunal decides "
        "whether to accept an appeal made more than 2 months after the decision notice was "
        "sent. Take advice (your local SENDIASS can help) and appeal as soon as possible."
    )
    assert warning.bold is True


def test_a_parent_typed_with_a_label_is_issued_the_certificate_under_that_name_as_typed(desk):
    """CFA 2014 s55(4): the certificate names the parent it is issued to. A name typed with
    its own label in brackets is not given a second one; a bare name is labelled."""
    labelled = a_case(desk, parent="Morwenna Tregothnan (mother)")
    table = facts_table(desk.documents.build(labelled, "certificate-not-pursued"))
    assert table["Issued to"] == "Morwenna Tregothnan (mother)"
    bare = a_case(desk, parent="Morwenna Tregothnan")
    table = facts_table(desk.documents.build(bare, "certificate-not-pursued"))
    assert table["Issued to"] == "Morwenna Tregothnan (parent or carer)"


def test_a_health_certificate_with_no_board_named_describes_the_board_from_a_capital(desk):
    """CFA 2014 s53: where health care provision is mediated the integrated care board takes
    part; with no board recorded, the certificate's row (s55) describes it, starting with a
    capital letter."""
    case = a_case(desk, health_issues=True)
    table = facts_table(desk.documents.build(case, "certificate-not-pursued"))
    assert table["Integrated care board"] == "The integrated care board (ICB) for the area"


# -- the outcome statement ----------------------------------------------------------------------
def test_an_outcome_statement_with_nothing_recorded_yet_has_no_present_table():
    """Facts with no statement content (no draft, nothing sealed) still make a statement:
    who was present is simply not listed yet."""
    facts = DocumentFacts(
        case=make_case(local_authority=LA, meeting_date=D(2026, 12, 4)),
        service=Service(name="Porthkennack Mediation", mediator="Alex Mercer"),
        issue_date=TODAY,
    )
    document = build_document("outcome-statement", facts)
    assert "Present" not in [b.text for b in document.blocks if isinstance(b, Heading)]
    assert not [b for b in document.blocks if isinstance(b, Table)]


# -- letters and the profile --------------------------------------------------------------------
def test_the_meeting_letter_says_how_much_of_the_meeting_the_child_joins_in_lower_case(desk):
    """CFA 2014 s56(1)(e): the child's views are sought where a parent is the party; the letter
    says the child will join part of the meeting, mid-sentence in lower case."""
    case = a_case(desk, declined_on=None)
    desk.child_views.update(case.id, {"will_attend": ChildPart.PART})
    letter = desk.documents.build(desk.case(case.id), "meeting-letter")
    assert paragraph_saying(letter, "Lowenna will join").text == (
        "Lowenna will join part of the meeting, and Lowenna's views will be at the centre of "
        "the discussion."
    )


def test_a_young_person_with_no_views_recorded_is_not_thanked_for_them(desk):
    """CFA 2014 s83(2): a young person who is the party is told their views are central; they
    are thanked for their views only once some are recorded."""
    case = young_person(desk)
    letter = desk.documents.build(desk.case(case.id), "meeting-letter")
    assert paragraph_saying(letter, "Your views are at the centre").text == (
        "Your views are at the centre of the meeting. You can speak for yourself, and you may "
        "also tell me your views beforehand in whatever way suits you: in a conversation, by "
        "phone or video call, or in writing."
    )
    assert not [b for b in letter.blocks if isinstance(b, Paragraph) and "Thank you" in b.text]


def test_the_letter_offers_the_phone_number_or_the_email_address(desk):
    """The family is told how to reach the mediator: the phone number or the email address."""
    letter = desk.documents.build(a_case(desk, declined_on=None), "meeting-letter")
    assert paragraph_saying(letter, "If you have any questions").text == (
        "If you have any questions, please contact me on 0117 496 0000 or mediation@example.org."
    )


def test_the_profile_says_views_were_gathered_in_conversation_when_no_way_is_recorded(desk):
    """CFA 2014 s56(1)(e): the profile says who gathered the child's views, when and how; with
    no way recorded it says they were gathered in conversation."""
    case = a_case(desk, declined_on=None)
    parent = desk.attendees.list(case.id)[0]
    desk.child_views.update(
        case.id,
        {
            "wishes": "I want to keep my trampoline sessions",
            "gathered_by": "Alex Mercer",
            "gathered_on": D(2026, 11, 12),
            "share_with": frozenset({parent.id}),
        },
    )
    profile = desk.documents.build(desk.case(case.id), "child-views", parent.id)
    assert paragraph_saying(profile, "Gathered by").text == (
        "Gathered by Alex Mercer on Thursday 12 November 2026 (in conversation)."
    )


def test_with_no_date_recorded_the_profile_says_who_and_how_with_single_spaces(desk):
    """With no date recorded, no gap is left where the date would be (the golden text showed
    "Gathered by the mediator  (in conversation).")."""
    case = a_case(desk, declined_on=None)
    parent = desk.attendees.list(case.id)[0]
    desk.child_views.update(
        case.id, {"wishes": "I want to keep my trampoline sessions",
                  "share_with": frozenset({parent.id})},
    )  # fmt: skip
    profile = desk.documents.build(desk.case(case.id), "child-views", parent.id)
    assert paragraph_saying(profile, "Gathered by").text == (
        "Gathered by the mediator (in conversation)."
    )


# -- forms --------------------------------------------------------------------------------------
NUMBERED_FORM = """title = "Next steps"
subject = "Next steps"

[[block]]
type = "numbered"
when = ["mediation", "not young_person"]
items = [
  "{recipient} has authority to agree for Fernleigh County Council.",
  "{the_la_capital} sends the minutes.",
]
"""


def test_a_form_knows_the_conditions_its_blocks_test(tmp_path):
    """forms/README.md: a block's `when` names facts about the case; the loaded form lists the
    names it uses, a `not` taken off."""
    (tmp_path / "steps.toml").write_text(NUMBERED_FORM)
    form = load_form("steps", PLACEHOLDERS, tmp_path, CONDITIONS)
    assert form.conditions == frozenset({"mediation", "young_person"})


def test_a_forms_numbered_list_is_numbered_on_the_left_even_after_an_arabic_name(tmp_path):
    """A form's list is English (forms/README.md): numbered 1., 2. down the left margin, even
    where an item begins with a name in Arabic script (UAX #9 HL1: the document sets the
    direction), so the number never moves to the right-hand side."""
    (tmp_path / "steps.toml").write_text(NUMBERED_FORM)
    form = load_form("steps", PLACEHOLDERS, tmp_path, CONDITIONS)
    data = {"recipient": "عائشہ قریشی", "the_la_capital": "The Royal Borough of Fernleigh"}
    blocks = render_form(form, data, {}, frozenset({"mediation", "parent"}))
    assert blocks == [
        BulletList(
            (
                "عائشہ قریشی has authority to agree for Fernleigh County Council.",
                "The Royal Borough of Fernleigh sends the minutes.",
            ),
            numbered=True,
            rtl=False,
        )
    ]
    numbers = {
        text: x for text, x, _y, _size in placed_text(a_pdf(*blocks)) if text in ("1.", "2.")
    }
    assert set(numbers) == {"1.", "2."}
    assert all(MARGIN <= x < MARGIN + 10 for x in numbers.values())  # at the bullet indent


# -- the PDF ------------------------------------------------------------------------------------
def test_the_pdf_letterhead_names_the_service_in_the_top_band_with_contacts_below():
    """The letterhead: the service's name in 12 pt with its baseline 16 mm from the top of the
    page, its contact details 5 mm below in 8.5 pt (the size of the footer too), all above the
    rule 24 mm down."""
    head = Letterhead(
        "Porthkennack Mediation", "1 Quay Street, Porthkennack", "0117 496 0000",
        "mediation@example.org",
    )  # fmt: skip
    placed = {
        text: (x, y, size)
        for text, x, y, size in placed_text(a_pdf(Paragraph("Dear Morwenna,"), letterhead=head))
    }
    x, y, size = placed["Porthkennack Mediation"]
    assert (round(x / MM, 1), round((A4_HEIGHT - y) / MM, 1), size) == (20.0, 16.0, 12)
    contact = "1 Quay Street, Porthkennack · 0117 496 0000 · mediation@example.org"
    x, y, size = placed[contact]
    assert (round(x / MM, 1), round((A4_HEIGHT - y) / MM, 1), size) == (20.0, 21.0, 8.5)
    assert placed["Page 1 of 1"][2] == 8.5


def test_a_table_of_facts_puts_values_a_third_across_and_rows_evenly_apart():
    """A certificate's facts in two columns: labels at the margin, values from 32% of the
    text width, each one-line row 19.5 pt deep (3 pt above, a 12.5 pt line, 4 pt below)."""
    facts = KeyValues(
        (
            ("Child or young person", "Lowenna Tregothnan"),
            ("Date of birth", "Thursday 14 May 2015"),
            ("Local authority", LA),
        )
    )
    placed = {text: (x, y) for text, x, y, _size in placed_text(a_pdf(facts))}
    cell_padding = 6
    for label, value in facts.pairs:
        assert abs(placed[label][0] - (MARGIN + cell_padding)) < 0.01
        assert abs(placed[value][0] - (MARGIN + 0.32 * TEXT_WIDTH + cell_padding)) < 0.01
    baselines = [placed[label][1] for label, _value in facts.pairs]
    assert [round(a - b, 2) for a, b in pairwise(baselines)] == [19.5, 19.5]


def test_a_letter_shape_the_font_lacks_is_drawn_as_its_base_letter():
    """Urdu letters a font has no shaped form for fall back to their base letter (NFKC), so a
    name is never printed as empty boxes."""
    no_shaped_forms = lambda cp: not 0xFB50 <= cp <= 0xFEFF  # noqa: E731
    assert visual_order("ے", no_shaped_forms) == "ے"  # YEH BARREE, not its isolated form
    assert visual_order("ے") == "\ufbae"  # shaped where the font is not asked


def test_a_young_persons_letter_greets_them_by_the_name_they_take_part_under(desk):
    """CFA 2014 s83(2): a young person is the party, so the letter is addressed to them, by the
    name recorded for them as a party (here shorter than the case's full name)."""
    case = a_case(desk, parent=None, child_name="Jowan Pascoe", child_dob=D(2008, 3, 2),
                  declined_on=None)  # fmt: skip
    desk.attendees.add(case.id, Attendee("Jo Pascoe", Role.YOUNG_PERSON))
    letter = desk.documents.build(desk.case(case.id), "meeting-letter")
    assert paragraph_saying(letter, "Dear ").text == "Dear Jo Pascoe,"


def test_a_profile_with_nothing_recorded_says_so(desk):
    """A profile shared before anything is written down says plainly that no views have been
    recorded yet, rather than being an empty page."""
    case = a_case(desk, declined_on=None)
    parent = desk.attendees.list(case.id)[0]
    desk.child_views.update(case.id, {"share_with": frozenset({parent.id})})
    profile = desk.documents.build(desk.case(case.id), "child-views", parent.id)
    assert paragraph_saying(profile, "No views").text == "No views have been recorded yet."
