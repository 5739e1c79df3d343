"""Settings ▸ Mediator and service: the letterhead, its logo and the people named on
documents. Saved as typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...documents.logo import UnsuitableLogo, check_logo
from ...services import Desk
from ..widgets.fields import line, message_label, try_change

FIELDS = (
    ("mediator", "&Your name:", "As it appears on documents, e.g. Alex Mercer"),
    ("name", "&Service name:", "e.g. Brackenfold SEND Mediation Service"),
    ("address", "&Address:", "One line, as on your letterhead"),
    ("phone", "&Phone:", ""),
    ("email", "&Email:", ""),
    ("adviser", "Mediation a&dviser:", "Who issues certificates, if not you"),
)
LOGO_FILTER = "Pictures (*.png *.jpg *.jpeg);;All files (*)"
MAX_LOGO_READ = 5 * 1024 * 1024  # anything larger is refused without reading it all


def read_logo(path: Path) -> bytes:
    """A logo file's bytes once checked; UnsuitableLogo says what is wrong. A huge file is
    refused without reading it all."""
    try:
        if path.stat().st_size > MAX_LOGO_READ:
            raise UnsuitableLogo("That picture is too large: use a PNG or JPEG up to 1 MB.")
        data = path.read_bytes()
    except OSError as error:
        raise UnsuitableLogo(f"{path.name} could not be read: {error.strerror or error}.") from None
    check_logo(data)
    return data


def logo_pixmap(data: bytes, width: int, height: int) -> QPixmap | None:
    pixmap = QPixmap()
    if not pixmap.loadFromData(data):
        return None
    return pixmap.scaled(
        width,
        height,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class ServicePage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._closed = False
        service = desk.documents.service()
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, label, placeholder in FIELDS:
            edit = line(label.replace("&", "").rstrip(":"), 300, placeholder)
            edit.setText(getattr(service, name))
            edit.setReadOnly(desk.read_only)
            edit.editingFinished.connect(lambda n=name, e=edit: self._save(n, e.text()))
            self.edits[name] = edit
            form.addRow(label, edit)

        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Letterhead logo")
        self.logo_preview.setMinimumSize(140, 56)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.choose_logo_button = QPushButton("C&hoose logo…")
        self.choose_logo_button.setToolTip("A PNG or JPEG picture, up to 1 MB")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Remove lo&go")
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        logo_label = QLabel("Logo:")
        logo_label.setBuddy(self.choose_logo_button)
        form.addRow(logo_label, logo_row)

        self.message = message_label("Message")
        intro = QLabel(
            "These appear on the letterhead and in every document this case file makes: "
            "certificates, letters and outcome statements."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._show_logo()

    def _save(self, name: str, value: str) -> None:
        if self._closed:  # focus can leave a field while the dialog is being destroyed
            return
        if value.strip() == getattr(self.desk.documents.service(), name):
            return
        try_change(self.message, lambda: self.desk.documents.set_service({name: value}), "Saved.")

    def save_pending(self) -> None:
        """Keep what was typed in a field the cursor has not left yet."""
        if self.desk.read_only or self._closed:
            return
        for name, edit in self.edits.items():
            self._save(name, edit.text())
        self._closed = True

    # -- the logo ------------------------------------------------------------------------------
    def _show_logo(self) -> None:
        data = self.desk.documents.logo()
        pixmap = logo_pixmap(data, 140, 56) if data else None
        if pixmap is not None:
            self.logo_preview.setPixmap(pixmap)
            self.logo_preview.setToolTip("The logo on your letterhead")
        else:
            self.logo_preview.setText("No logo")
            self.logo_preview.setToolTip("")
        writable = not self.desk.read_only
        self.choose_logo_button.setEnabled(writable)
        self.remove_logo_button.setEnabled(writable and bool(data))

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "", LOGO_FILTER)
        if name:
            self.load_logo(Path(name))

    def load_logo(self, path: Path) -> bool:
        try:
            data = read_logo(path)
        except UnsuitableLogo as error:
            self.message.setText(f"✖ {error.message}")
            return False
        return self.set_logo(data)

    def set_logo(self, data: bytes | None) -> bool:
        done = "Logo saved." if data else "Logo removed."
        if not try_change(self.message, lambda: self.desk.documents.set_logo(data), done):
            return False
        self._show_logo()
        return True
