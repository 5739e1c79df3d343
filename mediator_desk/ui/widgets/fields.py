"""Small builders for form controls, so every field gets its accessible name, length limit
and sizing the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...store.errors import CaseFileError


def combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    """A drop-down with an accessible name; long choices never force the form wider than the
    window at large text sizes."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(14)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    for label, value in items:
        box.addItem(label, value)
    return box


def select_data(box: QComboBox, value: Any) -> None:
    """Show the item holding `value` (the first item if none does)."""
    box.setCurrentIndex(max(box.findData(value), 0))


def typing_line(box: QComboBox) -> QLineEdit:
    """The line a drop-down takes typing in: the box is made editable, as only an editable
    QComboBox has one."""
    box.setEditable(True)
    edit = box.lineEdit()
    assert edit is not None  # Qt gives every editable combo box its line edit
    return edit


def cell_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item in a cell of `table`, put there empty if the cell has none yet, so a cell is
    always read and written the same way."""
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(row, column, item)
    return item


def line(name: str, max_length: int = 32767, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def wrapping_list(name: str) -> QListWidget:
    """A list whose long lines wrap within its width instead of scrolling sideways (an issue's
    title or a party's confirmation is read whole, not cut off)."""
    listing = QListWidget()
    listing.setAccessibleName(name)
    listing.setWordWrap(True)
    listing.setResizeMode(QListWidget.ResizeMode.Adjust)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    listing.setTextElideMode(Qt.TextElideMode.ElideNone)
    return listing


def message_label(name: str) -> QLabel:
    """A wrapping, plain-text label for problems and notices (never interprets markup)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


def try_change(message: QLabel, change: Callable[[], object], done: str = "") -> bool:
    """Make a change to the case file: a problem is explained in `message`, in plain words;
    otherwise `done` is shown there (when given). False if the change was refused."""
    try:
        change()
    except CaseFileError as error:
        message.setText(f"✖ {error.message}")
        return False
    if done:
        message.setText(done)
    return True


def text_area(
    name: str, placeholder: str = "", height: int = 80, grow: int | None = None
) -> QPlainTextEdit:
    """A multi-line field where Tab moves on (as in a form) rather than typing a tab."""
    area = QPlainTextEdit()
    area.setAccessibleName(name)
    area.setPlaceholderText(placeholder)
    area.setTabChangesFocus(True)
    area.setMinimumHeight(height)
    if grow is not None:
        area.setMaximumHeight(height + grow)
    return area


def scroll_box(body: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """`body` in a frameless scroll area that fits its width: a pane that may be made short
    scrolls its own content instead of pushing the whole page taller."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setWidget(body)
    return scroll


def scroll_page(owner: QWidget, body: QWidget) -> QScrollArea:
    """Make `body` the scrolling content of `owner`, so a tab never forces the window taller
    than a small laptop screen. It fits the width; only at very large text sizes, where a form
    cannot shrink further, does a horizontal scroll bar appear, so nothing is cut off."""
    for form in body.findChildren(QFormLayout):
        # At large text sizes a field goes below its label rather than off the edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    scroll = scroll_box(body, owner)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


def show_read_only(field: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """Make a text field read-only and look it: its base takes the window colour of the
    current palette (so dark mode and high contrast still hold), not a colour of our own."""
    field.setReadOnly(read_only)
    palette = QApplication.palette(field)
    if read_only:
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(
                group, QPalette.ColorRole.Base, palette.color(group, QPalette.ColorRole.Window)
            )
    field.setPalette(palette)


def sealed_line(name: str) -> QLabel:
    """The one line above sealed fields saying why they cannot change and what to do."""
    label = message_label(name)
    label.hide()
    return label


class SealedTyping(QObject):
    """Says why nothing happens when someone types into a sealed field (a read-only field
    otherwise ignores the keys without a word)."""

    def __init__(
        self,
        fields: list[QLineEdit | QPlainTextEdit],
        sealed: Callable[[], bool],
        say_why: Callable[[], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sealed = sealed
        self._say_why = say_why
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text().strip()
            and isinstance(watched, (QLineEdit, QPlainTextEdit))
            and watched.isReadOnly()
            and self._sealed()
        ):
            self._say_why()
        return False
