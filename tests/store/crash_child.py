"""Run by test_crash.py: type into a case through the main window, exactly as a mediator would,
until killed. After each burst of typing it prints `typed N T` (T: time.monotonic(), which
this machine's processes share). In the "flush" mode it also stops inside one of the autosave's
SQL statements, prints `in-flush T` and waits there to be killed mid-write.

    crash_child.py CASEFILE CASE_ID SEED typing|flush
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mediator_desk.ui import autosave
from mediator_desk.ui.main_window import MainWindow
from mediator_desk.ui.settings import Settings

BURSTS = 60  # more than any trial lives to type


def token(n: int) -> str:
    """What burst n types: into the notes, or every third into the first parent's name."""
    return f" p{n}" if n % 3 == 2 else f" e{n}"


def stop_inside_a_flush(rng: random.Random) -> Callable[[str], None]:
    """Hold the process inside the k-th SQL statement run by autosaves, counted from the
    f-th autosave on, so the kill lands in the middle of a write."""
    first, statement = rng.randrange(2, 5), rng.randrange(0, 6)
    state = {"flushes": 0, "statements": 0, "inside": False}
    original = autosave.Autosaver.flush

    def flush(self: autosave.Autosaver) -> bool:
        state["flushes"] += 1 if self.pending else 0
        state["inside"] = True
        try:
            return original(self)
        finally:
            state["inside"] = False

    def traced(_sql: str) -> None:
        if state["inside"] and state["flushes"] >= first:
            if state["statements"] == statement:
                print(f"in-flush {time.monotonic()}", flush=True)
                time.sleep(60)  # killed here
            state["statements"] += 1

    autosave.Autosaver.flush = flush  # type: ignore[method-assign]
    return traced


def main() -> None:
    casefile, case_id, seed, mode = (
        Path(sys.argv[1]),
        int(sys.argv[2]),
        int(sys.argv[3]),
        sys.argv[4],
    )
    rng = random.Random(seed)
    trace = stop_inside_a_flush(rng) if mode == "flush" else None
    app = QApplication([])
    settings = Settings(QSettings(str(casefile.with_suffix(".ini")), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.show()
    assert window.open_casefile(casefile, create=False)
    if trace is not None:
        window.desk.casefile.db.conn.set_trace_callback(trace)
    window.show_case(case_id)
    overview = window.workspace.overview
    for n in range(BURSTS):
        text = token(n)
        if text.startswith(" p"):
            target = overview.parents.rows[0].name
            target.setFocus()
            target.end(False)
        else:
            target = overview.notes
            target.setFocus()
            target.moveCursor(target.textCursor().MoveOperation.End)
        QTest.keyClicks(target, text)
        print(f"typed {n} {time.monotonic()}", flush=True)
        pause = time.monotonic() + rng.uniform(0.02, 0.25)
        while time.monotonic() < pause:
            app.processEvents()
            time.sleep(0.005)
    print("done", flush=True)
    while True:  # keep the event loop (and its autosave timer) running until killed
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    main()
