"""What every tab of an open case has: the Desk, the case it shows, and the signals the
workspace listens to (autosave's `saved` and `save_failed`, and `changed`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ...domain.case import Case
from ...services import Desk


class CasePage(QWidget):
    saved = Signal(object)  # when something was written
    save_failed = Signal(str)  # the plain-English reason; the edits are kept and retried

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.case: Case | None = None
        self._loading = False  # filling the fields from the case file, not typing

    def show_case(self, case: Case) -> None:
        """Show `case` as the case file holds it; each tab reads what it shows."""
        raise NotImplementedError
