"""A date field a mediator can type into ('3/4/2026', '3 Apr 26') or pick from a calendar,
which may be left empty, and which shows the date back unambiguously ('Fri 3 Apr 2026')."""

from __future__ import annotations

import datetime as dt

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

from ...domain.dates import parse_user_date, short_date
from ..resources import icon


class DateField(QWidget):
    """Emits `date_changed(date | None)` whenever the typed or picked date changes."""

    date_changed = Signal(object)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: dt.date | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("dd/mm/yyyy")
        self.edit.setAccessibleName(accessible_name)
        self.edit.setToolTip(
            "Type a date such as 3/4/2026 or 3 April 2026, or press Alt+Down to pick one."
        )
        self.edit.setClearButtonEnabled(True)
        # Room for a whole date and the clear button, whatever the text size.
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance("00/00/00000") + 2 * metrics.height())
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

    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        """Show a stored date without emitting date_changed."""
        self._value = value
        self.edit.setText(value.strftime("%d/%m/%Y") if value else "")
        self._show_hint(value, None)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def _typed(self, text: str) -> None:
        # While typing, save only a complete date with a four-digit year.
        try:
            value = parse_user_date(text, allow_short_year=False)
        except ValueError:
            return
        self._set(value)

    def _finished(self) -> None:
        try:
            value = parse_user_date(self.edit.text())
        except ValueError as error:
            self._show_hint(None, str(error))
            return
        self._set(value)
        if value is not None:
            self.edit.setText(value.strftime("%d/%m/%Y"))

    def _pick(self, qdate: QDate) -> None:
        value = dt.date(qdate.year(), qdate.month(), qdate.day())
        self.edit.setText(value.strftime("%d/%m/%Y"))
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
            self.calendar.clicked.connect(lambda qdate: (self._pick(qdate), menu.close()))
            self.calendar.activated.connect(lambda qdate: (self._pick(qdate), menu.close()))
        shown = self._value or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _set(self, value: dt.date | None) -> None:
        self._show_hint(value, None)
        if value != self._value:
            self._value = value
            self.date_changed.emit(value)

    def _show_hint(self, value: dt.date | None, error: str | None) -> None:
        if error:
            self.hint.setText(f"⚠ {error}")
        else:
            self.hint.setText(short_date(value) if value else "")
