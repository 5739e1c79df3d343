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


def test_a_keystroke_asks_the_case_file_only_which_cases_match(qtbot, crowded):
    """At 50,000 cases each key typed had the case file match, sort and hand back every
    matching id (45 to 75 ms for a broad word). The casebook keeps the order of all its cases
    and asks, per key, only for the matches (one full-text query), placing them in that
    order itself: the same list the case file's own sorting gives, in any order chosen."""
    from mediator_desk.store.repository import CasebookOrder

    casebook, desk = crowded.casebook, crowded.desk
    casebook.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by child, Z to A
    desk.update_case(casebook.model.case_id(5), {"notes": "Trevorrow family moved to Penzance"})
    qtbot.wait(10)  # the change is announced when the event loop next turns
    casebook.reload()  # placed in the order now, rather than when typing pauses
    assert not casebook._reload_timer.isActive()
    seen: list[str] = []
    desk.casefile.db.conn.set_trace_callback(seen.append)
    try:
        for key in "penz":
            qtbot.keyClicks(casebook.search_box, key)
            qtbot.waitUntil(lambda: casebook.search_box.text() == casebook.model._search)
    finally:
        desk.casefile.db.conn.set_trace_callback(None)
    asked = [s for s in seen if not s.startswith(("--", "SAVEPOINT", "RELEASE"))]
    matches = [s for s in asked if "MATCH" in s]
    assert len(matches) == 4  # one a key
    assert not [s for s in asked if "json_group_array(id)" in s]  # no sorting of the cases
    for text in ("penz", "aelwen 04", "trevorrow"):
        casebook.search_box.setText(text)
        qtbot.waitUntil(lambda t=text: casebook.model._search == t)
        shown = [casebook.model.case_id(r) for r in range(casebook.model.rowCount())]
        assert shown == desk.casebook_ids(text, CasebookOrder.CHILD, True), text


def test_typing_straight_after_an_edit_places_the_edited_case_where_it_now_sorts(qtbot, crowded):
    """The order kept for searching is read again while a saved change waits to be placed."""
    casebook, desk = crowded.casebook, crowded.desk
    casebook.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by child, A to Z
    first = casebook.model.case_id(0)
    desk.update_case(first, {"child_name": "Zennor Trevorrow"})
    qtbot.wait(10)  # announced: the casebook will place it when typing pauses
    assert casebook._reload_timer.isActive()
    qtbot.keyClicks(casebook.search_box, "trevorrow")
    qtbot.waitUntil(lambda: casebook.model._search == "trevorrow")
    assert casebook.model.rowCount() == MANY
    assert casebook.model.case_id(MANY - 1) == first
