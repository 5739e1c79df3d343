"""The dialog that says why something was refused and what to do about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def refusal_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A warning with only Close, opened without blocking (the window stays responsive). Its
    text is plain, never rich text: a file's name may hold '<' or '&'."""
    close = QMessageBox.StandardButton.Close
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, close, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box
