"""Erasing closed cases past their retention period, from the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ...store.errors import CaseFileError
from .base import WindowParts


class ErasureMixin(WindowParts):
    """Erasure is listed case by case and done only when the mediator agrees."""

    def offer_erasure(self) -> None:
        """List the closed cases past retention and erase them if the mediator agrees."""
        if self.desk is None or self.desk.read_only:
            return
        due = self.desk.cases_due_for_erasure()
        years = self.desk.retention_years()
        if not due:
            self.erase_box = QMessageBox(
                QMessageBox.Icon.Information, "Nothing to erase",
                f"No closed case has passed its {years}-year retention period.",
                QMessageBox.StandardButton.Close, self,
            )  # fmt: skip
            self.erase_box.open()
            return
        names = "\n".join(f"{c.reference}: {c.display_name}, closed {c.closed_on}" for c in due)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Erase closed cases",
            f"These cases were closed more than {years} years ago:\n\n{names}\n\nErasing "
            "removes everything about them from the case file for good (backups keep their "
            "own copies until they are rotated away).",
            QMessageBox.StandardButton.Cancel, self,
        )  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        erase = box.addButton(f"Erase {len(due)} case(s)", QMessageBox.ButtonRole.DestructiveRole)
        box.buttonClicked.connect(
            lambda b: self.erase_cases([c.id for c in due]) if b is erase else None
        )
        self.erase_box = box
        box.open()

    def erase_cases(self, case_ids: list[int | None]) -> int:
        if self.desk is None:
            return 0
        self.close_case()
        erased = 0
        for case_id in case_ids:
            if case_id is None:
                continue
            try:
                self.desk.erase_case(case_id)
            except CaseFileError as error:
                self._save_failed(error.message)
                break
            erased += 1
        self._case_saved()
        self._refresh_state()
        self.save_label.setText(f"Erased {erased} case(s).")
        return erased
