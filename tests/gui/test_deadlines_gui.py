"""The timeline on the Overview, the deadline dashboard, agreed actions and deadline settings,
driven through real widgets with the date fixed at Monday 23 November 2026."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mediator_desk.domain.timeline import Clock
from tests.conftest import make_case

D = dt.date


def rows(view):
    return view.item_texts()


def test_the_overview_timeline_explains_each_deadline(qtbot, window):
    case = window.desk.create_case(make_case(decision_date=D(2026, 10, 26), meeting_date=None))
    window.casebook.refresh()
    window.show_case(case.id)
    overview = window.workspace.overview
    texts = rows(overview.timeline)
    assert ["Mon 26 Oct 2026", "Decision notice sent", "Recorded", ""] in texts
    appeal = next(r for r in texts if r[1] == "Appeal to reach the Tribunal (5pm)")
    assert appeal[0] == "Mon 4 Jan 2027" and appeal[3] == "Family"
    item = next(
        overview.timeline.tree.topLevelItem(i)
        for i in range(overview.timeline.tree.topLevelItemCount())
        if overview.timeline.tree.topLevelItem(i).text(1) == appeal[1]
    )
    assert "r20(1)(c)" in item.toolTip(1) and "r12(3)(a)" in item.toolTip(1)

    # Typing the date the family declined adds the certificate clock with its regulation.
    declined = overview.key_dates["declined_on"]
    declined.edit.setFocus()
    qtbot.keyClicks(declined.edit, "20/11/2026")
    texts = rows(overview.timeline)
    certificate = next(r for r in texts if r[1] == "Certificate (mediation not pursued) due")
    assert certificate[0] == "Wed 25 Nov 2026"
    assert certificate[2] == "⚠ Due in 2 working days"  # within the default 2 working days
    assert "Due in 2 working days: Certificate" in overview.timeline.alerts.text()
    qtbot.waitUntil(lambda: window.desk.case(case.id).declined_on == D(2026, 11, 20))


def test_a_missed_deadline_is_flagged(qtbot, window):
    case = window.desk.create_case(make_case(la_informed=D(2026, 11, 16), health_issues=True))
    window.casebook.refresh()
    window.show_case(case.id)
    timeline = window.workspace.overview.timeline
    assert "✖ Missed: LA to tell the ICB about health issues" in timeline.alerts.text()
    row = next(r for r in rows(timeline) if r[1] == "LA to tell the ICB about health issues")
    assert row[2] == "✖ Missed: was due Thu 19 Nov 2026"
    # Recording when the ICB was told clears it.
    icb = window.workspace.overview.key_dates["icb_notified"]
    icb.edit.setFocus()
    qtbot.keyClicks(icb.edit, "18/11/2026")
    row = next(r for r in rows(timeline) if r[1] == "LA to tell the ICB about health issues")
    assert row[2] == "✔ Met on Wed 18 Nov 2026"
    assert "Missed" not in timeline.alerts.text()


def test_the_dashboard_lists_what_is_due_and_opens_the_case(qtbot, window):
    window.desk.load_demo_cases()
    window._case_saved()
    window.left_tabs.setCurrentWidget(window.dashboard)
    model = window.dashboard.model
    assert model.rowCount() >= 4
    dues = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert dues[0] == "Thu 19 Nov 2026"  # the overdue one first
    assert model.index(0, 3).data() == "Missed"
    assert model.index(0, 1).data() == "Maryam Haddad"
    assert "1 overdue" in window.dashboard.heading.text()
    target = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Siân Llewelyn")
    index = model.index(target, 2)
    window.dashboard.table.scrollTo(index)
    rect = window.dashboard.table.visualRect(index)
    viewport = window.dashboard.table.viewport()
    # A real double-click is a press and release, then a second press that Qt reads as double.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.workspace.overview.case is not None)
    assert window.workspace.overview.case.child_name == "Siân Llewelyn"
    assert window.right.currentWidget() is window.workspace


def test_the_dashboard_asks_only_for_the_rows_it_shows(qtbot, window, monkeypatch):
    """Its columns were sized to their contents, which asked the model for every cell of every
    row at each refresh (34,000 calls at 10,000 cases). They are sized from the rows' text as
    it is read, so the model is asked for what is painted, however many rows there are; every
    name and status still fits its column."""
    from mediator_desk.ui.dashboard import DashboardModel

    asked = {"calls": 0}
    data = DashboardModel.data

    def counted(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked["calls"] += 1
        return data(self, index, role)

    monkeypatch.setattr(DashboardModel, "data", counted)
    dashboard = window.dashboard
    window.left_tabs.setCurrentWidget(dashboard)

    def calls_to_show(cases: int) -> int:
        for n in range(cases):
            window.desk.create_case(
                make_case(child_name=f"Dashboard Child {n:02}", declined_on=D(2026, 11, 20))
            )
        window._case_saved()
        dashboard.table.viewport().repaint()
        asked["calls"] = 0
        dashboard.refresh()
        dashboard.table.viewport().repaint()
        return asked["calls"]

    few = calls_to_show(3)
    many = calls_to_show(60)
    assert dashboard.model.rowCount() == 63
    table = dashboard.table
    painted = -(-table.viewport().height() // table.rowHeight(0))  # rows that fit, rounded up
    assert painted < 63
    assert many <= few // 3 * painted  # as many calls a row as for 3 rows, for those painted
    metrics = dashboard.table.fontMetrics()
    header = dashboard.table.horizontalHeader()
    for row in range(dashboard.model.rowCount()):
        for column in (DashboardModel.COL_CASE, DashboardModel.COL_STATUS):
            text = dashboard.model.index(row, column).data()
            assert metrics.horizontalAdvance(text) < header.sectionSize(column)


def test_an_empty_dashboard_says_so(qtbot, window):
    window.left_tabs.setCurrentWidget(window.dashboard)
    assert "Nothing is due this week or next" in window.dashboard.empty.text()


def test_agreed_actions_get_statutory_dates_and_can_be_overridden(qtbot, window):
    case = window.desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.actions_tab
    window.workspace.tabs.setCurrentWidget(tab)
    assert tab.empty.isVisible()
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.description, "Issue the amended plan")
    qtbot.keyClicks(tab.owner, "Fernleigh County Council")
    tab.clock.setCurrentIndex(tab.clock.findData(Clock.AMENDED_PLAN_BY))
    assert tab.proposed.text() == "Friday 25 December 2026"
    assert "reg 44(2)(e)" in tab.proposed.toolTip()
    # The parties agree another date in writing: it needs a reason (reg 42(5)).
    tab.override.edit.setFocus()
    qtbot.keyClicks(tab.override.edit, "23/12/2026")
    assert "reg 42(5)" in tab.problems.text()
    qtbot.keyClicks(tab.reason, "Agreed in writing to bring it forward before Christmas")
    assert tab.problems.text() == ""
    assert tab.table.item(0, 2).text() == "Wed 23 Dec 2026 (agreed)"
    qtbot.waitUntil(lambda: window.desk.actions(case.id)[0].override_reason.startswith("Agreed"))
    stored = window.desk.actions(case.id)[0]
    assert stored.clock is Clock.AMENDED_PLAN_BY and stored.due_override == D(2026, 12, 23)
    # The Overview's timeline follows the case file's change notification (next event-loop turn).
    qtbot.waitUntil(
        lambda: any(
            r[1].startswith("Agreed action: Issue the amended plan (date agreed")
            and r[0] == "Wed 23 Dec 2026"
            for r in rows(window.workspace.overview.timeline)
        )
    )
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert window.desk.actions(case.id) == []


def test_switching_actions_saves_each_to_its_own_row(qtbot, window):
    case = window.desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.actions_tab
    tab.add_action()
    qtbot.keyClicks(tab.description, "First")
    tab.add_action()  # selects the new row straight after typing
    qtbot.keyClicks(tab.description, "Second")
    tab.flush()
    assert [a.description for a in window.desk.actions(case.id)] == ["First", "Second"]


def test_deadline_settings_add_a_bank_holiday_and_recount(qtbot, window):
    case = window.desk.create_case(make_case(declined_on=D(2026, 11, 20)))
    window.casebook.refresh()
    window.show_case(case.id)

    def certificate_row():
        return next(
            r
            for r in rows(window.workspace.overview.timeline)
            if r[1] == "Certificate (mediation not pursued) due"
        )

    assert certificate_row()[0] == "Wed 25 Nov 2026"
    window.show_deadline_settings()
    assert window.settings_dialog.isVisible()
    assert window.settings_dialog.pages.currentIndex() == 2
    dialog = window.settings_dialog.deadlines
    assert dialog.known.count() == 8  # England and Wales, 2026
    dialog.new_day.edit.setFocus()
    qtbot.keyClicks(dialog.new_day.edit, "24/11/2026")
    qtbot.keyClicks(dialog.new_name, "Fictional one-off bank holiday")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.recounting, timeout=5000)
    assert dialog.extra.count() == 1
    assert dialog.message.text() == (
        "Added Tuesday 24 November 2026. Deadlines have been recounted."
    )
    assert certificate_row()[0] == "Thu 26 Nov 2026"
    dialog.warn_days.setValue(0)
    assert window.desk.warn_days() == 0
    assert certificate_row()[2] == "• Due in 2 working days"
    dialog.extra.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.recounting, timeout=5000)
    assert certificate_row()[0] == "Wed 25 Nov 2026"
    dialog.year.setValue(2030)
    assert "not yet published" in dialog.coverage.text()
    window.settings_dialog.close()


def test_every_timeline_row_shows_even_with_a_sideways_scroll_bar(qtbot, window):
    case = window.desk.create_case(make_case(decision_date=D(2026, 10, 26), meeting_date=None))
    window.casebook.refresh()
    window.show_case(case.id)
    tree = window.workspace.overview.timeline.tree
    count = tree.topLevelItemCount()
    assert 0 < count <= 14

    def all_rows_fit():
        last = tree.visualItemRect(tree.topLevelItem(count - 1))
        return last.bottom() < tree.viewport().height()

    assert all_rows_fit()
    tree.header().resizeSection(3, 3000)  # a column wider than the list: it scrolls sideways
    qtbot.waitUntil(lambda: tree.horizontalScrollBar().isVisible(), timeout=2000)
    qtbot.waitUntil(all_rows_fit, timeout=2000)


def test_a_bank_holiday_is_recounted_on_a_worker_behind_progress(qtbot, window, monkeypatch):
    """Recounting every case took 5.2 s at 10,000 cases on the GUI thread; it now runs on a
    worker through a connection of its own. Until it ends the dialog's buttons wait and a
    progress dialog says what is happening; the window keeps answering."""
    import threading

    from mediator_desk.store.repository import CaseRepository

    gate = threading.Event()
    recount = CaseRepository.recount_deadlines

    def held(self, progress=None, cancelled=None):
        gate.wait(5)
        return recount(self, progress, cancelled)

    monkeypatch.setattr(CaseRepository, "recount_deadlines", held)
    window.desk.create_case(make_case(declined_on=D(2026, 11, 20)))
    window.show_deadline_settings()
    page = window.settings_dialog.deadlines
    page.new_day.set_value(D(2026, 11, 24))
    page.new_name.setText("Fictional one-off bank holiday")
    page.add_button.click()
    assert page.recounting
    assert not page.add_button.isEnabled() and not page.remove_button.isEnabled()
    # Nothing else in Settings is changed meanwhile, and it stays open (closed, the window
    # would try to save through a connection that must wait for the recount).
    dialog = window.settings_dialog
    assert [w.isEnabled() for w in (dialog.page_list, dialog.pages, dialog.buttons)] == [False] * 3
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.settings_dialog is dialog and dialog.isVisible()
    qtbot.waitUntil(lambda: page.progress is not None and page.progress.isVisible(), timeout=3000)
    assert page.progress.labelText() == "Recounting every case's deadlines…"
    assert page.progress.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not page.recounting, timeout=5000)
    assert [w.isEnabled() for w in (dialog.page_list, dialog.pages, dialog.buttons)] == [True] * 3
    assert page.add_button.isEnabled()
    assert page.progress is None
    assert window.desk.extra_holidays() == [(D(2026, 11, 24), "Fictional one-off bank holiday")]
    window.settings_dialog.close()


def test_a_bank_holiday_recount_can_be_stopped_and_changes_nothing(qtbot, window, monkeypatch):
    """The recount is seconds at 50,000 cases: a mediator who chose the wrong day presses
    Stop. The holiday is not added, no deadline moves, and the page says so."""
    import threading

    from PySide6.QtWidgets import QPushButton

    from mediator_desk.store.repository import CaseRepository

    gate = threading.Event()
    recount = CaseRepository.recount_deadlines

    def held(self, progress=None, cancelled=None):
        gate.wait(5)
        return recount(self, progress, cancelled)

    monkeypatch.setattr(CaseRepository, "recount_deadlines", held)
    case = window.desk.create_case(make_case(declined_on=D(2026, 11, 20)))
    due_before = window.desk.casefile.cases.summaries([case.id])[0].next_due
    window.show_deadline_settings()
    page = window.settings_dialog.deadlines
    page.new_day.set_value(D(2026, 11, 24))
    page.new_name.setText("Fictional one-off bank holiday")
    page.add_button.click()
    qtbot.waitUntil(lambda: page.progress is not None and page.progress.isVisible(), timeout=3000)
    stop = page.progress.findChild(QPushButton)
    assert stop is not None and stop.text() == "Stop"
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert page.progress.labelText() == "Stopping…"
    assert not stop.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not page.recounting, timeout=5000)
    assert page.message.text() == (
        "Stopped: Tuesday 24 November 2026 was not added, and no deadline has changed."
    )
    assert window.desk.extra_holidays() == []
    assert window.desk.casefile.cases.summaries([case.id])[0].next_due == due_before
    assert page.new_name.text() == "Fictional one-off bank holiday"  # kept, to put right
    assert page.add_button.isEnabled()
    window.settings_dialog.close()
