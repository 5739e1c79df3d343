"""What is derived from a case and kept with it in the case file: its search text and its next
deadline, kept in step with every change, and recounted for all cases when the calendar
changes (a bank holiday added or removed) or the schema is upgraded. Part of CaseRepository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain.calendar import WorkingCalendar
from ..domain.case import Case
from ..domain.case_timeline import AgreedAction, earliest_open_deadline
from ..domain.dates import long_date
from ..domain.parents import described
from ..domain.preparation import ContactEntry
from .errors import WorkStopped
from .records import case_from_row, from_row, id_array

if TYPE_CHECKING:
    from sqlite_utils import Database

R = TypeVar("R")
PROGRESS_EVERY = 250  # cases between reports of long work's progress


def _next_due(
    case: Case,
    actions: list[AgreedAction],
    calendar: WorkingCalendar,
    contacts: list[ContactEntry],
) -> tuple[str | None, str | None]:
    """A case's next deadline as stored with it (date, what), or (None, None)."""
    upcoming = earliest_open_deadline(case, actions, calendar, contacts)
    return (upcoming[0].isoformat(), upcoming[1]) if upcoming else (None, None)


def holiday_unchanged(day: dt.date, name: str | None) -> WorkStopped:
    """What a mediator is told when they stop the recount of a bank holiday added (a name) or
    removed (None): nothing was changed."""
    done = "removed" if name is None else "added"
    return WorkStopped(f"Stopped: {long_date(day)} was not {done}, and no deadline has changed.")


class DerivedData:
    """CaseRepository's derived data; it provides what is declared here."""

    if TYPE_CHECKING:
        db: Database
        clock: Callable[[], dt.datetime]
        reindexed: set[int]

        def get(self, case_id: int) -> Case: ...
        def count(self) -> int: ...
        def actions(self, case_id: int) -> list[AgreedAction]: ...
        def _audit(
            self, now: dt.datetime, case_id: int | None, reference: str, action: str,
            detail: str, content_sha256: str = "",
        ) -> None: ...  # fmt: skip

    def _reindex(self, case_id: int) -> None:
        """Keep what is derived from a case in step with it: search text and next deadline.
        Every change to a case or its records comes here (its next deadline must follow), so
        `reindexed` hears of every case changed."""
        self.reindexed.add(case_id)
        case = self.get(case_id)
        contacts = self.contacts_by_case([case_id]).get(case_id, [])
        due = _next_due(case, self.actions(case_id), self.calendar(), contacts)
        self.db.execute(
            "UPDATE cases SET next_due = ?, next_due_what = ? WHERE id = ?", [*due, case_id]
        )
        self.db.execute("DELETE FROM case_search WHERE rowid = ?", [case_id])
        self.db.execute(
            "INSERT INTO case_search (rowid, reference, child, parties, notes) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                case_id,
                case.reference,
                f"{case.child_name} {case.child_known_as}",
                f"{described(case.parents)} {case.local_authority} {self._people_text(case_id)}",
                f"{case.notes} {self._preparation_text(case_id)}",
            ],
        )

    def _people_text(self, case_id: int) -> str:
        rows = self.db.execute(
            "SELECT name, organisation, job_title FROM attendees WHERE case_id = ?", [case_id]
        )
        return " ".join(" ".join(row) for row in rows)

    def _preparation_text(self, case_id: int) -> str:
        """Contact summaries and the child's views are searchable too."""
        parts = [
            " ".join(row)
            for row in self.db.execute(
                "SELECT summary, follow_up FROM contacts WHERE case_id = ?", [case_id]
            )
        ]
        views = self.db.execute(
            "SELECT liked_admired, important, best_support, views_on_disagreement, wishes, "
            "quotes FROM child_views WHERE case_id = ?",
            [case_id],
        ).fetchone()
        if views:
            parts.extend(views)
        return " ".join(parts)

    def actions_by_case(self, ids: Iterable[int] | None = None) -> dict[int, list[AgreedAction]]:
        """Agreed actions of every case (or of those with `ids`) in one query, each case's in
        its order."""
        return self._by_case(AgreedAction, "agreed_actions", "position, id", ids)

    def contacts_by_case(self, ids: Iterable[int] | None = None) -> dict[int, list[ContactEntry]]:
        """Contacts (and their follow-ups) of every case (or of those with `ids`) in one query,
        each case's in the order they happened."""
        return self._by_case(ContactEntry, "contacts", '"when", id', ids)

    def _by_case(
        self, cls: type[R], table: str, order: str, ids: Iterable[int] | None
    ) -> dict[int, list[R]]:
        where, params = "", []
        if ids is not None:
            where = " WHERE case_id IN (SELECT value FROM json_each(?))"
            params.append(id_array(ids))
        found: dict[int, list[R]] = {}
        for row in self.db.query(f"SELECT * FROM {table}{where} ORDER BY case_id, {order}", params):
            found.setdefault(int(row["case_id"]), []).append(from_row(cls, row))
        return found

    def extra_holidays(self) -> list[tuple[dt.date, str]]:
        return [
            (dt.date.fromisoformat(r[0]), r[1])
            for r in self.db.execute("SELECT day, name FROM extra_holidays ORDER BY day")
        ]

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.extra_holidays())

    def set_extra_holiday(
        self,
        day: dt.date,
        name: str | None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Add (or, with name None, remove) a bank holiday the package does not know, and
        recount every case's next deadline with it, in the same transaction: stopped
        (`cancelled`), it is all rolled back and WorkStopped raised."""
        now = self.clock()
        with self.db.atomic():
            if name is None:
                self.db.execute("DELETE FROM extra_holidays WHERE day = ?", [day.isoformat()])
                self._audit(now, None, "", "bank holiday removed", day.isoformat())
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO extra_holidays (day, name) VALUES (?, ?)",
                    [day.isoformat(), name],
                )
                self._audit(now, None, "", "bank holiday added", f"{day.isoformat()} {name}")
            if self.recount_deadlines(progress, cancelled) is None:
                raise holiday_unchanged(day, name)

    def recount_deadlines(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int | None:
        """Recount every case's next deadline with the calendar as it now stands (a bank
        holiday added or removed): the cases, their agreed actions and their follow-ups read
        in one query each, and only the cases whose next deadline moved written. `progress`
        hears (done, total) every few hundred cases, and `cancelled` is asked as often. Returns
        how many moved, or None if stopped before any was written."""
        calendar = self.calendar()
        actions, contacts = self.actions_by_case(), self.contacts_by_case()
        total = self.count()
        moved: list[list[Any]] = []
        for done, row in enumerate(self.db.query("SELECT * FROM cases"), 1):
            case_id = int(row["id"])
            due = _next_due(
                case_from_row(row), actions.get(case_id, []), calendar, contacts.get(case_id, [])
            )
            if due != (row["next_due"], row["next_due_what"]):
                moved.append([*due, case_id])
            if done % PROGRESS_EVERY == 0 or done == total:
                if cancelled is not None and cancelled():
                    return None
                if progress is not None:
                    progress(done, total)
        for values in moved:
            self.db.execute("UPDATE cases SET next_due = ?, next_due_what = ? WHERE id = ?", values)
        return len(moved)

    def refresh_all_derived(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Recompute every case's search text and next deadline (after an upgrade); `progress`
        hears (done, total) every few hundred cases."""
        with self.db.atomic():
            ids = [row[0] for row in self.db.execute("SELECT id FROM cases").fetchall()]
            for done, case_id in enumerate(ids, 1):
                self._reindex(case_id)
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(ids)):
                    progress(done, len(ids))
