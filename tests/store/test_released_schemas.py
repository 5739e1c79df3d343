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


def test_every_foreign_key_is_indexed(tmp_path):
    """Deleting a row checks every table that refers to it; without an index on the referring
    column that check reads the whole table. Unindexed, erasing a case past retention spent
    6 ms per case scanning contacts and presence for its attendees at 10,000 cases, and
    removing an attendee or an issue scanned them too."""
    conn = sqlite3.connect(str(tmp_path / "schema.mdesk"))
    try:
        database = Database(conn)
        for step in STEPS:
            step(database)
        unindexed = []
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            leading = {
                conn.execute(f"PRAGMA index_info('{index[1]}')").fetchone()[2]
                for index in conn.execute(f"PRAGMA index_list('{table}')")
            }
            leading |= {c[1] for c in conn.execute(f"PRAGMA table_info('{table}')") if c[5] == 1}
            for key in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
                if key[3] not in leading:
                    unindexed.append(f"{table}.{key[3]}")
        assert unindexed == []
    finally:
        conn.close()
