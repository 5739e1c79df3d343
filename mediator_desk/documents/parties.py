"""Who the parties and bodies of a case are, as documents name them: the parent(s) or young
person, the LA's decision-maker, and the integrated care board by its recorded name."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.case import Case
from ..domain.preparation import Attendee, Role
from .prose import joined, with_article

UNNAMED_ICB = "the integrated care board (ICB) for the area"


def icb_name(attendees: Sequence[Attendee]) -> str:
    """The ICB as recorded: the organisation of a health attendee; empty when none is named."""
    return next(
        (a.organisation.strip() for a in attendees
         if a.role is Role.HEALTH and a.organisation.strip()),
        "",
    )  # fmt: skip


def icb_in_sentence(attendees: Sequence[Attendee], *, capital: bool = False) -> str:
    """The ICB mid-sentence: by name where one is recorded, else described."""
    name = icb_name(attendees)
    if name:
        return with_article(name, capital=capital)
    return UNNAMED_ICB[0].upper() + UNNAMED_ICB[1:] if capital else UNNAMED_ICB


def la_in_sentence(case: Case, *, capital: bool = False) -> str:
    name = case.local_authority.strip()
    if name:
        return with_article(name, capital=capital)
    return "The local authority" if capital else "the local authority"


def decision_makers(attendees: Sequence[Attendee]) -> str:
    """The LA's people with authority to agree at the meeting (Code of Practice 11; DOMAIN.md
    section 5), with their job titles."""
    people = [
        f"{a.name}, {a.job_title}" if a.job_title.strip() else a.name
        for a in attendees
        if a.role.is_la and a.decision_authority
    ]
    return f"{joined(people)} (authority to agree)" if people else ""


def party_label(case: Case, attendees: Sequence[Attendee], young_person: bool) -> str:
    if young_person:
        return "Young person"
    parents = [a for a in attendees if a.role is Role.PARENT_CARER]
    return "Parents or carers" if len(parents) > 1 else "Parent or carer"


__all__ = [
    "decision_makers",
    "icb_in_sentence",
    "icb_name",
    "la_in_sentence",
    "party_label",
]
