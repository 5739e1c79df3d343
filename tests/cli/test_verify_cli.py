"""`mediator-desk verify FILE.pdf`: in plain words, whether a PDF is unchanged since it was
signed, who signed it and when, and (with a case file) whether it is that file's sealed record;
exit code 0 only when all of that holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediator_desk.cli import main

SEALED = "MD-2026-0004"


@pytest.fixture
def exported(casefile_path: Path, tmp_path: Path, capsys) -> Path:
    assert main(["demo", "--no-encryption", "--casefile", str(casefile_path)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["document", SEALED, "outcome-statement", "--format", "pdf",
                 "--out", str(out), "--casefile", str(casefile_path)]) == 0  # fmt: skip
    capsys.readouterr()
    return out / f"{SEALED} outcome-statement.pdf"


def test_verify_against_the_case_file_says_it_is_the_sealed_record(exported, casefile_path, capsys):
    assert main(["verify", str(exported), "--casefile", str(casefile_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Unchanged since it was signed."
    assert lines[1].startswith("Signed by ")
    assert lines[2].startswith("Certificate fingerprint (SHA-256): ")
    assert lines[3] == "It was signed with this case file's certificate."
    assert lines[4].startswith(f"It is the sealed outcome statement of {SEALED}, version ")


def test_verify_alone_checks_the_file_and_says_no_case_file_was_asked(exported, capsys):
    assert main(["verify", str(exported)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Unchanged since it was signed.\nSigned by ")
    assert out.splitlines()[-1].startswith("No case file was given")


def test_verify_against_another_case_file_fails(exported, tmp_path, capsys):
    other = tmp_path / "other.mdesk"
    assert main(["demo", "--no-encryption", "--casefile", str(other)]) == 0
    capsys.readouterr()
    assert main(["verify", str(exported), "--casefile", str(other)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "It was not signed with this case file's certificate." in out


def test_verify_calls_a_changed_pdf_changed(exported, casefile_path, capsys):
    data = bytearray(exported.read_bytes())
    data[len(data) // 3] ^= 0x04
    exported.write_bytes(bytes(data))
    assert main(["verify", str(exported), "--casefile", str(casefile_path)]) == 1
    assert capsys.readouterr().out.startswith("CHANGED since it was signed: do not rely on it.")


def test_verify_refuses_what_it_cannot_read_in_one_line(tmp_path, capsys):
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.pdf could not be read" in err
    word = tmp_path / "copy.docx"
    word.write_bytes(b"PK\x03\x04 a Word file")
    assert main(["verify", str(word)]) == 1
    assert capsys.readouterr().out == "This file is not a PDF.\n"


def test_a_certificate_from_a_file_with_no_signing_certificate_says_it_is_not_signed(
    casefile_path, tmp_path, capsys
):
    """`document` opens the file for viewing only, so it cannot make the certificate."""
    import datetime as dt

    from mediator_desk.services import open_desk
    from tests.conftest import fixed_clock, fixed_today, make_case

    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.documents.set_service({"mediator": "Robin Ashdown"})
    case = desk.create_case(make_case(declined_on=dt.date(2026, 11, 9)))
    desk.close()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["document", case.reference, "certificate-not-pursued", "--format", "pdf",
                 "--out", str(out), "--casefile", str(casefile_path)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert err == (
        "Not signed: this case file has no signing certificate yet. One is made when a "
        "statement is first sealed, or at the first export from the app.\n"
    )
    written = out / f"{case.reference} certificate-not-pursued.pdf"
    assert main(["verify", str(written)]) == 1
    assert capsys.readouterr().out == "This PDF carries no digital signature.\n"
