"""Quick typing loses nothing: an edit still waiting for autosave is written before anything
adds, reloads or refreshes, and what is shown is what was written."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mediator_desk.domain.preparation import Attendee, Role
from tests.conftest import make_case

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_tab(window, tab_name: str):
    desk = window.desk
    case = desk.create_case(make_case(meeting_date=dt.date(2026, 11, 20)))
    desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    window.casebook.refresh()
    window.show_case(case.id)
    tab = getattr(window.workspace, tab_name)
    window.workspace.tabs.setCurrentWidget(tab)
    return case, tab


def agenda_texts(meeting) -> list[str]:
    return [meeting.agenda.item(row).text() for row in range(meeting.agenda.count())]


def test_a_new_issue_within_the_autosave_interval_keeps_the_one_before(qtbot, window):
    case, meeting = open_tab(window, "meeting")
    qtbot.keyClick(meeting, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.keyClicks(meeting.issue_title, "Home to school transport")
    qtbot.keyClick(meeting, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.keyClicks(meeting.discussion, "LA will provide a taxi with an escort")
    qtbot.keyClick(meeting, Qt.Key.Key_I, CTRL_SHIFT)  # at once: well inside half a second

    assert agenda_texts(meeting) == ["1. Home to school transport", "2. (untitled issue)"]
    meeting.agenda.setCurrentRow(0)
    assert meeting.issue_title.text() == "Home to school transport"
    assert meeting.discussion.toPlainText() == "- LA will provide a taxi with an escort"
    # A point added to it now is added to what was stored, not written over it.
    qtbot.keyClick(meeting, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.keyClicks(meeting.discussion, "Review at Easter")
    meeting.flush()
    stored = window.desk.statement.issues.list(case.id)[0]
    assert stored.title == "Home to school transport"
    assert stored.discussion == ("- LA will provide a taxi with an escort\n- Review at Easter")


def test_with_the_presenter_open_the_last_words_before_a_new_issue_are_kept(qtbot, window):
    """The presenter's refresh writes what was typed so far; a new issue then reloaded the
    agenda from the case file before the words typed since were written, so the issue showed
    (and later saved) the copy from the presenter's refresh, without the last words."""
    case, meeting = open_tab(window, "meeting")
    meeting.open_presenter()
    presenter = meeting.presenter
    qtbot.addWidget(presenter)
    qtbot.keyClick(meeting, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.keyClicks(meeting.issue_title, "Transport")
    qtbot.keyClick(meeting, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.keyClicks(meeting.discussion, "Taxi with escort")
    qtbot.waitUntil(lambda: "Taxi with escort" in presenter.text(), timeout=1000)
    qtbot.keyClicks(meeting.discussion, " today")
    qtbot.keyClick(meeting, Qt.Key.Key_I, CTRL_SHIFT)  # before the next save

    meeting.agenda.setCurrentRow(0)
    assert meeting.discussion.toPlainText() == "- Taxi with escort today"
    qtbot.waitUntil(lambda: "Taxi with escort today" in presenter.text(), timeout=1000)
    qtbot.keyClick(meeting, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.keyClicks(meeting.discussion, "Review at Easter")
    meeting.flush()
    stored = window.desk.statement.issues.list(case.id)[0].discussion
    assert stored == "- Taxi with escort today\n- Review at Easter"
    meeting.close_presenter()


def test_the_next_person_added_quickly_keeps_the_one_before(qtbot, window):
    case, people = open_tab(window, "people")
    editor = people.editor
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.keyClicks(editor.widgets["name"], "Jory Penhallow")
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL_SHIFT)  # within half a second

    names = [editor.table.item(row, 0).text() for row in range(editor.table.rowCount())]
    assert names == ["Morwenna Tregothnan", "Jory Penhallow", "(no name)"]
    # Removing the blank new row removes only that one.
    editor.table.selectRow(1)
    assert editor.widgets["name"].text() == "Jory Penhallow"
    editor.table.selectRow(2)
    editor.remove_record()
    stored = [a.name for a in window.desk.attendees.list(case.id)]
    assert stored == ["Morwenna Tregothnan", "Jory Penhallow"]


def test_an_action_added_quickly_keeps_the_one_before(qtbot, window):
    case, meeting = open_tab(window, "meeting")
    meeting.add_issue()
    actions = meeting.action_editor
    qtbot.keyClick(actions, Qt.Key.Key_T, CTRL_SHIFT)
    qtbot.keyClicks(actions.widgets["description"], "Send the amended plan")
    qtbot.keyClick(actions, Qt.Key.Key_T, CTRL_SHIFT)

    shown = [actions.table.item(row, 0).text() for row in range(actions.table.rowCount())]
    assert shown == ["Send the amended plan", "(not described)"]
    stored = [a.description for a in window.desk.actions(case.id)]
    assert stored == ["Send the amended plan", ""]


def test_every_autosaver_of_an_open_case_belongs_to_the_window(qtbot, window):
    """Pending edits are found by their window, so a saver whose widget is left out of the
    window would never be written before a reload (and would outlive its case)."""
    from mediator_desk.ui.autosave import live_autosavers
    from mediator_desk.ui.editing import pending_savers, window_of
    from mediator_desk.ui.main_window import MainWindow

    _case, meeting = open_tab(window, "meeting")
    savers = live_autosavers()
    assert len([s for s in savers if window_of(s) == window]) >= 8  # forms, lists, sections
    assert [s.parent() for s in savers if not isinstance(window_of(s), MainWindow)] == []
    meeting.add_issue()
    qtbot.keyClicks(meeting.issue_title, "Transport")
    assert pending_savers(window) == [meeting.issues_panel.saver]
