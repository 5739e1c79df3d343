"""What the right-hand side of the main window shows when no case is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Placeholder(QWidget):
    """What the right-hand side shows when no case is open: what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton("New case…")
        self.new_button.setToolTip("Add a case (Ctrl+N)")
        self.demo_button = QPushButton("Load demo cases")
        self.demo_button.setToolTip("Add fictional cases at different stages, to try things out")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_state(self, *, has_file: bool, has_cases: bool, read_only: bool) -> None:
        if not has_file:
            text = "No case file is open.\nUse File ▸ Open case file… or File ▸ New case file…"
        elif not has_cases:
            text = (
                "This case file has no cases yet.\n\nAdd your first case, or load some "
                "fictional demo cases to see how Mediator Desk works."
            )
        else:
            text = "Choose a case from the casebook, or press Ctrl+N to add a new one."
        self.message.setText(text)
        self.new_button.setVisible(has_file and not read_only)
        self.demo_button.setVisible(has_file and not has_cases and not read_only)
