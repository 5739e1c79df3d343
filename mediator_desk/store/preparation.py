"""Attendees, contacts, proposed dates, arrangements, the child's views and attachments: each a
short transaction that keeps the case's search text and next dates in step."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from ..domain.preparation import (
    Arrangements,
    Attachment,
    Attendee,
    ChildViews,
    ContactEntry,
    ProposedDate,
    attachment_type,
    check_attachment,
)
from .errors import InvalidChange, NotFound
from .records import encode_changes, from_row, to_row
from .repository import CaseRepository

R = TypeVar("R")


class CaseRecords(Generic[R]):
    """A table of records that belong to a case (attendees, contacts, proposed dates)."""

    def __init__(
        self, cases: CaseRepository, table: str, cls: type[R], order: str, label: str
    ) -> None:
        self.cases = cases
        self.db = cases.db
        self.table = table
        self.cls = cls
        self.order = order
        self.label = label  # for the audit log: 'attendee', 'contact', ...

    def list(self, case_id: int) -> list[R]:
        rows = self.db.query(
            f"SELECT * FROM {self.table} WHERE case_id = ? ORDER BY {self.order}", [case_id]
        )
        return [from_row(self.cls, row) for row in rows]

    def by_case(self, column: str = "", values: Sequence[str] = ()) -> dict[int, builtins.list[R]]:
        """Every case's records at once (for reports over the whole casebook); with `column`,
        only those whose column holds one of `values`."""
        found: dict[int, builtins.list[R]] = {}
        where, params = "", list(values)
        if column:
            if column not in {f.name for f in dataclasses.fields(self.cls)}:  # type: ignore[arg-type]
                raise ValueError(f"{self.table} has no column {column!r}")
            where = f" WHERE {column} IN ({', '.join('?' for _ in params)})"
        sql = f"SELECT * FROM {self.table}{where} ORDER BY case_id, {self.order}"
        for row in self.db.query(sql, params):
            found.setdefault(int(row["case_id"]), []).append(from_row(self.cls, row))
        return found

    def get(self, record_id: int) -> R:
        rows = list(self.db.query(f"SELECT * FROM {self.table} WHERE id = ?", [record_id]))
        if not rows:
            raise NotFound(f"That {self.label} no longer exists.")
        return from_row(self.cls, rows[0])

    def add(self, case_id: int, record: R, describe: str = "") -> R:
        now = self.cases.clock()
        with self.db.atomic():
            case = self.cases.get(case_id)
            row = to_row(record, skip=("id", "case_id")) | {"case_id": case_id}
            if "position" in row:
                row["position"] = self.db.execute(
                    f"SELECT coalesce(max(position), -1) + 1 FROM {self.table} WHERE case_id = ?",
                    [case_id],
                ).fetchone()[0]
            record_id = int(self.db.table(self.table).insert(row).last_pk)  # type: ignore[arg-type]
            self.cases._reindex(case_id)
            self.cases._audit(now, case_id, case.reference, f"{self.label} added", describe)
        return self.get(record_id)

    def update(self, record_id: int, changes: Mapping[str, Any]) -> R:
        if {"id", "case_id"} & set(changes):
            raise InvalidChange("A record's identity cannot be changed.")
        try:
            row = encode_changes(self.cls, changes)
        except KeyError as unknown:
            raise InvalidChange(f"These fields cannot be changed: {unknown.args[0]}.") from None
        with self.db.atomic():
            case_id = self._case_of(record_id)
            self.db.table(self.table).update(record_id, row)
            self.cases._reindex(case_id)
        return self.get(record_id)

    def delete(self, record_id: int, describe: str = "") -> None:
        now = self.cases.clock()
        with self.db.atomic():
            case_id = self._case_of(record_id)
            self.db.execute(f"DELETE FROM {self.table} WHERE id = ?", [record_id])
            self.cases._reindex(case_id)
            reference = self.cases.get(case_id).reference
            self.cases._audit(now, case_id, reference, f"{self.label} removed", describe)

    def _case_of(self, record_id: int) -> int:
        row = self.db.execute(
            f"SELECT case_id FROM {self.table} WHERE id = ?", [record_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"That {self.label} no longer exists.")
        return int(row[0])


class OneRecord(Generic[R]):
    """A record a case has exactly one of (arrangements, the child's views)."""

    def __init__(self, cases: CaseRepository, table: str, cls: type[R]) -> None:
        self.cases = cases
        self.db = cases.db
        self.table = table
        self.cls = cls

    def by_case(self) -> dict[int, R]:
        """Every case's record at once (cases without one are left out)."""
        return {
            int(row["case_id"]): from_row(self.cls, row)
            for row in self.db.query(f"SELECT * FROM {self.table}")
        }

    def get(self, case_id: int) -> R:
        rows = list(self.db.query(f"SELECT * FROM {self.table} WHERE case_id = ?", [case_id]))
        return from_row(self.cls, rows[0]) if rows else self.cls(case_id=case_id)  # type: ignore[call-arg]

    def update(self, case_id: int, changes: Mapping[str, Any]) -> R:
        try:
            row = encode_changes(self.cls, changes)
        except KeyError as unknown:
            raise InvalidChange(f"These fields cannot be changed: {unknown.args[0]}.") from None
        with self.db.atomic():
            self.cases.get(case_id)  # the case must exist
            exists = self.db.execute(
                f"SELECT 1 FROM {self.table} WHERE case_id = ?", [case_id]
            ).fetchone()
            if exists:  # only the columns that changed, so guards on the others stay quiet
                self.db.table(self.table).update(case_id, row)
            else:
                current = to_row(self.get(case_id), skip=())
                self.db.table(self.table).insert(current | row | {"case_id": case_id})
            self.cases._reindex(case_id)
        return self.get(case_id)


class PreparationRepository:
    def __init__(self, cases: CaseRepository) -> None:
        self.cases = cases
        self.db = cases.db
        self.attendees = CaseRecords(cases, "attendees", Attendee, "position, id", "attendee")
        self.contacts = CaseRecords(cases, "contacts", ContactEntry, '"when", id', "contact")
        self.proposed_dates = CaseRecords(
            cases, "proposed_dates", ProposedDate, "day, id", "proposed date"
        )
        self.arrangements = OneRecord(cases, "arrangements", Arrangements)
        self.child_views = OneRecord(cases, "child_views", ChildViews)

    # -- attachments: the bytes are read only when asked for ---------------------------------
    def attachments(self, case_id: int) -> list[Attachment]:
        rows = self.db.query(
            "SELECT id, case_id, filename, mime, size, caption, added_at, in_profile "
            "FROM attachments "
            "WHERE case_id = ? ORDER BY id",
            [case_id],
        )
        return [from_row(Attachment, row) for row in rows]

    def attachment_data(self, attachment_id: int) -> bytes:
        row = self.db.execute(
            "SELECT data FROM attachments WHERE id = ?", [attachment_id]
        ).fetchone()
        if row is None:
            raise NotFound("That attachment no longer exists.")
        return bytes(row[0])

    def add_attachment(
        self, case_id: int, filename: str, data: bytes, caption: str = ""
    ) -> Attachment:
        problem = check_attachment(filename, data)
        if problem:
            raise InvalidChange(problem)
        now = self.cases.clock()
        with self.db.atomic():
            case = self.cases.get(case_id)
            attachment_id = int(
                self.db.table("attachments")
                .insert(
                    {
                        "case_id": case_id,
                        "filename": filename,
                        "mime": attachment_type(data),
                        "size": len(data),
                        "caption": caption,
                        "added_at": now.isoformat(timespec="seconds"),
                        "data": data,
                    }
                )
                .last_pk  # type: ignore[arg-type]
            )
            self.cases._audit(now, case_id, case.reference, "attachment added", filename)
        return next(a for a in self.attachments(case_id) if a.id == attachment_id)

    def attachment_case(self, attachment_id: int) -> int:
        """The case an attachment belongs to (NotFound when it is gone)."""
        row = self.db.execute(
            "SELECT case_id FROM attachments WHERE id = ?", [attachment_id]
        ).fetchone()
        if row is None:
            raise NotFound("That attachment no longer exists.")
        return int(row[0])

    def update_attachment_caption(self, attachment_id: int, caption: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE attachments SET caption = ? WHERE id = ?", [caption, attachment_id]
            )

    def update_attachment_in_profile(self, attachment_id: int, in_profile: bool) -> None:
        """Only a picture may be shown in the profile (InvalidChange for a scan in PDF)."""
        with self.db.atomic():
            row = self.db.execute(
                "SELECT mime, filename FROM attachments WHERE id = ?", [attachment_id]
            ).fetchone()
            if row is None:
                raise NotFound("That attachment no longer exists.")
            if in_profile and not str(row[0]).startswith("image/"):
                raise InvalidChange(
                    f"Only pictures can be shown in the profile; {row[1]} is a PDF scan."
                )
            self.db.execute(
                "UPDATE attachments SET in_profile = ? WHERE id = ?",
                [int(in_profile), attachment_id],
            )

    def delete_attachment(self, attachment_id: int) -> None:
        now = self.cases.clock()
        with self.db.atomic():
            row = self.db.execute(
                "SELECT case_id, filename FROM attachments WHERE id = ?", [attachment_id]
            ).fetchone()
            if row is None:
                raise NotFound("That attachment no longer exists.")
            self.db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])
            reference = self.cases.get(row[0]).reference
            self.cases._audit(now, row[0], reference, "attachment removed", row[1])
