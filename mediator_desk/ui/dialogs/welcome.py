"""The first run: a short welcome that creates an encrypted case file, takes the mediator's name
and letterhead, and offers the fictional demo cases. Nothing is written until Finish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ... import APP_NAME, SUFFIX
from ...documents.logo import UnsuitableLogo
from ...domain.passphrase import MIN_LENGTH, passphrase_problem, strength
from ..resources import icon
from ..widgets.fields import line, message_label
from .service_page import FIELDS, LOGO_FILTER, logo_pixmap, read_logo

FILE_FILTER = f"Mediator Desk case files (*{SUFFIX})"


@dataclass(frozen=True)
class FirstRunChoices:
    path: Path
    passphrase: str | None  # None: not encrypted, by the mediator's explicit choice
    service: dict[str, str] = field(default_factory=dict)
    logo: bytes | None = None
    demo_cases: bool = False


def _text(words: str) -> QLabel:
    label = QLabel(words)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class IntroPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(f"Welcome to {APP_NAME}")
        self.setSubTitle("Your casebook for SEND mediation and disagreement resolution.")
        layout = QVBoxLayout(self)
        for words in (
            "Mediator Desk keeps your cases in one case file on this computer: the decision in "
            "dispute, the people taking part, the child's or young person's views, the statutory "
            "deadlines, and the outcome statement you draft in the meeting.",
            "Nothing leaves this computer: there is no cloud, no account and no telemetry. The "
            "case file holds children's personal data, so the next step protects it with a "
            "passphrase.",
            "This takes a minute. You can change everything later under Tools ▸ Settings.",
        ):
            layout.addWidget(_text(words))
        layout.addStretch(1)


class CaseFilePage(QWizardPage):
    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.setTitle("Protect your case file")
        self.setSubTitle("Choose a passphrase to encrypt it.")
        warning = _text(
            "The passphrase is never stored anywhere: without it the case file cannot be "
            "opened, by anyone, so keep it somewhere safe."
        )
        self.location = line("Case file location", 2000)
        self.location.setText(str(default_path))
        self.location.setToolTip("Where the case file is kept")
        self.change_button = QPushButton("C&hange…")
        self.change_button.setAccessibleName("Change the case file location")
        self.change_button.clicked.connect(self._choose_location)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Passphrase again")
        self.hint = message_label("Passphrase strength")
        self.hint.setText(
            f"Use at least {MIN_LENGTH} characters; three or four unrelated words work well."
        )
        self.first.textChanged.connect(lambda value: self.hint.setText(strength(value)))
        self.plain = QCheckBox("Do not &encrypt the case file")
        self.plain.setAccessibleName("Do not encrypt the case file")
        self.plain.setToolTip("Only if this computer's whole disk is already encrypted")
        self.plain.toggled.connect(self._plain_toggled)
        self.problem = message_label("Problem")
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(self.change_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        location_label = QLabel("&Keep it in:")
        location_label.setBuddy(self.location)
        form.addRow(location_label, where)
        form.addRow("&Passphrase:", self.first)
        form.addRow("&Again:", self.second)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.plain)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def _choose_location(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Keep the case file in", self.location.text(), FILE_FILTER
        )
        if name:
            self.location.setText(name)

    def _plain_toggled(self, plain: bool) -> None:
        for edit in (self.first, self.second):
            edit.setEnabled(not plain)
        self.problem.clear()
        if plain:
            self.hint.setText(
                "Only if the whole disk is encrypted (BitLocker, FileVault or LUKS). You can "
                "encrypt the case file later under Tools ▸ Encrypt or change passphrase."
            )
        else:
            self.hint.setText(strength(self.first.text()))

    def path(self) -> Path:
        path = Path(self.location.text().strip()).expanduser()
        return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)

    def passphrase(self) -> str | None:
        return None if self.plain.isChecked() else self.first.text()

    def validatePage(self) -> bool:
        if not self.location.text().strip():
            self.problem.setText("✖ Choose where to keep the case file.")
            return False
        path = self.path()
        if path.exists():
            self.problem.setText(
                f"✖ {path} already exists. Choose another name, or cancel and use "
                "File ▸ Open case file to open it."
            )
            return False
        folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
        if folder is None or not folder.is_dir():
            self.problem.setText(f"✖ The folder {path.parent} cannot be used.")
            return False
        if not self.plain.isChecked():
            problem = passphrase_problem(self.first.text())
            if problem:
                self.problem.setText(f"✖ {problem}")
                self.first.setFocus()
                return False
            if self.first.text() != self.second.text():
                self.problem.setText("✖ The two passphrases are not the same.")
                self.second.setFocus()
                return False
        self.problem.clear()
        return True


class AboutYouPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("You and your service")
        self.setSubTitle("They go on the letterhead of every document.")
        intro = _text(
            "Certificates, letters and outcome statements carry these details. Leave any of "
            "them empty for now if you like."
        )
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, label, placeholder in FIELDS:
            edit = line(label.replace("&", "").rstrip(":"), 300, placeholder)
            self.edits[name] = edit
            form.addRow(label, edit)
        self.logo: bytes | None = None
        self.logo_preview = QLabel("No logo")
        self.logo_preview.setAccessibleName("Letterhead logo")
        self.logo_preview.setMinimumSize(120, 48)
        self.logo_button = QPushButton("C&hoose logo…")
        self.logo_button.setToolTip("A PNG or JPEG picture, up to 1 MB")
        self.logo_button.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_label = QLabel("Logo:")
        logo_label.setBuddy(self.logo_button)
        form.addRow(logo_label, logo_row)
        self.problem = message_label("Problem")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "", LOGO_FILTER)
        if name:
            self.load_logo(Path(name))

    def load_logo(self, path: Path) -> bool:
        try:
            data = read_logo(path)
        except UnsuitableLogo as error:
            self.problem.setText(f"✖ {error.message}")
            return False
        pixmap = logo_pixmap(data, 120, 48)
        if pixmap is not None:
            self.logo_preview.setPixmap(pixmap)
        self.logo = data
        self.problem.setText(f"{path.name} will be your letterhead logo.")
        return True

    def service(self) -> dict[str, str]:
        return {
            name: edit.text().strip() for name, edit in self.edits.items() if edit.text().strip()
        }


class ReadyPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Ready")
        self.setSubTitle("Press Finish to create your case file.")
        self.demo = QCheckBox("&Add some fictional demo cases to try things out")
        self.demo.setAccessibleName("Add fictional demo cases")
        self.demo.setToolTip(
            "Seven made-up cases at different stages. Their names and places are fictional; "
            "delete them, or start a new case file, when you begin real work."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            _text(
                "Next: press Ctrl+N to add your first case, or F1 for the user guide. Backups are "
                "taken once a day into a Backups folder beside the case file; you can choose "
                "another folder under Tools ▸ Settings ▸ Records and backups."
            )
        )
        layout.addWidget(self.demo)
        layout.addStretch(1)


class WelcomeWizard(QWizard):
    """Emits `chosen` with FirstRunChoices on Finish; Cancel leaves no file behind."""

    chosen = Signal(object)

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("mediator-desk").pixmap(48, 48))
        self.intro = IntroPage()
        self.casefile = CaseFilePage(default_path)
        self.about = AboutYouPage()
        self.ready = ReadyPage()
        for page in (self.intro, self.casefile, self.about, self.ready):
            self.addPage(page)
        self.setMinimumWidth(620)

    def choices(self) -> FirstRunChoices:
        return FirstRunChoices(
            path=self.casefile.path(),
            passphrase=self.casefile.passphrase(),
            service=self.about.service(),
            logo=self.about.logo,
            demo_cases=self.ready.demo.isChecked(),
        )

    def accept(self) -> None:
        self.chosen.emit(self.choices())
        super().accept()
