"""Spelling as you type, in British English: a misspelt word is underlined once the cursor leaves
it, the case's own names are not, spellings are offered by right-click and from the keyboard,
a word can be kept in the mediator's own dictionary, and the underline never reaches the text,
the autosave or the presenter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication

from tests.gui.test_meeting_gui import prepared_case, tick_present

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlined(field) -> list[str]:
    """The words drawn with the wavy underline in `field`."""
    return [
        s.cursor.selectedText()
        for s in field.extraSelections()
        if s.format.underlineStyle() == WAVY
    ]


def ready(qtbot, speller) -> None:
    qtbot.waitUntil(lambda: speller.checker is not None, timeout=30_000)


def type_in(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)


def right_click(field, word: str):
    """Right-click the middle of `word` in `field`, as a mouse does."""
    cursor = field.document().find(word)
    cursor.setPosition(cursor.selectionStart() + len(word) // 2)
    at = field.cursorRect(cursor).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, field.viewport().mapToGlobal(at))
    QApplication.sendEvent(field.viewport(), event)


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_a_misspelling_is_underlined_and_the_cases_own_names_are_not(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    meeting.add_issue()
    field = meeting.discussion
    type_in(qtbot, field, "Lowenna's behavour at school. Kenan ")
    field.insertPlainText("Aydın")  # not a letter the test's keyboard can type
    qtbot.keyClicks(field, " and Morwenna agred ")
    assert underlined(field) == ["behavour", "agred"]
    # British spellings are right; American ones are not
    field.clear()
    type_in(qtbot, field, "The colour of the programme, not the color of the program. ")
    assert underlined(field) == ["color"]


def test_the_word_being_typed_is_left_alone_until_the_cursor_leaves_it(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    field = meeting.next_steps
    type_in(qtbot, field, "The LA will recieve")
    assert underlined(field) == []  # still being typed
    qtbot.keyClick(field, Qt.Key.Key_Space)
    assert underlined(field) == ["recieve"]


def test_the_underline_is_not_in_the_text_the_record_or_the_presenter(qtbot, window):
    case, _parent, _la, meeting = prepared_case(window)
    tick_present(meeting, qtbot)
    ready(qtbot, meeting.speller)
    field = meeting.other_matters
    edits: list[str] = []
    field.textChanged.connect(lambda: edits.append(field.toPlainText()))
    type_in(qtbot, field, "The familly thanked everyone. ")
    typed = len(edits)
    assert underlined(field) == ["familly"]
    meeting.speller.refresh()  # checked again (a word kept, a name added): no edit follows
    assert len(edits) == typed
    meeting.open_presenter()
    presenter = meeting.presenter
    qtbot.addWidget(presenter)
    meeting.refresh_presenter()
    shown = presenter.view.document()
    assert "familly" in shown.toPlainText()
    assert presenter.view.extraSelections() == []
    block = shown.firstBlock()
    while block.isValid():
        for piece in block.layout().formats():
            assert piece.format.underlineStyle() != WAVY
        it = block.begin()
        while not it.atEnd():
            assert it.fragment().charFormat().underlineStyle() != WAVY
            it += 1
        block = block.next()
    qtbot.waitUntil(
        lambda: (
            window.desk.statement.record.get(case.id).other_matters
            == "The familly thanked everyone. "
        )
    )


def test_right_click_offers_spellings_and_one_replaces_the_word_as_one_undo(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    meeting.add_issue()
    field = meeting.discussion
    type_in(qtbot, field, "We discussed his behavour in class.")
    right_click(field, "behavour")
    menu = meeting.speller.menu
    assert menu is not None and menu.isVisible()
    qtbot.waitUntil(lambda: "Finding spellings…" not in texts(menu), timeout=30_000)
    offered = texts(menu)
    assert offered[0] == "behaviour"
    assert "Add “behavour” to your dictionary" in offered
    assert "Paste" in " ".join(offered).replace("&", "")  # the usual editing actions follow
    next(a for a in menu.actions() if a.text() == "behaviour").trigger()
    assert field.toPlainText() == "We discussed his behaviour in class."
    assert underlined(field) == []
    field.undo()
    assert field.toPlainText() == "We discussed his behavour in class."


def test_a_right_click_on_a_word_spelt_right_shows_only_the_editing_menu(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    field = meeting.next_steps
    type_in(qtbot, field, "Everyone agreed.")
    right_click(field, "agreed")
    offered = texts(meeting.speller.menu)
    assert not any("dictionary" in t or "spellings" in t for t in offered)
    assert offered


def test_ctrl_full_stop_finds_the_next_misspelling_and_a_word_kept_is_known_everywhere(
    qtbot, window
):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    field = meeting.next_steps
    type_in(qtbot, field, "Tregothnan-Penhallow's plan. Wheal Kitty stays. ")
    assert underlined(field) == ["Penhallow's", "Wheal"]
    field.moveCursor(field.textCursor().MoveOperation.Start)
    qtbot.keyClick(field, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert field.textCursor().selectedText() == "Penhallow's"
    menu = meeting.speller.menu
    assert menu is not None and menu.isVisible()
    add = next(a for a in menu.actions() if "to your dictionary" in a.text())
    assert add.text() == "Add “Penhallow's” to your dictionary"
    menu.close()
    # Ctrl+. again moves on to the next one
    qtbot.keyClick(field, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert field.textCursor().selectedText() == "Wheal"
    add = next(a for a in meeting.speller.menu.actions() if "to your dictionary" in a.text())
    meeting.speller.menu.close()
    add.trigger()
    assert window.desk.spelling.own_words() == ("Wheal",)
    qtbot.waitUntil(lambda: underlined(field) == ["Penhallow's"])
    # Kept in the case file's dictionary: the child's views know it too
    views = window.workspace.child_views
    window.workspace.tabs.setCurrentWidget(views)
    ready(qtbot, views.speller)
    area = next(iter(views.texts.values()))
    type_in(qtbot, area, "Wheal is a place I like, and so is Wheel Kity. ")
    assert underlined(area) == ["Kity"]


def test_with_spelling_turned_off_nothing_is_underlined(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    field = meeting.next_steps
    type_in(qtbot, field, "Teh plan. ")
    assert underlined(field) == ["Teh"]
    window.desk.spelling.set_enabled(False)
    meeting.speller.refresh()
    assert underlined(field) == []
    qtbot.keyClick(field, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert meeting.speller.menu is None  # nothing to offer; the field says why in a tooltip


def test_the_menu_key_offers_spellings_for_the_word_at_the_cursor(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    field = meeting.next_steps
    type_in(qtbot, field, "The famly ")
    field.moveCursor(field.textCursor().MoveOperation.Left)
    field.moveCursor(field.textCursor().MoveOperation.Left)
    at = field.cursorRect().center()
    QApplication.sendEvent(
        field,
        QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, field.mapToGlobal(at)),
    )
    menu = meeting.speller.menu
    assert "Add “famly” to your dictionary" in texts(menu)
    qtbot.waitUntil(lambda: "family" in texts(menu), timeout=30_000)


def test_settings_keeps_the_mediators_dictionary_and_turns_spelling_off(qtbot, window):
    from tests.gui.test_settings_gui import open_settings

    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    field = meeting.next_steps
    type_in(qtbot, field, "Porthgwidden and Trewidden agreed. ")
    assert underlined(field) == ["Porthgwidden", "Trewidden"]
    dialog = open_settings(qtbot, window)
    window.show_settings("spelling")
    page = dialog.spelling
    assert dialog.pages.currentIndex() == dialog.PAGES.index("spelling")
    assert page.state.text() == "Dictionary: British English (Hunspell en-GB 3.1.4), ready."
    qtbot.keyClicks(page.new_word, "Porthgwidden")
    qtbot.keyClick(page.new_word, Qt.Key.Key_Return)
    assert [page.words.item(i).text() for i in range(page.words.count())] == ["Porthgwidden"]
    assert underlined(field) == ["Trewidden"]  # the open case's fields heard at once
    qtbot.keyClicks(page.new_word, "two words")
    page.add_button.click()
    assert page.message.text() == "✖ A word for the dictionary is one word, without spaces."
    page.words.setCurrentRow(0)
    page.remove_button.click()
    assert window.desk.spelling.own_words() == ()
    assert underlined(field) == ["Porthgwidden", "Trewidden"]
    page.checking.click()  # off
    assert not window.desk.spelling.enabled()
    assert underlined(field) == []
    page.checking.click()  # on again
    assert underlined(field) == ["Porthgwidden", "Trewidden"]
    dialog.reject()


def test_one_line_fields_are_checked_too_and_a_spelling_is_saved_as_typed(qtbot, window):
    case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    meeting.add_issue()
    title = meeting.issue_title
    type_in(qtbot, title, "Tranport to Lowenna's schol")
    speller = meeting.speller
    assert [title.text()[a:b] for a, b in speller.line_spans(title)] == ["Tranport"]
    qtbot.keyClick(title, Qt.Key.Key_Space)
    assert [title.text()[a:b] for a, b in speller.line_spans(title)] == ["Tranport", "schol"]
    overlay = speller.overlays[title]
    assert overlay.isVisible() and overlay.geometry() == title.rect()
    # Drawn beneath the word, left to right, inside the field
    start, end = speller.line_spans(title)[0]
    assert 0 <= overlay.x_at(start) < overlay.x_at(end) < title.width()
    # Ctrl+. selects the first and offers spellings; choosing one is an edit, saved
    title.setCursorPosition(0)
    qtbot.keyClick(title, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert title.selectedText() == "Tranport"
    menu = speller.menu
    qtbot.waitUntil(lambda: "Transport" in texts(menu), timeout=30_000)
    next(a for a in menu.actions() if a.text() == "Transport").trigger()
    assert title.text() == "Transport to Lowenna's schol "
    meeting.flush()
    issue = window.desk.statement.issues.list(case.id)[0]
    assert issue.title == "Transport to Lowenna's schol "
    title.undo()
    assert title.text() == "Tranport to Lowenna's schol "


def test_the_agreed_actions_what_is_checked(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    ready(qtbot, meeting.speller)
    meeting.add_issue()
    what = meeting.action_editor.widgets["description"]
    assert what in meeting.speller.lines
    meeting.action_editor.add_button.click()  # as Ctrl+Shift+T does
    type_in(qtbot, what, "Send the amended plan to Morwenna by Fryday ")
    assert [what.text()[a:b] for a, b in meeting.speller.line_spans(what)] == ["Fryday"]
