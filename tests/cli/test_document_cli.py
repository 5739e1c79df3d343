"""`document` never replaces a file that is already there unless told to with --force."""

from __future__ import annotations

from pathlib import Path

from mediator_desk.cli import main
from tests.conftest import sha256_of


def document(casefile: Path, out: Path, *extra: str) -> int:
    return main(
        ["document", "MD-2026-0003", "certificate-not-pursued", "--format", "pdf",
         "--out", str(out), "--casefile", str(casefile), *extra]
    )  # fmt: skip


def test_document_refuses_to_replace_an_existing_file(casefile_path, tmp_path, capsys):
    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "MD-2026-0003 certificate-not-pursued.pdf"
    earlier.write_bytes(b"%PDF-1.4 the mediator's signed copy")
    before = sha256_of(earlier)
    capsys.readouterr()
    assert document(casefile_path, out) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert earlier.name in err and "--force" in err
    assert sha256_of(earlier) == before
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]  # no temporary left


def test_document_force_replaces_it(casefile_path, tmp_path, capsys):
    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "MD-2026-0003 certificate-not-pursued.pdf"
    earlier.write_bytes(b"%PDF-1.4 the earlier copy")
    capsys.readouterr()
    assert document(casefile_path, out, "--force") == 0
    assert Path(capsys.readouterr().out.strip()) == earlier
    assert (
        earlier.read_bytes().startswith(b"%PDF-")
        and b"the earlier copy" not in earlier.read_bytes()
    )
