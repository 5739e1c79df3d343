"""A case file left with a hot rollback journal (a write in rollback mode cut short: a kill
while the file changes journal mode, or a file last written by another SQLite tool) is whole
once SQLite rolls the journal back. Every way of opening it, read-only included, must see the
last committed state: never "damaged", never "wrong passphrase" for the right one."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mediator_desk.store import errors
from mediator_desk.store.casefile import check_casefile, create_casefile, open_casefile
from mediator_desk.store.lock import lock_path_for
from mediator_desk.store.sqlite import dbapi as sqlite3
from mediator_desk.store.sqlite import quote_key
from tests.conftest import make_case, sha256_of
from tests.store.test_recovery import raw

ROOT = Path(__file__).resolve().parents[2]
KEY = "correct horse battery staple"
CASES = 40
COMMITTED = "Agreed at the planning call with Fernleigh County Council. " * 40
UNFINISHED = "An edit that was never committed. " * 400


def journal(path: Path) -> Path:
    return Path(f"{path}-journal")


def leave_hot_journal(path: Path, passphrase: str | None) -> None:
    """A case file of CASES committed cases, then a process that rewrote every case's notes in
    rollback-journal mode with a tiny page cache (so changed pages reach the main file before
    the commit) and died before committing: the main file is torn and its journal is hot."""
    with create_casefile(path, passphrase=passphrase) as casefile:
        for n in range(CASES):
            casefile.cases.create(make_case(child_name=f"Child {n}", notes=COMMITTED))
    script = textwrap.dedent(f"""
        import os
        from mediator_desk.store.sqlite import dbapi as sqlite3, quote_key
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        if {passphrase!r} is not None:
            conn.execute("PRAGMA key = " + quote_key({passphrase!r}))
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA cache_size = 2")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE cases SET notes = ?", [{UNFINISHED!r}])
        os._exit(0)  # killed before the commit
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert journal(path).stat().st_size > 0
    assert not Path(f"{path}-wal").exists()


def rolled_back_elsewhere(path: Path, passphrase: str | None, folder: Path) -> bytes:
    """The main file as SQLite's own rollback leaves it, worked out on a copy."""
    folder.mkdir()
    copy = folder / path.name
    shutil.copyfile(path, copy)
    shutil.copyfile(journal(path), journal(copy))
    conn = raw(copy, passphrase)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == CASES
    conn.close()
    assert not journal(copy).exists()
    return copy.read_bytes()


def assert_committed_state(casefile) -> None:
    cases = casefile.cases.all()
    assert len(cases) == CASES
    assert {case.notes for case in cases} == {COMMITTED}


@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
def test_the_journal_makes_the_main_file_alone_unreadable(casefile_path, passphrase):
    """The set-up is what it claims: read as it stands, without the journal, the main file
    holds uncommitted pages."""
    leave_hot_journal(casefile_path, passphrase)
    uri = f"{casefile_path.resolve().as_uri()}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    if passphrase is not None:
        conn.execute(f"PRAGMA key = {quote_key(passphrase)}")
    try:
        notes = {row[0] for row in conn.execute("SELECT notes FROM cases")}
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError:
        return  # unreadable as it stands
    finally:
        conn.close()
    assert notes != {COMMITTED} or check != "ok"


@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
def test_a_hot_journal_opens_with_the_last_committed_state(casefile_path, passphrase):
    leave_hot_journal(casefile_path, passphrase)
    with open_casefile(casefile_path, passphrase=passphrase) as casefile:
        assert_committed_state(casefile)
        assert check_casefile(casefile) == []
    assert not journal(casefile_path).exists()


@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
def test_a_hot_journal_opens_read_only_too(casefile_path, passphrase, tmp_path):
    """Read-only changes nothing the file holds: SQLite's rollback restores the bytes the
    last commit left, exactly as it does on a copy, and no more."""
    leave_hot_journal(casefile_path, passphrase)
    expected = rolled_back_elsewhere(casefile_path, passphrase, tmp_path / "elsewhere")
    with open_casefile(casefile_path, read_only=True, passphrase=passphrase) as casefile:
        assert casefile.read_only
        assert_committed_state(casefile)
    assert casefile_path.read_bytes() == expected
    assert not journal(casefile_path).exists()
    assert not lock_path_for(casefile_path).exists()


@pytest.mark.parametrize("read_only", [False, True], ids=["normal", "read-only"])
def test_the_wrong_passphrase_is_called_wrong_and_touches_nothing(casefile_path, read_only):
    leave_hot_journal(casefile_path, KEY)
    before = sha256_of(casefile_path), sha256_of(journal(casefile_path))
    with pytest.raises(errors.WrongPassphrase, match="does not open"):
        open_casefile(casefile_path, read_only=read_only, passphrase="not the passphrase")
    assert (sha256_of(casefile_path), sha256_of(journal(casefile_path))) == before
    assert not lock_path_for(casefile_path).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_read_only_in_a_folder_that_cannot_be_written_says_what_to_do(casefile_path):
    """SQLite must write to roll the journal back. Where it cannot, the mediator is told
    how to open it, in plain English, and nothing changes."""
    leave_hot_journal(casefile_path, None)
    before = sha256_of(casefile_path), sha256_of(journal(casefile_path))
    folder = casefile_path.parent
    mode = folder.stat().st_mode
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(errors.CaseFileError) as caught:
            open_casefile(casefile_path, read_only=True)
    finally:
        os.chmod(folder, mode)
    message = caught.value.message
    assert not isinstance(caught.value, errors.DamagedCaseFile)
    assert caught.value.path == casefile_path
    assert "was not closed properly" in message
    assert "casebook.mdesk-journal" in message
    assert "has not been changed" in message
    assert (sha256_of(casefile_path), sha256_of(journal(casefile_path))) == before


@pytest.mark.parametrize("read_only", [False, True], ids=["normal", "read-only"])
def test_no_room_for_the_private_copy_says_so(casefile_path, read_only, monkeypatch):
    """The journal is judged on a copy first; with no room for it (a full disk), the mediator
    is told that, not that the file is damaged or the passphrase wrong."""
    leave_hot_journal(casefile_path, KEY)
    before = sha256_of(casefile_path), sha256_of(journal(casefile_path))

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("mediator_desk.store.recovery.shutil.copyfile", full_disk)
    with pytest.raises(errors.StorageProblem) as caught:
        open_casefile(casefile_path, read_only=read_only, passphrase=KEY)
    assert "no room for the copy" in caught.value.message
    assert (sha256_of(casefile_path), sha256_of(journal(casefile_path))) == before
    assert not lock_path_for(casefile_path).exists()


def test_a_drive_that_fails_while_the_journal_is_rolled_back_is_named(casefile_path, monkeypatch):
    """Viewing a file with a hot journal makes SQLite roll it back in place first: if the
    drive fails then, the mediator is told so, with the file's name, in plain English."""
    leave_hot_journal(casefile_path, None)

    def failing_drive(path, passphrase):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("mediator_desk.store.recovery.roll_back_journal", failing_drive)
    with pytest.raises(errors.StorageProblem) as caught:
        open_casefile(casefile_path, read_only=True)
    assert caught.value.path == casefile_path
    assert caught.value.message.endswith(f"has not been saved ({casefile_path}).")
    assert not lock_path_for(casefile_path).exists()


@pytest.mark.parametrize("read_only", [False, True], ids=["normal", "read-only"])
def test_a_file_its_journal_cannot_mend_is_called_damaged_naming_the_journal(
    casefile_path, read_only
):
    """A torn file whose journal is spoilt too: damaged, saying that SQLite's rollback
    journal could not mend it either, and nothing changes."""
    leave_hot_journal(casefile_path, None)
    data = bytearray(journal(casefile_path).read_bytes())
    data[512:] = b"\x5a" * (len(data) - 512)  # every page the journal kept is lost
    journal(casefile_path).write_bytes(bytes(data))
    before = sha256_of(casefile_path), sha256_of(journal(casefile_path))
    with pytest.raises(errors.DamagedCaseFile) as caught:
        open_casefile(casefile_path, read_only=read_only)
    assert caught.value.message == (
        "casebook.mdesk is damaged and cannot be read safely. SQLite could not recover it from "
        "its rollback journal either. It has not been changed. Restore it from a backup; do not "
        "delete it."
    )
    assert (sha256_of(casefile_path), sha256_of(journal(casefile_path))) == before
    assert not lock_path_for(casefile_path).exists()
