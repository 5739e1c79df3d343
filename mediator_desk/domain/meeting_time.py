"""The meeting clock: how long the meeting has run against the length planned in its
arrangements, in words a mediator can glance at (and a screen reader can say)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ClockReading:
    text: str
    over_time: bool


def hours_minutes(minutes: int) -> str:
    """47 -> "0:47", 130 -> "2:10": the way a clock on the wall is read."""
    hours, rest = divmod(max(0, minutes), 60)
    return f"{hours}:{rest:02d}"


def read_clock(
    started: dt.datetime | None, now: dt.datetime, planned_minutes: int | None
) -> ClockReading:
    """What the meeting clock says. Over time is said in words, not only shown in colour."""
    planned = f"{hours_minutes(planned_minutes)} planned" if planned_minutes else ""
    if started is None:
        return ClockReading(
            "Meeting clock not started" + (f" ({planned})" if planned else ""), False
        )
    elapsed = max(0, int((now - started).total_seconds() // 60))
    if not planned_minutes:
        return ClockReading(
            f"Meeting time {hours_minutes(elapsed)} (no planned end: the Preparation tab "
            "has the meeting's times)",
            False,
        )
    if elapsed > planned_minutes:
        over = elapsed - planned_minutes
        return ClockReading(
            f"⚠ Over time: {hours_minutes(elapsed)} of {hours_minutes(planned_minutes)}, "
            f"{over} minute{'s' if over != 1 else ''} over",
            True,
        )
    return ClockReading(
        f"Meeting time {hours_minutes(elapsed)} of {hours_minutes(planned_minutes)}", False
    )
