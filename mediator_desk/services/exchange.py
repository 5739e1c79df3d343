"""The case exchange format: one whole case as versioned JSON (docs/exchange-format.md, with
a JSON Schema in mediator_desk/case-exchange.schema.json).

Reading is strict and defensive: the file's size is checked before it is read, nesting depth
before it is parsed, and then every field's type, date and choice, with a message that names the
field. Anything wrong refuses the whole file with `ExchangeError`; nothing is half-imported."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from ..domain.bundle import CaseBundle
from ..domain.case import EDITABLE_FIELDS, MAX_NOTES, MAX_TEXT, Case
from ..domain.case_timeline import AgreedAction
from ..domain.integrity import imported_seal_problems
from ..domain.parents import MAX_PARENTS, ParentCarer, parents_problems, parse_parents
from ..domain.preparation import (
    MAX_ATTACHMENT_BYTES,
    Arrangements,
    Attachment,
    Attendee,
    ChildViews,
    ContactEntry,
    ProposedDate,
)
from ..domain.statement import Addendum, Confirmation, Issue, MeetingRecord, Presence, Seal
from ..domain.values import future_birth, printable, value_problem
from ..pictures import PictureRefused, attachment_mime
from ..store.records import to_row

FORMAT = "mediator-desk-case"
VERSION = 2  # 2: parents and carers as records (1 kept them as one text)
OLD_PARENTS_TEXT = 500  # the longest text version 1 could hold
MAX_FILE_BYTES = 200 * 1024 * 1024  # attachments included
MAX_DEPTH = 12
MAX_TEXT_LENGTH = 1_000_000
MAX_ITEMS = 5_000

T = TypeVar("T")


class ExchangeError(Exception):
    """The file cannot be imported; `message` says what is wrong and where."""

    def __init__(self, message: str) -> None:
        message = printable(message)  # it may quote the file, which can hold anything
        super().__init__(message)
        self.message = message


# -- writing ------------------------------------------------------------------------------------
def _plain(record: object, drop: tuple[str, ...] = ("case_id",)) -> dict[str, Any]:
    """A record as JSON values: flags as true/false, dates as ISO text, sets as lists."""
    hints = typing.get_type_hints(type(record))
    row = to_row(record, skip=drop)
    return {key: bool(value) if hints.get(key) is bool else value for key, value in row.items()}


def encode(bundle: CaseBundle, exported_at: dt.datetime, include_private_notes: bool) -> str:
    case_fields = {name: value for name, value in _plain(bundle.case).items()
                   if name in EDITABLE_FIELDS or name == "reference"}  # fmt: skip
    case_fields["parents"] = json.loads(case_fields["parents"])  # a list, not JSON in text
    record = _plain(bundle.record)
    if not include_private_notes:
        record.pop("private_notes", None)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "private_notes_included": include_private_notes,
        "case": case_fields,
        "attendees": [_plain(a) for a in bundle.attendees],
        "contacts": [_plain(c) for c in bundle.contacts],
        "proposed_dates": [_plain(p) for p in bundle.proposed_dates],
        "arrangements": _plain(bundle.arrangements),
        "child_views": json.loads(json.dumps(_plain(bundle.child_views))),
        "attachments": [
            _plain(a, drop=("case_id", "size")) | {"data": base64.b64encode(data).decode()}
            for a, data in bundle.attachments
        ],
        "agreed_actions": [_plain(a) for a in bundle.actions],
        "statement": {
            "issues": [_plain(i) for i in bundle.issues],
            "record": record,
            "presence": [_plain(p) for p in bundle.presence],
            "confirmations": [_plain(c) for c in bundle.confirmations],
            "seal": _plain(bundle.seal) if bundle.seal else None,
            "addenda": [_plain(a) for a in bundle.addenda],
        },
    }
    for key in ("methods", "share_with"):  # stored as JSON text; exchanged as lists
        value = data["child_views"][key]
        data["child_views"][key] = json.loads(value) if isinstance(value, str) else value
    return json.dumps(data, ensure_ascii=False, indent=2)


# -- reading ------------------------------------------------------------------------------------
def _depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings, without parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def read_file(path: Path) -> dict[str, Any]:
    """The parsed file, or ExchangeError: too big, not UTF-8, not JSON, too deep."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExchangeError(f"{path.name} could not be read ({error.strerror or error}).") from None
    if size > MAX_FILE_BYTES:
        raise ExchangeError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; a case file export is at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB."
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ExchangeError(f"{path.name} could not be read ({error.strerror or error}).") from None
    except UnicodeDecodeError:
        raise ExchangeError(
            f"{path.name} is not a Mediator Desk case export (not UTF-8 text)."
        ) from None
    return parse_text(text, path.name)


def parse_text(text: str, name: str = "The file") -> dict[str, Any]:
    if _depth(text) > MAX_DEPTH:
        raise ExchangeError(f"{name} is nested too deeply to be a case export.")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise ExchangeError(f"{name} is not valid JSON{where}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(f"{name} is not a Mediator Desk case export.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError(f"{name} has no format version.")
    if version > VERSION:
        raise ExchangeError(
            f"{name} was exported by a newer version of Mediator Desk (format {version}; this "
            f"version reads up to {VERSION})."
        )
    if version < 1:
        raise ExchangeError(f"{name} has an unknown format version ({version}).")
    return data


def _value(kind: Any, raw: Any, where: str) -> Any:
    """One field, checked against its type hint and against what may be stored at all."""
    value = _typed(kind, raw, where)
    problem = value_problem(value)
    if problem:
        raise ExchangeError(f"{where} {problem}.")
    return value


def _typed(kind: Any, raw: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        if raw is None:
            return None
        return _value(args[0], raw, where)
    if origin in (frozenset, set, list, tuple):
        if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
            raise ExchangeError(f"{where} must be a list.")
        return frozenset(_value(args[0], item, f"{where}[]") for item in raw)
    if kind is str:
        if not isinstance(raw, str):
            raise ExchangeError(f"{where} must be text.")
        if len(raw) > MAX_TEXT_LENGTH:
            raise ExchangeError(f"{where} is longer than {MAX_TEXT_LENGTH:,} characters.")
        return raw
    if kind is bool:
        if not isinstance(raw, bool) and raw not in (0, 1):
            raise ExchangeError(f"{where} must be true or false.")
        return bool(raw)
    if kind is int:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ExchangeError(f"{where} must be a whole number.")
        return raw
    if kind is dt.datetime:
        if not isinstance(raw, str):
            raise ExchangeError(f"{where} must be a date and time.")
        try:
            return dt.datetime.fromisoformat(raw)
        except ValueError:
            raise ExchangeError(f"{where}: '{raw[:40]}' is not a real date and time.") from None
    if kind is dt.date:
        if not isinstance(raw, str) or len(raw) != 10:
            raise ExchangeError(f"{where} must be a date like 2026-11-23.")
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ExchangeError(f"{where}: '{raw}' is not a real date.") from None
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(raw)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in kind)
            raise ExchangeError(f"{where}: '{str(raw)[:40]}' is not one of {allowed}.") from None
    raise ExchangeError(f"{where} has an unexpected type.")  # pragma: no cover


# What a file may hold beyond its records, as case-exchange.schema.json publishes it.
TOP_LEVEL = frozenset(
    {"format", "version", "exported_at", "private_notes_included", "case", "attendees",
     "contacts", "proposed_dates", "arrangements", "child_views", "attachments",
     "agreed_actions", "statement"}
)  # fmt: skip
STATEMENT_PARTS = frozenset({"issues", "record", "presence", "confirmations", "seal", "addenda"})


def _no_unknown(raw: dict[str, Any], known: frozenset[str], where: str) -> None:
    """Refuse what this version does not know rather than drop it unseen."""
    unknown = set(raw) - known
    if unknown:
        raise ExchangeError(f"{where} has unknown fields: {', '.join(sorted(unknown))[:200]}.")


def decode_record(cls: type[T], raw: Any, where: str, skip: tuple[str, ...] = ()) -> T:
    """A record from its JSON object: every field checked; unknown fields refused."""
    if not isinstance(raw, dict):
        raise ExchangeError(f"{where} must be an object.")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    _no_unknown(raw, frozenset(fields), where)
    values = {}
    for name, field in fields.items():
        if name in skip or name == "case_id":
            continue
        if name not in raw:
            if (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            ):
                raise ExchangeError(f"{where} is missing {name}.")
            continue
        values[name] = _value(hints[name], raw[name], f"{where}.{name}")
    return cls(**values)


def _parents(raw: Any, where: str = "case.parents") -> tuple[ParentCarer, ...]:
    """Parents and carers as records; from a version 1 file, its free text read as records.
    (A file may leave them out; it may not give them as null.)"""
    if isinstance(raw, str):
        if len(raw) > OLD_PARENTS_TEXT:
            raise ExchangeError(f"{where} is longer than {OLD_PARENTS_TEXT} characters.")
        return parse_parents(_value(str, raw, where))
    if not isinstance(raw, list):
        raise ExchangeError(
            f"{where} must be a list of parents or carers (or, in older files, text)."
        )
    if len(raw) > MAX_PARENTS:
        raise ExchangeError(
            f"{where} lists {len(raw):,} parents or carers; a case can list at most {MAX_PARENTS}."
        )
    parents = tuple(decode_record(ParentCarer, item, f"{where}[{n}]") for n, item in
                    enumerate(raw))  # fmt: skip
    problems = parents_problems(parents)
    if problems:
        raise ExchangeError(f"{where}: {problems[0]}")
    return parents


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ExchangeError(f"{where}{key} must be a list.")
    if len(value) > MAX_ITEMS:
        raise ExchangeError(f"{where}{key} has more than {MAX_ITEMS:,} entries.")
    return value


def decode(data: dict[str, Any], today: dt.date | None = None) -> tuple[CaseBundle, list[str]]:
    """The whole case, validated (a date of birth after `today` refused); and notes for the
    mediator. A sealed statement is verified as strictly as one in a case file
    (docs/integrity.md)."""
    notes: list[str] = []
    _no_unknown(data, TOP_LEVEL, "The file")
    # Not used on import, but held to the published schema like every other field.
    if "exported_at" in data and not isinstance(data["exported_at"], str):
        raise ExchangeError("exported_at must be a date and time written as text.")
    if "private_notes_included" in data and not isinstance(data["private_notes_included"], bool):
        raise ExchangeError("private_notes_included must be true or false.")
    raw_case = data.get("case")
    if not isinstance(raw_case, dict):
        raise ExchangeError("The file has no case.")
    _no_unknown(raw_case, EDITABLE_FIELDS | {"reference"}, "case")
    parents = _parents(raw_case["parents"]) if "parents" in raw_case else ()
    case = decode_record(
        Case, {k: v for k, v in raw_case.items() if k not in ("reference", "parents")}, "case"
    )
    case = dataclasses.replace(case, parents=parents)
    for name, limit in MAX_TEXT.items():
        if len(getattr(case, name)) > limit:
            raise ExchangeError(f"case.{name} is longer than {limit} characters.")
    if len(case.notes) > MAX_NOTES:
        raise ExchangeError(f"case.notes is longer than {MAX_NOTES:,} characters.")
    if not case.child_name.strip():
        raise ExchangeError("case.child_name is empty.")
    born_later = future_birth(case.child_dob, today or dt.date.max)
    if born_later:
        raise ExchangeError(f"case.child_dob: {born_later}")
    attendees = [decode_record(Attendee, a, f"attendees[{n}]") for n, a in
                 enumerate(_list(data, "attendees", ""))]  # fmt: skip
    ids = [a.id for a in attendees]
    if None in ids or len(set(ids)) != len(ids):
        raise ExchangeError("Every attendee needs its own id.")
    known = set(ids)

    def attendee_ref(value: int | None, where: str) -> None:
        if value is not None and value not in known:
            raise ExchangeError(f"{where} refers to an attendee who is not in the file.")

    contacts = [decode_record(ContactEntry, c, f"contacts[{n}]") for n, c in
                enumerate(_list(data, "contacts", ""))]  # fmt: skip
    for n, contact in enumerate(contacts):
        attendee_ref(contact.attendee_id, f"contacts[{n}]")
    proposed = [decode_record(ProposedDate, p, f"proposed_dates[{n}]") for n, p in
                enumerate(_list(data, "proposed_dates", ""))]  # fmt: skip
    arrangements = decode_record(Arrangements, data.get("arrangements", {}), "arrangements")
    views = decode_record(ChildViews, data.get("child_views", {}), "child_views")
    for attendee_id in views.share_with:
        attendee_ref(attendee_id, "child_views.share_with")
    attachments = []
    for n, raw in enumerate(_list(data, "attachments", "")):
        if not isinstance(raw, dict) or not isinstance(raw.get("data"), str):
            raise ExchangeError(f"attachments[{n}] needs its data.")
        if len(raw["data"]) > MAX_ATTACHMENT_BYTES * 4 // 3 + 8:
            raise ExchangeError(f"attachments[{n}] is larger than an attachment may be.")
        try:
            content = base64.b64decode(raw["data"], validate=True)
        except (binascii.Error, ValueError):
            raise ExchangeError(f"attachments[{n}].data is not base64.") from None
        meta = {k: v for k, v in raw.items() if k != "data"}
        attachment = decode_record(Attachment, meta | {"size": len(content)}, f"attachments[{n}]")
        try:  # labelled with what it really is, never the type the file declares
            mime = attachment_mime(attachment.filename, content)
        except PictureRefused as problem:
            raise ExchangeError(f"attachments[{n}]: {problem.message}") from None
        if attachment.in_profile and not mime.startswith("image/"):
            raise ExchangeError(
                f"attachments[{n}].in_profile: only a picture can be shown in the profile."
            )
        attachments.append((dataclasses.replace(attachment, mime=mime), content))
    statement = data.get("statement", {})
    if not isinstance(statement, dict):
        raise ExchangeError("statement must be an object.")
    _no_unknown(statement, STATEMENT_PARTS, "statement")
    issues = [decode_record(Issue, i, f"statement.issues[{n}]") for n, i in
              enumerate(_list(statement, "issues", "statement."))]  # fmt: skip
    issue_ids = {i.id for i in issues}
    if None in issue_ids or len(issue_ids) != len(issues):
        raise ExchangeError("Every statement issue needs its own id.")
    actions = [decode_record(AgreedAction, a, f"agreed_actions[{n}]") for n, a in
               enumerate(_list(data, "agreed_actions", ""))]  # fmt: skip
    for n, action in enumerate(actions):
        if action.issue_id is not None and action.issue_id not in issue_ids:
            raise ExchangeError(f"agreed_actions[{n}] refers to an issue that is not in the file.")
    record = decode_record(MeetingRecord, statement.get("record", {}), "statement.record")
    presence = [decode_record(Presence, p, f"statement.presence[{n}]") for n, p in
                enumerate(_list(statement, "presence", "statement."))]  # fmt: skip
    present: set[int] = set()
    for n, seen in enumerate(presence):
        attendee_ref(seen.attendee_id, f"statement.presence[{n}]")
        if seen.attendee_id in present:
            raise ExchangeError(f"statement.presence[{n}] repeats an attendee already listed.")
        present.add(seen.attendee_id)
    confirmations = [decode_record(Confirmation, c, f"statement.confirmations[{n}]") for n, c
                     in enumerate(_list(statement, "confirmations", "statement."))]  # fmt: skip
    addenda = [decode_record(Addendum, a, f"statement.addenda[{n}]") for n, a in
               enumerate(_list(statement, "addenda", "statement."))]  # fmt: skip
    addendum_ids = [a.id for a in addenda]
    if None in addendum_ids or len(set(addendum_ids)) != len(addendum_ids):
        raise ExchangeError("Every addendum needs its own id.")
    for n, confirmation in enumerate(confirmations):
        if confirmation.addendum_id is not None and confirmation.addendum_id not in addendum_ids:
            raise ExchangeError(
                f"statement.confirmations[{n}] refers to an addendum that is not in the file."
            )
    seal = None
    if statement.get("seal") is not None:
        seal = decode_record(Seal, statement["seal"], "statement.seal")
    exported_as = dataclasses.replace(
        case, reference=_value(str, raw_case.get("reference", ""), "case.reference")
    )
    problems = imported_seal_problems(
        exported_as, attendees, presence, issues, actions, record, confirmations, seal
    )
    if problems:
        what = "statement.seal cannot be accepted as a sealed record"
        raise ExchangeError(
            f"{what if seal else 'statement.confirmations are not valid'}: {' '.join(problems)}"
        )
    return (
        CaseBundle(case, attendees, contacts, proposed, arrangements, views, attachments,
                   actions, issues, record, presence, confirmations, seal, addenda),
        notes,
    )  # fmt: skip
