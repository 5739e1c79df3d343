"""Backups: consistent while open, checked, rotated; restore checks first and keeps what it
replaces."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mediator_desk.services import open_desk, restore_backup
from mediator_desk.store import backup as backup_module
from mediator_desk.store import errors
from mediator_desk.store.backup import (
    automatic_backup,
    backup_into,
    backups_in,
    partial_name,
    restore,
    rotate,
    write_backup,
)
from mediator_desk.store.casefile import create_casefile, open_casefile
from tests.conftest import make_case, sha256_of
from tests.store.test_mutants_store_c import JOURNAL_MAGIC, damage_table

T0 = dt.datetime(2026, 11, 23, 9, 0)


def test_a_backup_of_an_open_file_has_everything_committed(desk, tmp_path):
    desk.create_case(make_case(notes="Saved before the backup"))
    copy = desk.backup_now(tmp_path / "copy.mdesk-backup")
    with open_casefile(copy, read_only=True) as backup:
        assert backup.cases.count() == 1
        assert backup.cases.get_by_reference("MD-2026-0001").notes == "Saved before the backup"
    assert not list(tmp_path.glob(".*partial*"))
    assert desk.history()[0].action == "backup taken"


def test_an_existing_target_is_never_overwritten(desk, tmp_path):
    target = tmp_path / "copy.mdesk-backup"
    target.write_text("precious")
    with pytest.raises(errors.CaseFileExists):
        desk.backup_now(target)
    assert target.read_text() == "precious"


def test_automatic_backups_are_daily_and_rotated(casefile_path, tmp_path):
    open_desk(casefile_path).close()
    folder = tmp_path / "Backups"
    taken = []
    for hours in range(0, 24 * 14, 6):  # every 6 hours for two weeks
        made = automatic_backup(
            casefile_path, folder, 5, T0 + dt.timedelta(hours=hours), dt.timedelta(days=1)
        )
        if made:
            taken.append(made)
    assert len(taken) == 14  # once a day
    kept = backups_in(folder, casefile_path)
    assert len(kept) == 5 and kept[0] == taken[-1]


def test_restore_round_trip(casefile_path, tmp_path):
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="Before the backup"))
    backup = desk.backup_now(tmp_path / "b.mdesk-backup")
    desk.create_case(make_case(child_name="After the backup"))
    desk.close()
    kept = restore_backup(backup, casefile_path, T0)
    with open_casefile(casefile_path) as restored:
        assert [s.child_name for s in restored.cases.summaries()] == ["Before the backup"]
    with open_casefile(kept, read_only=True) as previous:
        assert previous.cases.count() == 2


def test_a_copy_with_changes_still_in_its_log_is_not_restored_without_them(casefile_path, tmp_path):
    """A copy of a case file taken while it was open has its newest changes in the log
    beside it. Restoring the file alone would quietly drop them, so it is refused, with
    what to do instead, and nothing changes."""
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="In the case file"))
    desk.close()
    before = sha256_of(casefile_path)
    source = tmp_path / "elsewhere" / "copy.mdesk"
    source.parent.mkdir()
    with create_casefile(source) as copy:
        copy.db.execute("PRAGMA wal_autocheckpoint = 0")
        copy.cases.create(make_case(child_name="Only in the log"))
        shutil.copyfile(source, tmp_path / "copy.mdesk")
        shutil.copyfile(f"{source}-wal", tmp_path / "copy.mdesk-wal")
    copied = tmp_path / "copy.mdesk"
    with pytest.raises(errors.CaseFileError) as caught:
        restore(copied, casefile_path, T0)
    assert caught.value.message == (
        "copy.mdesk has changes still in copy.mdesk-wal beside it, which restoring the file "
        "alone would leave out. Open copy.mdesk in Mediator Desk and close it again, so the "
        "changes are saved into it, then restore it. Nothing has been changed."
    )
    assert caught.value.path == copied
    assert sha256_of(casefile_path) == before


def test_a_copy_with_a_change_cut_short_beside_it_is_not_restored(casefile_path, tmp_path):
    """An unfinished change in a rollback journal beside the copy: the file alone may be
    half-changed, so it is refused too, naming the journal."""
    desk = open_desk(casefile_path)
    desk.create_case(make_case())
    backup = desk.backup_now(tmp_path / "copy.mdesk")
    desk.close()
    before = sha256_of(casefile_path)
    journal = tmp_path / "copy.mdesk-journal"
    journal.write_bytes(JOURNAL_MAGIC + bytes(504))
    with pytest.raises(errors.CaseFileError) as caught:
        restore(backup, casefile_path, T0)
    assert caught.value.message.startswith(
        "copy.mdesk has changes still in copy.mdesk-journal beside it"
    )
    assert sha256_of(casefile_path) == before
    journal.unlink()
    restore(backup, casefile_path, T0)  # once it is gone, the copy restores


def test_a_damaged_backup_is_refused_and_nothing_changes(casefile_path, tmp_path):
    desk = open_desk(casefile_path)
    desk.create_case(make_case())
    desk.close()
    before = sha256_of(casefile_path)
    damaged = tmp_path / "damaged.mdesk-backup"
    damaged.write_bytes(casefile_path.read_bytes()[:3000])
    with pytest.raises(errors.DamagedCaseFile):
        restore(damaged, casefile_path, T0)
    not_ours = tmp_path / "notes.mdesk-backup"
    not_ours.write_text("not a backup")
    with pytest.raises(errors.NotACaseFile):
        restore(not_ours, casefile_path, T0)
    assert sha256_of(casefile_path) == before
    assert [p.name for p in casefile_path.parent.iterdir() if "before-restore" in p.name] == []


def test_a_whole_backup_with_a_damaged_page_is_refused_and_nothing_changes(casefile_path, tmp_path):
    """A backup of full length whose header and list of tables read, but one of whose pages
    is noise (a failing memory stick): its structure is checked before it replaces anything."""
    desk = open_desk(casefile_path)
    desk.create_case(make_case())
    desk.close()
    before = sha256_of(casefile_path)
    damaged = tmp_path / "damaged.mdesk-backup"
    damaged.write_bytes(casefile_path.read_bytes())
    damage_table(damaged, "audit")
    with pytest.raises(errors.DamagedCaseFile) as caught:
        restore(damaged, casefile_path, T0)
    assert caught.value.message.startswith("damaged.mdesk-backup is damaged")
    assert caught.value.path == damaged
    assert sha256_of(casefile_path) == before
    assert [p.name for p in casefile_path.parent.iterdir() if "before-restore" in p.name] == []


def test_restore_is_refused_while_another_copy_has_the_file(casefile_path, tmp_path):
    desk = open_desk(casefile_path)
    backup = write_backup(casefile_path, tmp_path / "b.mdesk-backup")
    with pytest.raises(errors.CaseFileInUse):
        restore_backup(backup, casefile_path, T0)
    desk.close()


def _backups_of(folder, stem):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f"{stem}-"))


def test_rotation_keeps_to_its_own_files_backups(tmp_path):
    """casebook's rotation must not count or remove casebook-2's backups (same folder)."""
    first, second = tmp_path / "casebook.mdesk", tmp_path / "casebook-2.mdesk"
    for path in (first, second):
        open_desk(path).close()
    folder = tmp_path / "Backups"
    for minutes in range(3):
        backup_into(second, folder, 5, T0 + dt.timedelta(minutes=minutes))
    for minutes in range(4):
        backup_into(first, folder, 2, T0 + dt.timedelta(hours=1, minutes=minutes))
    assert len(backups_in(folder, second)) == 3
    assert [p.name for p in backups_in(folder, first)] == [
        "casebook-20261123-100300.mdesk-backup",
        "casebook-20261123-100200.mdesk-backup",
    ]
    assert len(list(folder.iterdir())) == 5


def test_two_backups_in_the_same_second_are_both_kept(casefile_path, tmp_path):
    open_desk(casefile_path).close()
    folder = tmp_path / "Backups"
    made = [backup_into(casefile_path, folder, 10, T0) for _ in range(3)]
    assert len(set(made)) == 3 and all(p.is_file() for p in made)
    assert backups_in(folder, casefile_path) == list(reversed(made))  # newest first
    removed = rotate(folder, casefile_path, 1)
    assert sorted(removed) == sorted(made[:2]) and made[2].is_file()


def test_two_restores_in_the_same_second_keep_both_replaced_files(casefile_path, tmp_path):
    desk = open_desk(casefile_path)
    backup = desk.backup_now(tmp_path / "b.mdesk-backup")
    desk.create_case(make_case(child_name="First edit"))
    desk.close()
    first = restore_backup(backup, casefile_path, T0)
    desk = open_desk(casefile_path)
    desk.create_case(make_case(child_name="Second edit"))
    desk.close()
    second = restore_backup(backup, casefile_path, T0)
    assert first != second
    for kept, name in ((first, "First edit"), (second, "Second edit")):
        with open_casefile(kept, read_only=True) as previous:
            assert [s.child_name for s in previous.cases.summaries()] == [name]


def test_backups_and_kept_copies_are_for_the_owner_only(casefile_path, tmp_path):
    open_desk(casefile_path).close()
    made = backup_into(casefile_path, tmp_path / "Backups", 5, T0)
    kept = restore_backup(made, casefile_path, T0)
    for path in (made, kept, casefile_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_partials_left_by_killed_backups_are_cleaned_up(casefile_path, tmp_path, monkeypatch):
    open_desk(casefile_path).close()
    folder = tmp_path / "Backups"
    folder.mkdir()
    dead = _dead_pid()
    killed = folder / partial_name(folder / "casebook-20261122-090000.mdesk-backup", dead)
    killed_journal = Path(f"{killed}-journal")
    others = folder / partial_name(folder / "casebook-2-20261122-090000.mdesk-backup", dead)
    live = folder / partial_name(folder / "casebook-20261123-085959.mdesk-backup", os.getpid())
    for path in (killed, killed_journal, others, live):
        path.write_bytes(b"half a backup")
    monkeypatch.setattr(backup_module, "_writing", {live})  # being written right now
    backup_into(casefile_path, folder, 5, T0)
    assert not killed.exists() and not killed_journal.exists()
    assert others.exists() and live.exists()  # another file's, and one still being written


def test_the_copy_kept_before_an_upgrade_is_for_the_owner_only(tmp_path):
    source = Path(__file__).parent / "fixtures" / "casefile-v1.mdesk"
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    desk = open_desk(path)
    kept = desk.casefile.backup_path
    desk.close()
    assert kept is not None and stat.S_IMODE(kept.stat().st_mode) == 0o600
