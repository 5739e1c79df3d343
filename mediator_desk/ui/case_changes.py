"""The case file's change notifications as one Qt signal: each case that was written is
announced once per turn of the event loop, however many writes a click or a save made."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..services.changes import CaseChanges


class CaseChangeSignal(QObject):
    """`case_changed(case_id)` after writes to that case, coalesced; every view of a case
    listens to this one signal and reads what it shows from the case file."""

    case_changed = Signal(int)

    def __init__(self, changes: CaseChanges, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[int, None] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.announce)
        self._unsubscribe = changes.subscribe(self._heard)

    def _heard(self, case_id: int) -> None:
        self._pending.setdefault(case_id, None)
        if not self._timer.isActive():
            self._timer.start()

    def announce(self) -> None:
        """Tell the views now (also what the timer does on the next turn of the loop)."""
        self._timer.stop()
        pending, self._pending = list(self._pending), {}
        for case_id in pending:
            self.case_changed.emit(case_id)

    def stop(self) -> None:
        """No more notifications (the case file is closing)."""
        self._unsubscribe()
        self._timer.stop()
        self._pending.clear()
