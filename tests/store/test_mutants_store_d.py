"""Guards backups, restoring one, locking, opening and re-encrypting a case file against the
small slips a mutation run showed the other tests would not notice: the whole message a
mediator reads when a backup cannot be written, a file is missing, a lock cannot be taken, a
file is damaged or a re-encryption fails; a search for leftover partial backups in a backup
folder that is not there yet; a file chosen to restore from judged without anything written
beside it; a backup placed on a drive without hard links; and the steps a re-encryption
reports to the kill trials."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil

import pytest

from mediator_desk.services import open_desk, restore_backup
from mediator_desk.store import errors, plain_copies, rekey
from mediator_desk.store.backup import backup_into, remove_abandoned_partials, write_backup
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.lock import CaseFileLock
from tests.conftest import make_case, sha256_of

T0 = dt.datetime(2026, 11, 23, 9, 0)
KEY = "copper kettle lantern"


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


def test_a_backup_onto_a_drive_without_hard_links_is_placed_whole(
    casefile_path, tmp_path, monkeypatch
):
    """On a drive without hard links (a FAT memory stick) the finished backup is moved into
    place instead, the move is made durable, and the backup opens with everything in it;
    nothing half-written is left beside it."""
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="Lowenna Tregothnan"))
    desk.close()
    stick = tmp_path / "Memory stick"
    stick.mkdir()

    def no_links(source, target):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = stick / "casebook-20261123-090000.mdesk-backup"
    assert write_backup(casefile_path, target) == target
    monkeypatch.undo()
    assert sorted(p.name for p in stick.iterdir()) == ["casebook-20261123-090000.mdesk-backup"]
    with open_casefile(target, read_only=True) as backup:
        assert [s.child_name for s in backup.cases.summaries()] == ["Lowenna Tregothnan"]


def test_opening_a_case_file_that_is_not_there_names_it(tmp_path):
    """Opening a case file that is not there (and not to be created) says so in one sentence
    naming the file, and the problem carries that path for the window to offer choices."""
    missing = tmp_path / "casebook.mdesk"
    for read_only in (False, True):
        with pytest.raises(errors.FileMissing) as caught:
            open_casefile(missing, read_only=read_only, create=False)
        assert caught.value.message == f"There is no case file at {missing}."
        assert caught.value.path == missing
    assert list(tmp_path.iterdir()) == []


def test_a_lock_that_keeps_moving_is_refused_with_the_case_file_named(casefile_path, monkeypatch):
    """When the lock file keeps being replaced under us, taking the lock gives up with a
    message asking to try again, naming the case file so the window can offer to open it
    read-only; the case file itself is let go, and can be locked once the lock file is
    steady."""
    open_desk(casefile_path).close()
    monkeypatch.setattr(os.path, "samestat", lambda first, second: False)
    lock = CaseFileLock(casefile_path)
    with pytest.raises(errors.CaseFileInUse) as caught:
        lock.acquire()
    monkeypatch.undo()
    assert caught.value.message == "Could not lock casebook.mdesk; try again."
    assert caught.value.path == casefile_path
    assert caught.value.can_open_read_only is True
    assert lock.held is False
    again = CaseFileLock(casefile_path)
    again.acquire()
    again.release()


def test_a_reencryption_reports_every_step_in_order(casefile_path, monkeypatch):
    """Encrypting a case file passes each of its steps, by name and in order, to the seam the
    kill trials stop it at, so a trial stopped after any step really stops there."""
    steps: list[str] = []
    monkeypatch.setattr(rekey, "_step_done", steps.append)
    desk = open_desk(casefile_path)
    desk.set_passphrase(KEY)
    desk.close()
    assert steps == list(rekey.STEPS)


def test_a_reencryption_with_no_room_says_the_case_file_is_kept_whole(casefile_path, monkeypatch):
    """A re-encryption stopped by a full disk tells the mediator why, what to do and that the
    case file is kept whole; the file still opens unencrypted with its case, and nothing is
    left beside it."""
    with create_casefile(casefile_path) as casefile:
        casefile.cases.create(make_case(child_name="Lowenna Tregothnan"))

    def no_room(path):
        raise OSError(errno.ENOSPC, "No space left on device")

    casefile = open_casefile(casefile_path)
    monkeypatch.setattr(rekey, "create_owner_only", no_room)
    try:
        with pytest.raises(errors.StorageProblem) as caught:
            rekey.reencrypt(casefile, KEY)
    finally:
        casefile.close()
    assert caught.value.message == (
        "The case file could not be re-encrypted: No space left on device. Close Mediator "
        "Desk and open the case file again; it is kept whole."
    )
    assert caught.value.path == casefile_path
    assert [p.name for p in casefile_path.parent.iterdir() if p.name.startswith(".")] == []
    with open_casefile(casefile_path, read_only=True) as reopened:
        assert [s.child_name for s in reopened.cases.summaries()] == ["Lowenna Tregothnan"]


def test_plain_copies_that_cannot_be_removed_say_why_and_how_many_were(
    casefile_path, tmp_path, monkeypatch
):
    """When a plain copy cannot be overwritten and removed, the mediator reads which case
    file's copies, why, how many were dealt with and to try again; the copy is still there."""
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="Lowenna Tregothnan"))
    desk.close()
    folder = tmp_path / "Backups"
    backup = backup_into(casefile_path, folder, 5, T0)

    def refused(path):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(plain_copies, "wipe", refused)
    with pytest.raises(errors.StorageProblem) as caught:
        plain_copies.protect(casefile_path, folder, None)
    assert caught.value.message == (
        "The copies of casebook.mdesk could not all be protected: Permission denied (none was "
        "protected before it stopped); try again."
    )
    assert caught.value.path == casefile_path
    assert sorted(p.name for p in folder.iterdir()) == [backup.name]
