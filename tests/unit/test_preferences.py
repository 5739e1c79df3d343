"""The mediator's working defaults: read leniently, changed only within what is allowed."""

from __future__ import annotations

import pytest

from mediator_desk.domain.preferences import (
    KEY_PREFIX,
    PreferenceNotValid,
    Preferences,
    describe_minutes,
    end_time,
    to_text,
)


def test_defaults_when_nothing_is_stored():
    assert Preferences.from_settings({}) == Preferences()
    assert Preferences().meeting_minutes == 150
    assert Preferences().document_format == "both"


def test_stored_values_are_read_back():
    stored = {
        KEY_PREFIX + "meeting_minutes": "120",
        KEY_PREFIX + "platform": "Zoom",
        KEY_PREFIX + "document_format": "pdf",
        KEY_PREFIX + "open_folder_after_export": "1",
    }
    preferences = Preferences.from_settings(stored)
    assert preferences.meeting_minutes == 120
    assert preferences.platform == "Zoom"
    assert preferences.document_format == "pdf"
    assert preferences.open_folder_after_export is True


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("meeting_minutes", "two hours"),
        ("meeting_minutes", "5"),
        ("meeting_minutes", "100000"),
        ("document_format", "rtf"),
    ],
)
def test_a_damaged_stored_value_keeps_its_default(name, text):
    assert Preferences.from_settings({KEY_PREFIX + name: text}) == Preferences()


def test_changes_are_checked():
    preferences = Preferences()
    assert preferences.replace("meeting_minutes", 90).meeting_minutes == 90
    assert preferences.replace("platform", "  Microsoft Teams ").platform == "Microsoft Teams"
    with pytest.raises(PreferenceNotValid, match="from 30 minutes to 8 hours"):
        preferences.replace("meeting_minutes", 10)
    with pytest.raises(PreferenceNotValid, match="PDF, Word or both"):
        preferences.replace("document_format", "odt")
    with pytest.raises(PreferenceNotValid):
        preferences.replace("meeting_minutes", True)  # a tick is not a number of minutes
    with pytest.raises(PreferenceNotValid):
        preferences.replace("open_folder_after_export", 1)
    with pytest.raises(PreferenceNotValid, match="no setting called"):
        preferences.replace("colour", "teal")
    with pytest.raises(PreferenceNotValid, match="too long"):
        preferences.replace("document_folder", "x" * 1001)


def test_text_round_trip():
    changed = Preferences(meeting_minutes=75, open_folder_after_export=True, platform="Zoom")
    stored = {KEY_PREFIX + k: to_text(v) for k, v in vars(changed).items()}
    assert Preferences.from_settings(stored) == changed


@pytest.mark.parametrize(
    ("start", "minutes", "end"),
    [
        ("10:00", 150, "12:30"),
        ("9:45", 120, "11:45"),
        ("13:30", 30, "14:00"),
        ("22:30", 120, ""),  # past midnight: left for the mediator to enter
        ("ten", 120, ""),
        ("25:00", 60, ""),
        ("", 60, ""),
    ],
)
def test_end_time(start, minutes, end):
    assert end_time(start, minutes) == end


def test_describe_minutes():
    assert describe_minutes(150) == "2 hours 30 minutes"
    assert describe_minutes(60) == "1 hour"
    assert describe_minutes(45) == "45 minutes"


@pytest.mark.parametrize(
    ("minutes", "allowed"), [(29, False), (30, True), (480, True), (481, False)]
)
def test_the_meeting_length_runs_from_half_an_hour_to_eight_hours_inclusive(minutes, allowed):
    """The ends of the range are allowed: a 30-minute pre-meeting call, an 8-hour day."""
    if allowed:
        assert Preferences().replace("meeting_minutes", minutes).meeting_minutes == minutes
    else:
        with pytest.raises(PreferenceNotValid) as refused:
            Preferences().replace("meeting_minutes", minutes)
        assert str(refused.value) == "Choose a meeting length from 30 minutes to 8 hours."


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("meeting_minutes", "90"),  # text where a number belongs
        ("platform", 5),  # a number where text belongs
        ("open_folder_after_export", "1"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_by_name(name, value):
    with pytest.raises(PreferenceNotValid) as refused:
        Preferences().replace(name, value)
    assert str(refused.value) == f"The setting {name!r} cannot be {value!r}."


def test_the_messages_for_format_and_length_are_the_whole_sentence():
    with pytest.raises(PreferenceNotValid) as refused:
        Preferences().replace("document_format", "odt")
    assert str(refused.value) == "Choose PDF, Word or both."
    folder = "/home/" + "d" * 994  # 1,000 characters: the most allowed
    assert len(folder) == 1000
    assert Preferences().replace("document_folder", folder).document_folder == folder
    with pytest.raises(PreferenceNotValid) as refused:
        Preferences().replace("document_folder", folder + "x")
    assert str(refused.value) == "That is too long: use at most 1,000 characters."


def test_ticks_are_stored_as_one_and_nought():
    assert (to_text(True), to_text(False), to_text(90)) == ("1", "0", "90")


@pytest.mark.parametrize(
    ("start", "minutes", "end"),
    [("22:00", 119, "23:59"), ("22:00", 120, ""), ("00:00", 1439, "23:59"), ("00:00", 1440, "")],
)
def test_a_meeting_ending_at_midnight_or_later_has_no_end_time(start, minutes, end):
    """An end of 24:00 is not a time of day: the mediator enters the end themselves."""
    assert end_time(start, minutes) == end
