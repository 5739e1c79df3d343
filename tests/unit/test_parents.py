"""Parents and carers as records (issue 18, finding 7): documents name them as prose, never
quote a label, and tell one parent from two. The parent is a party to mediation (CFA 2014
ss53-55; DOMAIN.md section 2), so every word of their name must survive the move from the
free text earlier versions kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediator_desk.domain.case import check_case
from mediator_desk.domain.parents import (
    MAX_PARENTS,
    RELATIONSHIPS,
    ParentCarer,
    described,
    joined_names,
    parse_parents,
    relationship_of,
)
from tests.conftest import TODAY, make_case

P = ParentCarer


class TestJoinedNames:
    """Prose from records: 'Dear Ann Lee and Sam Lee', never 'Dear Ann Lee (mother)'
    (CFA 2014 s55: the parent is addressed as a party)."""

    @pytest.mark.parametrize(
        ("parents", "prose"),
        [
            ((), ""),
            ((P("Ann Lee", "Mother"),), "Ann Lee"),
            ((P("Ann Lee", "Mother"), P("Sam Lee", "Father")), "Ann Lee and Sam Lee"),
            ((P("A"), P("B"), P("C")), "A, B and C"),
            ((P("  Ann   Lee "), P(""), P("Sam Lee")), "Ann Lee and Sam Lee"),
        ],
    )
    def test_names_are_joined_as_prose(self, parents, prose):
        assert joined_names(parents) == prose

    def test_described_keeps_the_relationship_for_lists(self):
        assert (
            described((P("Jo Bloggs", "Mother"), P("Sam Bloggs"), P("", "Carer")))
            == "Jo Bloggs (mother); Sam Bloggs; Carer"
        )


class TestParsingTheOldText:
    """The free text of schema v9 and exchange files before it becomes records (finding 7)."""

    @pytest.mark.parametrize(
        ("text", "records"),
        [
            ("", ()),
            ("   ", ()),
            ("Jo Bloggs (mother)", (P("Jo Bloggs", "Mother"),)),
            (
                "Jo Bloggs (mother); Sam Bloggs (father)",
                (P("Jo Bloggs", "Mother"), P("Sam Bloggs", "Father")),
            ),
            ("Jo and Sam Bloggs", (P("Jo Bloggs"), P("Sam Bloggs"))),
            ("Jo Bloggs, mother", (P("Jo Bloggs", "Mother"),)),
            ("Jo Bloggs & Sam Bloggs", (P("Jo Bloggs"), P("Sam Bloggs"))),
            (
                "Jo Bloggs, Sam Bloggs and Alex Bloggs",
                (P("Jo Bloggs"), P("Sam Bloggs"), P("Alex Bloggs")),
            ),
            (
                "Farah Qureshi and Imran Qureshi (parents)",
                (P("Farah Qureshi", "Parent"), P("Imran Qureshi", "Parent")),
            ),
            (
                "Jo and Sam Bloggs (parents)",
                (P("Jo Bloggs", "Parent"), P("Sam Bloggs", "Parent")),
            ),
            (
                "Jo Bloggs (mother) and Sam Bloggs (foster carer)",
                (P("Jo Bloggs", "Mother"), P("Sam Bloggs", "Foster carer")),
            ),
            ("Katarzyna Wiśniewska (mother)", (P("Katarzyna Wiśniewska", "Mother"),)),
            ("Siân ap Rhys (Mum)", (P("Siân ap Rhys", "Mother"),)),
            ("Mr and Mrs Bloggs", (P("Mr Bloggs"), P("Mrs Bloggs"))),
            ("Jo Bloggs (grandmother)", (P("Jo Bloggs", "Grandmother"),)),
            # What cannot be placed stays whole: no word is lost.
            ("Jo Bloggs (Jojo)", (P("Jo Bloggs (Jojo)"),)),
            ("Jo Bloggs (mother", (P("Jo Bloggs (mother"),)),
            (
                "Maryam is the party; Leila Haddad (mother) supports her",
                (P("Maryam is the party"), P("Leila Haddad (mother) supports her")),
            ),
            ("Jo and", (P("Jo and"),)),
            ("mother", (P("mother"),)),
        ],
    )
    def test_the_old_forms_become_records(self, text, records):
        assert parse_parents(text) == records

    def test_every_relationship_in_the_list_is_recognised_in_brackets(self):
        for relationship in RELATIONSHIPS:
            assert parse_parents(f"Jo Bloggs ({relationship.lower()})") == (
                P("Jo Bloggs", relationship),
            )
            assert relationship_of(relationship) == (relationship, False)


# Names built from letters of many scripts, with hyphens and apostrophes, never a separator.
_LETTERS = st.characters(categories=("Lu", "Ll", "Lo"), exclude_characters="İ")
_WORD = st.text(_LETTERS, min_size=1, max_size=8).filter(
    lambda w: w.casefold() != "and" and relationship_of(w) is None
)
_NAME = st.lists(
    st.builds(lambda w, tail: w + tail, _WORD, st.sampled_from(["", "-Ann", "'s", "ó"])),
    min_size=1,
    max_size=4,
).map(" ".join)
_PARENT = st.builds(P, _NAME, st.sampled_from(("", *RELATIONSHIPS)))


def _render(parents, separator, style):
    parts = []
    for parent in parents:
        if not parent.relationship:
            parts.append(parent.name)
        elif style == "brackets":
            parts.append(f"{parent.name} ({parent.relationship.lower()})")
        else:
            parts.append(f"{parent.name}, {parent.relationship.lower()}")
    return separator.join(parts)


# Property tests: the move from free text never loses a letter of a name (CFA 2014 s55: the
# certificate names the parent). Functions, not methods: Hypothesis refuses a test method called
# on more than one instance, as happens when pytest runs twice in one process (mutmut does).


@given(
    st.lists(_PARENT, min_size=1, max_size=4),
    st.sampled_from(["; ", ";", "\n"]),
    st.sampled_from(["brackets", "comma"]),
)
def test_records_written_out_the_old_way_come_back_exactly(parents, sep, style):
    assert parse_parents(_render(parents, sep, style)) == tuple(parents)


@given(st.text(max_size=120))
def test_any_text_keeps_every_word_as_a_name_or_a_relationship(text):
    parsed = parse_parents(text)
    names = " ".join(p.name for p in parsed)
    kept = set(re.findall(r"\w+", names.casefold()))
    relationships = [p.relationship for p in parsed if p.relationship]
    for word in re.findall(r"\w+", text.casefold()):
        if word == "and" or word in kept:
            continue
        # Not in a name: then it was a relationship word, and a relationship was kept.
        assert relationships and _is_relationship_word(word), (text, parsed, word)


def _is_relationship_word(word):
    from mediator_desk.domain.parents import _PLURALS, _WORDS

    vocabulary = {part for phrase in (*_WORDS, *_PLURALS) for part in re.findall(r"\w+", phrase)}
    return word in vocabulary


class TestChecks:
    """A case can be kept with its parents; too many, or a name too long, is refused with a
    plain message (SEND Regulations 2014: the certificate names the parent)."""

    def test_ten_thousand_parents_is_one_plain_problem(self):
        case = make_case(parents=tuple(P(f"Parent {n}") for n in range(10_000)))
        problems = [p.message for p in check_case(case, TODAY).for_field("parents")]
        assert problems == [f"A case can list at most {MAX_PARENTS} parents or carers."]

    def test_a_name_too_long_is_a_problem_for_the_parents_field(self):
        case = make_case(parents=(P("J" * 501, "Mother"),))
        problems = [p.message for p in check_case(case, TODAY).for_field("parents")]
        assert problems == ["A parent's or carer's name is longer than 500 characters."]

    def test_two_named_parents_are_fine(self):
        case = make_case(parents=(P("Jo Bloggs", "Mother"), P("Sam Bloggs", "Father")))
        assert check_case(case, TODAY).for_field("parents") == ()
