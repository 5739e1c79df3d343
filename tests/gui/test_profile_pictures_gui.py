"""On the Child's views tab the mediator ticks which pictures appear in the one-page profile
and writes each one's caption; a PDF scan cannot be ticked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import make_case, picture


def open_views(window, tmp_path):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    views = window.workspace.child_views
    window.workspace.tabs.setCurrentWidget(views)
    for name, data in (("house.png", picture()), ("letter.pdf", b"%PDF-1.4\n%%EOF\n")):
        source = tmp_path / name
        source.write_bytes(data)
        assert views.attach(source)
    return case, views


def test_ticking_a_picture_puts_it_in_the_profile(qtbot, window, tmp_path):
    case, views = open_views(window, tmp_path)
    house, letter = (views.attachments.item(row) for row in range(2))
    assert house.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not letter.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert house.checkState() == Qt.CheckState.Unchecked
    views.attachments.setFocus()
    views.attachments.setCurrentRow(0)
    qtbot.keyClick(views.attachments, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.desk.attachments(case.id)[0].in_profile)
    assert "shown in the profile" in views.attachment_message.text()
    qtbot.keyClick(views.attachments, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.desk.attachments(case.id)[0].in_profile)


def test_f2_writes_a_caption(qtbot, window, tmp_path):
    case, views = open_views(window, tmp_path)
    views.attachments.setFocus()
    views.attachments.setCurrentRow(0)
    qtbot.keyClick(views.attachments, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: views.attachments.focusWidget() is not views.attachments)
    editor = views.attachments.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "My house and Pip")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.desk.attachments(case.id)[0].caption == "My house and Pip")
    assert views.attachments.item(0).text() == "My house and Pip"


def test_the_choice_is_shown_again_when_the_case_is_reopened(qtbot, window, tmp_path):
    case, views = open_views(window, tmp_path)
    window.desk.set_attachment_in_profile(window.desk.attachments(case.id)[0].id, True)
    window.show_case(case.id)
    assert views.attachments.item(0).checkState() == Qt.CheckState.Checked
