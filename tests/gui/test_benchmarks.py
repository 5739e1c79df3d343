"""The benchmark script keeps working (its figures are measured by `python3 dev.py bench`; here
only that it runs and judges regressions as documented)."""

from __future__ import annotations

import json

from tests.benchmarks import run


def test_quick_run_measures_every_figure(qtbot, tmp_path):
    lines: list[str] = []
    code = run.main(["--quick", "--cache", str(tmp_path / "cache")], out=lines.append)
    assert code == 0
    text = "\n".join(lines)
    for label in (
        "Start-up to a listed casebook, 30 cases",
        "Open a case, all tabs filled (p95), 30 cases",
        "Autosave one edit (p95), encrypted",
        "Search: keystroke to filtered list (p95), 30 cases",
        "Peak memory, 30 cases open and browsed",
        "Presenter refresh while typing, GUI thread (worst)",
        "Export Outcome statement (about 20 pages), pdf",
        "Export The child's views (one-page profile), docx",
        "Export Certificate: not arranged within 30 days, pdf",
    ):
        row = next(line for line in text.splitlines() if line.startswith(f"| {label} |"))
        figure = row.split("|")[2].split()[0].replace(",", "")
        assert float(figure) > 0, row
    assert "⚠ regression" not in text


def figures():
    return run.figures_for((100, 2000, 10000))


def test_a_figure_twice_as_bad_as_recorded_is_a_regression():
    recorded = {"search": 10.0, "pdf_speedup": 40.0, "open_case": 50.0}
    values = {"search": 20.5, "pdf_speedup": 19.0, "open_case": 99.0}
    worse = run.regressions(figures(), values, recorded)
    assert len(worse) == 2
    assert worse[0].startswith("Search: keystroke to filtered list (p95), 10,000 cases: 20.5 ms")
    assert worse[1].startswith("Our PDF export, times faster than LibreOffice: 19.0")
    assert run.regressions(figures(), {"search": 19.9}, recorded) == []


def test_the_table_marks_targets_and_regressions():
    text = run.table(figures(), {"search": 31.0, "cold_start_2000": 640.0}, {"search": 12.0})
    assert (
        "| Search: keystroke to filtered list (p95), 10,000 cases | 31.0 ms | ≤ 30 ms ✘ |" in text
    )
    assert "12.0 ⚠ regression" in text
    assert "| Start-up to a listed casebook, 2,000 cases | 640 ms | ≤ 800 ms ✔ | – |" in text


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
    assert "| Search: keystroke to filtered list (p95), 10,000 cases | 12.3 ms |" in text
