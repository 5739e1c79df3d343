"""The domain's rules for stored values (domain/values.py) as the plain-English refusal that
every way in (the GUI, the command line, scripts) shows: one place, used by every service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from .domain.values import ValueNotAllowed, checked_changes, checked_record
from .store import errors

R = TypeVar("R")


def checked(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Changes as they may be stored (control characters dropped), or InvalidChange."""
    try:
        return checked_changes(changes)
    except ValueNotAllowed as problem:
        raise errors.InvalidChange(problem.message) from None


def checked_value(name: str, value: Any) -> Any:
    """One named value as `checked` checks it (the name says where, in a refusal)."""
    return checked({name: value})[name]


def checked_one(record: R) -> R:
    """A whole record checked as `checked` checks changes."""
    try:
        return checked_record(record)
    except ValueNotAllowed as problem:
        raise errors.InvalidChange(problem.message) from None
