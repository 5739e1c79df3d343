"""What each document says and how it looks, held whole: any change to a reader's copy (a word,
a date, a rule's sentence, a font size, a margin, a line's colour, a table's padding) fails here
with the lines that changed, until it is read and approved by rewriting the golden text
(MEDIATOR_DESK_UPDATE_GOLDEN=1, docs/testing.md "Golden documents").

The field-by-field tests (test_documents.py and the rest) say why each fact is right; these say
that nothing else moved. Three sets:
- a specimen using every kind of block and setting, in both formats, with and without a logo;
- every kind of document for the full case of test_documents.py, as built and in both formats,
  and its outcome statement sealed, with the child's views shared and a sealed addendum;
- every kind of document for every demo case, as built, or the sentence that refuses it."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from mediator_desk.documents.build import KINDS
from mediator_desk.documents.export import render
from mediator_desk.documents.model import (
    BulletList,
    Document,
    Heading,
    KeyValues,
    Letterhead,
    Paragraph,
    Picture,
    Pictures,
    SignatureBlock,
    Table,
)
from mediator_desk.services.documents import CannotMakeDocument
from tests.conftest import seal_with_an_addendum
from tests.documents.golden import docx_text, matches_golden, model_text, pdf_text
from tests.documents.test_documents import D, case_for_kind, full_case  # noqa: F401 (a fixture)

FORMATS = {"pdf": pdf_text, "docx": docx_text}


def drawing(size: tuple[int, int], see_through: bool = False) -> bytes:
    """A fictional child's drawing: a sun over a green hill, optionally on a clear ground."""
    ground = (0, 0, 0, 0) if see_through else "white"
    image = Image.new("RGBA" if see_through else "RGB", size, ground)
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size[0] // 3, size[1] // 3), fill=(240, 190, 20))
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(40, 140, 60))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def specimen(logo: bool, draft: bool) -> Document:
    """Every kind of block, each setting of each, and right-to-left text, over two pages."""
    return Document(
        kind="specimen",
        title="Specimen of every block",
        subject="Mediation specimen",
        author="Alex Mercer",
        reference="MD-2026-0099",
        date=D(2026, 4, 3),
        letterhead=Letterhead(
            "Porthkennack Mediation",
            # with a logo, long enough for the contact details to take two lines beside it
            "The Old Sail Loft, 2 Quay Street, Porthkennack, Cornwall"
            if logo
            else "2 Quay Street, Porthkennack",
            "0117 496 0000",
            "mediation@example.org",
            drawing((160, 64)) if logo else None,
        ),
        draft=draft,
        blocks=(
            Heading("A heading of the first level"),
            Heading("A heading of the second level", 2),
            Heading("A heading of the third level", 3, keep_with_next=False),
            Paragraph("A plain paragraph with “curly quotes”, an en dash – and Cymraeg: ŵ ŷ."),
            Paragraph("A bold paragraph.", bold=True),
            Paragraph("A small paragraph, as a footnote is.", small=True),
            Paragraph("Kept with the list below.", keep_with_next=True),
            BulletList(("First point", "Second point\nwith a second line")),
            BulletList(("One", "Two", "Three"), numbered=True),
            BulletList(("أريد البقاء في مدرستي", "שלום"), rtl=True),
            Paragraph("نريد أن نستمع إلى آراء الطفل", rtl=None),
            Paragraph("عائشہ قریشی agreed, an English sentence starting with a name.", rtl=False),
            Paragraph("Outcome: Agreed", bold=True),
            Table(
                ("What", "Who", "By when"),
                (
                    (
                        "Weekly speech and language sessions",
                        "Fernleigh County Council",
                        "Friday 3 April 2026",
                    ),
                    ("Review the plan", "Tremough Primary School", ""),
                ),
            ),
            KeyValues((("Child", "Lowenna Tregothnan"), ("Date of birth", "Thursday 14 May 2015"))),
            KeyValues((("Name", "عائشہ قریشی"),), rtl=True),
            SignatureBlock(
                (
                    ("Małgorzata Wiśniewska-Żak, parent", "Agreed by video, 10:42"),
                    ("Fernleigh County Council", "______________________"),
                ),
            ),
            Pictures(
                (
                    Picture(drawing((120, 90)), 120, 90, "My house"),
                    Picture(drawing((90, 120), see_through=True), 90, 120, "میرا اسکول"),  # Urdu
                    Picture(drawing((200, 100)), 200, 100, ""),
                )
            ),
            Paragraph("A long paragraph to reach a second page. " * 60),
            Paragraph("Yours sincerely,\n\nAlex Mercer\nMediator"),
        ),
    )


@pytest.mark.parametrize("logo", [False, True], ids=["plain", "logo"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_specimen_in_both_formats(fmt, logo):
    """Every block and setting, drawn as it is now: a draft with a logo, a sealed one without."""
    document = specimen(logo=logo, draft=logo)
    matches_golden(f"specimen-{'logo' if logo else 'plain'}.{fmt}.txt",
                   FORMATS[fmt](render(document, fmt)))  # fmt: skip


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_for_the_full_case(desk, full_case, kind):  # noqa: F811 (the fixture)
    """Each kind as built for the full case of test_documents.py (hostile text, right-to-left
    and Welsh words, every date recorded), and as drawn in both formats."""
    case, parent, _ = full_case
    case = case_for_kind(desk, case, kind)
    recipient = parent.id if kind == "child-views" else None
    document = desk.documents.build(case, kind, recipient)
    matches_golden(f"full-case/{kind}.model.txt", model_text(document))
    for fmt, text in FORMATS.items():
        matches_golden(f"full-case/{kind}.{fmt}.txt", text(render(document, fmt)))


def test_the_full_case_statement_sealed_with_the_views_and_an_addendum(desk, full_case):  # noqa: F811
    """The statement as the parties receive it after the meeting: the child's views shared with
    everyone present (CFA 2014 s56(1)(e)), each party's confirmation (SEND Regulations 2014
    reg 42(1)), the seal's hash, and a correction sealed after it as a dated addendum; and the
    certificate that follows it (CFA 2014 s55(5))."""
    case, parent, la = full_case
    desk.child_views.update(
        case.id,
        {"gathered_by": "Alex Mercer", "gathered_on": D(2026, 11, 12),
         "share_with": frozenset({parent.id, la.id})},
    )  # fmt: skip
    seal_with_an_addendum(desk, desk.case(case.id), [parent.id, la.id])
    document = desk.documents.build(desk.case(case.id), "outcome-statement")
    matches_golden("full-case/outcome-statement-sealed.model.txt", model_text(document))
    for fmt, text in FORMATS.items():
        matches_golden(f"full-case/outcome-statement-sealed.{fmt}.txt", text(render(document, fmt)))
    # With the statement sealed, the certificate says how far agreement went (some issues).
    certificate = desk.documents.build(desk.case(case.id), "certificate-concluded")
    matches_golden("full-case/certificate-concluded-sealed.model.txt", model_text(certificate))


def test_every_kind_for_every_demo_case(desk):
    """What each demo case would be sent: every kind, for each person it may go to, as built,
    or the plain-English sentence that says why it cannot be made yet."""
    desk.load_demo_cases()
    for summary in desk.list_cases():
        case = desk.case(summary.id)
        people = [None, *(p.id for p in desk.attendees.list(case.id))]
        parts = []
        for kind in KINDS:
            for recipient in people if kind == "child-views" else [None]:
                parts.append(f"##### {kind} for {recipient}")
                try:
                    parts.append(model_text(desk.documents.build(case, kind, recipient)))
                except CannotMakeDocument as refusal:
                    parts.append(f"refused: {refusal}\n")
        matches_golden(f"demo/{case.reference}.txt", "\n".join(parts))
