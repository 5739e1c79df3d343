"""Cases in and out of the case file: rows become domain objects and back, one short
transaction per change, the search index and the audit log kept in step in that transaction."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlite_utils import Database

from ..domain.case import (
    BOOL_FIELDS,
    DATE_FIELDS,
    EDITABLE_FIELDS,
    Case,
    CaseKind,
    CaseStatus,
    DecisionKind,
    format_reference,
)
from ..domain.case_timeline import AgreedAction
from ..domain.dates import date_or_none, iso_or_none
from .chain import Signer, append_audit
from .derived import DerivedData
from .errors import InvalidChange, NotFound
from .records import case_from_row as _case_from_row
from .records import encode_changes, from_row, id_array, parents_to_json, to_row

Now = Callable[[], dt.datetime]

_ENUM_FIELDS: dict[str, type[CaseKind] | type[CaseStatus] | type[DecisionKind]] = {
    "kind": CaseKind,
    "status": CaseStatus,
    "decision_kind": DecisionKind,
}
# An 'edited' audit entry is not repeated for the same fields within this time.
AUDIT_EDIT_WINDOW = dt.timedelta(minutes=15)
# Every status but closed, for SQL: `status IN (...)` is found through the index of statuses.
OPEN_STATUSES = ", ".join(f"'{s.value}'" for s in CaseStatus if s is not CaseStatus.CLOSED)


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
    next_due: dt.date | None = None
    next_due_what: str = ""


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    case_id: int | None
    reference: str
    action: str
    detail: str


def _to_column(name: str, value: Any) -> Any:
    if name in DATE_FIELDS:
        return iso_or_none(value)
    if name in BOOL_FIELDS:
        return 1 if value else 0
    if name in _ENUM_FIELDS:
        return value.value if value is not None else None
    if name == "parents":
        return parents_to_json(value)
    return value


class CasebookOrder(Enum):
    """The casebook's columns a mediator can sort by."""

    REFERENCE = "reference"
    CHILD = "child"
    KIND = "kind"
    STATUS = "status"
    NEXT = "next"


def _rank(column: str, members: Iterable[CaseKind] | Iterable[CaseStatus]) -> str:
    return (
        f"CASE {column} "
        + " ".join(f"WHEN '{m.value}' THEN {n}" for n, m in enumerate(members))
        + " END"
    )


# The next date shown in the casebook: the earlier of an open case's next deadline and a
# meeting still to come (today is the query's first parameter); undated cases sort last.
_NEXT_DATE = """CASE
    WHEN status != 'closed' AND next_due IS NOT NULL
         AND (meeting_date IS NULL OR meeting_date < today.day OR next_due <= meeting_date)
        THEN next_due
    WHEN meeting_date >= today.day THEN meeting_date
    ELSE '9999' END"""
_ORDER_FROM = {order: "" for order in CasebookOrder} | {
    CasebookOrder.NEXT: ", (SELECT ? AS day) AS today"
}
# The orders that need no ranking; `_order_by` builds the two that do.
_PLAIN_ORDER = {
    CasebookOrder.REFERENCE: "reference",
    CasebookOrder.CHILD: "child_name COLLATE NOCASE",
    CasebookOrder.NEXT: _NEXT_DATE,
}


def _order_by(order: CasebookOrder) -> str:
    """What the casebook sorts by. The two ranked orders are built for each query (a few
    dozen characters), so the code that ranks them runs when the list is sorted."""
    if order is CasebookOrder.KIND:
        return _rank("kind", sorted(CaseKind, key=lambda k: k.short_label))
    if order is CasebookOrder.STATUS:
        return _rank("status", CaseStatus)  # the pipeline's order
    return _PLAIN_ORDER[order]


def fts_query(text: str) -> str | None:
    """A safe FTS5 query matching every word typed as a prefix: 'ann bro' finds 'Anna Brown'.

    Punctuation typed by the user only separates words, and each word is quoted, so FTS5's
    operators are plain text too. A word holds only letters, digits and underscores, so no
    quote inside one needs escaping.
    """
    words = [w for w in re.split(r"[^\w]+", text) if w]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


class CaseRepository(DerivedData):
    def __init__(self, db: Database, clock: Now, actor: str = "") -> None:
        self.db = db
        self.clock = clock
        self.actor = actor
        self.signer = Signer(db)
        # Cases whose derived data was recomputed (so: changed) since the dashboard last asked.
        self.reindexed: set[int] = set()

    # -- reading -----------------------------------------------------------------------------
    def get(self, case_id: int) -> Case:
        rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        if not rows:
            raise NotFound(f"There is no case with id {case_id} in this case file.")
        return _case_from_row(rows[0])

    def get_by_reference(self, reference: str) -> Case:
        wanted = reference.strip().upper()
        rows = list(self.db.query("SELECT * FROM cases WHERE reference = ?", [wanted]))
        if not rows:
            raise NotFound(f"There is no case {wanted} in this case file.")
        return _case_from_row(rows[0])

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM cases").fetchone()[0])

    def many(self, ids: Iterable[int] | None = None) -> list[Case]:
        """Whole cases in one query: those with `ids`, in that order; else every case, newest
        reference first (the casebook's own order)."""
        if ids is None:
            rows = self.db.query("SELECT * FROM cases ORDER BY reference DESC")
            return [_case_from_row(row) for row in rows]
        rows = self.db.query(
            "SELECT cases.* FROM json_each(?) AS wanted JOIN cases ON cases.id = wanted.value "
            "ORDER BY wanted.key",
            [id_array(ids)],
        )
        return [_case_from_row(row) for row in rows]

    def all(self) -> list[Case]:
        """Every case, oldest first (for reports over the whole casebook)."""
        return [_case_from_row(row) for row in self.db.query("SELECT * FROM cases ORDER BY id")]

    def summaries(self, ids: Iterable[int] | None = None) -> list[CaseSummary]:
        sql = (
            "SELECT id, reference, child_name, child_known_as, kind, status, local_authority, "
            "meeting_date, updated_at, next_due, next_due_what FROM cases"
        )
        params: list[Any] = []
        if ids is not None:
            sql += " WHERE id IN (SELECT value FROM json_each(?))"
            params.append(id_array(ids))
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
                next_due=date_or_none(r["next_due"]),
                next_due_what=r["next_due_what"] or "",
            )
            for r in self.db.query(sql, params)
        ]

    def case_ids(
        self,
        search: str = "",
        order: CasebookOrder = CasebookOrder.REFERENCE,
        descending: bool = True,
        today: dt.date | None = None,
    ) -> list[int]:
        """Ids of the cases matching every word of `search` (all of them when it is blank), in
        the casebook's order. Only ids: the list is cheap for ten thousand cases, and rows are
        read a page at a time as they are shown (see `summaries`)."""
        direction = "DESC" if descending else "ASC"
        params: list[Any] = []
        if order is CasebookOrder.NEXT:
            params.append((today or self.clock().date()).isoformat())
        sql = f"SELECT id FROM cases{_ORDER_FROM[order]}"
        query = fts_query(search)
        if query is not None:
            sql += " WHERE id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)"
            params.append(query)
        # Ties (two cases with the same status, say) keep the newest reference first.
        sql += f" ORDER BY {_order_by(order)} {direction}, reference DESC"
        # One row holding every id: fetched row by row, each of 50,000 rows waited for the
        # interpreter's lock while a worker thread counted a report (0.4 s a keystroke).
        row = self.db.execute(f"SELECT json_group_array(id) FROM ({sql})", params).fetchone()
        ids: list[int] = json.loads(row[0])
        return ids

    def search_matches(self, search: str) -> set[int] | None:
        """Ids of the cases matching every word of `search`, in one query and in no order (the
        casebook places them in its own); None when `search` has no words."""
        query = fts_query(search)
        if query is None:
            return None
        row = self.db.execute(
            "SELECT json_group_array(rowid) FROM case_search WHERE case_search MATCH ?", [query]
        ).fetchone()
        return set(json.loads(row[0]))

    def open_case_ids_due_by(self, last_day: dt.date) -> list[int]:
        """Open cases with a deadline still to meet on or before `last_day` (overdue too).
        Found through the index of statuses: most of a long casebook is closed cases, each
        keeping its last due date, and the index of due dates would read them all."""
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT id FROM cases WHERE status IN ({OPEN_STATUSES}) AND next_due <= ?",
                [last_day.isoformat()],
            )
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
            if "status" in real:  # when a case closes starts its retention period
                closed = real["status"] is CaseStatus.CLOSED
                row["closed_on"] = now.date().isoformat() if closed else None
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

    def record(self, case_id: int | None, action: str, detail: str) -> None:
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

    def _audit(
        self,
        now: dt.datetime,
        case_id: int | None,
        reference: str,
        action: str,
        detail: str,
        content_sha256: str = "",
    ) -> None:
        """Append an entry to the chained audit trail (a seal or confirmation entry carries
        the hash of the text it is about)."""
        append_audit(
            self.db,
            self.signer,
            {
                "at": now.isoformat(timespec="seconds"),
                "actor": self.actor,
                "case_id": case_id,
                "reference": reference,
                "action": action,
                "detail": detail,
                "content_sha256": content_sha256,
            },
        )

    def _recently_audited(self, case_id: int, action: str, detail: str, now: dt.datetime) -> bool:
        row = self.db.execute(
            "SELECT at, action, detail, actor FROM audit WHERE case_id = ? "
            "ORDER BY id DESC LIMIT 1",
            [case_id],
        ).fetchone()
        if row is None or (row[1], row[2], row[3]) != (action, detail, self.actor):
            return False  # another kind of entry, other fields, or someone else's
        return now - dt.datetime.fromisoformat(row[0]) < AUDIT_EDIT_WINDOW

    # -- agreed actions ----------------------------------------------------------------------
    def actions(self, case_id: int) -> list[AgreedAction]:
        rows = self.db.query(
            "SELECT * FROM agreed_actions WHERE case_id = ? ORDER BY position, id", [case_id]
        )
        return [from_row(AgreedAction, row) for row in rows]

    def _action(self, action_id: int) -> AgreedAction:
        rows = list(self.db.query("SELECT * FROM agreed_actions WHERE id = ?", [action_id]))
        if not rows:
            raise NotFound("That agreed action no longer exists.")
        return from_row(AgreedAction, rows[0])

    def add_action(self, case_id: int, action: AgreedAction) -> AgreedAction:
        now = self.clock()
        with self.db.atomic():
            case = self.get(case_id)
            position = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM agreed_actions WHERE case_id = ?",
                [case_id],
            ).fetchone()[0]
            row = to_row(action) | {  # its case and place are these, whatever it held
                "case_id": case_id,
                "position": position,
                "created_at": now.isoformat(timespec="seconds"),
            }
            action_id = int(self.db.table("agreed_actions").insert(row).last_pk)  # type: ignore[arg-type]
            self._reindex(case_id)
            self._audit(now, case_id, case.reference, "agreed action added", action.description)
        return self._action(action_id)

    def update_action(self, action_id: int, changes: Mapping[str, Any]) -> AgreedAction:
        allowed = {
            "description",
            "owner",
            "clock",
            "due_override",
            "override_reason",
            "done_on",
            "issue_id",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidChange(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
        with self.db.atomic():
            case_id = self.action_case(action_id)
            # Only the columns that change, so the seal's guards see no unrelated edit.
            self.db.table("agreed_actions").update(action_id, encode_changes(AgreedAction, changes))
            self._reindex(case_id)
        return self._action(action_id)

    def delete_action(self, action_id: int) -> None:
        now = self.clock()
        with self.db.atomic():
            case_id = self.action_case(action_id)
            action = next(a for a in self.actions(case_id) if a.id == action_id)
            self.db.execute("DELETE FROM agreed_actions WHERE id = ?", [action_id])
            self._reindex(case_id)
            self._audit(
                now,
                case_id,
                self.get(case_id).reference,
                "agreed action removed",
                action.description,
            )

    def action_case(self, action_id: int) -> int:
        """The case an agreed action belongs to (NotFound when it is gone)."""
        row = self.db.execute(
            "SELECT case_id FROM agreed_actions WHERE id = ?", [action_id]
        ).fetchone()
        if row is None:
            raise NotFound("That agreed action no longer exists.")
        return int(row[0])

    # -- the calendar and file settings ------------------------------------------------------
    def setting(self, key: str, default: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])
