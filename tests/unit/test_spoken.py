"""The statement read aloud (domain/spoken.py): passages in the statement's order, each ending
so that a voice pauses, the whole statement or one issue, and never the private notes."""

from __future__ import annotations

from mediator_desk.domain.spoken import hearing_helps, passages, sentence

CONTENT = {
    "reference": "MD-2026-0001",
    "child": "Lowenna Tregothnan",
    "meeting_date": "Friday 20 November 2026",
    "present": [
        {"name": "Morwenna Tregothnan", "role": "Parent or carer"},
        {"name": "Kerensa Hocking", "role": "LA decision-maker"},
    ],
    "issues": [
        {
            "title": "Section F: speech and language therapy",
            "discussion": "- The family   described the therapy\n\n• The LA agreed to review it",
            "outcome": "Agreed",
            "actions": [
                {"what": "Send the amended plan", "who": "LA", "by": "Friday 4 December 2026"}
            ],
        },
        {"title": "", "discussion": "", "outcome": "", "actions": [{"what": "Call the school"}]},
    ],
    "other_matters": "None.",
    "next_steps": "The LA will write to the family!",
    "appeal_information": "You can appeal to the Tribunal",
    "child_views": {"what_matters": "Being with my friends", "quotes": ""},
    "addenda": [{"reason": "A date corrected", "text": "The review is on 5 December"}],
    "private_notes": "PRIVATE: mother upset before the meeting",
}


def test_a_passage_loses_its_bullet_and_ends_so_the_voice_pauses():
    assert sentence("- The family described it") == "The family described it."
    assert sentence("•   Two   spaces") == "Two spaces."
    assert sentence("Is it agreed?") == "Is it agreed?"
    assert sentence("Outcome: Agreed") == "Outcome: Agreed."
    assert sentence("-1 is a number") == "-1 is a number."
    assert sentence("") == ""


def test_the_whole_statement_is_read_in_the_order_it_is_shown():
    assert passages(CONTENT) == [
        "Outcome statement for Lowenna Tregothnan, meeting on Friday 20 November 2026.",
        "Present: Morwenna Tregothnan, Parent or carer; Kerensa Hocking, LA decision-maker.",
        "Issue 1: Section F: speech and language therapy.",
        "The family described the therapy.",
        "The LA agreed to review it.",
        "Outcome: Agreed.",
        "Action: Send the amended plan, LA, by Friday 4 December 2026.",
        "Issue 2: Untitled.",
        "Action: Call the school.",
        "Other matters.",
        "None.",
        "Next steps.",
        "The LA will write to the family!",
        "Appeal information.",
        "You can appeal to the Tribunal.",
        "The child's views.",
        "Being with my friends.",
        "Addendum 1: A date corrected.",
        "The review is on 5 December.",
    ]


def test_one_issue_is_read_alone_and_an_issue_not_there_is_nothing():
    assert passages(CONTENT, 0)[0] == "Issue 1: Section F: speech and language therapy."
    assert (
        passages(CONTENT, 0)[-1] == "Action: Send the amended plan, LA, by Friday 4 December 2026."
    )
    assert passages(CONTENT, 1) == ["Issue 2: Untitled.", "Action: Call the school."]
    assert passages(CONTENT, 2) == []
    assert passages(CONTENT, -1) == []


def test_the_private_notes_are_never_read():
    everything = " ".join(passages(CONTENT)) + " ".join(passages(CONTENT, 0))
    assert "PRIVATE" not in everything
    assert "upset" not in everything


def test_an_empty_statement_is_only_its_heading():
    assert passages({}) == ["Outcome statement."]


def test_access_needs_that_suggest_reading_aloud_are_recognised():
    for needs in (
        "Dyslexia: prefers things read to her",
        "Partially sighted; large print",
        "visually impaired",
        "Registered blind",
        "Finds reading long documents hard",
        "Please read aloud",
    ):
        assert hearing_helps(needs), needs
    for needs in ("", "Wheelchair user: step-free access", "Interpreter: Polish", "Hearing loop"):
        assert not hearing_helps(needs), needs


def test_missing_parts_leave_no_gaps_or_stand_ins():
    content = {
        "present": [{"name": "Morwenna Tregothnan"}, {"role": "LA decision-maker"}],
        "issues": [
            {"title": "Transport"},
            {"title": "Section F", "actions": [{"who": "LA"}, {"what": "Call", "by": "Monday"}]},
        ],
        "addenda": [{"text": "A date corrected"}],
    }
    assert passages(content) == [
        "Outcome statement.",
        "Present: Morwenna Tregothnan; LA decision-maker.",
        "Issue 1: Transport.",
        "Issue 2: Section F.",
        "Action: LA.",
        "Action: Call, by Monday.",
        "Addendum 1.",
        "A date corrected.",
    ]
