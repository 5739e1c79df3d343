"""The phrase bank: reusable wording for the room (outcomes, next steps, standard explanations),
each with a short trigger, and placeholders filled from the case ({child}, {la}, ...). Pure: the
service keeps the service's own phrases; the window inserts them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# What a phrase may say of the case, and what each stands for.
PLACEHOLDERS = {
    "child": "the child or young person's name",
    "la": "the local authority",
    "decision": "the decision in dispute",
    "decision_date": "the date the decision notice was sent",
    "meeting_date": "the meeting date",
    "reference": "the case reference",
    "mediator": "your name",
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TRIGGER = re.compile(r"[a-z0-9][a-z0-9-]{0,23}")


@dataclass(frozen=True)
class Phrase:
    trigger: str  # typed, then Ctrl+Space, to insert the phrase at once
    text: str


# A small, neutral set to start from: the service edits them in Settings.
STARTING_PHRASES: tuple[Phrase, ...] = (
    Phrase("agreed", "The parties agreed that {la} will "),
    Phrase("notagreed", "This issue was discussed but not agreed at the meeting."),
    Phrase(
        "views",
        "{child}'s views were shared at the start of the meeting and considered throughout.",
    ),
    Phrase(
        "confidential",
        "What is said in mediation is confidential. The outcome statement records what was "
        "agreed and the next steps; it does not record who said what.",
    ),
    Phrase(
        "write",
        "{la} will write to the parents by [date] to confirm the decision and what happens next.",
    ),
    Phrase(
        "review",
        "The parties agreed to review how this is working at the end of [term or date].",
    ),
    Phrase(
        "evidence",
        "{la} will consider the further evidence provided and reply in writing by [date].",
    ),
    Phrase(
        "adjourn",
        "The parties agreed to adjourn the meeting and meet again on [date] to continue.",
    ),
)


def problems(phrases: Sequence[Phrase]) -> list[str]:
    """What must be put right before a set of phrases can be kept: each in plain English."""
    found: list[str] = []
    seen: set[str] = set()
    for number, phrase in enumerate(phrases, 1):
        if not TRIGGER.fullmatch(phrase.trigger):
            found.append(
                f"Phrase {number}: its trigger must be one short word of small letters and "
                "digits (up to 24), such as “agreed”."
            )
        elif phrase.trigger in seen:
            found.append(f"Phrase {number}: the trigger “{phrase.trigger}” is used twice.")
        seen.add(phrase.trigger)
        if not phrase.text.strip():
            found.append(f"Phrase {number}: it has no wording.")
        unknown = sorted(set(_PLACEHOLDER.findall(phrase.text)) - set(PLACEHOLDERS))
        if unknown:
            names = ", ".join("{" + name + "}" for name in unknown)
            known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            found.append(f"Phrase {number}: {names} is not a placeholder ({known}).")
    return found


def fill(text: str, values: Mapping[str, str]) -> str:
    """The phrase with each placeholder filled from the case; one the case has no value for
    is left as [the local authority] and the like, for the mediator to see and complete."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(name, "").strip()
        return value or f"[{PLACEHOLDERS[name]}]"

    return _PLACEHOLDER.sub(one, text)


def exact(phrases: Iterable[Phrase], typed: str) -> Phrase | None:
    """The phrase whose trigger is exactly what was typed (any capitals)."""
    wanted = typed.strip().casefold()
    return next((p for p in phrases if p.trigger == wanted), None) if wanted else None


def matching(phrases: Iterable[Phrase], typed: str) -> list[Phrase]:
    """Type-ahead: triggers that start with what was typed first, then phrases whose wording
    holds every typed word; all of them when nothing is typed."""
    words = typed.casefold().split()
    if not words:
        return list(phrases)
    listed = list(phrases)
    first = [p for p in listed if p.trigger.startswith(words[0]) and len(words) == 1]
    rest = [
        p for p in listed
        if p not in first and all(w in p.text.casefold() or w in p.trigger for w in words)
    ]  # fmt: skip
    return first + rest
