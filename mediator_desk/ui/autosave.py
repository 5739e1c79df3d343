"""Autosave: edits are collected and written at most half a second after the first one, in one
short transaction. Typing without pause still saves twice a second, so a crash loses at most
the last half second of typing. A failed write keeps the edits and tries again."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from ..store.errors import CaseFileError

SAVE_AFTER_MS = 500
RETRY_AFTER_MS = 2000

_live: weakref.WeakSet[Autosaver] = weakref.WeakSet()


def live_autosavers() -> list[Autosaver]:
    """Every autosaver still alive, for the editing rule (ui/editing.py) to write them."""
    return [saver for saver in list(_live) if isValid(saver)]


class Autosaver(QObject):
    saved = Signal(object)  # datetime of the save
    failed = Signal(str)  # plain-English reason; the edits are kept and retried

    def __init__(
        self,
        save: Callable[[dict[str, Any]], None],
        parent: QObject | None = None,
        interval_ms: int = SAVE_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending: dict[str, Any] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        _live.add(self)

    @property
    def pending(self) -> dict[str, Any]:
        return dict(self._pending)

    def change(self, field: str, value: Any) -> None:
        self._pending[field] = value
        if not self._timer.isActive():  # not restarted: a steady typist is saved too
            self._timer.start()

    def flush(self) -> bool:
        """Write what is pending now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._pending:
            return True
        batch, self._pending = self._pending, {}
        try:
            self._save(batch)
        except CaseFileError as error:
            self._pending = batch | self._pending
            self._timer.start(RETRY_AFTER_MS)
            self.failed.emit(error.message)
            return False
        self.saved.emit(dt.datetime.now())
        return True

    def discard(self) -> None:
        self._timer.stop()
        self._pending.clear()


def autosaver_for(owner: QObject, save: Callable[[dict[str, Any]], None]) -> Autosaver:
    """An autosaver that reports through the owner's `saved` and `save_failed` signals."""
    saver = Autosaver(save, owner)
    saver.saved.connect(owner.saved)  # type: ignore[attr-defined]
    saver.failed.connect(owner.save_failed)  # type: ignore[attr-defined]
    return saver
