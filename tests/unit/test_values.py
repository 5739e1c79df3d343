"""What the store refuses, and the sentence that says so (domain/values.py). The message names
the field as the mediator knows it, because it reaches them as it is when an autosave or an
import is refused."""

from __future__ import annotations

import pytest

from mediator_desk.domain.values import ValueNotAllowed, checked_changes, field_label


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("child_name", "The child's name"),
        ("child_dob", "The date of birth"),
        ("local_authority", "The local authority"),  # any other field: its words
        ("decision_date", "The decision date"),
    ],
)
def test_a_field_is_named_as_a_mediator_reads_it(name, label):
    assert field_label(name) == label


def test_a_refused_value_says_which_field_and_why():
    with pytest.raises(ValueNotAllowed) as refused:
        checked_changes({"child_name": "Jago \ud800 Penrose"})
    expected = (
        "The child's name contains a broken character (half of a pair that makes one symbol); "
        "retype the text."
    )
    assert refused.value.message == expected
    assert str(refused.value) == expected
    with pytest.raises(ValueNotAllowed) as refused:
        checked_changes({"reference_number": 2**63})
    assert (
        str(refused.value) == "The reference number is not a whole number Mediator Desk can store."
    )


def test_control_characters_are_dropped_rather_than_refused():
    """Typed or pasted controls are dropped so an autosave never fails on them."""
    assert checked_changes({"child_name": "Jago\x00 Pen\x1brose", "mediator_notes": "a\tb\nc"}) == {
        "child_name": "Jago Penrose",
        "mediator_notes": "a\tb\nc",
    }
