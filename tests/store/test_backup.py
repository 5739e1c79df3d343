"""Backups: consistent while open, checked, rotated; restore checks first and keeps what it
replaces."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.services import open_desk, restore_backup
from mediator_desk.store import errors
from mediator_desk.store.backup import automatic_backup, backups_in, restore, write_backup
from mediator_desk.store.casefile import open_casefile
from tests.conftest import make_case, sha256_of

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


def test_restore_is_refused_while_another_copy_has_the_file(casefile_path, tmp_path):
    desk = open_desk(casefile_path)
    backup = write_backup(casefile_path, tmp_path / "b.mdesk-backup")
    with pytest.raises(errors.CaseFileInUse):
        restore_backup(backup, casefile_path, T0)
    desk.close()
