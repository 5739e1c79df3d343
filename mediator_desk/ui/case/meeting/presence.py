"""Who is present: a tick for each attendee, with the times they arrived and left, as the
statement records them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ....domain.case import Case
from ....domain.dates import parse_user_time
from ....services import Desk
from ....store.errors import CaseFileError
from ...widgets.fields import cell_item


class PresenceTable(QTableWidget):
    stored = Signal()  # a presence change was written
    save_failed = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.desk = desk
        self.case: Case | None = None
        self.setHorizontalHeaderLabels(["Present", "Role", "Arrived", "Left"])
        self.setAccessibleName("Who is present")
        self.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (0, 1):  # names and roles share the room; neither is squeezed to nothing
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(self._presence_changed)

    def show_case(self, case: Case, locked: bool) -> None:
        """Fill from the case file; `locked` (sealed or read-only) makes every cell fixed."""
        assert case.id is not None
        self.case = case
        attendees = self.desk.attendees.list(case.id)
        presence = {p.attendee_id: p for p in self.desk.statement.presence(case.id)}
        self.blockSignals(True)
        self.setRowCount(len(attendees))
        for row, attendee in enumerate(attendees):
            seen = presence.get(attendee.id or -1)
            name = QTableWidgetItem(attendee.display)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(
                Qt.CheckState.Checked if seen and seen.present else Qt.CheckState.Unchecked
            )
            name.setData(Qt.ItemDataRole.UserRole, attendee.id)
            role = QTableWidgetItem(attendee.role.label)
            role.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, 0, name)
            self.setItem(row, 1, role)
            self.setItem(row, 2, QTableWidgetItem(seen.arrived if seen else ""))
            self.setItem(row, 3, QTableWidgetItem(seen.left if seen else ""))
            if locked:
                for column in range(4):
                    cell_item(self, row, column).setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.blockSignals(False)

    def _presence_changed(self, item: QTableWidgetItem) -> None:
        if self.case is None or self.case.id is None:
            return
        attendee_id = cell_item(self, item.row(), 0).data(Qt.ItemDataRole.UserRole)
        if item.column() == 0:
            changes: dict[str, Any] = {"present": item.checkState() == Qt.CheckState.Checked}
        elif item.column() in (2, 3):
            name = "arrived" if item.column() == 2 else "left"
            text = self._tidy_time(item, name, attendee_id)
            if text is None:
                return
            changes = {name: text}
        else:
            return
        try:
            self.desk.statement.set_presence(self.case.id, attendee_id, changes)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self.stored.emit()

    def _tidy_time(self, item: QTableWidgetItem, name: str, attendee_id: int) -> str | None:
        """The typed time as 'HH:MM' ('1.30pm' is 13:30); None, with the stored time put back
        and the reason given, when it is not a time of day."""
        assert self.case is not None and self.case.id is not None
        try:
            value = parse_user_time(item.text())
        except ValueError as error:
            seen = {p.attendee_id: p for p in self.desk.statement.presence(self.case.id)}
            stored = getattr(seen.get(attendee_id), name, "")
            self.blockSignals(True)
            item.setText(stored)
            self.blockSignals(False)
            self.save_failed.emit(str(error))
            return None
        text = f"{value:%H:%M}" if value else ""
        if text != item.text():
            self.blockSignals(True)
            item.setText(text)
            self.blockSignals(False)
        return text
