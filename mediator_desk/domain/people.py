"""The child or young person at the centre of a case."""

from __future__ import annotations

import datetime as dt


def birthday(dob: dt.date, age: int) -> dt.date:
    """The date someone born on `dob` reaches `age`; a 29 February birthday falls on 1 March.

    Family Law Reform Act 1969 s9: a person attains an age at the start of the anniversary.
    """
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:  # 29 February in a year that has none
        return dt.date(dob.year + age, 3, 1)


def school_leaving_date(dob: dt.date) -> dt.date:
    """The last day of compulsory school age: the last Friday in June of the school year
    (1 September to 31 August) in which the person turns 16.

    Education Act 1996 s8(3)-(4) and the Education (School Leaving Date) Order 1997 art 2.
    """
    sixteenth = birthday(dob, 16)
    year = sixteenth.year + 1 if sixteenth.month >= 9 else sixteenth.year
    last_june = dt.date(year, 6, 30)
    return last_june - dt.timedelta(days=(last_june.weekday() - 4) % 7)


def is_young_person(dob: dt.date, on: dt.date) -> bool:
    """Whether someone is a 'young person' on `on`: over compulsory school age but under 25.

    Children and Families Act 2014 s83(2). A young person is a party in their own right: they,
    not their parent, decide whether to mediate or appeal (CFA 2014 ss51, 53-55).
    """
    return school_leaving_date(dob) < on < birthday(dob, 25)


def age_on(dob: dt.date, on: dt.date) -> int:
    """Whole years of age on `on`."""
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years
