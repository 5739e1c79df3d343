"""A small editor of the child's parents or carers: one row each (a name, a relationship picked
from a short list or typed, a remove button) and a button to add another. It reports the whole
list on every edit, so its owner saves it like any other field."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.parents import MAX_NAME, MAX_PARENTS, MAX_RELATIONSHIP, RELATIONSHIPS, ParentCarer
from .fields import line, typing_line


class ParentRow:
    """The inputs of one parent or carer."""

    def __init__(self, owner: ParentsEditor) -> None:
        self.name = line("", MAX_NAME, "Name, e.g. Jo Bloggs")
        self.relationship = QComboBox()
        self.relationship_line = typing_line(self.relationship)
        self.relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.relationship.addItems(["", *RELATIONSHIPS])
        self.relationship.setMinimumContentsLength(12)
        self.relationship.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.relationship_line.setMaxLength(MAX_RELATIONSHIP)
        self.relationship_line.setPlaceholderText("Relationship")
        self.remove = QPushButton("Remove")
        self.remove.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.name.textEdited.connect(owner.changed_by_user)
        self.relationship.currentTextChanged.connect(owner.changed_by_user)
        self.remove.clicked.connect(lambda: owner.remove_row(self))

    def number(self, number: int) -> None:
        """Accessible names say which parent the input is for, read out as they are reached."""
        self.name.setAccessibleName(f"Name of parent or carer {number}")
        self.relationship.setAccessibleName(f"Relationship of parent or carer {number}")
        self.relationship_line.setAccessibleName(f"Relationship of parent or carer {number}")
        self.remove.setAccessibleName(f"Remove parent or carer {number}")
        self.remove.setToolTip(f"Remove parent or carer {number} from the case")

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.relationship, self.remove)

    def value(self) -> ParentCarer:
        return ParentCarer(self.name.text(), self.relationship.currentText())


class ParentsEditor(QWidget):
    """`edited` carries the records shown (blank rows left out) after each change by the user;
    `set_value` shows stored records without emitting it."""

    edited = Signal(object)  # tuple[ParentCarer, ...]

    def __init__(
        self,
        add_text: str = "Add parent or carer",
        max_rows: int = MAX_PARENTS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_rows = min(max_rows, MAX_PARENTS)
        self.setAccessibleName("Parents or carers")
        self.rows: list[ParentRow] = []
        self._loading = False
        self._read_only = False
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 2)
        self.name_heading = QLabel("Name")
        self.relationship_heading = QLabel("Relationship")
        self._grid.addWidget(self.name_heading, 0, 0)
        self._grid.addWidget(self.relationship_heading, 0, 1)
        self.add_button = QPushButton(add_text)
        self.add_button.setAccessibleName("Add parent or carer")
        self.add_button.setToolTip("Add another parent or carer (then type their name)")
        self.add_button.clicked.connect(self.add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addLayout(buttons)
        self.set_value(())

    # -- showing -----------------------------------------------------------------------------
    def value(self) -> tuple[ParentCarer, ...]:
        """The records shown; a row with neither a name nor a relationship is not one."""
        return tuple(
            p for p in (row.value() for row in self.rows) if p.name.strip() or p.relationship
        )

    def set_value(self, parents: tuple[ParentCarer, ...]) -> None:
        """Show these records (and one empty row to type in when there are none)."""
        self._loading = True
        try:
            wanted = max(len(parents), 1)
            while len(self.rows) > wanted:
                self._drop(self.rows[-1])
            while len(self.rows) < wanted:
                self._append()
            for row, parent in zip(self.rows, (*parents, ParentCarer("")), strict=False):
                if row.name.text() != parent.name:
                    row.name.setText(parent.name)
                    row.name.setCursorPosition(0)
                if row.relationship.currentText() != parent.relationship:
                    row.relationship.setCurrentText(parent.relationship)
        finally:
            self._loading = False
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self.rows:
            row.name.setReadOnly(read_only)
            row.relationship.setEnabled(not read_only)
        self._update_buttons()

    def focus_row(self, index: int) -> None:
        self.rows[index].name.setFocus()

    # -- editing -----------------------------------------------------------------------------
    def changed_by_user(self) -> None:
        if not self._loading:
            self._update_buttons()
            self.edited.emit(self.value())

    def add_row(self) -> None:
        """A new empty row, with the cursor in its name (nothing is saved until typed in)."""
        if len(self.rows) >= self.max_rows:
            return
        self._append()
        self._update_buttons()
        self.rows[-1].name.setFocus()

    def remove_row(self, row: ParentRow) -> None:
        """Take the row away and save the list; the cursor goes to the next row (or Add)."""
        if row not in self.rows:
            return
        index = self.rows.index(row)
        had_value = bool(row.value().name.strip() or row.value().relationship)
        self._drop(row)
        if not self.rows:
            self._loading = True
            self._append()
            self._loading = False
        self._update_buttons()
        if index < len(self.rows):
            self.rows[index].name.setFocus()
        else:
            self.add_button.setFocus()
        if had_value:
            self.changed_by_user()

    # -- internals ---------------------------------------------------------------------------
    def _append(self) -> None:
        row = ParentRow(self)
        self.rows.append(row)
        self._layout_rows()
        for widget in row.widgets():
            widget.show()  # now, not on the next turn of the event loop, so it can take focus

    def _drop(self, row: ParentRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._layout_rows()

    def _layout_rows(self) -> None:
        """Rows in order and numbered for screen readers."""
        for number, row in enumerate(self.rows, start=1):
            row.number(number)
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, number, column)
        if self.rows:
            self.setFocusProxy(self.rows[0].name)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes along each row in turn, then to Add. Set again when the editor is placed
        in a window, since moving a widget there puts its children back in creation order."""
        chain = [widget for row in self.rows for widget in row.widgets()] + [self.add_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self._order_tabs()
        return super().event(event)

    def _update_buttons(self) -> None:
        single_blank = len(self.rows) == 1 and not self.value()
        for row in self.rows:
            row.remove.setEnabled(not self._read_only and not single_blank)
        self.add_button.setVisible(not self._read_only and len(self.rows) < self.max_rows)

    def name_edits(self) -> list[QLineEdit]:
        return [row.name for row in self.rows]
