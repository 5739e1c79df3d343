"""The main window's own windows and dialogs from the Tools and Help menus: settings, the
service report, the user guide and About; and File ▸ Verify a signed document…"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ... import APP_NAME, __version__
from .base import WindowParts


class ToolWindowsMixin(WindowParts):
    """One window of each kind, raised if already open, closed with the case file it reads."""

    def show_settings(self, page: str = "") -> None:
        """Settings, at `page` (one of SettingsDialog.PAGES) if given."""
        if self.desk is None:
            return
        if self.settings_dialog is None:
            from ..dialogs.settings_dialog import SettingsDialog

            dialog = SettingsDialog(self.desk, self)
            dialog.deadlines_changed.connect(self._deadlines_recounted)
            dialog.finished.connect(self._settings_closed)
            self.settings_dialog = dialog
            dialog.open()
        self.settings_dialog.show_page(page)
        self.settings_dialog.raise_()

    def show_deadline_settings(self) -> None:
        self.show_settings("deadlines")

    def _settings_closed(self) -> None:
        self.settings_dialog = None
        if self.workspace is not None:  # the Documents tab starts from the new defaults
            self.workspace.documents.apply_preferences()

    def _deadlines_recounted(self) -> None:
        self._case_saved()
        if self.workspace is not None:
            self.workspace.overview.refresh_timeline()

    def show_reports(self) -> None:
        """The service report for the open case file, in its own window."""
        if self.desk is None:
            return
        if self.workspace is not None:
            self.workspace.flush()  # the report counts what was just typed
        if self.reports_window is None:
            from ..reports import ReportsWindow

            self.reports_window = ReportsWindow(self.desk, self)
            self.reports_window.setWindowIcon(self.windowIcon())
        else:
            self.reports_window.reload()
        self.reports_window.show()
        self.reports_window.raise_()
        self.reports_window.activateWindow()

    def show_verify(self) -> None:
        """File ▸ Verify a signed document…, against the open case file if there is one."""
        if self.verify_dialog is None:
            from pathlib import Path

            from ..dialogs.verify import VerifyDialog

            folder = self.desk.preferences().document_folder if self.desk else ""
            dialog = VerifyDialog(self.desk, Path(folder or Path.home()), self)
            dialog.finished.connect(self._verify_closed)
            self.verify_dialog = dialog
        self.verify_dialog.open()
        self.verify_dialog.raise_()

    def _verify_closed(self) -> None:
        if self.verify_dialog is not None:
            self.verify_dialog.deleteLater()
        self.verify_dialog = None

    def show_guide(self, page: str = "") -> None:
        """The user guide in its own window (one window, raised if already open)."""
        if self.guide_window is None:
            from ..guide import GuideWindow

            self.guide_window = GuideWindow()
            self.guide_window.setWindowIcon(self.windowIcon())
        if page:
            self.guide_window.show_page(page)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()

    def show_about(self) -> None:
        where = f"\n\nCase file: {self.desk.path}" if self.desk else ""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nCase files, statutory clocks and sealed outcome "
            "statements for SEND mediation and disagreement resolution in England.\n\n"
            "Everything stays on this computer: no cloud, no account, no telemetry." + where,
        )
