"""The outcome statement in the case file: the draft, its confirmed versions, the seal and
addenda. What is sealed is guarded by triggers (migrations._v4_statement) as well as here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..domain.statement import (
    Addendum,
    Confirmation,
    ConfirmedHow,
    Issue,
    MeetingRecord,
    Presence,
    Seal,
)
from .chain import confirmation_signature, seal_signature
from .errors import InvalidChange, NotFound
from .preparation import CaseRecords, OneRecord
from .records import encode_changes, from_row
from .repository import CaseRepository


class StatementRepository:
    def __init__(self, cases: CaseRepository) -> None:
        self.cases = cases
        self.db = cases.db
        self.issues = CaseRecords(cases, "statement_issues", Issue, "position, id", "issue")
        self.record = OneRecord(cases, "meeting_records", MeetingRecord)

    # -- the draft ---------------------------------------------------------------------------
    def move_issue(self, issue_id: int, step: int) -> None:
        """Move an issue up (-1) or down (+1) the agenda."""
        with self.db.atomic():
            case_id = self.issues._case_of(issue_id)
            order = [i.id for i in self.issues.list(case_id)]
            index = order.index(issue_id)
            target = index + step
            if not 0 <= target < len(order):
                return
            order[index], order[target] = order[target], order[index]
            for position, other in enumerate(order):
                self.db.execute(
                    "UPDATE statement_issues SET position = ? WHERE id = ?", [position, other]
                )

    def presence(self, case_id: int) -> list[Presence]:
        rows = self.db.query("SELECT * FROM presence WHERE case_id = ?", [case_id])
        return [from_row(Presence, row) for row in rows]

    def set_presence(self, case_id: int, attendee_id: int, changes: Mapping[str, Any]) -> None:
        row = encode_changes(Presence, changes)
        with self.db.atomic():  # upserted on the table's primary key, (case_id, attendee_id)
            self.db.table("presence").upsert({"case_id": case_id, "attendee_id": attendee_id} | row)

    # -- versions and confirmations ----------------------------------------------------------
    def _version_for(self, case_id: int, content: str, sha256: str) -> int:
        """The version number of this exact content, recording it if it is new."""
        latest = self.db.execute(
            "SELECT version, sha256 FROM statement_versions WHERE case_id = ? "
            "ORDER BY version DESC LIMIT 1",
            [case_id],
        ).fetchone()
        if latest is not None and latest[1] == sha256:
            return int(latest[0])
        version = (int(latest[0]) if latest else 0) + 1
        self.db.table("statement_versions").insert(
            {
                "case_id": case_id,
                "version": version,
                "sha256": sha256,
                "content": content,
                "created_at": self.cases.clock().isoformat(timespec="seconds"),
            }
        )
        return version

    def versions(self, case_id: int) -> list[tuple[int, str, str, dt.datetime]]:
        """Every recorded version (each text a party confirmed, and the sealed one), oldest
        first: (version, SHA-256, canonical text, when it was first recorded)."""
        rows = self.db.execute(
            "SELECT version, sha256, content, created_at FROM statement_versions "
            "WHERE case_id = ? ORDER BY version",
            [case_id],
        ).fetchall()
        return [(int(v), str(h), str(c), dt.datetime.fromisoformat(str(t))) for v, h, c, t in rows]

    def version_content(self, case_id: int, sha256: str) -> str | None:
        """The canonical text of the version with this hash, as it was confirmed or sealed."""
        row = self.db.execute(
            "SELECT content FROM statement_versions WHERE case_id = ? AND sha256 = ? "
            "ORDER BY version DESC LIMIT 1",
            [case_id, sha256],
        ).fetchone()
        return str(row[0]) if row else None

    def latest_version(self, case_id: int) -> int:
        row = self.db.execute(
            "SELECT max(version) FROM statement_versions WHERE case_id = ?", [case_id]
        ).fetchone()
        return int(row[0] or 0)

    def confirm(
        self,
        case_id: int,
        attendee_id: int,
        party: str,
        how: ConfirmedHow,
        content: str,
        sha256: str,
        addendum_id: int | None = None,
        confirmed_at: dt.datetime | None = None,
    ) -> Confirmation:
        """`confirmed_at` is when a confirmation in writing was given, where that was before
        today; the audit trail still records when it was entered."""
        now = self.cases.clock()
        with self.db.atomic():
            case = self.cases.get(case_id)
            version = 0 if addendum_id else self._version_for(case_id, content, sha256)
            row: dict[str, Any] = {
                "case_id": case_id,
                "attendee_id": attendee_id,
                "party": party,
                "version": version,
                "sha256": sha256,
                "how": how.value,
                "confirmed_at": (confirmed_at or now).isoformat(timespec="seconds"),
                "addendum_id": addendum_id,
            }
            row["signature"] = confirmation_signature(self.cases.signer, case_id, row)
            confirmation_id = int(
                self.db.table("confirmations").insert(row).last_pk  # type: ignore[arg-type]
            )
            what = f"addendum {addendum_id}" if addendum_id else f"version {version}"
            self.cases._audit(
                now, case_id, case.reference, "statement confirmed",
                f"{party}: {what} ({how.label.lower()}), SHA-256 {sha256[:12]}…", sha256,
            )  # fmt: skip
        return next(c for c in self.confirmations(case_id) if c.id == confirmation_id)

    def confirmations(self, case_id: int) -> list[Confirmation]:
        rows = self.db.query("SELECT * FROM confirmations WHERE case_id = ? ORDER BY id", [case_id])
        return [from_row(Confirmation, row) for row in rows]

    # -- the seal ----------------------------------------------------------------------------
    def seal(self, case_id: int, content: str, sha256: str, sealed_by: str) -> Seal:
        now = self.cases.clock()
        with self.db.atomic():
            case = self.cases.get(case_id)
            if self.seal_of(case_id) is not None:
                raise InvalidChange("The outcome statement is already sealed.")
            version = self._version_for(case_id, content, sha256)
            row: dict[str, Any] = {
                "case_id": case_id,
                "version": version,
                "sha256": sha256,
                "content": content,
                "sealed_at": now.isoformat(timespec="seconds"),
                "sealed_by": sealed_by,
            }
            row["signature"] = seal_signature(self.cases.signer, case_id, row)
            self.db.table("seals").insert(row)
            self.cases._audit(
                now, case_id, case.reference, "statement sealed",
                f"version {version}, SHA-256 {sha256}", sha256,
            )  # fmt: skip
        seal = self.seal_of(case_id)
        assert seal is not None
        return seal

    def seal_of(self, case_id: int) -> Seal | None:
        rows = list(self.db.query("SELECT * FROM seals WHERE case_id = ?", [case_id]))
        return from_row(Seal, rows[0]) if rows else None

    # -- addenda -----------------------------------------------------------------------------
    def addenda(self, case_id: int) -> list[Addendum]:
        rows = self.db.query("SELECT * FROM addenda WHERE case_id = ? ORDER BY id", [case_id])
        return [from_row(Addendum, row) for row in rows]

    def addendum(self, addendum_id: int) -> Addendum:
        rows = list(self.db.query("SELECT * FROM addenda WHERE id = ?", [addendum_id]))
        if not rows:
            raise NotFound("That addendum no longer exists.")
        return from_row(Addendum, rows[0])

    def add_addendum(self, case_id: int, reason: str) -> Addendum:
        now = self.cases.clock()
        with self.db.atomic():
            case = self.cases.get(case_id)
            if self.seal_of(case_id) is None:
                raise InvalidChange("Addenda follow a sealed statement; edit the draft instead.")
            addendum_id = int(
                self.db.table("addenda")
                .insert(
                    {
                        "case_id": case_id,
                        "reason": reason,
                        "created_at": now.isoformat(timespec="seconds"),
                    }
                )
                .last_pk  # type: ignore[arg-type]
            )
            self.cases._audit(now, case_id, case.reference, "addendum started", reason)
        return self.addendum(addendum_id)

    def update_addendum(self, addendum_id: int, changes: Mapping[str, Any]) -> Addendum:
        if set(changes) - {"reason", "text"}:
            raise InvalidChange("Only an addendum's reason and text can be edited.")
        with self.db.atomic():
            self.db.table("addenda").update(addendum_id, encode_changes(Addendum, changes))
        return self.addendum(addendum_id)

    def seal_addendum(self, addendum_id: int, sha256: str) -> Addendum:
        now = self.cases.clock()
        with self.db.atomic():
            addendum = self.addendum(addendum_id)
            self.db.execute(
                "UPDATE addenda SET sha256 = ?, sealed_at = ? WHERE id = ?",
                [sha256, now.isoformat(timespec="seconds"), addendum_id],
            )
            case = self.cases.get(addendum.case_id or 0)
            self.cases._audit(
                now, case.id, case.reference, "addendum sealed", f"SHA-256 {sha256}", sha256
            )
        return self.addendum(addendum_id)
