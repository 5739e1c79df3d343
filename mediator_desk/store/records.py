"""Rows to domain records and back, driven by the records' type hints: dates as ISO text,
enums by value, flags as 0/1, sets as JSON lists. One mapping for every table of records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from ..domain.case import DATE_FIELDS, Case, CaseKind, CaseStatus, DecisionKind
from ..domain.dates import date_or_none
from ..domain.parents import ParentCarer, parse_parents

T = TypeVar("T")


def _hints(cls: type) -> dict[str, Any]:
    return _cached_hints(cls)


@cache
def _cached_hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _plain(hint: Any) -> Any:
    """`X | None` is stored as X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return hint


def _encode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = _plain(hint)
    origin = typing.get_origin(kind)
    if origin in (frozenset, set, tuple, list):
        items = [_item(v) for v in value]
        return json.dumps(sorted(items) if origin in (frozenset, set) else items)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _item(value: Any) -> Any:
    """One item of a list as JSON holds it: an enum by value, a record as an object."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def _decode(hint: Any, raw: Any) -> Any:
    return _decoder(hint)(raw)


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """How a column typed `hint` is read back: worked out once per type, as reading thousands
    of rows asked the type hints the same questions for every field of every row."""
    kind = _plain(hint)
    origin = typing.get_origin(kind)
    if origin in (frozenset, set, tuple, list):
        (item,) = typing.get_args(kind)[:1]

        def collection(raw: Any) -> Any:
            return origin() if raw is None else origin([item(v) for v in json.loads(raw)])

        return collection
    if kind is bool:
        convert: Callable[[Any], Any] = bool
    elif kind is dt.datetime:
        convert = dt.datetime.fromisoformat
    elif kind is dt.date:
        convert = dt.date.fromisoformat
    elif isinstance(kind, type) and issubclass(kind, Enum):
        convert = kind
    else:
        return _as_stored

    def value(raw: Any) -> Any:
        return None if raw is None else convert(raw)

    return value


def _as_stored(raw: Any) -> Any:
    return raw


def _fields(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    return _cached_fields(cls)


@cache
def _cached_fields(cls: Any) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field of a record type, with how its column is read back."""
    hints = _hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))


def to_row(record: Any, *, skip: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    hints = _hints(type(record))
    return {
        f.name: _encode(hints[f.name], getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in skip
    }


def encode_changes(cls: type, changes: Mapping[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    unknown = set(changes) - set(hints)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return {name: _encode(hints[name], value) for name, value in changes.items()}


def from_row(cls: type[T], row: Mapping[str, Any]) -> T:
    present = row.keys()
    return cls(**{name: decode(row[name]) for name, decode in _fields(cls) if name in present})


def id_array(ids: Iterable[int]) -> str:
    """Case ids as a JSON array, for `json_each(?)`: one parameter however many there are."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def parents_to_json(parents: tuple[ParentCarer, ...]) -> str:
    """A case's parents and carers as the `parents` column keeps them (schema v10): a JSON
    list of {"name", "relationship"}, in the mediator's order."""
    return json.dumps(
        [{"name": p.name, "relationship": p.relationship} for p in parents], ensure_ascii=False
    )


def parents_from_json(text: str | None) -> tuple[ParentCarer, ...]:
    """The records from the column. Text that is not the JSON this version writes (a file
    changed by another program) is read as free text, so no name is lost or refused."""
    if not text:
        return ()
    try:
        data = json.loads(text)
    except ValueError:
        return parse_parents(text)
    if not isinstance(data, list):
        return parse_parents(text)
    parents = []
    for item in data:
        if isinstance(item, dict):
            parents.append(
                ParentCarer(str(item.get("name", "")), str(item.get("relationship", "") or ""))
            )
        else:
            parents.append(ParentCarer(str(item)))
    return tuple(parents)


def case_from_row(row: Mapping[str, Any]) -> Case:
    """A case as its row in the cases table holds it."""
    decision = row["decision_kind"]
    timeline_dates = {
        name: date_or_none(row[name])
        for name in DATE_FIELDS - {"child_dob", "decision_date", "meeting_date"}
    }
    return Case(
        **timeline_dates,
        health_issues=bool(row["health_issues"]),
        health_only=bool(row["health_only"]),
        id=row["id"],
        reference=row["reference"],
        kind=CaseKind(row["kind"]),
        status=CaseStatus(row["status"]),
        child_name=row["child_name"],
        child_known_as=row["child_known_as"],
        child_dob=date_or_none(row["child_dob"]),
        young_person_stated=bool(row["young_person_stated"]),
        parents=parents_from_json(row["parents"]),
        local_authority=row["local_authority"],
        decision_kind=DecisionKind(decision) if decision else None,
        decision_date=date_or_none(row["decision_date"]),
        section_i_only=bool(row["section_i_only"]),
        meeting_date=date_or_none(row["meeting_date"]),
        notes=row["notes"],
        created_at=dt.datetime.fromisoformat(row["created_at"]),
        updated_at=dt.datetime.fromisoformat(row["updated_at"]),
        closed_on=date_or_none(row["closed_on"]),
    )
