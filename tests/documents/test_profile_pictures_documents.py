"""The child's one-page profile shows the pictures the mediator chose, scaled to fit, each
with its caption, in both Word and PDF; pictures not chosen, and PDF scans, stay out."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx
from docx.shared import Mm
from pypdf import PdfReader

from mediator_desk.documents import model
from mediator_desk.documents.export import render
from mediator_desk.domain.preparation import Attendee, Role
from tests.conftest import make_case, picture


def attach(desk, case_id, tmp_path, name, data, caption, chosen):
    source = tmp_path / name
    source.write_bytes(data)
    attachment = desk.attach_file(case_id, source, caption)
    if chosen:
        desk.set_attachment_in_profile(attachment.id, True)
    return attachment


@pytest.fixture
def profile(desk, tmp_path):
    """A profile shared with the parent, with a wide drawing, a tall photograph (GIF) chosen,
    one picture not chosen and a scan in PDF."""
    case = desk.create_case(make_case())
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    desk.child_views.update(
        case.id,
        {"wishes": "To stay at Larchfield with my friends.", "share_with": frozenset({parent.id})},
    )
    attach(desk, case.id, tmp_path, "house.png", picture((1600, 900)), "My house and Pip", True)
    attach(
        desk, case.id, tmp_path, "tall.gif", picture((300, 2400), "GIF"), "Me on the slide", True
    )
    attach(desk, case.id, tmp_path, "private.png", picture((50, 50)), "Not for sharing", False)
    attach(desk, case.id, tmp_path, "letter.pdf", b"%PDF-1.4\n%%EOF\n", "GP letter", False)
    return desk.case(case.id), parent


def pictures_of(document):
    return [b for b in document.blocks if isinstance(b, model.Pictures)]


def test_the_profile_carries_the_chosen_pictures_with_their_captions(desk, profile):
    case, parent = profile
    document = desk.documents.build(case, "child-views", parent.id)
    (block,) = pictures_of(document)
    assert [p.caption for p in block.items] == ["My house and Pip", "Me on the slide"]
    assert all(p.data[:8] == b"\x89PNG\r\n\x1a\n" or p.data[:3] == b"\xff\xd8\xff"
               for p in block.items)  # fmt: skip


def test_the_pdf_profile_shows_them_on_its_one_page(desk, profile):
    case, parent = profile
    reader = PdfReader(io.BytesIO(render(desk.documents.build(case, "child-views", parent.id),
                                         "pdf")))  # fmt: skip
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert len(page.images) == 2
    text = page.extract_text()
    assert "My house and Pip" in text and "Me on the slide" in text
    assert "Not for sharing" not in text and "GP letter" not in text


def test_the_word_profile_shows_them_scaled_to_fit(desk, profile):
    case, parent = profile
    data = render(desk.documents.build(case, "child-views", parent.id), "docx")
    doc = read_docx(io.BytesIO(data))
    shapes = doc.inline_shapes
    assert len(shapes) == 2
    for shape in shapes:
        assert shape.width <= Mm(82) and shape.height <= Mm(70)
    wide, tall = shapes
    assert abs(wide.width / wide.height - 1600 / 900) < 0.02  # in proportion
    assert abs(tall.width / tall.height - 300 / 2400) < 0.02
    text = "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert "My house and Pip" in text and "Me on the slide" in text
    assert "Not for sharing" not in text


def test_without_chosen_pictures_the_profile_has_none(desk, profile):
    case, parent = profile
    for attachment in desk.attachments(case.id):
        desk.set_attachment_in_profile(attachment.id, False)
    document = desk.documents.build(case, "child-views", parent.id)
    assert pictures_of(document) == []
    assert len(PdfReader(io.BytesIO(render(document, "pdf"))).pages[0].images) == 0
