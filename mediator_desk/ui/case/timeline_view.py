"""The case's timeline: what has happened and what is due, each deadline with its rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.case_timeline import RecordedEvent, Status, TrackedDeadline
from ...domain.dates import long_date, short_date
from ...domain.timeline import Clock
from ..widgets.fields import message_label

MARKS = {
    Status.MET: "✔",
    Status.LATE: "✔",
    Status.MISSED: "✖",
    Status.DUE_SOON: "⚠",
    Status.DUE: "•",
    Status.PASSED: "–",
    Status.ON_TRACK: "✔",
}


class TimelineView(QWidget):
    """Dates in order: recorded events above today's line, deadlines with their status."""

    COL_DATE, COL_WHAT, COL_STATUS, COL_WHO = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alerts = message_label("Deadlines needing attention")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Case timeline")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Date", "What", "Status", "Who"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_WHO, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(self.COL_WHO, 130)
        # "What" stretches into the room left; in a narrow pane it keeps enough to be read
        # and the list scrolls sideways instead.
        header.setMinimumSectionSize(self.tree.fontMetrics().averageCharWidth() * 16)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        # A sideways scroll bar (narrow window, large text) must not hide the last row.
        self._rows = 0
        self.tree.horizontalScrollBar().rangeChanged.connect(
            lambda _low, _high: self._fit_height(self._rows)
        )
        self.empty = QLabel(
            "No dates yet. Enter the date the decision notice was sent, and the dates below as "
            "they happen: the statutory deadlines will appear here."
        )
        self.empty.setWordWrap(True)
        # Clocks the law no longer runs (withdrawal, conclusion): kept apart and quiet, with
        # the reason, so no one reads them as missed.
        self.stopped_heading = QLabel("No longer running")
        self.stopped = message_label("Clocks no longer running")
        for label in (self.stopped_heading, self.stopped):
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            label.hide()
        heading_font = self.stopped_heading.font()
        heading_font.setBold(True)
        self.stopped_heading.setFont(heading_font)
        self._stopped_lines: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.alerts)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        layout.addWidget(self.stopped_heading)
        layout.addWidget(self.stopped)

    def show_timeline(
        self,
        events: list[RecordedEvent],
        deadlines: list[TrackedDeadline],
        today: dt.date,
        stopped: Mapping[Clock, str] | None = None,
    ) -> None:
        self._show_stopped(stopped or {})
        self.tree.clear()
        rows: list[tuple[dt.date, int, QTreeWidgetItem]] = []
        for event in events:
            state = "Recorded" if event.day <= today else "Arranged"
            item = QTreeWidgetItem([short_date(event.day), event.title, state, ""])
            item.setToolTip(self.COL_WHAT, f"{event.title}: {long_date(event.day)}")
            rows.append((event.day, 0, item))
        for deadline in deadlines:
            mark = MARKS[deadline.status]
            title = deadline.title + (
                " (date agreed by the parties)" if deadline.overridden else ""
            )
            item = QTreeWidgetItem(
                [
                    short_date(deadline.due),
                    title,
                    f"{mark} {deadline.summary()}",
                    deadline.responsible,
                ]
            )
            tip = f"{deadline.title}: {long_date(deadline.due)}\n\n{deadline.explanation}"
            if deadline.warning:
                tip += f"\n\nWarning: {deadline.warning}"
            for column in range(4):
                item.setToolTip(column, tip)
            if deadline.needs_attention:
                font = item.font(self.COL_STATUS)
                font.setBold(True)
                item.setFont(self.COL_STATUS, font)
                item.setFont(self.COL_WHAT, font)
            item.setData(self.COL_DATE, Qt.ItemDataRole.UserRole, deadline.key)
            rows.append((deadline.due, 1, item))
        today_item = QTreeWidgetItem([short_date(today), "— Today —", "", ""])
        today_item.setFlags(Qt.ItemFlag.NoItemFlags | Qt.ItemFlag.ItemIsEnabled)
        rows.append((today, 2 if any(r[0] == today for r in rows) else 0, today_item))
        rows.sort(key=lambda row: (row[0], row[1]))
        for _, _, item in rows:
            self.tree.addTopLevelItem(item)
        has_rows = len(rows) > 1
        self._fit_height(len(rows))
        self.tree.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        attention = [d for d in deadlines if d.needs_attention]
        warned = [d for d in deadlines if d.warning and d.status not in (Status.MET, Status.PASSED)]
        lines = [
            f"✖ Missed: {d.title} (was due {long_date(d.due)})"
            for d in attention
            if d.status is Status.MISSED
        ]
        lines += [
            f"⚠ {d.summary()}: {d.title} ({long_date(d.due)})"
            for d in attention
            if d.status is Status.DUE_SOON
        ]
        lines += [f"ⓘ {d.title}: {d.warning}" for d in warned if d.key == "appeal_by"]
        self.alerts.setText("\n".join(lines))
        self.alerts.setVisible(bool(lines))

    def _show_stopped(self, stopped: Mapping[Clock, str]) -> None:
        """One line for each reason, naming every clock it stopped."""
        by_reason: dict[str, list[str]] = {}
        for clock, reason in stopped.items():
            by_reason.setdefault(reason, []).append(clock.title)
        self._stopped_lines = [
            f"{'; '.join(titles)}: {reason}" for reason, titles in by_reason.items()
        ]
        self.stopped.setText("\n".join(f"– {line}" for line in self._stopped_lines))
        for label in (self.stopped_heading, self.stopped):
            label.setVisible(bool(self._stopped_lines))

    def stopped_lines(self) -> list[str]:
        """The clocks listed as no longer running, each with its reason."""
        return list(self._stopped_lines)

    def _fit_height(self, rows: int) -> None:
        """As tall as its rows (up to 14), so the page scrolls rather than the list."""
        self._rows = rows
        row_height = self.tree.sizeHintForRow(0) if rows else 20
        height = self.tree.header().sizeHint().height() + row_height * min(rows, 14)
        sideways = self.tree.horizontalScrollBar()
        if sideways.maximum() > 0:
            height += sideways.sizeHint().height()
        self.tree.setFixedHeight(height + 2 * self.tree.frameWidth() + 4)

    def item_texts(self) -> list[list[str]]:
        """The rows as shown, for tests and screen readers' summaries."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [[item.text(c) for c in range(4)] for item in items if item is not None]
