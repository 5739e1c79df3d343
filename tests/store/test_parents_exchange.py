"""Parents and carers in the exchange format (issue 18, finding 7): exported as records,
imported from records or, from older files, from their free text; hostile lists refused with a
plain message and nothing added. The parent is the party the certificate names (CFA 2014 s55)."""

from __future__ import annotations

import json

import pytest

import mediator_desk
from mediator_desk.domain.parents import MAX_PARENTS
from mediator_desk.domain.parents import ParentCarer as P
from mediator_desk.services.exchange import VERSION
from mediator_desk.store.errors import CaseFileError
from tests.conftest import make_case

TWO = (P("Jo Bloggs", "Mother"), P("Sam Bloggs", "Step-parent"))


@pytest.fixture
def exported(desk):
    case = desk.create_case(make_case(parents=TWO))
    return json.loads(desk.export_case(case.reference))


def write(tmp_path, data):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_export_lists_each_parent_with_their_relationship(exported):
    """Records, not a label, so the receiving service's documents name them (CFA 2014 s55)."""
    assert exported["version"] == VERSION == 2
    assert exported["case"]["parents"] == [
        {"name": "Jo Bloggs", "relationship": "Mother"},
        {"name": "Sam Bloggs", "relationship": "Step-parent"},
    ]


def test_a_round_trip_keeps_the_records(desk, exported, tmp_path):
    """CFA 2014 s55: the parents come through an export and import unchanged."""
    imported, _notes = desk.import_case(write(tmp_path, exported))
    assert imported.parents == TWO


def test_an_older_file_with_free_text_is_read_as_records(desk, exported, tmp_path):
    """Version 1 files kept one text (CFA 2014 s55: no parent's name is lost on import)."""
    exported["version"] = 1
    exported["case"]["parents"] = "Jo and Sam Bloggs (parents)"
    imported, _notes = desk.import_case(write(tmp_path, exported))
    assert imported.parents == (P("Jo Bloggs", "Parent"), P("Sam Bloggs", "Parent"))


def test_a_file_without_parents_imports_with_none(desk, exported, tmp_path):
    del exported["case"]["parents"]
    imported, _notes = desk.import_case(write(tmp_path, exported))
    assert imported.parents == ()


@pytest.mark.parametrize(
    ("parents", "message"),
    [
        (
            [{"name": f"Parent {n}"} for n in range(10_000)],
            f"case.parents lists 10,000 parents or carers; a case can list at most {MAX_PARENTS}.",
        ),
        ([{"name": 42, "relationship": "Mother"}], "case.parents[0].name must be text."),
        (
            [{"name": "Jo Bloggs", "relationship": ["Mother"]}],
            "case.parents[0].relationship must be text.",
        ),
        (["Jo Bloggs"], "case.parents[0] must be an object."),
        ([{"relationship": "Mother"}], "case.parents[0] is missing name."),
        ([{"name": "Jo", "age": 40}], "case.parents[0] has unknown fields: age."),
        (42, "case.parents must be a list of parents or carers (or, in older files, text)."),
        ([{"name": "Jo \ud800Bloggs"}], "case.parents[0].name contains a broken character"),
        ([{"name": "J" * 501}], "case.parents: A parent's or carer's name is longer than 500"),
        ("J" * 501, "case.parents is longer than 500 characters."),
    ],
    ids=[
        "10,000 parents",
        "a number for a name",
        "a list for a relationship",
        "a name without its record",
        "no name",
        "an unknown field",
        "a number for the list",
        "a lone surrogate",
        "a name too long",
        "old text too long",
    ],
)
def test_hostile_parents_are_refused_plainly_and_nothing_is_added(
    desk, exported, tmp_path, parents, message
):
    """A plain message naming the field, and the case file unchanged (CFA 2014 s55)."""
    exported["case"]["parents"] = parents
    with pytest.raises(CaseFileError) as refused:
        desk.import_case(write(tmp_path, exported))
    assert refused.value.message.startswith(message)
    assert "Traceback" not in refused.value.message
    assert len(desk.list_cases()) == 1  # only the case exported


def test_the_published_schema_describes_both_forms():
    """The schema says what is written (records) and what is still read (older text)."""
    from pathlib import Path

    schema = json.loads(
        (Path(mediator_desk.__file__).parent / "case-exchange.schema.json").read_text()
    )
    parents = schema["properties"]["case"]["properties"]["parents"]
    records, text = parents["oneOf"]
    assert records["type"] == "array" and records["maxItems"] == MAX_PARENTS
    assert records["items"]["required"] == ["name"]
    assert set(records["items"]["properties"]) == {"name", "relationship"}
    assert text["type"] == "string"
