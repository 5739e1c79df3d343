"""After a case file is encrypted, the unencrypted copies made before (its backups, and the
copies kept beside it before an upgrade or a restore) are found and, as the mediator chooses,
encrypted with the new passphrase or overwritten and removed, so no plain copy remains."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from mediator_desk.services import open_desk, restore_backup
from mediator_desk.store import errors
from mediator_desk.store.casefile import open_casefile
from tests.conftest import fixed_clock, make_case

NAME = "Tamsin Ravenscroft"
KEY = "copper kettle lantern"
T0 = dt.datetime(2026, 11, 20, 8, 0)


def readable(folder, secret: bytes) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and secret in p.read_bytes()
    )


@pytest.fixture
def encrypted_with_plain_copies(tmp_path):
    """A case file encrypted today that was plain before: two backups in Backups, one copy
    kept before an upgrade and one before a restore; plus another case file's backup."""
    path = tmp_path / "casebook.mdesk"
    desk = open_desk(path, clock=fixed_clock)
    desk.create_case(make_case(child_name=NAME))
    first = desk.backup_now()
    desk.backup_now()  # the same second: a second, numbered backup
    desk.close()
    shutil.copyfile(path, tmp_path / "casebook.mdesk.v7-20261101-090000.backup")
    restore_backup(first, path, T0)
    other = open_desk(tmp_path / "casebook-2.mdesk", clock=fixed_clock)
    other.create_case(make_case(child_name="Other File Child"))
    other.backup_now()
    other.close()
    desk = open_desk(path, clock=fixed_clock)
    desk.set_passphrase(KEY)
    yield desk
    desk.close()


def test_the_plain_copies_left_after_encrypting_are_listed(encrypted_with_plain_copies, tmp_path):
    desk = encrypted_with_plain_copies
    assert [p.name for p in desk.plain_copies()] == [
        "casebook-20261123-093000-2.mdesk-backup",
        "casebook-20261123-093000.mdesk-backup",
        "casebook.mdesk.before-restore-20261120-080000",
        "casebook.mdesk.v7-20261101-090000.backup",
    ]
    assert len(readable(tmp_path, NAME.encode())) == 4


def test_plain_copies_are_encrypted_with_the_new_passphrase(encrypted_with_plain_copies, tmp_path):
    desk = encrypted_with_plain_copies
    assert desk.protect_plain_copies(remove=False) == 4
    assert desk.plain_copies() == []
    assert readable(tmp_path, NAME.encode()) == []
    for backup in (tmp_path / "Backups").glob("casebook-2026*"):
        with open_casefile(backup, read_only=True, passphrase=KEY) as copy:
            assert copy.cases.get_by_reference("MD-2026-0001").child_name == NAME
    kept = tmp_path / "casebook.mdesk.v7-20261101-090000.backup"
    with pytest.raises(errors.PassphraseNeeded):
        open_casefile(kept, read_only=True)
    with open_casefile(kept, read_only=True, passphrase=KEY) as copy:
        assert copy.cases.count() == 1
    assert readable(tmp_path, b"Other File Child") == [
        "Backups/casebook-2-20261123-093000.mdesk-backup",
        "casebook-2.mdesk",
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_plain_copies_can_be_removed_instead(encrypted_with_plain_copies, tmp_path):
    desk = encrypted_with_plain_copies
    assert desk.protect_plain_copies(remove=True) == 4
    assert readable(tmp_path, NAME.encode()) == []
    assert sorted(p.name for p in (tmp_path / "Backups").iterdir()) == [
        "casebook-2-20261123-093000.mdesk-backup"
    ]
    assert desk.history()[0].action == "plain copies removed"


def test_an_unencrypted_file_has_no_copies_to_protect(desk):
    desk.backup_now()
    assert desk.plain_copies() == []  # its copies are as plain as itself, by choice
    with pytest.raises(errors.InvalidChange):
        desk.protect_plain_copies(remove=False)


def test_a_plain_copy_left_by_a_stopped_encryption_of_a_backup_is_found(
    encrypted_with_plain_copies, tmp_path
):
    """Killed after a backup's encrypted copy was swapped in, before the old one was
    overwritten: the backup looks encrypted, but its plain bytes are still beside it."""
    desk = encrypted_with_plain_copies
    backups = tmp_path / "Backups"
    first = backups / "casebook-20261123-093000.mdesk-backup"
    plain = first.read_bytes()
    desk.protect_plain_copies(remove=False)
    (backups / ".casebook-20261123-093000.mdesk-backup.retired").write_bytes(plain)
    assert desk.plain_copies() == [first]
    assert desk.protect_plain_copies(remove=False) == 1
    assert readable(tmp_path, NAME.encode()) == []
    assert desk.plain_copies() == []
