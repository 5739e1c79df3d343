"""The mediator's working defaults, kept in the case file so they travel with it to a new
laptop: how long a meeting usually runs, the usual online platform, and how documents are
exported. Pure rules: the store keeps them as text, the services layer reads and writes them."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MIN_MEETING_MINUTES = 30
MAX_MEETING_MINUTES = 8 * 60
DOCUMENT_FORMATS = ("both", "pdf", "docx")
# What each choice of format is called, and the files it makes.
DOCUMENT_FORMAT_LABELS = {"both": "PDF and Word", "pdf": "PDF", "docx": "Word (.docx)"}
DOCUMENT_FORMAT_FILES = {"both": ("pdf", "docx"), "pdf": ("pdf",), "docx": ("docx",)}
KEY_PREFIX = "preference_"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class PreferenceNotValid(ValueError):
    """A preference outside what the app allows; the message says so in plain English."""


@dataclass(frozen=True)
class Preferences:
    # A SEND mediation meeting usually runs for two to three hours.
    meeting_minutes: int = 150
    platform: str = ""  # e.g. "Microsoft Teams": filled in for a new case's online meeting
    document_format: str = "both"  # "both", "pdf" or "docx"
    document_folder: str = ""  # empty: the user's home folder
    open_folder_after_export: bool = False

    @classmethod
    def from_settings(cls, stored: Mapping[str, str]) -> Preferences:
        """Read what the case file holds; anything missing or unreadable keeps its default, so
        a hand-edited or damaged value never stops the app."""
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):
            text = stored.get(KEY_PREFIX + field.name)
            if text is None:
                continue
            try:
                values[field.name] = check(field.name, _parse(field.name, text))
            except PreferenceNotValid:
                continue
        return cls(**values)  # type: ignore[arg-type]

    def replace(self, name: str, value: object) -> Preferences:
        changes: dict[str, Any] = {name: check(name, value)}
        return dataclasses.replace(self, **changes)


def setting_key(name: str) -> str:
    if name not in {f.name for f in dataclasses.fields(Preferences)}:
        raise PreferenceNotValid(f"There is no setting called {name!r}.")
    return KEY_PREFIX + name


def to_text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _parse(name: str, text: str) -> object:
    default = getattr(Preferences(), name)
    if isinstance(default, bool):
        return text == "1"
    if isinstance(default, int):
        if not text.strip().isdigit():
            raise PreferenceNotValid(f"{text!r} is not a whole number.")
        return int(text)
    return text


def check(name: str, value: object) -> object:
    """`value` if it is allowed for `name`; PreferenceNotValid says why not."""
    setting_key(name)
    default = getattr(Preferences(), name)
    if not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(default, bool):
        raise PreferenceNotValid(f"The setting {name!r} cannot be {value!r}.")
    if name == "meeting_minutes":
        minutes = int(value)
        if not MIN_MEETING_MINUTES <= minutes <= MAX_MEETING_MINUTES:
            raise PreferenceNotValid(
                f"Choose a meeting length from {MIN_MEETING_MINUTES} minutes to "
                f"{MAX_MEETING_MINUTES // 60} hours."
            )
    if name == "document_format" and value not in DOCUMENT_FORMATS:
        raise PreferenceNotValid("Choose PDF, Word or both.")
    if isinstance(value, str):
        value = value.strip()
        if len(value) > 1000:
            raise PreferenceNotValid("That is too long: use at most 1,000 characters.")
    return value


def end_time(start: str, minutes: int) -> str:
    """The time a meeting starting at `start` ("HH:MM") ends after `minutes`; empty when the
    start is not a time or the meeting would run past midnight."""
    match = _TIME.match(start.strip())
    if match is None:
        return ""
    total = int(match.group(1)) * 60 + int(match.group(2)) + minutes
    if total >= 24 * 60:
        return ""
    return f"{total // 60:02d}:{total % 60:02d}"


def minutes_between(start: str, end: str) -> int | None:
    """How long a meeting from `start` to `end` ("HH:MM") lasts; None unless both are times
    and it ends after it starts."""
    first, last = _TIME.match(start.strip()), _TIME.match(end.strip())
    if first is None or last is None:
        return None
    minutes = (
        (int(last.group(1)) - int(first.group(1))) * 60 + int(last.group(2)) - int(first.group(2))
    )
    return minutes if minutes > 0 else None


def describe_minutes(minutes: int) -> str:
    """150 -> "2 hours 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)
