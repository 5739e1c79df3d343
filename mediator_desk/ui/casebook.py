"""The casebook: every case in the file, searchable as you type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import long_date, short_date
from ..store.repository import CaseSummary
from .widgets.table_model import AnyIndex, RowTableModel

SEARCH_DELAY_MS = 120


class CasebookModel(RowTableModel[CaseSummary]):
    """Rows of case summaries; filtering is done by the search index, not by this model."""

    COL_REFERENCE, COL_CHILD, COL_KIND, COL_STATUS, COL_NEXT = range(5)
    HEADERS = ("Reference", "Child", "Kind", "Status", "Next date")
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    ID_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def case_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, case_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == case_id:
                return row
        return None

    def _next(self, summary: CaseSummary) -> tuple[dt.date, str] | None:
        """The earlier of the next open deadline and an upcoming meeting."""
        options = []
        if summary.next_due is not None and summary.status.is_open:
            options.append((summary.next_due, summary.next_due_what))
        if summary.meeting_date and summary.meeting_date >= self._today():
            options.append((summary.meeting_date, "Meeting"))
        return min(options, default=None)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == self.ID_ROLE:
            return summary.id
        if role in (Qt.ItemDataRole.DisplayRole, self.SORT_ROLE):
            sorting = role == self.SORT_ROLE
            if column == self.COL_REFERENCE:
                return summary.reference
            if column == self.COL_CHILD:
                return summary.child_name.casefold() if sorting else summary.child_name
            if column == self.COL_KIND:
                return summary.kind.short_label
            if column == self.COL_STATUS:
                return summary.status.label
            if column == self.COL_NEXT:
                upcoming = self._next(summary)
                if sorting:
                    return upcoming[0].isoformat() if upcoming else "9999"
                if upcoming is None:
                    return ""
                overdue = "⚠ " if upcoming[0] < self._today() else ""
                return overdue + short_date(upcoming[0])
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [
                f"{summary.reference}: {summary.child_name}",
                f"{summary.kind.label}: {summary.status.label}",
            ]
            if summary.local_authority:
                parts.append(summary.local_authority)
            upcoming = self._next(summary)
            if upcoming:
                late = " (overdue)" if upcoming[0] < self._today() else ""
                parts.append(f"Next: {upcoming[1]}, {long_date(upcoming[0])}{late}")
            return "\n".join(parts)
        return None


class CasebookPanel(QWidget):
    """Search box, case list and an empty state that says what to do."""

    case_activated = Signal(int)  # the user chose a case
    new_case_requested = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search: Callable[[str], list[CaseSummary]] | None = None
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search cases: reference, child, parties, notes")
        self.search_box.setAccessibleName("Search cases")
        self.search_box.setToolTip("Type any part of a reference, name or note (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.model = CasebookModel(today, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(CasebookModel.SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Casebook")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CasebookModel.COL_REFERENCE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CasebookModel.COL_CHILD, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setMargin(24)
        self.new_button = QPushButton("&New case…", self)
        self.new_button.setToolTip("Add a case (Ctrl+N)")
        self.new_button.clicked.connect(self.new_case_requested)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_box)
        layout.addLayout(self._stack, 1)
        layout.addWidget(self.new_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._timer.start())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self.window())
        find.activated.connect(self.focus_search)

    def set_source(self, search: Callable[[str], list[CaseSummary]] | None) -> None:
        """Where rows come from: the open case file's search, or nothing when none is open."""
        self._search = search
        self.search_box.clear()
        self.refresh()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        self._timer.stop()
        current = self.current_case_id()
        text = self.search_box.text()
        rows = self._search(text) if self._search else []
        self.table.blockSignals(True)
        self.model.set_rows(rows)
        self.table.blockSignals(False)
        if rows:
            self._stack.setCurrentWidget(self.table)
        else:
            if self._search is None:
                message = "No case file is open."
            elif text.strip():
                message = f"No cases match “{text.strip()}”.\nTry fewer or shorter words."
            else:
                message = "No cases yet.\nPress Ctrl+N or “New case…” to add one."
            self.empty_label.setText(message)
            self._stack.setCurrentWidget(self.empty_label)
        if current is not None:
            self.select_case(current, emit=False)

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.proxy.data(index, CasebookModel.ID_ROLE))

    def select_case(self, case_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        blocker = not emit
        if blocker:
            self.table.selectionModel().blockSignals(True)
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        if blocker:
            self.table.selectionModel().blockSignals(False)
        self.table.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.table.selectionModel().blockSignals(False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.case_activated.emit(int(self.proxy.data(current, CasebookModel.ID_ROLE)))

    def _activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(int(self.proxy.data(index, CasebookModel.ID_ROLE)))
