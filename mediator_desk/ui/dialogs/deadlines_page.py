"""Settings ▸ Deadlines: when to flag a deadline as close, and bank holidays the calendar lacks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.calendar import CONFIRMED_THROUGH, WorkingCalendar
from ...domain.dates import long_date
from ...services import Desk
from ...store.errors import WorkStopped
from ..widgets.date_field import DateField
from ..widgets.fields import message_label, try_change
from ..worker import (
    Progress,
    failure_message,
    progress_dialog,
    run_with_progress,
    stop_when_asked,
)


class DeadlinesPage(QWidget):
    """Changes are saved as they are made; `changed` tells the window to recount."""

    changed = Signal()
    recount_running = Signal(bool)  # the dialog waits for it: its connection must too

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.recounting = False  # a change of bank holidays is being recounted on a worker
        self.progress: QProgressDialog | None = None
        self.warn_days = QSpinBox()
        self.warn_days.setRange(0, 30)
        self.warn_days.setSuffix(" working days")
        self.warn_days.setAccessibleName("Flag deadlines as due soon this many working days ahead")
        self.warn_days.setValue(desk.warn_days())
        self.warn_days.valueChanged.connect(self._warn_changed)

        self.extra = QListWidget()
        self.extra.setAccessibleName("Bank holidays added by hand")
        self.extra.setMaximumHeight(110)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self._remove)
        self.new_day = DateField("New bank holiday date")
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("New bank holiday name")
        self.new_name.setPlaceholderText("Name, e.g. Bank holiday for a royal occasion")
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self._add)
        self.message = message_label("Message")

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(desk.today().year)
        self.year.setAccessibleName("Year to list bank holidays for")
        self.year.valueChanged.connect(self._show_year)
        self.known = QListWidget()
        self.known.setAccessibleName("Bank holidays in the chosen year")
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)

        flags = QGroupBox("Warnings")
        flags_form = QFormLayout(flags)
        flags_form.addRow("Flag a deadline as &due soon:", self.warn_days)
        added = QGroupBox("Bank holidays added by hand")
        added_layout = QVBoxLayout(added)
        intro = QLabel(
            "Add a one-off bank holiday announced after this version of Mediator Desk was "
            "released (for example for a coronation or a state funeral). Every deadline in "
            "this case file is recounted with it."
        )
        intro.setWordWrap(True)
        added_layout.addWidget(intro)
        added_layout.addWidget(self.extra)
        new_form = QFormLayout()
        new_form.addRow("Da&te:", self.new_day)
        new_form.addRow("&Name:", self.new_name)
        new_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        added_layout.addLayout(new_form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        added_layout.addLayout(row)
        added_layout.addWidget(self.message)
        known_box = QGroupBox("Bank holidays in England and Wales")
        known_layout = QVBoxLayout(known_box)
        year_row = QFormLayout()
        year_row.addRow("&Year:", self.year)
        known_layout.addLayout(year_row)
        known_layout.addWidget(self.coverage)
        known_layout.addWidget(self.known)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(flags)
        layout.addWidget(added)
        layout.addWidget(known_box)
        read_only = desk.read_only
        for widget in (
            self.warn_days,
            self.add_button,
            self.remove_button,
            self.new_name,
        ):
            widget.setEnabled(not read_only)
        self.new_day.setReadOnly(read_only)
        self._reload()

    def _reload(self) -> None:
        self.extra.clear()
        for day, name in self.desk.extra_holidays():
            item = QListWidgetItem(f"{long_date(day)}: {name}")
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.extra.addItem(item)
        self._show_year()

    def _show_year(self) -> None:
        year = self.year.value()
        calendar = self.desk.calendar()
        self.known.clear()
        for day, name in calendar.holidays_in(year):
            self.known.addItem(f"{long_date(day)}: {name}")
        if WorkingCalendar.is_confirmed(year):
            self.coverage.setText(f"Published dates for {year}.")
        else:
            self.coverage.setText(
                f"⚠ Bank holidays after {CONFIRMED_THROUGH} are not yet published: these follow "
                "the usual pattern. Check gov.uk/bank-holidays when they are announced."
            )

    def _warn_changed(self, value: int) -> None:
        if try_change(self.message, lambda: self.desk.set_warn_days(value)):
            self.changed.emit()

    def _add(self) -> None:
        day = self.new_day.value()
        if day is None:
            self.message.setText("✖ Enter the date of the bank holiday.")
            return
        name = self.new_name.text()

        def added() -> None:
            self.new_day.set_value(None)
            self.new_name.clear()

        self._recount(
            lambda progress: self.desk.set_extra_holiday(day, name, progress, progress.cancelled),
            f"Added {long_date(day)}. Deadlines have been recounted.",
            added,
        )

    def _remove(self) -> None:
        item = self.extra.currentItem()
        if item is None:
            self.message.setText("Choose a bank holiday in the list to remove.")
            return
        day = item.data(Qt.ItemDataRole.UserRole)
        self._recount(
            lambda progress: self.desk.set_extra_holiday(day, None, progress, progress.cancelled),
            f"Removed {long_date(day)}. Deadlines have been recounted.",
        )

    def _recount(
        self,
        change: Callable[[Progress], object],
        done: str,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Change the bank holidays and recount every case's deadlines on a worker thread
        (through a connection of its own), behind a progress dialog; the buttons wait for it."""
        if self.recounting:
            return
        if not try_change(self.message, self.desk.refuse_if_read_only):  # on this thread
            return
        self.recounting = True
        self.recount_running.emit(True)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(False)
        self.message.setText("Recounting every case's deadlines…")
        dialog = progress_dialog(
            self.window(), "Bank holidays", "Recounting every case's deadlines…", stop="Stop"
        )
        self.progress = dialog

        def progressed(count: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(count)

        def ended(error: BaseException | None) -> None:
            self.recounting = False
            self.recount_running.emit(False)
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            self.progress = None
            for button in (self.add_button, self.remove_button):
                button.setEnabled(not self.desk.read_only)
            if isinstance(error, WorkStopped):  # Stop: nothing changed, the fields kept
                self.message.setText(error.message)
                self._reload()
                return
            if error is not None:
                self.message.setText(f"✖ {failure_message(error)}")
                return
            self.message.setText(done)
            if then is not None:
                then()
            self._reload()
            self.changed.emit()

        progress = run_with_progress(change, progressed, lambda _result: ended(None), ended, self)

        stop_when_asked(dialog, progress, "Stopping…")  # until the recount is rolled back
