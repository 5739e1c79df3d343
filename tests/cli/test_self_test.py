"""`mediator-desk self-test`: the check a fresh installation (or a built bundle) runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mediator_desk.cli import main
from mediator_desk.services import Desk
from tests.conftest import home_env

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_from_source_and_touches_no_user_data(tmp_path):
    home = tmp_path / "home"
    env = home_env(home, MEDIATOR_DESK_CASEFILE=str(tmp_path / "must-not-be-created.mdesk"))
    result = subprocess.run(
        [sys.executable, "-m", "mediator_desk", "self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    assert any(line.startswith("ok  loaded 7 fictional demo cases") for line in lines)
    assert any(".pdf (" in line for line in lines)
    assert any(
        line.endswith(".pdf is signed, unchanged and this case file's record") for line in lines
    )
    assert any(".docx (" in line for line in lines)
    assert "ok  the British English dictionary reads: colour and programme are right" in lines
    assert any("listed 7 cases" in line for line in lines)
    assert "Traceback" not in result.stderr
    # Nothing of the user's: no default case file, no settings, no data folder.
    assert not (tmp_path / "must-not-be-created.mdesk").exists()
    assert not home.exists() or not any(home.rglob("*")), sorted(home.rglob("*"))


def test_a_failing_step_is_explained_in_one_line(monkeypatch, capsys):
    def broken(self: Desk) -> list[object]:
        raise OSError("No space left on device")

    monkeypatch.setattr(Desk, "load_demo_cases", broken)
    assert main(["self-test"]) == 1
    captured = capsys.readouterr()
    assert "self-test passed" not in captured.out
    assert captured.err.strip() == (
        "self-test FAILED: loading the demo cases: No space left on device"
    )


def test_help_mentions_the_self_test(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "self-test" in capsys.readouterr().out


def test_missing_app_files_are_named_instead_of_blaming_the_demo_cases(
    tmp_path, monkeypatch, capsys
):
    """An install without the app's data folders says which files are missing and where it
    looked, rather than that no demo case has a certificate ready."""
    from mediator_desk import paths

    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "outcome-statement.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(paths, "app_root", lambda: tmp_path)
    assert main(["self-test"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(
        f"self-test FAILED: checking the app's files: 14 files are missing from {tmp_path}: "
        "forms/certificate-not-pursued.toml, forms/certificate-concluded.toml, "
    )
    assert error.endswith(
        "resources/fonts/NotoSansArabic-Bold.ttf, resources/icons/mediator-desk.svg, "
        "resources/icons/calendar.svg, docs/guide/index.md. Install Mediator Desk again."
    )
    assert "forms/outcome-statement.toml" not in error
    assert "certificate ready" not in error


def test_a_dictionary_that_cannot_be_read_fails_the_self_test_in_plain_words(monkeypatch, capsys):
    from mediator_desk.services import spelling

    def unreadable(base=None):
        raise spelling.SpellingUnavailable(f"{spelling.UNAVAILABLE}: it is not where it belongs.")

    monkeypatch.setattr(spelling, "british_english", unreadable)
    assert main(["self-test"]) == 1
    assert capsys.readouterr().err.strip() == (
        "self-test FAILED: reading the spelling dictionary: Spelling is not checked: the "
        "British English dictionary could not be read: it is not where it belongs."
    )
