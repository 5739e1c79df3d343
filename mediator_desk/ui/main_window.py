"""The main window: casebook on the left, the open case on the right, menus and status bar.
What the window does is in its parts (ui/window/); here are its layout, menus and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..services import Desk, open_desk
from .casebook import CasebookPanel
from .dashboard import DeadlineDashboard
from .dialogs.refusal import refusal_box
from .settings import Settings
from .window.backups import BackupsMixin
from .window.casefiles import CaseFilesMixin
from .window.cases import CasesMixin
from .window.erasure import ErasureMixin
from .window.exchange import CaseExchangeMixin
from .window.passphrases import PassphraseMixin
from .window.placeholder import Placeholder
from .window.tools import ToolWindowsMixin

if TYPE_CHECKING:
    from .case.workspace import CaseWorkspace
    from .dialogs.new_case import NewCaseDialog
    from .dialogs.settings_dialog import SettingsDialog
    from .dialogs.verify import VerifyDialog
    from .dialogs.welcome import WelcomeWizard
    from .guide import GuideWindow
    from .reports import ReportsWindow

CASEBOOK_WIDTH = 360  # of the first window's 1280 pixels, until the mediator drags the split
# A new key: the split saved under "splitter" was the old, wider default for almost everyone.
CASEBOOK_SPLIT_KEY = "casebook-split"

OpenDesk = Callable[..., Desk]


class MainWindow(
    CaseFilesMixin,
    PassphraseMixin,
    CasesMixin,
    BackupsMixin,
    CaseExchangeMixin,
    ErasureMixin,
    ToolWindowsMixin,
    QMainWindow,
):
    """The app's one main window; its parts are mixins that share its widgets and case file."""

    casefile_opened = Signal(object)  # Path
    backup_finished = Signal(object)  # Path of the backup

    def __init__(
        self,
        settings: Settings,
        today: Callable[[], dt.date] = dt.date.today,
        opener: OpenDesk = open_desk,
        automatic_backups: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.today = today
        self._opener = opener
        self.desk: Desk | None = None
        self.workspace: CaseWorkspace | None = None
        self._workspace_building: CaseWorkspace | None = None
        self._warmed = False
        self._signing_warmed = False
        self.casefile_check_running = False
        self.problem_box: QMessageBox | None = None
        self.new_case_dialog: NewCaseDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.welcome: WelcomeWizard | None = None
        self.guide_window: GuideWindow | None = None
        self.reports_window: ReportsWindow | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.passphrase_dialog: QDialog | None = None
        self.plain_copies_box: QMessageBox | None = None
        self.upgrade_progress: QDialog | None = None  # over an older file being upgraded
        self.automatic_backups = automatic_backups
        self._start_backup_timers()
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)

        self.casebook = CasebookPanel(today, self)
        self.dashboard = DeadlineDashboard(self)
        self.left_tabs = QTabWidget()
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.casebook, "Cases")
        self.left_tabs.addTab(self.dashboard, "Deadlines")
        self.left_tabs.setTabToolTip(0, "Every case in the case file (Ctrl+1)")
        self.left_tabs.setTabToolTip(1, "What is due this week and next, across all cases (Ctrl+2)")
        self.left_tabs.currentChanged.connect(self._left_tab_changed)
        self._dashboard_stale = True
        self._dashboard_timer = QTimer(self)
        self._dashboard_timer.setSingleShot(True)
        self._dashboard_timer.setInterval(300)
        self._dashboard_timer.timeout.connect(self._refresh_dashboard_now)
        self.placeholder = Placeholder(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setAccessibleName("Read-only notice")
        self.banner.setMargin(6)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.banner.hide()
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        right_side = QWidget()
        right_layout = QVBoxLayout(right_side)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.right, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(right_side)
        self.splitter.setStretchFactor(1, 1)
        # The casebook keeps to about a quarter of the window (reference and child in view):
        # on a laptop the case's tabs need the width, the Meeting tab most of all.
        self.splitter.setSizes([CASEBOOK_WIDTH, 1280 - CASEBOOK_WIDTH])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel()
        self.save_label.setAccessibleName("Save status")
        self.file_label = QLabel()
        self.file_label.setAccessibleName("Case file")
        self.statusBar().addWidget(self.save_label, 1)
        self.statusBar().addPermanentWidget(self.file_label)

        self._build_menus()
        self.casebook.case_activated.connect(self.show_case)
        self.dashboard.case_activated.connect(self.open_case_from_dashboard)
        self.casebook.new_case_requested.connect(self.new_case)
        self.placeholder.new_button.clicked.connect(self.new_case)
        self.placeholder.demo_button.clicked.connect(self.load_demo_cases)
        self._restore_window_state()
        self._refresh_state()

    # -- menus -------------------------------------------------------------------------------
    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_file_action = self._action(
            file_menu,
            "&New case file…",
            self.choose_new_casefile,
            QKeySequence("Ctrl+Shift+N"),
            "Create a new, empty case file",
        )
        self.open_file_action = self._action(
            file_menu,
            "&Open case file…",
            self.choose_casefile_to_open,
            QKeySequence.StandardKey.Open,
            "Open another case file",
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu, "&Import case…", self.choose_case_to_import,
            tip="Add a case from a Mediator Desk case export (.json)",
        )  # fmt: skip
        self.export_case_action = self._action(
            file_menu, "E&xport case…", self.choose_case_export,
            tip="Write the open case as a Mediator Desk case export (.json)",
        )  # fmt: skip
        self.verify_action = self._action(
            file_menu, "&Verify a signed document…", self.show_verify,
            tip="Check a signed PDF: unchanged since signing, who signed it, and whether it is "
            "this case file's sealed record",
        )  # fmt: skip
        file_menu.addSeparator()
        self.backup_action = self._action(
            file_menu, "&Back up now", self.back_up_now, QKeySequence("Ctrl+Shift+B"),
            "Write a checked copy of the case file to its backup folder",
        )  # fmt: skip
        self.restore_action = self._action(
            file_menu, "Restore from bac&kup…", self.choose_backup_to_restore,
            tip="Replace this case file with one of its backups (the current file is kept)",
        )  # fmt: skip
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu("&Edit")
        for text, key, method in (
            ("&Undo", QKeySequence.StandardKey.Undo, "undo"),
            ("&Redo", QKeySequence.StandardKey.Redo, "redo"),
            ("Cu&t", QKeySequence.StandardKey.Cut, "cut"),
            ("&Copy", QKeySequence.StandardKey.Copy, "copy"),
            ("&Paste", QKeySequence.StandardKey.Paste, "paste"),
        ):
            action = self._action(edit_menu, text, partial(self._edit_focused, method), key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # widgets handle keys
        edit_menu.addSeparator()
        self.find_action = self._action(
            edit_menu, "&Find case…", self._find_case, QKeySequence.StandardKey.Find
        )

        view_menu = bar.addMenu("&View")
        self._action(view_menu, "&Cases", lambda: self._show_left(0), QKeySequence("Ctrl+1"))
        self._action(
            view_menu,
            "&Deadlines this week and next",
            lambda: self._show_left(1),
            QKeySequence("Ctrl+2"),
        )
        view_menu.addSeparator()
        self.casebook_action = self._action(
            view_menu, "Show case&book", lambda: None, QKeySequence("F9"),
            "Show or hide the casebook beside the case (hide it for more room in a meeting)",
        )  # fmt: skip
        self.casebook_action.setCheckable(True)
        self.casebook_action.setChecked(True)
        self.casebook_action.toggled.connect(self.left_tabs.setVisible)

        case_menu = bar.addMenu("&Case")
        self.new_case_action = self._action(
            case_menu, "&New case…", self.new_case, QKeySequence.StandardKey.New, "Add a case"
        )
        self.close_case_action = self._action(
            case_menu, "&Close case", self.close_case, QKeySequence.StandardKey.Close
        )
        case_menu.addSeparator()
        self.demo_action = self._action(
            case_menu,
            "Load &demo cases",
            self.load_demo_cases,
            tip="Add fictional cases at different stages",
        )

        tools_menu = bar.addMenu("&Tools")
        self.passphrase_action = self._action(
            tools_menu, "Encrypt or change &passphrase…", self.choose_passphrase,
            tip="Encrypt this case file with a passphrase, or change it",
        )  # fmt: skip
        self.erase_action = self._action(
            tools_menu, "&Erase closed cases past retention…", self.offer_erasure,
            tip="Remove closed cases whose retention period has ended, leaving no trace",
        )  # fmt: skip
        self.reports_action = self._action(
            tools_menu, "Service &report…", self.show_reports, QKeySequence("Ctrl+Shift+R"),
            "What happened across the casebook in a period: figures, charts and anonymised exports",
        )  # fmt: skip
        tools_menu.addSeparator()
        self.settings_action = self._action(
            tools_menu, "&Settings…", self.show_settings, QKeySequence("Ctrl+,"),
            "Your details and letterhead, meeting and document defaults, deadlines, backups",
        )  # fmt: skip
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        help_menu = bar.addMenu("&Help")
        self.guide_action = self._action(
            help_menu, "User &guide", self.show_guide, QKeySequence.StandardKey.HelpContents,
            "How to prepare a case, run the meeting and send the documents (F1)",
        )  # fmt: skip
        help_menu.addSeparator()
        about = self._action(help_menu, "&About Mediator Desk", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _edit_focused(self, method: str) -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        if not recent:
            empty = self.recent_menu.addAction("No recent case files")
            empty.setEnabled(False)
            return
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  ({path.parent})")
            action.triggered.connect(lambda _c=False, p=path: self.open_casefile(p, create=False))

    def _show_left(self, index: int) -> None:
        """Ctrl+1, Ctrl+2 and Find bring the casebook back if it was hidden."""
        self.casebook_action.setChecked(True)
        self.left_tabs.setCurrentIndex(index)

    def _find_case(self) -> None:
        self._show_left(0)
        self.casebook.focus_search()

    # -- status ------------------------------------------------------------------------------
    def _saved(self, when: dt.datetime) -> None:
        self.save_label.setText(f"All changes saved at {when:%H:%M:%S}")

    def _save_failed(self, message: str) -> None:
        self.save_label.setText(f"Not saved: {message}")

    def _refused(self, title: str, status: str, message: str) -> None:
        """A refusal in full (it says what to do), in a dialog: the status bar, which gets the
        short `status`, would cut long words off at the window's edge."""
        self.save_label.setText(status)
        box = refusal_box(self, title, message)

        def closed(_result: int) -> None:
            if self.problem_box is box:
                self.problem_box = None

        box.finished.connect(closed)
        self.problem_box = box

    def _refresh_state(self) -> None:
        desk = self.desk
        has_file = desk is not None
        writable = desk is not None and not desk.read_only
        has_cases = desk is not None and desk.count() > 0
        case_open = (
            self.workspace is not None
            and self.right.currentWidget() is self.workspace
            and self.casebook.current_case_id() is not None
        )
        if not case_open:
            self.placeholder.show_state(
                has_file=has_file, has_cases=has_cases, read_only=not writable
            )
            self.right.setCurrentWidget(self.placeholder)
        self.new_case_action.setEnabled(writable)
        self.casebook.new_button.setEnabled(writable)
        self.demo_action.setEnabled(writable)
        self.settings_action.setEnabled(has_file)
        self.reports_action.setEnabled(has_file)
        self.erase_action.setEnabled(writable)
        self.passphrase_action.setEnabled(writable)
        self.backup_action.setEnabled(has_file)
        self.import_action.setEnabled(writable)
        self.export_case_action.setEnabled(case_open)
        self.restore_action.setEnabled(writable)
        self.close_case_action.setEnabled(case_open)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_casefile():
            event.ignore()
            return
        if self.guide_window is not None:
            self.guide_window.close()
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state(CASEBOOK_SPLIT_KEY, self.splitter.saveState())
        self.settings.sync()
        event.accept()

    def _restore_window_state(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.window_state(CASEBOOK_SPLIT_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)
