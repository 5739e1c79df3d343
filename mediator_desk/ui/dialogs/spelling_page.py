"""Settings ▸ Spelling: whether misspellings are underlined as you type, and the mediator's own
dictionary (words kept as spelt right in every case), both kept in the case file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import Desk
from ...services.spelling import loaded_dictionary
from ..widgets.fields import message_label, try_change
from ..widgets.spelling import hub


class SpellingPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.checking = QCheckBox("&Underline misspelt words as I type (British English)")
        self.checking.setChecked(desk.spelling.enabled())
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Dictionary")
        intro = QLabel(
            "Your dictionary: words you keep as spelt right, in every case of this case file. "
            "Right-click an underlined word to add it, or add it here. The names in a case "
            "(the child, the parents, the local authority, everyone on People and their "
            "organisations) are known without adding them."
        )
        intro.setWordWrap(True)
        self.words = QListWidget()
        self.words.setAccessibleName("Your dictionary")
        self.new_word = QLineEdit()
        self.new_word.setAccessibleName("Word to add")
        self.new_word.setPlaceholderText("A word to keep as spelt right")
        self.add_button = QPushButton("&Add word")
        self.remove_button = QPushButton("Re&move word")
        row = QHBoxLayout()
        row.addWidget(self.new_word, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.message = message_label("Message")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checking)
        layout.addWidget(self.state)
        layout.addWidget(intro)
        layout.addWidget(self.words, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._show_state()
        self._show_words()
        self.checking.toggled.connect(self.set_checking)
        self.add_button.clicked.connect(self.add)
        self.new_word.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        hub().ready.connect(self._show_state)
        hub().start()  # if no case has been opened yet
        for part in (self.checking, self.new_word, self.add_button, self.remove_button):
            part.setEnabled(not desk.read_only)

    def _show_state(self) -> None:
        if hub().problem:
            self.state.setText(f"✖ {hub().problem}.")
        elif loaded_dictionary() is None:
            self.state.setText("The dictionary is being read…")
        else:
            self.state.setText("Dictionary: British English (Hunspell en-GB 3.1.4), ready.")

    def _show_words(self) -> None:
        self.words.clear()
        self.words.addItems(list(self.desk.spelling.own_words()))

    def set_checking(self, on: bool) -> None:
        if try_change(self.message, lambda: self.desk.spelling.set_enabled(on), "Saved."):
            hub().words_changed.emit()  # every open field checks again, or stops

    def add(self) -> None:
        word = self.new_word.text()
        if try_change(self.message, lambda: self.desk.spelling.add_word(word), "Added."):
            self.new_word.clear()
            self._show_words()
            hub().words_changed.emit()

    def remove(self) -> None:
        item = self.words.currentItem()
        if item is None:
            self.message.setText("Choose a word to remove.")
            return
        word = item.text()
        if try_change(self.message, lambda: self.desk.spelling.remove_word(word), "Removed."):
            self._show_words()
            hub().words_changed.emit()
