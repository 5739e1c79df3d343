"""Dates and times as a British user types them: the cases the mutation run (docs/testing.md)
found no test for. A date the app cannot read gets a reason in plain words that names what was
typed, never a Python error."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.dates import (
    date_or_none,
    iso_or_none,
    parse_iso_date,
    parse_user_date,
    parse_user_datetime,
    parse_user_time,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1st April 2026", D(2026, 4, 1)),
        ("2ND April 2026", D(2026, 4, 2)),
        ("3rd April 2026", D(2026, 4, 3)),
        ("4th April 2026", D(2026, 4, 4)),
        ("21st April 2026", D(2026, 4, 21)),
        ("Fri. 3 Apr 2026", D(2026, 4, 3)),
    ],
)
def test_ordinal_days_and_a_weekday_with_a_full_stop_are_read(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3 Smarch 2026", "'3 Smarch 2026' is not a date; type it like 3/4/2026 or 3 April 2026"),
        ("x/4/2026", "'x/4/2026' is not a date; type it like 3/4/2026 or 3 April 2026"),
        ("3/4/20x6", "'3/4/20x6' is not a date; type it like 3/4/2026 or 3 April 2026"),
        ("1/1/1850", "'1/1/1850' is not between 1 January 1900 and 31 December 2199"),
    ],
)
def test_an_unreadable_date_gets_a_reason_naming_what_was_typed(text, reason):
    with pytest.raises(ValueError) as refused:
        parse_user_date(text)
    assert str(refused.value) == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-04x03", "'2026-04x03' is not a date in the form YYYY-MM-DD"),
        ("2026-04-031", "'2026-04-031' is not a date in the form YYYY-MM-DD"),
        ("2026.04.03", "'2026.04.03' is not a date in the form YYYY-MM-DD"),
        ("2026-02-30", "'2026-02-30' is not a real date"),
        ("2200-01-01", "'2200-01-01' is not between 1 January 1900 and 31 December 2199"),
    ],
)
def test_an_iso_date_is_read_strictly(text, reason):
    """The exchange format and the command line take YYYY-MM-DD only (docs/exchange-format.md)."""
    with pytest.raises(ValueError) as refused:
        parse_iso_date(text)
    assert str(refused.value) == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1pm", dt.time(13, 0)), ("1am", dt.time(1, 0)), ("1.05 p.m.", dt.time(13, 5))],
)
def test_one_o_clock_with_am_or_pm(text, expected):
    assert parse_user_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2/11/2026 10AM", dt.datetime(2026, 11, 2, 10, 0)),
        ("2 Nov 2026 At 10:15", dt.datetime(2026, 11, 2, 10, 15)),
        ("2 Nov 2026, 10:15", dt.datetime(2026, 11, 2, 10, 15)),
    ],
)
def test_a_meeting_time_as_typed(text, expected):
    assert parse_user_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "short_years", "reason"),
    [
        ("2/11/26", True, "'2/11/26' needs a time too, like 2/11/2026 10:15"),
        ("2/11/26", False, "'2/11/26' needs a four-digit year"),
        ("2 Nov 26", True, "'2 Nov 26' needs a time too, like 2/11/2026 10:15"),  # 26: the year
        # A whole date and then an hour alone: the minutes are asked for, not the date blamed.
        (
            "2/11/2026 10",
            True,
            "'2/11/2026 10' needs the time in hours and minutes, like 10:00 or 10am",
        ),
        (
            "2 November 2026 9",
            True,
            "'2 November 2026 9' needs the time in hours and minutes, like 9:00 or 9am",
        ),
        # From noon there is no "am" to offer (and "12am" would be read as midnight or noon).
        (
            "2/11/2026 11",
            True,
            "'2/11/2026 11' needs the time in hours and minutes, like 11:00 or 11am",
        ),
        ("2/11/2026 12", True, "'2/11/2026 12' needs the time in hours and minutes, like 12:00"),
        ("2/11/2026 14", True, "'2/11/2026 14' needs the time in hours and minutes, like 14:00"),
        ("2/11/2026 0", True, "'2/11/2026 0' needs the time in hours and minutes, like 0:00"),
        (
            "2/11/2026 1",
            True,
            "'2/11/2026 1' needs the time in hours and minutes, like 1:00 or 1am",
        ),
        # The ISO form and "at" are read as they are with a whole time.
        (
            "2026-11-02T9",
            True,
            "'2026-11-02T9' needs the time in hours and minutes, like 9:00 or 9am",
        ),
        (
            "2/11/2026 at 9",
            True,
            "'2/11/2026 at 9' needs the time in hours and minutes, like 9:00 or 9am",
        ),
        # A two-digit year is a whole date only where the caller allows one.
        ("2/11/26 9", True, "'2/11/26 9' needs the time in hours and minutes, like 9:00 or 9am"),
    ],
)
def test_a_date_without_a_time_says_what_is_missing(text, short_years, reason):
    """The date is checked first, with the caller's rule on two-digit years, then the missing
    time is asked for."""
    with pytest.raises(ValueError) as refused:
        parse_user_datetime(text, allow_short_year=short_years)
    assert str(refused.value) == reason


def test_optional_dates_round_trip_through_iso_text():
    """How the store keeps a date that may be missing: ISO text, or nothing."""
    assert iso_or_none(D(2026, 4, 3)) == "2026-04-03"
    assert iso_or_none(None) is None
    assert date_or_none("2026-04-03") == D(2026, 4, 3)
    assert date_or_none(None) is None
    assert date_or_none("") is None
