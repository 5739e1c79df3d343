"""The use cases on the records a case has many of (attendees, contacts, proposed dates)
or one of (arrangements, the child's views): read always, change only when the file is
writable, errors in plain English."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from ..input_rules import checked, checked_one
from ..store import errors
from ..store.preparation import CaseRecords, OneRecord
from .changes import CaseChanges

R = TypeVar("R")


class Guard(Protocol):
    """What a use case needs of the open file: its path (for messages) and the refusal to
    write when it is read-only or failed its check, and where to say which case changed."""

    changes: CaseChanges

    @property
    def path(self) -> Path: ...

    def refuse_if_read_only(self) -> None: ...


class Records(Generic[R]):
    """The use cases on one kind of case record (attendees, contacts, proposed dates): read
    always; change only when the file is writable; errors in plain English."""

    def __init__(self, desk: Guard, table: CaseRecords[R]) -> None:
        self._desk = desk
        self._table = table

    def list(self, case_id: int) -> list[R]:
        with errors.plain_english_errors(self._desk.path):
            return self._table.list(case_id)

    def add(self, case_id: int, record: R) -> R:
        self._desk.refuse_if_read_only()
        with self._desk.changes.writing(case_id), errors.plain_english_errors(self._desk.path):
            record = checked_one(record)
            return self._table.add(case_id, record, _describe(record))

    def update(self, record_id: int, changes: Mapping[str, Any]) -> R:
        self._desk.refuse_if_read_only()
        with self._desk.changes.writing() as touch, errors.plain_english_errors(self._desk.path):
            record = self._table.update(record_id, checked(changes))
            touch(getattr(record, "case_id", None))
            return record

    def delete(self, record_id: int) -> None:
        self._desk.refuse_if_read_only()
        with self._desk.changes.writing() as touch, errors.plain_english_errors(self._desk.path):
            record = self._table.get(record_id)
            self._table.delete(record_id, _describe(record))
            touch(getattr(record, "case_id", None))


class OneOf(Generic[R]):
    """The use cases on a record a case has one of (arrangements, the child's views)."""

    def __init__(self, desk: Guard, record: OneRecord[R]) -> None:
        self._desk = desk
        self._record = record

    def get(self, case_id: int) -> R:
        with errors.plain_english_errors(self._desk.path):
            return self._record.get(case_id)

    def update(self, case_id: int, changes: Mapping[str, Any]) -> R:
        self._desk.refuse_if_read_only()
        with self._desk.changes.writing(case_id), errors.plain_english_errors(self._desk.path):
            return self._record.update(case_id, checked(changes))


def to_changes(record: object) -> dict[str, Any]:
    """A record's fields as changes (for a record a case has one of)."""
    return {
        f.name: getattr(record, f.name)
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.name != "case_id"
    }


def _describe(record: object) -> str:
    """A short label for the audit log (a name or a kind, never the whole content)."""
    for name in ("name", "kind", "day"):
        value = getattr(record, name, None)
        if value is not None:
            return str(getattr(value, "label", value))
    return ""
