"""Settings (Tools ▸ Settings…, Ctrl+,): every setting of the case file on a few pages, saved as
it is changed. They live in the case file, so they move with it to a new laptop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.preferences import (
    DOCUMENT_FORMAT_LABELS,
    DOCUMENT_FORMATS,
    MAX_MEETING_MINUTES,
    MIN_MEETING_MINUTES,
    describe_minutes,
)
from ...services import Desk
from ..widgets.fields import (
    combo,
    line,
    message_label,
    scroll_page,
    select_data,
    try_change,
    typing_line,
)
from .deadlines_page import DeadlinesPage
from .phrases_page import PhrasesPage
from .service_page import ServicePage
from .spelling_page import SpellingPage

PLATFORMS = ["", "Microsoft Teams", "Zoom", "Google Meet", "Cisco Webex"]


class _Page(QWidget):
    """A settings page: a form whose changes are saved at once, with a line for problems."""

    def __init__(self, desk: Desk, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.message = message_label("Message")
        text = QLabel(intro)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def save(self, change: Callable[[], object], done: str = "Saved.") -> bool:
        return try_change(self.message, change, done)

    def add_folder_row(
        self, label: str, edit: QLineEdit, title: str, changed: Callable[[], None]
    ) -> None:
        """A folder field with its Browse… button; `changed` saves it (on leaving the field,
        or once a folder is chosen)."""
        edit.setReadOnly(self.desk.read_only)
        edit.editingFinished.connect(changed)

        def choose() -> None:
            chosen = QFileDialog.getExistingDirectory(self, title, edit.text() or str(Path.home()))
            if chosen:
                edit.setText(chosen)
                changed()

        button = QPushButton("&Browse…")
        button.setAccessibleName(f"Choose {edit.accessibleName().lower()}")
        button.clicked.connect(choose)
        button.setEnabled(not self.desk.read_only)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        caption = QLabel(label)
        caption.setBuddy(edit)
        self.form.addRow(caption, row)

    def save_pending(self) -> None:
        """Keep what was typed in a field the cursor has not left yet."""


class MeetingsPage(_Page):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            "Used for each new case: the end time is filled in from the start time, and an "
            "online meeting starts with your usual platform. Each case can be changed.",
            parent,
        )
        preferences = desk.preferences()
        self.length = QSpinBox()
        self.length.setRange(MIN_MEETING_MINUTES, MAX_MEETING_MINUTES)
        self.length.setSingleStep(15)
        self.length.setSuffix(" minutes")
        self.length.setAccessibleName("Usual meeting length")
        self.length.setValue(preferences.meeting_minutes)
        self.length.setToolTip(describe_minutes(preferences.meeting_minutes))
        self.length.valueChanged.connect(self._length_changed)
        self.platform = combo("Usual online platform", [(p, p) for p in PLATFORMS])
        platform_line = typing_line(self.platform)
        self.platform.setCurrentText(preferences.platform)
        platform_line.setPlaceholderText("e.g. Microsoft Teams")
        platform_line.editingFinished.connect(self._platform_changed)
        self.platform.activated.connect(lambda _i: self._platform_changed())
        self.form.addRow("Usual meeting &length:", self.length)
        self.form.addRow("Usual online &platform:", self.platform)
        for widget in (self.length, self.platform):
            widget.setEnabled(not desk.read_only)

    def _length_changed(self, minutes: int) -> None:
        self.length.setToolTip(describe_minutes(minutes))
        self.save(lambda: self.desk.set_preference("meeting_minutes", minutes))

    def _platform_changed(self) -> None:
        value = self.platform.currentText().strip()
        if value != self.desk.preferences().platform:
            self.save(lambda: self.desk.set_preference("platform", value))

    def save_pending(self) -> None:
        if not self.desk.read_only:
            self._platform_changed()


class RecordsPage(_Page):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            "Closed cases are kept for the retention period, then offered for erasure (Tools ▸ "
            "Erase closed cases past retention). A backup is taken once a day while the case "
            "file is open, and the oldest are removed.",
            parent,
        )
        self.retention = QSpinBox()
        self.retention.setRange(1, 100)
        self.retention.setSuffix(" years after closing")
        self.retention.setAccessibleName("Keep closed cases for")
        self.retention.setValue(desk.retention_years())
        self.retention.valueChanged.connect(
            lambda years: self.save(lambda: self.desk.set_retention_years(years))
        )
        self.backup_folder = line("Backup folder", 2000)
        self.backup_folder.setText(str(desk.backup_folder()))
        self.backup_folder.setToolTip(
            "Another disk or an encrypted USB stick is safer than the same disk"
        )
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setSuffix(" backups")
        self.backup_keep.setAccessibleName("Backups to keep")
        self.backup_keep.setValue(desk.backup_keep())
        self.backup_keep.valueChanged.connect(
            lambda count: self.save(lambda: self.desk.set_backup_keep(count))
        )
        self.form.addRow("&Keep closed cases for:", self.retention)
        self.add_folder_row(
            "Backup &folder:", self.backup_folder, "Keep backups in", self._folder_changed
        )
        self.form.addRow("Backups to ke&ep:", self.backup_keep)
        self.retention.setEnabled(not desk.read_only)
        self.backup_keep.setEnabled(not desk.read_only)

    def _folder_changed(self) -> None:
        text = self.backup_folder.text().strip()
        folder = Path(text).expanduser() if text else None
        if folder is not None and folder == self.desk.backup_folder():
            return
        if self.save(lambda: self.desk.set_backup_folder(folder)):
            self.backup_folder.setText(str(self.desk.backup_folder()))

    def save_pending(self) -> None:
        if not self.desk.read_only:
            self._folder_changed()


class DocumentsPage(_Page):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            desk,
            "How the Documents tab starts for each case. You can still choose differently "
            "when you export.",
            parent,
        )
        preferences = desk.preferences()
        self.format = combo(
            "Usual format", [(DOCUMENT_FORMAT_LABELS[k], k) for k in DOCUMENT_FORMATS]
        )
        select_data(self.format, preferences.document_format)
        self.format.currentIndexChanged.connect(
            lambda _i: self.save(
                lambda: self.desk.set_preference("document_format", self.format.currentData())
            )
        )
        self.folder = line("Export folder", 2000)
        self.folder.setPlaceholderText(str(Path.home()))
        self.folder.setText(preferences.document_folder)
        self.open_after = QCheckBox("Open the folder after exporting")
        self.open_after.setAccessibleName("Open the folder after exporting")
        self.open_after.setChecked(preferences.open_folder_after_export)
        self.open_after.toggled.connect(
            lambda on: self.save(lambda: self.desk.set_preference("open_folder_after_export", on))
        )
        self.form.addRow("Usual &format:", self.format)
        self.add_folder_row(
            "Export f&older:", self.folder, "Export documents to", self._folder_changed
        )
        self.form.addRow("", self.open_after)
        self.format.setEnabled(not desk.read_only)
        self.open_after.setEnabled(not desk.read_only)
        self.certificate = QLabel(self._certificate_text())  # whole lines: never wrapped
        self.certificate.setAccessibleName("Signing certificate")
        self.certificate.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.certificate.setToolTip(
            "Signed PDFs carry this certificate. Give its fingerprint to anyone who relies on "
            "your documents: their PDF reader shows the same one."
        )
        self.form.addRow("Signing certificate:", self.certificate)

    def _certificate_text(self) -> str:
        identity = self.desk.signing.identity()
        if identity is None:
            return "None yet: it is made when you first seal a statement\nor export a certificate."
        groups = identity.fingerprint.split()
        lines = [identity.name, identity.organisation, "Fingerprint (SHA-256):"]
        lines += [" ".join(groups[:8]), " ".join(groups[8:])]
        return "\n".join(line for line in lines if line)

    def _folder_changed(self) -> None:
        value = self.folder.text().strip()
        if value == self.desk.preferences().document_folder:
            return
        if value and not Path(value).expanduser().is_dir():
            self.message.setText(f"✖ The folder {value} does not exist.")
            return
        self.save(lambda: self.desk.set_preference("document_folder", value))

    def save_pending(self) -> None:
        if not self.desk.read_only:
            self._folder_changed()


class SettingsDialog(QDialog):
    """`deadlines_changed` tells the window to recount the deadlines shown."""

    deadlines_changed = Signal()
    PAGES = ("service", "meetings", "deadlines", "records", "documents", "phrases", "spelling")

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Settings" + (" (read-only)" if desk.read_only else ""))
        self.service = ServicePage(desk)
        self.meetings = MeetingsPage(desk)
        self.deadlines = DeadlinesPage(desk)
        self.deadlines.changed.connect(self.deadlines_changed)
        self.records = RecordsPage(desk)
        self.documents = DocumentsPage(desk)
        self.phrases = PhrasesPage(desk)
        self.spelling = SpellingPage(desk)
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Settings pages")
        self.page_list.setSpacing(3)
        self.pages = QStackedWidget()
        titles = (
            "Mediator and service",
            "Meetings",
            "Deadlines",
            "Records and backups",
            "Documents",
            "Phrases",
            "Spelling",
        )
        for title, page in zip(titles, self._page_widgets(), strict=True):
            self.page_list.addItem(title)
            holder = QWidget()
            scroll_page(holder, page)
            self.pages.addWidget(holder)
        self.page_list.setFixedWidth(
            self.page_list.sizeHintForColumn(0) + 4 * self.page_list.frameWidth() + 24
        )
        self.page_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.deadlines.recount_running.connect(self._hold)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)

    def _page_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.service, self.meetings, self.deadlines, self.records, self.documents,
            self.phrases, self.spelling,
        )  # fmt: skip

    def show_page(self, name: str) -> None:
        self.page_list.setCurrentRow(self.PAGES.index(name) if name in self.PAGES else 0)
        self.page_list.setFocus()

    def _hold(self, recounting: bool) -> None:
        """While the deadlines are recounted (its own connection writing the file), nothing
        else here can be changed, and the dialog stays open: closed, it would let the window
        save edits that must wait."""
        for part in (self.page_list, self.pages, self.buttons):
            part.setEnabled(not recounting)

    def reject(self) -> None:
        if self.deadlines.recounting:  # Escape or Close: it closes once the recount ends
            return
        for page in self._page_widgets():
            save_pending = getattr(page, "save_pending", None)
            if save_pending is not None:
                save_pending()
        super().reject()
