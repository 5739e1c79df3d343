"""The date field: typed dates, the calendar (made only when first opened) and its hint."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from mediator_desk.ui.widgets.date_field import DateField


def test_typing_a_date_saves_it_and_shows_it_back(qtbot):
    field = DateField("Decision date")
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.date_changed) as changed:
        qtbot.keyClicks(field.edit, "3/4/2026")
    assert changed.args == [dt.date(2026, 4, 3)]
    assert field.hint.text() == "Fri 3 Apr 2026"


def test_the_calendar_is_made_on_first_use_and_picks_a_date(qtbot):
    field = DateField("Meeting date")
    qtbot.addWidget(field)
    assert field.calendar is None  # twenty date fields on a case cost nothing until used
    field.set_value(dt.date(2026, 11, 23))
    field.button.menu().aboutToShow.emit()
    assert field.calendar is not None
    assert field.calendar.selectedDate() == QDate(2026, 11, 23)
    assert len(field.button.menu().actions()) == 1
    with qtbot.waitSignal(field.date_changed) as changed:
        field.calendar.clicked.emit(QDate(2026, 12, 3))
    assert changed.args == [dt.date(2026, 12, 3)]
    assert field.edit.text() == "03/12/2026"
    field.button.menu().aboutToShow.emit()  # opened again: the same calendar
    assert len(field.button.menu().actions()) == 1


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # offscreen pop-ups
def test_alt_down_opens_the_calendar_from_the_keyboard(qtbot):
    from PySide6.QtCore import Qt, QTimer

    field = DateField("Meeting date")
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    qtbot.waitActive(field)
    field.edit.setFocus()
    opened = []

    def close_it():
        menu = field.button.menu()
        opened.append(menu.isVisible())
        menu.close()

    field.button.menu().aboutToShow.connect(lambda: QTimer.singleShot(100, close_it))
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    assert opened == [True]
    assert field.calendar is not None


def test_a_date_outside_1900_to_2199_is_explained_and_never_saved(qtbot):
    from PySide6.QtCore import Qt

    field = DateField("Date of birth")
    qtbot.addWidget(field)
    with qtbot.assertNotEmitted(field.date_changed):
        qtbot.keyClicks(field.edit, "31/12/9999")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert "is not between 1 January 1900 and 31 December 2199" in field.hint.text()
