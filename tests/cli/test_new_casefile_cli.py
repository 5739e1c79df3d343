"""The command line never makes an unencrypted case file unless told to with --no-encryption,
never takes an empty or short passphrase for a new one, and makes files for the owner only."""

from __future__ import annotations

import stat

import pytest

from mediator_desk.cli import main
from mediator_desk.services import ENV_PASSPHRASE
from mediator_desk.store import errors
from mediator_desk.store.casefile import open_casefile

KEY = "kettle lantern orchard"


def only_line(text: str) -> str:
    assert text.count("\n") == 1, text
    return text.strip()


def test_a_new_case_file_needs_a_passphrase_or_no_encryption(tmp_path, capsys):
    path = tmp_path / "new.mdesk"
    assert main(["demo", "--casefile", str(path)]) == 1
    line = only_line(capsys.readouterr().err)
    assert line.startswith(f"mediator-desk: there is no case file at {path} yet.")
    assert ENV_PASSPHRASE in line and "--no-encryption" in line
    assert list(tmp_path.iterdir()) == []  # nothing created


@pytest.mark.parametrize(
    ("passphrase", "words"),
    [("", "Enter a passphrase"), ("k", "Use at least 8 characters"), ("   ", "not only spaces")],
)
def test_an_empty_or_short_passphrase_is_refused(tmp_path, capsys, monkeypatch, passphrase, words):
    monkeypatch.setenv(ENV_PASSPHRASE, passphrase)
    path = tmp_path / "new.mdesk"
    assert main(["cases", "--casefile", str(path)]) == 1
    line = only_line(capsys.readouterr().err)
    assert line.startswith(f"mediator-desk: {ENV_PASSPHRASE} cannot protect a new case file. ")
    assert words in line
    assert list(tmp_path.iterdir()) == []


def test_the_passphrase_from_the_environment_encrypts_a_new_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(ENV_PASSPHRASE, KEY)
    path = tmp_path / "new.mdesk"
    assert main(["demo", "--casefile", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(errors.PassphraseNeeded):
        open_casefile(path, read_only=True)
    with open_casefile(path, read_only=True, passphrase=KEY) as casefile:
        assert casefile.cases.count() == 7


def test_no_encryption_makes_a_plain_file_only_when_asked(tmp_path, capsys):
    path = tmp_path / "plain.mdesk"
    assert main(["--no-encryption", "cases", "--casefile", str(path)]) == 0
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert main(["cases", "--casefile", str(path)]) == 0  # an existing plain file just opens


def test_no_encryption_with_a_passphrase_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(ENV_PASSPHRASE, KEY)
    path = tmp_path / "new.mdesk"
    assert main(["demo", "--no-encryption", "--casefile", str(path)]) == 2
    assert "--no-encryption" in only_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_passphrase_is_refused_for_an_existing_file_too(tmp_path, capsys, monkeypatch):
    path = tmp_path / "plain.mdesk"
    assert main(["cases", "--no-encryption", "--casefile", str(path)]) == 0
    monkeypatch.setenv(ENV_PASSPHRASE, "")
    capsys.readouterr()
    assert main(["cases", "--casefile", str(path)]) == 1
    assert only_line(capsys.readouterr().err) == (
        f"mediator-desk: {ENV_PASSPHRASE} is set but empty: set it to the case file's "
        "passphrase, or unset it for a case file that is not encrypted."
    )


def test_help_says_how_a_new_case_file_is_protected(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"encrypted with ${ENV_PASSPHRASE} (at least 8 characters)" in out
    assert "only with --no-encryption is it created unencrypted" in out


def test_read_only_never_creates_a_case_file(tmp_path, capsys):
    path = tmp_path / "new.mdesk"
    assert main(["--read-only", "--no-encryption", "demo", "--casefile", str(path)]) == 1
    assert "There is no case file" in only_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []
