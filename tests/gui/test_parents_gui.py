"""The parents or carers editor (issue 18, finding 7): a row each with a name and a
relationship, autosaved like the rest of the Overview, reachable by keyboard, and no keystroke
lost when the mediator switches case straight after typing. The parent is a party to
mediation and is named on its documents (CFA 2014 ss53-55)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mediator_desk.domain.parents import ParentCarer as P
from tests.conftest import make_case

MOTHER = P("Morwenna Tregothnan", "Mother")


def open_case(window, **fields):
    case = window.desk.create_case(make_case(**fields))
    window.casebook.refresh()
    window.show_case(case.id)
    return case


def test_the_overview_shows_each_parent_in_its_own_row(qtbot, window):
    """Two parents are two rows, name and relationship apart (CFA 2014 s55)."""
    open_case(window, parents=(MOTHER, P("Jory Tregothnan", "Father")))
    editor = window.workspace.overview.parents
    assert [(r.name.text(), r.relationship.currentText()) for r in editor.rows] == [
        ("Morwenna Tregothnan", "Mother"),
        ("Jory Tregothnan", "Father"),
    ]


def test_a_second_parent_typed_just_before_switching_case_is_kept(qtbot, window):
    """Add a row by keyboard, type a name and a relationship, switch case at once: every
    keystroke is in the case file (docs/editing.md; CFA 2014 s55: the parent's name)."""
    other = window.desk.create_case(make_case(child_name="Dafydd ap Gruffydd"))
    case = open_case(window)
    editor = window.workspace.overview.parents
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    second = editor.rows[1]
    assert second.name.hasFocus()
    qtbot.keyClicks(second.name, "Jory Tregothnan")
    qtbot.keyClick(second.name, Qt.Key.Key_Tab)
    assert second.relationship.hasFocus() or second.relationship.lineEdit().hasFocus()
    qtbot.keyClicks(second.relationship.lineEdit(), "Step-parent")
    window.show_case(other.id)  # well inside the autosave interval
    assert window.desk.case(case.id).parents == (MOTHER, P("Jory Tregothnan", "Step-parent"))
    window.show_case(case.id)
    shown = [(r.name.text(), r.relationship.currentText()) for r in editor.rows]
    assert shown == [("Morwenna Tregothnan", "Mother"), ("Jory Tregothnan", "Step-parent")]


def test_a_relationship_picked_from_the_list_is_saved(qtbot, window):
    """The short list a mediator picks from (CFA 2014 s55: who the parent is)."""
    case = open_case(window)
    overview = window.workspace.overview
    row = overview.parents.rows[0]
    row.relationship.setCurrentIndex(row.relationship.findText("Special guardian"))
    overview.flush()
    assert window.desk.case(case.id).parents == (P("Morwenna Tregothnan", "Special guardian"),)


def test_removing_a_parent_saves_and_moves_the_cursor_on(qtbot, window):
    """Remove takes the parent off the case (CFA 2014 s55), and the keyboard carries on."""
    case = open_case(window, parents=(MOTHER, P("Jory Tregothnan", "Father")))
    overview = window.workspace.overview
    editor = overview.parents
    first = editor.rows[0]
    first.remove.setFocus()
    qtbot.keyClick(first.remove, Qt.Key.Key_Space)
    assert len(editor.rows) == 1 and editor.rows[0].name.hasFocus()
    overview.flush()
    assert window.desk.case(case.id).parents == (P("Jory Tregothnan", "Father"),)


def test_a_case_with_no_parent_shows_one_empty_row_and_saves_nothing_blank(qtbot, window):
    """No parent is no parent: an empty row is not saved as a nameless one (CFA 2014 s55)."""
    case = open_case(window, parents=())
    overview = window.workspace.overview
    editor = overview.parents
    assert len(editor.rows) == 1 and editor.rows[0].name.text() == ""
    editor.add_row()
    overview.flush()
    assert window.desk.case(case.id).parents == ()


def test_every_control_of_the_editor_is_named_for_a_screen_reader(qtbot, window):
    """Each input says which parent it is for, read out by a screen reader (DESIGN.md
    section 7; CFA 2014 s55: the parent the documents name)."""
    open_case(window, parents=(MOTHER, P("Jory Tregothnan", "Father")))
    editor = window.workspace.overview.parents
    names = [w.accessibleName() for row in editor.rows for w in row.widgets()]
    assert names == [
        "Name of parent or carer 1",
        "Relationship of parent or carer 1",
        "Remove parent or carer 1",
        "Name of parent or carer 2",
        "Relationship of parent or carer 2",
        "Remove parent or carer 2",
    ]
    assert editor.add_button.accessibleName() == "Add parent or carer"


def test_the_new_case_dialog_asks_for_the_first_parent_and_lets_a_second_be_added(qtbot, window):
    """The family's first contact: who the parents are, and how related (CFA 2014 s55)."""
    window.new_case()
    dialog = window.new_case_dialog
    qtbot.keyClicks(dialog.child_name, "Dafydd ap Gruffydd")
    dialog.local_authority.setText("Fernleigh County Council")
    dialog.decision_kind.setCurrentIndex(1)
    first = dialog.parents.rows[0]
    qtbot.keyClicks(first.name, "Morwenna Tregothnan")
    first.relationship.setCurrentText("Mother")
    dialog.parents.add_button.click()
    second = dialog.parents.rows[1]
    qtbot.keyClicks(second.name, "Jory Tregothnan")
    second.relationship.setCurrentText("Father")
    assert not dialog.parents.add_button.isVisible()  # more are added on the Overview
    with qtbot.waitSignal(dialog.created) as created:
        dialog.accept()
    case = window.desk.case(created.args[0].id)
    assert case.parents == (MOTHER, P("Jory Tregothnan", "Father"))
