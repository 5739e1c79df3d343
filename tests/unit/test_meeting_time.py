"""The meeting clock's reading: time run against the planned length, over time said in words."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.meeting_time import ClockReading, hours_minutes, read_clock

STARTED = dt.datetime(2026, 11, 20, 10, 0)


def at(minutes: int) -> dt.datetime:
    return STARTED + dt.timedelta(minutes=minutes, seconds=30)


def test_within_the_planned_length():
    reading = read_clock(STARTED, at(47), 120)
    assert reading.text == "Meeting time 0:47 of 2:00"
    assert reading.over_time is False


def test_exactly_on_time_is_not_over():
    assert read_clock(STARTED, at(120), 120) == ClockReading("Meeting time 2:00 of 2:00", False)


def test_over_time_is_said_in_words():
    reading = read_clock(STARTED, at(121), 120)
    assert reading.text == "⚠ Over time: 2:01 of 2:00, 1 minute over"
    assert reading.over_time is True
    assert read_clock(STARTED, at(130), 120).text == "⚠ Over time: 2:10 of 2:00, 10 minutes over"


def test_not_started_and_no_planned_end():
    """Never over time without a start and a planned length: the flag is False, not merely
    falsy, because the Meeting tab's screen reader text and colour follow it."""
    assert read_clock(None, at(5), 90) == ClockReading(
        "Meeting clock not started (1:30 planned)", False
    )
    assert read_clock(None, at(500), 90).over_time is False
    assert read_clock(None, at(5), None) == ClockReading("Meeting clock not started", False)
    assert read_clock(STARTED, at(65), None) == ClockReading(
        "Meeting time 1:05 (no planned end: the Preparation tab has the meeting's times)", False
    )


def test_a_clock_set_back_never_shows_negative_time():
    assert read_clock(STARTED, STARTED - dt.timedelta(minutes=3), 60).text == (
        "Meeting time 0:00 of 1:00"
    )
    assert hours_minutes(605) == "10:05"
