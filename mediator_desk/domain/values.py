"""What every stored value must be, whichever way it comes in (typed, pasted, imported or
scripted): text a document can hold, whole numbers SQLite can store (64 bits) and dates in a
plausible range, so nothing stored can later break a document, a deadline or a list."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from .dates import date_range_problem

LARGEST_INTEGER = 2**63 - 1  # SQLite's INTEGER
SMALLEST_INTEGER = -(2**63)

# C0 controls except tab, newline and carriage return; U+FFFE and U+FFFF (Word refuses them).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")

R = TypeVar("R")


class ValueNotAllowed(ValueError):
    """A value that cannot be stored; the message names the field and says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def strip_controls(text: str) -> str:
    """Invisible control characters dropped (as when pasted from another program)."""
    return _CONTROLS.sub("", text)


def without_unsafe(text: str) -> str:
    """Control characters and lone surrogates dropped: what a document cannot hold."""
    return _CONTROLS.sub("", _SURROGATES.sub("", text))


def printable(text: str) -> str:
    """Text safe to show or print: broken and control characters replaced by '?'."""
    return _CONTROLS.sub("?", _SURROGATES.sub("?", text))


def value_problem(value: object) -> str | None:
    """Why a value cannot be stored, in words that follow its name; None if it can."""
    if isinstance(value, str):
        if _SURROGATES.search(value):
            return (
                "contains a broken character (half of a pair that makes one symbol); "
                "retype the text"
            )
        if _CONTROLS.search(value):
            return "contains an invisible control character"
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int):
        if not SMALLEST_INTEGER <= value <= LARGEST_INTEGER:
            return "is not a whole number Mediator Desk can store"
    elif isinstance(value, dt.date):  # a datetime is a date too
        problem = date_range_problem(value.date() if isinstance(value, dt.datetime) else value)
        if problem:
            return problem.replace("is not", "is not a date", 1)
    elif isinstance(value, frozenset | set | list | tuple):
        return next((p for p in map(value_problem, value) if p), None)
    elif _is_record(value):  # a record kept inside a field (a case's parents)
        fields = dataclasses.fields(value)  # type: ignore[arg-type]
        return next((p for p in (value_problem(getattr(value, f.name)) for f in fields) if p), None)
    return None


def _is_record(value: object) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _without_controls(value: Any) -> Any:
    """Control characters dropped from text, and from the text of records in a tuple."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, tuple) and any(_is_record(item) for item in value):
        return tuple(
            dataclasses.replace(item, **{f.name: _without_controls(getattr(item, f.name))
                                         for f in dataclasses.fields(item)})
            if _is_record(item) else item
            for item in value
        )  # fmt: skip
    return value


def field_label(name: str) -> str:
    """A field's name as a mediator reads it: 'child_dob' is 'The date of birth'."""
    return "The " + _LABELS.get(name, name.replace("_", " "))


_LABELS = {"child_dob": "date of birth", "child_name": "child's name"}


def checked_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Changes as they will be stored: control characters typed or pasted are dropped (so an
    autosave never fails on them); anything else that cannot be stored is ValueNotAllowed."""
    checked: dict[str, Any] = {}
    for name, value in changes.items():
        value = _without_controls(value)
        problem = value_problem(value)
        if problem:
            raise ValueNotAllowed(f"{field_label(name)} {problem}.")
        checked[name] = value
    return checked


def checked_record(record: R) -> R:
    """A record with checked_changes applied to every field."""
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]
    return dataclasses.replace(record, **checked_changes(fields))  # type: ignore[type-var]


def future_birth(child_dob: object, today: dt.date) -> str | None:
    """A date of birth in the future is a typing mistake, refused wherever it comes in."""
    if isinstance(child_dob, dt.date) and child_dob > today:
        return "The date of birth is in the future."
    return None
