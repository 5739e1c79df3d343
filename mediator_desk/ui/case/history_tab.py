"""History: the case's audit log, newest first: created, edited, confirmations, the seal,
addenda, exports; and every version of the statement a party confirmed (or that was sealed),
any two compared word by word."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import Case
from ...domain.dates import short_date
from ...domain.wording import statement_changes
from ...services import Desk
from ...services.statements import StatementVersion
from ..widgets.fields import cell_item
from ..widgets.word_changes import ChangesView
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
        self.versions: list[StatementVersion] = []
        self.versions_box = QGroupBox("Versions of the statement")
        self.older = QComboBox()
        self.older.setAccessibleName("Compare this version")
        self.newer = QComboBox()
        self.newer.setAccessibleName("With this version")
        self.changes = ChangesView()
        self.no_versions = QLabel(
            "No version yet: each text a party confirms, and the sealed one, is kept here."
        )
        self.no_versions.setWordWrap(True)
        compare_label = QLabel("Compare")
        compare_label.setBuddy(self.older)
        choose = QHBoxLayout()
        choose.addWidget(compare_label)
        choose.addWidget(self.older, 1)
        choose.addWidget(QLabel("with"))
        choose.addWidget(self.newer, 1)
        box = QVBoxLayout(self.versions_box)
        box.addWidget(self.no_versions)
        box.addLayout(choose)
        box.addWidget(self.changes, 1)
        for combo in (self.older, self.newer):
            combo.currentIndexChanged.connect(self._compare)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.versions_box, 1)

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

        self._show_versions()

    def _show_versions(self) -> None:
        """The versions, the older choice on the one before last and the newer on the last."""
        assert self.case is not None
        self.versions = self.desk.statement.versions(self.case)
        for combo in (self.older, self.newer):
            combo.blockSignals(True)
            combo.clear()
            for version in self.versions:
                when = f"{short_date(version.recorded.date())} {version.recorded:%H:%M}"
                combo.addItem(f"{version.describe()}, {when}", version.number)
            combo.blockSignals(False)
        count = len(self.versions)
        self.older.setCurrentIndex(max(count - 2, 0))
        self.newer.setCurrentIndex(count - 1)
        for part in (self.older, self.newer, self.changes):
            part.setEnabled(count > 0)
        self.no_versions.setVisible(count == 0)
        self._compare()

    def _compare(self) -> None:
        chosen = {v.number: v for v in self.versions}
        older, newer = chosen.get(self.older.currentData()), chosen.get(self.newer.currentData())
        if older is None or newer is None:
            self.changes.clear()
            return
        pieces = statement_changes(older.content, newer.content)
        self.changes.show_changes(
            pieces, f"version {older.number}, as version {newer.number} reads"
        )

    def rows(self) -> list[list[str]]:
        return [
            [cell_item(self.table, r, c).text() for c in range(4)]
            for r in range(self.table.rowCount())
        ]

    def flush(self) -> bool:
        return True
