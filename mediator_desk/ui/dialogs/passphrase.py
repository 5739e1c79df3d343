"""Choosing a passphrase: typed twice, with a plain hint about its strength. It is never
stored; losing it means losing the case file, which the dialog says."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.passphrase import passphrase_problem, strength
from ..widgets.fields import message_label


class PassphraseDialog(QDialog):
    chosen = Signal(str)

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("New passphrase")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("New passphrase again")
        self.hint = message_label("Passphrase strength")
        self.problem = message_label("Problem")
        text = QLabel(intro)
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.first)
        form.addRow("&Again:", self.second)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(lambda value: self.hint.setText(strength(value)))

    def accept(self) -> None:
        problem = passphrase_problem(self.first.text())
        if problem:
            self.problem.setText(f"✖ {problem}")
            return
        if self.first.text() != self.second.text():
            self.problem.setText("✖ The two passphrases are not the same.")
            return
        self.chosen.emit(self.first.text())
        super().accept()
