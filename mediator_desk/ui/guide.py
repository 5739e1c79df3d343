"""Help ▸ User guide (F1): the Markdown guide in docs/guide, shown inside the app so it works
offline and in the installed app, with Back, Forward and Contents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..paths import guide_dir

MISSING = (
    "# User guide\n\nThe user guide is not part of this copy of Mediator Desk. It is in the "
    "docs/guide folder of the source."
)


class GuideWindow(QWidget):
    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or guide_dir()
        self.setWindowTitle("Mediator Desk user guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenLinks(False)  # _link decides: guide pages here, the web outside
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.anchorClicked.connect(self._link)
        self.back_button = QPushButton("◀ &Back")
        self.back_button.setToolTip("Back (Alt+Left)")
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button = QPushButton("&Forward ▶")
        self.forward_button.setToolTip("Forward (Alt+Right)")
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button = QPushButton("&Contents")
        self.home_button.clicked.connect(self.home)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.forward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.resize(980, 720)  # the pictures are at most 900 pixels wide
        self.home()

    def home(self) -> None:
        index = self.folder / "index.md"
        if index.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(index)))
        else:
            self.browser.setMarkdown(MISSING)

    def show_page(self, name: str) -> None:
        page = self.folder / name
        if page.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(page)))

    def _link(self, url: QUrl) -> None:
        """Pages of the guide open here; anything else (the web, an email address, another
        document) opens in the system's own app, never inside this one."""
        target = self.browser.source().resolved(url)
        if target.isLocalFile() and target.toLocalFile().endswith(".md"):
            if Path(target.toLocalFile()).is_file():
                self.browser.setSource(target)
            return
        QDesktopServices.openUrl(target)
