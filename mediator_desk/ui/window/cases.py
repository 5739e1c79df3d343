"""Cases in the main window: the open case's tabs, the casebook and the deadline dashboard
kept in step with what is saved, new cases and the demo cases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer

from ...domain.calendar import WorkingCalendar
from ...store.errors import CaseFileError
from ..widgets.spelling import hub as spelling_hub
from ..worker import run_in_background
from .base import WindowParts

if TYPE_CHECKING:  # imported when first used: the window lists cases without them
    from ...services import Desk
    from ..case.workspace import CaseWorkspace


DASHBOARD_AHEAD = 40  # cases counted a turn: a few milliseconds each
WARM_UP_AFTER_MS = 100  # after the window's first paint of a case file just opened


def warm_up(today: dt.date) -> None:
    """Import the case tabs and the service report, and load England's bank holidays: on a
    worker thread, once a case file just opened is painted. Imported on the GUI thread when first
    needed, they held the window for a tenth of a second or more each (the holidays package
    and its calendars when the first case opened). A worker importing a module gives the
    interpreter's lock back every few milliseconds, so the window keeps answering."""
    from .. import reports  # noqa: F401
    from ..case import workspace  # noqa: F401

    WorkingCalendar().is_working_day(today)


def warm_up_signing() -> None:
    """Import the signing certificate's reader (cryptography, about 0.1 s), which sealing, a
    signed export and Settings use on the GUI thread: on a worker, once the case tabs are built,
    so that it neither delays them nor holds the window."""
    import cryptography.x509  # noqa: F401


class CasesMixin(WindowParts):
    """Which case is showing, and the lists that follow every saved change."""

    def _ensure_workspace(self) -> CaseWorkspace | None:
        """The open case's tabs, built now if they are not built yet (a case was chosen
        before the build in steps finished)."""
        if self.workspace is None and self.desk is not None:
            building = self._workspace_building or self._new_workspace(in_steps=False)
            building.finish_building()
            self._workspace_built(building)
        return self.workspace

    def _new_workspace(self, in_steps: bool) -> CaseWorkspace:
        from ..case.workspace import CaseWorkspace

        assert self.desk is not None
        building = CaseWorkspace(self.desk, in_steps=in_steps)
        self._workspace_building = building
        self.right.addWidget(building)  # part of the window (its edits are the window's)
        return building

    def _prepare_workspace(self) -> None:
        """Once a case file is open: import what the case tabs need on a worker thread (the
        first time, once the casebook is painted: importing, the worker would hold the
        interpreter's lock in turns with the painting), then build them in steps."""
        if self._warmed:
            QTimer.singleShot(0, self, self._build_workspace_in_steps)
            return

        def warmed(_result: object = None) -> None:
            self._warmed = True
            self._build_workspace_in_steps()

        QTimer.singleShot(
            WARM_UP_AFTER_MS, self,
            lambda: run_in_background(lambda: warm_up(self.today()), warmed, warmed, self),
        )  # fmt: skip

    def _build_workspace_in_steps(self) -> None:
        """Build the case tabs a page per turn of the event loop, once a case file is open
        and what they need is imported (`warm_up`): built at once they held the window for
        0.36 s at 50,000 cases. A case chosen meanwhile finishes the build at once."""
        if self.workspace is not None or self.desk is None:
            return
        building = self._workspace_building or self._new_workspace(in_steps=True)
        if building.build_step():
            QTimer.singleShot(0, self, self._build_workspace_in_steps)
        else:
            self._workspace_built(building)

    def _workspace_built(self, workspace: CaseWorkspace) -> None:
        self._workspace_building = None
        self.workspace = workspace
        workspace.saved.connect(self._saved)
        workspace.save_failed.connect(self._save_failed)
        workspace.case_saved.connect(self._open_case_saved)
        self._count_dashboard_ahead(self.desk)
        workspace.meeting.remember_layout(self.settings)
        if not self._signing_warmed:  # no answer wanted: none is left queued if the app quits
            self._signing_warmed = True
            QThreadPool.globalInstance().start(warm_up_signing)
            spelling_hub().start()  # the dictionary, read on a worker (about a second)

    def _count_dashboard_ahead(self, desk: Desk | None) -> None:
        """Count the dashboard's deadlines while the window is idle, a few cases a turn of
        the event loop, so that showing it first only reads them (counted at once when it
        was first shown, 50,000 cases held the window for 0.16 s)."""
        if desk is None or desk is not self.desk:
            return  # closed meanwhile
        try:
            more = desk.count_dashboard_ahead(DASHBOARD_AHEAD)
        except CaseFileError:
            return  # said when the dashboard is shown
        if more:
            QTimer.singleShot(0, self, lambda: self._count_dashboard_ahead(desk))

    def _drop_workspace_building(self) -> None:
        """A case file closed while its tabs were being built: the half-built tabs go (they
        hold no edits and hear of no changes)."""
        if self._workspace_building is not None:  # it leaves the window as it is deleted
            self._workspace_building.deleteLater()
            self._workspace_building = None

    def show_case(self, case_id: int) -> None:
        if self.desk is None or self._ensure_workspace() is None:
            return
        assert self.workspace is not None
        try:
            case = self.desk.case(case_id)
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        self.workspace.show_case(case)
        self.right.setCurrentWidget(self.workspace)
        self.casebook.select_case(case_id, emit=False)
        self.close_case_action.setEnabled(True)
        self.export_case_action.setEnabled(True)

    def open_case_from_dashboard(self, case_id: int) -> None:
        showing = self.workspace is not None and self.right.currentWidget() is self.workspace
        if showing and self.casebook.current_case_id() == case_id:
            return  # a double-click can also count as an activation
        self.casebook.search_box.clear()
        self.casebook.refresh()
        self.show_case(case_id)

    def _case_saved(self) -> None:
        """Cases were added, changed or erased: the casebook and the dashboard follow."""
        self.casebook.refresh()
        self._refresh_dashboard(at_once=True)

    def _open_case_saved(self, case_id: int) -> None:
        """An edit to the open case was saved: its casebook row follows at once, the rest
        when the app is idle (see CasebookPanel.case_saved)."""
        self.casebook.case_saved(case_id)
        self._refresh_dashboard()

    def _refresh_dashboard(self, at_once: bool = False) -> None:
        """The dashboard is read again if it is showing (at once, or after a pause in typing),
        else when it is next shown."""
        self._dashboard_stale = True
        if self.left_tabs.currentWidget() is self.dashboard:
            if at_once:
                self._refresh_dashboard_now()
            else:
                self._dashboard_timer.start()

    def _refresh_dashboard_now(self) -> None:
        self._dashboard_timer.stop()
        self._dashboard_stale = False
        self.dashboard.refresh()

    def _left_tab_changed(self, index: int) -> None:
        if self.left_tabs.widget(index) is self.dashboard and self._dashboard_stale:
            self._refresh_dashboard_now()

    def close_case(self) -> None:
        if self.workspace is not None:
            self.workspace.flush()
        self.casebook.clear_selection()
        self._refresh_state()

    def new_case(self) -> None:
        if self.desk is None or self.desk.read_only:
            return
        from ..dialogs.new_case import NewCaseDialog

        dialog = NewCaseDialog(self.desk, self)
        dialog.created.connect(self._case_created)
        dialog.finished.connect(lambda _result: setattr(self, "new_case_dialog", None))
        self.new_case_dialog = dialog
        dialog.open()

    def _case_created(self, case: object) -> None:
        self.casebook.search_box.clear()
        self.casebook.refresh()
        case_id = getattr(case, "id", None)
        if case_id is not None:
            self.show_case(case_id)
            self.save_label.setText(f"Created case {getattr(case, 'reference', '')}.")

    def load_demo_cases(self) -> None:
        if self.desk is None or self.desk.read_only:
            return
        try:
            added = self.desk.load_demo_cases()
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        self._case_saved()
        self._refresh_state()
        self.save_label.setText(f"Added {len(added)} fictional demo cases.")
