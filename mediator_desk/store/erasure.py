"""Erasing a case after its retention period: every row about it goes, the freed pages are
overwritten (secure_delete) and the file is compacted (VACUUM), so none of its text is left in
the case file. The audit log keeps only that an erasure happened.

The guards that stop sealed statements and the audit log changing are lifted for this one
transaction and put back exactly as they were before it commits; the audit trail's hash chain
is linked again over the removed entries and its head signed (docs/integrity.md)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Sequence

from sqlite_utils import Database

from .chain import rechain
from .errors import InvalidChange
from .repository import CaseRepository

# Tables holding a case's rows, children first.
CASE_TABLES = (
    "confirmations", "seals", "statement_versions", "addenda", "presence", "agreed_actions",
    "statement_issues", "meeting_records", "document_log", "circulated", "attachments",
    "child_views", "arrangements", "proposed_dates", "contacts", "attendees",
)  # fmt: skip
GUARDED = ("confirmations", "seals", "statement_versions", "addenda", "presence",
           "statement_issues", "meeting_records", "agreed_actions", "audit")  # fmt: skip


def closed_cases_due(cases: CaseRepository, today: dt.date, years: int) -> list[int]:
    """Closed cases whose retention period has ended."""
    return [row[0] for row in closed_cases_listed(cases, today, years)]


def closed_cases_listed(
    cases: CaseRepository, today: dt.date, years: int
) -> list[tuple[int, str, str, str, str]]:
    """The same, oldest closed first, as (id, reference, child's name, name known by, closed
    on): enough to list them for the mediator in one query, however many there are."""
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    # One row holding them all: tens of thousands of rows fetched one by one took 0.15 s.
    row = cases.db.execute(
        "SELECT json_group_array(json_array(id, reference, child_name, child_known_as, "
        "closed_on)) FROM (SELECT * FROM cases WHERE status = 'closed' AND closed_on IS NOT "
        "NULL AND closed_on <= ? ORDER BY closed_on)",
        [cutoff.isoformat()],
    ).fetchone()
    return [tuple(listed) for listed in json.loads(row[0])]


BATCH = 500  # cases erased in one transaction, then re-indexed and compacted once
MOST_BATCHES = 10  # ... or more a batch, so that there are no more batches than this


def erase_case(cases: CaseRepository, case_id: int, *, due: bool) -> str:
    """Remove a closed case and everything about it; return its reference. `due`: whether its
    retention period has ended, which the audit trail says (or that it had not): the caller
    states it every time, so the trail never claims it by default."""
    return erase_cases(cases, [case_id], due={case_id} if due else set())[0]


def erase_cases(
    cases: CaseRepository,
    case_ids: Sequence[int],
    *,
    due: Collection[int],
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[str]:
    """Erase closed cases, `batch` at a time: each batch is one transaction (all of it or none),
    one relinking of the audit chain, one rebuild of the search index and one VACUUM, so that
    erasing thousands costs a few rewrites of the file rather than one per case. `due`: the
    cases whose retention period has ended (the audit trail says which). `progress(done,
    total)` is called after each case; once `cancelled()` is true the erasure ends after the
    case in hand, its batch committed and compacted. Returns the references erased."""
    db = cases.db
    db.execute("PRAGMA secure_delete = ON")
    triggers = [
        (name, sql)
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            f"({', '.join('?' for _ in GUARDED)})",
            list(GUARDED),
        )
    ]
    erased: list[str] = []
    total = len(case_ids)
    # Each batch relinks the audit chain after its first gap and rewrites the file: tens of
    # thousands of cases due go in about ten batches, not a hundred.
    batch = max(batch, -(-total // MOST_BATCHES))
    while len(erased) < total:
        stop = False
        with db.atomic():
            for name, _sql in triggers:
                db.execute(f'DROP TRIGGER "{name}"')
            gap: int | None = None
            trail: list[tuple[str, str]] = []
            for case_id in case_ids[len(erased) : len(erased) + batch]:
                reference, first = _remove(cases, case_id)
                gap = first if gap is None else gap if first is None else min(gap, first)
                erased.append(reference)
                trail.append((reference, "retention period ended" if case_id in due else
                              "erased before its retention period ended"))  # fmt: skip
                if progress is not None:
                    progress(len(erased), total)
                if cancelled is not None and cancelled():
                    stop = True
                    break
            if gap is not None:  # the chain is linked again over the gaps, and signed
                rechain(db, cases.signer, gap - 1)
            for reference, reason in trail:  # once the chain ends where it is signed again
                cases._audit(cases.clock(), None, reference, "case erased", reason)
            for _name, sql in triggers:
                db.execute(sql)
        _compact(db)
        if stop:
            break
    return erased


def _remove(cases: CaseRepository, case_id: int) -> tuple[str, int | None]:
    """Delete one closed case's rows (the guards already lifted); its reference, and the id of
    its first audit entry (None if it had none)."""
    db = cases.db
    case = cases.get(case_id)
    if case.status.value != "closed":
        raise InvalidChange("Only a closed case can be erased: close it first.")
    for table in CASE_TABLES:
        db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
    first = db.execute("SELECT min(id) FROM audit WHERE case_id = ?", [case_id]).fetchone()[0]
    db.execute("DELETE FROM audit WHERE case_id = ?", [case_id])
    db.execute("DELETE FROM case_search WHERE rowid = ?", [case_id])
    db.execute("DELETE FROM cases WHERE id = ?", [case_id])
    return case.reference, None if first is None else int(first)


def _compact(db: Database) -> None:
    """Rewrite the search index and the file so no freed page keeps an erased case's text."""
    with db.atomic():
        db.execute("INSERT INTO case_search (case_search) VALUES ('rebuild')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
