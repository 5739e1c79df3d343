"""Dates as mediators read and type them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_desk.domain.dates import (
    long_date,
    month_and_year,
    month_name,
    parse_iso_date,
    parse_user_date,
    parse_user_datetime,
    parse_user_time,
    plain_date,
    short_date,
    short_datetime,
)


def test_long_date_is_british_and_unambiguous():
    assert long_date(dt.date(2026, 4, 3)) == "Friday 3 April 2026"
    assert short_date(dt.date(2026, 4, 3)) == "Fri 3 Apr 2026"
    assert plain_date(dt.date(2026, 4, 3)) == "3 April 2026"
    assert (month_name(dt.date(2026, 9, 1)), month_and_year(dt.date(2026, 9, 1))) == (
        "Sep",
        "Sep 2026",
    )  # the same whatever the computer's language


@pytest.mark.parametrize(
    "text",
    [
        "3/4/2026",
        "03/04/2026",
        "3-4-2026",
        "3.4.2026",
        "3/4/26",
        "3 Apr 2026",
        "3 April 2026",
        "Friday 3 April 2026",
        "Fri, 3 Apr 2026",
        "3rd April 2026",
        "2026-04-03",
        " 3/4/2026 ",
    ],
)
def test_user_dates_are_day_first(text):
    assert parse_user_date(text) == dt.date(2026, 4, 3)


def test_empty_text_is_no_date():
    assert parse_user_date("  ") is None


@pytest.mark.parametrize("text", ["31/2/2026", "2026-02-30", "tomorrow", "3/4", "3/13/2026"])
def test_impossible_dates_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="not a"):
        parse_user_date(text)


def test_two_digit_years_can_be_refused_while_typing():
    with pytest.raises(ValueError, match="four-digit year"):
        parse_user_date("3/4/26", allow_short_year=False)


def test_iso_parsing_is_strict():
    assert parse_iso_date("2028-02-29") == dt.date(2028, 2, 29)
    for bad in ("2026-2-3", "03/04/2026", "2027-02-29"):
        with pytest.raises(ValueError):
            parse_iso_date(bad)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_every_shown_date_reads_back(day):
    assert parse_user_date(long_date(day)) == day
    assert parse_user_date(short_date(day)) == day
    assert parse_user_date(day.strftime("%d/%m/%Y")) == day


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "31/12/9999", "1 January 1899"])
def test_dates_outside_1900_to_2199_are_refused_as_they_are_typed(text):
    with pytest.raises(ValueError, match="is not between 1 January 1900 and 31 December 2199"):
        parse_user_date(text)


def test_the_range_ends_are_dates_too():
    assert parse_iso_date("1900-01-01") == dt.date(1900, 1, 1)
    assert parse_user_date("31/12/2199") == dt.date(2199, 12, 31)


# -- times and date-times, typed the British way -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:15", dt.time(10, 15)),
        ("10.15", dt.time(10, 15)),
        ("9:05", dt.time(9, 5)),
        ("09:05", dt.time(9, 5)),
        ("22:15", dt.time(22, 15)),
        ("0:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
        ("10:15am", dt.time(10, 15)),
        ("10:15 AM", dt.time(10, 15)),
        ("2.30pm", dt.time(14, 30)),
        ("2:30 p.m.", dt.time(14, 30)),
        ("2pm", dt.time(14, 0)),
        ("12pm", dt.time(12, 0)),
        ("12:30am", dt.time(0, 30)),
        ("12am", dt.time(0, 0)),
        ("10:15:42", dt.time(10, 15)),  # seconds are not kept
        (" 10:15 ", dt.time(10, 15)),
    ],
)
def test_user_times_are_24_hour_or_say_am_or_pm(text, expected):
    assert parse_user_time(text) == expected


def test_empty_text_is_no_time():
    assert parse_user_time(" ") is None


@pytest.mark.parametrize(
    "text", ["24:00", "25:00", "10:60", "10:5", "13pm", "0am", "10", "1015", "noonish", "10:15xm"]
)
def test_impossible_times_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="not a time of day"):
        parse_user_time(text)


@pytest.mark.parametrize(
    "text",
    [
        "02/11/2026 10:15",  # the mediator's report: read as 10 November, 22:15
        "2/11/2026 10:15",
        "2/11/26 10:15",
        "02-11-2026 10.15",
        "2.11.2026 10:15",
        "2 Nov 2026 10:15",
        "2 November 2026 10:15am",
        "Mon 2 Nov 2026 10:15",
        "Monday, 2 November 2026, 10:15",
        "2 Nov 2026 at 10:15",
        "2026-11-02 10:15",
        "2026-11-02T10:15",
        "2026-11-02T10:15:00",
        " 02/11/2026   10:15 ",
    ],
)
def test_user_date_times_are_day_first(text):
    assert parse_user_datetime(text) == dt.datetime(2026, 11, 2, 10, 15)


def test_afternoon_times_in_a_date_time():
    assert parse_user_datetime("2/11/2026 2.30pm") == dt.datetime(2026, 11, 2, 14, 30)
    assert parse_user_datetime("2/11/2026 2:30 pm") == dt.datetime(2026, 11, 2, 14, 30)


def test_empty_text_is_no_date_time():
    assert parse_user_datetime("   ") is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/2/2026 10:15", "not a real date"),
        ("29/2/2026 10:15", "not a real date"),
        ("2/13/2026 10:15", "not a real date"),
        ("02/11/2026 25:00", "not a time of day"),
        ("02/11/2026 10:75", "not a time of day"),
        ("02/11/2026", "needs a time"),
        ("10:15", "not a date"),
        ("2/11 10:15", "not a date"),
        ("2/11/202 10:15", "four-digit year"),
        ("tomorrow at ten", "not a date"),
        ("2/11/1899 10:15", "is not between"),
    ],
)
def test_impossible_date_times_are_refused_with_a_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_user_datetime(text)


def test_short_years_can_be_refused_while_typing():
    with pytest.raises(ValueError):
        parse_user_datetime("2/11/26 10:15", allow_short_year=False)


def test_short_datetime_reads_as_in_lists():
    assert short_datetime(dt.datetime(2026, 11, 2, 10, 15)) == "Mon 2 Nov 2026 10:15"
    assert short_datetime(dt.datetime(2026, 11, 2, 9, 5)) == "Mon 2 Nov 2026 09:05"


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2199, 12, 31)))
def test_what_is_shown_reads_back_as_the_same_minute(moment):
    minute = moment.replace(second=0, microsecond=0)
    assert parse_user_datetime(short_datetime(moment)) == minute
    assert parse_user_datetime(f"{moment:%d/%m/%Y %H:%M}") == minute
