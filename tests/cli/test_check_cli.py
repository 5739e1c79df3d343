"""`mediator-desk check` names each tampered case and exits non-zero (docs/integrity.md)."""

from __future__ import annotations

import pytest

from mediator_desk.cli import main
from tests.store.test_integrity import SEALED, _forge_with_hash, sealed_case_id, tamper


@pytest.fixture
def demo_file(casefile_path):
    assert main(["demo", "--no-encryption", "--casefile", str(casefile_path)]) == 0
    return casefile_path


def _check(path, capsys):
    capsys.readouterr()
    code = main(["check", "--casefile", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_clean_file_with_the_demo_cases_checks_sound(demo_file, capsys):
    code, out, _ = _check(demo_file, capsys)
    assert code == 0
    assert "sound (7 cases)" in out


TAMPERINGS = {
    "triggers dropped": (lambda path: tamper(path, drop_triggers=True), "protective trigger"),
    "sealed text edited": (
        lambda path: tamper(
            path,
            f"UPDATE seals SET content = content || ' ' WHERE case_id = {sealed_case_id(path)}",
            drop_triggers=True,
        ),
        f"Case {SEALED}: the sealed text does not match its SHA-256",
    ),
    "sealed text edited, hash recomputed": (
        _forge_with_hash,
        f"Case {SEALED}: the seal's signature does not match",
    ),
    "confirmation by a non-attendee": (
        lambda path: tamper(
            path,
            "INSERT INTO confirmations (case_id, attendee_id, party, version, sha256, how, "
            "confirmed_at) SELECT case_id, 9999, 'Nobody Atall', version, sha256, 'spoken', "
            f"sealed_at FROM seals WHERE case_id = {sealed_case_id(path)}",
        ),
        f"Case {SEALED}: it has a confirmation by Nobody Atall, who is not one of its attendees.",
    ),
    "seal deleted": (
        lambda path: tamper(
            path, f"DELETE FROM seals WHERE case_id = {sealed_case_id(path)}", drop_triggers=True
        ),
        f"Case {SEALED}: the audit trail records a seal that is no longer in the file.",
    ),
    "audit entry deleted": (
        lambda path: tamper(
            path,
            f"DELETE FROM audit WHERE case_id = {sealed_case_id(path)} "
            "AND action = 'statement confirmed'",
            drop_triggers=True,
        ),
        f"Case {SEALED}: the confirmation by",
    ),
    "audit entry edited": (
        lambda path: tamper(
            path,
            "UPDATE audit SET detail = 'nothing happened' WHERE action = 'statement sealed'",
            drop_triggers=True,
        ),
        f"statement sealed, case {SEALED}) was changed",
    ),
}


@pytest.mark.parametrize("name", TAMPERINGS)
def test_each_tampering_fails_the_check_and_names_the_case(demo_file, capsys, name):
    change, expected = TAMPERINGS[name]
    change(demo_file)
    code, out, err = _check(demo_file, capsys)
    assert code == 1
    assert expected in out, out
    assert "problem(s) found" in err


def test_check_says_when_the_signing_key_is_not_on_this_computer(demo_file, capsys):
    from mediator_desk.store.chain import key_folder

    for key in key_folder().glob("*.key"):
        key.unlink()
    code, out, _ = _check(demo_file, capsys)
    assert code == 0
    assert "Note: " in out and "not on this computer" in out


def test_export_case_then_import_keeps_a_seal_that_verifies(demo_file, tmp_path, capsys):
    exported = tmp_path / "case.json"
    other = tmp_path / "other.mdesk"
    assert main(["export-case", SEALED, "--out", str(exported), "--casefile", str(demo_file)]) == 0
    assert main(["import", str(exported), "--no-encryption", "--casefile", str(other)]) == 0
    code, out, _ = _check(other, capsys)
    assert code == 0 and "Note:" not in out
    assert "sound (1 case)" in out


def test_import_of_a_forged_seal_is_refused_with_the_reason(demo_file, tmp_path, capsys):
    import json

    from mediator_desk.domain.statement import content_hash

    exported = tmp_path / "case.json"
    assert main(["export-case", SEALED, "--out", str(exported), "--casefile", str(demo_file)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    seal = data["statement"]["seal"]
    seal["content"] = seal["content"].replace("Larchfield", "Brackenshire High")
    seal["sha256"] = content_hash(seal["content"])
    exported.write_text(json.dumps(data), encoding="utf-8")
    other = tmp_path / "other.mdesk"
    capsys.readouterr()
    assert main(["import", str(exported), "--no-encryption", "--casefile", str(other)]) != 0
    err = capsys.readouterr().err
    assert "statement.seal cannot be accepted as a sealed record" in err
    assert "does not agree with the file's own record of" in err
