"""Addenda: after the seal, a correction is added as its own text, confirmed by the parties
and sealed in turn; the sealed statement itself never changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.case import Case
from ....domain.statement import Addendum, ConfirmedHow
from ....services import Desk
from ....store.errors import CaseFileError
from ...widgets.fields import text_area
from .confirm import ConfirmDialog


class AddendaBox(QGroupBox):
    edited = Signal()  # an addendum's text was written (the presenter follows)
    save_failed = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Addenda (after sealing)", parent)
        self.desk = desk
        self.case: Case | None = None
        self._addenda: list[Addendum] = []
        self._loading = False
        self.confirm_dialog: ConfirmDialog | None = None
        self.addenda = QListWidget()
        self.addenda.setAccessibleName("Addenda")
        self.addenda.setMaximumHeight(110)
        self.add_button = QPushButton("Add addendum…")
        self.confirm_button = QPushButton("Confirm addendum…")
        self.seal_button = QPushButton("Seal addendum")
        self.text = text_area("Addendum text", "The correction, in full", 70)
        layout = QVBoxLayout(self)
        layout.addWidget(self.addenda)
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.confirm_button, self.seal_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_addendum)
        self.confirm_button.clicked.connect(self.confirm_addendum)
        self.seal_button.clicked.connect(self.seal_addendum)
        self.text.textChanged.connect(self._edited)
        self.addenda.currentRowChanged.connect(lambda _r: self._show())

    def show_case(self, case: Case) -> None:
        self.case = case
        self.fill()

    def fill(self) -> None:
        if self.case is None or self.case.id is None:
            return
        current = self.addenda.currentRow()
        self._addenda = self.desk.statement.addenda(self.case.id)
        self.addenda.blockSignals(True)
        self.addenda.clear()
        for addendum in self._addenda:
            created = addendum.created_at.strftime("%d/%m/%Y") if addendum.created_at else ""
            state = "sealed" if addendum.sealed else "draft"
            self.addenda.addItem(f"{created} ({state}): {addendum.reason}")
        self.addenda.blockSignals(False)
        if self._addenda:
            self.addenda.setCurrentRow(current if 0 <= current < len(self._addenda) else 0)
        self._show()

    def current(self) -> Addendum | None:
        row = self.addenda.currentRow()
        return self._addenda[row] if 0 <= row < len(self._addenda) else None

    def _show(self) -> None:
        addendum = self.current()
        self._loading = True
        self.text.setPlainText(addendum.text if addendum else "")
        self._loading = False
        open_ = addendum is not None and not addendum.sealed and not self.desk.read_only
        self.text.setReadOnly(not open_)
        self.confirm_button.setEnabled(open_)
        self.seal_button.setEnabled(open_)

    def add_addendum(self) -> None:
        if self.case is None or self.case.id is None:
            return
        reason, ok = QInputDialog.getText(self, "Add an addendum", "Why is a correction needed?")
        if ok:
            self.create_addendum(reason)

    def create_addendum(self, reason: str) -> bool:
        assert self.case is not None and self.case.id is not None
        try:
            self.desk.statement.add_addendum(self.case.id, reason)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.fill()
        self.addenda.setCurrentRow(self.addenda.count() - 1)
        self.text.setFocus()
        return True

    def _edited(self) -> None:
        addendum = self.current()
        if self._loading or addendum is None or addendum.id is None or addendum.sealed:
            return
        try:
            updated = self.desk.statement.update_addendum(
                addendum.id, {"text": self.text.toPlainText()}
            )
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self._addenda[self.addenda.currentRow()] = updated
        self.edited.emit()

    def confirm_addendum(self) -> None:
        addendum = self.current()
        if self.case is None or addendum is None:
            return
        statuses = self.desk.statement.addendum_parties(self.case, addendum)
        dialog = ConfirmDialog(
            [
                (f"{s.attendee.name} ({s.attendee.role.label})", s.attendee.id)
                for s in statuses
                if s.attendee.id is not None  # attendees read from the case file all have one
            ],
            "addendum", self,
        )  # fmt: skip
        dialog.accepted.connect(
            lambda: self.record_addendum_confirmation(
                dialog.party.currentData(), dialog.how.currentData()
            )
        )
        self.confirm_dialog = dialog
        dialog.open()

    def record_addendum_confirmation(self, attendee_id: int, how: ConfirmedHow) -> bool:
        addendum = self.current()
        assert self.case is not None and addendum is not None
        try:
            self.desk.statement.confirm_addendum(self.case, addendum, attendee_id, how)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        return True

    def seal_addendum(self) -> bool:
        addendum = self.current()
        if self.case is None or addendum is None:
            return False
        try:
            self.desk.statement.seal_addendum(self.case, addendum)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.fill()
        return True
