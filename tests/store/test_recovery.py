"""A case file whose last checkpoint was cut short (a crash, a full disk) is whole once SQLite
replays its write-ahead log: it opens with every committed edit and is never called damaged or
its passphrase wrong. A file SQLite cannot recover either is refused, unchanged."""

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parents[2]
KEY = "correct horse battery staple"
UNIT = "Notes from the planning call with Fernleigh County Council. "
LONG = UNIT * 5_000


def sidecar(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def raw(path: Path, passphrase: str | None) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path))
    if passphrase is not None:
        conn.execute(f"PRAGMA key = {quote_key(passphrase)}")
    return conn


def cut_checkpoint(path: Path, passphrase: str | None, pages_copied: int | None) -> int:
    """A case file as a checkpoint leaves it when cut short: a long edit committed to the
    write-ahead log, then only the first `pages_copied` pages copied into the main file (None:
    half of them). Returns the edited case's id."""
    with create_casefile(path, passphrase=passphrase) as casefile:
        case_id = casefile.cases.create(make_case(notes="Short")).id
    conn = raw(path, passphrase)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE cases SET notes = ? WHERE id = ?", [LONG, case_id])
    conn.commit()
    before = path.read_bytes()
    wal, shm = sidecar(path, "-wal").read_bytes(), sidecar(path, "-shm").read_bytes()
    conn.close()  # the last connection checkpoints: the main file as a finished checkpoint
    after = path.read_bytes()
    page = 4096
    copied = (len(after) // page) // 2 if pages_copied is None else pages_copied
    assert len(after) > len(before) and copied * page < len(after)
    cut = after[: copied * page] + before[copied * page :]
    path.write_bytes(cut)
    sidecar(path, "-wal").write_bytes(wal)
    sidecar(path, "-shm").write_bytes(shm)
    return case_id


@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
@pytest.mark.parametrize("pages_copied", [1, None], ids=["header-only", "half"])
def test_a_checkpoint_cut_short_opens_with_every_edit(casefile_path, passphrase, pages_copied):
    case_id = cut_checkpoint(casefile_path, passphrase, pages_copied)
    with open_casefile(casefile_path, passphrase=passphrase) as casefile:
        assert casefile.cases.get(case_id).notes == LONG
        assert check_casefile(casefile) == []


@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
def test_a_checkpoint_cut_short_opens_read_only_too(casefile_path, passphrase):
    case_id = cut_checkpoint(casefile_path, passphrase, 1)
    before = sha256_of(casefile_path)
    with open_casefile(casefile_path, read_only=True, passphrase=passphrase) as casefile:
        assert casefile.cases.get(case_id).notes == LONG
    assert sha256_of(casefile_path) == before


def test_the_wrong_passphrase_is_still_called_wrong(casefile_path):
    cut_checkpoint(casefile_path, KEY, 1)
    before = sha256_of(casefile_path), sha256_of(sidecar(casefile_path, "-wal"))
    with pytest.raises(errors.WrongPassphrase, match="does not open"):
        open_casefile(casefile_path, passphrase="not the passphrase")
    assert (sha256_of(casefile_path), sha256_of(sidecar(casefile_path, "-wal"))) == before
    assert not lock_path_for(casefile_path).exists()


@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
def test_a_file_its_log_cannot_mend_is_refused_unchanged(casefile_path, passphrase):
    """The right passphrase and a truly damaged file: damaged, with what was tried."""
    cut_checkpoint(casefile_path, passphrase, 1)
    wal = sidecar(casefile_path, "-wal")
    data = bytearray(wal.read_bytes())
    data[32:] = b"\x5a" * (len(data) - 32)  # every logged page lost
    wal.write_bytes(bytes(data))
    before = sha256_of(casefile_path), sha256_of(wal)
    with pytest.raises(errors.DamagedCaseFile) as caught:
        open_casefile(casefile_path, passphrase=passphrase)
    assert "could not recover it from its write-ahead log either" in caught.value.message
    assert (sha256_of(casefile_path), sha256_of(wal)) == before
    assert not lock_path_for(casefile_path).exists()
    isolated = {"xdg-data", "xdg-config", "xdg-state"}  # the test's own home folders
    assert sorted(p.name for p in casefile_path.parent.iterdir() if p.name not in isolated) == [
        "casebook.mdesk",
        "casebook.mdesk-shm",
        "casebook.mdesk-wal",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="a file size limit is POSIX")
@pytest.mark.parametrize("passphrase", [None, KEY], ids=["plain", "encrypted"])
def test_a_disk_that_fills_during_the_checkpoint(casefile_path, passphrase):
    """The app's own close, with the disk full (a file size limit stands in for it): the
    checkpoint stops part-way, and the file must still open with the edit."""
    with create_casefile(casefile_path, passphrase=passphrase) as casefile:
        for n in range(40):
            casefile.cases.create(make_case(notes=f"Case {n} " * 600))
        case_id = casefile.cases.create(make_case(notes="Short")).id
    size = casefile_path.stat().st_size
    script = textwrap.dedent(f"""
        import resource, signal
        from mediator_desk.store.casefile import open_casefile
        casefile = open_casefile({str(casefile_path)!r}, passphrase={passphrase!r})
        casefile.db.execute("PRAGMA wal_autocheckpoint = 0")
        casefile.cases.update({case_id}, {{"notes": {UNIT!r} * 10_000}})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = {size} + 100_000  # room for nothing more: the disk is full
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            casefile.close()
        except Exception:
            pass
        print("closed", flush=True)
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "closed", done.stderr[-2000:]
    assert sidecar(casefile_path, "-wal").stat().st_size > 0  # the checkpoint did not finish
    with open_casefile(casefile_path, passphrase=passphrase) as casefile:
        assert casefile.cases.get(case_id).notes == LONG * 2
        assert check_casefile(casefile) == []
