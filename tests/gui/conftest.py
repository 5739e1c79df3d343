from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mediator_desk.services import open_desk
from mediator_desk.ui.main_window import MainWindow
from mediator_desk.ui.settings import Settings
from tests.conftest import fixed_clock, fixed_today


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, settings):
    """Build a main window on `settings` with the fixed date and clock."""

    def build(automatic_backups: bool = False) -> MainWindow:
        window = MainWindow(
            settings,
            today=fixed_today,
            opener=functools.partial(open_desk, clock=fixed_clock),
            automatic_backups=automatic_backups,
        )
        qtbot.addWidget(window)
        window.show()
        return window

    return build


@pytest.fixture
def window(qtbot, make_window, casefile_path):
    """A window with a case file open, once its case tabs are built (in steps, just after
    the file opens), as a person finds it."""
    window = make_window()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: window.workspace is not None)
    yield window
    window.close_casefile()
