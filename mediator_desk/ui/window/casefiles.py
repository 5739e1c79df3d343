"""The case file's life cycle in the main window: the first-run welcome, open, create, the
check on opening, and close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
)

from ... import APP_NAME, SUFFIX
from ...services import Desk, default_casefile_path
from ...store.casefile import schema_version_of
from ...store.errors import CaseFileError
from ...store.migrations import SCHEMA_VERSION
from ..worker import (
    collector_waiting,
    progress_dialog,
    run_in_background,
    run_with_progress,
)
from .base import WindowParts

if TYPE_CHECKING:
    from ..dialogs.welcome import FirstRunChoices

FILE_FILTER = f"Mediator Desk case files (*{SUFFIX});;All files (*)"


class FileOpenRequests(QObject):
    """On macOS the Finder opens a case file by sending the running app a QFileOpenEvent (not
    a command line): open it with `opener` (the window's open_casefile), as File ▸ Open does.
    Installed on the QApplication; a child of the window, so it goes with it."""

    def __init__(
        self, window: QObject, opener: Callable[..., bool], read_only: bool = False
    ) -> None:
        super().__init__(window)
        self.opener = opener
        self.read_only = read_only
        self.received = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file() or event.url().toLocalFile()
        if not name:
            return False
        self.received = True
        self.opener(Path(name), read_only=self.read_only, create=False)
        return True


class CaseFilesMixin(WindowParts):
    """Opening, creating and closing the case file: one place decides what the window shows
    while a file is open, being checked, or refused."""

    def start(self, path: Path | None, *, read_only: bool = False) -> None:
        """At start-up: open `path`, else the default case file; on the very first run (no
        case file anywhere yet) welcome the mediator and create one with them."""
        if path is None and not default_casefile_path().exists():
            self.show_welcome()
            return
        self.open_casefile(path, read_only=read_only)

    def show_welcome(self) -> None:
        from ..dialogs.welcome import WelcomeWizard

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
        """Open `path` (None: the default case file) in place of the current one. An older
        case file is upgraded on a worker thread behind a progress dialog, and attached when
        that ends (True here means it is under way)."""
        if not self.close_casefile():
            return False
        if path is not None and not read_only and self._older(path, passphrase):
            self._open_upgrading(path, passphrase)
            return True
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
        self._opened(desk)
        return True

    @staticmethod
    def _older(path: Path, passphrase: str | None) -> bool:
        """Whether the file holds an older schema, so opening it means an upgrade."""
        if not path.is_file():
            return False
        version = schema_version_of(path, passphrase)
        return version is not None and 0 < version < SCHEMA_VERSION

    def _open_upgrading(self, path: Path, passphrase: str | None) -> None:
        """Upgrade and open an older case file on a worker thread: recomputing every case's
        search text and deadlines takes seconds at tens of thousands of cases."""
        dialog = progress_dialog(
            self, "Upgrading the case file",
            f"Upgrading {path.name} for this version of Mediator Desk…",
        )  # fmt: skip
        self.upgrade_progress = dialog

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(f"Upgrading {path.name}: {done:,} of {total:,} cases…")

        def ended(desk: Desk | None, error: BaseException | None = None) -> None:
            dialog.reset()
            dialog.close()
            self.upgrade_progress = None
            if desk is not None:
                self._opened(desk)
                return
            if not isinstance(error, CaseFileError):
                error = CaseFileError(f"{path.name} could not be upgraded: {error}", path)
            self._show_open_problem(error)

        run_with_progress(
            lambda report: self._opener(
                path, read_only=False, create=False, today=self.today, passphrase=passphrase,
                check_now=False, progress=report,
            ),
            progressed,
            ended,
            lambda error: ended(None, error),
            self,
        )  # fmt: skip

    def _opened(self, desk: Desk) -> None:
        """A case file is open: show it, and check its structure off the UI thread."""
        self._attach(desk)
        self.casefile_check_running = True
        run_in_background(  # seconds of Python at 50,000 cases
            lambda: collector_waiting(desk.verify_on_open),
            lambda _result: self._casefile_checked(desk, None),
            lambda error: self._casefile_checked(desk, error),
        )

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
        # The case tabs are built in steps once the window is up (or when a case is chosen).
        self._prepare_workspace()
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
        if self.erasing:  # its worker is writing the file through a connection of its own
            self.save_label.setText("Erasing cases: wait for it to finish, or press Stop.")
            return False
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
        self._drop_workspace_building()
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
        from ..dialogs.passphrase import PassphraseDialog

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

        def without_encryption() -> None:
            dialog.reject()
            self.open_casefile(path, create=True)

        plain.clicked.connect(without_encryption)
        dialog.chosen.connect(lambda key: self.open_casefile(path, create=True, passphrase=key))
        self.passphrase_dialog = dialog
        dialog.open()

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
