"""Settings ▸ Phrases: the service's reusable wording for the room, each with its trigger, kept
in the case file as it is edited (a set with a problem is not kept, and the page says why)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.phrases import PLACEHOLDERS, STARTING_PHRASES, Phrase
from ...services import Desk
from ..widgets.fields import message_label, try_change


class PhrasesPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        placeholders = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        intro = QLabel(
            "Wording you use often. In any drafting field, type a phrase's trigger and press "
            "Ctrl+Space to put the phrase in, or press Ctrl+Space to search for one. "
            f"These are filled from the case: {placeholders}."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Phrases")
        self.table.setHorizontalHeaderLabels(["Trigger", "Wording"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton("&Add phrase")
        self.remove_button = QPushButton("Re&move phrase")
        self.restore_button = QPushButton("Start again from the &starting phrases…")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        self.message = message_label("Message")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._show(desk.phrases.phrases())
        self.table.itemChanged.connect(lambda _item: self.save())
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.restore_button.clicked.connect(self.restore)
        for part in (self.table, self.add_button, self.remove_button, self.restore_button):
            part.setEnabled(not desk.read_only)

    def _show(self, phrases: tuple[Phrase, ...] | list[Phrase]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for phrase in phrases:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(phrase.trigger))
            self.table.setItem(row, 1, QTableWidgetItem(phrase.text))
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)

    def shown(self) -> list[Phrase]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        # The wording as typed: a space at its end lets the mediator type straight on.
        return [Phrase(text(r, 0).strip(), text(r, 1)) for r in range(self.table.rowCount())]

    def save(self) -> bool:
        """Keep the phrases as shown; a problem is said, and the last good set stays kept."""
        return try_change(
            self.message, lambda: self.desk.phrases.set_phrases(self.shown()), "Saved."
        )

    def add(self) -> None:
        """A new row to fill in: kept once it has a trigger and wording."""
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        trigger = QTableWidgetItem("")
        self.table.setItem(row, 0, trigger)
        self.table.setItem(row, 1, QTableWidgetItem(""))
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(trigger)
        self.message.setText("Type the trigger (one short word), then the wording.")

    def remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self.save()

    def restore(self) -> None:
        answer = QMessageBox.question(
            self, "Start again?", "Replace your phrases with the starting phrases?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_now()

    def restore_now(self) -> None:
        self._show(STARTING_PHRASES)
        self.save()
