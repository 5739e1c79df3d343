"""The child's parents or carers as records (a name and a relationship each), so documents can
name them without quoting a label and tell one parent from two; and the reading of the free
text earlier versions kept, which never drops a word it cannot place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The relationships a mediator picks from; anything else may be typed.
RELATIONSHIPS = (
    "Mother",
    "Father",
    "Parent",
    "Carer",
    "Foster carer",
    "Special guardian",
    "Guardian",
    "Grandparent",
    "Step-parent",
)
MAX_PARENTS = 10
MAX_NAME = 500  # as long as the whole free-text field was, so no older text is refused
MAX_RELATIONSHIP = 60


@dataclass(frozen=True)
class ParentCarer:
    """One parent or carer: the name prose uses, and how they are related to the child."""

    name: str
    relationship: str = ""


def joined_names(parents: Iterable[ParentCarer]) -> str:
    """The names as prose: 'Ann Lee', 'Ann Lee and Sam Lee', 'A, B and C' ('' for none)."""
    names = [" ".join(p.name.split()) for p in parents]
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def described(parents: Iterable[ParentCarer]) -> str:
    """Names with their relationship, for lists and search: 'Jo Bloggs (mother); Sam Bloggs'."""
    parts = []
    for parent in parents:
        name = " ".join(parent.name.split())
        relationship = " ".join(parent.relationship.split())
        if relationship:
            parts.append(f"{name} ({relationship.lower()})" if name else relationship)
        elif name:
            parts.append(name)
    return "; ".join(parts)


def parents_problems(parents: Sequence[ParentCarer]) -> list[str]:
    """What stops these records being kept, in plain English (an empty list when nothing)."""
    problems = []
    if len(parents) > MAX_PARENTS:
        problems.append(f"A case can list at most {MAX_PARENTS} parents or carers.")
    for parent in parents[:MAX_PARENTS]:
        if len(parent.name) > MAX_NAME:
            problems.append(f"A parent's or carer's name is longer than {MAX_NAME} characters.")
        if len(parent.relationship) > MAX_RELATIONSHIP:
            problems.append(f"A relationship is longer than {MAX_RELATIONSHIP} characters.")
    return list(dict.fromkeys(problems))


def as_parents(value: object) -> tuple[ParentCarer, ...]:
    """A value given for a case's parents (by a script, say) as records, or ValueError with a
    plain message: a list of ParentCarer with text fields, within the limits."""
    if not isinstance(value, list | tuple) or not all(
        isinstance(p, ParentCarer) and isinstance(p.name, str) and isinstance(p.relationship, str)
        for p in value
    ):
        raise ValueError(
            "The parents or carers must be a list of names and relationships "
            "(ParentCarer records), not text or anything else."
        )
    parents = tuple(value)
    problems = parents_problems(parents)
    if problems:
        raise ValueError(problems[0])
    return parents


# -- reading the free text of earlier versions -----------------------------------------------
# Each word a relationship was written as, and the relationship it is. Plurals name the same
# relationship for everyone in the group ('Jo and Sam Bloggs (parents)').
_WORDS = {rel.lower(): rel for rel in RELATIONSHIPS} | {
    "mum": "Mother",
    "mom": "Mother",
    "dad": "Father",
    "stepparent": "Step-parent",
    "step parent": "Step-parent",
    "foster parent": "Foster carer",
    "stepmother": "Stepmother",
    "step-mother": "Stepmother",
    "stepfather": "Stepfather",
    "step-father": "Stepfather",
    "grandmother": "Grandmother",
    "grandfather": "Grandfather",
    "adoptive parent": "Adoptive parent",
    "adoptive mother": "Adoptive mother",
    "adoptive father": "Adoptive father",
    "aunt": "Aunt",
    "uncle": "Uncle",
    "kinship carer": "Kinship carer",
}
_PLURALS = {word + "s": rel for word, rel in _WORDS.items() if not word.endswith("s")}
_SEPARATORS = re.compile(r"\s*,\s*|\s+(?:and|&)\s+|\s*&\s*", re.IGNORECASE)
_TRAILING = re.compile(r"^(?P<body>.*?)\s*\((?P<inside>[^()]*)\)\s*$", re.DOTALL)


def relationship_of(word: str) -> tuple[str, bool] | None:
    """The relationship a word or phrase names, and whether it was plural; None if none."""
    key = " ".join(word.lower().split())
    if key in _WORDS:
        return _WORDS[key], False
    if key in _PLURALS:
        return _PLURALS[key], True
    return None


def parse_parents(text: str) -> tuple[ParentCarer, ...]:
    """Records from the free text earlier versions kept ('Jo Bloggs (mother); Sam Bloggs
    (father)', 'Jo and Sam Bloggs', 'Jo Bloggs, mother'). What it cannot split stays one name:
    every word typed is kept, as a name or (when it names one) a relationship."""
    found: list[ParentCarer] = []
    for segment in re.split(r"\s*[;\n]\s*", text):
        if segment.strip():
            found.extend(_segment(segment.strip()))
    return tuple(found)


def _segment(segment: str) -> list[ParentCarer]:
    pieces = _split_outside_brackets(segment)
    if pieces is None:  # unbalanced brackets: nothing can be split safely
        return [ParentCarer(segment)]
    people: list[tuple[str, str]] = []  # (name, relationship)
    shared = ""  # a plural relationship written once for the group
    for piece in pieces:
        named = relationship_of(piece)
        if named is not None and people and not people[-1][1]:
            people[-1] = (people[-1][0], named[0])  # 'Jo Bloggs, mother'
            continue
        name, relationship, plural = _with_brackets(piece)
        if plural:
            shared = relationship
        people.append((name, relationship))
    if shared:
        people = [(name, rel or shared) for name, rel in people]
    people = _shared_surname(people, segment)
    return [ParentCarer(name, rel) if name else ParentCarer(rel) for name, rel in people]


def _split_outside_brackets(segment: str) -> list[str] | None:
    """The segment split at commas, 'and' and '&' outside brackets; None when the brackets
    do not balance."""
    pieces: list[str] = []
    depth = start = 0
    outside: list[tuple[int, int]] = []  # spans of text at depth 0
    for at, char in enumerate(segment):
        if char == "(":
            if depth == 0:
                outside.append((start, at))
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                start = at + 1
    if depth != 0:
        return None
    outside.append((start, len(segment)))
    cuts: list[tuple[int, int]] = []
    for begin, end in outside:
        for match in _SEPARATORS.finditer(segment, begin, end):
            cuts.append((match.start(), match.end()))
    position = 0
    for begin, end in cuts:
        pieces.append(segment[position:begin])
        position = end
    pieces.append(segment[position:])
    if any(not piece.strip() for piece in pieces):
        return [segment]  # 'Jo and' or ', Sam': not a list of names
    return [piece.strip() for piece in pieces]


def _with_brackets(piece: str) -> tuple[str, str, bool]:
    """A name and the relationship in brackets after it, where the brackets name one."""
    match = _TRAILING.match(piece)
    if match:
        named = relationship_of(match["inside"])
        if named is not None and match["body"].strip():
            return match["body"].strip(), named[0], named[1]
    return piece, "", False


def _shared_surname(people: list[tuple[str, str]], segment: str) -> list[tuple[str, str]]:
    """'Jo and Sam Bloggs' is Jo Bloggs and Sam Bloggs: first names alone before a full name
    joined by 'and' share its surname."""
    if len(people) < 2 or not re.search(r"\s(?:and|&)\s|&", segment, re.IGNORECASE):
        return people
    *firsts, (last, last_rel) = people
    words = last.split()
    if len(words) < 2 or any(len(name.split()) != 1 for name, _ in firsts):
        return people
    surname = words[-1]
    return [(f"{name} {surname}", rel) for name, rel in firsts] + [(last, last_rel)]
