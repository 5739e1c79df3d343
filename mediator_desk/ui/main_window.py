"""The main window: casebook on the left, the open case on the right, menus and status bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..services import Desk, default_casefile_path, open_desk, restore_backup
from ..store.backup import BACKUP_SUFFIX, automatic_backup, backup_into
from ..store.casefile import SUFFIX
from ..store.errors import CaseFileError
from .casebook import CasebookPanel
from .dashboard import DeadlineDashboard
from .settings import Settings
from .worker import run_in_background

if TYPE_CHECKING:  # imported when first used: the window lists cases without them
    from .case.workspace import CaseWorkspace
    from .dialogs.new_case import NewCaseDialog
    from .dialogs.settings_dialog import SettingsDialog
    from .dialogs.welcome import FirstRunChoices, WelcomeWizard
    from .guide import GuideWindow
    from .reports import ReportsWindow

AUTOMATIC_BACKUP_EVERY = dt.timedelta(days=1)
OPEN_BACKUP_DELAY_MS = 3000  # the day's first backup waits until the window is up
CASEBOOK_WIDTH = 360  # of the first window's 1280 pixels, until the mediator drags the split
# A new key: the split saved under "splitter" was the old, wider default for almost everyone.
CASEBOOK_SPLIT_KEY = "casebook-split"

FILE_FILTER = f"Mediator Desk case files (*{SUFFIX});;All files (*)"
OpenDesk = Callable[..., Desk]


class Placeholder(QWidget):
    """What the right-hand side shows when no case is open: what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton("New case…")
        self.new_button.setToolTip("Add a case (Ctrl+N)")
        self.demo_button = QPushButton("Load demo cases")
        self.demo_button.setToolTip("Add fictional cases at different stages, to try things out")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_state(self, *, has_file: bool, has_cases: bool, read_only: bool) -> None:
        if not has_file:
            text = "No case file is open.\nUse File ▸ Open case file… or File ▸ New case file…"
        elif not has_cases:
            text = (
                "This case file has no cases yet.\n\nAdd your first case, or load some "
                "fictional demo cases to see how Mediator Desk works."
            )
        else:
            text = "Choose a case from the casebook, or press Ctrl+N to add a new one."
        self.message.setText(text)
        self.new_button.setVisible(has_file and not read_only)
        self.demo_button.setVisible(has_file and not has_cases and not read_only)


class MainWindow(QMainWindow):
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
        self.casefile_check_running = False
        self.problem_box: QMessageBox | None = None
        self.new_case_dialog: NewCaseDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.welcome: WelcomeWizard | None = None
        self.guide_window: GuideWindow | None = None
        self.reports_window: ReportsWindow | None = None
        self.passphrase_dialog: QDialog | None = None
        self.plain_copies_box: QMessageBox | None = None
        self.backup_running = False
        self._backup_requested = False
        self.automatic_backups = automatic_backups
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(60 * 60 * 1000)  # hourly look; backs up once a day
        self._backup_timer.timeout.connect(
            lambda: self.back_up_now(automatic=True) if self.automatic_backups else None
        )
        self._backup_timer.start()
        self._open_backup_timer = QTimer(self)
        self._open_backup_timer.setSingleShot(True)
        self._open_backup_timer.setInterval(OPEN_BACKUP_DELAY_MS)
        self._open_backup_timer.timeout.connect(lambda: self.back_up_now(automatic=True))
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)

        self.casebook = CasebookPanel(today, self)
        self.dashboard = DeadlineDashboard(self)
        self.left_tabs = QTabWidget()
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.casebook, "&Cases")
        self.left_tabs.addTab(self.dashboard, "&Deadlines")
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
        shortcut: object = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
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
            action = self._action(edit_menu, text, lambda m=method: self._edit_focused(m), key)
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

    # -- case files --------------------------------------------------------------------------
    def start(self, path: Path | None, *, read_only: bool = False) -> None:
        """At start-up: open `path`, else the default case file; on the very first run (no
        case file anywhere yet) welcome the mediator and create one with them."""
        if path is None and not default_casefile_path().exists():
            self.show_welcome()
            return
        self.open_casefile(path, read_only=read_only)

    def show_welcome(self) -> None:
        from .dialogs.welcome import WelcomeWizard

        wizard = WelcomeWizard(default_casefile_path(), self)
        wizard.chosen.connect(self.finish_welcome)
        wizard.finished.connect(lambda _result: setattr(self, "welcome", None))
        self.welcome = wizard
        wizard.open()

    def finish_welcome(self, choices: FirstRunChoices) -> bool:
        """Create the case file the mediator chose, with their details, and demo cases if
        they asked for them."""
        try:
            choices.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._show_open_problem(
                CaseFileError(
                    f"The folder {choices.path.parent} could not be made: "
                    f"{error.strerror or error}.",
                    None,
                )
            )
            return False
        if not self.open_casefile(choices.path, create=True, passphrase=choices.passphrase):
            return False
        assert self.desk is not None
        try:
            if choices.service:
                self.desk.documents.set_service(choices.service)
            if choices.logo is not None:
                self.desk.documents.set_logo(choices.logo)
        except CaseFileError as error:
            self._save_failed(error.message)
        if choices.demo_cases:
            self.load_demo_cases()
        else:
            self.save_label.setText(
                f"Created {choices.path.name}"
                + (", encrypted with your passphrase." if choices.passphrase else ".")
            )
        return True

    def open_casefile(
        self,
        path: Path | None,
        *,
        read_only: bool = False,
        create: bool = True,
        passphrase: str | None = None,
    ) -> bool:
        """Open `path` (None: the default case file) in place of the current one."""
        if not self.close_casefile():
            return False
        try:
            desk = self._opener(
                path,
                read_only=read_only,
                create=create,
                today=self.today,
                passphrase=passphrase,
                check_now=False,  # checked below, off the UI thread
            )
        except CaseFileError as error:
            self._show_open_problem(error)
            return False
        self._attach(desk)
        self.casefile_check_running = True
        run_in_background(
            desk.verify_on_open,
            lambda _result: self._casefile_checked(desk, None),
            lambda error: self._casefile_checked(desk, error),
        )
        return True

    def _casefile_checked(self, desk: Desk, error: BaseException | None) -> None:
        """The structure check of a file just opened has ended. A damaged file is closed (it
        was never written to: writes wait for this check) and explained."""
        self.casefile_check_running = False
        if self.desk is not desk:
            return
        if error is None:
            self._show_integrity(desk)
            return
        if not isinstance(error, CaseFileError):
            error = CaseFileError(f"{desk.path.name} could not be checked: {error}", desk.path)
        self.close_casefile(force=True)
        self._show_open_problem(error)

    def _show_integrity(self, desk: Desk) -> None:
        """What the tamper-evidence check on opening found (docs/integrity.md), said plainly
        above the workspace; missing protective triggers are put back now, on this thread."""
        report = desk.opening_report
        problems = desk.restore_guards() + (report.problems if report else [])
        if not problems:
            return
        shown = problems[:3] + ([f"(and {len(problems) - 3} more)"] if len(problems) > 3 else [])
        self.banner.setText(
            f"This case file failed its integrity check: {len(problems)} problem(s). "
            "Do not rely on the affected sealed statements; restore from a backup if need be.\n"
            + "\n".join(shown)
        )
        self.banner.show()

    def _attach(self, desk: Desk) -> None:
        self.desk = desk
        # The case tabs are built once the window is up (or when a case is chosen first).
        QTimer.singleShot(0, self, self._ensure_workspace)
        self.casebook.set_source(desk)
        self.dashboard.set_source(desk.dashboard, self.today(), refresh=False)
        self._refresh_dashboard(at_once=True)  # read when it is showing, not before
        self.settings.add_recent_file(desk.path)
        self.setWindowTitle(
            f"{desk.path.name}{' (read-only)' if desk.read_only else ''} – {APP_NAME}"
        )
        self.file_label.setText(str(desk.path))
        self.file_label.setToolTip(f"Case file: {desk.path}")
        if desk.read_only:
            self.banner.setText(
                "This case file is open read-only: you can look, but changes cannot be saved."
            )
            self.banner.show()
        else:
            self.banner.hide()
        created = desk.casefile.created
        self.save_label.setText(
            "Created a new case file." if created else f"Opened {desk.path.name}."
        )
        if desk.casefile.backup_path is not None:
            self.save_label.setText(
                f"Upgraded the case file; the old version is kept at {desk.casefile.backup_path}."
            )
        self._refresh_state()
        if not desk.read_only and self.automatic_backups:
            self._open_backup_timer.start()  # once the window is up, not while it starts
        self.casefile_opened.emit(desk.path)

    def close_casefile(self, force: bool = False) -> bool:
        """Save what is pending and close; False if the user chose to keep it open. With
        `force`, close without asking (the file cannot take the edits anyway)."""
        if self.desk is None:
            return True
        if not force and not self._flush_or_ask():
            return False
        self._open_backup_timer.stop()
        if self.reports_window is not None:  # it reads this case file
            self.reports_window.close()
            self.reports_window.deleteLater()
            self.reports_window = None
        for dialog in (self.new_case_dialog, self.settings_dialog):
            if dialog is not None:  # they hold the case file: close them with it
                dialog.reject()
        if self.workspace is not None:
            self.workspace.shutdown()
            self.right.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.casebook.set_source(None)
        self.dashboard.set_source(None, self.today())
        self.desk.close()
        self.desk = None
        self.banner.hide()
        self.file_label.clear()
        self.setWindowTitle(APP_NAME)
        self._refresh_state()
        return True

    def _show_open_problem(self, error: CaseFileError) -> None:
        if error.needs_passphrase and error.path is not None:
            # An encrypted file (every start, for most mediators): just ask for it.
            self.ask_passphrase(error.path, error.message)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Cannot open the case file")
        box.setText(error.message)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_button = None
        if error.can_open_read_only and error.path is not None:
            self.read_only_button = box.addButton(
                "Open read-only", QMessageBox.ButtonRole.AcceptRole
            )
        other = box.addButton("Open another…", QMessageBox.ButtonRole.ActionRole)
        new = box.addButton("New case file…", QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(self.read_only_button or other)
        box.setEscapeButton(close)
        path = error.path

        def chosen(button: object) -> None:
            self.problem_box = None
            if button is self.read_only_button and path is not None:
                self.open_casefile(path, read_only=True, create=False)
            elif button is other:
                self.choose_casefile_to_open()
            elif button is new:
                self.choose_new_casefile()

        box.buttonClicked.connect(chosen)
        self.problem_box = box
        box.open()

    def ask_passphrase(self, path: Path, reason: str = "") -> None:
        """Ask for an encrypted case file's passphrase (without blocking) and open it."""
        self._ask_for_passphrase(
            "Passphrase",
            (f"{reason}\n\n" if reason else "") + f"Passphrase for {path.name}:",
            lambda text: self.open_casefile(path, create=False, passphrase=text),
        )

    def _ask_for_passphrase(self, title: str, label: str, then: Callable[[str], object]) -> None:
        """A passphrase typed unseen, in a dialog that does not block; `then` gets it."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(then)
        self.passphrase_dialog = dialog
        dialog.open()

    def choose_passphrase(self) -> None:
        """Encrypt this case file, or change its passphrase."""
        if self.desk is None or self.desk.read_only:
            return
        encrypted = self.desk.encrypted
        from .dialogs.passphrase import PassphraseDialog

        dialog = PassphraseDialog(
            "Change passphrase" if encrypted else "Encrypt this case file",
            "Everything in the case file will be encrypted with this passphrase. It is never "
            "stored anywhere: without it the case file cannot be opened, so keep it safe."
            + ("" if encrypted else " The unencrypted copy is overwritten and removed."),
            self,
        )
        dialog.chosen.connect(self.set_passphrase)
        self.passphrase_dialog = dialog
        dialog.open()

    def set_passphrase(self, passphrase: str) -> bool:
        if self.desk is None:
            return False
        if self.workspace is not None:
            self.workspace.flush()
        try:
            self.desk.set_passphrase(passphrase)
        except CaseFileError as error:
            self._save_failed(error.message)
            return False
        self.save_label.setText(f"{self.desk.path.name} is encrypted with the new passphrase.")
        self._refresh_state()
        copies = self.desk.plain_copies()
        if copies:
            from .dialogs.plain_copies import ask_about_plain_copies

            self.plain_copies_box = ask_about_plain_copies(
                self, self.desk.path, copies, self.protect_plain_copies
            )
        return True

    def protect_plain_copies(self, remove: bool) -> None:
        """Encrypt or remove the unencrypted copies, as the mediator chose, on a worker thread
        (each copy is a whole case file to rewrite), then record it in the history."""
        desk = self.desk
        if desk is None:
            return
        try:
            work = desk.plain_copies_work(remove=remove)
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        doing = "Removing" if remove else "Encrypting"
        self.save_label.setText(f"{doing} the unencrypted copies…")

        def finished(done: int) -> None:
            if self.desk is not desk:  # the case file was closed meanwhile
                return
            try:
                desk.record_plain_copies(remove=remove, done=done)
            except CaseFileError as error:
                self._save_failed(error.message)
                return
            what = "removed" if remove else "encrypted with the new passphrase"
            noun = "copy" if done == 1 else "copies"
            self.save_label.setText(f"{done} unencrypted {noun} {what}.")

        def failed(error: BaseException) -> None:
            self._save_failed(getattr(error, "message", None) or str(error))

        run_in_background(work, finished, failed, owner=self)

    def choose_casefile_to_open(self) -> None:
        start = str(self.desk.path.parent) if self.desk else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open case file", start, FILE_FILTER)
        if name:
            self.open_casefile(Path(name), create=False)

    def choose_new_casefile(self) -> None:
        start = str(self.desk.path.parent) if self.desk else ""
        name, _ = QFileDialog.getSaveFileName(
            self,
            "New case file",
            start,
            FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        path = Path(name)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        if path.exists():
            self._save_failed(f"{path.name} already exists. Choose another name.")
            return
        self.create_casefile(path)

    def create_casefile(self, path: Path) -> None:
        """A new case file is encrypted unless the mediator explicitly chooses otherwise."""
        from .dialogs.passphrase import PassphraseDialog

        dialog = PassphraseDialog(
            "Protect the new case file",
            f"{path.name} will hold children's personal data. Choose a passphrase to encrypt "
            "it; it is never stored, so keep it safe: without it the file cannot be opened.",
            self,
        )
        plain = dialog.buttons.addButton(
            "Create without encryption", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        plain.setToolTip("Only if this computer's disk is already encrypted")
        plain.clicked.connect(lambda: (dialog.reject(), self.open_casefile(path, create=True)))
        dialog.chosen.connect(lambda key: self.open_casefile(path, create=True, passphrase=key))
        self.passphrase_dialog = dialog
        dialog.open()

    # -- cases -------------------------------------------------------------------------------
    def _ensure_workspace(self) -> CaseWorkspace | None:
        """The open case's tabs, built on first need: they are not needed to list cases."""
        if self.workspace is None and self.desk is not None:
            from .case.workspace import CaseWorkspace

            self.workspace = CaseWorkspace(self.desk)
            self.workspace.saved.connect(self._saved)
            self.workspace.save_failed.connect(self._save_failed)
            self.workspace.case_saved.connect(self._open_case_saved)
            self.right.addWidget(self.workspace)
            self.workspace.meeting.remember_layout(self.settings)
        return self.workspace

    def show_case(self, case_id: int) -> None:
        if self.desk is None or self._ensure_workspace() is None:
            return
        assert self.workspace is not None
        try:
            case = self.desk.case(case_id)
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        self.workspace.show_case(case)
        self.right.setCurrentWidget(self.workspace)
        self.casebook.select_case(case_id, emit=False)
        self.close_case_action.setEnabled(True)
        self.export_case_action.setEnabled(True)

    def open_case_from_dashboard(self, case_id: int) -> None:
        showing = self.workspace is not None and self.right.currentWidget() is self.workspace
        if showing and self.casebook.current_case_id() == case_id:
            return  # a double-click can also count as an activation
        self.casebook.search_box.clear()
        self.casebook.refresh()
        self.show_case(case_id)

    def _case_saved(self) -> None:
        """Cases were added, changed or erased: the casebook and the dashboard follow."""
        self.casebook.refresh()
        self._refresh_dashboard(at_once=True)

    def _open_case_saved(self, case_id: int) -> None:
        """An edit to the open case was saved: its casebook row follows at once, the rest
        when the app is idle (see CasebookPanel.case_saved)."""
        self.casebook.case_saved(case_id)
        self._refresh_dashboard()

    def _refresh_dashboard(self, at_once: bool = False) -> None:
        """The dashboard is read again if it is showing (at once, or after a pause in typing),
        else when it is next shown."""
        self._dashboard_stale = True
        if self.left_tabs.currentWidget() is self.dashboard:
            if at_once:
                self._refresh_dashboard_now()
            else:
                self._dashboard_timer.start()

    def _refresh_dashboard_now(self) -> None:
        self._dashboard_timer.stop()
        self._dashboard_stale = False
        self.dashboard.refresh()

    def _show_left(self, index: int) -> None:
        """Ctrl+1, Ctrl+2 and Find bring the casebook back if it was hidden."""
        self.casebook_action.setChecked(True)
        self.left_tabs.setCurrentIndex(index)

    def _find_case(self) -> None:
        self._show_left(0)
        self.casebook.focus_search()

    def _left_tab_changed(self, index: int) -> None:
        if self.left_tabs.widget(index) is self.dashboard and self._dashboard_stale:
            self._refresh_dashboard_now()

    def show_settings(self, page: str = "") -> None:
        """Settings, at `page` (one of SettingsDialog.PAGES) if given."""
        if self.desk is None:
            return
        if self.settings_dialog is None:
            from .dialogs.settings_dialog import SettingsDialog

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

    # -- backups -----------------------------------------------------------------------------
    def back_up_now(self, automatic: bool = False) -> None:
        """A backup on a worker thread; automatic ones only when the newest is a day old."""
        desk = self.desk
        if desk is None:
            return
        if self.backup_running:
            self._backup_requested = self._backup_requested or not automatic
            return  # a requested backup follows the one under way
        folder, keep, source = desk.backup_folder(), desk.backup_keep(), desk.path
        passphrase = desk.casefile.passphrase
        now = dt.datetime.now().replace(microsecond=0)
        if automatic:

            def work() -> object:
                return automatic_backup(
                    source, folder, keep, now, AUTOMATIC_BACKUP_EVERY, passphrase
                )
        else:

            def work() -> object:
                return backup_into(source, folder, keep, now, passphrase)

        def done(path: object) -> None:
            self._backup_ended()
            if path is not None:
                self.save_label.setText(f"Backed up to {path}")
                self.backup_finished.emit(path)

        def failed(error: BaseException) -> None:
            self._backup_ended()
            message = getattr(error, "message", None) or str(error)
            self.save_label.setText(f"Backup failed: {message}")

        self.backup_running = True
        if not automatic:
            self.save_label.setText("Backing up…")
        run_in_background(work, done, failed)

    # -- the case exchange format -------------------------------------------------------------
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
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Case not imported",
                f"{error.message}\n\nNothing was added.", QMessageBox.StandardButton.Close, self,
            )  # fmt: skip
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()  # not exec(): the window stays responsive
            self.save_label.setText(f"Not imported: {error.message}")
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
            from ..documents.export import write_atomically

            write_atomically(target, text.encode("utf-8"))
        except CaseFileError as error:
            self._save_failed(error.message)
            return False
        except OSError as error:
            self._save_failed(f"The export could not be written: {error.strerror or error}.")
            return False
        self.save_label.setText(f"Exported {case.reference} to {target}")
        return True

    def _backup_ended(self) -> None:
        self.backup_running = False
        if self._backup_requested:
            self._backup_requested = False
            self.back_up_now()

    def choose_backup_to_restore(self) -> None:
        if self.desk is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore from backup", str(self.desk.backup_folder()),
            f"Case file backups (*{BACKUP_SUFFIX});;All files (*)",
        )  # fmt: skip
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup: Path, backup_passphrase: str | None = None) -> bool:
        """Close the case file, check and restore the backup over it, and open it again. A
        backup taken before the passphrase was changed needs the passphrase it was made with:
        it is asked for, and the restored file keeps it."""
        if self.desk is None:
            return False
        target, passphrase = self.desk.path, self.desk.casefile.passphrase
        if not self.close_casefile():
            return False
        used = backup_passphrase if backup_passphrase is not None else passphrase
        try:
            kept = restore_backup(backup, target, passphrase=used)
        except CaseFileError as error:
            self.open_casefile(target, create=False, passphrase=passphrase)
            if error.needs_passphrase and passphrase is not None:
                self._ask_backup_passphrase(backup, error.message)
            else:
                self._save_failed(f"Not restored: {error.message}")
            return False
        opened = self.open_casefile(target, create=False, passphrase=used)
        if opened:
            self.save_label.setText(
                f"Restored {backup.name}. The replaced file is kept as {kept.name}."
                + (
                    " It opens with the passphrase the backup was made with."
                    if used != passphrase
                    else ""
                )
            )
        return opened

    def _ask_backup_passphrase(self, backup: Path, reason: str) -> None:
        self._ask_for_passphrase(
            "Passphrase of the backup",
            f"{reason}\n\nIf the passphrase was changed after this backup was taken, enter the "
            f"passphrase it had then. The restored case file will open with that one.\n\n"
            f"Passphrase for {backup.name}:",
            lambda text: self.restore_from(backup, text),
        )

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

    def _deadlines_recounted(self) -> None:
        self._case_saved()
        if self.workspace is not None:
            self.workspace.overview.refresh_timeline()

    def close_case(self) -> None:
        if self.workspace is not None:
            self.workspace.flush()
        self.casebook.clear_selection()
        self._refresh_state()

    def new_case(self) -> None:
        if self.desk is None or self.desk.read_only:
            return
        from .dialogs.new_case import NewCaseDialog

        dialog = NewCaseDialog(self.desk, self)
        dialog.created.connect(self._case_created)
        dialog.finished.connect(lambda _result: setattr(self, "new_case_dialog", None))
        self.new_case_dialog = dialog
        dialog.open()

    def _case_created(self, case: object) -> None:
        self.casebook.search_box.clear()
        self.casebook.refresh()
        case_id = getattr(case, "id", None)
        if case_id is not None:
            self.show_case(case_id)
            self.save_label.setText(f"Created case {getattr(case, 'reference', '')}.")

    def load_demo_cases(self) -> None:
        if self.desk is None or self.desk.read_only:
            return
        try:
            added = self.desk.load_demo_cases()
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        self._case_saved()
        self._refresh_state()
        self.save_label.setText(f"Added {len(added)} fictional demo cases.")

    # -- status ------------------------------------------------------------------------------
    def _saved(self, when: dt.datetime) -> None:
        self.save_label.setText(f"All changes saved at {when:%H:%M:%S}")

    def _save_failed(self, message: str) -> None:
        self.save_label.setText(f"Not saved: {message}")

    def _refresh_state(self) -> None:
        desk = self.desk
        has_file = desk is not None
        writable = has_file and not desk.read_only  # type: ignore[union-attr]
        has_cases = has_file and desk.count() > 0  # type: ignore[union-attr]
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

    def show_reports(self) -> None:
        """The service report for the open case file, in its own window."""
        if self.desk is None:
            return
        if self.workspace is not None:
            self.workspace.flush()  # the report counts what was just typed
        if self.reports_window is None:
            from .reports import ReportsWindow

            self.reports_window = ReportsWindow(self.desk, self)
            self.reports_window.setWindowIcon(self.windowIcon())
        else:
            self.reports_window.reload()
        self.reports_window.show()
        self.reports_window.raise_()
        self.reports_window.activateWindow()

    def show_guide(self, page: str = "") -> None:
        """The user guide in its own window (one window, raised if already open)."""
        if self.guide_window is None:
            from .guide import GuideWindow

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

    # -- closing -----------------------------------------------------------------------------
    def _flush_or_ask(self) -> bool:
        if self.workspace is None or self.workspace.flush():
            return True
        answer = QMessageBox.warning(
            self,
            "Changes not saved",
            "The last changes could not be saved (see the status bar). Close anyway and lose them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

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
