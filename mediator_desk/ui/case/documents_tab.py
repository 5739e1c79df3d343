"""Documents: each document the case needs, whether it is ready, exported and circulated;
export to Word and PDF off the GUI thread; an email draft and a calendar invitation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...documents.build import KINDS
from ...documents.export import file_name, render_signed, write_atomically, write_new
from ...documents.model import Document
from ...documents.signing import SigningError, SigningPlan
from ...domain.case import Case
from ...domain.dates import long_date, short_date
from ...domain.preferences import (
    DOCUMENT_FORMAT_FILES,
    DOCUMENT_FORMAT_LABELS,
    DOCUMENT_FORMATS,
    Preferences,
)
from ...services import Desk
from ...services.documents import CannotMakeDocument, DocumentStatus
from ...store.errors import CaseFileError
from ..widgets.date_field import DateField
from ..widgets.fields import combo, line, message_label, scroll_page, select_data
from ..worker import run_in_background
from .page import CasePage

FORMATS = [(DOCUMENT_FORMAT_LABELS[k], DOCUMENT_FORMAT_FILES[k]) for k in DOCUMENT_FORMATS]


@dataclass(frozen=True)
class _Export:
    """One export as asked for: the document built, where, and in which formats."""

    case: Case
    kind: str
    document: Document
    folder: Path
    formats: tuple[str, ...]
    plan: SigningPlan | None = None  # how its PDF is signed; None: it is not

    def targets(self) -> list[Path]:
        return [self.folder / file_name(self.document, fmt) for fmt in self.formats]


class DocumentsTab(CasePage):
    exported = Signal(list)  # the paths written

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.last_exported: list[Path] = []
        self.busy = False
        self.statuses: list[DocumentStatus] = []  # read when the tab is shown
        self.replace_question: QMessageBox | None = None  # shown when the files are there
        self.replace_button: QPushButton | None = None
        self.keep_both_button: QPushButton | None = None

        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.setHorizontalHeaderLabels(["Document", "Status", "Exported", "Circulated"])
        self.table.setAccessibleName("Documents")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)

        self.format = combo("Format", list(FORMATS))
        self.recipient = combo("Recipient", [])
        self.recipient.setToolTip("For the child's views: who it is shared with")
        self.folder = line("Folder", 2000)
        self.browse = QPushButton("&Browse…")
        self.open_after = QCheckBox("Open the folder after exporting")
        self.open_after.setAccessibleName("Open the folder after exporting")
        self.export_button = QPushButton("E&xport")
        self.email_button = QPushButton("Prepare emai&l…")
        self.email_button.setToolTip("An email draft with the last exported documents attached")
        self.invite_button = QPushButton("Calendar invitation")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.message = message_label("Export message")
        self.undo_issue = QPushButton("Undo")
        self.undo_issue.setToolTip("Take back the date just recorded")
        self._undo: Callable[[], str] | None = None  # takes it back; says what it did
        self.undo_issue.hide()
        self.circulated = DateField("Circulated on")
        self.circulated_note = QLabel()
        self.circulated_note.setWordWrap(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        options = QGroupBox("Export the selected document")
        form = QFormLayout(options)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Format:", self.format)
        form.addRow("Recipie&nt:", self.recipient)
        folder_label = QLabel("Fol&der:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.open_after)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.email_button, self.invite_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.progress)
        form.addRow("", self.message)
        form.addRow("", self.undo_issue)
        circulation = QGroupBox("Circulation")
        circulation_form = QFormLayout(circulation)
        circulation_form.addRow("Circulated on:", self.circulated)
        circulation_form.addRow("", self.circulated_note)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.table, 1)
        layout.addWidget(options)
        layout.addWidget(circulation)
        self.table.setMinimumHeight(200)
        scroll_page(self, body)

        self.browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.export_selected)
        self.email_button.clicked.connect(self.prepare_email)
        self.invite_button.clicked.connect(self.write_invite)
        self.undo_issue.clicked.connect(self.undo_issue_date)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.circulated.date_changed.connect(self._circulated_changed)
        self.apply_preferences()

    # -- showing -----------------------------------------------------------------------------
    def apply_preferences(self) -> None:
        """Start from the mediator's usual format and folder (Settings ▸ Documents)."""
        try:
            preferences = self.desk.preferences()
        except CaseFileError:
            preferences = Preferences()
        select_data(self.format, DOCUMENT_FORMAT_FILES[preferences.document_format])
        self.folder.setText(preferences.document_folder or str(Path.home()))
        self.open_after.setChecked(preferences.open_folder_after_export)

    def show_case(self, case: Case, read: bool = True) -> None:
        """Show `case`; with `read=False` only note it (read when the tab is shown)."""
        if self.case is None or self.case.id != case.id:
            self.undo_issue.hide()  # an Undo belongs to the case it was offered for
        self.case = case
        if read:
            self.refresh()

    def case_updated(self, case: Case) -> None:
        """The case as stored; the table is read again when the tab is shown (workspace)."""
        self.case = case

    def refresh(self) -> None:
        if self.case is None or self.case.id is None:
            return
        row = max(self.table.currentRow(), 0)
        self.statuses = self.desk.documents.statuses(self.case)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.statuses))
        for r, status in enumerate(self.statuses):
            cells = (
                status.title,
                status.reason,
                f"{short_date(status.exported_at.date())} {status.exported_at:%H:%M}"
                if status.exported_at else "",
                short_date(status.circulated_on) if status.circulated_on else "",
            )  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(status.reason)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self.recipient.clear()
        views = self.desk.child_views.get(self.case.id)
        for attendee in self.desk.attendees.list(self.case.id):
            if attendee.id in views.share_with:
                self.recipient.addItem(f"{attendee.name} ({attendee.role.label})", attendee.id)
        self.table.selectRow(min(row, len(self.statuses) - 1))
        self._selection_changed()

    def selected_kind(self) -> str | None:
        row = self.table.currentRow()
        return self.statuses[row].kind if 0 <= row < len(self.statuses) else None

    def select_kind(self, kind: str) -> None:
        for row, status in enumerate(self.statuses):
            if status.kind == kind:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        row = self.table.currentRow()
        status = self.statuses[row] if 0 <= row < len(self.statuses) else None
        self.export_button.setEnabled(bool(status and status.ready) and not self.busy)
        self.recipient.setEnabled(bool(status and status.kind == "child-views"))
        self.invite_button.setVisible(bool(status and status.kind == "meeting-letter"))
        self.circulated.blockSignals(True)
        self.circulated.set_value(status.circulated_on if status else None)
        self.circulated.blockSignals(False)
        self.circulated.setReadOnly(self.desk.read_only or status is None)
        self._circulation_note(status.kind if status else None)

    def _circulation_note(self, kind: str | None) -> None:
        note = ""
        if kind == "outcome-statement" and self.case is not None:
            due = next(
                (t for t in self.desk.timeline(self.case) if t.key == "statement_circulate_by"),
                None,
            )
            sent = self.case.statement_circulated
            if due is not None:
                if sent is None:
                    note = f"Circulate by {long_date(due.due)} (3 working days after the meeting)."
                elif sent <= due.due:
                    note = f"Circulated within 3 working days (due {long_date(due.due)})."
                else:
                    note = f"Circulated after the 3 working days (due {long_date(due.due)})."
        self.circulated_note.setText(note)

    # -- exporting ---------------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export to", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def export_selected(self) -> bool:
        """Build on this thread (it reads the case file), render and write on a worker. Where
        a file of that name is already there, ask first: Replace, Keep both or Cancel."""
        kind = self.selected_kind()
        if self.case is None or kind is None or self.busy:
            return False
        folder = Path(self.folder.text()).expanduser()
        if not folder.is_dir():
            self.message.setText(f"✖ The folder {folder} does not exist.")
            return False
        recipient = self.recipient.currentData() if kind == "child-views" else None
        try:
            document = self.desk.documents.build(self.case, kind, recipient)
            document, plan = self.desk.documents.signed(self.case, kind, document)
        except CaseFileError as error:
            self.message.setText(f"✖ {error.message}")
            return False
        formats = tuple(self.format.currentData())
        job = _Export(self.case, kind, document, folder, formats, plan)
        self.busy = True
        self.export_button.setEnabled(False)
        there = [path.name for path in job.targets() if path.exists() or path.is_symlink()]
        if there:
            self._ask_before_replacing(job, there)
        else:
            self._write(job, replace=False)
        return True

    def _ask_before_replacing(self, job: _Export, names: list[str]) -> None:
        """A question that does not block: its answer starts the export or cancels it."""
        listed = " and ".join(names)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace the file?",
            f"{listed} {'is' if len(names) == 1 else 'are'} already in {job.folder}.\n\n"
            "Replace it with this export, or keep both (the new one gets a number, "
            "like “name (2).pdf”)?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        replace = box.addButton("&Replace", QMessageBox.ButtonRole.DestructiveRole)
        keep_both = box.addButton("&Keep both", QMessageBox.ButtonRole.AcceptRole)
        self.replace_button, self.keep_both_button = replace, keep_both
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep_both)
        box.setEscapeButton(cancel)
        self.replace_question = box

        def answered() -> None:
            chosen = box.clickedButton()
            self.replace_question = self.replace_button = self.keep_both_button = None
            box.deleteLater()
            if chosen not in (replace, keep_both):
                self.busy = False
                self.message.setText("Nothing was exported.")
                self._selection_changed()
                return
            self._write(job, replace=chosen is replace)

        box.finished.connect(answered)
        box.open()

    def _write(self, job: _Export, replace: bool) -> None:
        """Render and write on a worker; without `replace`, a file already there is kept and
        the new one numbered."""
        case, kind, folder = job.case, job.kind, job.folder
        self.progress.setRange(0, 0)  # busy until the worker reports
        self.progress.show()
        self.message.setText("Exporting…")

        def work() -> list[Path]:
            written = []
            for target in job.targets():
                data = render_signed(job.document, target.suffix[1:], job.plan)
                if replace:
                    write_atomically(target, data)
                    written.append(target)
                else:
                    written.append(write_new(target, data))
            return written

        def done(paths: list[Path]) -> None:
            self._finish()
            issued = None
            try:
                for path in paths:
                    recorded = self.desk.documents.record_export(
                        case, kind, path.suffix[1:], path.name
                    )
                    issued = issued or recorded
            except CaseFileError as error:  # the files are written; only the log failed
                self.save_failed.emit(error.message)
            self.last_exported = paths
            saved = "Saved " + ", ".join(p.name for p in paths) + f" in {folder}."
            self.message.setText(saved)
            if issued is not None:
                self._offer_undo_issue(saved, issued)
            self.refresh()
            self.exported.emit(paths)
            if self.open_after.isChecked():
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        def failed(error: BaseException) -> None:
            self._finish()
            if isinstance(error, SigningError):
                self.message.setText(f"✖ {error} Nothing was written.")
                return
            reason = getattr(error, "strerror", None) or str(error)
            self.message.setText(
                f"✖ The document could not be saved in {folder}: {reason}. Nothing was written."
            )

        run_in_background(work, done, failed)

    def _offer_undo_issue(self, saved: str, issued: dt.date) -> None:
        """Say that exporting the certificate recorded its issue date, with an Undo."""
        self.message.setText(
            f"{saved} The certificate's issue date, {long_date(issued)}, is recorded on the "
            "case: the appeal deadline counts from it."
        )
        case_id = self.case.id if self.case is not None else None

        def undo() -> str:
            if case_id is not None:
                self.desk.update_case(case_id, {"certificate_issued": None})
            return "The certificate's issue date is no longer recorded."

        self._offer_undo(undo)

    def _offer_undo(self, undo: Callable[[], str]) -> None:
        """Show Undo for a date the app just recorded on the mediator's behalf."""
        self._undo = undo
        self.undo_issue.show()

    def undo_issue_date(self) -> bool:
        """Take back the date the last export or email draft recorded."""
        self.undo_issue.hide()
        undo, self._undo = self._undo, None
        if undo is None:
            return False
        try:
            said = undo()
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.message.setText(said)
        return True

    def _finish(self) -> None:
        self.busy = False
        self.progress.hide()
        self._selection_changed()

    def prepare_email(self) -> None:
        if self.case is None:
            return
        if not self.last_exported:
            self.message.setText("Export the documents first; the email draft attaches them.")
            return
        try:
            path = self.desk.documents.prepare_email(
                self.case, self.last_exported, self.last_exported[0].parent
            )
        except (CaseFileError, OSError) as error:
            self.message.setText(f"✖ {getattr(error, 'message', error)}")
            return
        who = self.desk.documents.recipients(self.case).describe()
        said = f"Email draft saved as {path.name}, {who}. Open it to send."
        self.message.setText(said)
        self._record_sending(said)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _record_sending(self, said: str) -> None:
        """The draft is how the documents go out: record today as the day each went, where
        none is recorded yet, with an Undo for a draft that is not sent."""
        case = self.case
        if case is None:
            return
        try:
            kinds = self.desk.documents.record_sending(case, self.last_exported)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        if not kinds:
            return
        titles = ", ".join(KINDS[kind].lower() for kind in kinds)
        self.message.setText(
            f"{said} Recorded as circulated on {long_date(self.desk.today())}: the {titles}."
        )

        def undo() -> str:
            for kind in kinds:
                self.desk.documents.set_circulated(case, kind, None)
            verb = "is" if len(kinds) == 1 else "are"
            return f"The {titles} {verb} no longer recorded as circulated."

        self._offer_undo(undo)

    def write_invite(self) -> None:
        if self.case is None:
            return
        folder = Path(self.folder.text()).expanduser()
        try:
            path = self.desk.documents.meeting_invite(self.case, folder)
        except CannotMakeDocument as error:
            self.message.setText(f"✖ {error.message}")
            return
        except OSError as error:
            self.message.setText(f"✖ The invitation could not be saved: {error.strerror or error}.")
            return
        self.message.setText(f"Calendar invitation saved as {path.name}.")

    def _circulated_changed(self, day: dt.date | None) -> None:
        kind = self.selected_kind()
        if self.case is None or kind is None:
            return
        try:
            self.desk.documents.set_circulated(self.case, kind, day)
        except CaseFileError as error:
            self.message.setText(f"✖ {error.message}")
            self.save_failed.emit(error.message)
            self._selection_changed()  # the stored date again: nothing was changed
            return
        self.saved.emit(dt.datetime.now())  # the tabs follow the case file's notification

    def flush(self) -> bool:
        return True
