"""Tamper evidence for sealed statements (docs/integrity.md): someone with sqlite3 and an
unencrypted case file changes the sealed record behind the app's back; checking the file, opening
it and exporting the statement must all say so, naming the case."""

from __future__ import annotations

import sqlite3 as plain_sqlite3  # what an outsider would use on an unencrypted file
from pathlib import Path

import pytest

from mediator_desk.domain.statement import content_hash
from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.migrations import SCHEMA_VERSION
from tests.conftest import fixed_clock, fixed_today

SEALED = "MD-2026-0004"  # the demo's sealed statement (Ayaan Qureshi)


@pytest.fixture
def demo_file(casefile_path: Path) -> Path:
    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    return casefile_path


def reopen(path: Path):
    return open_desk(path, today=fixed_today, clock=fixed_clock)


def tamper(path: Path, *statements: str | tuple[str, list], drop_triggers: bool = False) -> None:
    """Change the file with Python's own sqlite3, as an outsider with the file could."""
    conn = plain_sqlite3.connect(path)
    try:
        if drop_triggers:
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
                conn.execute(f'DROP TRIGGER "{name}"')
        for statement in statements:
            sql, params = statement if isinstance(statement, tuple) else (statement, [])
            conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def sealed_case_id(path: Path) -> int:
    conn = plain_sqlite3.connect(path)
    try:
        return conn.execute("SELECT id FROM cases WHERE reference = ?", [SEALED]).fetchone()[0]
    finally:
        conn.close()


def problems_of(path: Path) -> list[str]:
    desk = reopen(path)
    try:
        return desk.check()
    finally:
        desk.close()


def test_a_clean_file_with_the_demo_cases_is_sound(demo_file):
    assert problems_of(demo_file) == []
    assert problems_of(demo_file) == []  # and stays so when opened again


def test_dropped_triggers_are_reported_and_restored(demo_file):
    tamper(demo_file, drop_triggers=True)
    desk = reopen(demo_file)
    try:
        problems = desk.check()
        assert any("protective" in p and "restored" in p for p in problems), problems
        case = desk.case_by_reference(SEALED)
        issue = desk.statement.issues.list(case.id)[0]
        with pytest.raises(errors.CaseFileError):
            desk.statement.issues.update(issue.id, {"title": "Changed after sealing"})
    finally:
        desk.close()


def test_sealed_content_edited_without_its_hash(demo_file):
    case_id = sealed_case_id(demo_file)
    tamper(
        demo_file,
        f"UPDATE seals SET content = replace(content, 'Larchfield', 'Brackenshire') "
        f"WHERE case_id = {case_id}",
        drop_triggers=True,
    )
    problems = problems_of(demo_file)
    assert any(SEALED in p and "SHA-256" in p for p in problems), problems


def test_sealed_content_edited_with_its_hash_recomputed(demo_file):
    case_id = sealed_case_id(demo_file)
    conn = plain_sqlite3.connect(demo_file)
    content = conn.execute("SELECT content FROM seals WHERE case_id = ?", [case_id]).fetchone()[0]
    conn.close()
    forged = content.replace("Larchfield", "Brackenshire")
    digest = content_hash(forged)
    tamper(
        demo_file,
        ("UPDATE seals SET content = ?, sha256 = ? WHERE case_id = ?", [forged, digest, case_id]),
        (
            "UPDATE statement_versions SET content = ?, sha256 = ? WHERE case_id = ?",
            [forged, digest, case_id],
        ),
        ("UPDATE confirmations SET sha256 = ? WHERE case_id = ?", [digest, case_id]),
        drop_triggers=True,
    )
    problems = problems_of(demo_file)
    assert any(SEALED in p for p in problems if "protective" not in p), problems


def test_a_confirmation_by_someone_who_is_no_attendee(demo_file):
    """Needs no trigger dropped: confirmations may be added."""
    case_id = sealed_case_id(demo_file)
    tamper(
        demo_file,
        "INSERT INTO confirmations (case_id, attendee_id, party, version, sha256, how, "
        "confirmed_at) SELECT case_id, 9999, 'Nobody Atall', version, sha256, 'spoken', "
        f"sealed_at FROM seals WHERE case_id = {case_id}",
    )
    problems = problems_of(demo_file)
    assert any(SEALED in p and "Nobody Atall" in p for p in problems), problems
    # The added confirmation is the one missing from the trail, not a genuine one it copies.
    unlogged = [p for p in problems if "is not in the audit trail" in p]
    assert unlogged == [
        f"Case {SEALED}: the confirmation by Nobody Atall is not in the audit trail."
    ]


def test_a_deleted_seal(demo_file):
    case_id = sealed_case_id(demo_file)
    tamper(demo_file, f"DELETE FROM seals WHERE case_id = {case_id}", drop_triggers=True)
    problems = problems_of(demo_file)
    assert any(SEALED in p and "seal" in p.lower() for p in problems), problems


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM audit WHERE id = (SELECT min(id) FROM audit WHERE action = "
        "'statement sealed')",
        "UPDATE audit SET detail = 'nothing to see' WHERE id = 3",
        "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
    ],
    ids=["seal entry deleted", "entry edited", "last entry deleted"],
)
def test_an_altered_audit_trail(demo_file, statement):
    tamper(demo_file, statement, drop_triggers=True)
    problems = [p for p in problems_of(demo_file) if "protective" not in p]
    assert any("audit" in p.lower() for p in problems), problems


def _forge_with_hash(path: Path) -> None:
    """Rewrite the sealed text and recompute every hash that names it, as a careful outsider
    would: only the audit trail and the signature still know better."""
    case_id = sealed_case_id(path)
    conn = plain_sqlite3.connect(path)
    content = conn.execute("SELECT content FROM seals WHERE case_id = ?", [case_id]).fetchone()[0]
    conn.close()
    forged = content.replace("Larchfield", "Brackenshire")
    digest = content_hash(forged)
    tamper(
        path,
        ("UPDATE seals SET content = ?, sha256 = ? WHERE case_id = ?", [forged, digest, case_id]),
        (
            "UPDATE statement_versions SET content = ?, sha256 = ? WHERE case_id = ?",
            [forged, digest, case_id],
        ),
        drop_triggers=True,
    )


def _docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_an_export_of_a_tampered_statement_says_it_failed_verification(demo_file, tmp_path):
    desk = reopen(demo_file)
    try:
        case = desk.case_by_reference(SEALED)
        genuine = _docx_text(desk.documents.export(case, "outcome-statement", "docx", tmp_path))
    finally:
        desk.close()
    assert "Sealed on" in genuine and "failed verification" not in genuine
    _forge_with_hash(demo_file)
    desk = reopen(demo_file)
    out = tmp_path / "after"
    out.mkdir()
    try:
        case = desk.case_by_reference(SEALED)
        text = _docx_text(desk.documents.export(case, "outcome-statement", "docx", out))
        with pytest.raises(errors.CaseFileError) as refusal:
            desk.export_case(SEALED)
    finally:
        desk.close()
    assert "This statement failed verification" in text
    assert "It must not be relied on as the sealed record." in text
    assert "Sealed on" not in text
    assert "failed verification" in refusal.value.message and SEALED in refusal.value.message


def test_a_rewrite_with_every_hash_and_the_chain_recomputed_is_caught_by_the_signature(
    demo_file,
):
    """An outsider who knows the hash chain recomputes all of it; without the key (kept
    outside an unencrypted file) the signatures give it away."""
    from mediator_desk.domain.integrity import GENESIS, audit_entry_hash

    _forge_with_hash(demo_file)
    case_id = sealed_case_id(demo_file)
    conn = plain_sqlite3.connect(demo_file)
    conn.row_factory = plain_sqlite3.Row
    digest = conn.execute("SELECT sha256 FROM seals WHERE case_id = ?", [case_id]).fetchone()[0]
    conn.execute("UPDATE confirmations SET sha256 = ? WHERE case_id = ?", [digest, case_id])
    conn.execute(
        "UPDATE audit SET content_sha256 = ? WHERE case_id = ? AND content_sha256 != ''",
        [digest, case_id],
    )
    previous = GENESIS
    for entry in list(conn.execute("SELECT * FROM audit ORDER BY id")):
        own = audit_entry_hash(previous, dict(entry))
        conn.execute(
            "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", [previous, own, entry["id"]]
        )
        previous = own
    last = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", [f"{last}:{previous}"])
    conn.commit()
    conn.close()
    problems = [p for p in problems_of(demo_file) if "protective" not in p]
    assert any(SEALED in p and "signature" in p for p in problems), problems
    # Opening the file puts its triggers back and says so in the audit trail: the head it
    # found was not the one it signed, so that is recorded before anything is appended.
    assert any(p.startswith("The audit trail was found altered") for p in problems), problems


def test_the_key_of_an_unencrypted_file_lives_outside_it(demo_file):
    from mediator_desk.store.chain import key_folder

    keys = list(key_folder().glob("*.key"))
    assert len(keys) == 1 and keys[0].stat().st_mode & 0o777 == 0o600
    assert keys[0].read_text().strip().encode() not in demo_file.read_bytes()
    conn = plain_sqlite3.connect(demo_file)
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'signing_key'").fetchone()[0] == 0
    conn.close()


def test_without_its_key_the_file_says_signatures_cannot_be_checked(demo_file):
    from mediator_desk.store.chain import key_folder

    for key in key_folder().glob("*.key"):
        key.unlink()  # as on another computer
    desk = reopen(demo_file)
    try:
        assert desk.check() == []
        assert any("not on this computer" in note for note in desk.check_notes)
    finally:
        desk.close()


def test_an_encrypted_file_keeps_its_key_inside(tmp_path):
    from mediator_desk.store.chain import key_folder

    path = tmp_path / "locked.mdesk"
    desk = open_desk(path, today=fixed_today, clock=fixed_clock, passphrase="correct horse 42")
    try:
        desk.load_demo_cases()
        assert desk.check() == [] and desk.check_notes == []
    finally:
        desk.close()
    assert not key_folder().exists() or not list(key_folder().glob("*.key"))


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_every_released_version_upgrades_to_a_sound_chained_file(tmp_path, version):
    """The upgrade to v8 adopts what the file holds: entries chained, seals and confirmations
    signed, so an old file (the v5 one holds a sealed statement) checks sound."""
    path = tmp_path / f"casefile-v{version}.mdesk"
    path.write_bytes((FIXTURES / path.name).read_bytes())
    desk = reopen(path)
    try:
        assert desk.check() == []
        case = desk.case_by_reference("MD-2026-0001")
        seal = desk.statement.seal_of(case.id)
        if 5 <= version < 8:
            assert seal is not None and desk.statement.verify(case) == []
            assert desk.check_notes == []  # signed here, at the upgrade, with this computer's key
    finally:
        desk.close()
    if 5 <= version < 8:  # and a change after the upgrade is caught
        tamper(path, "UPDATE seals SET sealed_by = 'someone else'", drop_triggers=True)
        assert any("MD-2026-0001" in p and "signature" in p for p in problems_of(path))


def test_an_attendee_deleted_after_confirming_a_draft_is_not_tampering(desk):
    """Someone added by mistake confirms a draft and is removed before sealing: the sealed
    record still verifies."""
    from mediator_desk.domain.preparation import Attendee, Role
    from mediator_desk.domain.statement import ConfirmedHow, Issue
    from tests.conftest import TODAY, make_case

    case = desk.create_case(make_case(meeting_date=TODAY))
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    mistaken = desk.attendees.add(case.id, Attendee("Jory Polglase", Role.PARENT_CARER))
    desk.statement.set_presence(case.id, parent.id, {"present": True})
    desk.statement.issues.add(case.id, Issue("Section F", "- Weekly therapy"))
    desk.statement.confirm(case, mistaken.id, ConfirmedHow.SPOKEN)
    desk.statement.issues.add(case.id, Issue("Section I", "- Larchfield Academy"))
    desk.attendees.delete(mistaken.id)
    desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN)
    desk.statement.seal(case)
    assert desk.statement.verify(case) == []
    assert desk.check() == []


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE confirmations SET how = 'bogus'",
        "UPDATE attendees SET role = 'wizard'",
        "UPDATE seals SET sealed_at = 'yesterday'",
        "UPDATE audit SET detail = X'00ff' WHERE action = 'statement sealed'",
    ],
    ids=["confirmation how", "attendee role", "seal time", "audit detail as bytes"],
)
def test_values_the_app_never_writes_are_reported_not_a_traceback(demo_file, statement):
    tamper(demo_file, statement, drop_triggers=True)
    problems = [p for p in problems_of(demo_file) if "protective" not in p]
    assert any(SEALED in p for p in problems), problems


def test_a_trigger_replaced_by_one_that_does_nothing_is_put_back(demo_file):
    tamper(
        demo_file,
        "DROP TRIGGER seals_update_refused",
        "CREATE TRIGGER seals_update_refused BEFORE UPDATE ON seals BEGIN SELECT 1; END",
    )
    desk = reopen(demo_file)
    try:
        problems = desk.check()
        assert any("missing or altered" in p and "seals_update_refused" in p for p in problems)
        with pytest.raises(errors.CaseFileError), errors.plain_english_errors(demo_file):
            desk.casefile.db.execute("UPDATE seals SET sealed_by = 'someone else'")
    finally:
        desk.close()


def test_a_large_file_is_checked_as_it_opens_in_a_process_of_its_own(demo_file, monkeypatch):
    """The check as a file opens is seconds of Python at 50,000 cases; on a worker thread in
    the window's process it held the interpreter's lock, and the window stalled for up to
    0.2 s at a time as it opened. From CHECK_APART_FROM cases it runs in a process of its
    own: broken here, in this process, the check still finds the tampering, from there."""
    from mediator_desk.services import session

    tamper(demo_file, f"DELETE FROM seals WHERE case_id = {sealed_case_id(demo_file)}",
           drop_triggers=True)  # fmt: skip
    desk = open_desk(demo_file, today=fixed_today, clock=fixed_clock, check_now=False)
    try:
        monkeypatch.setattr(session, "CHECK_APART_FROM", 1)
        monkeypatch.setattr(
            session, "verify_integrity", lambda *_a: pytest.fail("checked in this process")
        )
        desk.verify_on_open()
    finally:
        desk.close()
    assert desk.opening_report is not None
    assert (
        f"Case {SEALED}: the audit trail records a seal that is no longer in the file."
        in desk.opening_report.problems
    )


def test_a_small_file_is_checked_as_it_opens_in_this_process(demo_file, monkeypatch):
    """A process of its own takes a few tenths of a second to start: not worth it for a
    casebook checked in a few milliseconds."""
    from mediator_desk.services import session

    checked: list[int] = []
    real = session.verify_integrity
    monkeypatch.setattr(session, "verify_integrity", lambda db: checked.append(1) or real(db))
    desk = open_desk(demo_file, today=fixed_today, clock=fixed_clock, check_now=False)
    try:
        desk.verify_on_open()
    finally:
        desk.close()
    assert checked == [1] and desk.opening_report is not None and desk.opening_report.sound


def test_closing_a_large_file_stops_its_check_at_once(demo_file, monkeypatch):
    """Quitting straight after opening a file of 50,000 cases waited eight seconds for the
    check to finish (and the file stayed locked meanwhile). Closing the file stops it."""
    import time

    from mediator_desk.services import session

    monkeypatch.setattr(session, "CHECK_APART_FROM", 1)
    monkeypatch.setattr(session, "verify_file", slow_verify_file)
    desk = open_desk(demo_file, today=fixed_today, clock=fixed_clock, check_now=False)
    worker, ended = aside(desk.verify_on_open)
    deadline = time.monotonic() + 30
    while desk.checking_apart is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process = desk.checking_apart
    assert process is not None and process.is_alive()
    desk.close()
    worker.join(10)
    assert not worker.is_alive() and not process.is_alive()
    assert [str(e) for e in ended] == ["The check of the case file stopped: it was closed."]


def aside(check):
    """Run `check` on a thread of its own; the list says how it ended: None, or the
    CaseFileError it raised."""
    import threading

    ended: list[BaseException | None] = []

    def run() -> None:
        try:
            check()
            ended.append(None)
        except errors.CaseFileError as stopped:
            ended.append(stopped)

    worker = threading.Thread(target=run)
    worker.start()
    return worker, ended


def slow_verify_file(path, passphrase):  # in the check's own process: a check that takes long
    import time

    time.sleep(60)


def test_closing_a_file_interrupts_its_structure_check(demo_file, monkeypatch):
    """The structure check reads the whole file (seconds at 50,000 cases); quitting straight
    after opening waited for it, the file locked meanwhile. Closing interrupts it, and it is
    not taken for damage."""
    import threading

    from mediator_desk.store import casefile

    desk = open_desk(demo_file, today=fixed_today, clock=fixed_clock, check_now=False)
    reading = threading.Event()
    closed = threading.Event()
    real_connect = casefile._connect_read_only

    def connect(path, passphrase=None):
        conn = real_connect(path, passphrase)
        # a check that takes long: it waits, inside SQLite, until the file is closed
        conn.create_function("held", 0, lambda: reading.set() or (closed.wait(10) and 0))
        return _Slow(conn)

    monkeypatch.setattr(casefile, "_connect_read_only", connect)
    worker, ended = aside(desk.verify)
    assert reading.wait(10)
    desk.close()
    closed.set()
    worker.join(10)
    assert not worker.is_alive()
    assert [type(e) for e in ended] == [errors.CaseFileError]
    assert str(ended[0]) == "The check of the case file stopped: it was closed."


class _Slow:
    """A connection whose quick_check first waits in SQLite (see above)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql.startswith("PRAGMA quick_check"):
            self._conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                "FROM n WHERE held()) SELECT count(*) FROM n"
            ).fetchone()
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)
