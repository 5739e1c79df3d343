"""Files that are not what they claim, or cannot be used where they are: each gets a plain
message, and the file is left exactly as it was, with nothing written beside it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from mediator_desk.store import errors
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.migrations import APPLICATION_ID, SCHEMA_VERSION, STEPS
from mediator_desk.store.recovery import tables_at
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import make_case, sha256_of


def refused(path: Path, error: type[errors.CaseFileError], words: str, **options: object):
    """Refuse `path` and leave it, and its folder, exactly as they were."""
    folder = path.parent
    before = sorted(p.name for p in folder.iterdir())
    digest = sha256_of(path) if path.is_file() else None
    with pytest.raises(error) as caught:
        open_casefile(path, **options)
    assert words in caught.value.message
    assert caught.value.path == path
    assert sorted(p.name for p in folder.iterdir()) == before
    if digest is not None:
        assert sha256_of(path) == digest
    return caught.value


def marked_database(path: Path, version: int, *tables: str) -> Path:
    """An SQLite file with Mediator Desk's mark, in the old rollback-journal mode."""
    conn = sqlite3.connect(str(path))
    for table in tables:
        conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path


def test_our_mark_but_no_tables(tmp_path):
    path = marked_database(tmp_path / "blank.mdesk", 0)
    refused(path, errors.NotACaseFile, "version number (0) is not one Mediator Desk")


def test_our_mark_and_a_version_but_missing_tables(tmp_path):
    path = marked_database(tmp_path / "partial.mdesk", 1, "cases", "meta")
    error = refused(path, errors.NotACaseFile, "parts every case file has are missing")
    assert error.message == (  # the first four, in order
        "partial.mdesk carries the mark of a Mediator Desk case file, but parts every case "
        "file has are missing (audit, case_search, case_search_config, case_search_content), "
        "so it cannot be opened. It has not been changed."
    )


@pytest.mark.parametrize("version", [-1, -7, -(2**31)])
def test_a_negative_version(tmp_path, version):
    path = tmp_path / "negative.mdesk"
    with create_casefile(path) as casefile:
        casefile.cases.create(make_case())
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    for _ in range(2):  # every attempt: no backup copy is left behind
        refused(path, errors.NotACaseFile, f"version number ({version})")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX device")
def test_a_device_is_not_called_a_folder():
    with pytest.raises(errors.NotACaseFile) as caught:
        open_casefile("/dev/zero")
    assert "/dev/zero is not a regular file" in caught.value.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipe")
def test_a_pipe_is_refused_without_waiting_on_it(tmp_path):
    path = tmp_path / "pipe.mdesk"
    os.mkfifo(path)
    refused(path, errors.NotACaseFile, "is not a regular file")
    refused(path, errors.NotACaseFile, "is not a regular file", read_only=True)


def test_a_folder(tmp_path):
    folder = tmp_path / "casebook.mdesk"
    folder.mkdir()
    refused(folder, errors.NotACaseFile, "is a folder, not a case file")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX folder permissions")
def test_a_writable_file_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "casebook.mdesk"
    with create_casefile(path) as casefile:
        casefile.cases.create(make_case(child_name="Tamsin Polglase"))
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        error = refused(path, errors.ReadOnlyCaseFile, "in a folder that cannot be written to")
        assert error.can_open_read_only
        with open_casefile(path, read_only=True) as casefile:
            assert casefile.cases.get_by_reference("MD-2026-0001").child_name == "Tamsin Polglase"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_the_tables_each_version_must_have_are_those_its_steps_create():
    db = Database(memory=True)
    for version, step in enumerate(STEPS, start=1):
        step(db)
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        assert tables_at(version) == {row[0] for row in rows}, f"version {version}"
    assert tables_at(SCHEMA_VERSION + 1) == tables_at(SCHEMA_VERSION)
