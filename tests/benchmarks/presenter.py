"""The presenter view while the mediator types: how long each refresh holds the GUI thread, and
the longest the window stops answering at all, on a long statement (12 issues, each with about
twenty discussion points). Part of `python3 dev.py bench`; alone:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.presenter
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ISSUES = 12
POINTS = 20  # discussion points per issue, each a sentence of about 90 characters
TYPED = "The school will share the therapist's plan with the family by Friday."
WATCH_MS = 2  # the stall watchdog's tick
LABELS = {
    "presenter_p50": "Presenter refresh while typing, GUI thread (median)",
    "presenter_worst": "Presenter refresh while typing, GUI thread (worst)",
    "presenter_cpu_worst": "Presenter refresh while typing, GUI thread CPU time (worst)",
    "presenter_stall": "Longest GUI-thread stall while typing, presenter open",
}


def long_statement_case(desk) -> int:
    """A fictional case mid-meeting with a long statement: everyone present, twelve issues."""
    from mediator_desk.domain.case_timeline import AgreedAction
    from mediator_desk.domain.statement import Issue, Outcome

    desk.load_demo_cases()
    case = desk.case_by_reference("MD-2026-0002")
    for attendee in desk.attendees.list(case.id):
        desk.statement.set_presence(case.id, attendee.id, {"present": True, "arrived": "10:00"})
    for number in range(ISSUES):
        points = "\n".join(
            f"- Point {p + 1} on issue {number + 1}: the family and the local authority talked "
            "through what the plan says and what happens next"
            for p in range(POINTS)
        )
        issue = desk.statement.issues.add(
            case.id,
            Issue(position=number, title=f"Section F: provision {number + 1}", discussion=points,
                  outcome=list(Outcome)[number % len(Outcome)]),
        )  # fmt: skip
        desk.add_action(
            case.id, AgreedAction(f"Send the plan for issue {number + 1}", "LA", issue_id=issue.id)
        )
    return case.id


def long_statement_window(folder: Path | None, name: str) -> tuple[Any, Any]:
    """The app's window on a new case file holding the long statement, its Meeting tab shown
    at the middle issue, on a laptop's screen: (the application, the window)."""
    from mediator_desk.services import open_desk
    from tests.benchmarks.casefiles import TODAY
    from tests.benchmarks.run import open_window

    folder = folder or Path(tempfile.mkdtemp(prefix=f"mdesk-bench-{name}-"))
    path = folder / f"{name}.mdesk"
    desk = open_desk(path, today=lambda: TODAY, passphrase=None)
    case_id = long_statement_case(desk)
    desk.close()
    app, window = open_window(path)
    window.resize(1366, 768)
    window.show_case(case_id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    meeting.agenda.setCurrentRow(ISSUES // 2)
    return app, window


def presenter_typing_ms(folder: Path | None = None) -> dict[str, float]:
    """While typing a sentence into a discussion with the presenter open, through the real
    timers (each refresh is the one typing schedules): the GUI thread's time per presenter
    refresh, its paint included, as wall-clock (median, worst) and as the thread's own CPU time
    (worst: what a busy machine cannot add to), and the longest stall of the event loop."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    app, window = long_statement_window(folder, "presenter")
    meeting = window.workspace.meeting
    meeting.open_presenter()
    presenter = meeting.presenter
    presenter.resize(960, 720)
    app.processEvents()

    refreshes: list[float] = []
    cpu: list[float] = []
    timer = meeting._presenter_timer

    def timed_refresh() -> None:
        start, start_cpu = time.perf_counter(), time.thread_time()
        meeting.refresh_presenter()
        presenter.view.viewport().repaint()
        refreshes.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)

    timer.timeout.disconnect()
    timer.timeout.connect(timed_refresh)
    stall = {"last": time.perf_counter(), "worst": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        stall["worst"] = max(stall["worst"], (now - stall["last"]) * 1000 - WATCH_MS)
        stall["last"] = now

    watchdog = QTimer()
    watchdog.setTimerType(Qt.TimerType.PreciseTimer)
    watchdog.setInterval(WATCH_MS)
    watchdog.timeout.connect(tick)
    discussion = meeting.discussion
    discussion.setFocus()
    discussion.moveCursor(discussion.textCursor().MoveOperation.End)
    QTest.keyClick(discussion, Qt.Key.Key_Return)
    app.processEvents()
    watchdog.start()
    stall["last"] = time.perf_counter()
    for char in TYPED:
        QTest.keyClicks(discussion, char)
        wanted = len(refreshes) + 1
        deadline = time.perf_counter() + 2
        while len(refreshes) < wanted and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
    watchdog.stop()
    meeting.flush()
    shown = presenter.text()
    window.close_casefile()
    if TYPED not in shown:
        raise RuntimeError("the presenter did not show what was typed")
    return {
        "presenter_p50": statistics.median(refreshes),
        "presenter_worst": max(refreshes),
        "presenter_cpu_worst": max(cpu),
        "presenter_stall": stall["worst"],
    }


def main() -> int:
    found = presenter_typing_ms()
    for key, label in LABELS.items():
        print(f"{label}: {found[key]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
