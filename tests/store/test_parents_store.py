"""Parents and carers kept as records (schema v10, issue 18 finding 7): the free text of older
case files becomes records without losing a word, the records are kept and searched, and an
upgrade that fails half-way leaves the file as it was. The parent is a party to mediation and
is named on its certificate (CFA 2014 ss53-55)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mediator_desk.domain.parents import ParentCarer as P
from mediator_desk.store import errors, migrations
from mediator_desk.store.casefile import check_casefile, open_casefile
from tests.conftest import make_case

FIXTURES = Path(__file__).parent / "fixtures"


def v9_file(tmp_path: Path, texts: list[str]) -> Path:
    """The frozen v9 case file with its cases' free text set to `texts` (one case each)."""
    path = tmp_path / "casefile-v9.mdesk"
    path.write_bytes((FIXTURES / path.name).read_bytes())
    conn = sqlite3.connect(path)
    try:
        ids = [row[0] for row in conn.execute("SELECT id FROM cases ORDER BY id")]
        assert len(ids) >= len(texts)
        for case_id, text in zip(ids, texts, strict=False):
            conn.execute("UPDATE cases SET parents = ? WHERE id = ?", [text, case_id])
        conn.commit()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    finally:
        conn.close()
    return path


def column(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT parents FROM cases ORDER BY id")]
    finally:
        conn.close()


def test_the_frozen_v9_file_upgrades_its_parents_to_records(tmp_path):
    """The v9 fixture's 'Morwenna Tregothnan (mother)' is a name and a relationship after the
    upgrade: documents can say 'Dear Morwenna Tregothnan' (CFA 2014 s55)."""
    path = v9_file(tmp_path, [])
    with open_casefile(path) as casefile:
        assert casefile.migrated_from == 9
        case = casefile.cases.get_by_reference("MD-2026-0001")
        assert case.parents == (P("Morwenna Tregothnan", "Mother"),)
        assert check_casefile(casefile) == []
    assert json.loads(column(path)[0]) == [
        {"name": "Morwenna Tregothnan", "relationship": "Mother"}
    ]


def test_each_old_form_becomes_records_and_nothing_is_lost(tmp_path):
    """Two parents, shared surnames, and text that cannot be split (kept whole as one name)
    (CFA 2014 ss53-55: every parent who is a party keeps their name)."""
    texts = [
        "Jo Bloggs (mother); Sam Bloggs (father)",
        "Jo and Sam Bloggs",
        "Maryam is the party; Leila Haddad (mother) supports her",
    ]
    path = v9_file(tmp_path, texts)
    with open_casefile(path) as casefile:
        found = [case.parents for case in casefile.cases.all()]
    assert found == [
        (P("Jo Bloggs", "Mother"), P("Sam Bloggs", "Father")),
        (P("Jo Bloggs"), P("Sam Bloggs")),
        (P("Maryam is the party"), P("Leila Haddad (mother) supports her")),
    ]


def test_an_empty_field_becomes_no_records(tmp_path):
    """No parent recorded is no parent, not one without a name (CFA 2014 s55)."""
    path = v9_file(tmp_path, [""])
    with open_casefile(path) as casefile:
        assert casefile.cases.get_by_reference("MD-2026-0001").parents == ()


def test_search_still_finds_a_case_by_a_parents_name_after_the_upgrade(tmp_path):
    """The casebook finds a family by any parent's name (CFA 2014 s55: the parent is the
    party the service deals with)."""
    path = v9_file(tmp_path, ["Jo Bloggs (mother); Sam Bloggs (father)"])
    with open_casefile(path) as casefile:
        case = casefile.cases.get_by_reference("MD-2026-0001")
        assert casefile.cases.case_ids("sam blog") == [case.id]


def test_an_upgrade_that_fails_half_way_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    """One transaction: a failure on the second case leaves every case's text unchanged and
    the file at v9 (DESIGN.md section 4; CFA 2014 s55: no parent's name is lost)."""
    path = v9_file(tmp_path, ["Jo Bloggs (mother)", "Sam Bloggs (father)"])
    before = column(path)
    calls = []
    real = migrations.parse_parents

    def failing(text):
        calls.append(text)
        if len(calls) == 2:
            raise OSError("disk went away")
        return real(text)

    monkeypatch.setattr(migrations, "parse_parents", failing)
    with pytest.raises((OSError, errors.CaseFileError)):
        open_casefile(path)
    assert len(calls) == 2
    assert column(path) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    finally:
        conn.close()


class TestTheRepository:
    """Records in, records out, in the mediator's order (CFA 2014 s55)."""

    def test_two_parents_are_kept_in_order(self, desk):
        parents = (P("Sam Bloggs", "Father"), P("Jo Bloggs", "Mother"))
        case = desk.create_case(make_case(parents=parents))
        assert desk.case(case.id).parents == parents

    def test_an_edit_replaces_the_list(self, desk):
        case = desk.create_case(make_case())
        desk.update_case(case.id, {"parents": (P("Jo Bloggs", "Foster carer"), P("Ann Lee"))})
        assert desk.case(case.id).parents == (P("Jo Bloggs", "Foster carer"), P("Ann Lee"))
        desk.update_case(case.id, {"parents": ()})
        assert desk.case(case.id).parents == ()

    def test_search_finds_the_second_parent_and_forgets_a_removed_one(self, desk):
        case = desk.create_case(make_case(parents=(P("Jo Bloggs", "Mother"), P("Wynn Tallis"))))
        assert desk.casebook_ids("wynn tall") == [case.id]
        desk.update_case(case.id, {"parents": (P("Jo Bloggs", "Mother"),)})
        assert desk.casebook_ids("wynn tall") == []

    def test_control_characters_typed_in_a_name_are_dropped(self, desk):
        case = desk.create_case(make_case())
        desk.update_case(case.id, {"parents": (P("Jo\x07 Bloggs", "Mo\x00ther"),)})
        assert desk.case(case.id).parents == (P("Jo Bloggs", "Mother"),)

    def test_a_broken_character_is_refused_and_changes_nothing(self, desk):
        case = desk.create_case(make_case())
        with pytest.raises(errors.InvalidChange, match="broken character"):
            desk.update_case(case.id, {"parents": (P("Jo \ud800Bloggs"),)})
        assert desk.case(case.id).parents == (P("Morwenna Tregothnan", "Mother"),)


class TestScriptsAndOtherWaysIn:
    """A script or another program gets a plain refusal, never a traceback, and the case is
    unchanged (CFA 2014 s55: the parent the documents name)."""

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("Jo Bloggs (mother)", "The parents or carers must be a list of"),
            ((P("Jo"), "Sam"), "The parents or carers must be a list of"),
            ((P(42),), "The parents or carers must be a list of"),
            (
                tuple(P(f"Parent {n}") for n in range(10_000)),
                "A case can list at most 10 parents or carers.",
            ),
        ],
        ids=["text", "text in the list", "a number for a name", "10,000 parents"],
    )
    def test_a_value_that_is_not_parents_is_refused(self, desk, value, message):
        case = desk.create_case(make_case())
        with pytest.raises(errors.InvalidChange) as refused:
            desk.update_case(case.id, {"parents": value})
        assert refused.value.message.startswith(message)
        assert desk.case(case.id).parents == (P("Morwenna Tregothnan", "Mother"),)

    def test_a_new_case_with_text_for_parents_is_refused_plainly(self, desk):
        with pytest.raises(errors.InvalidChange, match="must be a list of"):
            desk.create_case(make_case(parents="Jo Bloggs"))
        assert desk.count() == 0

    def test_a_list_is_kept_as_records(self, desk):
        case = desk.create_case(make_case())
        desk.update_case(case.id, {"parents": [P("Jo Bloggs", "Mother")]})
        assert desk.case(case.id).parents == (P("Jo Bloggs", "Mother"),)
