"""The service report's reading and counting, in a process of its own while the window shows it.

Reading every case's anonymous facts is seconds of pure Python at 50,000 cases. On a worker
thread it held the interpreter's lock meanwhile: each key typed in the casebook's search box
waited for it (worst stalls of 0.7 s, and 2.4 s for a search fetching every row), and the
garbage collector paused the window for its objects. A process of its own reads the cases
once and keeps them; the window asks it for the names of the local authorities and for each
count, and gets back only those. Nothing leaves the computer: the process is this program,
started from it, reading the same file.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..domain.calendar import WorkingCalendar
from ..domain.preparation import Role
from ..domain.reporting import (
    ReportCase,
    ReportFilter,
    ServiceReport,
    authority_names,
    build_report,
)
from ..store import errors
from ..store.casefile import reader
from ..store.preparation import PreparationRepository
from ..store.repository import CaseRepository
from ..store.statement import StatementRepository


def read_report_cases(repo: CaseRepository) -> list[ReportCase]:
    """Every case as the statistics see it: kinds, dates and tallies, no names or text."""
    preparation = PreparationRepository(repo)
    issues = StatementRepository(repo).issues.by_case()
    views = preparation.child_views.by_case()
    attendees = preparation.attendees.by_case(  # only the child's attendance
        "role", [Role.CHILD.value, Role.YOUNG_PERSON.value]
    )
    return [
        ReportCase.from_case(
            case,
            issues.get(case.id or 0, []),
            views.get(case.id or 0),
            attendees.get(case.id or 0, []),
        )
        for case in repo.all()
    ]


def read_file(path: Path, passphrase: str | None) -> list[ReportCase]:
    """The report's cases, through a read-only connection of its own."""
    with errors.plain_english_errors(path), reader(path, passphrase) as repo:
        return read_report_cases(repo)


class ReportProcess:
    """A process that reads the casebook once and counts reports from it on request. Its
    methods block until it answers (call them on a worker thread); they are taken one at a
    time. A problem in the process is raised here as it was raised there."""

    def __init__(self, path: Path, passphrase: str | None) -> None:
        context = multiprocessing.get_context("spawn")  # no copy of the window's state
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(
            target=serve, args=(theirs, str(path), passphrase), daemon=True,
            name="Mediator Desk service report",
        )  # fmt: skip
        self._process.start()
        theirs.close()
        self._lock = threading.Lock()

    def _ask(self, *request: Any) -> Any:
        with self._lock:
            try:
                self._pipe.send(request)
                outcome, value = self._pipe.recv()
            except (EOFError, OSError):
                raise errors.CaseFileError(
                    "The service report stopped before it finished reading the casebook. "
                    "Close the report and open it again."
                ) from None
        if outcome == "failed":
            raise value
        return value

    def read(self) -> list[str]:
        """Read the casebook (again); the local authorities named in it, for the filter."""
        names: list[str] = self._ask("read")
        return names

    def count(
        self, chosen: ReportFilter, extra_holidays: list[tuple[dt.date, str]], today: dt.date
    ) -> ServiceReport:
        report: ServiceReport = self._ask("count", chosen, extra_holidays, today)
        return report

    def close(self) -> None:
        """Stop the process, without waiting for it to end: a process that has read 50,000
        cases takes a tenth of a second to exit, and the window closing the report waited
        for it. A thread of its own waits, and ends it if it does not stop (it is a daemon:
        it also ends with this program)."""
        if self._lock.acquire(blocking=False):  # idle: asked to stop
            try:
                self._pipe.send(("stop",))
            except (OSError, ValueError):
                pass
            finally:
                self._lock.release()
        else:  # busy with a reading (seconds at 50,000 cases): whoever waits hears it stopped
            self._process.terminate()
        threading.Thread(target=self._reap, name="Service report ending", daemon=True).start()

    def _reap(self) -> None:
        self._process.join(timeout=2)
        if self._process.is_alive():  # not stopping
            self._process.terminate()
            self._process.join(timeout=2)
        self._pipe.close()


def serve(pipe: Connection, path: str, passphrase: str | None) -> None:
    """The report process: read when asked, count from what was read, until told to stop."""
    cases: list[ReportCase] = []
    while True:
        try:
            request = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            if request[0] == "stop":
                return
            if request[0] == "read":
                cases = read_file(Path(path), passphrase)
                names = authority_names(c.local_authority for c in cases if c.local_authority)
                pipe.send(("done", names))
            elif request[0] == "count":
                chosen, extra, today = request[1:]
                pipe.send(("done", build_report(cases, chosen, WorkingCalendar(extra), today)))
        except Exception as problem:  # told to the window, which words it
            pipe.send(("failed", problem))
