"""The open case: a heading and one tab per part of the work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...domain.case import Case
from ...services import Desk
from .actions_tab import ActionsTab
from .overview import OverviewTab


class CaseWorkspace(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAccessibleName("Open case")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(desk)
        self.actions = ActionsTab(desk)
        self.tabs.addTab(self.overview, "&Overview")
        self.tabs.addTab(self.actions, "&Agreed actions")
        self.overview.case_changed.connect(self.actions.case_updated)
        self.actions.actions_changed.connect(self.overview.refresh_timeline)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.overview.case_changed.connect(self._update_heading)

    def show_case(self, case: Case) -> None:
        self.actions.flush()
        self.overview.show_case(case)
        self.actions.show_case(case)
        self._update_heading(case)

    def _update_heading(self, case: Case) -> None:
        name = case.display_name or "(no name yet)"
        self.heading.setText(f"{case.reference}  ·  {name}")

    def flush(self) -> bool:
        saved_overview = self.overview.flush()
        return self.actions.flush() and saved_overview
