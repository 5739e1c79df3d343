"""History: the case's audit log, newest first: created, edited, confirmations, the seal,
addenda, exports."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import Case
from ...domain.dates import short_date
from ...services import Desk
from ..widgets.fields import cell_item
from .page import CasePage


class HistoryTab(CasePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.setHorizontalHeaderLabels(["When", "Who", "What", "Detail"])
        self.table.setAccessibleName("Case history")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            "Everything recorded about this case, newest first. The log cannot be edited."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)

    def show_case(self, case: Case, read: bool = True) -> None:
        """Show `case`; with `read=False` only note it (read when the tab is shown)."""
        self.case = case
        if read:
            self.refresh()

    def refresh(self) -> None:
        if self.case is None or self.case.id is None:
            return
        entries = self.desk.history(self.case.id)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                f"{short_date(entry.at.date())} {entry.at:%H:%M}",
                entry.actor,
                entry.action.capitalize(),
                entry.detail,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)

    def rows(self) -> list[list[str]]:
        return [
            [cell_item(self.table, r, c).text() for c in range(4)]
            for r in range(self.table.rowCount())
        ]

    def flush(self) -> bool:
        return True
