"""The meeting clock on the Meeting tab: started by the mediator when the meeting begins, it
shows the time run against the planned length and says plainly when the meeting is over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ....domain.meeting_time import read_clock
from ....domain.preferences import minutes_between
from ....services import Desk

TICK_MS = 15_000  # the reading is in minutes; four looks a minute keep it within 15 seconds


class MeetingClock(QWidget):
    def __init__(
        self, desk: Desk, now: Callable[[], dt.datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.now = now
        self.case_id: int | None = None
        self.planned: int | None = None
        self._started: dict[int, dt.datetime] = {}  # per case, for as long as the window is open
        self.label = QLabel()
        self.label.setAccessibleName("Meeting clock")
        self.button = QPushButton("Start the cloc&k")
        self.button.setToolTip("Start timing the meeting against its planned length")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)  # any room to spare goes to the left, never into the button
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self.button.clicked.connect(self.start)

    def show_case(self, case_id: int) -> None:
        """The case's planned length, from the start and end times in its arrangements."""
        self.case_id = case_id
        arrangements = self.desk.arrangements.get(case_id)
        self.planned = minutes_between(arrangements.start_time, arrangements.end_time)
        self.tick()

    @property
    def started(self) -> dt.datetime | None:
        return self._started.get(self.case_id) if self.case_id is not None else None

    def start(self) -> None:
        """Start (or start again, if the meeting was paused and resumed as a new session)."""
        if self.case_id is None:
            return
        self._started[self.case_id] = self.now().replace(second=0, microsecond=0)
        self.tick()

    def tick(self) -> None:
        reading = read_clock(self.started, self.now(), self.planned)
        self.label.setText(reading.text)
        font = QFont(self.label.font())
        font.setBold(reading.over_time)
        self.label.setFont(font)
        running = self.started is not None
        self.button.setText("Restart the cloc&k" if running else "Start the cloc&k")
        if running and not self._timer.isActive():
            self._timer.start()
        elif not running:
            self._timer.stop()
