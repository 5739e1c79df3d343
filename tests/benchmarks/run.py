"""Mediator Desk's benchmarks: python3 dev.py bench [--runs N] [--record] [--quick]

Measures, on generated fictional case files of 100, 2,000 and 10,000 cases (casefiles.py):
start-up to a listed casebook, opening a case, autosave (plain and encrypted), casebook search,
every document's export in both formats, peak memory, and our PDF against LibreOffice's
conversion of our .docx; and the SQL statements a few steps run (counted.py). Each figure is
the median of --runs runs. The table shows the targets and the figures recorded in recorded.json;
the exit status is 1 if any figure is more than twice as bad as its recorded value (a
regression), 0 otherwise. --record writes the new figures to recorded.json and to the table in
docs/performance.md.

--quick is one run on a 30-case file, judged against recorded.json's "quick" figures with
allowances no busy machine reaches (QUICK_TIMES, QUICK_MS): counted work within half again plus
three, times within five times and a quarter of a second, memory within twice. It is the
benchmark step of `python3 dev.py test --all`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.counted import LABELS as COUNTED_LABELS
from tests.benchmarks.counted import PACE, counted_work, pace_ms
from tests.benchmarks.presenter import LABELS as PRESENTER_LABELS
from tests.benchmarks.presenter import presenter_typing_ms
from tests.benchmarks.spelling import LABELS as SPELLING_LABELS
from tests.benchmarks.spelling import UNITS, spelling_figures

ROOT = Path(__file__).resolve().parents[2]
RECORDED = Path(__file__).with_name("recorded.json")
DOC = ROOT / "docs" / "performance.md"
SIZES = (100, 2000, 10000)
PASSPHRASE = "fictional benchmark passphrase"
TABLE_START, TABLE_END = "<!-- figures: start -->", "<!-- figures: end -->"
# Searches typed a key at a time, as a mediator would look for a case.
TYPED = ("pemberton", "ffion carrow", "MD-2024-03", "speech therapy", "gwen", "zzz")
# The quick check's allowances: a 30-case run on a machine that may be busy with other work.
QUICK_TIMES = 5  # a time is a regression only past five times its recorded figure ...
QUICK_MS = 250  # ... and a quarter of a second more than it


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    target: float | None = None  # the issue's target, where it sets one
    higher_is_better: bool = False

    def regressed(
        self, value: float, recorded: float, quick: bool = False, slowdown: float = 1.0
    ) -> bool:
        """Worse than `recorded` by more than the allowance. In the quick check a time is
        allowed `slowdown` (how much slower the machine's pace is now than when recorded) on
        top, and the worst cases (p95, worst, stall), which a busy machine inflates, and the
        pace itself are not judged."""
        if self.unit == "statements":  # counted, so the same however busy the machine is
            return value > recorded * 1.5 + 3
        if quick and self.unit in ("ms", "µs"):
            if self.key == PACE[0] or any(w in self.label for w in ("p95", "worst", "stall")):
                return False
            return value > max(recorded * QUICK_TIMES * slowdown, recorded + QUICK_MS)
        if self.higher_is_better:
            return value < recorded / 2
        return value > recorded * 2

    def meets(self, value: float) -> bool | None:
        if self.target is None:
            return None
        return value >= self.target if self.higher_is_better else value <= self.target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


# -- the case files ------------------------------------------------------------------------------
def casefile(count: int, cache: Path | None) -> Path:
    from tests.benchmarks import casefiles

    if cache is not None:
        casefiles.CACHE = cache
    return casefiles.cached_casefile(count)


def encrypted_copy(source: Path) -> Path:
    """The same cases encrypted (made once, beside the plain file)."""
    target = source.with_name(source.stem + "-encrypted.mdesk")
    if not target.exists():
        from mediator_desk.services import open_desk

        work = Path(tempfile.mkdtemp(prefix="mdesk-bench-"))
        copy = work / target.name
        shutil.copy2(source, copy)
        desk = open_desk(copy)
        desk.set_passphrase(PASSPHRASE)
        desk.close()
        for extra in ("-wal", "-shm", ".lock"):
            Path(f"{copy}{extra}").unlink(missing_ok=True)
        shutil.move(copy, target)
        shutil.rmtree(work, ignore_errors=True)
    return target


@contextmanager
def working_copy(source: Path) -> Iterator[Path]:
    """A throwaway copy, so nothing measured changes the cached file."""
    folder = Path(tempfile.mkdtemp(prefix="mdesk-bench-"))
    try:
        target = folder / source.name
        shutil.copy2(source, target)
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def quiet_env(folder: Path) -> dict[str, str]:
    """The app's environment for a subprocess: offscreen, with settings kept out of the way.
    Its compiled modules are kept, as an installed app's are (pip and the bundle compile them
    when installing): on a machine that sets PYTHONDONTWRITEBYTECODE, every start had compiled
    the whole package from source (about 75 ms of a start at 2,000 cases)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_STATE_HOME=str(folder / "state"),
        PYTHONPATH=str(ROOT),
    )
    return env


# -- start-up and memory (fresh processes) -------------------------------------------------------
def cold_start_ms(path: Path) -> float:
    """Process start to the window accepting input: the casebook listed and the case tabs built
    (the moment the app prints "ready" under MEDIATOR_DESK_EXIT_WHEN_READY)."""
    with working_copy(path) as copy:
        env = quiet_env(copy.parent) | {"MEDIATOR_DESK_EXIT_WHEN_READY": "1"}
        start = time.perf_counter()
        with subprocess.Popen(
            [sys.executable, "-m", "mediator_desk", "--casefile", str(copy)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        ) as process:
            assert process.stdout is not None
            line = process.stdout.readline()
            elapsed = ms_since(start)
            process.wait(timeout=60)
        if not line.startswith("ready "):
            raise RuntimeError(f"the app did not start: {line!r}")
        return elapsed


def peak_rss_mb(path: Path) -> float:
    """Peak memory of a process that opens the file, scrolls the whole casebook, searches and
    opens twenty cases."""
    with working_copy(path) as copy:
        result = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.run", "--memory-scenario", str(copy)],
            env=quiet_env(copy.parent),
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        lines = [x for x in result.stdout.splitlines() if x.startswith("peak ")]
        if result.returncode != 0 or not lines:
            raise RuntimeError(f"the memory scenario failed: {result.stderr[-2000:]}")
        return float(lines[-1].split()[1])


def memory_scenario(path: Path) -> None:
    app, window = open_window(path)
    casebook = window.casebook
    rows = casebook.model.rowCount()
    for row in range(0, rows, 25):  # scroll through every row, painting as it goes
        casebook.table.scrollTo(casebook.model.index(row, 0))
        casebook.table.viewport().repaint()
    for text in TYPED:
        casebook.search_box.setText(text)
        casebook.refresh()
    casebook.search_box.setText("")
    casebook.refresh()
    for n in range(20):
        window.show_case(casebook.model.case_id(n * max(1, rows // 20)))
        app.processEvents()
    from mediator_desk.app import peak_memory_mb

    peak = peak_memory_mb()  # this process's own: getrusage also counts its parent's
    window.close_casefile()
    print(f"peak {peak:.1f}", flush=True)


# -- inside one app ------------------------------------------------------------------------------
_app = None
_settings_folder = Path(tempfile.mkdtemp(prefix="mdesk-bench-settings-"))


def open_window(path: Path, passphrase: str | None = None):
    global _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from mediator_desk.ui.main_window import MainWindow
    from mediator_desk.ui.settings import Settings

    _app = QApplication.instance() or QApplication([])
    settings = QSettings(str(_settings_folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Settings(settings), automatic_backups=False)
    window.resize(1280, 800)
    window.show()
    if not window.open_casefile(path, create=False, passphrase=passphrase):
        raise RuntimeError(f"could not open {path}")
    while window.casefile_check_running:
        _app.processEvents()
    _app.processEvents()
    return _app, window


def open_case_ms(path: Path) -> float:
    """p95 of opening a case with all its tabs filled, over 30 cases across the file."""
    with working_copy(path) as copy:
        app, window = open_window(copy)
        model = window.casebook.model
        rows = model.rowCount()
        ids = [model.case_id(n * max(1, rows // 30)) for n in range(30)]
        window.show_case(ids[-1])  # builds the tabs, as the app does when idle after start-up
        times = []
        for case_id in ids:
            start = time.perf_counter()
            window.show_case(case_id)
            app.processEvents()
            times.append(ms_since(start))
        window.close_casefile()
        return percentile(times, 0.95)


def search_ms(path: Path) -> float:
    """p95 from a key pressed in the search box to the filtered casebook painted, typed at a
    person's pace (150 ms between keys): the key event itself, the search the window runs
    when the event loop is next free, and the first paint of the list after it."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest

    from tests.benchmarks.day import TYPING_PAUSE_MS, pump

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None
            self.armed = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.armed and self.at is None and event.type() == QEvent.Type.Paint:
                self.at = time.perf_counter()
            return False

    with working_copy(path) as copy:
        app, window = open_window(copy)
        casebook = window.casebook
        painted = Painted()
        casebook.table.viewport().installEventFilter(painted)
        casebook.model.modelReset.connect(lambda: setattr(painted, "armed", True))
        times = []
        for text in TYPED:
            casebook.search_box.setFocus()
            for char in text:
                painted.at, painted.armed = None, False
                start = time.perf_counter()
                QTest.keyClicks(casebook.search_box, char)
                while painted.at is None and time.perf_counter() - start < 5:
                    app.processEvents()
                    if painted.armed and not casebook.table.isVisible():
                        painted.at = time.perf_counter()  # "no case matches" shows instead
                if painted.at is not None:
                    times.append((painted.at - start) * 1000)
                pump(TYPING_PAUSE_MS)
            casebook.search_box.clear()
            pump(300)
        casebook.table.viewport().removeEventFilter(painted)
        window.close_casefile()
        return percentile(times, 0.95)


def report_ms(path: Path) -> tuple[float, float]:
    """The service report for a financial year: reading the casebook's anonymous facts (on a
    worker, through its own connection), then counting every figure."""
    from mediator_desk.domain.reporting import ReportFilter, build_report
    from mediator_desk.services import open_desk
    from tests.benchmarks.casefiles import TODAY

    desk = open_desk(path, read_only=True, create=False, today=lambda: TODAY)
    try:
        start = time.perf_counter()
        cases = desk.report_cases()
        read = ms_since(start)
        start = time.perf_counter()
        build_report(cases, ReportFilter(dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
                     desk.calendar(), TODAY)  # fmt: skip
        return read, ms_since(start)
    finally:
        desk.close()


def autosave_ms(path: Path, passphrase: str | None) -> tuple[float, float]:
    """p50 and p95 of saving one edit to a case's notes, as the autosave does it (written in
    its own transaction, the casebook row and heading updated)."""
    with working_copy(path) as copy:
        _app, window = open_window(copy, passphrase)
        window.show_case(window.casebook.model.case_id(0))
        notes = window.workspace.overview.notes
        saver = window.workspace.overview.autosaver
        times = []
        for n in range(200):
            notes.insertPlainText(f" edit {n}")
            start = time.perf_counter()
            saver.flush()
            times.append(ms_since(start))
        window.close_casefile()
        return statistics.median(times), percentile(times, 0.95)


def autosave_timer_ms(path: Path, edits: int = 30) -> float:
    """p95, over edits made after a pause, of the longest stretch the GUI thread was away from
    the event loop in the second after a key typed into a case's notes: the key, the autosave
    its timer runs half a second later, and everything the window does after a save (the
    casebook row, the heading, the dashboard), as a person at the keyboard would feel it."""
    from PySide6.QtTest import QTest

    from mediator_desk.ui.autosave import SAVE_AFTER_MS
    from tests.benchmarks.day import Watchdog, pump

    with working_copy(path) as copy:
        _app, window = open_window(copy)
        window.show_case(window.casebook.model.case_id(0))
        notes = window.workspace.overview.notes
        notes.setFocus()
        saver = window.workspace.overview.autosaver
        watchdog = Watchdog()
        worst = []
        for n in range(edits):
            pump(700)  # idle, as between thoughts
            watchdog.during(f"edit {n}")
            QTest.keyClicks(notes, "x")
            pump(SAVE_AFTER_MS + 500)
            if saver.pending:
                raise RuntimeError("the autosave did not run")
            worst.append(max(watchdog.gaps[f"edit {n}"]))
        watchdog.stop()
        window.close_casefile()
        return percentile(worst, 0.95)


# -- documents -----------------------------------------------------------------------------------
def document_cases(desk):
    """(kind, case, recipient) for every document kind, from the demo cases, with one
    statement made exactly STATEMENT_PAGES long (nine issues of discussion points)."""
    from mediator_desk.documents.build import KINDS
    from mediator_desk.domain.statement import Issue, Outcome

    desk.load_demo_cases()
    sian = desk.case_by_reference("MD-2026-0002")

    def points(count: int) -> str:
        return "\n".join(f"- Point {k}: " + "the parties discussed " * 10 for k in range(count))

    for n in range(8):
        desk.statement.issues.add(
            sian.id, Issue(f"Issue {n + 1}", points(30), Outcome.PARTLY_AGREED)
        )
    # A last issue as long as makes the statement exactly STATEMENT_PAGES pages.
    last = desk.statement.issues.add(sian.id, Issue("Issue 9", "", Outcome.PARTLY_AGREED))
    low, high = 0, 60
    while low < high:
        middle = (low + high + 1) // 2
        desk.statement.issues.update(last.id, {"discussion": points(middle)})
        if statement_pages(desk, sian.id) <= STATEMENT_PAGES:
            low = middle
        else:
            high = middle - 1
    desk.statement.issues.update(last.id, {"discussion": points(low)})
    if statement_pages(desk, sian.id) != STATEMENT_PAGES:
        raise RuntimeError(f"the long statement is not {STATEMENT_PAGES} pages")
    # Two demo cases get the dates their certificates need.
    oliver = desk.case_by_reference("MD-2026-0001")
    desk.update_case(
        oliver.id, {"declined_on": dt.date(2026, 11, 20), "la_informed": dt.date(2026, 11, 16)}
    )
    maryam = desk.case_by_reference("MD-2026-0005")
    desk.update_case(maryam.id, {"la_cannot_arrange": dt.date(2026, 11, 18)})
    cases = [desk.case_by_reference(f"MD-2026-{n:04d}") for n in range(1, 8)]
    chosen: dict[str, tuple[object, int | None]] = {"outcome-statement": (sian, None)}
    for kind in KINDS:
        for case in cases:
            if kind in chosen:
                break
            recipients = sorted(desk.child_views.get(case.id).share_with) or [None]
            try:
                desk.documents.build(case, kind, recipients[0])
            except Exception:
                continue
            chosen[kind] = (case, recipients[0])
    missing = set(KINDS) - set(chosen)
    if missing:
        raise RuntimeError(f"no demo case can make {', '.join(sorted(missing))}")
    return [(kind, *chosen[kind]) for kind in KINDS]


STATEMENT_PAGES = 20


def statement_pages(desk, case_id: int) -> int:
    from pypdf import PdfReader

    from mediator_desk.documents.export import render

    document = desk.documents.build(desk.case(case_id), "outcome-statement")
    return len(PdfReader(io.BytesIO(render(document, "pdf"))).pages)


def export_process_ms(casefile: Path, folder: Path, reference: str) -> float:
    """Our whole process, as LibreOffice's is timed: `mediator-desk document` writing the
    statement's PDF, from starting Python to the file written (best of three)."""
    command = [
        sys.executable, "-m", "mediator_desk", "document", reference, "outcome-statement",
        "--draft", "--format", "pdf", "--out", str(folder), "--force", "--casefile", str(casefile),
    ]  # fmt: skip
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=300, check=True, cwd=ROOT)
        times.append(ms_since(start))
    return min(times)


def signing_import_ms() -> float:
    """Loading the signature library in a fresh process, as the first signed export or check of
    a session does (on a worker): the best of three."""
    code = (
        "import time; t = time.perf_counter(); "
        "import pyhanko.sign.signers, pyhanko.sign.validation, cryptography.x509; "
        "print((time.perf_counter() - t) * 1000)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, timeout=120, check=True) for _ in range(4)]  # fmt: skip
    return min(float(run.stdout) for run in runs[1:])  # the first compiles the modules


def signing_figures(desk, runs: int) -> dict[str, float]:
    """Signing the 20-page statement's PDF and checking it, warm (the library loaded)."""
    from mediator_desk.documents.export import render
    from mediator_desk.documents.signing import read_signature, sign

    identity = desk.signing.ensure_identity()
    sian = desk.case_by_reference("MD-2026-0002")
    pdf = render(desk.documents.build(sian, "outcome-statement"), "pdf")
    record = {"case": "MD-2026-0002", "kind": "outcome-statement", "version": "1"}
    when = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    signed = sign(pdf, identity, record, "Outcome statement", when)  # warm
    assert read_signature(signed).unchanged
    signing, checking = [], []
    for _ in range(max(5, runs)):
        start = time.perf_counter()
        signed = sign(pdf, identity, record, "Outcome statement", when)
        signing.append(ms_since(start))
        start = time.perf_counter()
        read_signature(signed)
        checking.append(ms_since(start))
    return {
        "sign_pdf": statistics.median(signing),
        "verify_pdf": statistics.median(checking),
        "signing_import": signing_import_ms(),
    }


def export_figures(runs: int, with_libreoffice: bool) -> dict[str, float]:
    from mediator_desk.documents.export import render
    from mediator_desk.services import open_desk

    figures: dict[str, float] = {}
    folder = Path(tempfile.mkdtemp(prefix="mdesk-bench-docs-"))
    desk = open_desk(
        folder / "documents.mdesk",
        today=lambda: dt.date(2026, 11, 23),
        clock=lambda: dt.datetime(2026, 11, 23, 9, 30),
    )
    try:
        for kind, case, recipient in document_cases(desk):
            document = desk.documents.build(case, kind, recipient)
            for fmt in ("pdf", "docx"):
                render(document, fmt)  # warm: modules imported, fonts registered
                times = []
                for _ in range(max(5, runs)):
                    start = time.perf_counter()
                    render(document, fmt)
                    times.append(ms_since(start))
                figures[f"export_{kind}_{fmt}"] = statistics.median(times)
        figures |= signing_figures(desk, runs)
        if with_libreoffice and shutil.which("soffice"):
            sian = desk.case_by_reference("MD-2026-0002")
            document = desk.documents.build(sian, "outcome-statement")
            docx = folder / "outcome-statement.docx"
            docx.write_bytes(render(document, "docx"))
            profile = (folder / "lo-profile").as_uri()
            command = [
                "soffice", f"-env:UserInstallation={profile}", "--headless",
                "--convert-to", "pdf", "--outdir", str(folder), str(docx),
            ]  # fmt: skip
            subprocess.run(command, capture_output=True, timeout=300)  # first run makes a profile
            times = []
            for _ in range(max(3, runs)):
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, timeout=300, check=True)
                times.append(ms_since(start))
            figures["libreoffice_pdf"] = statistics.median(times)
            figures["pdf_speedup"] = (
                figures["libreoffice_pdf"] / figures["export_outcome-statement_pdf"]
            )
            ours = export_process_ms(desk.path, folder, "MD-2026-0002")
            figures["export_process_pdf"] = ours
            figures["pdf_speedup_process"] = figures["libreoffice_pdf"] / ours
    finally:
        desk.close()
        shutil.rmtree(folder, ignore_errors=True)
    return figures


# -- the table -----------------------------------------------------------------------------------
def figures_for(sizes: tuple[int, ...]) -> list[Figure]:
    from mediator_desk.documents.build import KINDS

    large = max(sizes)
    found = [
        Figure(
            f"cold_start_{n}",
            f"Start-up to input (tabs built), {n:,} cases",
            "ms",
            800 if n == 2000 else None,
        )
        for n in sizes
    ]
    found += [
        Figure("open_case", f"Open a case, all tabs filled (p95), {large:,} cases", "ms", 100),
        Figure("autosave_p50", f"Autosave one edit (p50), {large:,} cases", "ms", None),
        Figure("autosave_p95", f"Autosave one edit (p95), {large:,} cases", "ms", 5),
        Figure(
            "autosave_timer_p95",
            f"Autosave through its timer after a pause: longest GUI stall (p95), {large:,} cases",
            "ms",
            16,
        ),
        Figure("autosave_encrypted_p50", "Autosave one edit (p50), encrypted", "ms", None),
        Figure("autosave_encrypted_p95", "Autosave one edit (p95), encrypted", "ms", 5),
        Figure(
            "search", f"Search: key to painted list at typing pace (p95), {large:,} cases", "ms", 30
        ),
        Figure("peak_rss", f"Peak memory, {large:,} cases open and browsed", "MB", 250),
        Figure("report_read", f"Service report: read the casebook, {large:,} cases", "ms", None),
        Figure("report_count", f"Service report: count a year, {large:,} cases", "ms", None),
    ]
    found += [Figure(key, label, "statements") for key, label in COUNTED_LABELS.items()]
    found.append(Figure(*PACE, "ms"))
    found += [
        Figure(key, label, "ms", 16 if key in ("presenter_worst", "presenter_cpu_worst") else None)
        for key, label in PRESENTER_LABELS.items()
    ]
    for kind, label in KINDS.items():
        for fmt in ("pdf", "docx"):
            long = f" ({STATEMENT_PAGES} pages)" if kind == "outcome-statement" else ""
            found.append(Figure(f"export_{kind}_{fmt}", f"Export {label}{long}, {fmt}", "ms"))
    found += [
        Figure("sign_pdf", f"Sign the outcome statement's PDF ({STATEMENT_PAGES} pages)", "ms"),
        Figure("verify_pdf", f"Verify a signed PDF ({STATEMENT_PAGES} pages)", "ms"),
        Figure("signing_import", "Load the signature library, once a session (worker)", "ms"),
        *(
            Figure(key, label, UNITS.get(key, "ms"), 2 if key.startswith("spelling_key") else None)
            for key, label in SPELLING_LABELS.items()
        ),
        Figure("libreoffice_pdf", "LibreOffice: our .docx statement to PDF (whole process)", "ms"),
        Figure(
            "pdf_speedup",
            "Our PDF export (warm, in the app), times faster than LibreOffice's whole process",
            "×",
            20,
            True,
        ),
        Figure("export_process_pdf", "Our PDF export as a whole process (`document`)", "ms"),
        Figure(
            "pdf_speedup_process",
            "Our PDF export, whole process against whole process, times faster",
            "×",
            None,
            True,
        ),
    ]
    return found


def measure(sizes: tuple[int, ...], runs: int, cache: Path | None, libreoffice: bool) -> dict:
    files = {n: casefile(n, cache) for n in sizes}
    large = files[max(sizes)]
    encrypted = encrypted_copy(large)
    results: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        results.setdefault(key, []).append(value)

    paces = [pace_ms()]
    cold_start_ms(files[min(sizes)])  # the first start after a change compiles the modules
    for run in range(runs):
        print(f"  run {run + 1} of {runs} …", flush=True)
        for n, path in files.items():
            add(f"cold_start_{n}", cold_start_ms(path))
        add("open_case", open_case_ms(large))
        add("search", search_ms(large))
        p50, p95 = autosave_ms(large, None)
        add("autosave_p50", p50)
        add("autosave_p95", p95)
        add("autosave_timer_p95", autosave_timer_ms(large))
        p50, p95 = autosave_ms(encrypted, PASSPHRASE)
        add("autosave_encrypted_p50", p50)
        add("autosave_encrypted_p95", p95)
        add("peak_rss", peak_rss_mb(large))
        read, count = report_ms(large)
        add("report_read", read)
        add("report_count", count)
        for key, value in presenter_typing_ms().items():
            add(key, value)
        for key, value in counted_work(large).items():
            add(key, value)
    for key, value in export_figures(runs, libreoffice).items():
        add(key, value)
    for key, value in spelling_figures().items():
        add(key, value)
    add(PACE[0], max([*paces, pace_ms()]))  # the slower of before and after
    return {key: statistics.median(values) for key, values in results.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def slowdown(values: dict[str, float], recorded: dict[str, float]) -> float:
    """How much slower the machine's pace is now than when the figures were recorded."""
    if PACE[0] in values and recorded.get(PACE[0]):
        return max(1.0, values[PACE[0]] / recorded[PACE[0]])
    return 1.0


def table(
    figures: list[Figure], values: dict[str, float], recorded: dict[str, float], quick: bool = False
) -> str:
    lines = [
        "| Measure | Figure | Target | Recorded |",
        "|---|---:|---:|---:|",
    ]
    for figure in figures:
        if figure.key not in values:
            continue
        value = values[figure.key]
        decimals = 0 if value >= 100 else 1
        shown = f"{value:,.{decimals}f} {figure.unit}"
        verdict = figure.meets(value)
        target = ""
        if figure.target is not None:
            sign = "≥" if figure.higher_is_better else "≤"
            target = f"{sign} {figure.target:g} {figure.unit} " + ("✔" if verdict else "✘")
        before = recorded.get(figure.key)
        old = f"{before:,.{decimals}f}" if before is not None else "–"
        if before is not None and figure.regressed(
            value, before, quick, slowdown(values, recorded)
        ):
            old += " ⚠ regression"
        lines.append(f"| {figure.label} | {shown} | {target} | {old} |")
    return "\n".join(lines)


def regressions(
    figures: list[Figure], values: dict[str, float], recorded: dict[str, float], quick: bool = False
) -> list[str]:
    """Figures worse than recorded by more than the allowance (Figure.regressed)."""
    return [
        f"{f.label}: {values[f.key]:.1f} {f.unit}, recorded {recorded[f.key]:.1f} {f.unit}"
        for f in figures
        if f.key in values
        and f.key in recorded
        and f.regressed(values[f.key], recorded[f.key], quick, slowdown(values, recorded))
    ]


def record(values: dict[str, float], figures: list[Figure], runs: int, where: Path) -> None:
    data = {
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        "runs": runs,
        "figures": {k: round(v, 2) for k, v in sorted(values.items())},
    }
    if where.exists() and "quick" in (old := json.loads(where.read_text(encoding="utf-8"))):
        data["quick"] = old["quick"]  # recorded apart, by --quick --record
    where.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        if TABLE_START in text and TABLE_END in text:
            head, rest = text.split(TABLE_START, 1)
            _, tail = rest.split(TABLE_END, 1)
            body = (
                f"\nMeasured on {data['machine']}, {data['date']}; each figure is the median "
                f"of {runs} runs.\n\n{table(figures, values, {})}\n"
            )
            DOC.write_text(head + TABLE_START + body + TABLE_END + tail, encoding="utf-8")


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 dev.py bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median); 3")
    parser.add_argument("--record", action="store_true", help="save these figures as recorded")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one run on a 30-case file, no LibreOffice, judged against the recorded quick figures",
    )
    parser.add_argument("--cache", type=Path, help="where generated case files are kept")
    parser.add_argument("--recorded", type=Path, default=RECORDED, help=argparse.SUPPRESS)
    parser.add_argument("--memory-scenario", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_scenario:
        memory_scenario(args.memory_scenario)
        return 0
    sizes = (30,) if args.quick else SIZES
    runs = 1 if args.quick else args.runs
    out(f"Mediator Desk benchmarks on {machine()}")
    values = measure(sizes, runs, args.cache, libreoffice=not args.quick)
    figures = figures_for(sizes)
    saved = json.loads(args.recorded.read_text(encoding="utf-8")) if args.recorded.exists() else {}
    recorded = saved.get("quick", {}) if args.quick else saved.get("figures", {})
    out("")
    out(table(figures, values, recorded, args.quick))
    missed = [f.label for f in figures if f.key in values and f.meets(values[f.key]) is False]
    if missed:
        out("\nTargets not met: " + "; ".join(missed))
    if args.record and args.quick:
        saved["quick"] = {k: round(v, 2) for k, v in sorted(values.items())}
        args.recorded.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
        out(f"\nRecorded the quick figures in {args.recorded.name}.")
        return 0
    if args.record:
        record(values, figures, runs, args.recorded)
        out(f"\nRecorded in {args.recorded.relative_to(ROOT)} and {DOC.relative_to(ROOT)}.")
        return 0
    worse = regressions(figures, values, recorded, args.quick)
    if worse:
        out("\nRegressions (worse than the recorded figure allows):\n  " + "\n  ".join(worse))
        return 1
    if args.quick and not recorded:
        out("\nNo recorded quick figures to judge against: `--quick --record` saves them.")
        return 1
    out(f"\nNo regression against the {len(recorded)} recorded figures.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
