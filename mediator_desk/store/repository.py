"""Cases in and out of the case file: rows become domain objects and back, one short
transaction per change, the search index and the audit log kept in step in that transaction."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from ..domain.case import (
    EDITABLE_FIELDS,
    Case,
    CaseKind,
    CaseStatus,
    DecisionKind,
    format_reference,
)
from ..domain.dates import date_or_none, iso_or_none
from .errors import InvalidChange, NotFound

Clock = Callable[[], dt.datetime]

_DATE_FIELDS = frozenset({"child_dob", "decision_date", "meeting_date"})
_BOOL_FIELDS = frozenset({"young_person_stated", "section_i_only"})
_ENUM_FIELDS: dict[str, type[CaseKind] | type[CaseStatus] | type[DecisionKind]] = {
    "kind": CaseKind,
    "status": CaseStatus,
    "decision_kind": DecisionKind,
}
# An 'edited' audit entry is not repeated for the same fields within this time.
AUDIT_EDIT_WINDOW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class CaseSummary:
    """One row of the casebook list."""

    id: int
    reference: str
    child_name: str
    child_known_as: str
    kind: CaseKind
    status: CaseStatus
    local_authority: str
    meeting_date: dt.date | None
    updated_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    case_id: int | None
    reference: str
    action: str
    detail: str


def _to_column(name: str, value: Any) -> Any:
    if name in _DATE_FIELDS:
        return iso_or_none(value)
    if name in _BOOL_FIELDS:
        return 1 if value else 0
    if name in _ENUM_FIELDS:
        return value.value if value is not None else None
    return value


def _case_from_row(row: Mapping[str, Any]) -> Case:
    decision = row["decision_kind"]
    return Case(
        id=row["id"],
        reference=row["reference"],
        kind=CaseKind(row["kind"]),
        status=CaseStatus(row["status"]),
        child_name=row["child_name"],
        child_known_as=row["child_known_as"],
        child_dob=date_or_none(row["child_dob"]),
        young_person_stated=bool(row["young_person_stated"]),
        parents=row["parents"],
        local_authority=row["local_authority"],
        decision_kind=DecisionKind(decision) if decision else None,
        decision_date=date_or_none(row["decision_date"]),
        section_i_only=bool(row["section_i_only"]),
        meeting_date=date_or_none(row["meeting_date"]),
        notes=row["notes"],
        created_at=dt.datetime.fromisoformat(row["created_at"]),
        updated_at=dt.datetime.fromisoformat(row["updated_at"]),
    )


def fts_query(text: str) -> str | None:
    """A safe FTS5 query matching every word typed as a prefix: 'ann bro' finds 'Anna Brown'.

    Each word is quoted, so FTS5 operators and punctuation typed by the user are plain text.
    """
    words = [w for w in re.split(r"[^\w]+", text) if w]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


class CaseRepository:
    def __init__(self, db: Database, clock: Clock, actor: str = "") -> None:
        self.db = db
        self.clock = clock
        self.actor = actor

    # -- reading -----------------------------------------------------------------------------
    def get(self, case_id: int) -> Case:
        rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        if not rows:
            raise NotFound(f"There is no case with id {case_id} in this case file.")
        return _case_from_row(rows[0])

    def get_by_reference(self, reference: str) -> Case:
        rows = list(
            self.db.query("SELECT * FROM cases WHERE reference = ?", [reference.strip().upper()])
        )
        if not rows:
            raise NotFound(f"There is no case {reference} in this case file.")
        return _case_from_row(rows[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM cases").fetchone()[0])

    def summaries(self, ids: Iterable[int] | None = None) -> list[CaseSummary]:
        sql = (
            "SELECT id, reference, child_name, child_known_as, kind, status, local_authority, "
            "meeting_date, updated_at FROM cases"
        )
        params: list[Any] = []
        if ids is not None:
            id_list = list(ids)
            sql += " WHERE id IN (SELECT value FROM json_each(?))"
            params.append("[" + ",".join(str(int(i)) for i in id_list) + "]")
        sql += " ORDER BY reference DESC"
        return [
            CaseSummary(
                id=r["id"],
                reference=r["reference"],
                child_name=r["child_name"],
                child_known_as=r["child_known_as"],
                kind=CaseKind(r["kind"]),
                status=CaseStatus(r["status"]),
                local_authority=r["local_authority"],
                meeting_date=date_or_none(r["meeting_date"]),
                updated_at=dt.datetime.fromisoformat(r["updated_at"]),
            )
            for r in self.db.query(sql, params)
        ]

    def search_ids(self, text: str) -> list[int]:
        """Ids of cases whose reference, child, parties or notes match every word typed."""
        query = fts_query(text)
        if query is None:
            return [r[0] for r in self.db.execute("SELECT id FROM cases")]
        return [
            r[0]
            for r in self.db.execute(
                "SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rank", [query]
            )
        ]

    def audit_entries(self, case_id: int | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit"
        params: list[Any] = []
        if case_id is not None:
            sql += " WHERE case_id = ?"
            params.append(case_id)
        sql += " ORDER BY id DESC"
        return [
            AuditEntry(
                at=dt.datetime.fromisoformat(r["at"]),
                actor=r["actor"],
                case_id=r["case_id"],
                reference=r["reference"],
                action=r["action"],
                detail=r["detail"],
            )
            for r in self.db.query(sql, params)
        ]

    # -- writing -----------------------------------------------------------------------------
    def create(self, case: Case) -> Case:
        """Store a new case with the next reference for the current year."""
        now = self.clock()
        with self.db.atomic():
            reference = self._next_reference(now.year)
            row = {name: _to_column(name, getattr(case, name)) for name in EDITABLE_FIELDS}
            row.update(
                reference=reference,
                created_at=now.isoformat(timespec="seconds"),
                updated_at=now.isoformat(timespec="seconds"),
            )
            case_id = int(self.db.table("cases").insert(row).last_pk)  # type: ignore[arg-type]
            self._reindex(case_id)
            self._audit(now, case_id, reference, "created", case.kind.label)
        return self.get(case_id)

    def update(self, case_id: int, changes: Mapping[str, Any]) -> Case:
        """Apply field changes in one transaction; return the case as stored."""
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            raise InvalidChange(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
        now = self.clock()
        with self.db.atomic():
            before = self.get(case_id)
            real = {k: v for k, v in changes.items() if getattr(before, k) != v}
            if not real:
                return before
            row = {name: _to_column(name, value) for name, value in real.items()}
            row["updated_at"] = now.isoformat(timespec="seconds")
            self.db.table("cases").update(case_id, row)
            self._reindex(case_id)
            if "status" in real:
                self._audit(
                    now,
                    case_id,
                    before.reference,
                    "status changed",
                    f"{before.status.label} → {real['status'].label}",
                )
            fields = ", ".join(sorted(set(real) - {"status"}))
            if fields and not self._recently_audited(case_id, "edited", fields, now):
                self._audit(now, case_id, before.reference, "edited", fields)
        return self.get(case_id)

    def record(self, case_id: int | None, action: str, detail: str = "") -> None:
        """Append an audit entry on its own (exports, checks and the like)."""
        now = self.clock()
        reference = self.get(case_id).reference if case_id is not None else ""
        with self.db.atomic():
            self._audit(now, case_id, reference, action, detail)

    # -- internals ---------------------------------------------------------------------------
    def _next_reference(self, year: int) -> str:
        prefix = f"MD-{year:04d}-"
        row = self.db.execute(
            "SELECT max(CAST(substr(reference, 9) AS INTEGER)) FROM cases WHERE reference LIKE ?",
            [prefix + "%"],
        ).fetchone()
        return format_reference(year, (row[0] or 0) + 1)

    def _reindex(self, case_id: int) -> None:
        case = self.get(case_id)
        self.db.execute("DELETE FROM case_search WHERE rowid = ?", [case_id])
        self.db.execute(
            "INSERT INTO case_search (rowid, reference, child, parties, notes) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                case_id,
                case.reference,
                f"{case.child_name} {case.child_known_as}",
                f"{case.parents} {case.local_authority}",
                case.notes,
            ],
        )

    def _audit(
        self, now: dt.datetime, case_id: int | None, reference: str, action: str, detail: str
    ) -> None:
        self.db.table("audit").insert(
            {
                "at": now.isoformat(timespec="seconds"),
                "actor": self.actor,
                "case_id": case_id,
                "reference": reference,
                "action": action,
                "detail": detail,
            }
        )

    def _recently_audited(self, case_id: int, action: str, detail: str, now: dt.datetime) -> bool:
        row = self.db.execute(
            "SELECT at, action, detail FROM audit WHERE case_id = ? ORDER BY id DESC LIMIT 1",
            [case_id],
        ).fetchone()
        if row is None or row[1] != action or row[2] != detail:
            return False
        return now - dt.datetime.fromisoformat(row[0]) < AUDIT_EDIT_WINDOW
