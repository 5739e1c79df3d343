"""Encryption at rest (SQLCipher): no text of the case in the file's bytes, a wrong passphrase
changes nothing, the passphrase can be changed, and a plain file can be encrypted with its
plain copy overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediator_desk.services import open_desk, restore_backup
from mediator_desk.store import errors
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.migrations import SCHEMA_VERSION
from mediator_desk.store.rekey import export_encrypted
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import make_case, sha256_of

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
NAME = "Zebedee Quillfeather"
KEY = "correct horse battery staple"


def all_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            data += side.read_bytes()
    return data


@pytest.fixture
def encrypted(casefile_path):
    with create_casefile(casefile_path, passphrase=KEY) as casefile:
        casefile.cases.create(make_case(child_name=NAME, notes="Private details of the family"))
    return casefile_path


def test_an_encrypted_file_holds_none_of_the_case_text(encrypted):
    data = all_bytes(encrypted)
    for secret in (NAME, "Private details", "Fernleigh"):
        assert secret.encode() not in data
    assert not data.startswith(b"SQLite format 3")


def test_a_passphrase_is_asked_for_and_a_wrong_one_changes_nothing(encrypted):
    before = sha256_of(encrypted)
    with pytest.raises(errors.PassphraseNeeded) as needed:
        open_casefile(encrypted)
    assert needed.value.message == (
        f"{encrypted.name} is encrypted, or it is not a Mediator Desk case file. Enter its "
        "passphrase to open it."
    )
    assert encrypted.name == "casebook.mdesk"  # the message names the file itself
    assert needed.value.path == encrypted  # the window asks for this file's passphrase
    with pytest.raises(errors.WrongPassphrase, match="does not open") as wrong:
        open_casefile(encrypted, passphrase="wrong passphrase")
    assert wrong.value.path == encrypted
    assert sha256_of(encrypted) == before
    assert not Path(f"{encrypted}.lock").exists()
    started = time.perf_counter()
    with open_casefile(encrypted, passphrase=KEY) as casefile:
        opened_ms = (time.perf_counter() - started) * 1000
        assert casefile.cases.get_by_reference("MD-2026-0001").child_name == NAME
        assert casefile.cases.search_ids("zebedee")  # the search index works inside
    print(f"\nopening an encrypted case file took {opened_ms:.0f} ms")


def test_a_text_file_is_still_called_what_it_is(tmp_path):
    path = tmp_path / "minutes.mdesk"
    path.write_text("Minutes of the meeting\n" * 50)
    with pytest.raises(errors.NotACaseFile, match="not a database at all"):
        open_casefile(path)


def test_changing_the_passphrase(encrypted):
    desk = open_desk(encrypted, passphrase=KEY)
    desk.set_passphrase("a brand new passphrase")
    desk.create_case(make_case(child_name="Added after"))  # the rewired services still work
    desk.close()
    with pytest.raises(errors.WrongPassphrase):
        open_casefile(encrypted, passphrase=KEY)
    with open_casefile(encrypted, passphrase="a brand new passphrase") as casefile:
        assert casefile.cases.count() == 2


def test_encrypting_a_plain_file_leaves_no_plain_copy(casefile_path):
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name=NAME))
    assert NAME.encode() in all_bytes(casefile_path)
    desk.set_passphrase(KEY)
    assert desk.encrypted
    desk.close()
    leftovers = [p.name for p in casefile_path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert NAME.encode() not in all_bytes(casefile_path)
    with pytest.raises(errors.InvalidChange, match="at least 8"):
        open_desk(casefile_path, passphrase=KEY).set_passphrase("short")


def test_backups_of_an_encrypted_file_stay_encrypted_and_restore(encrypted, tmp_path):
    desk = open_desk(encrypted, passphrase=KEY)
    backup = desk.backup_now(tmp_path / "copy.mdesk-backup")
    desk.close()
    assert NAME.encode() not in backup.read_bytes()
    with pytest.raises(errors.PassphraseNeeded):
        restore_backup(backup, encrypted)
    restore_backup(backup, encrypted, passphrase=KEY)
    with open_casefile(encrypted, passphrase=KEY) as casefile:
        assert casefile.cases.count() == 1


def test_the_command_line_takes_the_passphrase_from_the_environment(encrypted):
    env = dict(os.environ, MEDIATOR_DESK_PASSPHRASE=KEY)
    result = subprocess.run(
        [sys.executable, "-m", "mediator_desk", "cases", "--casefile", str(encrypted)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0 and NAME in result.stdout
    env["MEDIATOR_DESK_PASSPHRASE"] = "wrong one"
    result = subprocess.run(
        [sys.executable, "-m", "mediator_desk", "cases", "--casefile", str(encrypted)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 1 and "does not open" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_encrypted_older_file_is_kept_encrypted_as_it_was_before_its_upgrade(tmp_path):
    """Opening a file of an older version keeps a copy of it as it was, beside it: for an
    encrypted file the copy is encrypted with the same passphrase, and holds the cases."""
    older = tmp_path / "older.mdesk"
    plain = sqlite3.connect(str(FIXTURES / f"casefile-v{SCHEMA_VERSION - 1}.mdesk"))
    try:
        export_encrypted(plain, older, KEY)
    finally:
        plain.close()
    with open_casefile(older, passphrase=KEY) as casefile:
        kept = casefile.backup_path
        assert casefile.migrated_from == SCHEMA_VERSION - 1
    assert kept is not None and kept.parent == tmp_path
    assert b"Lowenna" not in kept.read_bytes()
    with pytest.raises(errors.PassphraseNeeded):
        open_casefile(kept, read_only=True)
    with open_casefile(kept, read_only=True, passphrase=KEY) as copy:
        assert copy.schema_version == SCHEMA_VERSION - 1
        assert copy.cases.get_by_reference("MD-2026-0001").child_name == "Lowenna Tregothnan"


@pytest.fixture
def derivations(monkeypatch):
    """Each derivation of a key from the passphrase (PBKDF2, 256,000 rounds: 120 to 250 ms on
    a 2-core laptop): a connection keyed with the passphrase itself (SQLCipher derives it), or
    a derivation of the raw key done once for the file's salt."""
    import hashlib

    seen: list[str] = []
    connect, pbkdf2 = sqlite3.connect, hashlib.pbkdf2_hmac

    def traced(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(
            lambda sql: seen.append(sql) if sql.startswith("PRAGMA key = '") else None
        )
        return conn

    def derived(*args, **kwargs):
        seen.append("pbkdf2")
        return pbkdf2(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", traced)
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", derived)
    return seen


def test_opening_an_encrypted_file_derives_its_key_once(encrypted, derivations):
    """Opening derived the key twice on the GUI thread (248 ms against 2 ms for a plain file),
    and the structure and tamper-evidence checks, a report's reader and every command line
    call again. Derived once per file and passphrase, the other connections use the raw key."""
    desk = open_desk(encrypted, passphrase=KEY, check_now=False)
    assert len(derivations) == 1
    desk.verify_on_open()  # the checks the window runs on a worker thread
    desk.report_cases()
    desk.update_case(desk.list_cases()[0].id, {"notes": "Saved"})
    desk.close()
    assert len(derivations) == 1


def test_a_wrong_passphrase_is_still_refused_and_the_right_one_then_opens(encrypted, derivations):
    with pytest.raises(errors.WrongPassphrase):
        open_casefile(encrypted, passphrase="not the passphrase at all")
    with open_casefile(encrypted, passphrase=KEY) as casefile:
        assert casefile.cases.get_by_reference("MD-2026-0001").child_name == NAME


def test_the_command_line_derives_the_key_once(encrypted, derivations, monkeypatch, capsys):
    from mediator_desk.cli import main

    monkeypatch.setenv("MEDIATOR_DESK_PASSPHRASE", KEY)
    assert main(["check", "--casefile", str(encrypted)]) == 0
    assert len(derivations) == 1
