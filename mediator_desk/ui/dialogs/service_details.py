"""Service details: the letterhead and the people named on documents. Saved as typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ...services import Desk
from ...store.errors import CaseFileError
from ..widgets.fields import line, message_label

FIELDS = (
    ("name", "Service &name:", "e.g. Brackenfold SEND Mediation Service"),
    ("address", "&Address:", "One line, as on your letterhead"),
    ("phone", "&Phone:", ""),
    ("email", "&Email:", ""),
    ("mediator", "&Mediator:", "Your name, as it appears on documents"),
    ("adviser", "Mediation &adviser:", "Who issues certificates, if not you"),
)


class ServiceDetailsDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._closed = False
        self.setWindowTitle("Service details")
        self.setMinimumWidth(520)
        service = desk.documents.service()
        self.edits = {}
        form = QFormLayout()
        for name, label, placeholder in FIELDS:
            edit = line(label.replace("&", "").rstrip(":"), 300, placeholder)
            edit.setText(getattr(service, name))
            edit.setReadOnly(desk.read_only)
            edit.editingFinished.connect(lambda n=name, e=edit: self._save(n, e.text()))
            self.edits[name] = edit
            form.addRow(label, edit)
        self.message = message_label("Message")
        intro = QLabel("These appear on the letterhead and in every document this case file makes.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _save(self, name: str, value: str) -> None:
        if self._closed:  # focus can leave a field while the dialog is being destroyed
            return
        try:
            self.desk.documents.set_service({name: value})
        except CaseFileError as error:
            self.message.setText(f"✖ {error.message}")
            return
        self.message.setText("Saved.")

    def reject(self) -> None:
        for name, edit in self.edits.items():  # keep what was typed without leaving the field
            if not self.desk.read_only and edit.text() != getattr(
                self.desk.documents.service(), name
            ):
                self._save(name, edit.text())
        self._closed = True
        super().reject()
