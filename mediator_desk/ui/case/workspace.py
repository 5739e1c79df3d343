"""The open case: a heading and one tab per part of the work. Every tab follows the case file
through one change notification (ui/case_changes.py), never through each other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...domain.case import Case
from ...domain.readiness import CHILD_VIEWS, OVERVIEW, PEOPLE, PREPARATION
from ...services import Desk
from ...store.errors import CaseFileError
from ..case_changes import CaseChangeSignal
from ..editing import write_pending
from .actions_tab import ActionsTab
from .child_views_tab import ChildViewsTab
from .documents_tab import DocumentsTab
from .history_tab import HistoryTab
from .meeting import MeetingTab
from .overview import OverviewTab
from .page import CasePage
from .people_tab import PeopleTab
from .preparation_tab import PreparationTab

_BUILT = object()
_Page = TypeVar("_Page", bound=QWidget)


class CaseWorkspace(QWidget):
    saved = Signal(object)  # when
    save_failed = Signal(str)
    case_saved = Signal(int)  # anything about a case (this id) was stored

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, in_steps: bool = False
    ) -> None:
        """The heading and tabs; with `in_steps`, the pages are left for `build_step` to
        build one at a time (tens of milliseconds each), so a window can build them a page
        per turn of its event loop and stay responsive meanwhile."""
        super().__init__(parent)
        self.desk = desk
        self.case_id: int | None = None
        self._stale: set[QWidget] = set()  # pages to read again when they are shown
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAccessibleName("Open case")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.built = False
        self._steps = self._build()
        if not in_steps:
            self.finish_building()

    def _build(self) -> Iterator[None]:
        desk = self.desk
        self.overview = self._adopt(OverviewTab(desk))
        yield
        self.people = self._adopt(PeopleTab(desk))
        yield
        self.preparation = self._adopt(PreparationTab(desk))
        yield
        self.child_views = self._adopt(ChildViewsTab(desk))
        yield
        self.actions_tab = self._adopt(ActionsTab(desk))
        yield
        self.meeting = self._adopt(MeetingTab(desk))
        yield
        self.history = self._adopt(HistoryTab(desk))
        self.documents = self._adopt(DocumentsTab(desk))
        yield
        self.tabs.addTab(self.overview, "&Overview")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.preparation, "P&reparation")
        self.tabs.addTab(self.child_views, "Ch&ild's views")
        self.tabs.addTab(self.meeting, "&Meeting")
        self.tabs.addTab(self.actions_tab, "&Agreed actions")
        self.tabs.addTab(self.documents, "Doc&uments")
        self.tabs.addTab(self.history, "Histor&y")
        self.tabs.currentChanged.connect(self._tab_changed)
        for page in self.pages:
            page.saved.connect(self.saved)
            page.save_failed.connect(self.save_failed)
        # Only a whole workspace hears of changes: one left half built holds nothing.
        self.changes = CaseChangeSignal(self.desk.changes, self)
        self.changes.case_changed.connect(self._case_changed)
        self.overview.go_to.connect(self.go_to)
        self.built = True

    def _adopt(self, page: _Page) -> _Page:
        """A page is the workspace's from the start (its edits are found through its
        window, and it goes with a workspace dropped half built); hidden until its tab."""
        page.setParent(self)
        return page

    def build_step(self) -> bool:
        """Build the next page; False once every page is built and connected."""
        return next(self._steps, _BUILT) is not _BUILT

    def finish_building(self) -> None:
        while self.build_step():
            pass

    @property
    def pages(self) -> tuple[CasePage, ...]:
        return (
            self.overview,
            self.people,
            self.preparation,
            self.child_views,
            self.meeting,
            self.actions_tab,
            self.documents,
            self.history,
        )

    def show_case(self, case: Case) -> None:
        write_pending(self)
        if self.meeting.case is not None and self.meeting.case.id != case.id:
            self.meeting.close_presenter()  # the shared screen never shows another case
        current = self.tabs.currentWidget()
        self._stale.clear()
        for page in self.pages:
            if page in (self.documents, self.history) and page is not current:
                # Each reads a good deal (every document built to say if it is ready, the
                # whole history): read when the tab is shown, not for every case opened.
                page.show_case(case, read=False)
                self._stale.add(page)
            else:
                page.show_case(case)
        self.case_id = case.id
        self._update_heading(case)

    def _case_changed(self, case_id: int) -> None:
        """Something about a case was written: the casebook and dashboard hear of it, and if
        it is the open case every tab shows it as stored. Tabs that are not showing and take
        time to read (or hold lists being edited) are read again when they are shown."""
        self.case_saved.emit(case_id)
        if case_id != self.case_id:
            return
        try:
            case = self.desk.case(case_id)
        except CaseFileError:
            return  # erased or unreadable: the window deals with it
        self._update_heading(case)
        self.overview.case_updated(case)
        self.preparation.case_updated(case)
        self.actions_tab.case_updated(case)
        self.meeting.case_updated(case)
        self.people.case_updated(case)
        self.documents.case_updated(case)
        current = self.tabs.currentWidget()
        self._stale.update(
            page
            for page in (self.people, self.meeting, self.documents, self.history)
            if page is not current  # the page being worked in keeps its lists as they are
        )
        if current is self.documents:
            self.documents.refresh()
        elif current is self.history:
            self.history.refresh()

    def _tab_changed(self, _index: int) -> None:
        """A page that went out of date while hidden is read again as it is shown (after any
        notification still waiting for the next turn of the event loop)."""
        write_pending(self)
        self.changes.announce()
        current = self.tabs.currentWidget()
        if current not in self._stale:
            return
        self._stale.discard(current)
        if current is self.history:
            self.history.refresh()
        elif current is self.documents:
            self.documents.refresh()
        elif current is self.people and self.people._case is not None:
            self.people.show_case(self.people._case)
        elif current is self.meeting and self.meeting.case is not None:
            self.meeting.show_case(self.meeting.case)

    def shutdown(self) -> None:
        """Save everything and close the presenter view (it has no parent window)."""
        self.flush()
        self.changes.announce()
        self.changes.stop()
        self.meeting.shutdown()
        self.child_views.speller.stop()

    def go_to(self, tab: str, field: str) -> None:
        """Show the tab and field that put a readiness warning right."""
        pages: dict[str, OverviewTab | PeopleTab | PreparationTab | ChildViewsTab] = {
            OVERVIEW: self.overview,
            PEOPLE: self.people,
            PREPARATION: self.preparation,
            CHILD_VIEWS: self.child_views,
        }
        page = pages.get(tab)
        if page is None:
            return
        self.tabs.setCurrentWidget(page)
        if isinstance(page, PeopleTab):
            page.editor.focus_field(field)
        else:
            page.focus_field(field)

    def _update_heading(self, case: Case) -> None:
        name = case.display_name or "(no name yet)"
        self.heading.setText(f"{case.reference}  ·  {name}")

    def flush(self) -> bool:
        return write_pending(self)
