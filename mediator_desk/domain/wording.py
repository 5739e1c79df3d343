"""What changed in the statement's words since a version a party confirmed: the statement as
plain lines a person reads (never the private notes, which are not part of it), and the words
added and removed between two versions, in reading order."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .statement import STATEMENT_VIEW_FIELDS


def statement_lines(content: dict[str, Any]) -> list[str]:
    """The statement's content (statement.compose) as the lines a person reads, in order."""
    lines: list[str] = []
    present = [
        ", ".join(p for p in (person.get("name", ""), person.get("role", "")) if p)
        for person in content.get("present", [])
    ]
    if present:
        lines.append("Present: " + "; ".join(present))
    for number, issue in enumerate(content.get("issues", []), 1):
        lines.append(f"Issue {number}: {issue.get('title', '')}")
        if issue.get("discussion"):
            lines.append(str(issue["discussion"]))
        if issue.get("outcome"):
            lines.append(f"Outcome: {issue['outcome']}")
        for action in issue.get("actions", []):
            parts = [action.get("what", ""), action.get("who", ""), action.get("by", "")]
            lines.append("Action: " + " · ".join(p for p in parts if p))
    for key, title in (
        ("other_matters", "Other matters"),
        ("next_steps", "Next steps"),
        ("appeal_information", "Appeal"),
    ):
        if content.get(key):
            lines.append(f"{title}: {content[key]}")
    views = content.get("child_views") or {}
    labels = {**STATEMENT_VIEW_FIELDS, "quotes": "In their words", "gathered": "Views gathered"}
    lines += [f"{labels.get(key, key)}: {value}" for key, value in views.items() if value]
    return lines


class Change(Enum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Piece:
    """A run of the text: words and the spaces between them, kept as written."""

    change: Change
    text: str


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_changes(before: str, after: str) -> tuple[Piece, ...]:
    """The words of `after`, with the words of `before` that it no longer has, in reading order:
    each run marked the same, added or removed. A word is compared whole (punctuation and
    capitals included), so "agreed" against "agreed." is one word removed and one added."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(pieces, Change.SAME, "".join(new[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            _add(pieces, Change.REMOVED, "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _add(pieces, Change.ADDED, "".join(new[j1:j2]))
    return tuple(pieces)


def _add(pieces: list[Piece], change: Change, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].change is change:
        pieces[-1] = Piece(change, pieces[-1].text + text)
    else:
        pieces.append(Piece(change, text))


def statement_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[Piece, ...]:
    """What changed between two versions of the statement's content, word by word."""
    return word_changes("\n".join(statement_lines(before)), "\n".join(statement_lines(after)))


def count_words(pieces: Sequence[Piece], change: Change) -> int:
    return sum(len(p.text.split()) for p in pieces if p.change is change)


def describe(pieces: Sequence[Piece]) -> str:
    """'3 words added and 1 removed', or 'No words changed'."""
    added, removed = count_words(pieces, Change.ADDED), count_words(pieces, Change.REMOVED)
    if not added and not removed:
        return "No words changed"
    parts = []
    if added:
        parts.append(f"{added} word{'' if added == 1 else 's'} added")
    if removed:
        noun = "" if added else f" word{'' if removed == 1 else 's'}"
        parts.append(f"{removed}{noun} removed")
    return " and ".join(parts)
