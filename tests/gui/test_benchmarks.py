"""The benchmark script keeps working (its figures are measured by `python3 dev.py bench`; here
only that it runs and judges regressions as documented)."""

from __future__ import annotations

import json

import pytest

from tests.benchmarks import run

# label: (unit, lowest, highest) a working quick run can give, on any machine, busy or not
QUICK_FIGURES = {
    "Start-up to input (tabs built), 30 cases": ("ms", 50, 60_000),
    "Open a case, all tabs filled (p95), 30 cases": ("ms", 0.5, 20_000),
    "Autosave one edit (p50), 30 cases": ("ms", 0.05, 5_000),
    "Autosave one edit (p95), encrypted": ("ms", 0.05, 5_000),
    "Search: key to painted list at typing pace (p95), 30 cases": ("ms", 0.05, 5_000),
    "Peak memory, 30 cases open and browsed": ("MB", 40, 2_000),
    "Presenter refresh while typing, GUI thread (worst)": ("ms", 0.1, 20_000),
    "Export Outcome statement (20 pages), pdf": ("ms", 1, 60_000),
    "Export The child's views (one-page profile), docx": ("ms", 1, 60_000),
    "Export Certificate: not arranged within 30 days, pdf": ("ms", 1, 60_000),
    "SQL statements to open a case, all tabs filled (most)": ("statements", 1, 2_000),
    "SQL statements per search keystroke (most)": ("statements", 1, 200),
    "SQL statements to autosave one edit (most)": ("statements", 1, 500),
    "Machine pace: a fixed piece of pure-Python work (median of 7)": ("ms", 1, 10_000),
}
MADE_UP = "SQL statements to open a case, all tabs filled (most)"


def rows(text: str) -> dict[str, list[str]]:
    """The table's rows by label: [figure, target, recorded]."""
    return {
        cells[1].strip(): [c.strip() for c in cells[2:5]]
        for cells in (line.split("|") for line in text.splitlines() if line.startswith("| "))
    }


@pytest.mark.timeout(900)  # a whole benchmark run: minutes on a busy machine
def test_quick_run_measures_every_figure_and_fails_on_a_regression(qtbot, tmp_path):
    """One quick run, judged against recorded figures that are all far above anything it can
    measure but one, opening a case recorded as a single SQL statement: that one, and only
    that one, is reported, and the exit status is 1."""
    labels = {f.label: f.key for f in run.figures_for((30,))}
    recorded = {key: 1e6 for key in labels.values()} | {labels[MADE_UP]: 1}
    made_up = tmp_path / "recorded.json"
    made_up.write_text(json.dumps({"figures": {}, "quick": recorded}))
    lines: list[str] = []
    code = run.main(
        ["--quick", "--cache", str(tmp_path / "cache"), "--recorded", str(made_up)],
        out=lines.append,
    )
    text = "\n".join(lines)
    table = rows(text)
    for label, (unit, lowest, highest) in QUICK_FIGURES.items():
        figure, unit_shown = table[label][0].rsplit(" ", 1)
        assert unit_shown == unit, table[label]
        assert lowest <= float(figure.replace(",", "")) <= highest, (label, figure)
    for label in QUICK_FIGURES:
        if label.startswith("SQL statements"):  # counted: whole numbers
            assert float(table[label][0].split()[0].replace(",", "")).is_integer()
    assert [label for label, row in table.items() if "⚠ regression" in row[2]] == [MADE_UP]
    assert code == 1
    regressions = text.split("Regressions (worse than the recorded figure allows):", 1)[1]
    assert [line.strip().split(":")[0] for line in regressions.strip().splitlines()] == [MADE_UP]


def test_the_quick_check_judges_counts_tightly_and_times_by_the_machine_pace():
    quick = {f.key: f for f in run.figures_for((30,))}
    counted = quick["statements_open_case"]
    assert not counted.regressed(18, 10, quick=True, slowdown=10)
    assert counted.regressed(19, 10, quick=True)  # half again and three more
    assert counted.regressed(19, 10, quick=False)  # the same in the full run: a count is exact
    start = quick["cold_start_30"]
    assert not start.regressed(2200, 450, quick=True)  # five times: a busy machine, not a fault
    assert start.regressed(2300, 450, quick=True, slowdown=1.0)
    assert not start.regressed(4000, 450, quick=True, slowdown=2.0)  # the machine is twice as slow
    assert start.regressed(4600, 450, quick=True, slowdown=2.0)
    assert not quick["autosave_p50"].regressed(251, 1, quick=True)  # a quarter second at least
    assert quick["autosave_p50"].regressed(252, 1, quick=True)
    for noisy in ("open_case", "presenter_worst", "presenter_stall", "machine_pace"):
        assert not quick[noisy].regressed(1e6, 1, quick=True), noisy
    assert run.slowdown({"machine_pace": 30.0}, {"machine_pace": 10.0}) == 3.0
    assert run.slowdown({"machine_pace": 5.0}, {"machine_pace": 10.0}) == 1.0


def test_the_quick_run_is_judged_against_the_recorded_quick_figures():
    """recorded.json holds figures for the quick check, every one it judges."""
    saved = json.loads(run.RECORDED.read_text(encoding="utf-8"))
    keys = {f.key for f in run.figures_for((30,))}
    with_libreoffice = {
        "libreoffice_pdf",
        "pdf_speedup",
        "export_process_pdf",
        "pdf_speedup_process",
    }
    assert set(saved["quick"]) >= keys - with_libreoffice
    assert saved["quick"]["machine_pace"] > 0


def figures():
    return run.figures_for((100, 2000, 10000))


def test_a_figure_twice_as_bad_as_recorded_is_a_regression():
    recorded = {"search": 10.0, "pdf_speedup": 40.0, "open_case": 50.0}
    values = {"search": 20.5, "pdf_speedup": 19.0, "open_case": 99.0}
    worse = run.regressions(figures(), values, recorded)
    assert len(worse) == 2
    assert worse[0].startswith(
        "Search: key to painted list at typing pace (p95), 10,000 cases: 20.5 ms"
    )
    assert worse[1].startswith(
        "Our PDF export (warm, in the app), times faster than LibreOffice's whole process: 19.0"
    )
    assert run.regressions(figures(), {"search": 19.9}, recorded) == []


def test_the_table_marks_targets_and_regressions():
    text = run.table(figures(), {"search": 31.0, "cold_start_2000": 640.0}, {"search": 12.0})
    assert (
        "| Search: key to painted list at typing pace (p95), 10,000 cases | 31.0 ms | ≤ 30 ms ✘ |"
        in text
    )
    assert "12.0 ⚠ regression" in text
    assert "| Start-up to input (tabs built), 2,000 cases | 640 ms | ≤ 800 ms ✔ | – |" in text


def test_record_writes_the_figures_and_the_documented_table(tmp_path, monkeypatch):
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\n{run.TABLE_START}\nold\n{run.TABLE_END}\n\nHow to rerun.\n")
    monkeypatch.setattr(run, "DOC", doc)
    recorded = tmp_path / "recorded.json"
    run.record({"search": 12.345, "open_case": 40.0}, figures(), 3, recorded)
    data = json.loads(recorded.read_text())
    assert data["figures"] == {"open_case": 40.0, "search": 12.35} and data["runs"] == 3
    text = doc.read_text()
    assert "old" not in text and "How to rerun." in text
    assert "median of 3 runs" in text
    assert "| Search: key to painted list at typing pace (p95), 10,000 cases | 12.3 ms |" in text
