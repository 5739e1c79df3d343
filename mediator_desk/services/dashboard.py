"""The deadline dashboard's counts: what is due this week and next (and anything overdue)
across all open cases. What was counted is kept; after an edit only the cases changed are
counted again (the store says which), all of them when the date, the bank holidays or the
warning period change. A window counts ahead while idle, a few cases at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ..domain.calendar import WorkingCalendar
from ..domain.case import Case
from ..domain.case_timeline import Status, TrackedDeadline, track_case
from ..store import errors
from ..store.repository import CaseRepository

Row = tuple[Case, TrackedDeadline]
SHOWN = (Status.DUE, Status.DUE_SOON, Status.MISSED)


class DashboardCounts:
    def __init__(
        self,
        cases: CaseRepository,
        path: Path,
        today: Callable[[], dt.date],
        warn_days: Callable[[], int],
    ) -> None:
        self._cases, self._path, self._today, self._warn_days = cases, path, today, warn_days
        self._counted: dict[int, tuple[Case, list[TrackedDeadline]]] = {}
        # What the counts were counted with: today, the warning days, the extra holidays.
        self._key: tuple[dt.date, int, tuple[tuple[dt.date, str], ...]] | None = None

    def _due(self, weeks: int) -> tuple[dt.date, list[int], list[int]]:
        """The last day shown, the open cases with something due by then, and those of them
        not counted yet (forgetting what an edit or a new setting made stale)."""
        today = self._today()
        end = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks, days=-1)
        repo = self._cases
        key = (today, self._warn_days(), tuple(repo.extra_holidays()))
        if key != self._key:
            self._counted.clear()
            self._key = key
        for changed in repo.reindexed:
            self._counted.pop(changed, None)
        repo.reindexed.clear()
        ids = repo.open_case_ids_due_by(end)
        return end, ids, [case_id for case_id in ids if case_id not in self._counted]

    def _count(self, case_ids: list[int]) -> None:
        if not case_ids:
            return
        repo = self._cases
        assert self._key is not None  # set by _due
        today, warn, holidays = self._key
        calendar = WorkingCalendar(holidays)
        actions, contacts = repo.actions_by_case(case_ids), repo.contacts_by_case(case_ids)
        for case in repo.many(case_ids):
            case_id = case.id or 0
            self._counted[case_id] = (case, list(track_case(
                case, actions.get(case_id, []), calendar, today, warn, contacts.get(case_id, []),
            )))  # fmt: skip

    def ahead(self, limit: int, weeks: int = 2) -> bool:
        """Count up to `limit` of the cases not counted yet; True while more remain."""
        with errors.plain_english_errors(self._path):
            _end, _ids, missing = self._due(weeks)
            self._count(missing[:limit])
        return len(missing) > limit

    def rows(self, weeks: int = 2) -> list[Row]:
        """Every deadline shown, in date order (then by reference)."""
        with errors.plain_english_errors(self._path):
            end, ids, missing = self._due(weeks)
            self._count(missing)
        found = [
            (case, tracked)
            for case, deadlines in (self._counted[i] for i in ids if i in self._counted)
            for tracked in deadlines
            if tracked.due <= end and tracked.status in SHOWN
        ]
        return sorted(found, key=lambda pair: (pair[1].due, pair[0].reference))
