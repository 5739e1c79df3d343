"""The service's logo: only a PNG or JPEG of sensible size is kept, it survives in the case file,
and it sits in the letterhead of every PDF page and in the Word header, in proportion."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile

import pytest
from docx import Document as read_docx
from docx.image.image import Image as DocxImage
from docx.shared import Mm
from PIL import Image, ImageDraw
from pypdf import PdfReader

from mediator_desk.documents.export import render
from mediator_desk.documents.logo import MAX_BYTES, UnsuitableLogo, check_logo
from mediator_desk.documents.model import Document, Letterhead, Paragraph
from mediator_desk.services import open_desk
from mediator_desk.services.documents import LOGO_KEY, LogoNotAccepted
from mediator_desk.store import errors
from tests.conftest import make_case


def picture(fmt: str = "PNG", size: tuple[int, int] = (120, 120), mode: str = "RGB") -> bytes:
    """A fictional logo: a teal rounded square with a white bar."""
    image = Image.new(mode, size, "white")
    if mode in ("RGB", "RGBA"):
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius=12, fill=(15, 118, 110))
        draw.rectangle((size[0] // 4, size[1] // 3, size[0] * 3 // 4, size[1] // 2), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def noise_png(side: int) -> bytes:
    """A PNG that does not compress: about 3 bytes per pixel."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def letter(logo: bytes | None, paragraphs: int = 1) -> Document:
    return Document(
        kind="meeting-letter",
        title="Meeting confirmation",
        subject="Mediation meeting",
        author="Alex Mercer",
        reference="MD-2026-0007",
        date=dt.date(2026, 11, 23),
        letterhead=Letterhead(
            "Brackenfold SEND Mediation", "Unit 4, Tanners Yard", "01632 960 123", "", logo
        ),
        blocks=tuple(Paragraph("Words to fill the page. " * 40) for _ in range(paragraphs)),
    )


# -- checking the picture ---------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_small_png_or_jpeg_is_accepted(fmt):
    assert check_logo(picture(fmt, (160, 64))) == (160, 64)


def test_a_transparent_png_is_accepted():
    assert check_logo(picture("PNG", (40, 40), "RGBA")) == (40, 40)


@pytest.mark.parametrize(
    "data",
    [
        b"Brackenfold SEND Mediation: not a picture, only named logo.png\n",
        picture("GIF"),
        picture("BMP"),
        b"",
    ],
    ids=["text named .png", "gif", "bmp", "empty"],
)
def test_anything_but_png_or_jpeg_is_refused_by_its_content(data):
    with pytest.raises(UnsuitableLogo, match=r"^The logo must be a PNG or JPEG picture"):
        check_logo(data)


def test_a_cut_short_picture_is_refused():
    data = picture("PNG", (200, 200))
    with pytest.raises(UnsuitableLogo, match="damaged"):
        check_logo(data[: len(data) // 2])


def test_a_file_over_1_mb_is_refused():
    data = noise_png(700)
    assert len(data) > MAX_BYTES
    with pytest.raises(UnsuitableLogo, match="at most 1 MB"):
        check_logo(data)


@pytest.mark.parametrize("size", [(4001, 8), (8, 4001)])
def test_a_picture_over_4000_pixels_a_side_is_refused(size):
    data = picture("PNG", size, "1")
    assert len(data) < MAX_BYTES
    with pytest.raises(UnsuitableLogo, match="4001") as refused:
        check_logo(data)
    assert "at most 4000 × 4000 pixels" in refused.value.message
    assert check_logo(picture("PNG", (4000, 8), "1")) == (4000, 8)


def test_a_picture_too_big_for_pillow_to_open_is_refused_in_the_same_words():
    data = picture("PNG", (12_000, 12_000), "1")  # past Pillow's decompression-bomb warning
    assert len(data) < MAX_BYTES
    with pytest.raises(UnsuitableLogo, match="at most 4000 × 4000 pixels"):
        check_logo(data)


# -- keeping it in the case file --------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_large_logo_is_kept_scaled_down_in_its_own_format(casefile_path, fmt):
    big = picture(fmt, (3000, 1200))
    desk = open_desk(casefile_path)
    try:
        desk.documents.set_logo(big)
        kept = desk.documents.logo()
        assert kept is not None and kept != big
        assert check_logo(kept) == (1000, 400)
        assert Image.open(io.BytesIO(kept)).format == fmt
        small = picture(fmt, (400, 160))
        desk.documents.set_logo(small)
        assert desk.documents.logo() == small  # small enough: kept exactly as given
    finally:
        desk.close()


def test_the_logo_round_trips_through_the_case_file(casefile_path):
    png = picture("PNG", (90, 30))
    desk = open_desk(casefile_path)
    try:
        assert desk.documents.logo() is None
        assert desk.documents.service().logo is None
        desk.documents.set_logo(png)
        assert desk.documents.logo() == png
    finally:
        desk.close()
    desk = open_desk(casefile_path)
    try:
        assert desk.documents.logo() == png
        assert desk.documents.service().logo == png
        jpeg = picture("JPEG", (64, 64))
        desk.documents.set_logo(jpeg)
        assert desk.documents.logo() == jpeg
        desk.documents.set_logo(None)
        assert desk.documents.logo() is None
        assert desk.documents.service().logo is None
    finally:
        desk.close()


def test_an_unsuitable_logo_is_refused_and_the_old_one_kept(desk):
    png = picture()
    desk.documents.set_logo(png)
    with pytest.raises(LogoNotAccepted) as refused:
        desk.documents.set_logo(b"GIF89a not really")
    assert isinstance(refused.value, errors.CaseFileError)
    assert refused.value.message.startswith("The logo must be a PNG or JPEG picture")
    assert desk.documents.logo() == png


def test_a_read_only_case_file_refuses_a_new_logo(casefile_path):
    png = picture()
    writer = open_desk(casefile_path)
    writer.documents.set_logo(png)
    writer.close()
    viewer = open_desk(casefile_path, read_only=True)
    try:
        assert viewer.documents.logo() == png
        with pytest.raises(errors.WriteRefused, match="read-only"):
            viewer.documents.set_logo(picture("JPEG"))
        with pytest.raises(errors.WriteRefused, match="read-only"):
            viewer.documents.set_logo(None)
        assert viewer.documents.logo() == png
    finally:
        viewer.close()


def test_a_damaged_stored_logo_is_left_off_and_documents_are_still_made(desk):
    desk.casefile.cases.set_setting(LOGO_KEY, "this is not base64 !!")
    assert desk.documents.logo() is None
    desk.casefile.cases.set_setting(LOGO_KEY, "R0lGODlhAQABAAAAACw=")  # a GIF's first bytes
    assert desk.documents.logo() is None
    desk.documents.set_service({"mediator": "Alex Mercer"})
    case = desk.create_case(make_case(declined_on=dt.date(2026, 11, 2)))
    document = desk.documents.build(case, "certificate-not-pursued")
    assert document.letterhead.logo is None
    assert render(document, "pdf").startswith(b"%PDF")


# -- on the documents -------------------------------------------------------------------------
def pdf_images(data: bytes) -> list[int]:
    """How many pictures each page of a PDF draws."""
    return [len(page.images) for page in PdfReader(io.BytesIO(data)).pages]


def test_a_certificate_made_with_a_logo_carries_it_in_both_formats(desk):
    desk.documents.set_service({"name": "Brackenfold SEND Mediation", "mediator": "Alex Mercer"})
    desk.documents.set_logo(picture("PNG", (200, 80)))
    case = desk.create_case(make_case(declined_on=dt.date(2026, 11, 2)))
    document = desk.documents.build(case, "certificate-not-pursued")
    assert pdf_images(render(document, "pdf")) == [1]
    assert len(header_pictures(render(document, "docx"))) == 1


def test_the_logo_is_on_every_pdf_page_and_embedded_once():
    png = picture("PNG", (300, 100))
    data = render(letter(png, paragraphs=30), "pdf")
    counts = pdf_images(data)
    assert len(counts) >= 3
    assert counts == [1] * len(counts)
    reader = PdfReader(io.BytesIO(data))
    names = {
        obj.indirect_reference.idnum
        for page in reader.pages
        for obj in page["/Resources"]["/XObject"].values()
    }
    assert len(names) == 1  # one picture, drawn on each page


def test_a_pdf_without_a_logo_has_no_picture_and_keeps_its_layout():
    data = render(letter(None, paragraphs=30), "pdf")
    assert set(pdf_images(data)) == {0}
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Brackenfold SEND Mediation" in text


def test_the_pdf_logo_fits_its_box_in_proportion():
    data = render(letter(picture("JPEG", (900, 150))), "pdf")  # wide: limited by the width
    page = PdfReader(io.BytesIO(data)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    # reportlab draws a picture as "q width 0 0 height x y cm /name Do Q".
    drawn = re.search(r"q\s+([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s+/\S+ Do", content)
    assert drawn is not None
    width, height = (float(n) for n in drawn.groups())
    assert width == pytest.approx(45 / 25.4 * 72, abs=0.1)
    assert width / height == pytest.approx(6, rel=0.01)


def header_pictures(data: bytes) -> list[DocxImage]:
    document = read_docx(io.BytesIO(data))
    part = document.sections[0].header.part
    return [rel.target_part.image for rel in part.rels.values() if rel.reltype.endswith("/image")]


def test_the_word_header_has_the_logo_in_proportion_beside_the_service_name():
    data = render(letter(picture("PNG", (400, 100))), "docx")
    assert len(header_pictures(data)) == 1
    document = read_docx(io.BytesIO(data))
    header = document.sections[0].header
    table = header.tables[0]
    logo_cell, text_cell = table.rows[0].cells
    shape = logo_cell.paragraphs[0]._p.xpath(".//wp:inline/wp:extent")[0]
    width, height = int(shape.get("cx")), int(shape.get("cy"))
    assert width <= Mm(45) and height <= Mm(18)
    assert width / height == pytest.approx(4, rel=0.01)
    assert text_cell.paragraphs[0].text == "Brackenfold SEND Mediation"
    assert "Unit 4, Tanners Yard" in text_cell.paragraphs[1].text
    assert header._element.getchildren()[-1].tag.endswith("}p")  # a header ends with a paragraph
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(name.startswith("word/media/") for name in names)


def test_a_tall_logo_is_18_mm_high_in_word():
    data = render(letter(picture("JPEG", (60, 120))), "docx")
    document = read_docx(io.BytesIO(data))
    shape = document.sections[0].header.tables[0]._tbl.xpath(".//wp:extent")[0]
    assert int(shape.get("cy")) == Mm(18)
    assert int(shape.get("cx")) == Mm(9)


def test_a_word_document_without_a_logo_has_no_picture():
    data = render(letter(None), "docx")
    assert header_pictures(data) == []
    document = read_docx(io.BytesIO(data))
    assert document.sections[0].header.tables == []
    assert document.sections[0].header.paragraphs[0].text == "Brackenfold SEND Mediation"
