"""A list of a case's records with a form for the selected one: add, remove, and edits that
save themselves. Used for attendees, contacts and proposed dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...store.errors import CaseFileError
from ..autosave import autosaver_for
from ..editing import after_pending_edits, write_pending
from .date_field import DateField, DateTimeField, TimeEdit
from .fields import combo, line, select_data, show_read_only

R = TypeVar("R")
Choices = Sequence[tuple[str, Any]] | Callable[[], Sequence[tuple[str, Any]]]


@dataclass
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text, multiline, date, datetime, time, choice, flag
    choices: Choices = ()
    placeholder: str = ""
    tooltip: str = ""
    max_length: int = 500
    visible: Callable[[Any], bool] | None = None
    accessible: str = ""

    @property
    def accessible_name(self) -> str:
        return self.accessible or self.label.replace("&", "").rstrip(":")


@dataclass
class Column:
    title: str
    text: Callable[[Any], str]
    stretch: bool = False


@dataclass
class RecordSource(Generic[R]):
    """Where records come from and go to (the service's Records for one kind)."""

    list: Callable[[int], list[R]]
    add: Callable[[int, R], R]
    update: Callable[[int, dict[str, Any]], R]
    delete: Callable[[int], None]
    new: Callable[[], R]
    read_only: Callable[[], bool] = field(default=lambda: False)


class RecordEditor(QWidget, Generic[R]):
    changed = Signal()  # a record was added, removed or saved
    saved = Signal(object)
    save_failed = Signal(str)

    def __init__(
        self,
        noun: str,
        columns: list[Column],
        fields: list[FieldSpec],
        source: RecordSource[R],
        empty_text: str,
        add_shortcut: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.columns = columns
        self.specs = fields
        self.source = source
        self.case_id: int | None = None
        self.records: list[R] = []
        self._loading = False
        self._editing_id: int | None = None
        self.autosaver = autosaver_for(self, self._save)

        self.table = QTableWidget(0, len(columns))
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.setAccessibleName(f"{noun.capitalize()}s")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for index, column in enumerate(columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else (QHeaderView.ResizeMode.ResizeToContents)
            )
            header.setSectionResizeMode(index, mode)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(f"Add {noun}")
        if add_shortcut:
            self.add_button.setToolTip(f"Add {noun} ({add_shortcut})")
            QShortcut(QKeySequence(add_shortcut), self, self.add_record)
        self.remove_button = QPushButton(f"Remove {noun}")
        self.editor = QGroupBox(f"The selected {noun}")
        self.form = QFormLayout(self.editor)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.widgets: dict[str, QWidget] = {}
        for spec in fields:
            widget = self._make(spec)
            self.widgets[spec.name] = widget
            if spec.kind == "flag":
                self.form.addRow("", widget)
            else:
                self.form.addRow(spec.label, widget)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.editor)
        self.add_button.clicked.connect(self.add_record)
        self.remove_button.clicked.connect(self.remove_record)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    # -- building ----------------------------------------------------------------------------
    def _make(self, spec: FieldSpec) -> QWidget:
        name = spec.accessible_name
        widget: QWidget
        if spec.kind == "text":
            edit = line(name, spec.max_length, spec.placeholder)
            edit.textEdited.connect(lambda text, n=spec.name: self._edited(n, text))
            widget = edit
        elif spec.kind == "multiline":
            area = QPlainTextEdit()
            area.setAccessibleName(name)
            area.setPlaceholderText(spec.placeholder)
            area.setTabChangesFocus(True)
            area.setMaximumHeight(90)
            area.textChanged.connect(lambda n=spec.name, a=area: self._edited(n, a.toPlainText()))
            widget = area
        elif spec.kind == "date":
            date_field = DateField(name)
            date_field.date_changed.connect(lambda value, n=spec.name: self._edited(n, value))
            widget = date_field
        elif spec.kind == "datetime":
            stamp = DateTimeField(name)
            stamp.date_changed.connect(lambda value, n=spec.name: self._edited(n, value))
            widget = stamp
        elif spec.kind == "time":
            clock = TimeEdit(name, spec.placeholder)
            clock.time_changed.connect(lambda value, n=spec.name: self._edited(n, value))
            clock.refused.connect(self.save_failed)
            widget = clock
        elif spec.kind == "choice":
            box = combo(name, self._choices(spec))
            box.currentIndexChanged.connect(
                lambda _i, n=spec.name, b=box: self._edited(n, b.currentData())
            )
            widget = box
        elif spec.kind == "flag":
            check = QCheckBox(spec.label.replace("&", ""))
            check.setAccessibleName(name)
            check.toggled.connect(lambda value, n=spec.name: self._edited(n, value))
            widget = check
        else:  # pragma: no cover - a programming error
            raise ValueError(spec.kind)
        if spec.tooltip:
            widget.setToolTip(spec.tooltip)
        return widget

    @staticmethod
    def _choices(spec: FieldSpec) -> list[tuple[str, Any]]:
        return list(spec.choices() if callable(spec.choices) else spec.choices)

    # -- showing -----------------------------------------------------------------------------
    def show_case(self, case_id: int) -> None:
        write_pending(self)
        self.case_id = case_id
        for spec in self.specs:  # choices that depend on the case (e.g. its attendees)
            if spec.kind == "choice" and callable(spec.choices):
                box = self.widgets[spec.name]
                assert isinstance(box, QComboBox)
                box.blockSignals(True)
                box.clear()
                for label, value in self._choices(spec):
                    box.addItem(label, value)
                box.blockSignals(False)
        self.records = self.source.list(case_id)
        self._fill(select=0 if self.records else None)

    def _fill(self, select: int | None) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            for column, spec in enumerate(self.columns):
                self.table.setItem(row, column, QTableWidgetItem(spec.text(record)))
        self.table.blockSignals(False)
        has = bool(self.records)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        if select is not None and 0 <= select < len(self.records):
            self.table.selectRow(select)
        self._selection_changed()

    def current(self) -> R | None:
        row = self.table.currentRow()
        if not self.table.selectedItems() or not 0 <= row < len(self.records):
            return None
        return self.records[row]

    def _selection_changed(self) -> None:
        write_pending(self)
        record = self.current()
        read_only = self.source.read_only()
        self.editor.setEnabled(record is not None)
        self.remove_button.setEnabled(record is not None and not read_only)
        self.add_button.setEnabled(self.case_id is not None and not read_only)
        self._loading = True
        try:
            for spec in self.specs:
                value = getattr(record, spec.name) if record is not None else None
                self._set(spec, self.widgets[spec.name], value)
        finally:
            self._loading = False
        for widget in self.widgets.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                show_read_only(widget, read_only)
            elif isinstance(widget, DateField):
                widget.setReadOnly(read_only)
                show_read_only(widget.edit, read_only)
            else:
                widget.setEnabled(not read_only)
        self._apply_visibility(record)

    @staticmethod
    def _set(spec: FieldSpec, widget: QWidget, value: Any) -> None:
        if isinstance(widget, QLineEdit):
            widget.setText(value or "")
            widget.setCursorPosition(0)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, DateField):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            select_data(widget, value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))

    def _apply_visibility(self, record: R | None) -> None:
        for spec in self.specs:
            if spec.visible is not None:
                shown = record is not None and spec.visible(record)
                self.form.setRowVisible(self.widgets[spec.name], shown)

    def focus_field(self, name: str) -> None:
        widget = self.widgets.get(name)
        if widget is not None and widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- editing -----------------------------------------------------------------------------
    @after_pending_edits
    def add_record(self) -> None:
        if self.case_id is None or self.source.read_only():
            return
        try:
            added = self.source.add(self.case_id, self.source.new())
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self.records = self.source.list(self.case_id)
        ids = [getattr(r, "id", None) for r in self.records]
        self._fill(select=ids.index(getattr(added, "id", None)))
        first = self.widgets[self.specs[0].name]
        first.setFocus()
        self.changed.emit()

    @after_pending_edits
    def remove_record(self) -> None:
        record = self.current()
        record_id = getattr(record, "id", None)
        if record is None or record_id is None or self.case_id is None:
            return
        try:
            self.source.delete(record_id)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        row = self.records.index(record)
        self.records = self.source.list(self.case_id)
        self._fill(select=min(row, len(self.records) - 1) if self.records else None)
        self.changed.emit()

    def _edited(self, name: str, value: Any) -> None:
        record = self.current()
        if self._loading or record is None:
            return
        record_id = getattr(record, "id", None)
        if self._editing_id != record_id:
            write_pending(self)
            self._editing_id = record_id
        row = self.records.index(record)
        updated = record.with_changes(**{name: value})  # type: ignore[attr-defined]
        self.records[row] = updated
        self.autosaver.change(name, value)
        for column, spec in enumerate(self.columns):
            item = self.table.item(row, column)
            if item is not None:
                item.setText(spec.text(updated))
        self._apply_visibility(updated)

    def _save(self, changes: dict[str, Any]) -> None:
        if self._editing_id is None:
            return
        self.source.update(self._editing_id, changes)
        self.changed.emit()

    def flush(self) -> bool:
        return self.autosaver.flush()


def date_text(value: dt.date | None) -> str:
    from ...domain.dates import short_date

    return short_date(value) if value else ""
