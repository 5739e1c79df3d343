"""The case exchange format in the main window: importing a case and exporting the open one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ...store.errors import CaseFileError
from .base import WindowParts


class CaseExchangeMixin(WindowParts):
    """A refused import adds nothing and says why; an export is written whole or not at all."""

    def choose_case_to_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import case", "", "Mediator Desk case exports (*.json);;All files (*)"
        )
        if name:
            self.import_case(Path(name))

    def import_case(self, path: Path) -> bool:
        if self.desk is None or self.desk.read_only:
            return False
        try:
            case, notes = self.desk.import_case(path)
        except CaseFileError as error:
            message = f"{error.message}\n\nNothing was added."
            self._refused("Case not imported", "Not imported.", message)
            return False
        self._case_saved()
        self._refresh_state()
        if case.id is not None:
            self.show_case(case.id)
        extra = f" {' '.join(notes)}" if notes else ""
        self.save_label.setText(f"Imported {path.name} as {case.reference}.{extra}")
        return True

    def choose_case_export(self) -> None:
        if self.desk is None or self.workspace is None or self.workspace.overview.case is None:
            return
        case = self.workspace.overview.case
        name, _ = QFileDialog.getSaveFileName(
            self, "Export case", f"{case.reference}.json", "Mediator Desk case exports (*.json)"
        )
        if name:
            self.export_case(Path(name))

    def export_case(self, target: Path, include_private_notes: bool = False) -> bool:
        if self.desk is None or self.workspace is None or self.workspace.overview.case is None:
            return False
        self.workspace.flush()
        case = self.workspace.overview.case
        try:
            text = self.desk.export_case(case.reference, include_private_notes)
            from ...documents.export import write_atomically

            write_atomically(target, text.encode("utf-8"))
        except CaseFileError as error:
            self._save_failed(error.message)
            return False
        except OSError as error:
            self._save_failed(f"The export could not be written: {error.strerror or error}.")
            return False
        self.save_label.setText(f"Exported {case.reference} to {target}")
        return True
