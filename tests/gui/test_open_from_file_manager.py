"""Opening a case file from the file manager: on Linux and Windows it is passed on the command
line (`mediator-desk PATH`, the .desktop file's %f, the installer's "%1"); on macOS the Finder
sends the running app a QFileOpenEvent. Either way the window opens that file as File ▸ Open
does: asking for an encrypted file's passphrase, refusing a file open in another copy, and
explaining a missing file or one that is not a case file, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from mediator_desk import app
from mediator_desk.cli import main
from mediator_desk.services import open_desk
from mediator_desk.ui.main_window import MainWindow
from mediator_desk.ui.settings import Settings
from tests.conftest import fixed_clock, fixed_today, make_case

PASSPHRASE = "kettle lantern orchard"
WAIT_MS = 30_000  # opening an encrypted file derives its key: seconds on a busy machine


@pytest.fixture
def launched(qtbot, tmp_path):
    """Start the window as `mediator-desk PATH` does, without entering the event loop."""
    windows: list[MainWindow] = []

    def start(path: Path, read_only: bool = False) -> MainWindow:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = app.launch(
            settings, open_file=str(path), read_only=read_only, automatic_backups=False
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:  # the check of a file just opened ends before the file is closed
        qtbot.waitUntil(lambda window=window: not window.casefile_check_running, timeout=WAIT_MS)
        window.close_casefile(force=True)


def casefile_with_a_case(path: Path, passphrase: str | None = None) -> Path:
    desk = open_desk(path, today=fixed_today, clock=fixed_clock, passphrase=passphrase)
    desk.create_case(make_case())
    desk.close()
    return path


def test_a_case_file_given_on_the_command_line_opens_in_the_window(qtbot, launched, tmp_path):
    path = casefile_with_a_case(tmp_path / "Tregothnan mediation.mdesk")
    window = launched(path)
    qtbot.waitUntil(
        lambda: window.desk is not None and not window.casefile_check_running, timeout=WAIT_MS
    )
    assert window.desk.path == path
    assert window.casebook.model.rowCount() == 1
    assert not window.desk.read_only


def test_an_encrypted_case_file_asks_for_its_passphrase(qtbot, launched, tmp_path):
    path = casefile_with_a_case(tmp_path / "locked away.mdesk", passphrase=PASSPHRASE)
    window = launched(path)
    qtbot.waitUntil(lambda: window.passphrase_dialog is not None, timeout=WAIT_MS)
    assert window.desk is None
    assert "Passphrase for locked away.mdesk" in window.passphrase_dialog.labelText()
    window.passphrase_dialog.setTextValue(PASSPHRASE)
    window.passphrase_dialog.accept()
    qtbot.waitUntil(
        lambda: window.desk is not None and not window.casefile_check_running, timeout=WAIT_MS
    )
    assert window.desk.path == path
    assert window.casebook.model.rowCount() == 1


def test_a_missing_case_file_is_explained_and_not_created(qtbot, launched, tmp_path):
    path = tmp_path / "moved away.mdesk"
    window = launched(path)
    qtbot.waitUntil(lambda: window.problem_box is not None, timeout=WAIT_MS)
    assert window.problem_box.text() == f"There is no case file at {path}."
    assert window.desk is None
    assert not path.exists()


def test_a_file_that_is_not_a_case_file_is_explained_and_left_alone(qtbot, launched, tmp_path):
    path = tmp_path / "shopping list.mdesk"
    path.write_text("Bread, milk, tea.\n" * 400, encoding="utf-8")
    before = path.read_bytes()
    window = launched(path)
    qtbot.waitUntil(
        lambda: window.problem_box is not None or window.passphrase_dialog is not None,
        timeout=WAIT_MS,
    )
    assert window.problem_box is not None
    assert window.problem_box.text().startswith(
        "shopping list.mdesk is not a Mediator Desk case file"
    )
    assert window.desk is None
    assert path.read_bytes() == before


def test_a_case_file_open_in_another_copy_is_offered_read_only(qtbot, launched, tmp_path):
    path = casefile_with_a_case(tmp_path / "busy.mdesk")
    other = open_desk(path, today=fixed_today, clock=fixed_clock)
    try:
        window = launched(path)
        qtbot.waitUntil(lambda: window.problem_box is not None, timeout=WAIT_MS)
        assert window.problem_box.text().startswith(
            "busy.mdesk is already open in another copy of Mediator Desk"
        )
        assert window.read_only_button is not None
        window.read_only_button.click()
        qtbot.waitUntil(
            lambda: window.desk is not None and not window.casefile_check_running, timeout=WAIT_MS
        )
        assert window.desk.read_only
    finally:
        other.close()


def test_the_finder_opening_a_case_file_opens_it_in_the_running_app(qtbot, launched, tmp_path):
    first = casefile_with_a_case(tmp_path / "first.mdesk")
    second = casefile_with_a_case(tmp_path / "second.mdesk")
    window = launched(first)
    qtbot.waitUntil(
        lambda: window.desk is not None and not window.casefile_check_running, timeout=WAIT_MS
    )
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(second)))
    qtbot.waitUntil(lambda: window.desk is not None and window.desk.path == second, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.casefile_check_running, timeout=WAIT_MS)
    assert window.casebook.model.rowCount() == 1


@pytest.mark.parametrize(
    ("argv", "read_only"),
    [
        (["{path}"], False),
        (["--read-only", "{path}"], True),
        (["gui", "{path}"], False),
        (["gui", "--read-only", "{path}"], True),
    ],
)
def test_the_command_line_passes_the_file_to_the_window(monkeypatch, tmp_path, argv, read_only):
    path = casefile_with_a_case(tmp_path / "from the file manager.mdesk")
    started: list[dict[str, object]] = []
    monkeypatch.setattr(app, "run_gui", lambda **given: started.append(given) or 0)
    assert main([part.format(path=path) for part in argv]) == 0
    assert started == [{"casefile": None, "read_only": read_only, "open_file": str(path)}]


def test_a_mistyped_command_is_still_refused(monkeypatch, capsys):
    monkeypatch.setattr(app, "run_gui", lambda **given: pytest.fail("the app started"))
    with pytest.raises(SystemExit) as exit:
        main(["casess"])
    assert exit.value.code == 2
    assert "invalid choice: 'casess'" in capsys.readouterr().err
