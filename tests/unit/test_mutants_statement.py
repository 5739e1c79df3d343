"""The outcome statement's fixed wording and fingerprints, word for word (domain/statement.py).

What the parties confirm and the seal protects is text: the appeal sentence the law chooses
(Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c); Children and Families
Act 2014 s55 for Section I), how a party's confirmation is described (seed 002), and the
canonical form a sealed addendum is hashed in, which must never change, or every addendum
sealed by an earlier version would stop matching its own hash."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.clocks import Clock, Deadline
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import (
    DEFAULT_APPEAL_INFORMATION,
    HEALTH_ONLY_APPEAL_INFORMATION,
    Addendum,
    Confirmation,
    ConfirmedHow,
    Issue,
    MeetingRecord,
    Outcome,
    PartyStatus,
    content_hash,
    is_standard_appeal_information,
    mediation_appeal_information,
    section_i_appeal_information,
)

D = dt.date
# Decision notice sent Friday 30 October 2026: 2 months on is Wednesday 30 December, inside
# the Christmas window, so r12(3)(a) moves it to Monday 4 January 2027.
EXPLAINED = (
    "By 5pm: Wednesday 30 December 2026 is 2 months after the decision notice; it falls between "
    "25 December and 1 January, so it moves to the next working day."
)
MOVED = Deadline(
    Clock.APPEAL_BY, D(2027, 1, 4), D(2026, 10, 30), EXPLAINED, warning="Check the notice date."
)
PLAIN = Deadline(
    Clock.APPEAL_BY,
    D(2027, 2, 5),
    D(2026, 12, 5),
    "By 5pm: 2 months after the decision notice of Saturday 5 December 2026.",
)


def test_the_section_i_sentence_word_for_word_with_its_warning():
    """CFA 2014 s55: an appeal only about Section I needs no certificate, so only limb (i) of
    r20(1)(c) applies, given as a date; the explanation loses its 'By 5pm: ' (the sentence has
    already said 5pm) and the rule 12 warning follows it."""
    assert section_i_appeal_information(MOVED) == (
        "An appeal only about Section I of the plan (the school or other institution it names, "
        "its type, or that none is named) needs no mediation certificate (Children and Families "
        "Act 2014 s55). An appeal to the First-tier Tribunal (Special Educational Needs and "
        "Disability) must be received by 5pm on Monday 4 January 2027: 2 months after the "
        "decision notice was sent (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 "
        "r20(1)(c)(i)). How the date is worked out: Wednesday 30 December 2026 is 2 months after "
        "the decision notice; it falls between 25 December and 1 January, so it moves to the "
        "next working day. Check the notice date. Your local SENDIASS can advise you."
    )


def test_without_a_warning_nothing_is_added_after_the_explanation():
    text = section_i_appeal_information(PLAIN)
    assert text.endswith(
        "How the date is worked out: 2 months after the decision notice of Saturday 5 December "
        "2026. Your local SENDIASS can advise you."
    )
    assert "must be received by 5pm on Friday 5 February 2027: 2 months" in text
    assert mediation_appeal_information(PLAIN).endswith(
        "How the first date is worked out: 2 months after the decision notice of Saturday "
        "5 December 2026. Your local SENDIASS can advise you."
    )


@pytest.mark.parametrize(
    ("text", "standard"),
    [
        ("", True),  # no wording at all (disagreement resolution)
        (DEFAULT_APPEAL_INFORMATION, True),
        (HEALTH_ONLY_APPEAL_INFORMATION, True),
        (section_i_appeal_information(MOVED), True),
        (section_i_appeal_information(PLAIN), True),  # a different date: still the standard form
        (mediation_appeal_information(MOVED), True),
        ("Appeal within two months.", False),  # the mediator's own words
        (DEFAULT_APPEAL_INFORMATION + " Ask Kerenza.", False),
        ("Note. " + section_i_appeal_information(PLAIN), False),
    ],
)
def test_only_the_standard_wordings_may_differ_from_the_recomposed_statement(text, standard):
    """A sealed statement's standard appeal wording follows the decision date, which may still
    be corrected, so a later recomposition may differ there; the mediator's own wording may not
    (integrity.recomposed_differences)."""
    assert is_standard_appeal_information(text) is standard


PARTY = Attendee(name="Morwenna Trelawny", role=Role.PARENT_CARER, id=4)


def _status(how: ConfirmedHow | None, current: bool = True) -> PartyStatus:
    if how is None:
        return PartyStatus(PARTY, None, current=False)
    confirmed = Confirmation(
        4, "Morwenna Trelawny", 3, "ab" * 32, how, dt.datetime(2026, 12, 3, 14, 5)
    )
    return PartyStatus(PARTY, confirmed, current)


@pytest.mark.parametrize(
    ("how", "current", "described"),
    [
        (None, False, "Not yet confirmed"),
        (ConfirmedHow.SPOKEN, True, "Confirmed version 3 at 14:05 (spoken in the meeting)"),
        (
            ConfirmedHow.IN_WRITING,
            True,
            "Confirmed version 3 on Thursday 3 December 2026 (in writing)",
        ),
        (
            ConfirmedHow.SPOKEN,
            False,
            "Confirmed version 3 at 14:05, but the statement has changed since: confirm again",
        ),
        (
            ConfirmedHow.IN_WRITING,
            False,
            "Confirmed version 3 on Thursday 3 December 2026, but the statement has changed "
            "since: confirm again",
        ),
    ],
)
def test_each_partys_confirmation_is_described_as_it_was_given(how, current, described):
    """Spoken in the room: the time; in writing afterwards: the day (seed 002). A confirmation
    of an older version asks for a new one."""
    assert _status(how, current).describe() == described


def test_an_addendum_is_hashed_in_a_form_that_never_changes():
    """The canonical text of an addendum and its SHA-256, pinned: the store seals this hash and
    `check` recomputes it from a file sealed by any earlier version."""
    addendum = Addendum(reason="A date was mistyped.", text="The review is on 4 March 2027.")
    assert addendum.content() == (
        '{"reason":"A date was mistyped.","text":"The review is on 4 March 2027."}'
    )
    assert content_hash(addendum.content()) == (
        "0baa9ade50196ad148f39813d820489bf3e3487d90c0caeb996d8722025ad2a7"
    )


def test_with_changes_changes_only_what_it_is_given():
    issue = Issue(title="Speech and language therapy", outcome=Outcome.AGREED, id=7)
    changed = issue.with_changes(outcome=Outcome.PARTLY_AGREED)
    assert changed == Issue(
        title="Speech and language therapy", outcome=Outcome.PARTLY_AGREED, id=7
    )
    record = MeetingRecord(next_steps="Review in March.", case_id=2)
    assert record.with_changes(private_notes="Quiet room") == MeetingRecord(
        next_steps="Review in March.", private_notes="Quiet room", case_id=2
    )
    addendum = Addendum(reason="Typo", text="x", id=3)
    assert addendum.with_changes(text="y") == Addendum(reason="Typo", text="y", id=3)
