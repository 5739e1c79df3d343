"""The service report window: figures for a period, filters, charts, anonymised exports."""

from __future__ import annotations

import csv
import datetime as dt
import os
import threading

import pytest
from PySide6.QtCore import Qt, QThreadPool

from mediator_desk.domain.case import CaseKind
from mediator_desk.domain.reporting import ReportFilter
from mediator_desk.reports.shown import shown_report
from mediator_desk.ui.casebook import RELOAD_DELAY_MS
from mediator_desk.ui.reports import (
    RECOUNT_DELAY_MS,
    financial_year,
    nice_step,
    periods,
    quarter,
)

D = dt.date


def wait_for_report(qtbot, reports):
    with qtbot.waitSignal(reports.report_ready, timeout=10000) as ready:
        pass
    return ready.args[0]


@pytest.fixture
def reports(qtbot, window):
    window.desk.load_demo_cases()
    window.casebook.refresh()
    window.show_reports()
    reports = window.reports_window
    qtbot.waitUntil(lambda: reports.report is not None and not reports.busy, timeout=10000)
    return reports


def table_rows(tree):
    rows = {}
    for i in range(tree.topLevelItemCount()):
        parent = tree.topLevelItem(i)
        rows[parent.text(0)] = {
            parent.child(j).text(0): parent.child(j).text(1) for j in range(parent.childCount())
        } | {"": parent.text(1)}
    return rows


def test_periods_offered():
    assert financial_year(D(2026, 11, 23)) == (D(2026, 4, 1), D(2027, 3, 31))
    assert financial_year(D(2027, 3, 31)) == (D(2026, 4, 1), D(2027, 3, 31))
    assert quarter(D(2026, 11, 23)) == (D(2026, 10, 1), D(2026, 12, 31))
    assert quarter(D(2026, 11, 23), 1) == (D(2026, 7, 1), D(2026, 9, 30))
    assert quarter(D(2026, 2, 1), 1) == (D(2025, 10, 1), D(2025, 12, 31))
    labels = [label for label, _ in periods(D(2026, 11, 23))]
    assert labels[0] == "This financial year" and labels[-1] == "Chosen dates"
    assert [nice_step(n) for n in (1, 5, 6, 12, 40, 230)] == [1, 1, 2, 5, 10, 50]


def test_the_window_shows_the_figures_the_desk_counts(qtbot, reports, window):
    start, end = financial_year(D(2026, 11, 23))
    expected = window.desk.service_report(ReportFilter(start, end))
    rows = table_rows(reports.table)
    assert rows["Enquiries"][""] == str(expected.section("enquiries").total) == "7"
    assert rows["Enquiries"]["Mediation"] == "6"
    meetings = expected.section("meetings").total
    assert rows["Meetings held"][""] == str(meetings)
    assert f"{meetings} meetings held" in reports.status.text()
    chart = reports.months_chart.chart()
    bars = chart.series()[0].barSets()
    assert [b.label() for b in bars] == ["Enquiries", "Meetings held"]
    assert sum(bars[0].at(i) for i in range(bars[0].count())) == 7
    assert bars[0].count() == 12  # April to March
    november = expected.months[7]
    assert november.label == "Nov 2026"
    assert (
        f"Nov 2026: {november.enquiries} enquiries, {november.meetings} meetings"
        in reports.months_chart.accessibleDescription()
    )


def test_filters_recount(qtbot, reports):
    names = [reports.authority.itemText(i) for i in range(reports.authority.count())]
    assert names[0] == "All local authorities" and "Eastwold City Council" in names
    reports.authority.setCurrentIndex(names.index("Eastwold City Council"))
    report = wait_for_report(qtbot, reports)
    assert report.filter.local_authority == "Eastwold City Council"
    assert report.section("enquiries").total == 2
    reports.kind.setCurrentIndex(reports.kind.findData(CaseKind.DISAGREEMENT_RESOLUTION))
    report = wait_for_report(qtbot, reports)
    assert report.filter.kind is CaseKind.DISAGREEMENT_RESOLUTION
    # Typed dates switch the period to "Chosen dates"; an end before the start is explained.
    reports.end.edit.setFocus()
    reports.end.edit.clear()
    qtbot.keyClicks(reports.end.edit, "01/01/2026")
    reports.end.edit.editingFinished.emit()
    assert reports.period.currentData() is None
    qtbot.waitUntil(lambda: "ends before it starts" in reports.status.text(), timeout=3000)


def test_show_as_exported_hides_small_counts(qtbot, reports):
    assert table_rows(reports.table)["Enquiries"]["Disagreement resolution"] == "1"
    reports.as_exported.setChecked(True)
    rows = table_rows(reports.table)
    assert rows["Enquiries"]["Disagreement resolution"] == "<5"
    assert rows["Enquiries"]["Mediation"] == "[c]"  # 6 = 7 - 1 would give the 1 away
    assert rows["Enquiries"][""] == "7"
    # Exactly what the exported files show.
    shown = shown_report(reports.report)
    assert [f.count for f in shown.section("enquiries").figures] == ["[c]", "<5"]
    reports.as_exported.setChecked(False)
    assert table_rows(reports.table)["Enquiries"]["Disagreement resolution"] == "1"


def test_export_csv_from_the_window(qtbot, reports, tmp_path):
    written = []
    reports.export(tmp_path / "report", "csv", written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=10000)
    path = written[0]
    assert path.name == "report.csv" and path.exists()
    text = path.read_text(encoding="utf-8-sig")
    assert list(csv.reader(text.splitlines()))
    assert "Saved report.csv" in reports.status.text()
    assert "Siân" not in text and "Llewelyn" not in text


def test_the_menu_opens_it_and_closing_the_file_closes_it(qtbot, window):
    assert window.reports_action.shortcut().toString() == "Ctrl+Shift+R"
    window.reports_action.trigger()
    reports = window.reports_window
    assert reports is not None and reports.isVisible()
    qtbot.waitUntil(lambda: reports.report is not None, timeout=10000)
    window.close_casefile()
    assert window.reports_window is None
    assert not window.reports_action.isEnabled()


def test_the_report_has_no_keyboard_dead_ends(qtbot, reports):
    from tests.gui.test_accessibility import page_problems

    assert page_problems(reports) == {}
    reports.period.setFocus()
    qtbot.keyClick(reports.period, Qt.Key.Key_Tab)
    assert reports.start.edit.hasFocus()


def test_a_closed_window_never_reads_the_file_again(qtbot, window):
    """Work scheduled just before the window closed (a debounced recount, a reading on a
    worker) must not touch the case file after it closes: it may be closed by then."""
    window.desk.load_demo_cases()
    window.show_reports()
    reports = window.reports_window
    qtbot.waitUntil(lambda: reports.report is not None and not reports.busy, timeout=10000)
    reports.kind.setCurrentIndex(1)  # starts the recount timer
    reports.reload()  # and a reading on a worker
    assert reports.busy
    reports.close()
    window.casebook.set_source(None)  # what closing the case file does next: the casebook
    window.desk.casefile.close()  # lets go (its own re-check is not under test), then the file
    QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(RECOUNT_DELAY_MS + 100)  # past the debounce: nothing may fire
    window.reports_window = None
    window.close_casefile(force=True)  # the rest of closing: the casebook lets go of the file
    qtbot.wait(RELOAD_DELAY_MS + 100)  # past the casebook's own re-check after the demo cases


def test_the_window_is_idle_only_once_every_count_has_reported(qtbot, reports, tmp_path):
    """Nothing scheduled at start-up overwrites a later status (an export's 'Saved')."""
    qtbot.waitUntil(lambda: not reports.busy, timeout=10000)
    counted = []
    reports.report_ready.connect(counted.append)
    written = []
    reports.export(tmp_path / "report", "csv", written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=10000)
    qtbot.wait(RECOUNT_DELAY_MS + 100)
    assert counted == []
    assert reports.status.text().startswith("Saved report.csv")


def test_the_report_reads_and_counts_in_a_process_of_its_own(qtbot, window, monkeypatch):
    """Reading every case's facts is seconds of pure Python at 50,000 cases; on a worker
    thread it held the interpreter's lock, and a search typed meanwhile waited up to 2.4 s.
    The window now never reads or counts the cases itself: broken here, in this process, the
    report still comes, from its own; and closing the report ends that process."""
    from mediator_desk.domain import reporting

    def not_here(*_args, **_kwargs):
        raise AssertionError("the window's own process read or counted the cases")

    monkeypatch.setattr(reporting.ReportCase, "from_case", not_here)
    monkeypatch.setattr(reporting, "build_report", not_here)
    window.desk.load_demo_cases()
    window.show_reports()
    reports = window.reports_window
    report = wait_for_report(qtbot, reports)
    assert report.cases_considered > 0
    process = reports._process._process
    assert process.is_alive() and process.pid != os.getpid()
    reports.close()
    qtbot.waitUntil(lambda: not process.is_alive())


def test_closing_the_report_does_not_wait_for_its_process_to_end(qtbot, window, monkeypatch):
    """A process that has read 50,000 cases takes a tenth of a second to exit; the report
    window waited for it as it closed. A thread of its own waits now, and ends it if it does
    not stop."""
    window.desk.load_demo_cases()
    window.show_reports()
    reports = window.reports_window
    wait_for_report(qtbot, reports)
    process = reports._process._process
    waited_on: list[threading.Thread] = []
    real_join = process.join

    def join(timeout=None):
        waited_on.append(threading.current_thread())
        real_join(timeout)

    monkeypatch.setattr(process, "join", join)
    reports.close()
    qtbot.waitUntil(lambda: not process.is_alive())
    qtbot.waitUntil(lambda: bool(waited_on))
    assert threading.main_thread() not in waited_on
    assert process.exitcode == 0  # it was asked to stop, and stopped
