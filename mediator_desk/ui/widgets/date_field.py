"""A date field a mediator can type into ('3/4/2026', '3 Apr 26') or pick from a calendar,
which may be left empty, and which shows the date back unambiguously ('Fri 3 Apr 2026'); and
the same for a date with a time ('2/11/2026 10:15', shown as 'Mon 2 Nov 2026 10:15')."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ...domain.dates import (
    parse_user_date,
    parse_user_datetime,
    parse_user_time,
    short_date,
    short_datetime,
)
from ..resources import icon


class DateField(QWidget):
    """Emits `date_changed(date | None)` whenever the typed or picked date changes."""

    date_changed = Signal(object)
    placeholder = "dd/mm/yyyy"
    example = "Type a date such as 3/4/2026 or 3 April 2026"
    widest = "00/00/00000"

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: Any = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.placeholder)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setToolTip(f"{self.example}, or press Alt+Down to pick one.")
        self.edit.setClearButtonEnabled(True)
        # Room for a whole date and the clear button, whatever the text size.
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance(self.widest) + 2 * metrics.height())
        self.button = QToolButton(self)
        self.button.setIcon(icon("calendar"))
        self.button.setText("Calendar")
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.button.setAccessibleName(f"Pick {accessible_name.lower()} from a calendar")
        self.button.setToolTip("Pick from a calendar")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar: QCalendarWidget | None = None  # made when first opened: it is costly
        menu = QMenu(self.button)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(menu)
        self.hint = QLabel(self)
        self.hint.setAccessibleName(f"{accessible_name} as understood")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.button)
        layout.addWidget(self.hint, 3)
        self.setFocusProxy(self.edit)
        self.edit.installEventFilter(self)  # Alt+Down opens the calendar, as in a combo box
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
            and self.button.isEnabled()
        ):
            QTimer.singleShot(0, self.button.showMenu)
            return True
        return super().eventFilter(watched, event)

    # What differs between a date and a date with a time.
    def parse(self, text: str, *, complete: bool) -> Any:
        """The value of `text` (None when empty); `complete` wants a four-digit year."""
        return parse_user_date(text, allow_short_year=not complete)

    def as_text(self, value: Any) -> str:
        return f"{value:%d/%m/%Y}"

    def as_hint(self, value: Any) -> str:
        return short_date(value)

    def picked(self, day: dt.date) -> Any:
        return day

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show a stored value without emitting date_changed."""
        self._value = value
        self.edit.setText(self.as_text(value) if value else "")
        self._show_hint(value, None)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def _typed(self, text: str) -> None:
        # While typing, save only a complete value with a four-digit year.
        try:
            value = self.parse(text, complete=True)
        except ValueError:
            return
        self._set(value)

    def _finished(self) -> None:
        try:
            value = self.parse(self.edit.text(), complete=False)
        except ValueError as error:
            self._show_hint(None, str(error))
            return
        self._set(value)
        if value is not None:
            self.edit.setText(self.as_text(value))

    def _pick(self, qdate: QDate) -> None:
        value = self.picked(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.edit.setText(self.as_text(value))
        self._set(value)

    def _prepare_calendar(self) -> None:
        if self.calendar is None:
            menu = self.button.menu()
            self.calendar = QCalendarWidget()
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.setGridVisible(True)
            action = QWidgetAction(menu)
            action.setDefaultWidget(self.calendar)
            menu.addAction(action)

            def pick(qdate: QDate) -> None:
                self._pick(qdate)
                menu.close()

            self.calendar.clicked.connect(pick)
            self.calendar.activated.connect(pick)
        shown = self._value or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _set(self, value: Any) -> None:
        self._show_hint(value, None)
        if value != self._value:
            self._value = value
            self.date_changed.emit(value)

    def _show_hint(self, value: Any, error: str | None) -> None:
        if error:
            self.hint.setText(f"⚠ {error}")
        else:
            self.hint.setText(self.as_hint(value) if value else "")


class DateTimeField(DateField):
    """A date and a time of day, typed day first ('2/11/2026 10:15', '2 Nov 2026 2.30pm') or
    picked from the calendar; it cannot be left empty. Emits `date_changed(datetime)`."""

    placeholder = "dd/mm/yyyy hh:mm"
    example = "Type a date and time such as 2/11/2026 10:15 or 2 Nov 2026 2.30pm"
    widest = "00/00/00000 00:000"

    def parse(self, text: str, *, complete: bool) -> Any:
        value = parse_user_datetime(text, allow_short_year=not complete)
        if value is None:
            raise ValueError("Type a date and time, like 2/11/2026 10:15")
        return value

    def as_text(self, value: Any) -> str:
        return f"{value:%d/%m/%Y %H:%M}"

    def as_hint(self, value: Any) -> str:
        return short_datetime(value)

    def picked(self, day: dt.date) -> Any:
        """A day from the calendar keeps the time already there."""
        time = self._value.time() if self._value else dt.time(9, 0)
        return dt.datetime.combine(day, time)


class TimeEdit(QLineEdit):
    """A time of day typed the British way ('14:30', '2.30pm', '9.15'), kept as 'HH:MM' so
    documents and invitations can read it; may be left empty. A time that is not one is
    refused with its reason and the stored time stays as it was."""

    time_changed = Signal(str)  # 'HH:MM', or '' when cleared
    refused = Signal(str)

    def __init__(self, accessible_name: str, placeholder: str = "10:00") -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setMaxLength(12)  # '12:30 p.m.' and a little room
        self.setToolTip("Type a time such as 10:15, 14:30 or 2.30pm")
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._finished)

    def _typed(self, text: str) -> None:
        # While typing, save only a whole time: '2.3' on the way to '2.30pm' is not one yet.
        try:
            value = parse_user_time(text)
        except ValueError:
            return
        self.time_changed.emit(f"{value:%H:%M}" if value else "")

    def _finished(self) -> None:
        if self.isReadOnly():
            return
        try:
            value = parse_user_time(self.text())
        except ValueError as error:
            self.refused.emit(str(error))
            return
        tidy = f"{value:%H:%M}" if value else ""
        if tidy != self.text():
            self.setText(tidy)
            self.time_changed.emit(tidy)
