"""Settings (Ctrl+,): each page saves as it changes, and the defaults reach the case tabs."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import Qt, QUrl

from mediator_desk.ui.guide import GuideWindow
from tests.conftest import make_case


def open_settings(qtbot, window):
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_settings_shortcut_and_pages(qtbot, window):
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    dialog = open_settings(qtbot, window)
    titles = [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
    assert titles == [
        "Mediator and service",
        "Meetings",
        "Deadlines",
        "Records and backups",
        "Documents",
        "Phrases",
        "Spelling",
    ]
    dialog.page_list.setFocus()
    qtbot.keyClick(dialog.page_list, Qt.Key.Key_Down)
    assert dialog.pages.currentIndex() == 1
    window.show_settings("records")  # a second request raises the same dialog
    assert window.settings_dialog is dialog
    assert dialog.pages.currentIndex() == 3
    dialog.reject()
    assert window.settings_dialog is None


def test_usual_meeting_length_fills_the_end_time(qtbot, window):
    case = window.desk.create_case(make_case())
    dialog = open_settings(qtbot, window)
    dialog.meetings.length.setValue(120)
    assert "Saved" in dialog.meetings.message.text()
    dialog.meetings.platform.setCurrentText("Zoom")
    dialog.reject()  # keeps the platform typed without leaving the field
    assert window.desk.preferences().meeting_minutes == 120
    assert window.desk.preferences().platform == "Zoom"

    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.preparation
    window.workspace.tabs.setCurrentWidget(tab)
    tab.start_time.setFocus()
    qtbot.keyClicks(tab.start_time, "10:30")
    qtbot.keyClick(tab.start_time, Qt.Key.Key_Tab)
    assert tab.end_time.text() == "12:30"
    assert window.workspace.flush()
    assert window.desk.arrangements.get(case.id).end_time == "12:30"
    # An end time already entered is never replaced.
    tab.start_time.setFocus()
    tab.start_time.selectAll()
    qtbot.keyClicks(tab.start_time, "09:00")
    qtbot.keyClick(tab.start_time, Qt.Key.Key_Tab)
    assert tab.end_time.text() == "12:30"
    # A case created after the platform was set starts with it.
    second = window.desk.create_case(make_case(child_name="Tomos Pennant"))
    assert window.desk.arrangements.get(second.id).platform == "Zoom"


def test_document_defaults_reach_the_documents_tab(qtbot, window, tmp_path):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    dialog = open_settings(qtbot, window)
    page = dialog.documents
    page.format.setCurrentIndex(page.format.findData("docx"))
    page.folder.setText(str(tmp_path / "nowhere"))
    page.folder.editingFinished.emit()
    assert "does not exist" in page.message.text()
    assert window.desk.preferences().document_folder == ""
    page.folder.setText(str(tmp_path))
    page.folder.editingFinished.emit()
    page.open_after.setChecked(True)
    dialog.reject()
    tab = window.workspace.documents
    assert tab.format.currentData() == ("docx",)
    assert tab.folder.text() == str(tmp_path)
    assert tab.open_after.isChecked()


def test_records_page_backups_and_retention(qtbot, window, tmp_path):
    dialog = open_settings(qtbot, window)
    page = dialog.records
    page.retention.setValue(7)
    page.backup_keep.setValue(5)
    page.backup_folder.setText(str(tmp_path / "Safe copies"))
    page.backup_folder.editingFinished.emit()
    dialog.reject()
    desk = window.desk
    assert (desk.retention_years(), desk.backup_keep()) == (7, 5)
    assert desk.backup_folder() == tmp_path / "Safe copies"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (20, 110, 110)).save(buffer, "PNG")
    return buffer.getvalue()


def test_letterhead_logo_chosen_and_removed(qtbot, window, tmp_path):
    dialog = open_settings(qtbot, window)
    page = dialog.service
    assert page.logo_preview.text() == "No logo"
    assert not page.remove_logo_button.isEnabled()
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    assert page.load_logo(logo)
    assert window.desk.documents.logo() == logo.read_bytes()
    assert page.logo_preview.pixmap() is not None and not page.logo_preview.pixmap().isNull()
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture", encoding="utf-8")
    assert not page.load_logo(fake)
    assert page.message.text().startswith("✖")
    assert window.desk.documents.logo() == logo.read_bytes()  # the old logo is kept
    qtbot.mouseClick(page.remove_logo_button, Qt.MouseButton.LeftButton)
    assert window.desk.documents.logo() is None
    assert page.logo_preview.text() == "No logo"


def test_settings_on_a_read_only_file_cannot_change(qtbot, make_window, casefile_path):
    first = make_window()
    assert first.open_casefile(casefile_path)
    first.close_casefile()
    window = make_window()
    assert window.open_casefile(casefile_path, read_only=True, create=False)
    dialog = open_settings(qtbot, window)
    assert "read-only" in dialog.windowTitle()
    assert not dialog.meetings.length.isEnabled()
    assert dialog.service.edits["name"].isReadOnly()
    assert not dialog.service.choose_logo_button.isEnabled()
    assert not dialog.records.retention.isEnabled()
    dialog.reject()
    window.close_casefile()


def test_user_guide_window_follows_links(qtbot, tmp_path):
    (tmp_path / "index.md").write_text(
        "# Guide\n\nSee [the meeting](the-meeting.md).\n", encoding="utf-8"
    )
    (tmp_path / "the-meeting.md").write_text("# The meeting\n\nPress F5.\n", encoding="utf-8")
    guide = GuideWindow(tmp_path)
    qtbot.addWidget(guide)
    assert "Guide" in guide.browser.toPlainText()
    guide.browser.anchorClicked.emit(QUrl("the-meeting.md"))
    assert "Press F5" in guide.browser.toPlainText()
    assert guide.back_button.isEnabled()
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert "See the meeting" in guide.browser.toPlainText()
    guide.browser.anchorClicked.emit(QUrl("missing.md"))  # a broken link changes nothing
    assert "See the meeting" in guide.browser.toPlainText()


def test_help_menu_opens_the_guide(qtbot, window):
    assert window.guide_action.shortcut().toString() == "F1"
    window.guide_action.trigger()
    guide = window.guide_window
    qtbot.addWidget(guide)
    assert guide.isVisible()
    assert guide.browser.toPlainText().strip()
    window.guide_action.trigger()
    assert window.guide_window is guide


def test_a_missing_or_huge_logo_file_is_explained(qtbot, window, tmp_path):
    window.show_settings()
    page = window.settings_dialog.service
    assert not page.load_logo(tmp_path / "gone.png")
    assert "could not be read" in page.message.text()
    huge = tmp_path / "huge.png"
    with huge.open("wb") as handle:  # sparse: 6 MB on paper, nothing on disk
        handle.truncate(6 * 1024 * 1024)
    assert not page.load_logo(huge)
    assert "too large" in page.message.text()
    assert window.desk.documents.logo() is None
    window.settings_dialog.reject()
