"""The signing key of an unencrypted case file (docs/integrity.md): rules of store/chain.py the
mutation run (docs/testing.md) found no test for."""

from __future__ import annotations

import re
import shutil
import sqlite3 as plain_sqlite3  # what an outsider would use on an unencrypted file
import stat

from mediator_desk.domain.statement import ConfirmedHow
from mediator_desk.services import open_desk
from mediator_desk.store.chain import FOUND_ALTERED, key_folder
from tests.conftest import fixed_clock, fixed_today
from tests.store.test_statement_store import meeting  # noqa: F401 - the case ready to confirm


def test_the_signing_key_is_readable_by_the_user_alone(desk, meeting):  # noqa: F811
    """An unencrypted file never holds its key: the key lives in the user's data folder, in a
    folder and a file only the user can open, so no one else on the computer can sign a
    forged seal."""
    case, parent, *_ = meeting
    desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN)
    keys = list(key_folder().glob("*.key"))
    assert len(keys) == 1
    assert stat.S_IMODE(key_folder().stat().st_mode) == 0o700
    assert stat.S_IMODE(keys[0].stat().st_mode) == 0o600
    assert [p.name for p in key_folder().iterdir()] == [keys[0].name]  # no temporary file left


def test_a_statement_can_be_sealed_on_a_computer_without_the_files_key(
    desk,
    meeting,  # noqa: F811
    casefile_path,
):
    """A case file copied to another computer arrives without its key; sealing there makes a
    key for this computer and signs with it, so the seal verifies (docs/integrity.md)."""
    case, parent, la, _ = meeting
    desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN)
    desk.statement.confirm(case, la.id, ConfirmedHow.SPOKEN)
    desk.close()
    shutil.rmtree(key_folder())
    elsewhere = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    try:
        seal = elsewhere.statement.seal(elsewhere.case(case.id))
        assert elsewhere.statement.seal_verifies(seal)
        assert len(list(key_folder().glob("*.key"))) == 1
    finally:
        elsewhere.close()


def test_an_end_cut_off_the_audit_trail_is_written_into_it_before_anything_else(casefile_path):
    """If the audit trail no longer ends where the app signed it, the next entry is preceded
    by one that says so, in words and with no content hash, so signing the new head can never
    hide the cut (docs/integrity.md)."""
    from tests.store.test_integrity import tamper

    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    tamper(
        casefile_path,
        "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
        drop_triggers=True,
    )
    reopened = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    try:
        reopened.check()
    finally:
        reopened.close()
    conn = plain_sqlite3.connect(casefile_path)
    try:
        rows = conn.execute(
            "SELECT action, content_sha256, detail FROM audit WHERE action = ?", [FOUND_ALTERED]
        ).fetchall()
    finally:
        conn.close()
    assert rows == [
        (
            FOUND_ALTERED,
            "",
            "The audit trail did not end where Mediator Desk left it: its last entries were "
            "removed or changed outside Mediator Desk.",
        )
    ]


def test_the_audit_trail_is_numbered_from_one_without_gaps(casefile_path):
    """Entries are numbered 1, 2, 3... so a gap can only mean an entry was removed; an entry
    about no content carries an empty content hash, any other the SHA-256 of what it is about
    (docs/integrity.md)."""
    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    conn = plain_sqlite3.connect(casefile_path)
    try:
        rows = conn.execute("SELECT id, content_sha256 FROM audit ORDER BY id").fetchall()
    finally:
        conn.close()
    assert [entry_id for entry_id, _ in rows] == list(range(1, len(rows) + 1))
    hashes = [digest for _, digest in rows]
    assert "" in hashes
    assert all(digest == "" or re.fullmatch("[0-9a-f]{64}", digest) for digest in hashes)
