"""The phrase bank from the keyboard: a trigger then Ctrl+Space puts its phrase in, filled from
the case, as one step of Undo; Ctrl+Space alone finds a phrase as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mediator_desk.domain.phrases import Phrase
from tests.gui.test_meeting_gui import prepared_case


def _ctrl_space(qtbot, field):
    qtbot.keyClick(field, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)


def test_a_trigger_then_ctrl_space_puts_in_the_phrase_filled_from_the_case(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    meeting.add_issue()
    field = meeting.discussion
    field.setFocus()
    qtbot.keyClicks(field, "Agreed: views")
    _ctrl_space(qtbot, field)
    assert field.toPlainText() == (
        "Agreed: Lowenna Tregothnan's views were shared at the start of the meeting and "
        "considered throughout."
    )
    field.undo()  # one step puts the trigger back
    assert field.toPlainText() == "Agreed: views"


def test_ctrl_space_alone_finds_a_phrase_as_you_type(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    window.desk.phrases.set_phrases(
        (Phrase("write", "{la} will write by [date]."), Phrase("thanks", "Thank you, {child}."))
    )
    meeting.add_issue()
    field = meeting.discussion
    field.setFocus()
    qtbot.keyClicks(field, "Then ")
    _ctrl_space(qtbot, field)
    picker = meeting.phrase_keys[0].picker
    qtbot.waitUntil(picker.isVisible)
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == [
        "write — Fernleigh County Council will write by [date].",
        "thanks — Thank you, Lowenna Tregothnan.",
    ]
    qtbot.keyClicks(picker.search, "council")  # its words are searched as well as triggers
    assert picker.list.count() == 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert field.toPlainText() == "Then Fernleigh County Council will write by [date]."


def test_escape_leaves_the_text_and_a_field_that_cannot_change_is_left_alone(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    field = meeting.next_steps
    field.setFocus()
    qtbot.keyClicks(field, "nothing")
    _ctrl_space(qtbot, field)
    picker = meeting.phrase_keys[2].picker
    qtbot.waitUntil(picker.isVisible)
    assert picker.list.count() == 0 and picker.empty.isVisible()
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert field.toPlainText() == "nothing"
    field.setReadOnly(True)
    before = meeting.phrase_keys[2].picker
    _ctrl_space(qtbot, field)
    assert meeting.phrase_keys[2].picker is before and field.toPlainText() == "nothing"


def test_the_childs_views_fields_take_phrases_too(qtbot, window):
    _case, _parent, _la, _meeting = prepared_case(window)
    tab = window.workspace.child_views
    window.workspace.tabs.setCurrentWidget(tab)
    field = tab.texts["quotes"]
    field.setFocus()
    qtbot.keyClicks(field, "views")
    _ctrl_space(qtbot, field)
    assert field.toPlainText().startswith("Lowenna Tregothnan's views were shared")


def test_settings_keeps_the_phrases_as_they_are_edited(qtbot, window):
    from mediator_desk.domain.phrases import STARTING_PHRASES

    window.settings_action.trigger()
    dialog = window.settings_dialog
    dialog.show_page("phrases")
    page = dialog.phrases
    assert page.shown() == list(STARTING_PHRASES)
    page.add()
    page.table.item(page.table.rowCount() - 1, 0).setText("thanks")
    assert page.message.text() == "✖ Phrase 9: it has no wording."  # not kept yet
    assert window.desk.phrases.phrases() == STARTING_PHRASES
    page.table.item(page.table.rowCount() - 1, 1).setText("Thank you, {mediator}.")
    assert page.message.text() == "Saved."
    assert window.desk.phrases.phrases()[-1] == Phrase("thanks", "Thank you, {mediator}.")
    page.table.item(0, 0).setText("thanks")  # the same trigger twice is refused
    assert "used twice" in page.message.text()
    assert window.desk.phrases.phrases()[0] == STARTING_PHRASES[0]
    page.table.setCurrentCell(0, 0)
    page.remove()
    assert window.desk.phrases.phrases()[0] == STARTING_PHRASES[1]
    page.restore_now()
    assert window.desk.phrases.phrases() == STARTING_PHRASES
    dialog.reject()
