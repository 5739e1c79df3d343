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
    plain_date,
    short_date,
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
