"""Tools ▸ Service report: what happened across the casebook in a period, by local authority
and kind, with charts and tables, exported anonymised as CSV, PDF or JSON for the authorities
that commission the service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalPercentBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.case import CaseKind
from ..domain.dates import long_date, month_name
from ..domain.reporting import (
    AGREED_ALL,
    AGREED_NONE,
    AGREED_SOME,
    NO_OUTCOME,
    ReportFilter,
    ServiceReport,
)
from ..reports.shown import SUPPRESSION_NOTE as EXPORT_NOTE
from ..reports.shown import days, nice_step, percent, shown_report
from ..services import Desk
from ..services.reporting import ReportProcess
from ..store.errors import CaseFileError
from .widgets.date_field import DateField
from .widgets.fields import combo, message_label, select_data
from .worker import failure_message, run_in_background

RECOUNT_DELAY_MS = 250
SUPPRESSION_NOTE = "Exported reports hide small counts, so no family can be identified."


def financial_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """The financial year (1 April to 31 March) that `today` is in."""
    start_year = today.year if today.month >= 4 else today.year - 1
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def quarter(today: dt.date, back: int = 0) -> tuple[dt.date, dt.date]:
    """A calendar quarter: the one `today` is in, or `back` quarters before it."""
    index = (today.year * 4 + (today.month - 1) // 3) - back
    year, number = divmod(index, 4)
    start = dt.date(year, number * 3 + 1, 1)
    after = dt.date(year + (number == 3), (number * 3 + 3) % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)


def periods(today: dt.date) -> list[tuple[str, tuple[dt.date, dt.date] | None]]:
    this_year = financial_year(today)
    last_year = financial_year(this_year[0] - dt.timedelta(days=1))
    return [
        ("This financial year", this_year),
        ("Last financial year", last_year),
        ("This quarter", quarter(today)),
        ("Last quarter", quarter(today, 1)),
        ("This calendar year", (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))),
        ("Last 12 months", (today - dt.timedelta(days=364), today)),
        ("Chosen dates", None),
    ]


def _unique(labels: list[str]) -> list[str]:
    """Category labels must differ: a second "Apr" (a period longer than a year) gets a
    zero-width space, which shows the same."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label + "\u200b" * (seen[label] - 1))
    return out


Row = tuple[str, str, str]  # label, count (or value), share (or basis)


def table_rows(report: ServiceReport, as_exported: bool) -> list[tuple[str, str, str, list[Row]]]:
    """Each section as the window lists it: (title, note, total, figures), with the counts as
    counted or, `as_exported`, exactly as the exported files show them."""
    if as_exported:
        return [
            (
                section.title,
                section.note,
                section.total or "",
                [
                    (f.label, _days(f.value) if section.measure else f.count,
                     f"over {f.count}" if section.measure else percent(f.share))
                    for f in section.figures
                ],
            )
            for section in shown_report(report).sections
        ]  # fmt: skip
    return [
        (
            section.title,
            section.note,
            "" if section.measure else str(section.total),
            [
                (f.label, _days(f.value), f"over {f.count}") if section.measure
                else (f.label, str(f.count), percent(f.share))
                for f in section.figures
            ],
        )
        for section in report.sections
    ]  # fmt: skip


def authority_rows(report: ServiceReport, as_exported: bool) -> list[tuple[str, ...]]:
    if as_exported:
        return [
            (a.local_authority, a.enquiries, a.meetings, a.certificates, a.agreed_cases)
            for a in shown_report(report).authorities
        ]
    return [
        (a.local_authority, *(str(n) for n in (a.enquiries, a.meetings, a.certificates,
                                                 a.agreed_cases)))
        for a in report.authorities
    ]  # fmt: skip


def _days(value: float | None) -> str:
    return "–" if value is None else f"{days(value)} days"


class ReportsWindow(QWidget):
    """Reads the casebook once (anonymous facts only), then recounts off the GUI thread as the
    filters change. `report_ready` is emitted with each new ServiceReport."""

    report_ready = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.today = desk.today()
        self.has_read = False  # whether the report's process has read the casebook
        self._process: ReportProcess | None = None  # started when the report first reads
        self.report: ServiceReport | None = None
        self._counting = 0  # which recount is the newest
        self._reading = 0  # which reading of the casebook is the newest
        self._settled = (0, 0)  # the newest reading and count that have reported
        self._closed = False
        self.setWindowTitle("Service report – Mediator Desk")
        self.setAccessibleName("Service report")

        self.period = combo("Period", periods(self.today))
        self.start = DateField("Period starts")
        self.end = DateField("Period ends")
        self.authority = combo("Local authority", [("All local authorities", "")])
        self.kind = combo(
            "Kind of case",
            [("Mediation and disagreement resolution", None)] + [(k.label, k) for k in CaseKind],
        )
        self.as_exported = QCheckBox("Show as &exported (small counts hidden)")
        self.as_exported.setAccessibleName("Show as exported, with small counts hidden")
        self.as_exported.setToolTip(EXPORT_NOTE)
        self.status = message_label("Report status")
        self.csv_button = QPushButton("Export &CSV…")
        self.pdf_button = QPushButton("Export &PDF…")
        self.json_button = QPushButton("Export &JSON…")
        for button, fmt in (
            (self.csv_button, "csv"),
            (self.pdf_button, "pdf"),
            (self.json_button, "json"),
        ):
            button.setToolTip(f"Save this report as {fmt.upper()}, anonymised: {SUPPRESSION_NOTE}")
            button.clicked.connect(lambda _c=False, f=fmt: self.choose_export(f))
            button.setEnabled(False)

        filters = QHBoxLayout()
        for text, widget in (("Pe&riod:", self.period), ("&From:", self.start)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.end)
        second = QHBoxLayout()
        for text, widget in (("Local &authority:", self.authority), ("&Kind:", self.kind)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            second.addWidget(caption)
            second.addWidget(widget, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.as_exported)
        buttons.addStretch(1)
        for button in (self.csv_button, self.pdf_button, self.json_button):
            buttons.addWidget(button)

        self.months_chart = QChartView()
        self.months_chart.setAccessibleName("Enquiries and meetings by month")
        self.months_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart_height = max(220, 15 * self.fontMetrics().height())  # more at large text sizes
        self.months_chart.setMinimumHeight(chart_height)
        self.outcomes_chart = QChartView()
        self.outcomes_chart.setAccessibleName("Outcomes by case")
        self.outcomes_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.outcomes_chart.setMinimumHeight(chart_height)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.months_chart)
        charts.addWidget(self.outcomes_chart)
        charts.setStretchFactor(0, 2)
        charts.setStretchFactor(1, 1)

        self.table = QTreeWidget()
        self.table.setAccessibleName("Report figures")
        self.table.setColumnCount(3)
        self.table.setHeaderLabels(["Figure", "Count", "Share"])
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.authorities = QTreeWidget()
        self.authorities.setAccessibleName("Figures by local authority")
        self.authorities.setRootIsDecorated(False)
        self.authorities.setHeaderLabels(
            ["Local authority", "Enquiries", "Meetings", "Certificates", "All agreed"]
        )
        self.authorities.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tables = QTabWidget()
        self.tables.addTab(self.table, "Fi&gures")
        self.tables.addTab(self.authorities, "&By local authority")
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(charts)
        body.addWidget(self.tables)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(second)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(body, 1)
        self.resize(1000, 760)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        self.period.currentIndexChanged.connect(self._period_chosen)
        for field in (self.start, self.end):
            field.date_changed.connect(self._dates_typed)
        for box in (self.authority, self.kind):
            box.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.as_exported.toggled.connect(lambda _on: self._show(self.report))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        self._period_chosen()
        self.status.setText("Reading the casebook…")
        QTimer.singleShot(0, self, self.reload)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing scheduled or still running may touch the case file once the window is
        # closed: the file is usually closed next.
        self._closed = True
        self._timer.stop()
        if self._process is not None:  # a reading or count still under way ends with it
            self._process.close()
            self._process = None
        self._reading += 1
        self._counting += 1
        self._settled = (self._reading, self._counting)
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self._closed:  # shown again after closing: read what changed meanwhile
            self._closed = False
            QTimer.singleShot(0, self, self.reload)
        super().showEvent(event)

    @property
    def busy(self) -> bool:
        """A reading or count is running or due (the figures shown may still change)."""
        return self._timer.isActive() or self._settled != (self._reading, self._counting)

    # -- filters ----------------------------------------------------------------------------
    def _period_chosen(self) -> None:
        chosen = self.period.currentData()
        if chosen is None:
            return
        self._setting_dates = True
        self.start.set_value(chosen[0])
        self.end.set_value(chosen[1])
        self._setting_dates = False
        self._timer.start()

    def _dates_typed(self, _value: object) -> None:
        if getattr(self, "_setting_dates", False):
            return
        select_data(self.period, None)
        self._timer.start()

    def set_period(self, start: dt.date, end: dt.date) -> None:
        select_data(self.period, None)
        self.start.set_value(start)
        self.end.set_value(end)
        self._timer.start()

    def current_filter(self) -> ReportFilter | None:
        start, end = self.start.value(), self.end.value()
        if start is None or end is None:
            self.status.setText("Enter the first and last day of the period.")
            return None
        if end < start:
            self.status.setText("✖ The period ends before it starts.")
            return None
        return ReportFilter(start, end, self.authority.currentData() or "", self.kind.currentData())

    # -- counting ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the casebook again (after changes elsewhere) in the report's own process
        (services/reporting.py), waited for on a worker thread, then recount."""
        if self._closed:
            return
        self.status.setText("Reading the casebook…")
        self._reading += 1
        number = self._reading
        if self._process is None:
            self._process = self.desk.report_process()
        process = self._process

        def failed(error: BaseException) -> None:
            self._settled = (self._reading, self._counting)
            self.status.setText(f"✖ The casebook could not be read: {failure_message(error)}")

        run_in_background(
            process.read,
            lambda names: self._read(names) if number == self._reading else None,
            failed,
            owner=self,
        )

    def _read(self, names: list[str]) -> None:
        self.has_read = True
        chosen = self.authority.currentData() or ""
        self.authority.blockSignals(True)
        self.authority.clear()
        self.authority.addItem("All local authorities", "")
        for name in names:
            self.authority.addItem(name, name)
        select_data(self.authority, chosen)
        self.authority.blockSignals(False)
        self.recount()

    def recount(self) -> None:
        if self._closed:
            return
        chosen = self.current_filter()
        if chosen is None or not self.has_read or self._process is None:
            if self.has_read:  # nothing to count until the period is put right
                self._settled = (self._reading, self._counting)
            return
        self._counting += 1
        number = self._counting
        process, holidays, today = self._process, self.desk.extra_holidays(), self.today
        self.status.setText("Counting…")

        def done(report: ServiceReport) -> None:
            if number == self._counting:  # a later recount supersedes this one
                self._settled = (self._reading, number)
                self._show(report)

        def failed(error: BaseException) -> None:
            if number == self._counting:
                self._settled = (self._reading, number)
                self.status.setText(f"✖ The report could not be counted: {failure_message(error)}")

        run_in_background(
            lambda: process.count(chosen, holidays, today),
            done,
            failed,
            owner=self,
        )

    # -- showing ----------------------------------------------------------------------------
    def _show(self, report: ServiceReport | None) -> None:
        if report is None:
            return
        self.report = report
        self.table.clear()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for title, note, total, figures in table_rows(report, self.as_exported.isChecked()):
            parent = QTreeWidgetItem([title, total, ""])
            parent.setToolTip(0, note)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setTextAlignment(1, right)
            for figure in figures:
                child = QTreeWidgetItem(list(figure))
                child.setToolTip(0, note)
                for column in (1, 2):
                    child.setTextAlignment(column, right)
                parent.addChild(child)
            self.table.addTopLevelItem(parent)
            parent.setExpanded(True)
        self.authorities.clear()
        for row in authority_rows(report, self.as_exported.isChecked()):
            item = QTreeWidgetItem(list(row))
            for column in range(1, 5):
                item.setTextAlignment(column, right)
            self.authorities.addTopLevelItem(item)
        self._draw_months(report)
        self._draw_outcomes(report)
        for button in (self.csv_button, self.pdf_button, self.json_button):
            button.setEnabled(True)
        enquiries = report.section("enquiries").total or 0
        meetings = report.section("meetings").total or 0
        self.status.setText(
            f"{report.filter.describe()}: {enquiries} enquiries, {meetings} meetings held. "
            + SUPPRESSION_NOTE
        )
        self.report_ready.emit(report)

    def _themed(self, chart: QChart, title: str) -> QChart:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundVisible(False)
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _draw_months(self, report: ServiceReport) -> None:
        chart = self._themed(QChart(), "Enquiries and meetings by month")
        enquiries = QBarSet("Enquiries")
        meetings = QBarSet("Meetings held")
        labels = []
        for month in report.months:
            enquiries.append(month.enquiries)
            meetings.append(month.meetings)
            labels.append(month_name(month.first_day))
        series = QBarSeries()
        series.append(enquiries)
        series.append(meetings)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(_unique(labels))
        small = axis_x.labelsFont()
        small.setPointSizeF(max(small.pointSizeF() - 1, 6))
        axis_x.setLabelsFont(small)
        if report.months:
            first, last = report.months[0], report.months[-1]
            axis_x.setTitleText(first.label if first is last else f"{first.label} to {last.label}")
        if len(labels) > 12:
            axis_x.setLabelsAngle(-90)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([m.enquiries for m in report.months] + [m.meetings for m in report.months] + [1])
        step = nice_step(top)
        axis_y.setRange(0, -(-top // step) * step)
        axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(step)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self.months_chart.setChart(chart)
        self.months_chart.setAccessibleDescription(
            "; ".join(
                f"{m.label}: {m.enquiries} enquiries, {m.meetings} meetings" for m in report.months
            )
        )

    def _draw_outcomes(self, report: ServiceReport) -> None:
        chart = self._themed(QChart(), "Outcomes by case: issues agreed")
        section = report.section("case_outcomes")
        series = QHorizontalPercentBarSeries()
        for label, short in (
            (AGREED_ALL, "All"),
            (AGREED_SOME, "Some"),
            (AGREED_NONE, "None"),
            (NO_OUTCOME, "No outcome"),
        ):
            figure = next(f for f in section.figures if f.label == label)
            bar = QBarSet(f"{short} ({figure.count})")
            bar.append(figure.count)
            series.append(bar)
        chart.addSeries(series)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        axis = QValueAxis()
        axis.setRange(0, 100)
        axis.setTickCount(3)
        axis.setLabelFormat("%d%%")
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        self.outcomes_chart.setChart(chart)
        self.outcomes_chart.setAccessibleDescription(
            "; ".join(f"{f.label}: {f.count}" for f in section.figures)
        )

    # -- exporting --------------------------------------------------------------------------
    def choose_export(self, fmt: str) -> None:
        if self.report is None:
            return
        report = self.report
        name = (
            f"Service report {report.filter.start:%Y-%m-%d} to {report.filter.end:%Y-%m-%d}.{fmt}"
        )
        try:  # the mediator's usual export folder (Settings ▸ Documents)
            folder = Path(self.desk.preferences().document_folder or Path.home())
        except CaseFileError:
            folder = Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export the report as {fmt.upper()}", str(folder / name), f"*.{fmt}"
        )
        if path:
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str, then: Callable[[Path], None] | None = None) -> None:
        """Write the report anonymised, off the GUI thread."""
        from ..reports.export import write_report

        if self.report is None:
            return
        report = self.report
        letterhead = self.desk.documents.service().letterhead()
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        self.status.setText(f"Writing {path.name}…")

        def done(written: Path) -> None:
            self.status.setText(
                f"Saved {written.name} in {written.parent} ({long_date(self.today)}). "
                + SUPPRESSION_NOTE
            )
            if then is not None:
                then(written)

        def failed(error: BaseException) -> None:
            reason = failure_message(error)
            self.status.setText(f"✖ Not saved: {reason}")

        run_in_background(
            lambda: write_report(report, path, fmt, letterhead), done, failed, owner=self
        )
