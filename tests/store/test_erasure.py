"""Retention and erasure: after the retention period a closed case can be erased so that none
of its data is left in the case file; the audit log keeps only that it happened."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue
from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.erasure import GUARDED, erase_cases
from tests.conftest import make_case, picture

SECRET_NAME = "Zebedee Quillfeather"
SECRET_NOTE = "Unmistakable-private-detail-4417"
PNG = picture(note="QUILLPIXEL" * 300)


def sealed_case(desk, tmp_path, name):
    case = desk.create_case(
        make_case(child_name=name, notes=SECRET_NOTE, meeting_date=dt.date(2026, 11, 20))
    )
    parent = desk.attendees.add(case.id, Attendee(f"{name} Senior", Role.PARENT_CARER))
    desk.statement.set_presence(case.id, parent.id, {"present": True})
    desk.statement.issues.add(case.id, Issue("Placement", f"- {SECRET_NOTE}"))
    desk.statement.confirm(desk.case(case.id), parent.id, ConfirmedHow.IN_WRITING)  # real today
    desk.statement.seal(desk.case(case.id))
    picture = tmp_path / "p.png"
    picture.write_bytes(PNG)
    desk.attach_file(case.id, picture)
    return desk.case(case.id)


def file_bytes(path):
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_only_closed_cases_past_retention_are_due(desk):
    open_case = desk.create_case(make_case())
    closed = desk.create_case(make_case(child_name="Closed"))
    desk.update_case(closed.id, {"status": CaseStatus.CLOSED})
    assert desk.cases_due_for_erasure() == []  # closed today
    desk.today = lambda: dt.date(2032, 11, 24)  # six years and a day later
    assert [c.id for c in desk.cases_due_for_erasure()] == [closed.id]
    with pytest.raises(errors.InvalidChange) as refused:
        desk.erase_case(open_case.id)
    assert str(refused.value) == "Only a closed case can be erased: close it first."
    assert desk.case(open_case.id).child_name == open_case.child_name  # nothing went


def test_the_trail_says_why_a_case_was_erased(desk):
    """The audit trail tells the truth about an erasure: "retention period ended" only for a
    case whose retention period has ended; a closed case erased before then says so."""
    early = desk.create_case(make_case(child_name="Early Child"))
    desk.update_case(early.id, {"status": CaseStatus.CLOSED})
    desk.erase_case(early.id)
    assert (desk.history()[0].action, desk.history()[0].detail) == (
        "case erased", "erased before its retention period ended"
    )  # fmt: skip
    due = desk.create_case(make_case(child_name="Due Child"))
    desk.update_case(due.id, {"status": CaseStatus.CLOSED})
    desk.today = lambda: dt.date(2032, 11, 24)  # six years and a day later
    desk.erase_case(due.id)
    assert (desk.history()[0].action, desk.history()[0].detail) == (
        "case erased", "retention period ended"
    )  # fmt: skip


def test_erasure_leaves_no_trace_but_the_fact(casefile_path, tmp_path):
    desk = open_desk(casefile_path)
    keep = sealed_case(desk, tmp_path, "Kept Child")
    gone = sealed_case(desk, tmp_path, SECRET_NAME)
    desk.update_case(gone.id, {"status": CaseStatus.CLOSED})
    assert SECRET_NAME.encode() in file_bytes(casefile_path)
    reference = desk.erase_case(gone.id)
    data = file_bytes(casefile_path)
    for secret in (SECRET_NAME, f"{SECRET_NAME} Senior"):
        assert secret.encode() not in data and secret.encode("utf-16-le") not in data
    assert desk.count() == 1
    history = desk.history()
    assert history[0].action == "case erased" and history[0].reference == reference
    assert all(entry.case_id != gone.id for entry in history)
    # The kept case's seal is still guarded, and the log is still append-only.
    kept_seal = desk.statement.seal_of(keep.id)
    assert desk.statement.seal_verifies(kept_seal)
    with pytest.raises(errors.SealedStatement):
        desk.statement.issues.add(keep.id, Issue("Late addition"))
    from mediator_desk.store.sqlite import dbapi as sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        desk.casefile.db.execute("DELETE FROM audit")
    desk.casefile.db.conn.rollback()
    assert desk.check() == []
    desk.close()


def test_the_audit_chain_holds_when_the_erased_case_shared_the_log_with_another(desk):
    """The erased case's entries are taken out of the middle of the audit log, between another
    case's: the chain is linked again from the entry just before the first one removed, so the
    other case's entry right after it links to what is left (docs/integrity.md)."""
    gone = desk.create_case(make_case(child_name="Gone Child"))
    kept = desk.create_case(make_case(child_name="Kept Child"))
    desk.update_case(gone.id, {"status": CaseStatus.CLOSED})
    audit = desk.casefile.db.execute("SELECT id, case_id FROM audit ORDER BY id")
    log = [tuple(row) for row in audit]
    first_gone = min(i for i, case_id in log if case_id == gone.id)
    assert (first_gone + 1, kept.id) in log  # the other case's entry sits right after it
    desk.erase_case(gone.id)
    assert desk.check() == []
    rows = desk.casefile.db.execute("SELECT prev_hash, hash FROM audit ORDER BY id").fetchall()
    assert all(after[0] == before[1] for before, after in itertools.pairwise(rows))


def test_retention_period_setting(desk):
    assert desk.retention_years() == 6
    desk.set_retention_years(10)
    assert desk.retention_years() == 10
    with pytest.raises(errors.InvalidChange):
        desk.set_retention_years(0)


def closed_cases(desk, count):
    made = []
    for n in range(count):
        case = desk.create_case(make_case(child_name=f"Erased Child {n}", notes=SECRET_NOTE))
        desk.update_case(case.id, {"status": CaseStatus.CLOSED})
        made.append(desk.case(case.id))
    return made


def test_many_cases_are_erased_in_batches_each_compacted_once(desk):
    """Erasing thousands of cases one at a time rebuilt the search index and rewrote the
    whole file per case (444 ms each at 10,000 cases). In batches, each batch is one
    transaction, one relinking of the audit chain, one index rebuild and one VACUUM."""
    kept = desk.create_case(make_case(child_name="Kept Child"))
    gone = closed_cases(desk, 5)
    statements: list[str] = []
    desk.casefile.db.conn.set_trace_callback(statements.append)
    seen: list[tuple[int, int]] = []
    erased = erase_cases(
        desk.casefile.cases, [c.id for c in gone], due={gone[0].id}, batch=2,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    desk.casefile.db.conn.set_trace_callback(None)
    assert erased == [c.reference for c in gone]
    assert statements.count("VACUUM") == 3  # batches of 2, 2 and 1
    assert (
        sum(s == "INSERT INTO case_search (case_search) VALUES ('rebuild')" for s in statements)
        == 3
    )
    assert sum(s.startswith("DROP TRIGGER") for s in statements) == 3 * len(
        desk.casefile.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            f"({', '.join('?' for _ in GUARDED)})",
            list(GUARDED),
        ).fetchall()
    )
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert [c.id for c in desk.list_cases()] == [kept.id]
    trail = [(e.reference, e.detail) for e in desk.history() if e.action == "case erased"]
    assert trail == [
        (c.reference, "erased before its retention period ended") for c in gone[:0:-1]
    ] + [(gone[0].reference, "retention period ended")]
    assert desk.check() == []
    assert SECRET_NOTE.encode() not in file_bytes(desk.path)


def test_a_stopped_erasure_ends_after_the_case_in_hand_and_leaves_no_trace_of_it(desk):
    """Cancel is honoured after the case being erased: what was erased so far is committed,
    relinked, re-indexed and compacted; the rest are untouched."""
    gone = closed_cases(desk, 4)
    stop = {"now": False}

    def progress(done: int, _total: int) -> None:
        stop["now"] = done == 3

    erased = erase_cases(
        desk.casefile.cases, [c.id for c in gone], due=set(), batch=10,
        progress=progress, cancelled=lambda: stop["now"],
    )  # fmt: skip
    assert erased == [c.reference for c in gone[:3]]
    assert [c.id for c in desk.list_cases()] == [gone[3].id]
    assert desk.check() == []
    for case in gone[:3]:
        assert case.child_name.encode() not in file_bytes(desk.path)


def test_an_open_case_in_a_batch_stops_it_before_anything_is_erased(desk):
    gone = closed_cases(desk, 2)
    reopened = desk.create_case(make_case(child_name="Open Child"))
    with pytest.raises(errors.InvalidChange) as refused:
        erase_cases(desk.casefile.cases, [gone[0].id, reopened.id, gone[1].id], due=set())
    assert str(refused.value) == "Only a closed case can be erased: close it first."
    assert len(desk.list_cases()) == 3  # the batch was rolled back whole


def test_the_desk_erases_through_a_connection_of_its_own(desk):
    """So that the window can erase on a worker thread while its own connection stays on the
    GUI thread; the window's connection then sees every case gone."""
    gone = closed_cases(desk, 3)
    desk.today = lambda: dt.date(2032, 11, 24)  # six years and a day later
    kept = desk.create_case(make_case(child_name="Kept Child"))
    seen = []
    refused = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)
        try:  # the window's connection, meanwhile: refused at once, saying why
            desk.update_case(kept.id, {"notes": "Rang the school."})
        except errors.StorageProblem as refusal:
            refused.append(refusal.message)

    result = desk.erase_cases([c.id for c in gone], progress=progress)
    assert result.erased == [c.reference for c in gone] and not result.stopped
    assert seen == [1, 2, 3]
    assert (
        refused
        == ["Mediator Desk is erasing closed cases; changes can be saved once it has finished."] * 3
    )
    desk.update_case(kept.id, {"notes": "Rang the school."})
    assert [c.id for c in desk.list_cases()] == [kept.id]
    assert [e.detail for e in desk.history() if e.action == "case erased"] == [
        "retention period ended"
    ] * 3
    assert desk.check() == []
