"""The published exchange schema (mediator_desk/case-exchange.schema.json) holds for every file
the app writes, lists exactly the fields the importer reads, and every file it refuses is refused
by the importer too, with a message that says where (docs/exchange-format.md)."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator, FormatChecker

import mediator_desk
from mediator_desk.domain.case import EDITABLE_FIELDS
from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.preparation import (
    Arrangements,
    Attachment,
    Attendee,
    ChildViews,
    ContactEntry,
    ProposedDate,
)
from mediator_desk.domain.statement import (
    Addendum,
    Confirmation,
    Issue,
    MeetingRecord,
    Presence,
    Seal,
)
from mediator_desk.services.exchange import ExchangeError, decode, parse_text
from tests.conftest import fixed_today
from tests.store.test_import_properties import Target, genuine_exports, mutated_exports

SCHEMA = json.loads(
    (Path(mediator_desk.__file__).parent / "case-exchange.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def imports():
    """The case file accepted imports go into, shared by the examples."""
    holder = Target()
    yield holder
    holder.close()


def schema_problems(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def importer_refusal(document: Any) -> str | None:
    """The importer's plain message for the file, or None if it takes it."""
    try:
        decode(parse_text(json.dumps(document)), today=fixed_today())
    except ExchangeError as problem:
        return problem.message
    return None


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["additionalProperties"] is False


def test_every_demo_export_satisfies_the_schema(desk):
    """Each demo case, with and without private notes, one with a picture and one sealed."""
    exports = list(genuine_exports())
    desk.load_demo_cases()
    exports += [json.loads(desk.export_case(c.reference)) for c in desk.list_cases()]
    assert len(exports) >= 10
    for document in exports:
        assert schema_problems(document) == [], document["case"]["reference"]
        assert importer_refusal(document) is None


RECORDS = {
    "attendee": Attendee,
    "contact": ContactEntry,
    "proposed_date": ProposedDate,
    "arrangements": Arrangements,
    "child_views": ChildViews,
    "attachment": Attachment,
    "agreed_action": AgreedAction,
    "issue": Issue,
    "meeting_record": MeetingRecord,
    "presence": Presence,
    "confirmation": Confirmation,
    "addendum": Addendum,
    "seal": Seal,
}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_each_record_in_the_schema_has_exactly_the_fields_the_importer_reads(name):
    """A field added to a record must be added to the published schema too, and none other is
    allowed: the importer refuses unknown fields."""
    record = SCHEMA["$defs"][name]
    fields = {f.name for f in dataclasses.fields(RECORDS[name])}
    assert set(record["properties"]) - {"data"} == fields
    assert record["additionalProperties"] is False


def test_the_case_in_the_schema_is_what_the_exporter_writes():
    case = SCHEMA["properties"]["case"]
    assert set(case["properties"]) == set(EDITABLE_FIELDS) | {"reference"}
    assert case["additionalProperties"] is False


def _set(path: tuple[Any, ...], value: Any):
    def change(document: dict[str, Any]) -> None:
        *parents, last = path
        node = document
        for key in parents:
            node = node[key]
        node[last] = value

    return change


HOSTILE = {
    "an unknown top-level key": (_set(("script",), "run me"), "script"),
    "an unknown key in the case": (_set(("case", "favourite_colour"), "blue"), "case"),
    "a database id for the case": (_set(("case", "id"), 7), "case"),
    "an unknown key in the statement": (_set(("statement", "extra"), []), "statement"),
    "an unknown key for an attendee": (_set(("attendees", 0, "password"), "x"), "attendees[0]"),
    "a role that does not exist": (_set(("attendees", 0, "role"), "judge"), "attendees[0].role"),
    "an impossible date": (_set(("case", "decision_date"), "2026-02-31"), "decision_date"),
    "text for an id": (_set(("attendees", 0, "id"), "one"), "attendees[0].id"),
    "a list for a flag": (_set(("case", "health_only"), []), "case.health_only"),
    "an object for the record": (_set(("statement", "record"), []), "statement.record"),
    "a list for the reference": (_set(("case", "reference"), ["MD-2026-0003"]), "case.reference"),
    "null for the parents": (_set(("case", "parents"), None), "case.parents"),
    # found by the property test below: the importer never read these two
    "a list for when it was exported": (
        _set(("exported_at",), ["2026-11-23T09:30:00"]),
        "exported_at",
    ),
    "text for whether notes are included": (
        _set(("private_notes_included",), "yes"),
        "private_notes_included",
    ),
}


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_a_file_the_schema_refuses_is_refused_by_the_importer_saying_where(what):
    change, where = HOSTILE[what]
    document = copy.deepcopy(next(d for d in genuine_exports() if d["attendees"]))
    change(document)
    assert schema_problems(document), f"the schema allows {what}"
    message = importer_refusal(document)
    assert message is not None, f"the importer took {what}"
    assert where in message and "Traceback" not in message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated_exports())
def test_any_file_the_schema_refuses_the_importer_refuses(document):
    """Schema and importer agree: nothing the published schema rules out gets in."""
    if schema_problems(document):
        assert importer_refusal(document) is not None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated_exports())
def test_a_case_imported_from_any_accepted_file_exports_within_the_schema(imports, document):
    """What the importer takes, the exporter writes back within the published schema."""
    if importer_refusal(document) is not None:
        return
    desk = imports.get()
    source = imports.folder / "case.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    case, _notes = desk.import_case(source)
    again = json.loads(desk.export_case(case.reference, include_private_notes=True))
    assert schema_problems(again) == []
