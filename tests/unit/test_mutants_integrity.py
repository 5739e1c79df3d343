"""The audit chain's hash form, pinned (domain/integrity.py): the chain in a case file is
checked against hashes written by every earlier version, so the text hashed may never change."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from mediator_desk.domain.integrity import (
    GENESIS,
    chain_hash,
    confirmation_message,
    recomposed_differences,
)
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import (
    Confirmation,
    ConfirmedHow,
    Issue,
    MeetingRecord,
    Outcome,
    Presence,
    Seal,
    canonical_json,
    compose,
    content_hash,
)
from tests.conftest import make_case


def test_the_chain_hash_form_is_fixed_even_for_values_json_cannot_hold():
    """The previous hash and the values as compact JSON; a blob written into the file from
    outside as its hex, anything else JSON cannot hold as its repr. The expected hash was
    worked out with `sha256sum` on the JSON text, not with the code under test."""
    values = [b"\x00\xff", Decimal("1.5"), 5, "Lowen", None]
    assert chain_hash(GENESIS, values) == (
        "69c487de9b44081c1abd67066975f98e4f71a80bf40edc9ddae27cb5868fe2f7"
    )
    # One byte of the blob changed: another hash.
    assert chain_hash(GENESIS, [b"\x00\xfe", *values[1:]]) != chain_hash(GENESIS, values)


# -- what `check` compares between a sealed statement and the records it was made from --------
CASE = make_case(decision_date=dt.date(2026, 11, 2), meeting_date=dt.date(2026, 12, 3))
PEOPLE = [
    Attendee(name="Morwenna Trelawny", role=Role.PARENT_CARER, id=1),
    Attendee(name="Jory Penhale", role=Role.LA_DECISION_MAKER, id=2),
]
HERE = [Presence(1, True, "10:00", "12:30"), Presence(2, True, "10:05", "12:30")]
ISSUES = [
    Issue(title="Speech and language therapy", discussion="Weekly", outcome=Outcome.AGREED, id=5)
]
RECORD = MeetingRecord(other_matters="Transport to be reviewed.", next_steps="Review in March.")


def _sealed() -> Seal:
    content = canonical_json(compose(CASE, PEOPLE, HERE, ISSUES, [], RECORD))
    return Seal(1, content_hash(content), content, dt.datetime(2026, 12, 3, 12, 40))


@pytest.mark.parametrize(
    ("presence", "issues", "record", "differs"),
    [
        (HERE, ISSUES, RECORD, []),
        # Who was present: the time someone left, or arrived, is part of what was agreed.
        ([HERE[0], Presence(2, True, "10:05", "11:00")], ISSUES, RECORD, ["who was present"]),
        ([Presence(1, True, "09:30", "12:30"), HERE[1]], ISSUES, RECORD, ["who was present"]),
        (HERE, ISSUES, RECORD.with_changes(other_matters="Nothing else."), ["other matters"]),
        (HERE, ISSUES, RECORD.with_changes(next_steps="None."), ["next steps"]),
        (
            HERE,
            [ISSUES[0].with_changes(outcome=Outcome.NOT_AGREED)],
            RECORD,
            ["the issues, outcomes and agreed actions"],
        ),
    ],
)
def test_a_sealed_statement_is_held_to_every_part_sealing_froze(presence, issues, record, differs):
    """`check` recomposes the statement from the case's records and names each frozen part
    that no longer matches what was sealed: a record changed behind the app's back (with
    `sqlite3`, say) cannot pass as the agreed statement (docs/integrity.md)."""
    assert recomposed_differences(_sealed(), CASE, PEOPLE, presence, issues, [], record) == (
        differs
    )


def test_a_confirmations_signature_covers_when_it_was_given():
    """The signed message of a party's confirmation includes its moment, to the second, so the
    time a party confirmed cannot be moved without breaking the signature (docs/integrity.md)."""
    given = Confirmation(
        1, "Morwenna Trelawny", 2, "ab" * 32, ConfirmedHow.SPOKEN, dt.datetime(2026, 12, 3, 12, 31)
    )
    moved = dataclasses.replace(given, confirmed_at=dt.datetime(2026, 12, 3, 12, 31, 1))
    assert confirmation_message("file-1", 7, given) != confirmation_message("file-1", 7, moved)
    assert b"2026-12-03T12:31:00" in confirmation_message("file-1", 7, given)
