"""The dialog that lists the closed cases past their retention period and asks before erasing
them. However many there are (thousands, in a provider's whole history), it opens at once: the
list is one query, its rows all one height."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import long_date
from ...services.desk import ErasureDue


def counted(count: int, thing: str) -> str:
    """'1 case', '5,290 cases'."""
    return f"{count:,} {thing}{'' if count == 1 else 's'}"


class DueModel(QAbstractListModel):
    """The cases due, one line each, worded as the list shows them."""

    def __init__(self, due: list[ErasureDue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._due = due

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._due)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        case = self._due[index.row()]
        return f"{case.reference}   {case.display_name}, closed {long_date(case.closed_on)}"

    def lines(self) -> list[str]:
        """Every line, as the list shows them (for tests and screen readers' summaries)."""
        return [self.data(self.index(row)) for row in range(self.rowCount())]


class ErasureDialog(QDialog):
    def __init__(self, due: list[ErasureDue], years: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Erase closed cases")
        these = "This case was" if len(due) == 1 else f"These {len(due):,} cases were"
        them = "it" if len(due) == 1 else "them"
        self.heading = QLabel(
            f"{these} closed more than {years} years ago. Erasing {them} removes everything "
            f"about {them} from the case file for good (backups keep their own copies until "
            "they are rotated away)."
        )
        self.heading.setWordWrap(True)
        # Tens of thousands of cases may be due: each is worded when it is shown.
        self.listed = DueModel(due, self)
        self.cases = QListView()
        self.cases.setModel(self.listed)
        self.cases.setUniformItemSizes(True)
        self.cases.setLayoutMode(QListView.LayoutMode.Batched)  # laid out as the window idles
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.cases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases.setAccessibleName("Cases to be erased")
        self.heading.setBuddy(self.cases)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        label = f"Erase {counted(len(due), 'case')}"
        self.erase_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setAccessibleName(label)
        self.erase_button.setToolTip("Erase every case listed; you can stop part-way.")
        self.erase_button.setAutoDefault(False)  # Enter never erases: the mediator clicks
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.erase_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.cases)
        layout.addWidget(buttons)
        self.resize(620, 420)
