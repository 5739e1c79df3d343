"""Typed settings over QSettings, with every key and default in one place. User preferences
and window state live apart (preferences/..., window/...)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, store: QSettings) -> None:
        self._store = store

    # -- case files --------------------------------------------------------------------------
    @property
    def recent_files(self) -> list[Path]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):  # QSettings returns a single-item list as a string
            value = [value]
        if not isinstance(value, list):  # nothing saved yet (None)
            return []
        return [Path(v) for v in value if isinstance(v, str) and v]

    def add_recent_file(self, path: Path) -> None:
        resolved = path.resolve()
        paths = [resolved, *(p for p in self.recent_files if p != resolved)][:MAX_RECENT]
        self._store.setValue("files/recent", [str(p) for p in paths])

    def remove_recent_file(self, path: Path) -> None:
        paths = [p for p in self.recent_files if p != path]
        self._store.setValue("files/recent", [str(p) for p in paths])

    @property
    def last_casefile(self) -> Path | None:
        recent = self.recent_files
        return recent[0] if recent else None

    # -- window state ------------------------------------------------------------------------
    def window_state(self, key: str) -> QByteArray | None:
        value = self._store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        self._store.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self._store.sync()
