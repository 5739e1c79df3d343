"""The child's or young person's views: a one-page, person-centred profile in their own words,
how and by whom the views were gathered, what may be shared, and pictures or scans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import Case
from ...domain.dates import long_date
from ...domain.preparation import PROFILE_FIELDS, Attachment, ChildPart, ViewMethod
from ...services import Desk
from ...store.errors import CaseFileError
from ..autosave import autosaver_for
from ..editing import write_pending
from ..widgets.date_field import DateField
from ..widgets.fields import combo, line, message_label, scroll_page, select_data, text_area
from ..widgets.phrases import enable_phrases
from ..widgets.spelling import enable_spelling
from .page import CasePage

PICTURE_FILTER = "Pictures and scans (*.png *.jpg *.jpeg *.gif *.webp *.pdf);;All files (*)"
THUMBNAIL_SIDE = 256  # icons are made from thumbnails, never from the full-size picture


def thumbnail(data: bytes) -> QIcon | None:
    """A picture scaled to at most THUMBNAIL_SIDE pixels a side as it is read (a JPEG is even
    decoded at the smaller size), so a large picture's full-size decode is never kept."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    if max(size.width(), size.height()) > THUMBNAIL_SIDE:
        fit = Qt.AspectRatioMode.KeepAspectRatio
        reader.setScaledSize(size.scaled(THUMBNAIL_SIDE, THUMBNAIL_SIDE, fit))
    image = reader.read()
    return None if image.isNull() else QIcon(QPixmap.fromImage(image))


SHOWN_ROLE = Qt.ItemDataRole.UserRole + 1  # the text as shown, to tell a caption typed apart


class ChildViewsTab(CasePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        # Each small; keyed by more than the id, which SQLite may give again after a removal.
        self._thumbnails: dict[tuple[object, ...], QIcon | None] = {}
        self.autosaver = autosaver_for(self, self._save)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.texts: dict[str, QPlainTextEdit] = {
            name: text_area(label, "In their own words", grow=40)
            for name, label in PROFILE_FIELDS.items()
        }
        self.texts["quotes"] = text_area(
            "Quotes", "Exactly what they said or wrote, each quote on its own line", grow=40
        )
        self.texts["no_views_reason"] = text_area(
            "Why the views could not be gathered",
            "Only if their views could not be gathered: why, and what was tried",
            height=50,
            grow=40,
        )
        self.gathered_by = line("Gathered by", 200, "Name and role")
        self.gathered_on = DateField("Gathered on")
        self.methods: dict[ViewMethod, QCheckBox] = {}
        methods_box = QWidget()
        grid = QGridLayout(methods_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, method in enumerate(ViewMethod):
            check = QCheckBox(method.label)
            check.setAccessibleName(f"Gathered by {method.label.lower()}")
            check.toggled.connect(lambda _v: self._edited("methods", self._chosen_methods()))
            self.methods[method] = check
            grid.addWidget(check, index // 2, index % 2)
        self.will_attend = combo(
            "Will attend the meeting",
            [("Not decided", None)] + [(p.label, p) for p in ChildPart],
        )
        self.share_with = QListWidget()
        self.share_with.setAccessibleName("May be shared with")
        self.share_with.setMaximumHeight(130)
        self.share_with.itemChanged.connect(lambda _i: self._edited("share_with", self._shared()))

        self.attachments = QListWidget()
        self.attachments.setAccessibleName("Pictures and scans")
        self.attachments.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachments.setIconSize(QSize(96, 96))
        self.attachments.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.attachments.setMaximumHeight(150)
        self.attachments.setEditTriggers(
            QListWidget.EditTrigger.EditKeyPressed | QListWidget.EditTrigger.DoubleClicked
        )
        self.attachments.itemChanged.connect(self._attachment_changed)
        self.pictures_note = QLabel(
            "Tick the pictures to show in the one-page profile. Press F2 (or double-click) to "
            "write a picture's caption."
        )
        self.pictures_note.setWordWrap(True)
        self.add_attachment_button = QPushButton("A&dd picture or scan…")
        self.remove_attachment_button = QPushButton("Remove picture")
        self.attachment_message = message_label("Attachment message")

        profile = QGroupBox("In their own words")
        profile_form = QFormLayout(profile)
        profile_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, label in PROFILE_FIELDS.items():
            caption = QLabel(f"{label}:")
            caption.setWordWrap(True)
            caption.setBuddy(self.texts[name])
            profile_form.addRow(caption, self.texts[name])
        quotes_label = QLabel("&Quotes:")
        quotes_label.setBuddy(self.texts["quotes"])
        profile_form.addRow(quotes_label, self.texts["quotes"])

        self.phrase_keys = enable_phrases(
            list(self.texts.values()),
            lambda: (self.desk.phrases.phrases(), self.desk.phrases.values(self.case)),
        )  # Ctrl+Space: the service's phrases, filled from the case
        self.speller = enable_spelling(
            self,
            list(self.texts.values()),
            lambda: self.desk.spelling.known(self.case),
            self.desk.spelling.add_word,
            self.desk.spelling.enabled,
        )  # underlined as typed, the case's names known

        how = QGroupBox("How the views were gathered")
        how_form = QFormLayout(how)
        how_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        how_form.addRow("Gathered &by:", self.gathered_by)
        how_form.addRow("Gathered o&n:", self.gathered_on)
        how_form.addRow("How:", methods_box)
        how_form.addRow("&Will attend:", self.will_attend)
        reason_label = QLabel("If not &gathered, why:")
        reason_label.setBuddy(self.texts["no_views_reason"])
        how_form.addRow(reason_label, self.texts["no_views_reason"])

        sharing = QGroupBox("What may be shared, and with whom")
        sharing_layout = QVBoxLayout(sharing)
        sharing_note = QLabel(
            "Tick the attendees who may see this profile. Nothing is shared with anyone not ticked."
        )
        sharing_note.setWordWrap(True)
        sharing_layout.addWidget(sharing_note)
        sharing_layout.addWidget(self.share_with)

        pictures = QGroupBox("Pictures, drawings and scans")
        pictures_layout = QVBoxLayout(pictures)
        pictures_layout.addWidget(self.pictures_note)
        pictures_layout.addWidget(self.attachments)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_attachment_button)
        buttons.addWidget(self.remove_attachment_button)
        buttons.addStretch(1)
        pictures_layout.addLayout(buttons)
        pictures_layout.addWidget(self.attachment_message)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(profile)
        body_layout.addWidget(how)
        body_layout.addWidget(sharing)
        body_layout.addWidget(pictures)
        scroll_page(self, body)

        for name, area in self.texts.items():
            area.textChanged.connect(lambda n=name, a=area: self._edited(n, a.toPlainText()))
        self.gathered_by.textEdited.connect(lambda t: self._edited("gathered_by", t))
        self.gathered_on.date_changed.connect(lambda v: self._edited("gathered_on", v))
        self.will_attend.currentIndexChanged.connect(
            lambda _i: self._edited("will_attend", self.will_attend.currentData())
        )
        self.add_attachment_button.clicked.connect(self.choose_attachment)
        self.remove_attachment_button.clicked.connect(self.remove_attachment)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.case is not None:
            self.speller.refresh()  # the names may have changed on People

    # -- showing -----------------------------------------------------------------------------
    def show_case(self, case: Case) -> None:
        write_pending(self)
        self.case = case
        assert case.id is not None
        views = self.desk.child_views.get(case.id)
        self._loading = True
        try:
            for name, area in self.texts.items():
                area.setPlainText(getattr(views, name))
            self.gathered_by.setText(views.gathered_by)
            self.gathered_on.set_value(views.gathered_on)
            for method, check in self.methods.items():
                check.setChecked(method in views.methods)
            select_data(self.will_attend, views.will_attend)
            self.share_with.clear()
            for attendee in self.desk.attendees.list(case.id):
                item = QListWidgetItem(f"{attendee.display}: {attendee.role.label}")
                item.setData(Qt.ItemDataRole.UserRole, attendee.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                shared = attendee.id in views.share_with
                item.setCheckState(Qt.CheckState.Checked if shared else Qt.CheckState.Unchecked)
                self.share_with.addItem(item)
        finally:
            self._loading = False
        name = case.child_known_as or case.child_name or "the child"
        self.heading.setText(
            f"What matters to {name}, in their own words. Their views must be at the centre "
            "(Children and Families Act 2014 s19)."
        )
        self._show_attachments()
        read_only = self.desk.read_only
        for area in self.texts.values():
            area.setReadOnly(read_only)
        self.speller.refresh()  # this case's names
        self.gathered_by.setReadOnly(read_only)
        self.gathered_on.setReadOnly(read_only)
        for widget in (
            *self.methods.values(),
            self.will_attend,
            self.share_with,
            self.add_attachment_button,
            self.remove_attachment_button,
        ):
            widget.setEnabled(not read_only)

    def _show_attachments(self) -> None:
        """Each attachment with its thumbnail; a picture can be ticked for the profile and its
        caption edited in place (not in a read-only file)."""
        assert self.case is not None and self.case.id is not None
        row = self.attachments.currentRow()
        self._loading = True
        try:
            self.attachments.clear()
            for attachment in self.desk.attachments(self.case.id):
                self.attachments.addItem(self._attachment_item(attachment))
            if 0 <= row < self.attachments.count():
                self.attachments.setCurrentRow(row)  # the keyboard stays where it was
        finally:
            self._loading = False

    def _attachment_item(self, attachment: Attachment) -> QListWidgetItem:
        item = QListWidgetItem(attachment.caption or attachment.filename)
        item.setData(Qt.ItemDataRole.UserRole, attachment.id)
        item.setData(SHOWN_ROLE, item.text())
        added = long_date(attachment.added_at.date()) if attachment.added_at else ""
        item.setToolTip(f"{attachment.filename}, {attachment.size // 1024} KB, added {added}")
        flags = item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable
        is_picture = attachment.mime.startswith("image/")
        if not self.desk.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
            if is_picture:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        if is_picture:
            checked = Qt.CheckState.Checked if attachment.in_profile else Qt.CheckState.Unchecked
            item.setCheckState(checked)
        if is_picture and attachment.id is not None:
            key = (attachment.id, attachment.size, attachment.added_at, attachment.filename)
            if key not in self._thumbnails:
                self._thumbnails[key] = thumbnail(self.desk.attachment_data(attachment.id))
            icon = self._thumbnails[key]
            if icon is not None:
                item.setIcon(icon)
        return item

    def _attachment_changed(self, item: QListWidgetItem) -> None:
        """A tick or a caption typed in place is saved at once; the item is brought in line
        with what was saved where it stands (it is not rebuilt inside its own signal)."""
        if self._loading or self.case is None or self.case.id is None:
            return
        attachment_id = int(item.data(Qt.ItemDataRole.UserRole))
        saved = next(
            (a for a in self.desk.attachments(self.case.id) if a.id == attachment_id), None
        )
        if saved is None:
            return
        try:
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                chosen = item.checkState() == Qt.CheckState.Checked
                if saved.in_profile != chosen:
                    self.desk.set_attachment_in_profile(attachment_id, chosen)
                    shown = "is shown in the profile" if chosen else "is left out of the profile"
                    self.attachment_message.setText(f"{item.text()} {shown}.")
            caption = item.text().strip()
            if caption != item.data(SHOWN_ROLE):
                self.desk.set_attachment_caption(attachment_id, caption)
                self.attachment_message.setText(
                    f"Caption saved: {caption}." if caption else "Caption removed."
                )
        except CaseFileError as error:
            self.attachment_message.setText(f"✖ {error.message}")
        saved = next(
            (a for a in self.desk.attachments(self.case.id) if a.id == attachment_id), saved
        )
        self._loading = True
        try:
            item.setText(saved.caption or saved.filename)
            item.setData(SHOWN_ROLE, item.text())
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                on = Qt.CheckState.Checked if saved.in_profile else Qt.CheckState.Unchecked
                item.setCheckState(on)
        finally:
            self._loading = False

    # -- editing -----------------------------------------------------------------------------
    def _chosen_methods(self) -> frozenset[ViewMethod]:
        return frozenset(m for m, check in self.methods.items() if check.isChecked())

    def _shared(self) -> frozenset[int]:
        chosen = set()
        for row in range(self.share_with.count()):
            item = self.share_with.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.add(int(item.data(Qt.ItemDataRole.UserRole)))
        return frozenset(chosen)

    def _edited(self, name: str, value: Any) -> None:
        if self._loading or self.case is None:
            return
        self.autosaver.change(name, value)

    def _save(self, changes: dict[str, Any]) -> None:
        assert self.case is not None and self.case.id is not None
        self.desk.child_views.update(self.case.id, changes)

    def choose_attachment(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Add a picture or scan", "", PICTURE_FILTER)
        if name:
            self.attach(Path(name))

    def attach(self, path: Path) -> bool:
        """Keep a picture or scan in the case file; a refusal explains itself."""
        if self.case is None or self.case.id is None:
            return False
        try:
            attachment = self.desk.attach_file(self.case.id, path)
        except CaseFileError as error:
            self.attachment_message.setText(f"✖ {error.message}")
            return False
        self.attachment_message.setText(f"Added {attachment.filename}.")
        self._show_attachments()
        return True

    def remove_attachment(self) -> None:
        item = self.attachments.currentItem()
        if item is None:
            self.attachment_message.setText("Choose a picture to remove.")
            return
        try:
            self.desk.delete_attachment(int(item.data(Qt.ItemDataRole.UserRole)))
        except CaseFileError as error:
            self.attachment_message.setText(f"✖ {error.message}")
            return
        self.attachment_message.setText(f"Removed {item.text()}.")
        self._show_attachments()

    def focus_field(self, name: str) -> None:
        widget = self.texts.get(name)
        (widget or self.texts["liked_admired"]).setFocus()

    def flush(self) -> bool:
        return self.autosaver.flush()
