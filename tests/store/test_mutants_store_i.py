"""Rules of the case file's store that a fresh mutation sample of store/ (seed 7 of `dev.py
mutate store`, docs/testing.md) found no test for. Each test was checked against its mutant
by putting the change into the code by hand. Every person is fictional."""

from __future__ import annotations

import sqlite3 as plain_sqlite3

import pytest

from mediator_desk.domain.statement import Issue
from mediator_desk.store import recovery
from mediator_desk.store.migrations import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import sha256_of
from tests.store.test_integrity import (  # noqa: F401 - demo_file is a fixture
    FIXTURES,
    SEALED,
    demo_file,
    problems_of,
    reopen,
    sealed_case_id,
    tamper,
)
from tests.store.test_recovery import cut_checkpoint, sidecar
from tests.store.test_statement_store import SPOKEN, meeting  # noqa: F401 - a fixture


# -- statement.py ----------------------------------------------------------------------------
def test_the_last_confirmed_version_counts_up_from_none(desk, meeting):  # noqa: F811
    """The meeting tab says which version was last confirmed: none before anyone confirms,
    then the version each new text gets as it is confirmed."""
    case, parent, la, issue = meeting
    statement = desk.statement
    assert statement.latest_version(case) == 0
    statement.confirm(case, parent.id, SPOKEN)
    assert statement.latest_version(case) == 1
    statement.issues.update(issue.id, {"discussion": "- Weekly sessions\n- Review in June"})
    assert statement.latest_version(case) == 1  # an edit alone makes no version
    statement.confirm(case, la.id, SPOKEN)
    assert statement.latest_version(case) == 2


def test_the_last_issue_cannot_move_further_down(desk, meeting):  # noqa: F811
    case, *_ = meeting
    last = desk.statement.issues.add(case.id, Issue("Placement"))
    desk.statement.move_issue(last.id, +1)  # already last: nothing happens
    assert [i.title for i in desk.statement.issues.list(case.id)] == [
        "Speech and language therapy in Section F",
        "Placement",
    ]


def test_presence_recorded_twice_is_one_record_with_both_changes(desk, meeting):  # noqa: F811
    """Arrival at the start and leaving at the end are two changes to one person's presence,
    never two records (the meeting's record lists each person once)."""
    case, parent, *_ = meeting
    desk.statement.set_presence(case.id, parent.id, {"left": "11:40"})
    mine = [p for p in desk.statement.presence(case.id) if p.attendee_id == parent.id]
    assert [(p.present, p.arrived, p.left) for p in mine] == [(True, "10:00", "11:40")]


# -- integrity.py ----------------------------------------------------------------------------
def test_a_seal_whose_sealing_was_taken_out_of_the_trail_is_named(demo_file):  # noqa: F811
    """The audit trail must record the sealing of the very text sealed (docs/integrity.md);
    an outsider who turns that entry into another leaves a seal with no record."""
    case_id = sealed_case_id(demo_file)
    tamper(
        demo_file,
        "UPDATE audit SET action = 'statement noted' "
        f"WHERE case_id = {case_id} AND action = 'statement sealed'",
        drop_triggers=True,
    )
    problems = problems_of(demo_file)
    assert f"Case {SEALED}: the audit trail has no record of sealing this text." in problems


# -- recovery.py -----------------------------------------------------------------------------
def test_a_file_and_its_log_are_read_read_only_without_a_byte_changing(casefile_path):
    """The way a file another copy is writing is judged (and the fallback when there is no
    room for a private copy): SQLite reads the file with its log through a read-only
    connection, and neither changes."""
    cut_checkpoint(casefile_path, None, 1)
    before = sha256_of(casefile_path), sha256_of(sidecar(casefile_path, "-wal"))
    found = recovery.with_log_read_only(casefile_path, None, True)
    assert (found.application_id, found.user_version, found.integrity) == (
        APPLICATION_ID,
        SCHEMA_VERSION,
        "ok",
    )
    assert {"cases", "audit", "seals"} <= found.tables
    assert (sha256_of(casefile_path), sha256_of(sidecar(casefile_path, "-wal"))) == before


# -- migrations.py ---------------------------------------------------------------------------
@pytest.mark.parametrize("version", [5, 6, 7])
def test_an_upgrade_to_tamper_evidence_adopts_the_trail_s_own_entries(tmp_path, version):
    """Each released file from before schema 8 holds a statement sealed at version 1: its
    sealing and its confirmations are in the trail already, so the upgrade gives those entries
    their content hash (read from their own words) and adds none "recorded when the case file
    was upgraded"."""
    path = tmp_path / f"casefile-v{version}.mdesk"
    path.write_bytes((FIXTURES / path.name).read_bytes())
    marked = "SELECT action, detail FROM audit WHERE action IN ('statement confirmed', "
    marked += "'statement sealed') ORDER BY id"
    conn = plain_sqlite3.connect(path)
    try:
        (sealed,) = conn.execute("SELECT sha256 FROM seals").fetchone()
        before = conn.execute(marked).fetchall()
    finally:
        conn.close()
    assert [a for a, _ in before].count("statement confirmed") >= 1
    assert f"version 1, SHA-256 {sealed}" in [d for _, d in before]
    reopen(path).close()
    conn = plain_sqlite3.connect(path)
    try:
        after = conn.execute(marked.replace("SELECT action, detail", "SELECT *")).fetchall()
        columns = [c[0] for c in conn.execute("SELECT * FROM audit").description]
    finally:
        conn.close()
    rows = [dict(zip(columns, row, strict=True)) for row in after]
    assert [(r["action"], r["detail"], r["content_sha256"]) for r in rows] == [
        (action, detail, sealed) for action, detail in before
    ]
