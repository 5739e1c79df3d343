"""Counting time as the SEND rules count it: working days in England and Wales and calendar
months (DOMAIN.md section 8).

Bank holidays come from the `holidays` package (England and Wales, substitute days included),
plus any the mediator adds for one-off holidays announced after this version was released.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import importlib.util
import sys
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

# gov.uk publishes England and Wales bank holidays about two years ahead; later years are
# forecast by the package from the usual pattern and may miss a one-off holiday.
CONFIRMED_THROUGH = 2028
FIRST_YEAR = 1995

ONE_DAY = dt.timedelta(days=1)
_LOADING = threading.Lock()


@functools.cache  # a year's holidays are small; a casebook may reach back 80 years
def _package_holidays(year: int) -> dict[dt.date, str]:
    return dict(_england_and_wales()(subdiv="ENG", years=year).items())


@functools.cache
def _weekday_holidays(year: int) -> tuple[dt.date, ...]:
    """The package's holidays of `year` and Christmas Day that fall on a weekday, in order."""
    days = {*_package_holidays(year), dt.date(year, 12, 25)}
    return tuple(sorted(day for day in days if day.weekday() < 5))


@lru_cache(maxsize=1)
def _england_and_wales() -> Any:
    """The package's United Kingdom calendar, loaded on its own when first needed. Asked for
    through the package's registry (`country_holidays("GB")`), it imports the holidays of all
    251 countries the package knows (0.13 s of every start that counts a date); its own module
    needs only the package's core. Tested to give the registry's days for every year counted."""
    import holidays

    name = "holidays.countries.united_kingdom"
    with _LOADING, contextlib.suppress(Exception):  # one thread loads it (a window warms it)
        return _load_module(holidays, name)
    # a package laid out otherwise: through its registry, as documented
    return functools.partial(holidays.country_holidays, "GB")


def _load_module(holidays: Any, name: str) -> Any:
    try:
        if name not in sys.modules:
            source = Path(holidays.__file__).parent / "countries" / "united_kingdom.py"
            spec = importlib.util.spec_from_file_location(name, source)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        return sys.modules[name].UnitedKingdom
    except Exception:
        sys.modules.pop(name, None)
        raise


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number `months` later; the month's last day if it has no such day
    (31 December + 2 months = 28 or 29 February). DOMAIN.md section 8 rule 5."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for day_number in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, day_number))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def add_days(day: dt.date, days: int) -> dt.date:
    """Calendar days, not moved off weekends or holidays (DOMAIN.md section 8 rule 4)."""
    return day + dt.timedelta(days=days)


def add_weeks(day: dt.date, weeks: int) -> dt.date:
    return day + dt.timedelta(weeks=weeks)


class WorkingCalendar:
    """Working days in England and Wales: not a Saturday, Sunday, Christmas Day, Good Friday or
    a bank holiday (SEND Regulations 2014 reg 2; Tribunal Procedure Rules 2008 r1(3))."""

    def __init__(self, extra_holidays: Iterable[tuple[dt.date, str]] = ()) -> None:
        self.extra: dict[dt.date, str] = dict(extra_holidays)

    def holiday_name(self, day: dt.date) -> str | None:
        if day in self.extra:
            return self.extra[day]
        if (day.month, day.day) == (12, 25):
            return "Christmas Day"
        return _package_holidays(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and self.holiday_name(day) is None

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`th working day after `day`; the trigger day itself is never counted
        (Dodds v Walker [1981]), so if it is not a working day the next working day is day 1.
        DOMAIN.md section 8 rule 3."""
        if count < 1:
            raise ValueError("count must be at least 1")
        current = day
        remaining = count
        while remaining:
            current += ONE_DAY
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_day_before(self, day: dt.date, count: int) -> dt.date:
        """The `count`th working day before `day` (not counting `day`)."""
        current = day
        remaining = count
        while remaining:
            current -= ONE_DAY
            if self.is_working_day(current):
                remaining -= 1
        return current

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, otherwise the last working day before it."""
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def working_days_until(self, today: dt.date, due: dt.date) -> int:
        """Working days after `today` up to and including `due` (0 when due today; negative
        when past, counting the working days since)."""
        if due == today:
            return 0
        if due > today:
            return self._working_days_after(today, due)
        return -max(self._working_days_after(due - ONE_DAY, today - ONE_DAY), 1)

    def _working_days_after(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the weekdays, counted by whole weeks, less the
        holidays that fall on them (a day at a time looked at hundreds of days a deadline)."""
        weeks, rest = divmod((end - start).days, 7)
        first = start.weekday()
        weekdays = weeks * 5 + sum((first + n) % 7 < 5 for n in range(1, rest + 1))
        off = 0
        for year in range(start.year, end.year + 1):
            days = _weekday_holidays(year)
            off += bisect.bisect_right(days, end) - bisect.bisect_right(days, start)
        off += sum(
            start < day <= end
            and day.weekday() < 5
            and day not in _package_holidays(day.year)
            and (day.month, day.day) != (12, 25)
            for day in self.extra
        )
        return weekdays - off

    def holidays_in(self, year: int) -> list[tuple[dt.date, str]]:
        """Every non-working weekday of `year` with its name, in date order."""
        days = dict(_package_holidays(year))
        days.update({d: n for d, n in self.extra.items() if d.year == year})
        return sorted((d, n) for d, n in days.items() if d.weekday() < 5)

    @staticmethod
    def is_confirmed(year: int) -> bool:
        """Whether bank holidays for `year` are published, not forecast."""
        return FIRST_YEAR <= year <= CONFIRMED_THROUGH

    def coverage_warning(self, *days: dt.date) -> str | None:
        """A warning when a count ran through years whose bank holidays are forecast."""
        late = sorted({d.year for d in days if not self.is_confirmed(d.year)})
        if not late:
            return None
        years = ", ".join(str(y) for y in late)
        return (
            f"Bank holidays for {years} are not yet published; this date assumes the usual "
            "pattern. Check gov.uk/bank-holidays and add any new holiday in Deadline settings."
        )
