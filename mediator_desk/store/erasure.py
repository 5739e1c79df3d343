"""Erasing a case after its retention period: every row about it goes, the freed pages are
overwritten (secure_delete) and the file is compacted (VACUUM), so none of its text is left in
the case file. The audit log keeps only that an erasure happened.

The guards that stop sealed statements and the audit log changing are lifted for this one
transaction and put back exactly as they were before it commits; the audit trail's hash chain
is linked again over the removed entries and its head signed (docs/integrity.md)."""

from __future__ import annotations

import datetime as dt

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
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return [
        row[0]
        for row in cases.db.execute(
            "SELECT id FROM cases WHERE status = 'closed' AND closed_on IS NOT NULL "
            "AND closed_on <= ? ORDER BY closed_on",
            [cutoff.isoformat()],
        )
    ]


def erase_case(cases: CaseRepository, case_id: int, *, due: bool) -> str:
    """Remove a closed case and everything about it; return its reference. `due`: whether its
    retention period has ended, which the audit trail says (or that it had not): the caller
    states it every time, so the trail never claims it by default."""
    db = cases.db
    case = cases.get(case_id)
    if case.status.value != "closed":
        raise InvalidChange("Only a closed case can be erased: close it first.")
    db.execute("PRAGMA secure_delete = ON")
    triggers = [
        (name, sql)
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            f"({', '.join('?' for _ in GUARDED)})",
            list(GUARDED),
        )
    ]
    with db.atomic():
        for name, _sql in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
        for table in CASE_TABLES:
            db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
        first = db.execute("SELECT min(id) FROM audit WHERE case_id = ?", [case_id]).fetchone()
        db.execute("DELETE FROM audit WHERE case_id = ?", [case_id])
        if first[0] is not None:  # the chain is linked again over the gap, and signed
            rechain(db, cases.signer, int(first[0]) - 1)
        db.execute("DELETE FROM case_search WHERE rowid = ?", [case_id])
        db.execute("DELETE FROM cases WHERE id = ?", [case_id])
        for _name, sql in triggers:
            db.execute(sql)
        reason = "retention period ended" if due else "erased before its retention period ended"
        cases._audit(cases.clock(), None, case.reference, "case erased", reason)
    # Rewrite the search index and the file so no freed page keeps the case's text.
    with db.atomic():
        db.execute("INSERT INTO case_search (case_search) VALUES ('rebuild')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return case.reference
