"""The record of documents exported and circulated for each case."""

from __future__ import annotations

import datetime as dt

from .repository import CaseRepository


class DocumentLog:
    def __init__(self, cases: CaseRepository) -> None:
        self.cases = cases
        self.db = cases.db

    def record_export(
        self, case_id: int, kind: str, fmt: str, file_name: str, title: str, sealed_sha256: str
    ) -> None:
        now = self.cases.clock()
        with self.db.atomic():
            self.db.table("document_log").insert(
                {
                    "case_id": case_id,
                    "kind": kind,
                    "format": fmt,
                    "file_name": file_name,
                    "exported_at": now.isoformat(timespec="seconds"),
                    "sealed_sha256": sealed_sha256,
                }
            )
            self.cases.record(case_id, "document exported", f"{title} ({fmt})")

    def last_exports(self, case_id: int) -> dict[str, dt.datetime]:
        return {
            row[0]: dt.datetime.fromisoformat(row[1])
            for row in self.db.execute(
                "SELECT kind, max(exported_at) FROM document_log WHERE case_id = ? GROUP BY kind",
                [case_id],
            )
        }

    def circulated(self, case_id: int) -> dict[str, dt.date]:
        return {
            row[0]: dt.date.fromisoformat(row[1])
            for row in self.db.execute(
                "SELECT kind, circulated_on FROM circulated WHERE case_id = ?", [case_id]
            )
        }

    def set_circulated(self, case_id: int, kind: str, title: str, day: dt.date | None) -> None:
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM circulated WHERE case_id = ? AND kind = ?", [case_id, kind]
            )
            if day is not None:
                self.db.execute(
                    "INSERT INTO circulated (case_id, kind, circulated_on) VALUES (?, ?, ?)",
                    [case_id, kind, day.isoformat()],
                )
                self.cases.record(case_id, "document circulated", f"{title} on {day.isoformat()}")
