"""Which pictures appear in the child's one-page profile is chosen per picture and kept in the
case file (schema v9), survives an upgrade, and goes through the exchange format."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mediator_desk.services import open_desk
from mediator_desk.store.casefile import open_casefile
from mediator_desk.store.errors import CaseFileError
from mediator_desk.store.migrations import SCHEMA_VERSION
from tests.conftest import fixed_clock, fixed_today, make_case, picture

FIXTURES = Path(__file__).parent / "fixtures"


def add(desk, case_id, tmp_path, name, data, caption=""):
    source = tmp_path / name
    source.write_bytes(data)
    return desk.attach_file(case_id, source, caption)


def test_a_picture_is_not_in_the_profile_until_chosen(desk, tmp_path):
    case = desk.create_case(make_case())
    drawing = add(desk, case.id, tmp_path, "drawing.png", picture(), "My house")
    assert drawing.in_profile is False
    desk.set_attachment_in_profile(drawing.id, True)
    assert [a.in_profile for a in desk.attachments(case.id)] == [True]
    desk.set_attachment_in_profile(drawing.id, False)
    assert [a.in_profile for a in desk.attachments(case.id)] == [False]


def test_the_choice_is_kept_in_the_case_file(casefile_path, tmp_path):
    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    case = desk.create_case(make_case())
    drawing = add(desk, case.id, tmp_path, "drawing.png", picture())
    desk.set_attachment_in_profile(drawing.id, True)
    desk.close()
    again = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    try:
        assert again.attachments(case.id)[0].in_profile is True
    finally:
        again.close()


def test_a_scan_in_pdf_cannot_be_put_in_the_profile(desk, tmp_path):
    case = desk.create_case(make_case())
    scan = add(desk, case.id, tmp_path, "letter.pdf", b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(CaseFileError, match="Only pictures"):
        desk.set_attachment_in_profile(scan.id, True)
    assert desk.attachments(case.id)[0].in_profile is False


def test_schema_v9_adds_the_column_and_v8_files_upgrade(tmp_path):
    path = tmp_path / "casefile-v8.mdesk"
    path.write_bytes((FIXTURES / path.name).read_bytes())
    with open_casefile(path) as casefile:
        assert casefile.schema_version == SCHEMA_VERSION and casefile.migrated_from == 8
    conn = sqlite3.connect(path)
    try:
        columns = {row[1]: row for row in conn.execute("PRAGMA table_info(attachments)")}
        assert columns["in_profile"][2] == "INTEGER" and columns["in_profile"][4] == "0"
    finally:
        conn.close()


def test_the_choice_goes_through_the_exchange_format(desk, tmp_path):
    case = desk.create_case(make_case())
    chosen = add(desk, case.id, tmp_path, "drawing.png", picture(), "My house")
    add(desk, case.id, tmp_path, "other.png", picture((20, 20)), "Not this one")
    desk.set_attachment_in_profile(chosen.id, True)
    text = desk.export_case(case.reference)
    assert [a["in_profile"] for a in json.loads(text)["attachments"]] == [True, False]
    exchange_file = tmp_path / "case.json"
    exchange_file.write_text(text, encoding="utf-8")
    imported, _notes = desk.import_case(exchange_file)
    kept = desk.attachments(imported.id)
    assert [(a.caption, a.in_profile) for a in kept] == [
        ("My house", True),
        ("Not this one", False),
    ]


def test_an_older_exchange_file_without_the_field_still_imports(desk, tmp_path):
    case = desk.create_case(make_case())
    add(desk, case.id, tmp_path, "drawing.png", picture())
    data = json.loads(desk.export_case(case.reference))
    for attachment in data["attachments"]:
        del attachment["in_profile"]
    exchange_file = tmp_path / "older.json"
    exchange_file.write_text(json.dumps(data), encoding="utf-8")
    imported, _notes = desk.import_case(exchange_file)
    assert [a.in_profile for a in desk.attachments(imported.id)] == [False]


def test_the_frozen_v9_file_keeps_its_chosen_picture(tmp_path):
    path = tmp_path / "casefile-v9.mdesk"
    path.write_bytes((FIXTURES / path.name).read_bytes())
    with open_casefile(path) as casefile:
        from mediator_desk.store.preparation import PreparationRepository

        case = casefile.cases.get_by_reference("MD-2026-0001")
        kept = PreparationRepository(casefile.cases).attachments(case.id)
        assert [(a.filename, a.caption, a.in_profile) for a in kept] == [
            ("drawing.png", "My house", True)
        ]


def test_an_exchange_file_putting_a_pdf_in_the_profile_is_refused(desk, tmp_path):
    case = desk.create_case(make_case())
    add(desk, case.id, tmp_path, "letter.pdf", b"%PDF-1.4\n%%EOF\n")
    data = json.loads(desk.export_case(case.reference))
    data["attachments"][0]["in_profile"] = True
    exchange_file = tmp_path / "hostile.json"
    exchange_file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"attachments\[0\].*only a picture"):
        desk.import_case(exchange_file)
    assert len(desk.list_cases()) == 1  # nothing was added
