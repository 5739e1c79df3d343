"""The keyboard: each Alt+letter does one thing in its window, Tab goes through a table in one
press instead of cell by cell, and dates and times typed the British way are read that way.

Qt acts on an Alt+letter anywhere in the active window: the menu bar's titles, the tabs of every
visible tab bar, and every visible button, group box and label with a buddy. So the letters of
all of those, together, must differ; on a second use Qt would only cycle between them."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)

from tests.conftest import make_case


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased."""
    found = re.search(r"&(\S)", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def alt_letters(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter Qt would act on in `window` as it is shown now, with the texts using it."""
    letters: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            letters[letter].append(text)

    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue  # another window (a menu, a dialog), or not on screen
        if isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index))
        elif isinstance(widget, QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
    return dict(letters)


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in alt_letters(window).items() if len(v) > 1}


def labels_without_buddy(window: QWidget) -> list[str]:
    """Labels showing an underlined letter that does nothing (a label needs a buddy to act)."""
    return [
        w.text()
        for w in window.findChildren(QLabel)
        if w.window() is window
        and w.isVisibleTo(window)
        and w.textFormat() != Qt.TextFormat.RichText
        and mnemonic(w.text())
        and w.buddy() is None
    ]


def problems(window: QWidget) -> dict[str, object]:
    found = {"clashes": clashes(window), "no buddy": labels_without_buddy(window)}
    return {k: v for k, v in found.items() if v}


# -- the check itself can fail -----------------------------------------------------------------
def test_the_check_finds_a_clash_across_groups_and_tabs(qtbot):
    from PySide6.QtWidgets import QFormLayout, QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&File")
    tabs = QTabWidget()
    page = QWidget()
    form = QFormLayout(QGroupBox("Details", page))
    form.addRow("&First name:", QLineEdit())
    orphan = QLabel("&Notes")
    form.addRow(orphan)
    tabs.addTab(page, "&People")
    tabs.addTab(QLabel("hidden"), "&Notes")
    window.setCentralWidget(tabs)
    window.show()
    qtbot.waitExposed(window)
    hidden = QLineEdit()
    form.addRow("&Hidden:", hidden)
    hidden.hide()
    form.labelForField(hidden).hide()
    assert clashes(window) == {"f": ["&File", "&First name:"]}
    assert labels_without_buddy(window) == ["&Notes"]
    tabs.addTab(QWidget(), "&Help")
    assert clashes(window) == {"f": ["&File", "&First name:"]}
    window.menuBar().addMenu("&Help")
    assert clashes(window)["h"] == ["&Help", "&Help"]


# -- every window, every tab -------------------------------------------------------------------
@pytest.fixture
def demo_window(window):
    window.desk.load_demo_cases()
    window.casebook.refresh()
    window.resize(1280, 800)
    return window


def each_case_tab(window):
    """Show each demo case with each of its tabs current (the People tab with each attendee),
    beside the casebook and then beside the deadlines; yield a name for each view."""
    model = window.casebook.model
    case_ids = [model.case_id(row) for row in range(model.rowCount())]
    for side in range(window.left_tabs.count()):
        window.left_tabs.setCurrentIndex(side)
        for case_id in case_ids:
            window.show_case(case_id)
            tabs = window.workspace.tabs
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                where = f"{window.left_tabs.tabText(side)} + case {case_id} {tabs.tabText(index)}"
                page = tabs.widget(index)
                if page is window.workspace.people:
                    table = window.workspace.people.editor.table
                    for row in range(table.rowCount()):
                        table.selectRow(row)
                        yield f"{where} row {row}"
                    continue
                yield where
                for inner in page.findChildren(QTabWidget):  # the Meeting tab's sections
                    for section in range(inner.count()):
                        if inner.isVisible() and inner.isTabVisible(section):
                            inner.setCurrentIndex(section)
                            yield f"{where} ▸ {inner.tabText(section)}"
                    inner.setCurrentIndex(0)


def test_each_alt_letter_does_one_thing_in_the_main_window(qtbot, demo_window):
    shared: dict[str, set[str]] = defaultdict(set)  # over all views, so the list stays short
    orphans: set[str] = set()
    views = 0
    for _where in each_case_tab(demo_window):
        views += 1
        for letter, texts in clashes(demo_window).items():
            shared[letter].update(texts)
        orphans.update(labels_without_buddy(demo_window))
    assert views > 50
    assert {k: sorted(v) for k, v in shared.items()} == {}
    assert orphans == set()


def test_each_alt_letter_does_one_thing_with_no_case_open(qtbot, window):
    assert problems(window) == {}
    window.left_tabs.setCurrentIndex(1)
    assert problems(window) == {}


def test_each_alt_letter_does_one_thing_in_each_dialog(qtbot, demo_window):
    window = demo_window
    found = {}

    def check(name: str, dialog: QWidget) -> None:
        qtbot.waitExposed(dialog)
        if problems(dialog):
            found[name] = problems(dialog)

    window.show_settings()
    settings = window.settings_dialog
    for index in range(settings.pages.count()):
        settings.page_list.setCurrentRow(index)
        check(f"Settings {settings.page_list.item(index).text()}", settings)
    settings.reject()

    window.new_case()
    check("New case", window.new_case_dialog)
    window.new_case_dialog.reject()

    window.choose_passphrase()
    check("Passphrase", window.passphrase_dialog)
    window.passphrase_dialog.reject()

    window.show_reports()
    check("Reports", window.reports_window)
    for index in range(window.reports_window.tables.count()):
        window.reports_window.tables.setCurrentIndex(index)
        check(f"Reports tab {index}", window.reports_window)
    window.reports_window.close()

    window.show_guide()
    check("Guide", window.guide_window)
    window.guide_window.close()

    from mediator_desk.ui.case.meeting.confirm import ConfirmDialog

    confirm = ConfirmDialog([("Morwenna Tregothnan (Parent)", 1)], "outcome statement", window)
    confirm.show()
    check("Confirm", confirm)
    confirm.reject()
    assert found == {}


def test_each_alt_letter_does_one_thing_on_each_welcome_page(qtbot, make_window):
    window = make_window()
    window.show_welcome()
    wizard = window.welcome
    found = {}
    for page in (wizard.intro, wizard.casefile, wizard.about, wizard.ready):
        qtbot.waitUntil(lambda p=page: p.isVisible())
        if problems(wizard):
            found[type(page).__name__] = problems(wizard)
        if page is wizard.casefile:
            page.plain.setChecked(True)  # so Next goes on without a passphrase
        wizard.next()
    wizard.reject()
    assert found == {}


def test_alt_m_on_the_overview_opens_the_meeting_tab_at_once(qtbot, demo_window):
    """The mediator's report: Alt+M went first to a field on the Overview, and Alt+P on the
    Meeting tab to a button instead of the People tab."""
    window = demo_window
    window.show_case(window.casebook.model.case_id(0))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    workspace = window.workspace
    workspace.tabs.setCurrentWidget(workspace.overview)
    workspace.overview.child_name.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: workspace.tabs.currentWidget() is workspace.meeting)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: workspace.tabs.currentWidget() is workspace.people)


# -- Tab leaves tables -------------------------------------------------------------------------
def tabbable(widget: QWidget) -> bool:
    return bool(
        widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not widget.focusProxy()
    )


def presses_to_pass(qtbot, table: QAbstractItemView, limit: int = 60) -> int:
    """Tab presses from the control before `table` until the focus is beyond it."""
    before = table.previousInFocusChain()
    while not tabbable(before):
        before = before.previousInFocusChain()
    before.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: before.hasFocus())
    for presses in range(1, limit + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is not before and focus is not table and not table.isAncestorOf(focus):
            return presses
    return limit


def test_tab_goes_through_each_table_in_one_press(qtbot, demo_window):
    """Arrow keys move between a table's rows and cells; Tab goes on to the next control,
    even in a table of several rows (the Who is present table took 43 presses)."""
    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    counts: dict[str, int] = {}
    seen: set[int] = set()
    for where in each_case_tab(window):
        for table in window.findChildren(QTableView):
            if id(table) in seen or not table.isVisible() or table.model().rowCount() < 2:
                continue
            seen.add(id(table))
            name = table.accessibleName() or type(table).__name__
            counts[f"{name} ({where})"] = presses_to_pass(qtbot, table)
    assert len(counts) >= 8, sorted(counts)
    # Tables with too few rows to try (the dates offered) are set the same way.
    trapping = [t.accessibleName() for t in window.findChildren(QTableView) if t.tabKeyNavigation()]
    assert trapping == []
    assert [f"{k}: {v}" for k, v in counts.items() if v > 2] == []


def test_arrow_keys_move_between_the_cells_of_who_is_present(qtbot, demo_window):
    window = demo_window
    table = None
    for row in range(window.casebook.model.rowCount()):
        window.show_case(window.casebook.model.case_id(row))
        table = window.workspace.meeting.present
        if table.rowCount() >= 2:
            break
    assert table is not None and table.rowCount() >= 2
    window.workspace.tabs.setCurrentWidget(window.workspace.meeting)
    window.activateWindow()
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.waitUntil(lambda: table.hasFocus())
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert (table.currentRow(), table.currentColumn()) == (1, 2)


# -- British dates and times -------------------------------------------------------------------
def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Go to `widget` as a person would, replace what it shows with `text`, and Tab away."""
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: widget.hasFocus() or widget.isAncestorOf(QApplication.focusWidget()))
    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focus, text)
    qtbot.keyClick(focus, Qt.Key.Key_Tab)


@pytest.fixture
def contacts(window):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    preparation = window.workspace.preparation
    window.workspace.tabs.setCurrentWidget(preparation)
    editor = preparation.contacts
    editor.add_button.click()
    return editor


def test_a_contact_time_typed_the_british_way_is_stored_that_way(qtbot, window, contacts):
    """The mediator's report: '02/11/2026 10:15' became Tue 10 Nov 2026 22:15."""
    type_into(qtbot, contacts.widgets["when"], "02/11/2026 10:15")
    assert contacts.flush()
    stored = window.desk.contacts.list(contacts.case_id)[0]
    assert stored.when == dt.datetime(2026, 11, 2, 10, 15)
    assert contacts.table.item(0, 0).text() == "Mon 2 Nov 2026 10:15"


def test_an_afternoon_time_and_a_typed_month_name(qtbot, window, contacts):
    type_into(qtbot, contacts.widgets["when"], "3 Dec 2026 2.30pm")
    assert contacts.flush()
    assert window.desk.contacts.list(contacts.case_id)[0].when == dt.datetime(2026, 12, 3, 14, 30)


def test_an_impossible_contact_time_is_refused_with_its_reason(qtbot, window, contacts):
    type_into(qtbot, contacts.widgets["when"], "02/11/2026 10:15")
    assert contacts.flush()
    field = contacts.widgets["when"]
    type_into(qtbot, field, "31/02/2026 10:15")
    assert contacts.flush()
    assert window.desk.contacts.list(contacts.case_id)[0].when == dt.datetime(2026, 11, 2, 10, 15)
    assert field.hint.text() == "⚠ '31/02/2026' is not a real date"


def test_a_contact_time_cannot_be_left_empty(qtbot, window, contacts):
    type_into(qtbot, contacts.widgets["when"], "02/11/2026 10:15")
    field = contacts.widgets["when"]
    field.edit.clear()
    field.edit.editingFinished.emit()
    assert contacts.flush()
    assert window.desk.contacts.list(contacts.case_id)[0].when == dt.datetime(2026, 11, 2, 10, 15)
    assert field.hint.text() == "⚠ Type a date and time, like 2/11/2026 10:15"


def test_a_day_picked_from_the_calendar_keeps_the_time(qtbot, window, contacts):
    from PySide6.QtCore import QDate

    field = contacts.widgets["when"]
    type_into(qtbot, field, "02/11/2026 10:15")
    field._prepare_calendar()  # what opening the calendar does
    field.calendar.activated.emit(QDate(2026, 12, 1))
    assert contacts.flush()
    assert window.desk.contacts.list(contacts.case_id)[0].when == dt.datetime(2026, 12, 1, 10, 15)
    assert field.edit.text() == "01/12/2026 10:15"
    assert field.hint.text() == "Tue 1 Dec 2026 10:15"


@pytest.fixture
def preparation(window):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.preparation
    window.workspace.tabs.setCurrentWidget(tab)
    return tab


def test_meeting_times_typed_with_am_or_pm_or_a_dot_are_kept_as_24_hour(qtbot, window, preparation):
    type_into(qtbot, preparation.start_time, "9.30am")
    assert preparation.start_time.text() == "09:30"
    assert preparation.end_time.text() == "12:00"  # the usual length, 150 minutes
    type_into(qtbot, preparation.end_time, "1.15pm")
    assert window.workspace.flush()
    stored = window.desk.arrangements.get(preparation.case.id)
    assert (stored.start_time, stored.end_time) == ("09:30", "13:15")


def test_an_impossible_meeting_time_is_refused_and_changes_nothing(qtbot, window, preparation):
    type_into(qtbot, preparation.start_time, "10:00")
    assert window.workspace.flush()
    type_into(qtbot, preparation.start_time, "25:00")
    assert window.workspace.flush()
    assert window.desk.arrangements.get(preparation.case.id).start_time == "10:00"
    assert window.save_label.text() == (
        "Not saved: '25:00' is not a time of day; type it like 10:15 or 2.30pm"
    )


def test_a_time_offered_with_a_date_is_kept_as_24_hour(qtbot, window, preparation):
    dates = preparation.dates
    dates.add_button.click()
    type_into(qtbot, dates.widgets["start"], "2pm")
    assert dates.flush()
    assert window.desk.proposed_dates.list(preparation.case.id)[0].start == "14:00"
    assert dates.table.item(0, 1).text() == "14:00"


def test_arrival_times_in_who_is_present_are_kept_as_24_hour(qtbot, window):
    from mediator_desk.domain.preparation import Attendee, Role

    case = window.desk.create_case(make_case())
    window.desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    window.casebook.refresh()
    window.show_case(case.id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    table = meeting.present
    table.item(0, 2).setText("1.30pm")
    assert table.item(0, 2).text() == "13:30"
    assert window.desk.statement.presence(case.id)[0].arrived == "13:30"
    table.item(0, 3).setText("13:75")
    assert table.item(0, 3).text() == ""
    assert window.desk.statement.presence(case.id)[0].left == ""
    assert window.save_label.text() == (
        "Not saved: '13:75' is not a time of day; type it like 10:15 or 2.30pm"
    )
