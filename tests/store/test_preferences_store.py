"""Working defaults and backup settings kept in the case file."""

from __future__ import annotations

import pytest

from mediator_desk.services import open_desk
from mediator_desk.store.errors import CaseFileError, InvalidChange
from tests.conftest import fixed_today, make_case


def test_preferences_are_kept_in_the_case_file(desk, casefile_path):
    desk.set_preference("meeting_minutes", 120)
    desk.set_preference("platform", "Microsoft Teams")
    desk.set_preference("document_format", "docx")
    desk.close()
    again = open_desk(casefile_path, create=False, today=fixed_today)
    try:
        preferences = again.preferences()
        assert (preferences.meeting_minutes, preferences.platform) == (120, "Microsoft Teams")
        assert preferences.document_format == "docx"
    finally:
        again.close()


def test_a_bad_preference_is_refused_in_plain_english(desk):
    with pytest.raises(InvalidChange, match="meeting length"):
        desk.set_preference("meeting_minutes", 5)
    assert desk.preferences().meeting_minutes == 150


def test_a_new_case_starts_with_the_usual_platform(desk):
    desk.set_preference("platform", "Zoom")
    case = desk.create_case(make_case())
    assert desk.arrangements.get(case.id).platform == "Zoom"


def test_backup_folder_and_count(desk, casefile_path, tmp_path):
    assert desk.backup_folder() == casefile_path.parent / "Backups"
    desk.set_backup_folder(tmp_path / "elsewhere")
    desk.set_backup_keep(3)
    assert desk.backup_folder() == tmp_path / "elsewhere"
    assert desk.backup_keep() == 3
    desk.set_backup_folder(None)
    assert desk.backup_folder() == casefile_path.parent / "Backups"
    with pytest.raises(InvalidChange, match="1 to 365"):
        desk.set_backup_keep(0)
    with pytest.raises(InvalidChange, match="not a folder"):
        desk.set_backup_folder(casefile_path)


def test_read_only_file_refuses_changes(desk, casefile_path):
    desk.close()
    reader = open_desk(casefile_path, create=False, read_only=True, today=fixed_today)
    try:
        with pytest.raises(CaseFileError):
            reader.set_preference("platform", "Zoom")
        with pytest.raises(CaseFileError):
            reader.set_backup_keep(4)
    finally:
        reader.close()
