"""Signed documents end to end through the Desk (docs/integrity.md, "Signed documents"): the
sealed statement and the certificates are exported as PDFs signed with the case file's own
certificate, made the first time one is needed; `verify` says whether a PDF is unchanged, who
signed it, and whether it is this case file's record."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from mediator_desk.documents.signing import read_signature
from mediator_desk.services import open_desk
from mediator_desk.services.signing import MADE, WORD_NOTE, judge
from mediator_desk.store.chain import key_folder
from tests.conftest import fixed_clock, fixed_today, make_case

SEALED = "MD-2026-0004"  # the demo's sealed statement


def _open(path: Path, passphrase: str | None = None):
    return open_desk(path, passphrase=passphrase, today=fixed_today, clock=fixed_clock)


@pytest.fixture
def demo(casefile_path: Path):
    desk = _open(casefile_path)
    desk.load_demo_cases()
    yield desk
    desk.close()


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _export(desk, reference: str, kind: str, fmt: str, folder: Path) -> bytes:
    case = desk.case_by_reference(reference)
    return desk.documents.export(case, kind, fmt, folder, replace=True).read_bytes()


def test_the_sealed_statement_is_signed_and_verified_as_this_files_record(demo, tmp_path):
    pdf = _export(demo, SEALED, "outcome-statement", "pdf", tmp_path)
    found = read_signature(pdf)
    assert found.unchanged
    identity = demo.signing.identity()
    assert identity is not None and found.fingerprint == identity.fingerprint
    seal = demo.statement.seal_of(demo.case_by_reference(SEALED).id)
    assert dict(found.record) == {
        "case": SEALED, "kind": "outcome-statement", "date": found.record["date"],
        "version": str(seal.version), "sha256": seal.sha256,
    }  # fmt: skip
    verdict = demo.signing.verify(pdf)
    assert verdict.sound
    assert verdict.lines[0] == "Unchanged since it was signed."
    assert verdict.lines[1].startswith(f"Signed by {identity.name}, {identity.organisation} on ")
    assert "It was signed with this case file's certificate." in verdict.lines
    assert verdict.lines[-1] == (
        f"It is the sealed outcome statement of {SEALED}, version {seal.version}."
    )
    # The small print names the signer and the certificate, on every page.
    short = " ".join(identity.fingerprint.split()[:8])
    pages = PdfReader(io.BytesIO(pdf)).pages
    note = f"Signed digitally by {identity.name}, {identity.organisation}. Certificate {short}"
    assert all(note in page.extract_text() for page in pages)


def test_the_word_copy_is_not_signed_and_says_the_pdf_is_the_record(demo, tmp_path):
    from docx import Document as read_docx

    data = _export(demo, SEALED, "outcome-statement", "docx", tmp_path)
    document = read_docx(io.BytesIO(data))
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert WORD_NOTE in footer
    assert "Signed digitally" not in footer


def test_the_certificate_is_signed_and_a_letter_is_not(demo, tmp_path):
    certificates = [
        (case, s.kind)
        for case in demo.list_cases()
        for s in demo.documents.statuses(demo.case(case.id))
        if s.kind.startswith("certificate-") and s.ready
    ]
    case, kind = certificates[0]
    pdf = _export(demo, case.reference, kind, "pdf", tmp_path)
    verdict = demo.signing.verify(pdf)
    assert verdict.sound, verdict.lines
    issued = demo.case(case.id).certificate_issued
    assert verdict.signature is not None
    assert dict(verdict.signature.record) == {
        "case": case.reference, "kind": kind, "date": issued.isoformat()
    }  # fmt: skip
    letters = [
        s.kind for s in demo.documents.statuses(demo.case(case.id))
        if s.ready and not s.kind.startswith("certificate-") and s.kind != "outcome-statement"
    ]  # fmt: skip
    letter = _export(demo, case.reference, letters[0], "pdf", tmp_path)
    assert judge(letter).lines == ("This PDF carries no digital signature.",)


def test_a_draft_statement_is_never_signed(demo, tmp_path):
    drafts = [c for c in demo.list_cases() if demo.statement.seal_of(c.id) is None]
    pdf = _export(demo, drafts[0].reference, "outcome-statement", "pdf", tmp_path)
    assert "DRAFT: not sealed" in _text(pdf)
    assert judge(pdf).lines == ("This PDF carries no digital signature.",)


def test_the_first_seal_makes_the_certificate_once_and_the_trail_records_it(demo, tmp_path):
    first = demo.signing.identity()  # the demo's one sealed statement made it
    assert first is not None
    assert (first.name, first.organisation) == (
        demo.documents.service().mediator, demo.documents.service().name
    )  # fmt: skip
    _export(demo, SEALED, "outcome-statement", "pdf", tmp_path)
    assert demo.signing.identity() == first
    made = demo.casefile.db.execute("SELECT detail FROM audit WHERE action = ?", [MADE])
    assert made.fetchall() == [(first.fingerprint,)]
    # An unencrypted file never holds the key, nor the certificate it vouches for.
    stored = {row[0] for row in demo.casefile.db.execute("SELECT key FROM meta")}
    assert not stored & {"document_certificate", "document_key"}
    kept = list(key_folder().glob("*.signing"))
    assert len(kept) == 1 and stat.S_IMODE(kept[0].stat().st_mode) == 0o600


def test_without_a_seal_the_first_signed_export_makes_the_certificate(desk, tmp_path):
    assert desk.signing.identity() is None
    desk.documents.set_service({"name": "Fernhill Mediation", "mediator": "Robin Ashdown"})
    case = desk.create_case(make_case(child_name="Tomos Eldridge", declined_on=dt.date(2026, 3, 2)))
    pdf = desk.documents.export(case, "certificate-not-pursued", "pdf", tmp_path).read_bytes()
    made = desk.signing.identity()
    assert made is not None and (made.name, made.organisation) == (
        "Robin Ashdown", "Fernhill Mediation"
    )  # fmt: skip
    assert read_signature(pdf).fingerprint == made.fingerprint


def test_an_encrypted_file_keeps_its_certificate_inside(tmp_path):
    path = tmp_path / "locked.mdesk"
    desk = _open(path, passphrase="correct horse battery")
    try:
        desk.load_demo_cases()
        _export(desk, SEALED, "outcome-statement", "pdf", tmp_path)
        stored = {row[0] for row in desk.casefile.db.execute("SELECT key FROM meta")}
        assert {"document_certificate", "document_key"} <= stored
        assert not list(key_folder().glob("*.signing"))
        fingerprint = desk.signing.identity().fingerprint
    finally:
        desk.close()
    again = _open(path, passphrase="correct horse battery")
    try:
        assert again.signing.identity().fingerprint == fingerprint
    finally:
        again.close()


def test_a_pdf_from_another_case_file_does_not_match(demo, tmp_path):
    pdf = _export(demo, SEALED, "outcome-statement", "pdf", tmp_path)
    other = _open(tmp_path / "other.mdesk")
    try:
        verdict = other.signing.verify(pdf)
        assert not verdict.sound
        assert verdict.lines[0] == "Unchanged since it was signed."  # itself, it is sound
        assert "It was not signed with this case file's certificate." in verdict.lines
        assert f"This case file has no case {SEALED}." in verdict.lines
        # The same demo cases in another file: same reference, another seal and certificate.
        other.load_demo_cases()
        other.documents.service()
        verdict = other.signing.verify(pdf)
        assert not verdict.sound
        assert "It was not signed with this case file's certificate." in verdict.lines
    finally:
        other.close()


def test_a_changed_pdf_is_called_changed(demo, tmp_path):
    pdf = bytearray(_export(demo, SEALED, "outcome-statement", "pdf", tmp_path))
    pdf[len(pdf) // 2] ^= 0x20
    verdict = demo.signing.verify(bytes(pdf))
    assert not verdict.sound
    assert verdict.lines[0].startswith("CHANGED since it was signed: do not rely on it.")
