"""The meeting clock's reading: time run against the planned length, over time said in words."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.meeting_time import hours_minutes, read_clock

STARTED = dt.datetime(2026, 11, 20, 10, 0)


def at(minutes: int) -> dt.datetime:
    return STARTED + dt.timedelta(minutes=minutes, seconds=30)


def test_within_the_planned_length():
    reading = read_clock(STARTED, at(47), 120)
    assert reading.text == "Meeting time 0:47 of 2:00"
    assert not reading.over_time


def test_exactly_on_time_is_not_over():
    assert read_clock(STARTED, at(120), 120).text == "Meeting time 2:00 of 2:00"


def test_over_time_is_said_in_words():
    reading = read_clock(STARTED, at(121), 120)
    assert reading.text == "⚠ Over time: 2:01 of 2:00, 1 minute over"
    assert reading.over_time
    assert read_clock(STARTED, at(130), 120).text == "⚠ Over time: 2:10 of 2:00, 10 minutes over"


def test_not_started_and_no_planned_end():
    assert read_clock(None, at(5), 90).text == "Meeting clock not started (1:30 planned)"
    assert read_clock(None, at(5), None).text == "Meeting clock not started"
    reading = read_clock(STARTED, at(65), None)
    assert reading.text.startswith("Meeting time 1:05 (no planned end")
    assert not reading.over_time


def test_a_clock_set_back_never_shows_negative_time():
    assert read_clock(STARTED, STARTED - dt.timedelta(minutes=3), 60).text == (
        "Meeting time 0:00 of 1:00"
    )
    assert hours_minutes(605) == "10:05"
