"""The outcome statement as it is read aloud before the parties confirm it: short passages, in
the order the statement shows them, each a sentence a voice can pause after. Made from what the
parties see (the statement's content: never the private notes), the whole statement or one
issue of it."""

from __future__ import annotations

from typing import Any

_BULLETS = ("- ", "• ", "* ", "– ")
# Words in a person's access needs that say hearing the statement may help them more than reading
# it: sight, dyslexia, reading. ("reading" covers "reading glasses" and "help with reading".)
_HEARING = ("dyslexi", "visual", "visually", "sight", "blind", "read aloud", "read to", "reading")
_ENDS = (".", "!", "?", ":", ";")


def sentence(text: str) -> str:
    """One passage: a bullet's mark taken off, spaces made single, a full stop added where the
    line has no end of its own (so that the voice pauses)."""
    text = " ".join(text.split())
    for bullet in _BULLETS:
        if text.startswith(bullet.strip() + " "):
            text = text[len(bullet) :]  # spaces are single already
            break
    if text and not text.endswith(_ENDS):
        text += "."
    return text


def _lines(text: Any) -> list[str]:
    return [sentence(line) for line in str(text or "").splitlines() if line.strip()]


def issue_passages(number: int, issue: dict[str, Any]) -> list[str]:
    title = " ".join(str(issue.get("title") or "").split()) or "Untitled"
    spoken = [sentence(f"Issue {number}: {title}")]
    spoken += _lines(issue.get("discussion"))
    if issue.get("outcome"):
        spoken.append(sentence(f"Outcome: {issue['outcome']}"))
    for action in issue.get("actions") or []:
        by = f"by {action['by']}" if action.get("by") else ""
        parts = [str(part) for part in (action.get("what"), action.get("who"), by) if part]
        spoken.append(sentence("Action: " + ", ".join(parts)))
    return spoken


def passages(content: dict[str, Any], issue: int | None = None) -> list[str]:
    """The passages to read: the whole statement, or only issue number `issue` (counted from
    0, as the agenda lists them; nothing if there is no such issue)."""
    issues = content.get("issues", [])
    if issue is not None:
        return issue_passages(issue + 1, issues[issue]) if 0 <= issue < len(issues) else []
    heading = "Outcome statement"
    if content.get("child"):
        heading += f" for {content['child']}"
    if content.get("meeting_date"):
        heading += f", meeting on {content['meeting_date']}"
    spoken = [sentence(heading)]
    present = [
        ", ".join(str(p) for p in (person.get("name"), person.get("role")) if p)
        for person in content.get("present") or []
    ]
    if present:
        spoken.append(sentence("Present: " + "; ".join(present)))
    for number, one in enumerate(issues, 1):
        spoken += issue_passages(number, one)
    for key, title in (
        ("other_matters", "Other matters"),
        ("next_steps", "Next steps"),
        ("appeal_information", "Appeal information"),
    ):
        if content.get(key):
            spoken.append(sentence(title))
            spoken += _lines(content[key])
    views = content.get("child_views") or {}
    if any(views.values()):
        spoken.append(sentence("The child's views"))
        spoken += [s for value in views.values() if value for s in _lines(value)]
    for number, addendum in enumerate(content.get("addenda", []), 1):
        reason = addendum.get("reason")
        spoken.append(sentence(f"Addendum {number}: {reason}" if reason else f"Addendum {number}"))
        spoken += _lines(addendum.get("text"))
    return spoken


def hearing_helps(access_needs: str) -> bool:
    """Whether someone's recorded access needs suggest reading the statement aloud to them
    (a visual impairment, dyslexia, difficulty reading)."""
    needs = " ".join(access_needs.lower().split())
    return any(word in needs for word in _HEARING)
