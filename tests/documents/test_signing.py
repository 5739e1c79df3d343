"""Signed PDFs (docs/integrity.md, "Signed documents"): a PAdES signature by the mediator's own
certificate, over the whole file, carrying the record it was made from; any byte changed, or a
word added afterwards, is seen by reading the file alone."""

from __future__ import annotations

import datetime as dt
import io
import zlib

import pytest

from mediator_desk.documents.model import Document, Letterhead, Paragraph
from mediator_desk.documents.pdf_renderer import render_pdf
from mediator_desk.documents.signing import (
    NotSigned,
    SigningError,
    fingerprint,
    new_identity,
    read_signature,
    short_fingerprint,
    sign,
)

WHEN = dt.datetime(2026, 4, 3, 15, 42, tzinfo=dt.UTC)
RECORD = {"case": "MD-2026-0042", "kind": "outcome-statement", "version": "3", "sha256": "ab" * 32}


@pytest.fixture
def identity():
    return new_identity("Alex Fenwick", "Brightwater Mediation", WHEN)


def _pdf(words: str = "The parties agreed a further assessment by 1 May 2026.") -> bytes:
    document = Document(
        kind="outcome-statement",
        title="Outcome statement",
        subject="Mediation outcome",
        author="Alex Fenwick",
        reference="MD-2026-0042",
        date=dt.date(2026, 4, 3),
        letterhead=Letterhead(service="Brightwater Mediation"),
        blocks=(Paragraph(words),),
    )
    return render_pdf(document)


@pytest.fixture
def signed(identity):
    return sign(_pdf(), identity, RECORD, "Sealed outcome statement", WHEN)


def test_a_signed_pdf_is_unchanged_and_says_who_signed_it_when_and_for_what(signed, identity):
    found = read_signature(signed)
    assert found.intact and found.whole_file and found.unchanged
    assert (found.signer, found.organisation) == ("Alex Fenwick", "Brightwater Mediation")
    assert found.fingerprint == identity.fingerprint
    assert found.signed_at == WHEN
    assert dict(found.record) == RECORD


def test_the_identity_names_the_mediator_and_its_fingerprint_is_the_certificates_sha256(
    identity,
):
    assert (identity.name, identity.organisation) == ("Alex Fenwick", "Brightwater Mediation")
    groups = identity.fingerprint.split(" ")
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert fingerprint(identity.certificate) == identity.fingerprint
    assert short_fingerprint(identity.fingerprint) == " ".join(groups[:8])
    other = new_identity("Alex Fenwick", "Brightwater Mediation", WHEN)
    assert other.fingerprint != identity.fingerprint  # a new key every time


def _forge(pdf: bytes, old: bytes, new: bytes) -> bytes:
    """The PDF with a word of its first page's text replaced in place, every other byte where it
    was: the page's stream (Flate, then ASCII85) re-encoded and padded to its old length with
    the spaces ASCII85 ignores."""
    import base64

    from pypdf import PdfReader

    stream = PdfReader(io.BytesIO(pdf)).pages[0]["/Contents"].get_object()
    raw = stream._data  # as it stands in the file
    text = stream.get_data()
    assert old in text and len(old) == len(new)
    encoded = b"<~" + base64.a85encode(zlib.compress(text.replace(old, new), 9)) + b"~>"
    encoded = encoded[2:] if not raw.startswith(b"<~") else encoded
    assert len(encoded) <= len(raw), "the forged stream must fit where the old one was"
    at = pdf.index(raw)
    return pdf[:at] + encoded + b" " * (len(raw) - len(encoded)) + pdf[at + len(raw) :]


def _page_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_one_byte_changed_anywhere_in_the_signed_file_is_seen(signed):
    read = 0
    padding = signed.rindex(b"0000000000>")  # the zeros after the signature, which it leaves out
    places = [*range(200, len(signed) - 200, len(signed) // 23), padding]
    for where in places:
        changed = bytearray(signed)
        changed[where] ^= 0x01
        try:
            found = read_signature(bytes(changed))
        except NotSigned:
            continue  # the change broke the file itself: not taken for a signed record either
        read += 1
        assert not found.unchanged, where
        assert found.record == {}
    assert read >= 15  # most changes leave a readable PDF, whose signature then fails


def test_one_word_changed_in_the_signed_text_is_seen(signed):
    forged = _forge(signed, b"agreed", b"refuse")
    assert "The parties refuse a further assessment" in _page_text(forged)  # a real forgery
    assert len(forged) == len(signed)
    found = read_signature(forged)
    assert not found.intact and not found.unchanged
    assert found.record == {}


def test_a_word_added_after_signing_in_a_new_revision_is_seen(signed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 72 Td (not) Tj ET")
    contents = page["/Contents"]
    page["/Contents"] = generic.ArrayObject([contents, writer.add_object(extra)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    found = read_signature(out.getvalue())
    assert found.intact  # what was signed is still there, untouched...
    assert not found.whole_file and not found.unchanged  # ...but something came after it
    assert found.record == {}


def test_a_pdf_with_no_signature_and_a_file_that_is_no_pdf_are_told_apart():
    with pytest.raises(NotSigned, match="carries no digital signature"):
        read_signature(_pdf())
    with pytest.raises(NotSigned, match="not a PDF"):
        read_signature(b"PK\x03\x04 a Word file")
    with pytest.raises(NotSigned, match="could not be read"):
        read_signature(b"%PDF-1.7\n garbage")


def test_a_damaged_file_cannot_be_signed(identity):
    with pytest.raises(SigningError, match="could not be signed"):
        sign(b"%PDF-1.4 nothing", identity, RECORD, "Sealed outcome statement", WHEN)


def test_a_long_signers_name_still_fits_one_line_under_the_footer():
    from pypdf import PdfReader
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics

    from mediator_desk.documents.pdf_renderer import FONT

    who = "Professor Gwendolyn Anastasia Featherstonehaugh-Cholmondeley, " * 3
    note = f"Signed digitally by {who}. Certificate " + "ABCD " * 8
    document = Document(
        kind="outcome-statement", title="Outcome statement", subject="", author="",
        reference="MD-2026-0042", date=dt.date(2026, 4, 3),
        letterhead=Letterhead(service="Brightwater Mediation"), blocks=(Paragraph("Agreed."),),
        signature_note=note.strip(),
    )  # fmt: skip
    sizes = []

    def seen(text, cm, tm, font, size):
        if text.startswith("Signed digitally"):
            sizes.append(size * tm[0])  # the size as drawn

    PdfReader(io.BytesIO(render_pdf(document))).pages[0].extract_text(visitor_text=seen)
    assert len(sizes) == 1 and sizes[0] < 7
    assert pdfmetrics.stringWidth(note.strip(), FONT, sizes[0]) <= 170 * mm + 0.5
