"""File ▸ Verify a signed document…: choose a PDF and read, in plain words, whether it is
unchanged since it was signed, who signed it and when, and whether it is the sealed record in
the open case file. The PDF is checked on a worker thread (loading the signature library takes
about half a second); the match with the case file is read here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import Desk
from ...services.signing import Verdict, judge
from ...store.errors import CaseFileError
from ..worker import run_in_background


class VerifyDialog(QDialog):
    def __init__(self, desk: Desk | None, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.folder = folder
        self.verdict: Verdict | None = None
        self.setWindowTitle("Verify a signed document")
        self.setMinimumWidth(560)

        intro = QLabel(
            "Choose a PDF exported by Mediator Desk to see whether it is unchanged since it "
            "was signed, who signed it, and whether it is the sealed record in "
            + ("this case file." if desk is not None else "a case file (open one first).")
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("No document chosen")
        self.path.setAccessibleName("Document to verify")
        self.choose_button = QPushButton("&Choose a PDF…")
        self.choose_button.setToolTip("Choose the signed PDF to check")
        self.choose_button.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)

        self.headline = QLabel()
        self.headline.setAccessibleName("Verdict")
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("What was found")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Verify a signed document", str(self.folder), "PDF documents (*.pdf)"
        )
        if name:
            self.check(Path(name))

    def check(self, path: Path) -> None:
        """Read and judge the file on a worker; match it with the case file when it is back."""
        self.path.setText(str(path))
        self.verdict = None
        self.choose_button.setEnabled(False)
        self.headline.setText("Checking…")
        self.details.setText("")

        def work() -> Verdict:
            try:
                data = path.read_bytes()
            except OSError as error:
                return Verdict(False, (f"{path.name} could not be read: {error.strerror}.",))
            return judge(data)

        run_in_background(work, self._judged, self._failed, owner=self)

    def _judged(self, verdict: Verdict) -> None:
        if self.desk is not None and verdict.sound:
            try:
                verdict = self.desk.signing.matched(verdict)
            except CaseFileError as error:
                verdict = Verdict(False, (*verdict.lines, error.message), verdict.signature)
        self._show(verdict)

    def _failed(self, error: BaseException) -> None:
        self._show(Verdict(False, (f"The document could not be checked: {error}",)))

    def _show(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self.choose_button.setEnabled(True)
        found = verdict.signature
        if verdict.sound:
            headline = "✔ Unchanged, and the sealed record in this case file"
            if self.desk is None:
                headline = "✔ Unchanged since it was signed"
        elif found is not None and found.unchanged:
            headline = "✖ Unchanged, but not this case file's record"
        elif found is not None:
            headline = "✖ Changed since it was signed: do not rely on it"
        else:
            headline = "✖ Not a signed document"
        self.headline.setText(headline)
        self.details.setText("\n".join(verdict.lines))
        self.adjustSize()  # every line in view, however many there are
