"""Work counted rather than timed: the SQL statements the app runs to open a case, to answer a
keystroke in the casebook search and to autosave one edit. A count does not change when the
machine is busy, so the quick check (`python3 dev.py bench --quick`, part of
`python3 dev.py test --all`) can hold it tightly: a query added per case or per row (the usual
way such work grows) shows at once, even on the 30-case file. And the machine's pace, so the
quick check can tell a slower app from a busy machine.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LABELS = {
    "statements_open_case": "SQL statements to open a case, all tabs filled (most)",
    "statements_search": "SQL statements per search keystroke (most)",
    "statements_autosave": "SQL statements to autosave one edit (most)",
}
WORDS = ("pemberton", "ffion", "MD-2026")
PACE = ("machine_pace", "Machine pace: a fixed piece of pure-Python work (median of 7)")


def pace_ms() -> float:
    """How long this machine takes, now, for a fixed piece of work: on a busy machine it grows
    with everything else, so times are judged against it (run.Figure.regressed)."""
    times = []
    for _ in range(7):
        start = time.perf_counter()
        sum(n * n for n in range(200_000))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class Counter:
    """Counts the statements a connection runs while it is switched on."""

    def __init__(self) -> None:
        self.count = 0
        self.on = False

    def __call__(self, _statement: str) -> None:
        if self.on:
            self.count += 1

    @contextmanager
    def counting(self) -> Iterator[list[int]]:
        """Yields a one-item list that holds the count once the block ends."""
        found: list[int] = [0]
        self.count, self.on = 0, True
        try:
            yield found
        finally:
            self.on = False
            found[0] = self.count


def watch(connection: sqlite3.Connection) -> Counter:
    counter = Counter()
    connection.set_trace_callback(counter)
    return counter


def counted_work(path: Path) -> dict[str, float]:
    """The most statements any one of these steps ran, on a working copy of `path`."""
    from tests.benchmarks.run import open_window, working_copy

    with working_copy(path) as copy:
        app, window = open_window(copy)
        counter = watch(window.desk.casefile.db.conn)
        model = window.casebook.model
        rows = model.rowCount()
        ids = [model.case_id(n) for n in range(min(rows, 10))]
        window.show_case(ids[-1])  # the tabs are built once, as when idle after start-up
        app.processEvents()
        opened = []
        for case_id in ids:
            with counter.counting() as found:
                window.show_case(case_id)
            opened.append(found[0])
        casebook = window.casebook
        searched = []
        for word in WORDS:
            for end in range(1, len(word) + 1):
                casebook.search_box.setText(word[:end])
                with counter.counting() as found:
                    casebook.refresh()
                searched.append(found[0])
        casebook.search_box.setText("")
        casebook.refresh()
        window.show_case(ids[0])
        notes = window.workspace.overview.notes
        saver = window.workspace.overview.autosaver
        saved = []
        for n in range(5):
            notes.insertPlainText(f" edit {n}")
            with counter.counting() as found:
                saver.flush()
            saved.append(found[0])
        window.desk.casefile.db.conn.set_trace_callback(None)
        window.close_casefile()
    return {
        "statements_open_case": max(opened),
        "statements_search": max(searched),
        "statements_autosave": max(saved),
    }
