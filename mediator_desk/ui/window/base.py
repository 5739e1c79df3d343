"""What the main window's parts (the mixins beside this module) use of the window: its case
file, widgets and state, and the methods one part calls on another. It is declared once, for
the type checker, so that each part is checked against the whole window; at run time the parts
are plain classes and MainWindow (ui/main_window.py) provides all of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtCore import QTimer, Signal
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QDialog,
        QLabel,
        QMainWindow,
        QMessageBox,
        QPushButton,
        QStackedWidget,
        QTabWidget,
    )

    from ...services import Desk
    from ..case.workspace import CaseWorkspace
    from ..casebook import CasebookPanel
    from ..dashboard import DeadlineDashboard
    from ..dialogs.new_case import NewCaseDialog
    from ..dialogs.settings_dialog import SettingsDialog
    from ..dialogs.verify import VerifyDialog
    from ..dialogs.welcome import WelcomeWizard
    from ..guide import GuideWindow
    from ..reports import ReportsWindow
    from ..settings import Settings

    class WindowParts(QMainWindow):
        casefile_opened = Signal(object)  # Path
        backup_finished = Signal(object)  # Path of the backup

        # The case file and how it is opened
        settings: Settings
        today: Callable[[], dt.date]
        _opener: Callable[..., Desk]
        desk: Desk | None
        casefile_check_running: bool
        automatic_backups: bool
        _open_backup_timer: QTimer

        # Widgets
        casebook: CasebookPanel
        dashboard: DeadlineDashboard
        left_tabs: QTabWidget
        _dashboard_timer: QTimer
        _dashboard_stale: bool
        right: QStackedWidget
        banner: QLabel
        save_label: QLabel
        file_label: QLabel
        close_case_action: QAction
        export_case_action: QAction

        # Windows and dialogs, each open at most once
        workspace: CaseWorkspace | None
        _workspace_building: CaseWorkspace | None  # the case tabs while built in steps
        _warmed: bool  # what the case tabs need is imported
        _signing_warmed: bool  # the signing certificate's reader is imported, or on its way
        problem_box: QMessageBox | None
        read_only_button: QPushButton | None
        new_case_dialog: NewCaseDialog | None
        settings_dialog: SettingsDialog | None
        welcome: WelcomeWizard | None
        guide_window: GuideWindow | None
        reports_window: ReportsWindow | None
        verify_dialog: VerifyDialog | None
        passphrase_dialog: QDialog | None
        plain_copies_box: QMessageBox | None
        erasing: bool
        upgrade_progress: QDialog | None

        # Methods one part calls on another
        def _saved(self, when: dt.datetime) -> None: ...
        def _save_failed(self, message: str) -> None: ...
        def _refused(self, title: str, status: str, message: str) -> None: ...
        def _refresh_state(self) -> None: ...
        def _case_saved(self) -> None: ...
        def _refresh_dashboard(self, at_once: bool = False) -> None: ...
        def _ensure_workspace(self) -> CaseWorkspace | None: ...
        def _prepare_workspace(self) -> None: ...
        def _drop_workspace_building(self) -> None: ...
        def show_case(self, case_id: int) -> None: ...
        def close_case(self) -> None: ...
        def load_demo_cases(self) -> None: ...
        def open_casefile(
            self,
            path: Path | None,
            *,
            read_only: bool = False,
            create: bool = True,
            passphrase: str | None = None,
        ) -> bool: ...
        def close_casefile(self, force: bool = False) -> bool: ...
        def ask_passphrase(self, path: Path, reason: str = "") -> None: ...
        def _ask_for_passphrase(
            self, title: str, label: str, then: Callable[[str], object]
        ) -> None: ...

else:
    WindowParts = object
