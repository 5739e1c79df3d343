"""A released migration step is never edited (DESIGN.md section 4): old case files have already
run it, so an edited step would make new files differ from upgraded ones. Each released
version's frozen case file (tests/store/fixtures/casefile-vN.mdesk, saved by that version)
holds the schema its steps made; running today's first N steps on an empty database must make
exactly that schema: every table, column, default, constraint, index, trigger and view, word
for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from mediator_desk.store.migrations import SCHEMA_VERSION, STEPS
from mediator_desk.store.sqlite import dbapi as sqlite3

FIXTURES = Path(__file__).parent / "fixtures"


def schema(conn: object) -> list[tuple[str, str, str, str]]:
    """Every object in sqlite_master, its SQL with runs of white space made one space."""
    rows = conn.execute(  # type: ignore[attr-defined]
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    return [(t, n, table, re.sub(r"\s+", " ", sql or "").strip()) for t, n, table, sql in rows]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_the_first_steps_make_exactly_the_schema_that_version_released(version, tmp_path):
    # A copy: reading a write-ahead-log file leaves files beside it, never in the fixtures.
    copy = tmp_path / f"casefile-v{version}.mdesk"
    copy.write_bytes((FIXTURES / copy.name).read_bytes())
    frozen_conn = sqlite3.connect(str(copy))
    try:
        frozen = schema(frozen_conn)
        assert frozen_conn.execute("PRAGMA user_version").fetchone()[0] == version
    finally:
        frozen_conn.close()
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False, recursive_triggers=False)
        for step in STEPS[:version]:
            step(db)
        made = schema(conn)
    finally:
        conn.close()
    assert [row[:3] for row in made] == [row[:3] for row in frozen]
    for now, then in zip(made, frozen, strict=True):
        assert now == then, f"{now[0]} {now[1]} differs from version {version}'s"


def test_every_released_version_has_its_frozen_case_file():
    assert sorted(p.name for p in FIXTURES.glob("casefile-v*.mdesk")) == sorted(
        f"casefile-v{n}.mdesk" for n in range(1, SCHEMA_VERSION + 1)
    )
