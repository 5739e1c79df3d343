"""The Meeting tab on a laptop: at 1366 × 768 the agenda, the issue being drafted and who has
confirmed are on screen together, without scrolling."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.statement import Issue, Outcome

LAPTOP = (1366, 768)


def mid_meeting(window):
    """Siân's demo case half-way through a meeting: three issues, everyone present."""
    desk = window.desk
    desk.load_demo_cases()
    case = desk.case_by_reference("MD-2026-0002")
    issues = desk.statement.issues
    for position, title in enumerate(
        ("Section F: speech and language therapy", "Section I: named school", "Transport")
    ):
        issue = issues.add(
            case.id,
            Issue(
                position=position,
                title=title,
                outcome=Outcome.AGREED if position == 0 else None,
                discussion="- Parents want weekly therapy in school\n- Reviewed at Easter",
            ),
        )
        if position == 0:
            desk.add_action(
                case.id, AgreedAction("Send the amended plan", owner="LA", issue_id=issue.id)
            )
    for attendee in desk.attendees.list(case.id):
        desk.statement.set_presence(case.id, attendee.id, {"present": True, "arrived": "10:00"})
    window.casebook.refresh()
    window.show_case(case.id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    return case, meeting


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def test_agenda_issue_and_confirmations_in_view_at_1366_by_768(qtbot, window):
    window.resize(*LAPTOP)
    _case, meeting = mid_meeting(window)
    qtbot.waitUntil(lambda: meeting.isVisible() and meeting.agenda.count() == 3)
    qtbot.wait(50)  # let the layouts settle (resize events are posted)
    assert window.width() <= LAPTOP[0] and window.height() <= LAPTOP[1]
    viewport = meeting.scroll_area.viewport()
    view = viewport.rect()
    wanted = {  # each with the least height in which it is of use: three lines of a list
        "agenda": (meeting.agenda, 60),
        "issue title": (meeting.issue_title, meeting.issue_title.sizeHint().height()),
        "discussion": (meeting.discussion, 60),
        "confirmations": (meeting.parties, 40),
    }
    problems = {}
    for name, (widget, least) in wanted.items():
        shown = rect_in(widget, viewport)
        if not widget.isVisible() or not view.contains(shown) or shown.height() < least:
            problems[name] = (shown.getRect(), view.getRect())
    assert problems == {}
    assert meeting.scroll_area.verticalScrollBar().maximum() == 0


def test_the_casebook_can_be_hidden_for_the_meeting_and_comes_back(qtbot, window):
    window.resize(*LAPTOP)
    _case, meeting = mid_meeting(window)
    qtbot.waitUntil(meeting.isVisible)
    assert window.left_tabs.width() <= LAPTOP[0] * 0.3  # reference and child in a quarter
    wide = meeting.width()
    window.casebook_action.trigger()  # View ▸ Show casebook, F9
    qtbot.waitUntil(lambda: not window.left_tabs.isVisible())
    qtbot.waitUntil(lambda: meeting.width() > wide + 200)
    window.find_action.trigger()  # Ctrl+F searches the casebook, so shows it
    qtbot.waitUntil(window.left_tabs.isVisible)
    assert window.casebook_action.isChecked()
    assert window.casebook.search_box.hasFocus()


def test_the_meeting_panes_keep_the_sizes_the_mediator_gave_them(qtbot, make_window, casefile_path):
    window = make_window()
    window.resize(*LAPTOP)
    assert window.open_casefile(casefile_path)
    _case, meeting = mid_meeting(window)
    qtbot.waitUntil(meeting.isVisible)
    top, _bottom = meeting.right.sizes()
    meeting.right.moveSplitter(top - 120, 1)  # as a drag of the handle does
    dragged = meeting.right.sizes()
    assert dragged[0] < top
    window.close()

    again = make_window()
    again.resize(*LAPTOP)
    assert again.open_casefile(casefile_path)
    case = again.desk.case_by_reference("MD-2026-0002")
    again.show_case(case.id)
    restored = again.workspace.meeting
    again.workspace.tabs.setCurrentWidget(restored)
    qtbot.waitUntil(restored.isVisible)
    assert restored.right.sizes() == dragged
    again.close()


def test_the_meeting_clock_runs_against_the_planned_length(qtbot, window):
    """A fake clock: the test moves time on, never waits for it."""
    case, meeting = mid_meeting(window)
    window.desk.arrangements.update(case.id, {"start_time": "10:00", "end_time": "12:00"})
    now = {"value": dt.datetime(2026, 11, 20, 10, 2)}
    meeting.clock.now = lambda: now["value"]
    meeting.show_case(case)
    qtbot.waitUntil(meeting.clock.isVisible)
    clock = meeting.clock
    assert clock.label.text() == "Meeting clock not started (2:00 planned)"
    qtbot.mouseClick(clock.button, Qt.MouseButton.LeftButton)
    assert clock.label.text() == "Meeting time 0:00 of 2:00"
    now["value"] += dt.timedelta(minutes=47, seconds=20)
    clock.tick()
    assert clock.label.text() == "Meeting time 0:47 of 2:00"
    now["value"] += dt.timedelta(minutes=84)
    clock.tick()
    assert clock.label.text() == "⚠ Over time: 2:11 of 2:00, 11 minutes over"
    assert clock.label.font().bold()
    # Another case and back: the meeting's clock kept running.
    other = window.desk.case_by_reference("MD-2026-0001")
    window.show_case(other.id)
    assert clock.label.text().startswith("Meeting clock not started")
    window.show_case(case.id)
    assert clock.label.text() == "⚠ Over time: 2:11 of 2:00, 11 minutes over"


def test_the_narrower_casebook_reaches_those_who_had_the_old_split(qtbot, make_window):
    """Earlier versions saved the split at every close, at their default of 540 pixels: that
    saved split is not taken up, so everyone gets the case's tabs wide enough for a meeting;
    the split dragged from now on is remembered."""
    window = make_window()
    window.resize(*LAPTOP)
    window.splitter.setSizes([540, LAPTOP[0] - 540])
    window.settings.set_window_state("splitter", window.splitter.saveState())  # as they saved it
    window.hide()  # not closed: this version would save the split under its own key
    again = make_window()
    again.resize(*LAPTOP)
    qtbot.waitUntil(again.left_tabs.isVisible)
    assert again.left_tabs.width() <= LAPTOP[0] * 0.3
    again.splitter.setSizes([420, LAPTOP[0] - 420])
    dragged = again.splitter.sizes()
    again.close()
    third = make_window()
    third.resize(*LAPTOP)
    qtbot.waitUntil(third.left_tabs.isVisible)
    assert third.splitter.sizes() == dragged
    third.close()


@pytest.mark.parametrize("scale", [1, 2])
def test_the_discussion_keeps_a_readable_width_at_any_text_size(qtbot, window, scale):
    """Side by side only while the issue's column has room for a line of discussion; with
    larger text the parts go one above the other and the tab scrolls."""
    app = QApplication.instance()
    normal = app.font()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * scale)
    app.setFont(big)
    try:
        window.resize(*LAPTOP)
        _case, meeting = mid_meeting(window)
        qtbot.waitUntil(meeting.isVisible)
        qtbot.wait(50)  # let the layouts settle (resize events are posted)
        line = meeting.discussion.fontMetrics().averageCharWidth() * 40
        assert meeting.discussion.width() >= line
        expected = Qt.Orientation.Horizontal if scale == 1 else Qt.Orientation.Vertical
        assert meeting.split.orientation() == expected
    finally:
        app.setFont(normal)
