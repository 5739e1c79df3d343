"""Dates as a mediator reads and types them: British English, unambiguous."""

from __future__ import annotations

import datetime as dt
import re

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """'Friday 3 April 2026': the form used in letters and certificates, independent of locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def plain_date(day: dt.date) -> str:
    """'3 April 2026': a date in running text where the weekday would be clutter."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_name(day: dt.date) -> str:
    """'Apr': the month's short name, independent of locale."""
    return _MONTHS[day.month - 1][:3]


def month_and_year(day: dt.date) -> str:
    """'Apr 2026'."""
    return f"{month_name(day)} {day.year}"


def short_date(day: dt.date) -> str:
    """'Fri 3 Apr 2026': the compact form used in lists."""
    return f"{_DAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def short_datetime(moment: dt.datetime) -> str:
    """'Mon 2 Nov 2026 10:15': a moment in lists, on the 24-hour clock."""
    return f"{short_date(moment.date())} {moment:%H:%M}"


# The dates a case can hold: wide enough for any real case, narrow enough that every deadline
# and age worked out from them (25 years on, say) is still a date.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)


def date_range_problem(day: dt.date) -> str | None:
    """Why a date is outside EARLIEST_DATE..LATEST_DATE, in words that follow it; else None."""
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return f"is not between {plain_date(EARLIEST_DATE)} and {plain_date(LATEST_DATE)}"


def _in_range(day: dt.date, text: str) -> dt.date:
    problem = date_range_problem(day)
    if problem:
        raise ValueError(f"'{text}' {problem}")
    return day


def parse_iso_date(text: str) -> dt.date:
    """Parse YYYY-MM-DD strictly; raise ValueError with a plain-English reason otherwise."""
    cleaned = text.strip()
    if len(cleaned) != 10 or cleaned[4] != "-" or cleaned[7] != "-":
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    return _in_range(day, text)


def iso_or_none(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


_MONTH_LOOKUP = (
    {name.lower(): n for n, name in enumerate(_MONTHS, start=1)}
    | {name[:3].lower(): n for n, name in enumerate(_MONTHS, start=1)}
    | {"sept": 9}
)


def parse_user_date(text: str, *, allow_short_year: bool = True) -> dt.date | None:
    """Read a date as a British user types it: '3/4/2026', '03-04-26', '3 Apr 2026',
    'Friday 3 April 2026' or '2026-04-03'. Day before month, always.

    Returns None for empty text; raises ValueError (with a plain reason) for anything else that
    is not a real date.
    """
    cleaned = text.strip().replace(",", " ")
    if not cleaned:
        return None
    if len(cleaned) == 10 and cleaned[4] == "-" and cleaned[:4].isdigit():
        return parse_iso_date(cleaned)
    for separator in "/-.":
        cleaned = cleaned.replace(separator, " ")
    parts = cleaned.split()
    if parts and parts[0].lower() in {d.lower() for d in _DAYS} | {d[:3].lower() for d in _DAYS}:
        parts = parts[1:]  # a weekday name is decoration
    if len(parts) != 3:
        raise ValueError(f"'{text}' is not a date; type it like 3/4/2026 or 3 April 2026")
    day_text, month_text, year_text = parts
    day_text = day_text.lower().removesuffix("st").removesuffix("nd").removesuffix("rd")
    day_text = day_text.removesuffix("th")
    month = int(month_text) if month_text.isdigit() else _MONTH_LOOKUP.get(month_text.lower())
    if not day_text.isdigit() or month is None or not year_text.isdigit():
        raise ValueError(f"'{text}' is not a date; type it like 3/4/2026 or 3 April 2026")
    year = int(year_text)
    if len(year_text) == 2 and allow_short_year:
        year += 2000
    elif len(year_text) != 4:
        raise ValueError(f"'{text}' needs a four-digit year")
    try:
        day = dt.date(year, month, int(day_text))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    return _in_range(day, text)


# "10:15", "10.15", "10:15:00", "10:15am", "2.30 p.m.", "2pm": hours and minutes, or an hour
# with am/pm. A bare "10" or "1015" is refused: it is too easily a slip.
_TIME_TEXT = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?:[:.]\d{2})?)?\s*(?P<half>[ap]\.?m\.?)?",
    re.IGNORECASE,
)
TIME_EXAMPLE = "type it like 10:15 or 2.30pm"


def parse_user_time(text: str) -> dt.time | None:
    """Read a time of day as a British user types it: 24-hour ('14:30', '14.30') or with am or
    pm ('2.30pm', '2pm', '12am' is midnight). Seconds are dropped.

    Returns None for empty text; raises ValueError (with a plain reason) for anything else that
    is not a time of day.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _TIME_TEXT.fullmatch(cleaned)
    if match is None or (match["minute"] is None and match["half"] is None):
        raise ValueError(f"'{text}' is not a time of day; {TIME_EXAMPLE}")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text}' is not a time of day; {TIME_EXAMPLE}")
        hour = hour % 12 + (12 if match["half"].lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text}' is not a time of day; {TIME_EXAMPLE}")
    return dt.time(hour, minute)


# The time at the end of a date-time: after a space, or after the 'T' of ISO 8601.
_TRAILING_TIME = re.compile(
    r"(?:^|[\sT])(?P<time>\d{1,2}(?:[:.]\d{2}(?:[:.]\d{2})?)?\s*(?:[ap]\.?m\.?)?)$",
    re.IGNORECASE,
)


def _is_date(text: str, allow_short_year: bool) -> bool:
    try:
        return parse_user_date(text, allow_short_year=allow_short_year) is not None
    except ValueError:
        return False


def parse_user_datetime(text: str, *, allow_short_year: bool = True) -> dt.datetime | None:
    """Read a date and time as a British user types them: '02/11/2026 10:15' is 2 November at
    quarter past ten in the morning, as are '2 Nov 2026 10:15am' and '2026-11-02T10:15'.

    Returns None for empty text; raises ValueError (with a plain reason) for anything else that
    is not a real date followed by a time of day.
    """
    cleaned = " ".join(text.replace(",", " ").split())
    if not cleaned:
        return None
    match = _TRAILING_TIME.search(cleaned)
    time_text = match["time"] if match else ""
    date_text = cleaned[: match.start("time")].rstrip(" T") if match else ""
    date_text = re.sub(r"\s+at$", "", date_text, flags=re.IGNORECASE)
    if match is None or not re.search(r"[:.]|[ap]\.?m", time_text, re.IGNORECASE):
        # No time at the end. A bare number there is the year or the day ('2 Nov 26'), or an
        # hour without its minutes after a whole date ('2/11/2026 10'): say which.
        if date_text and _is_date(date_text, allow_short_year):
            hour = int(time_text)  # "am" only up to 11: some read "12am" as midnight, some noon
            like = f"{hour}:00" + (f" or {hour}am" if 1 <= hour <= 11 else "")
            raise ValueError(f"'{text}' needs the time in hours and minutes, like {like}")
        parse_user_date(cleaned, allow_short_year=allow_short_year)  # says if the date is wrong
        raise ValueError(f"'{text}' needs a time too, like 2/11/2026 10:15")
    if not date_text:
        raise ValueError(f"'{text}' is not a date and time; type it like 2/11/2026 10:15")
    day = parse_user_date(date_text, allow_short_year=allow_short_year)
    time = parse_user_time(time_text)
    assert day is not None and time is not None  # both texts are non-empty
    return dt.datetime.combine(day, time)
