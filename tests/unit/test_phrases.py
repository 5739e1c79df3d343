"""The phrase bank: triggers, type-ahead, placeholders filled from the case, and what a kept
set of phrases must satisfy."""

from __future__ import annotations

from mediator_desk.domain.phrases import (
    PLACEHOLDERS,
    STARTING_PHRASES,
    Phrase,
    exact,
    fill,
    matching,
    problems,
)

BANK = (
    Phrase("agreed", "The parties agreed that {la} will "),
    Phrase("agreedall", "Everything on the agenda was agreed."),
    Phrase("views", "{child}'s views were shared at the start."),
    Phrase("write", "{la} will write to the parents by [date]."),
)
VALUES = {"child": "Lowenna Tregothnan", "la": "Fernleigh County Council", "decision": ""}


def test_placeholders_are_filled_from_the_case_and_a_missing_one_is_left_to_see():
    assert fill("{child}'s views; {la} will write.", VALUES) == (
        "Lowenna Tregothnan's views; Fernleigh County Council will write."
    )
    assert fill("About {decision}, sent {decision_date}.", VALUES) == (
        "About [the decision in dispute], sent [the date the decision notice was sent]."
    )
    assert fill("Braces {like_this} and {} stay as typed.", VALUES) == (
        "Braces {like_this} and {} stay as typed."
    )


def test_an_exact_trigger_is_found_whatever_its_capitals():
    assert exact(BANK, "Agreed") == BANK[0]
    assert exact(BANK, "agree") is None
    assert exact(BANK, "") is None


def test_type_ahead_puts_triggers_first_then_wording():
    assert matching(BANK, "agr") == [BANK[0], BANK[1]]
    assert matching(BANK, "write") == [BANK[3]]
    assert matching(BANK, "the parties") == [BANK[0]]
    assert matching(BANK, "parents") == [BANK[3]]
    assert matching(BANK, "") == list(BANK)
    assert matching(BANK, "tribunal") == []


def test_a_kept_set_needs_sound_unique_triggers_wording_and_known_placeholders():
    assert problems(BANK) == []
    assert problems(STARTING_PHRASES) == []
    bad = [
        Phrase("Two words", "Fine."),
        Phrase("agreed", "One."),
        Phrase("agreed", "Two."),
        Phrase("blank", "  "),
        Phrase("school", "At {school} by {date}."),
    ]
    assert problems(bad) == [
        "Phrase 1: its trigger must be one short word of small letters and digits (up to 24), "
        "such as “agreed”.",
        "Phrase 3: the trigger “agreed” is used twice.",
        "Phrase 4: it has no wording.",
        "Phrase 5: {date}, {school} is not a placeholder ("
        + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        + ").",
    ]


def test_the_starting_phrases_are_few_neutral_and_use_only_known_placeholders():
    assert 5 <= len(STARTING_PHRASES) <= 12
    for phrase in STARTING_PHRASES:
        assert "Tribunal" not in phrase.text  # no legal sentence that fits only some cases
