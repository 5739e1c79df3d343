"""Run slow work (rendering and writing documents) off the GUI thread and hear back on it.

Only pure work goes to the worker: anything that touches the case file is done on the GUI
thread before or after, so the one connection is never shared between threads. Work started
for an `owner` (a window) reports to it only while it exists: its callbacks die with it."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

PROGRESS_EVERY_S = 0.1  # at most ten reports a second reach the window
_long_work = 0  # long work running (see collector_waiting)
_long_work_lock = threading.Lock()
_long_work_collected: list[bool] = []  # whether the collector ran before it began


class _Relay(QObject):
    """Lives on the GUI thread: the worker's signals reach its slots there (queued)."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        owner: QObject | None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        super().__init__()
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_error: Callable[[BaseException], None] | None = on_error
        self._on_progress = on_progress
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)
        self.progress.connect(self._deliver_progress)
        if owner is not None:
            owner.destroyed.connect(self._forget)

    @Slot()
    def _forget(self) -> None:
        """The owner is gone: whatever the work returns is dropped."""
        self._on_done = self._on_error = None
        self._on_progress = None

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)

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
    _start(work, _Relay(on_done, on_error, owner))


def _start(work: Callable[[], Any], relay: _Relay) -> None:
    _running.add(relay)  # kept alive until it reports
    QThreadPool.globalInstance().start(_Task(work, relay))


class Progress:
    """Handed to long work on the worker thread: it reports how far it has got (heard on the
    GUI thread) and asks whether the mediator has stopped it."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._stop = threading.Event()
        self._said = float("-inf")  # when the window last heard

    def __call__(self, done: int, total: int) -> None:
        """Told to the window at most once in PROGRESS_EVERY_S, and always at the end: each
        report is a label laid out again on the GUI thread (erasing reported every case)."""
        now = time.monotonic()
        if done < total and now - self._said < PROGRESS_EVERY_S:
            return
        self._said = now
        self._relay.progress.emit(done, total)

    def cancel(self) -> None:
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()


def run_with_progress(
    work: Callable[[Progress], Any],
    on_progress: Callable[[int, int], None],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> Progress:
    """Like run_in_background, for work that reports progress and may be stopped: the
    returned Progress is the GUI's handle to stop it (the work decides where it can stop)."""
    relay = _Relay(on_done, on_error, owner, on_progress)
    progress = Progress(relay)
    _start(lambda: collector_waiting(lambda: work(progress)), relay)
    return progress


def collector_waiting(work: Callable[[], Any]) -> Any:
    """Run long work with the cyclic garbage collector waiting until it ends. A collection
    holds the interpreter's lock, and one that looks at every object alive (the casebook's
    included) held the window for 88 ms to 0.4 s while 39,570 cases were erased. Leaving out
    what was alive at the start (gc.freeze) is no cure: a full pass then comes every few
    tens of thousands of new objects, and the check of a file as it opens, which reads every
    seal and audit entry, held the window for 0.9 s. Nearly everything such work makes is
    freed as it goes by reference counting; the collector resumes when the outermost long
    work ends, and collects the rest in its usual course."""
    global _long_work
    with _long_work_lock:
        _long_work += 1
        if _long_work == 1:
            _long_work_collected.append(gc.isenabled())
            gc.disable()
    try:
        return work()
    finally:
        with _long_work_lock:
            _long_work -= 1
            if _long_work == 0 and _long_work_collected.pop():
                gc.enable()


def progress_dialog(
    parent: QWidget, title: str, label: str, stop: str | None = None
) -> QProgressDialog:
    """The window-modal dialog over long work: shown only if the work takes over 300 ms, with
    a Stop button only when the work can stop."""
    dialog = QProgressDialog(label, stop or "", 0, 0, parent)
    if stop is None:
        dialog.setCancelButton(None)  # none: the work cannot be stopped
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def stop_when_asked(dialog: QProgressDialog, progress: Progress, stopping: str) -> None:
    """Stop (or Escape) on `dialog` asks the work to stop; the dialog stays up, its Stop
    greyed and saying `stopping`, until the work has ended (the case file is not to be touched
    meanwhile)."""

    def stop() -> None:
        progress.cancel()
        button = dialog.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)
        dialog.setLabelText(stopping)
        dialog.show()

    dialog.canceled.connect(stop)
    dialog.rejected.connect(stop)  # Escape


def failure_message(error: BaseException) -> str:
    """What failed background work says to the user: a CaseFileError's own plain message, or
    else the error's text, so every caller words it the same way."""
    return getattr(error, "message", None) or str(error)
