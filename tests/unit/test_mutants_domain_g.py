"""Survivors of a fresh domain sample (seed 4 of `dev.py mutate domain`): the exact bytes a
seal's signature and the audit trail's signed head cover, and the age at which a case is
flagged as over 25. Each test was checked against its mutant by putting the change into the
code by hand. Every person is fictional."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.case import check_case
from mediator_desk.domain.integrity import head_message, seal_message
from mediator_desk.domain.statement import Seal
from tests.conftest import make_case

D = dt.date
OVER_25 = (
    "This person is 25 or over. EHC plans and SEND mediation cover people up to 25 (Children "
    "and Families Act 2014 s83(2)); check the date of birth."
)


def test_a_seals_signed_message_names_the_case_file_and_the_case():
    """docs/integrity.md: a seal's signature covers the case file's id and the case's id with
    the version, hash, time and who sealed it, as compact JSON, so a signed seal moved to
    another case or another file does not verify there."""
    seal = Seal(3, "cd" * 32, "{}", dt.datetime(2026, 12, 3, 12, 40, 17), "Alex Mercer")
    assert seal_message("file-7f3a", 7, seal) == (
        b'["seal","file-7f3a",7,3,"' + b"cd" * 32 + b'","2026-12-03T12:40:17","Alex Mercer"]'
    )
    assert seal_message("file-7f3a", 8, seal) != seal_message("file-7f3a", 7, seal)


def test_the_audit_trails_signed_head_names_the_file_and_the_last_entry():
    """docs/integrity.md: the signed head of the audit trail covers the file's id and the last
    entry's number and hash, so a trail cut short or grafted from another file is noticed."""
    assert head_message("file-7f3a", 42, "ef" * 32) == (
        b'["audit head","file-7f3a",42,"' + b"ef" * 32 + b'"]'
    )


def test_a_young_person_is_flagged_from_their_25th_birthday():
    """CFA 2014 s83(2): a young person is over compulsory school age and under 25; on their
    25th birthday they are no longer one, so the case is flagged that day, not the day after."""
    case = make_case(child_dob=D(2001, 11, 30))
    on_the_day = [p.message for p in check_case(case, D(2026, 11, 30)).problems]
    day_before = [p.message for p in check_case(case, D(2026, 11, 29)).problems]
    assert OVER_25 in on_the_day
    assert OVER_25 not in day_before
