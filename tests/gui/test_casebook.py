"""The casebook over many cases: rows read lazily, sorted by the case file, kept in step with
edits without losing the mediator's place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.conftest import make_case
from tests.gui.test_main_window import casebook_names

MANY = 450


@pytest.fixture
def crowded(window):
    """A case file with MANY fictional cases, Aelwen 000 to Aelwen 449."""
    with window.desk.casefile.db.atomic():
        for n in range(MANY):
            window.desk.create_case(make_case(child_name=f"Aelwen {n:03d} Trevorrow"))
    window.casebook.refresh()
    return window


def test_only_the_rows_on_screen_are_read(qtbot, crowded):
    model = crowded.casebook.model
    assert model.rowCount() == MANY
    crowded.casebook.table.viewport().repaint()
    assert 1 <= model.pages_read <= 2  # the first page, not 450 rows
    first_page = model.pages_read
    crowded.casebook.table.scrollToBottom()
    crowded.casebook.table.viewport().repaint()
    assert model.pages_read > first_page
    assert model.index(MANY - 1, 1).data() == "Aelwen 000 Trevorrow"  # oldest reference last


def test_clicking_a_heading_sorts_and_keeps_the_chosen_case(qtbot, crowded):
    casebook = crowded.casebook
    target = casebook.model.case_id(3)
    crowded.show_case(target)
    name = crowded.desk.case(target).child_name
    header = casebook.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == 1
    names = [casebook.model.index(r, 1).data() for r in range(5)]
    assert names == sorted(names) or names == sorted(names, reverse=True)
    assert casebook.current_case_id() == target
    current = casebook.table.currentIndex()
    assert casebook.model.index(current.row(), 1).data() == name


def test_an_edit_shows_in_its_row_at_once_and_reorders_when_typing_pauses(qtbot, crowded):
    casebook = crowded.casebook
    casebook.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by child
    first = casebook.model.case_id(0)
    crowded.show_case(first)
    assert casebook.model.index(0, 1).data() == "Aelwen 000 Trevorrow"
    overview = crowded.workspace.overview
    overview.child_name.setFocus()
    overview.child_name.selectAll()
    qtbot.keyClicks(overview.child_name, "Zennor Trevorrow")
    qtbot.waitUntil(lambda: casebook.model.index(0, 1).data() == "Zennor Trevorrow", timeout=2000)
    # A moment later the case moves to its place in the order, still chosen.
    qtbot.waitUntil(lambda: casebook.model.row_of(first) == MANY - 1, timeout=5000)
    assert casebook.current_case_id() == first
    assert casebook.model.index(MANY - 1, 1).data() == "Zennor Trevorrow"
    assert overview.child_name.hasFocus()  # typing was never interrupted


def test_search_over_many_cases_keeps_the_chosen_order(qtbot, crowded):
    casebook = crowded.casebook
    casebook.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.keyClicks(casebook.search_box, "aelwen 04")
    # "04" matches names 040 to 049 and references MD-2026-0400 onwards (names 399 on).
    expected = [
        f"Aelwen {n:03d} Trevorrow"
        for n in range(MANY)
        if f"{n:03d}".startswith("04") or f"{n + 1:04d}".startswith("04")
    ]
    qtbot.waitUntil(lambda: casebook.model.rowCount() == len(expected), timeout=2000)
    assert casebook_names(crowded) == expected


def test_a_case_file_that_fails_while_scrolling_shows_blank_rows_not_an_error(qtbot, crowded):
    from mediator_desk.store.errors import CaseFileError

    model = crowded.casebook.model

    def broken(_ids):
        raise CaseFileError("The disk holding the case file was removed.")

    crowded.desk.case_summaries = broken
    model.reload()  # forget the cached rows
    assert model.index(0, 1).data() is None
    assert model.index(0, 0).data(model.ID_ROLE) == model.case_id(0)


def test_ctrl_f_goes_to_the_search_box_and_is_shown_in_the_menu(qtbot, window):
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    window.activateWindow()
    qtbot.waitActive(window)
    window.menuBar().setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.casebook.search_box.hasFocus(), timeout=2000)
