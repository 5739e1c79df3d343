"""What changed since a party confirmed, word by word (the confirmation is of an exact version:
SEND Regulations 2014 reg 42(1) makes an agreement the written record the parties agreed, so a
party asked to confirm again must see what is different)."""

from __future__ import annotations

from mediator_desk.domain.wording import (
    Change,
    Piece,
    describe,
    statement_changes,
    statement_lines,
    word_changes,
)

SAME, ADDED, REMOVED = Change.SAME, Change.ADDED, Change.REMOVED


def test_a_changed_word_is_removed_then_added_in_reading_order():
    pieces = word_changes("The council will write by Friday.", "The council will phone by Friday.")
    assert pieces == (
        Piece(SAME, "The council will "),
        Piece(REMOVED, "write"),
        Piece(ADDED, "phone"),
        Piece(SAME, " by Friday."),
    )
    assert describe(pieces) == "1 word added and 1 removed"


def test_words_added_at_the_end_and_removed_at_the_start():
    assert word_changes("Weekly speech therapy", "Speech therapy weekly in school") == (
        Piece(REMOVED, "Weekly speech"),
        Piece(ADDED, "Speech"),
        Piece(SAME, " therapy"),
        Piece(ADDED, " weekly in school"),
    )
    assert word_changes("", "Agreed.") == (Piece(ADDED, "Agreed."),)
    assert word_changes("Agreed.", "") == (Piece(REMOVED, "Agreed."),)


def test_no_change_and_punctuation_counted_as_part_of_its_word():
    same = word_changes("Agreed in full.", "Agreed in full.")
    assert same == (Piece(SAME, "Agreed in full."),) and describe(same) == "No words changed"
    dotted = word_changes("Agreed in full", "Agreed in full.")
    assert dotted == (Piece(SAME, "Agreed in "), Piece(REMOVED, "full"), Piece(ADDED, "full."))


def test_describe_counts_words_not_pieces():
    pieces = word_changes("a b c d", "a x y d e")
    assert describe(pieces) == "3 words added and 2 removed"
    assert describe(word_changes("a b c", "a")) == "2 words removed"
    assert describe(word_changes("a", "a b")) == "1 word added"


CONTENT = {
    "reference": "MD-2026-0042",
    "present": [{"name": "Morwenna Tregothnan", "role": "Parent or carer"}],
    "issues": [
        {
            "title": "Section F: therapy",
            "discussion": "Weekly sessions in school.",
            "outcome": "Agreed",
            "actions": [{"what": "Arrange therapy", "who": "Fernleigh Council", "by": ""}],
        }
    ],
    "other_matters": "",
    "next_steps": "The council will write by Friday.",
    "appeal_information": "",
    "child_views": {"wishes": "Stay at Tremough School", "quotes": ""},
}


def test_the_statement_is_read_as_lines_a_person_reads():
    assert statement_lines(CONTENT) == [
        "Present: Morwenna Tregothnan, Parent or carer",
        "Issue 1: Section F: therapy",
        "Weekly sessions in school.",
        "Outcome: Agreed",
        "Action: Arrange therapy · Fernleigh Council",
        "Next steps: The council will write by Friday.",
        "What they would like to happen: Stay at Tremough School",
    ]


def test_statement_changes_find_the_words_changed_in_one_issue():
    after = {
        **CONTENT,
        "issues": [{**CONTENT["issues"][0], "discussion": "Fortnightly sessions in school."}],
    }
    pieces = statement_changes(CONTENT, after)
    assert [p for p in pieces if p.change is not SAME] == [
        Piece(REMOVED, "Weekly"), Piece(ADDED, "Fortnightly"),
    ]  # fmt: skip
