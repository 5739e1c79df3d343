"""The first run, from an empty data folder: welcome, an encrypted case file with the
mediator's details, demo cases if wanted; the next start opens the same file."""

from __future__ import annotations

import io
import stat

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from mediator_desk.services import default_casefile_path


def is_encrypted_file(path):
    return not path.read_bytes().startswith(b"SQLite format 3\x00")


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def test_first_run_walk_through(qtbot, make_window, tmp_path):
    default = default_casefile_path()
    assert str(default).startswith(str(tmp_path))  # the tests' own, empty data folder
    assert not default.exists()
    window = make_window()
    window.start(None)
    wizard = window.welcome
    assert wizard is not None and wizard.isVisible()
    assert wizard.currentPage() is wizard.intro
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)

    page = wizard.casefile
    assert wizard.currentPage() is page
    assert page.location.text() == str(default)
    qtbot.keyClicks(page.first, "short")
    assert "Too short" in page.hint.text()
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page  # refused
    assert "at least 8" in page.problem.text()
    page.first.clear()
    qtbot.keyClicks(page.first, "kettle lantern orchard")
    qtbot.keyClicks(page.second, "kettle lantern orchid")
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert "not the same" in page.problem.text()
    page.second.clear()
    qtbot.keyClicks(page.second, "kettle lantern orchard")
    assert page.hint.text() == "Strong."  # 22 characters
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)

    about = wizard.about
    assert wizard.currentPage() is about
    qtbot.keyClicks(about.edits["mediator"], "Alex Mercer")
    qtbot.keyClicks(about.edits["name"], "Brackenfold SEND Mediation Service")
    logo = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (90, 40), (20, 110, 110)).save(buffer, "PNG")
    logo.write_bytes(buffer.getvalue())
    assert about.load_logo(logo)
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)

    assert wizard.currentPage() is wizard.ready
    assert not default.exists()  # nothing is written before Finish
    wizard.ready.demo.setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    assert default.exists() and is_encrypted_file(default)
    assert stat.S_IMODE(default.stat().st_mode) == 0o600  # for the owner only
    desk = window.desk
    assert desk is not None and desk.path == default
    assert desk.documents.service().mediator == "Alex Mercer"
    assert desk.documents.service().name == "Brackenfold SEND Mediation Service"
    assert desk.documents.logo() == logo.read_bytes()
    assert desk.count() == 7
    assert window.casebook.model.rowCount() == 7
    assert "demo" in window.save_label.text()
    window.close()

    # The next start opens the same file: it asks for its passphrase, not for a welcome.
    again = make_window()
    again.start(window.settings.last_casefile)
    assert again.welcome is None
    assert "Passphrase for casebook.mdesk" in again.passphrase_dialog.labelText()
    again.passphrase_dialog.setTextValue("kettle lantern orchard")
    again.passphrase_dialog.accept()
    assert again.desk is not None and again.desk.count() == 7
    again.close()


def test_first_run_without_encryption_and_without_demo_cases(qtbot, make_window, tmp_path):
    window = make_window()
    window.start(None)
    wizard = window.welcome
    wizard.next()
    chosen = tmp_path / "Work" / "my cases"
    wizard.casefile.location.setText(str(chosen))
    wizard.casefile.plain.setChecked(True)
    assert not wizard.casefile.first.isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.about
    wizard.next()
    wizard.accept()
    path = tmp_path / "Work" / "my cases.mdesk"  # the suffix is added
    assert window.desk.path == path and not is_encrypted_file(path)
    assert window.desk.count() == 0
    assert window.placeholder.demo_button.isVisible()  # the demo cases are still offered
    window.close()


def test_cancelling_the_welcome_writes_nothing(qtbot, make_window):
    window = make_window()
    window.start(None)
    window.welcome.reject()
    assert window.desk is None
    assert not default_casefile_path().exists()
    assert "No case file is open" in window.placeholder.message.text()


def test_an_existing_file_is_not_overwritten(qtbot, make_window, casefile_path):
    first = make_window()
    assert first.open_casefile(casefile_path)
    first.close_casefile()
    window = make_window()
    window.show_welcome()
    wizard = window.welcome
    wizard.next()
    wizard.casefile.location.setText(str(casefile_path))
    wizard.casefile.plain.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.casefile
    assert "already exists" in wizard.casefile.problem.text()
    wizard.reject()


def test_a_later_start_skips_the_welcome(qtbot, make_window):
    default = default_casefile_path()
    first = make_window()
    assert first.open_casefile(None)  # the default case file now exists
    first.close_casefile()
    window = make_window()
    window.start(None)
    assert window.welcome is None
    assert window.desk is not None and window.desk.path == default
    window.close_casefile()


def test_a_passphrase_of_spaces_is_refused_by_the_welcome(qtbot, make_window):
    window = make_window()
    window.start(None)
    wizard = window.welcome
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    page = wizard.casefile
    qtbot.keyClicks(page.first, " " * 10)
    qtbot.keyClicks(page.second, " " * 10)
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page  # refused
    assert page.problem.text() == "✖ Use a passphrase that is not only spaces."
    assert not default_casefile_path().exists()
