"""Phrases from the keyboard in any drafting field: type a phrase's trigger and press Ctrl+Space
to put the phrase in its place, or press Ctrl+Space to find one as you type (its wording and its
trigger searched). Placeholders are filled from the case; the insertion is one step of Undo."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.phrases import Phrase, exact, fill, matching

# The phrases, and the open case's values for their placeholders, at the moment of asking.
PhraseSource = Callable[[], tuple[Sequence[Phrase], Mapping[str, str]]]
PHRASE_KEYS = QKeySequence("Ctrl+Space")
HINT = "Ctrl+Space inserts a phrase: type its trigger first, or search for one."
_LAST_WORD = re.compile(r"(\S*)$")


def typed_before(field: QPlainTextEdit) -> str:
    """The word just typed before the cursor (nothing when text is selected)."""
    cursor = field.textCursor()
    if cursor.hasSelection():
        return ""
    line = cursor.block().text()[: cursor.positionInBlock()]
    found = _LAST_WORD.search(line)
    return found.group(1) if found else ""


def put_in(field: QPlainTextEdit, replacing: str, text: str) -> None:
    """`text` in place of the `replacing` just before the cursor, as one step of Undo."""
    cursor = field.textCursor()
    cursor.beginEditBlock()
    if replacing:
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(replacing)
        )
    cursor.insertText(text)
    cursor.endEditBlock()
    field.setTextCursor(cursor)


class PhrasePicker(QDialog):
    """Find a phrase as you type; Enter puts it in, Escape leaves the text as it was."""

    def __init__(
        self, field: QPlainTextEdit, phrases: Sequence[Phrase], values: Mapping[str, str],
        typed: str,
    ) -> None:  # fmt: skip
        super().__init__(field.window())
        self.setWindowTitle("Insert a phrase")
        self.field, self.phrases, self.values, self.typed = field, phrases, values, typed
        self.search = QLineEdit(typed)
        self.search.setAccessibleName("Find a phrase")
        self.search.setPlaceholderText("Type to find a phrase by its trigger or its words")
        self.list = QListWidget()
        self.list.setAccessibleName("Phrases")
        self.list.setWordWrap(True)
        self.empty = QLabel("No phrase matches. Phrases are kept in Tools ▸ Settings ▸ Phrases.")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.resize(560, 360)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.choose())
        self._filter()

    def _filter(self) -> None:
        """The phrases as they will read in this case, searched as they read."""
        self.list.clear()
        filled = [Phrase(p.trigger, fill(p.text, self.values)) for p in self.phrases]
        for phrase in matching(filled, self.search.text()):
            item = QListWidgetItem(f"{phrase.trigger} — {phrase.text}")
            item.setData(Qt.ItemDataRole.UserRole, phrase.text)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.empty.setVisible(self.list.count() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move through the list while typing in the search."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose()
                return True
        return super().eventFilter(watched, event)

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        put_in(self.field, self.typed, str(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()


class PhraseKeys(QObject):
    """Ctrl+Space in a drafting field; it belongs to the field and lives as long as it does."""

    def __init__(self, field: QPlainTextEdit, source: PhraseSource) -> None:
        super().__init__(field)
        self.field, self.source = field, source
        self.picker: PhrasePicker | None = None
        field.installEventFilter(self)
        tip = field.toolTip()
        field.setToolTip(f"{tip}\n{HINT}" if tip else HINT)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            pressed = QKeySequence(event.keyCombination())
            if pressed == PHRASE_KEYS and not self.field.isReadOnly():
                self.invoke()
                return True
        return super().eventFilter(watched, event)

    def invoke(self) -> PhrasePicker | None:
        """The phrase whose trigger was just typed, put in at once; else the picker."""
        phrases, values = self.source()
        typed = typed_before(self.field)
        hit = exact(phrases, typed)
        if hit is not None:
            put_in(self.field, typed, fill(hit.text, values))
            return None
        self.picker = PhrasePicker(self.field, phrases, values, typed)
        self.picker.finished.connect(lambda _result: self.field.setFocus())
        self.picker.open()
        return self.picker


def enable_phrases(fields: Sequence[QWidget], source: PhraseSource) -> list[PhraseKeys]:
    return [PhraseKeys(f, source) for f in fields if isinstance(f, QPlainTextEdit)]
