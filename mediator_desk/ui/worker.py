"""Run slow work (rendering and writing documents) off the GUI thread and hear back on it.

Only pure work goes to the worker: anything that touches the case file is done on the GUI
thread before or after, so the one connection is never shared between threads. Work started
for an `owner` (a window) reports to it only while it exists: its callbacks die with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread: the worker's signals reach its slots there (queued)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_error: Callable[[BaseException], None] | None = on_error
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)
        if owner is not None:
            owner.destroyed.connect(self._forget)

    @Slot()
    def _forget(self) -> None:
        """The owner is gone: whatever the work returns is dropped."""
        self._on_done = self._on_error = None

    @Slot(object)
    def _deliver_done(self, value: Any) -> None:
        _running.discard(self)
        if self._on_done is not None:
            self._on_done(value)

    @Slot(object)
    def _deliver_failed(self, error: Any) -> None:
        _running.discard(self)
        if self._on_error is not None:
            self._on_error(error)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:
            self.relay.failed.emit(error)
            return
        self.relay.done.emit(result)


_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    relay = _Relay(on_done, on_error, owner)
    _running.add(relay)  # kept alive until it reports
    QThreadPool.globalInstance().start(_Task(work, relay))


def failure_message(error: BaseException) -> str:
    """What failed background work says to the user: a CaseFileError's own plain message, or
    else the error's text, so every caller words it the same way."""
    return getattr(error, "message", None) or str(error)
