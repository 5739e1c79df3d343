"""The casebook: every case in the file, searchable as you type."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
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

from ..domain.case import CaseKind, CaseStatus
from ..domain.dates import long_date, short_date
from ..store.errors import CaseFileError
from ..store.repository import CasebookOrder, CaseSummary
from .widgets.table_model import AnyIndex, HeaderedTableModel

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 0  # search when the event loop is next idle
RELOAD_DELAY_MS = 1500  # after a save, re-check order and matches once typing pauses


class CasebookSource(Protocol):
    """Where the casebook's rows come from: the open case file (Desk)."""

    def casebook_ids(self, search: str, order: CasebookOrder, descending: bool) -> list[int]: ...

    def search_matches(self, search: str) -> set[int] | None: ...

    def case_summaries(self, ids: Iterable[int]) -> list[CaseSummary]: ...


class CasebookModel(HeaderedTableModel):
    """The casebook as a list of case ids, in the order and filter asked of the case file.

    Rows are read a page at a time, only when the view shows them, and kept in a bounded
    cache: ten thousand cases cost one query of ids, not ten thousand row objects."""

    COL_REFERENCE, COL_CHILD, COL_KIND, COL_STATUS, COL_NEXT = range(5)
    HEADERS = ("Reference", "Child", "Kind", "Status", "Next date")
    ORDERS = (
        CasebookOrder.REFERENCE,
        CasebookOrder.CHILD,
        CasebookOrder.KIND,
        CasebookOrder.STATUS,
        CasebookOrder.NEXT,
    )
    ID_ROLE = Qt.ItemDataRole.UserRole + 2
    PAGE = 100
    CACHE_LIMIT = 2000

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._source: CasebookSource | None = None
        self._search = ""
        self._order = CasebookOrder.REFERENCE
        self._descending = True
        self._ids: list[int] = []
        # Every case in the chosen order, kept so that a search only asks which cases match
        # (None: to be read again, after a sort or a change).
        self._ordered: list[int] | None = None
        self._rows_by_id: dict[int, int] | None = None
        self._cache: dict[int, CaseSummary] = {}
        self.pages_read = 0  # how many page queries were made: for tests and benchmarks

    # -- what is listed ----------------------------------------------------------------------
    def set_source(self, source: CasebookSource | None, search: str = "") -> None:
        self._source = source
        self.set_search(search, again=True)

    def set_search(self, text: str, again: bool = False) -> None:
        """List the cases matching `text`. As it is typed only the matches are asked for, and
        placed in the order kept; `again` reads that order afresh (cases added or changed)."""
        if again:
            self._ordered = None
        self.beginResetModel()
        self._search = text
        self._cache.clear()
        self._set_ids(self._query())
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = self.ORDERS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def reload(self) -> None:
        """Ask the case file again, after cases changed: rows that moved keep their selection,
        and a list that is unchanged only repaints."""
        self._ordered = None
        ids = self._query()
        self._cache.clear()
        if ids == self._ids:
            if ids:
                last = self.index(len(ids) - 1, len(self.HEADERS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        if set(ids) != set(self._ids):
            self.beginResetModel()
            self._set_ids(ids)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._set_ids(ids)
        rows = self._row_map()
        before = self.persistentIndexList()
        after = [self.index(rows[old_ids[i.row()]], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def case_changed(self, case_id: int) -> None:
        """One case was saved: its row is read again when next shown."""
        self._cache.pop(case_id, None)
        row = self.row_of(case_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def _query(self) -> list[int]:
        if self._source is None:
            return []
        try:
            if self._ordered is None:
                self._ordered = self._source.casebook_ids("", self._order, self._descending)
            matches = self._source.search_matches(self._search)
        except CaseFileError as error:  # the window explains a file that cannot be read
            log.warning("Could not list the casebook: %s", error.message)
            self._ordered = None
            return []
        if matches is None:
            return list(self._ordered)
        return [case_id for case_id in self._ordered if case_id in matches]

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._rows_by_id = None

    def _row_map(self) -> dict[int, int]:
        if self._rows_by_id is None:
            self._rows_by_id = {case_id: row for row, case_id in enumerate(self._ids)}
        return self._rows_by_id

    # -- rows --------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        return self._row_map().get(case_id)

    def summary(self, row: int) -> CaseSummary | None:
        """The row's case, read with the rest of its page if it is not cached."""
        case_id = self._ids[row]
        found = self._cache.get(case_id)
        if found is None and self._source is not None:
            start = row - row % self.PAGE
            wanted = [i for i in self._ids[start : start + self.PAGE] if i not in self._cache]
            if len(self._cache) + len(wanted) > self.CACHE_LIMIT:
                self._cache.clear()
            try:
                page = self._source.case_summaries(wanted)
            except CaseFileError as error:
                log.warning("Could not read casebook rows: %s", error.message)
                return None
            self.pages_read += 1
            self._cache.update((s.id, s) for s in page)
            found = self._cache.get(case_id)
        return found

    def _next(self, summary: CaseSummary) -> tuple[dt.date, str] | None:
        """The earlier of the next open deadline and an upcoming meeting (as the case file
        orders them: see CasebookOrder.NEXT)."""
        options = []
        if summary.next_due is not None and summary.status.is_open:
            options.append((summary.next_due, summary.next_due_what))
        if summary.meeting_date and summary.meeting_date >= self._today():
            options.append((summary.meeting_date, "Meeting"))
        return min(options, default=None)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == self.ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary = self.summary(index.row())
        if summary is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_REFERENCE:
                return summary.reference
            if column == self.COL_CHILD:
                return summary.child_name
            if column == self.COL_KIND:
                return summary.kind.short_label
            if column == self.COL_STATUS:
                return summary.status.label
            if column == self.COL_NEXT:
                upcoming = self._next(summary)
                if upcoming is None:
                    return ""
                overdue = "⚠ " if upcoming[0] < self._today() else ""
                return overdue + short_date(upcoming[0])
            return None
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


class CasebookPanel(QWidget):
    """Search box, case list and an empty state that says what to do."""

    case_activated = Signal(int)  # the user chose a case
    new_case_requested = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: CasebookSource | None = None
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search cases: reference, child, parties, notes")
        self.search_box.setAccessibleName("Search cases")
        self.search_box.setToolTip("Type any part of a reference, name or note (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.model = CasebookModel(today, self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.setModel(self.model)
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
        # Widths come from the longest text a column can hold, not from reading every row.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CasebookModel.COL_CHILD, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self._size_columns()
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setMargin(24)
        self.new_button = QPushButton("New case…", self)
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

        # Searching takes milliseconds, so it runs as soon as typing pauses for the event loop:
        # keys pressed faster than that are searched together.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._typed)
        self.search_box.textChanged.connect(lambda _text: self._timer.start())
        # After a save, the order and the search matches are checked again when the app is idle.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        # Kind and Status are sized for their usual values; longer ones are elided, and the
        # row's tooltip has them in full. The child's name gets the rest.
        widest = {
            CasebookModel.COL_REFERENCE: ["MD-0000-0000"],
            CasebookModel.COL_KIND: [CaseKind.MEDIATION.short_label],
            CasebookModel.COL_STATUS: [CaseStatus.REQUESTED.label],
            CasebookModel.COL_NEXT: ["⚠ " + short_date(dt.date(2026, 9, 30))],
        }
        header = self.table.horizontalHeader()
        for column, texts in widest.items():
            texts = [*texts, CasebookModel.HEADERS[column] + "  ▼"]
            width = max(metrics.horizontalAdvance(text) for text in texts)
            header.resizeSection(column, width + metrics.averageCharWidth() + 8)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()
        super().changeEvent(event)

    def set_source(self, source: CasebookSource | None) -> None:
        """Where rows come from: the open case file, or nothing when none is open."""
        self._source = source
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._timer.stop()
        self._reload_timer.stop()  # a re-check of the file that was open has nothing to check
        self.model.set_source(source)
        self._show_rows_or_message()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        """List the cases matching the search box now (after new cases, or other changes)."""
        self._list(again=True)

    def _typed(self) -> None:
        """The search box changed: only the matches are asked for (see set_search), unless a
        saved change is still to be placed in the order."""
        self._list(again=self._reload_timer.isActive())

    def _list(self, again: bool) -> None:
        self._timer.stop()
        self._reload_timer.stop()
        current = self.current_case_id()
        self.table.blockSignals(True)
        self.model.set_search(self.search_box.text(), again=again)
        self.table.blockSignals(False)
        self._show_rows_or_message()
        if current is not None:
            self.select_case(current, emit=False)

    def case_saved(self, case_id: int) -> None:
        """One case was edited: its row shows the change now, the order a moment later."""
        self.model.case_changed(case_id)
        self._reload_timer.start()

    def reload(self) -> None:
        """Check the list against the case file without disturbing the selection."""
        self._reload_timer.stop()
        self.model.reload()
        self._show_rows_or_message()

    def _show_rows_or_message(self) -> None:
        text = self.search_box.text()
        if self.model.rowCount():
            self._stack.setCurrentWidget(self.table)
            return
        if self._source is None:
            message = "No case file is open."
        elif text.strip():
            message = f"No cases match “{text.strip()}”.\nTry fewer or shorter words."
        else:
            message = "No cases yet.\nPress Ctrl+N or “New case…” to add one."
        self.empty_label.setText(message)
        self._stack.setCurrentWidget(self.empty_label)

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.case_id(index.row())

    def select_case(self, case_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        blocker = not emit
        if blocker:
            self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
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
            self.case_activated.emit(self.model.case_id(current.row()))

    def _activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(self.model.case_id(index.row()))
