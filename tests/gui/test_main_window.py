"""The main window driven as a mediator would: real widgets, keyboard and mouse."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from mediator_desk.domain.case import CaseStatus, DecisionKind
from mediator_desk.store.casefile import open_casefile
from mediator_desk.ui.editing import write_pending
from tests.conftest import make_case, sha256_of


def casebook_names(window) -> list[str]:
    model = window.casebook.model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def test_an_empty_case_file_offers_the_demo_cases(qtbot, window):
    placeholder = window.placeholder
    assert window.right.currentWidget() is placeholder
    assert "no cases yet" in placeholder.message.text()
    assert placeholder.demo_button.isVisible()
    assert "No cases yet" in window.casebook.empty_label.text()
    qtbot.mouseClick(placeholder.demo_button, Qt.MouseButton.LeftButton)
    assert len(casebook_names(window)) == 7
    assert "Siân Llewelyn" in casebook_names(window)
    assert not placeholder.demo_button.isVisible()
    assert "Choose a case" in placeholder.message.text()
    assert "Added 7 fictional demo cases" in window.save_label.text()


def test_create_a_case_through_the_dialog(qtbot, window):
    window.new_case_action.trigger()
    dialog = window.new_case_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # nothing filled in yet
    assert dialog.isVisible()
    assert "Enter the name of the child" in dialog.errors.text()
    assert window.desk.count() == 0

    qtbot.keyClicks(dialog.child_name, "Eira Pendragon")
    qtbot.keyClicks(dialog.child_dob.edit, "14/02/2016")
    qtbot.keyClicks(dialog.local_authority, "Fernleigh County Council")
    dialog.decision_kind.setCurrentIndex(dialog.decision_kind.findData(DecisionKind.NOT_TO_ASSESS))
    qtbot.keyClicks(dialog.decision_date.edit, "2/11/2026")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    case = window.desk.case_by_reference("MD-2026-0001")
    assert case.child_name == "Eira Pendragon"
    assert case.child_dob == dt.date(2016, 2, 14)
    assert case.decision_date == dt.date(2026, 11, 2)
    assert window.right.currentWidget() is window.workspace
    assert "MD-2026-0001" in window.workspace.heading.text()
    assert window.casebook.current_case_id() == case.id


def test_edit_the_overview_and_it_saves_itself(qtbot, window):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    overview = window.workspace.overview
    overview.notes.setFocus()
    qtbot.keyClicks(overview.notes, " Pre-meeting call booked.")
    overview.child_known_as.setFocus()
    qtbot.keyClicks(overview.child_known_as, "Wenna")
    overview.status.setCurrentIndex(overview.status.findData(CaseStatus.REQUESTED))
    qtbot.waitUntil(lambda: window.desk.case(case.id).child_known_as == "Wenna", timeout=2000)
    stored = window.desk.case(case.id)
    assert stored.notes == "Fictional case for tests. Pre-meeting call booked."
    assert stored.status is CaseStatus.REQUESTED
    assert window.save_label.text().startswith("All changes saved at")
    # The heading and the casebook follow the change notification, a turn of the event loop
    # after the save.
    qtbot.waitUntil(lambda: "Lowenna Tregothnan (Wenna)" in window.workspace.heading.text())
    qtbot.waitUntil(lambda: window.casebook.model.index(0, 3).data() == "Meeting requested")


def test_undo_in_the_notes(qtbot, window):
    case = window.desk.create_case(make_case(notes=""))
    window.casebook.refresh()
    window.show_case(case.id)
    notes = window.workspace.overview.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Typed by mistake")
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == ""
    qtbot.waitUntil(lambda: not window.workspace.overview.autosaver.pending, timeout=2000)
    assert window.desk.case(case.id).notes == ""


def test_dates_typed_in_british_order(qtbot, window):
    case = window.desk.create_case(make_case(meeting_date=None))
    window.casebook.refresh()
    window.show_case(case.id)
    meeting = window.workspace.overview.meeting_date
    meeting.edit.setFocus()
    qtbot.keyClicks(meeting.edit, "3/12/2026")
    assert meeting.hint.text() == "Thu 3 Dec 2026"
    qtbot.waitUntil(lambda: window.desk.case(case.id).meeting_date == dt.date(2026, 12, 3))
    meeting.edit.clear()
    qtbot.keyClicks(meeting.edit, "31/2/2026")
    qtbot.keyClick(meeting.edit, Qt.Key.Key_Return)
    assert "not a real date" in meeting.hint.text()
    window.workspace.flush()
    assert window.desk.case(case.id).meeting_date == dt.date(2026, 12, 3)


def test_search_the_casebook_as_you_type(qtbot, window):
    window.desk.load_demo_cases()
    window.casebook.refresh()
    qtbot.keyClicks(window.casebook.search_box, "wis")
    qtbot.waitUntil(lambda: casebook_names(window) == ["Zofia Wiśniewska"], timeout=2000)
    window.casebook.search_box.clear()
    qtbot.keyClicks(window.casebook.search_box, "brackenshire")
    qtbot.waitUntil(
        lambda: sorted(casebook_names(window)) == ["Ayaan Qureshi", "Oliver Pemberton-Hale"],
        timeout=2000,
    )
    window.casebook.search_box.clear()
    qtbot.keyClicks(window.casebook.search_box, "xyzzy")
    qtbot.waitUntil(lambda: "No cases match “xyzzy”" in window.casebook.empty_label.text())


def test_reopen_the_file_and_find_the_edits(qtbot, make_window, casefile_path, settings):
    first = make_window()
    first.open_casefile(casefile_path)
    case = first.desk.create_case(make_case())
    first.casebook.refresh()
    first.show_case(case.id)
    overview = first.workspace.overview
    # Non-ASCII text is set, not typed; textEdited is what typing would emit.
    overview.child_name.setText("Gwenllïan Ó Súilleabháin")
    overview.child_name.textEdited.emit("Gwenllïan Ó Súilleabháin")
    overview.notes.setPlainText("Rozmowa z panią Wiśniewską. مرحبا. خوش آمدید")
    first.resize(760, 560)  # within the offscreen screen
    first.close()  # saves what is pending, remembers the window
    assert settings.recent_files[0] == casefile_path.resolve()

    second = make_window()
    assert (second.width(), second.height()) == (760, 560)
    second.open_casefile(settings.last_casefile)
    assert casebook_names(second) == ["Gwenllïan Ó Súilleabháin"]
    second.show_case(case.id)
    overview = second.workspace.overview
    assert overview.child_name.text() == "Gwenllïan Ó Súilleabháin"
    assert overview.notes.toPlainText() == "Rozmowa z panią Wiśniewską. مرحبا. خوش آمدید"
    second.close()


def test_a_refused_file_is_explained_and_left_alone(qtbot, make_window, tmp_path):
    path = tmp_path / "letter.mdesk"
    path.write_text("Dear parent, ...")
    before = sha256_of(path)
    window = make_window()
    assert not window.open_casefile(path)
    box = window.problem_box
    assert box is not None and box.isVisible()
    assert "not a Mediator Desk case file" in box.text()
    assert window.read_only_button is None
    assert sha256_of(path) == before
    assert window.desk is None
    assert "No case file is open" in window.placeholder.message.text()
    box.button(QMessageBox.StandardButton.Close).click()
    assert window.problem_box is None


def test_a_damaged_file_is_checked_after_the_window_is_up_and_never_written(
    qtbot, make_window, casefile_path
):
    seed = open_casefile(casefile_path)
    for n in range(40):
        seed.cases.create(make_case(notes=f"Fictional notes {n}. " * 40))
    seed.close()
    data = bytearray(casefile_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[-page_size * 3 : -page_size] = b"\xa5" * (page_size * 2)  # wreck two late pages
    casefile_path.write_bytes(bytes(data))
    before = sha256_of(casefile_path)
    window = make_window()
    window.open_casefile(casefile_path)  # opens at once; the check runs on a worker thread
    qtbot.waitUntil(lambda: not window.casefile_check_running, timeout=10000)
    assert window.desk is None
    box = window.problem_box
    assert box is not None and "damaged and cannot be read safely" in box.text()
    assert sha256_of(casefile_path) == before
    assert "No case file is open" in window.placeholder.message.text()


def test_a_write_before_the_check_ends_waits_for_it_and_is_refused(casefile_path):
    from mediator_desk.services import open_desk
    from mediator_desk.store.errors import DamagedCaseFile

    seed = open_casefile(casefile_path)
    case = seed.cases.create(make_case(notes="Fictional notes. " * 400))
    seed.close()
    data = bytearray(casefile_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[-page_size * 2 : -page_size] = b"\xa5" * page_size
    casefile_path.write_bytes(bytes(data))
    before = sha256_of(casefile_path)
    desk = open_desk(casefile_path, check_now=False)
    try:
        for _ in range(2):  # the first write runs the check; the next is refused the same way
            try:
                desk.update_case(case.id, {"notes": "Typed in the first moment"})
            except DamagedCaseFile as error:
                assert "damaged" in error.message
            else:
                raise AssertionError("a write to a damaged file was accepted")
    finally:
        desk.close()
    assert sha256_of(casefile_path) == before


def test_a_second_copy_can_view_read_only(qtbot, make_window, casefile_path):
    holder = open_casefile(casefile_path)
    holder.cases.create(make_case())
    try:
        window = make_window()
        assert not window.open_casefile(casefile_path)
        box = window.problem_box
        assert "already open in another copy" in box.text()
        assert f"process {os.getpid()}" in box.text()
        qtbot.mouseClick(window.read_only_button, Qt.MouseButton.LeftButton)
        assert window.desk is not None and window.desk.read_only
        assert "(read-only)" in window.windowTitle()
        assert window.banner.isVisible()
        assert not window.new_case_action.isEnabled()
        window.show_case(window.casebook.model.case_id(0))
        overview = window.workspace.overview
        assert overview.child_name.isReadOnly() and overview.notes.isReadOnly()
        assert not overview.status.isEnabled()
        window.close_casefile()
    finally:
        holder.close()


def test_a_read_only_file_is_offered_for_viewing(qtbot, make_window, casefile_path):
    with open_casefile(casefile_path) as casefile:
        casefile.cases.create(make_case())
    casefile_path.chmod(stat.S_IRUSR)
    try:
        window = make_window()
        window.open_casefile(casefile_path)
        assert "is read-only" in window.problem_box.text()
        window.read_only_button.click()
        assert window.desk.read_only and casebook_names(window) == ["Lowenna Tregothnan"]
        window.close_casefile()
    finally:
        casefile_path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_close_case_returns_to_the_casebook(qtbot, window):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    assert window.close_case_action.isEnabled()
    window.close_case_action.trigger()
    assert window.right.currentWidget() is window.placeholder
    assert window.casebook.current_case_id() is None


def test_every_input_has_an_accessible_name(window):
    window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(window.casebook.model.case_id(0))
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

    inputs = window.findChildren(QLineEdit) + window.findChildren(QPlainTextEdit)
    inputs += window.findChildren(QComboBox) + window.findChildren(QCheckBox)
    unnamed = [w for w in inputs if not w.accessibleName() and w.isVisible()]
    # Line edits inside combo boxes and spin boxes take their name from the parent control.
    unnamed = [w for w in unnamed if not isinstance(w.parent(), QComboBox)]
    assert unnamed == []


def test_backups_are_taken_on_opening_and_can_be_restored(qtbot, make_window, casefile_path):
    window = make_window(automatic_backups=True)
    with qtbot.waitSignal(window.backup_finished, timeout=10000) as first:
        window.open_casefile(casefile_path)
    assert first.args[0].parent == casefile_path.parent / "Backups"
    window.desk.create_case(make_case(child_name="Added after the backup"))
    window.casebook.refresh()
    assert window.restore_from(first.args[0])
    assert casebook_names(window) == []  # the backup was taken before the case was added
    assert "Restored" in window.save_label.text()
    kept = [p for p in casefile_path.parent.iterdir() if "before-restore" in p.name]
    assert len(kept) == 1
    with qtbot.waitSignal(window.backup_finished, timeout=10000):
        window.backup_action.trigger()
    window.close_casefile()


def test_export_and_import_a_case_through_the_file_menu(qtbot, window, tmp_path):
    window.desk.load_demo_cases()
    window.casebook.refresh()
    held = window.desk.case_by_reference("MD-2026-0004")
    window.show_case(held.id)
    assert window.export_case_action.isEnabled()
    target = tmp_path / "exported.json"
    assert window.export_case(target)
    assert "Ayaan Qureshi" in target.read_text(encoding="utf-8")
    assert window.import_case(target)
    assert "as MD-2026-0008" in window.save_label.text()
    assert window.workspace.overview.case.reference == "MD-2026-0008"
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert not window.import_case(broken)
    box = window.problem_box
    assert box.windowTitle() == "Case not imported" and box.isVisible()
    assert box.text().endswith("\n\nNothing was added.")
    assert "not valid JSON" in box.text()
    assert window.save_label.text() == "Not imported."
    box.close()
    qtbot.waitUntil(lambda: window.problem_box is None)
    assert window.desk.count() == 8


def test_autosave_keeps_and_retries_an_edit_the_full_disk_refused(qtbot, window):
    case = window.desk.create_case(make_case(notes=""))
    window.casebook.refresh()
    window.show_case(case.id)
    db = window.desk.casefile.db
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    notes = window.workspace.overview.notes
    notes.setPlainText("A long note " * 20_000)
    qtbot.waitUntil(lambda: "disk is full" in window.save_label.text(), timeout=3000)
    assert window.workspace.overview.autosaver.pending  # kept, not lost
    db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    qtbot.waitUntil(lambda: window.desk.case(case.id).notes.startswith("A long note"), timeout=5000)
    assert window.save_label.text().startswith("All changes saved")


def test_erase_closed_cases_past_retention(qtbot, window):
    """The cases due are listed with their closing dates written out, and erased on a worker
    thread behind a progress dialog, the window answering meanwhile."""
    closed = []
    for name in ("Long Closed", "Also Closed"):
        case = window.desk.create_case(make_case(child_name=name))
        closed.append(window.desk.update_case(case.id, {"status": CaseStatus.CLOSED}))
    window.desk.create_case(make_case(child_name="Still Open"))
    window.offer_erasure()  # the cases due are found on a worker thread
    qtbot.waitUntil(lambda: window.erase_box is not None and window.erase_box.isVisible())
    assert window.erase_box.text() == "No closed case has passed its 6-year retention period."
    window.erase_box.close()
    window.desk.today = lambda: dt.date(2033, 1, 1)
    window.offer_erasure()
    qtbot.waitUntil(lambda: window.erase_box.isVisible())
    dialog = window.erase_box
    assert dialog.heading.text() == (
        "These 2 cases were closed more than 6 years ago. Erasing them removes everything "
        "about them from the case file for good (backups keep their own copies until they "
        "are rotated away)."
    )
    assert dialog.cases.model().lines() == [
        f"{case.reference}   {case.child_name}, closed Monday 23 November 2026" for case in closed
    ]
    assert dialog.erase_button.text() == "Erase 2 cases"
    assert dialog.erase_button.accessibleName() == "Erase 2 cases"
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: window.save_label.text() == "Erased 2 cases.", timeout=5000)
    assert casebook_names(window) == ["Still Open"]
    assert window.desk.history()[0].action == "case erased"
    assert window.erase_action.isEnabled()


def test_erasure_can_be_stopped_and_keeps_the_rest(qtbot, window, monkeypatch):
    """Stop ends the erasure after the case in hand; the rest are kept, and the status bar
    says how many went."""
    import threading

    from mediator_desk.store import erasure

    gate = threading.Event()
    remove = erasure._remove

    def held(cases, case_id):
        result = remove(cases, case_id)
        gate.wait(5)  # the mediator presses Stop while the first case is erased
        return result

    monkeypatch.setattr(erasure, "_remove", held)
    for n in range(3):
        case = window.desk.create_case(make_case(child_name=f"Closed {n}"))
        window.desk.update_case(case.id, {"status": CaseStatus.CLOSED})
    window.desk.today = lambda: dt.date(2033, 1, 1)
    window.offer_erasure()
    qtbot.waitUntil(lambda: window.erase_box is not None and window.erase_box.isVisible())
    window.erase_box.erase_button.click()
    progress = window.erase_progress
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    assert progress.labelText() == "Erasing 3 closed cases…"
    assert progress.isModal()
    stop = progress.findChild(QPushButton)
    assert stop.text() == "Stop"
    stop.click()
    assert progress.isVisible() and not stop.isEnabled()  # up until the worker has stopped
    assert progress.labelText() == "Stopping after this case…"
    gate.set()
    qtbot.waitUntil(lambda: not window.erasing, timeout=5000)
    assert window.save_label.text() == "Stopped: erased 1 of 3 cases; the other 2 are kept."
    assert sorted(casebook_names(window)) == ["Closed 1", "Closed 2"]


def test_an_encrypted_case_file_asks_for_its_passphrase(qtbot, make_window, casefile_path):
    from mediator_desk.store.casefile import create_casefile

    with create_casefile(casefile_path, passphrase="correct horse battery") as casefile:
        casefile.cases.create(make_case(child_name="Encrypted Child"))
    window = make_window()
    assert not window.open_casefile(casefile_path)
    # Straight to the passphrase: no error box first, as this happens at every start.
    assert window.problem_box is None
    assert "encrypted" in window.passphrase_dialog.labelText()
    window.passphrase_dialog.setTextValue("wrong passphrase")
    window.passphrase_dialog.accept()
    assert window.desk is None and "does not open" in window.passphrase_dialog.labelText()
    window.passphrase_dialog.setTextValue("correct horse battery")
    window.passphrase_dialog.accept()
    assert casebook_names(window) == ["Encrypted Child"]
    window.close_casefile()


def test_encrypt_a_plain_case_file_from_the_tools_menu(qtbot, window, casefile_path):
    window.desk.create_case(make_case(child_name="Plain Child"))
    window.passphrase_action.trigger()
    dialog = window.passphrase_dialog
    qtbot.keyClicks(dialog.first, "short")
    assert "Too short" in dialog.hint.text()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "three unrelated words")
    qtbot.keyClicks(dialog.second, "three unrelated wordz")
    dialog.accept()
    assert "not the same" in dialog.problem.text()
    dialog.second.clear()
    qtbot.keyClicks(dialog.second, "three unrelated words")
    dialog.accept()
    assert window.desk.encrypted
    assert b"Plain Child" not in casefile_path.read_bytes()
    window.desk.create_case(make_case(child_name="After Encryption"))
    window.casebook.refresh()
    assert sorted(casebook_names(window)) == ["After Encryption", "Plain Child"]


def test_a_new_case_file_is_encrypted_unless_chosen_otherwise(qtbot, make_window, tmp_path):
    window = make_window()
    secured = tmp_path / "secured.mdesk"
    window.create_casefile(secured)
    dialog = window.passphrase_dialog
    qtbot.keyClicks(dialog.first, "a long enough passphrase")
    qtbot.keyClicks(dialog.second, "a long enough passphrase")
    dialog.accept()
    assert window.desk is not None and window.desk.encrypted
    window.desk.create_case(make_case(child_name="Secret Child"))
    window.close_casefile()
    assert b"Secret Child" not in secured.read_bytes()

    plain = tmp_path / "plain.mdesk"
    window.create_casefile(plain)
    button = next(b for b in window.passphrase_dialog.buttons.buttons()
                  if b.text() == "Create without encryption")  # fmt: skip
    button.click()
    assert window.desk is not None and not window.desk.encrypted
    window.close_casefile()


def test_a_refused_restore_is_explained_in_full_in_a_dialog(
    qtbot, make_window, casefile_path, tmp_path
):
    """What to do is in the refusal's words, so they are shown whole, not cut off at the
    edge of the status bar; the case file stays open and unchanged."""
    window = make_window()
    window.open_casefile(casefile_path)
    window.desk.create_case(make_case(child_name="Still Here"))
    window.casebook.refresh()
    not_ours = tmp_path / "notes.mdesk-backup"
    not_ours.write_text("Notes from the planning call\n" * 40)
    assert not window.restore_from(not_ours)
    box = window.problem_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Backup not restored"
    assert box.text() == (
        "notes.mdesk-backup is not a Mediator Desk case file (it is not a database at all). "
        "It has not been changed."
    )
    assert window.save_label.text() == "Not restored."
    assert casebook_names(window) == ["Still Here"]
    box.button(QMessageBox.StandardButton.Close).click()
    assert window.problem_box is None
    window.close_casefile()


def test_a_backup_from_before_a_passphrase_change_is_restored_with_its_own(
    qtbot, make_window, casefile_path
):
    from mediator_desk.store.casefile import create_casefile

    with create_casefile(casefile_path, passphrase="first passphrase here") as casefile:
        casefile.cases.create(make_case(child_name="Before The Change"))
    window = make_window()
    assert window.open_casefile(casefile_path, create=False, passphrase="first passphrase here")
    backup = window.desk.backup_now()
    assert window.set_passphrase("second passphrase now")
    window.desk.create_case(make_case(child_name="After The Change"))
    window.casebook.refresh()

    assert not window.restore_from(backup)  # the current passphrase does not open it
    assert window.desk is not None  # the current file is open again, unchanged
    assert sorted(casebook_names(window)) == ["After The Change", "Before The Change"]
    dialog = window.passphrase_dialog
    assert "after this backup was taken" in dialog.labelText()
    dialog.setTextValue("not the right one")
    dialog.accept()
    assert sorted(casebook_names(window)) == ["After The Change", "Before The Change"]
    window.passphrase_dialog.setTextValue("first passphrase here")
    window.passphrase_dialog.accept()
    assert casebook_names(window) == ["Before The Change"]
    assert window.desk.casefile.passphrase == "first passphrase here"
    assert "passphrase the backup was made with" in window.save_label.text()
    window.close_casefile()


def test_the_encrypt_dialog_refuses_an_empty_or_blank_passphrase(qtbot, window, casefile_path):
    window.passphrase_action.trigger()
    dialog = window.passphrase_dialog
    dialog.accept()
    assert dialog.problem.text().startswith("✖ Enter a passphrase")
    qtbot.keyClicks(dialog.first, " " * 12)
    qtbot.keyClicks(dialog.second, " " * 12)
    dialog.accept()
    assert dialog.problem.text() == "✖ Use a passphrase that is not only spaces."
    assert dialog.isVisible() and not window.desk.encrypted
    dialog.reject()


def _encrypt_from_the_tools_menu(qtbot, window, passphrase):
    window.passphrase_action.trigger()
    dialog = window.passphrase_dialog
    qtbot.keyClicks(dialog.first, passphrase)
    qtbot.keyClicks(dialog.second, passphrase)
    dialog.accept()


@pytest.mark.parametrize(("button", "left"), [("Encrypt them", 2), ("Remove them", 0)])
def test_after_encrypting_the_plain_backups_are_dealt_with(
    qtbot, window, casefile_path, button, left
):
    window.desk.create_case(make_case(child_name="Backed Up Child"))
    backups = [window.desk.backup_now(), window.desk.backup_now()]
    assert all(b"Backed Up Child" in p.read_bytes() for p in backups)
    _encrypt_from_the_tools_menu(qtbot, window, "three unrelated words")
    qtbot.waitUntil(
        lambda: window.plain_copies_box is not None and window.plain_copies_box.isVisible()
    )
    box = window.plain_copies_box
    assert box.text().startswith(
        "2 unencrypted copies of casebook.mdesk are still on this computer: 2 backups."
    )
    chosen = next(b for b in box.buttons() if b.text() == button)
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
    done = "removed" if left == 0 else "encrypted with the new passphrase"
    # Each copy is encrypted with its own key derivation: seconds on a busy machine.
    qtbot.waitUntil(
        lambda: window.save_label.text() == f"2 unencrypted copies {done}.", timeout=60000
    )
    assert window.desk.plain_copies() == []
    assert window.desk.history()[0].action == "plain copies " + done.split()[0]
    assert sum(p.exists() for p in backups) == left
    assert not any(b"Backed Up Child" in p.read_bytes() for p in backups if p.exists())


def test_a_damaged_plain_backup_is_explained_in_full_in_a_dialog(qtbot, window, casefile_path):
    """The copy that could not be encrypted is named with its folder and what to do; the
    words are too many for the status bar, which would cut them off at the window's edge."""
    backup = window.desk.backup_now()
    data = bytearray(backup.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\x5a" * (len(data) - page)  # every page after the first is noise
    backup.write_bytes(bytes(data))
    _encrypt_from_the_tools_menu(qtbot, window, "three unrelated words")
    qtbot.waitUntil(
        lambda: window.plain_copies_box is not None and window.plain_copies_box.isVisible()
    )
    encrypt = next(b for b in window.plain_copies_box.buttons() if b.text() == "Encrypt them")
    qtbot.mouseClick(encrypt, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.problem_box is not None, timeout=60000)
    box = window.problem_box
    assert box.windowTitle() == "Copies not protected"
    assert box.text() == (
        "The copies of casebook.mdesk could not all be protected: "
        f"{backup.name} is damaged and cannot be read, so it could not be encrypted (none was "
        f"encrypted before it). Remove it yourself: it is in {backup.parent}. The case "
        "file itself is not affected."
    )
    assert window.save_label.text() == "Not all the unencrypted copies were protected."
    assert window.desk.history()[0].action == "passphrase set"
    box.close()
    qtbot.waitUntil(lambda: window.problem_box is None)


def test_keeping_the_plain_backups_leaves_them_and_says_so(qtbot, window, casefile_path):
    backup = window.desk.backup_now()
    _encrypt_from_the_tools_menu(qtbot, window, "three unrelated words")
    qtbot.waitUntil(
        lambda: window.plain_copies_box is not None and window.plain_copies_box.isVisible()
    )
    assert "1 unencrypted copy of casebook.mdesk is" in window.plain_copies_box.text()
    keep = next(b for b in window.plain_copies_box.buttons() if b.text() == "Keep them")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.plain_copies_box.isVisible())
    assert window.desk.plain_copies() == [backup]


@pytest.mark.parametrize(
    "overrides",
    [
        {"child_dob": dt.date(2006, 3, 1)},  # a young person by date of birth (CFA 2014 s83(2))
        {"child_dob": None, "young_person_stated": True},
        {"child_dob": dt.date(2016, 3, 1)},
    ],
)
def test_looking_at_a_case_changes_nothing(qtbot, window, overrides):
    """Showing a case's Overview writes nothing: the audit trail records only what the mediator
    did, so a young person's case must not be 'edited' by being looked at."""
    case = window.desk.create_case(make_case(**overrides))
    before = len(window.desk.history(case.id))
    window.casebook.refresh()
    window.show_case(case.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.overview)
    write_pending(window)  # whatever an edit left waiting is written now
    assert len(window.desk.history(case.id)) == before


def test_an_older_case_file_is_upgraded_off_the_gui_thread(
    qtbot, make_window, tmp_path, monkeypatch
):
    """Opening a case file saved by an earlier version recomputed every case's search text
    and deadlines on the GUI thread (24.7 s of frozen window at 50,000 cases). It is upgraded
    on a worker thread behind a progress dialog, and opened when that ends."""
    import threading
    from pathlib import Path

    from mediator_desk.store.derived import DerivedData
    from mediator_desk.store.migrations import SCHEMA_VERSION

    older = tmp_path / "older.mdesk"
    fixture = (
        Path(__file__).parents[1] / "store" / "fixtures" / f"casefile-v{SCHEMA_VERSION - 1}.mdesk"
    )
    older.write_bytes(fixture.read_bytes())
    threads = []
    refresh = DerivedData.refresh_all_derived

    def watched(self, progress=None):
        threads.append(threading.current_thread() is threading.main_thread())
        return refresh(self, progress)

    monkeypatch.setattr(DerivedData, "refresh_all_derived", watched)
    window = make_window()
    assert window.open_casefile(older)
    assert window.desk is None and window.upgrade_progress is not None  # under way
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10000)
    assert threads == [False]
    assert window.upgrade_progress is None
    assert window.desk.casefile.schema_version == SCHEMA_VERSION
    assert window.save_label.text().startswith("Upgraded the case file; the old version is kept")
    assert "Lowenna Tregothnan" in casebook_names(window)
    qtbot.waitUntil(lambda: not window.casefile_check_running, timeout=10000)
    window.close_casefile()
