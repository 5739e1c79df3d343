"""Names inside sentences (documents/prose.py)."""

import pytest

from mediator_desk.documents.prose import joined, with_article


@pytest.mark.parametrize(
    ("name", "mid_sentence"),
    [
        ("Royal Borough of Kensington and Chelsea", "the Royal Borough of Kensington and Chelsea"),
        ("London Borough of Fernhill", "the London Borough of Fernhill"),
        ("Council of the Isles of Fernmouth", "the Council of the Isles of Fernmouth"),
        ("NHS Fernleigh Integrated Care Board", "the NHS Fernleigh Integrated Care Board"),
        ("Fernleigh and Wold ICB", "the Fernleigh and Wold ICB"),
        # A health board's name (as in "Fernleigh Teaching Health Board") reads as a title.
        ("Fernleigh Teaching Health Board", "the Fernleigh Teaching Health Board"),
        ("Fernleigh County Council", "Fernleigh County Council"),
        ("City of Eastwold Council", "City of Eastwold Council"),
        ("Kingsmere Council", "Kingsmere Council"),
        ("the local authority", "the local authority"),
        ("The Highland Trust", "the Highland Trust"),
        ("", ""),
    ],
)
def test_a_body_reads_as_english_puts_it_mid_sentence(name, mid_sentence):
    assert with_article(name) == mid_sentence


def test_at_the_start_of_a_sentence_the_article_is_capitalised():
    name = "Royal Borough of Fernhill"
    assert with_article(name, capital=True) == "The Royal Borough of Fernhill"
    assert with_article("Kingsmere Council", capital=True) == "Kingsmere Council"


def test_names_are_listed_as_a_sentence_lists_them():
    assert joined([]) == ""
    assert joined(["Ann Lee"]) == "Ann Lee"
    assert joined(["Ann Lee", " Sam Lee "]) == "Ann Lee and Sam Lee"
    assert joined(["A", "", "B", "C"]) == "A, B and C"
