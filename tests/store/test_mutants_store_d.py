"""Guards backups and restoring one against the small slips a mutation run showed the other
tests would not notice: the whole message a mediator reads when a backup cannot be written,
a search for leftover partial backups in a backup folder that is not there yet, and a file
chosen to restore from being judged without anything being written beside it."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from mediator_desk.services import open_desk, restore_backup
from mediator_desk.store import errors
from mediator_desk.store.backup import remove_abandoned_partials, write_backup
from mediator_desk.store.casefile import open_casefile
from tests.conftest import make_case, sha256_of

T0 = dt.datetime(2026, 11, 23, 9, 0)


def test_a_backup_into_a_missing_folder_says_where_and_that_the_case_file_is_unchanged(
    casefile_path, tmp_path
):
    """A backup that cannot be written tells the mediator, in one whole sentence each, which
    folder it could not be written to, why, and that the case file itself is unchanged; and
    nothing is left behind."""
    open_desk(casefile_path).close()
    before = sha256_of(casefile_path)
    folder = tmp_path / "Pen drive"
    with pytest.raises(errors.StorageProblem) as raised:
        write_backup(casefile_path, folder / "casebook-20261123-090000.mdesk-backup")
    assert str(raised.value) == (
        f"The backup could not be written to {folder}: No such file or directory. "
        "The case file itself is unchanged."
    )
    assert sha256_of(casefile_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casebook.mdesk"]


def test_leftover_partial_backups_are_looked_for_only_in_a_folder_that_exists(
    casefile_path, tmp_path
):
    """Tidying up partial backups before the first backup of all, when the backup folder has
    not been made yet, finds nothing, removes nothing and raises nothing."""
    folder = tmp_path / "Backups"
    assert remove_abandoned_partials(folder, casefile_path) == []
    assert not folder.exists()


def test_restoring_from_a_copy_of_a_case_file_writes_nothing_beside_the_copy(
    casefile_path, tmp_path
):
    """A mediator may choose a plain copy of a case file (kept in write-ahead-log mode) to
    restore from. Checking it before the restore reads it as it stands: no -wal or -shm file
    appears beside the copy, and the copy's bytes do not change."""
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="Lowenna Tregothnan"))
    desk.close()
    kept_by_hand = tmp_path / "Kept by hand"
    kept_by_hand.mkdir()
    copy = kept_by_hand / "casebook copy.mdesk"
    shutil.copyfile(casefile_path, copy)
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="Tamsin Penhallow"))
    desk.close()
    before = sha256_of(copy)

    restore_backup(copy, casefile_path, T0)

    assert sorted(p.name for p in kept_by_hand.iterdir()) == ["casebook copy.mdesk"]
    assert sha256_of(copy) == before
    with open_casefile(casefile_path, read_only=True) as restored:
        assert [s.child_name for s in restored.cases.summaries()] == ["Lowenna Tregothnan"]
