"""How the everyday figures grow with the casebook: 1,000, 10,000 and 50,000 cases.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.growth [SIZE ...]

Each figure is measured once per size, on a fresh copy of the generated file (see
casefiles.py), as the main benchmark (run.py) measures it; docs/performance.md has the table.
The 50,000-case file takes about 25 minutes to generate the first time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks import run
from tests.benchmarks.casefiles import TODAY, cached_casefile

SIZES = (1000, 10_000, 50_000)
ERASED = 5000
ROWS = (
    ("start", "Start-up to input (tabs built)", "ms"),
    ("search", "Search, key to painted list, typing pace (p95)", "ms"),
    ("open_case", "Open a case, all tabs filled (p95)", "ms"),
    ("autosave", "Autosave through its timer: longest GUI stall (p95)", "ms"),
    ("dashboard", "Show the dashboard after an edit", "ms"),
    ("report_read", "Service report: read the casebook (worker)", "ms"),
    ("report_count", "Service report: count a year (worker)", "ms"),
    ("erase", f"Erase {ERASED:,} closed cases (worker; fewer if fewer are due)", "s"),
    ("bank_holiday", "Add a bank holiday: recount every case (own process from 5,000)", "ms"),
    ("peak_rss", "Peak memory, casebook open and browsed", "MB"),
    ("cli_deadlines", "`deadlines --json` from facts, whole process", "ms"),
    ("cli_cases", "`cases --json`, whole process", "ms"),
    ("cli_check", "`check`, whole process", "ms"),
)


def dashboard_ms(path: Path) -> float:
    """The dashboard tab shown after an edit: the GUI thread's time to count and paint it."""
    with run.working_copy(path) as copy:
        app, window = run.open_window(copy)
        window.show_case(window.casebook.model.case_id(0))
        app.processEvents()
        window.desk.update_case(window.casebook.model.case_id(0), {"notes": "Edited"})
        start = time.perf_counter()
        window.left_tabs.setCurrentWidget(window.dashboard)
        window.dashboard.repaint()
        elapsed = run.ms_since(start)
        window.close_casefile()
        return elapsed


def erase_s(path: Path) -> tuple[float, int]:
    from mediator_desk.services import open_desk

    with run.working_copy(path) as copy:
        desk = open_desk(copy, today=lambda: TODAY)
        due = [c.id for c in desk.cases_due_for_erasure()][:ERASED]
        start = time.perf_counter()
        desk.erase_cases(due)
        elapsed = time.perf_counter() - start
        desk.close()
        return elapsed, len(due)


def bank_holiday_ms(path: Path) -> float:
    from mediator_desk.services import open_desk

    with run.working_copy(path) as copy:
        desk = open_desk(copy, today=lambda: TODAY)
        start = time.perf_counter()
        desk.set_extra_holiday(dt.date(2027, 6, 14), "Royal celebration")
        elapsed = run.ms_since(start)
        desk.close()
        return elapsed


def cli_ms(*args: str) -> float:
    """A command's whole process, best of three (what a script waits for), its compiled
    modules kept as an installed app's are (see run.quiet_env)."""
    installed = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mediator_desk", *args],
            capture_output=True, check=True, cwd=run.ROOT, timeout=600, env=installed,
        )  # fmt: skip
        times.append(run.ms_since(start))
    return min(times)


def measure(size: int) -> dict[str, float]:
    path = cached_casefile(size)
    figures: dict[str, float] = {}
    run.cold_start_ms(path)  # the first start after a change compiles the package's modules
    figures["start"] = min(run.cold_start_ms(path) for _ in range(2))
    figures["search"] = run.search_ms(path)
    figures["open_case"] = run.open_case_ms(path)
    figures["autosave"] = run.autosave_timer_ms(path)
    figures["dashboard"] = dashboard_ms(path)
    figures["report_read"], figures["report_count"] = run.report_ms(path)
    figures["erase"], figures["erased"] = erase_s(path)
    figures["bank_holiday"] = bank_holiday_ms(path)
    figures["peak_rss"] = run.peak_rss_mb(path)
    figures["cli_deadlines"] = cli_ms("deadlines", "--json", "--decision-sent", "2026-03-02")
    with run.working_copy(path) as copy:
        figures["cli_cases"] = cli_ms("cases", "--json", "--casefile", str(copy))
        figures["cli_check"] = cli_ms("check", "--casefile", str(copy))
    return figures


def table(results: dict[int, dict[str, float]]) -> str:
    sizes = sorted(results)
    lines = [
        "| Measure | " + " | ".join(f"{n:,} cases" for n in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for key, label, unit in ROWS:
        cells = []
        for n in sizes:
            value = results[n].get(key)
            if value is None:
                cells.append("–")
            elif unit == "s":
                cells.append(f"{value:,.1f} s ({results[n].get('erased', 0):,.0f})")
            else:
                cells.append(f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sizes = tuple(int(a) for a in args) or SIZES
    results = {}
    for size in sizes:
        print(f"  {size:,} cases …", flush=True)
        results[size] = measure(size)
        print(json.dumps({size: results[size]}), flush=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
