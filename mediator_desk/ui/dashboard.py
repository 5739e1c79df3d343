"""The deadline dashboard: what is due this week and next across every open case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.case import Case
from ..domain.case_timeline import Status, TrackedDeadline
from ..domain.dates import long_date, short_date
from .widgets.table_model import AnyIndex, RowTableModel

Row = tuple[Case, TrackedDeadline]


class DashboardModel(RowTableModel[Row]):
    COL_DUE, COL_CASE, COL_WHAT, COL_STATUS = range(4)
    HEADERS = ("Due", "Child", "What", "Status")
    CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case, deadline = self._rows[index.row()]
        column = index.column()
        if role == self.CASE_ID_ROLE:
            return case.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                short_date(deadline.due),
                case.display_name,
                deadline.title,
                deadline.short_summary(),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = (
                f"{case.reference}: {case.display_name}\n{deadline.title}: "
                f"{long_date(deadline.due)} ({deadline.responsible})\n\n{deadline.explanation}"
            )
            if deadline.warning:
                tip += f"\n\nWarning: {deadline.warning}"
            return tip + "\n\nDouble-click to open the case."
        if role == Qt.ItemDataRole.FontRole and deadline.status is Status.MISSED:
            font = QFont()
            font.setBold(True)
            return font
        return None


class DeadlineDashboard(QWidget):
    """Lists deadlines due this week and next (and overdue ones); double-click opens the case."""

    case_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: Callable[[], list[Row]] | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model = DashboardModel(self)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.setModel(self.model)
        self.table.setAccessibleName("Deadlines due this week and next")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Columns are sized from the rows' own text when they are read (see _size_columns):
        # sizing to contents asked the model for every cell of every row at every refresh.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DashboardModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Count the deadlines again")
        self.refresh_button.clicked.connect(self.refresh)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.heading)
        layout.addLayout(self._stack, 1)
        layout.addWidget(self.refresh_button)
        self.table.activated.connect(self._activated)  # Enter, or a click where styles say so
        self.table.doubleClicked.connect(self._activated)

    def set_source(
        self, source: Callable[[], list[Row]] | None, today: dt.date, refresh: bool = True
    ) -> None:
        """Where rows come from; `refresh=False` leaves reading them until refresh()."""
        self._source = source
        self._today = today
        if refresh:
            self.refresh()

    def refresh(self) -> None:
        rows = self._source() if self._source else []
        self.model.set_rows(rows)
        self._size_columns(rows)
        missed = sum(1 for _, d in rows if d.status is Status.MISSED)
        if self._source is None:
            self.heading.setText("")
            self.empty.setText("No case file is open.")
        else:
            start = self._today - dt.timedelta(days=self._today.weekday())
            end = start + dt.timedelta(days=13)
            text = f"Due from {short_date(start)} to {short_date(end)} across all open cases"
            if missed:
                text += f"; {missed} overdue"
            self.heading.setText(text + ".")
            self.empty.setText("Nothing is due this week or next. Well done.")
        self._stack.setCurrentWidget(self.table if rows else self.empty)

    def _size_columns(self, rows: list[Row]) -> None:
        """Due, Child and Status as wide as their widest text (and heading); What takes the
        rest. Measured from the rows' text: a few hundred rows take a millisecond or two."""
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)  # missed deadlines are shown in bold
        wide = QFontMetrics(bold)
        texts = {
            DashboardModel.COL_DUE: {short_date(d.due) for _, d in rows},
            DashboardModel.COL_CASE: {c.display_name for c, _ in rows},
            DashboardModel.COL_STATUS: {d.short_summary() for _, d in rows},
        }
        header = self.table.horizontalHeader()
        padding = metrics.averageCharWidth() * 2 + 8
        for column, shown in texts.items():
            width = max(
                [metrics.horizontalAdvance(DashboardModel.HEADERS[column] + "  ▼")]
                + [wide.horizontalAdvance(text) for text in shown]
            )
            header.resizeSection(column, width + padding)

    def _activated(self, index: QModelIndex) -> None:
        case_id = self.model.data(index, DashboardModel.CASE_ID_ROLE)
        if case_id is not None:
            self.case_activated.emit(int(case_id))
