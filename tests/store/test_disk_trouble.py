"""A disk that fills up, or a case file that becomes unwritable, in the middle of a session:
a plain message, nothing half-written, and the edit still waiting to be saved."""

from __future__ import annotations

import pytest

from mediator_desk.store import errors
from tests.conftest import make_case


def fill_the_disk(desk) -> None:
    """SQLite's own limit on the file's size makes it report a full disk, as a real one does."""
    db = desk.casefile.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_is_explained_and_changes_nothing(desk):
    case = desk.create_case(make_case(notes="Before"))
    fill_the_disk(desk)
    with pytest.raises(errors.StorageProblem, match="disk is full"):
        desk.update_case(case.id, {"notes": "A long note " * 20_000})
    assert desk.case(case.id).notes == "Before"
    desk.casefile.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    desk.update_case(case.id, {"notes": "After"})
    assert desk.case(case.id).notes == "After"
    assert desk.check() == []


def test_a_case_file_that_becomes_unwritable(desk):
    case = desk.create_case(make_case(notes="Before"))
    desk.casefile.db.execute("PRAGMA query_only = ON")  # as when the drive goes read-only
    with pytest.raises(errors.StorageProblem, match="can no longer be written to"):
        desk.update_case(case.id, {"notes": "Lost?"})
    desk.casefile.db.execute("PRAGMA query_only = OFF")
    assert desk.case(case.id).notes == "Before"
