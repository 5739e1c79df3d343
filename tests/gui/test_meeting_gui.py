"""The live meeting, driven from the keyboard: draft, present, confirm, seal, addendum."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Outcome
from tests.conftest import TODAY, make_case

SECRET = "Private: mother finds the LA officer intimidating"


def prepared_case(window):
    desk = window.desk
    case = desk.create_case(make_case(meeting_date=TODAY, agreement_date=dt.date(2026, 11, 20)))
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    la = desk.attendees.add(
        case.id, Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True)
    )
    other = desk.create_case(make_case(child_name="Tegen Polglase", notes="Other case"))
    desk.attendees.add(other.id, Attendee("Jory Polglase", Role.PARENT_CARER))
    window.casebook.refresh()
    window.show_case(case.id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    return case, parent, la, meeting


def tick_present(meeting, qtbot):
    for row in range(meeting.present.rowCount()):
        meeting.present.item(row, 0).setCheckState(Qt.CheckState.Checked)


def test_draft_with_the_keyboard_and_watch_the_presenter(qtbot, window):
    case, _parent, _la, meeting = prepared_case(window)
    tick_present(meeting, qtbot)
    meeting.setFocus()
    qtbot.keyClick(meeting, Qt.Key.Key_F5)
    presenter = meeting.presenter
    assert presenter is not None and presenter.isVisible()
    qtbot.addWidget(presenter)

    qtbot.keyClick(
        meeting,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert meeting.issue_title.hasFocus()
    qtbot.keyClicks(meeting.issue_title, "Speech and language therapy")
    qtbot.keyClick(
        meeting,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert meeting.discussion.hasFocus()
    qtbot.keyClicks(meeting.discussion, "Weekly sessions in school")
    qtbot.keyClick(
        meeting, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert meeting.outcome.currentData() is Outcome.AGREED
    # The presenter follows within half a second.
    qtbot.waitUntil(lambda: "Weekly sessions in school" in presenter.text(), timeout=500)
    assert "1. Speech and language therapy" in presenter.text()
    assert "Outcome: Agreed" in presenter.text()
    assert "Morwenna Tregothnan" in presenter.text()

    # A second issue, then reorder with Alt+Up.
    qtbot.keyClick(
        meeting,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClicks(meeting.issue_title, "Placement")
    qtbot.keyClick(meeting, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    meeting.flush()
    titles = [i.title for i in window.desk.statement.issues.list(case.id)]
    assert titles == ["Placement", "Speech and language therapy"]
    issue = window.desk.statement.issues.list(case.id)[1]
    assert issue.discussion == "- Weekly sessions in school"
    assert issue.outcome is Outcome.AGREED
    presenter.close()


def test_the_presenter_shows_nothing_private(qtbot, window):
    case, _parent, _la, meeting = prepared_case(window)
    meeting.private_notes.setFocus()
    qtbot.keyClicks(meeting.private_notes, SECRET)
    meeting.add_issue()
    qtbot.keyClicks(meeting.issue_title, "Transport")
    meeting.open_presenter()
    presenter = meeting.presenter
    qtbot.addWidget(presenter)
    meeting.refresh_presenter()
    texts = [presenter.windowTitle()]
    for widget in presenter.findChildren(QLabel):
        texts.append(widget.text())
    for widget in presenter.findChildren(QTextEdit):
        texts.append(widget.toPlainText())
    for widget in presenter.findChildren(QLineEdit) + presenter.findChildren(QPlainTextEdit):
        texts.append(widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText())
    for widget in presenter.findChildren(QAbstractButton):
        texts.append(widget.text())
    everything = "\n".join(texts)
    assert "Transport" in everything
    assert "intimidating" not in everything
    assert "Tegen" not in everything and "Jory" not in everything and "Other case" not in everything
    assert str(window.desk.path) not in everything and ".mdesk" not in everything
    assert window.desk.statement.record.get(case.id).private_notes == SECRET
    # Opening another case closes the shared screen rather than showing it.
    other = next(s for s in window.desk.list_cases() if s.child_name == "Tegen Polglase")
    window.show_case(other.id)
    assert meeting.presenter is None


def test_confirm_seal_refuse_edits_and_add_an_addendum(qtbot, window):
    case, parent, la, meeting = prepared_case(window)
    tick_present(meeting, qtbot)
    meeting.add_issue()
    qtbot.keyClicks(meeting.issue_title, "Section F therapy")
    meeting.mark_outcome(Outcome.PARTLY_AGREED)
    assert meeting.record_confirmation(parent.id, ConfirmedHow.SPOKEN)
    assert "1 of 2 required parties" in meeting.status.text()
    # An edit after a confirmation makes it stale; the GUI says whose to take again.
    meeting.discussion.setFocus()
    qtbot.keyClicks(meeting.discussion, "- Review in July")
    meeting.flush()
    meeting._refresh_status()
    parties = [meeting.parties.item(i).text() for i in range(meeting.parties.count())]
    assert any(p.startswith("⚠ Morwenna Tregothnan") and "confirm again" in p for p in parties)
    assert not meeting.seal_now()
    assert meeting.record_confirmation(parent.id, ConfirmedHow.SPOKEN)
    assert meeting.record_confirmation(la.id, ConfirmedHow.IN_WRITING)
    assert "2 of 2" in meeting.status.text()
    assert meeting.seal_now()
    seal = window.desk.statement.seal_of(case.id)
    assert seal is not None and meeting.sealed
    assert seal.sha256 in meeting.sealed_banner.text()
    assert "Morwenna Tregothnan" in meeting.sealed_banner.text()
    assert "Kenan Aydın" in meeting.sealed_banner.text()

    # Editing is refused with a clear message.
    assert meeting.issue_title.isReadOnly() and meeting.discussion.isReadOnly()
    qtbot.keyClicks(meeting.issue_title, "changed")
    assert meeting.issue_title.text() == "Section F therapy"
    with qtbot.waitSignal(meeting.save_failed) as refused:
        meeting.add_issue()
    assert "sealed and can never be changed" in refused.args[0]
    assert "add an addendum" in window.save_label.text().lower()

    # An addendum, confirmed and sealed, shown after the statement.
    assert meeting.addenda_box.isVisible()
    assert meeting.create_addendum("The review month was misheard")
    meeting.addendum_text.setFocus()
    qtbot.keyClicks(meeting.addendum_text, "The review is in June.")
    assert meeting.record_addendum_confirmation(parent.id, ConfirmedHow.SPOKEN)
    assert not meeting.seal_addendum()  # the LA has not confirmed yet
    assert meeting.record_addendum_confirmation(la.id, ConfirmedHow.SPOKEN)
    assert meeting.seal_addendum()
    assert window.desk.statement.addenda(case.id)[0].sealed
    assert meeting.addendum_text.isReadOnly()
    meeting.open_presenter()
    qtbot.addWidget(meeting.presenter)
    text = meeting.presenter.text()
    assert text.index("Section F therapy") < text.index("Addendum: The review month")
    assert "Sealed" in meeting.presenter.status.text()

    # History, newest first.
    window.workspace.tabs.setCurrentWidget(window.workspace.history)
    actions = [row[2] for row in window.workspace.history.rows()]
    assert actions[0] == "Addendum sealed"
    assert "Statement sealed" in actions and "Statement confirmed" in actions
    meeting.close_presenter()


def test_the_sealed_banner_says_what_failed_verification(qtbot, make_window, casefile_path):
    """A statement whose sealed text was rewritten outside the app (hash recomputed) is not
    shown as verified: the banner says what failed."""
    from mediator_desk.services import open_desk
    from tests.conftest import fixed_clock, fixed_today
    from tests.store.test_integrity import SEALED, _forge_with_hash

    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    _forge_with_hash(casefile_path)
    window = make_window()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: not window.casefile_check_running)
    case = window.desk.case_by_reference(SEALED)
    window.show_case(case.id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    qtbot.waitUntil(lambda: meeting.sealed_banner.isVisible())
    text = meeting.sealed_banner.text()
    assert text.startswith("This statement failed verification: ")
    assert f"Case {SEALED}: the seal's signature does not match" in text
    assert "It must not be relied on as the sealed record." in text
    assert "(NOT verified)" in text
    assert "Confirmed as accurate by: no one (no confirmation is of this text)." in text
    assert meeting.status.text() == "This statement is sealed, but it failed verification."
    window.close_casefile()


def test_opening_a_tampered_file_says_so(qtbot, make_window, casefile_path):
    from mediator_desk.services import open_desk
    from tests.conftest import fixed_clock, fixed_today
    from tests.store.test_integrity import SEALED, sealed_case_id, tamper

    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    tamper(
        casefile_path,
        f"DELETE FROM seals WHERE case_id = {sealed_case_id(casefile_path)}",
        drop_triggers=True,
    )
    window = make_window()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    text = window.banner.text()
    assert text.startswith("This case file failed its integrity check")
    assert f"Case {SEALED}: the audit trail records a seal that is no longer in the file." in text
    window.close_casefile()


def test_opening_a_file_whose_triggers_were_dropped_restores_them_and_says_so(
    qtbot, make_window, casefile_path
):
    from mediator_desk.services import open_desk
    from mediator_desk.store import errors
    from tests.conftest import fixed_clock, fixed_today
    from tests.store.test_integrity import tamper

    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    tamper(casefile_path, drop_triggers=True)
    window = make_window()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    text = window.banner.text()
    assert text.startswith("This case file failed its integrity check: 1 problem(s).")
    assert "they have been restored" in text
    with pytest.raises(errors.CaseFileError), errors.plain_english_errors(casefile_path):
        window.desk.casefile.db.execute("DELETE FROM seals")
    window.close_casefile()


def test_the_confirm_dialog_refuses_a_confirmation_that_does_not_fit_the_meeting(qtbot, window):
    """Seed 002: agreed at the meeting means on the meeting day; one given in writing is dated,
    on or after the meeting day. The dialog stays open with the reason and records nothing."""
    desk = window.desk
    case, parent, _la, meeting = prepared_case(window)
    desk.update_case(case.id, {"meeting_date": dt.date(2026, 11, 20)})
    tick_present(meeting, qtbot)
    meeting.add_issue()
    qtbot.keyClicks(meeting.issue_title, "Section F therapy")
    meeting.confirm()
    dialog = meeting.confirm_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.party.setCurrentIndex(dialog.party.findData(parent.id))
    dialog.how.setCurrentIndex(dialog.how.findData(ConfirmedHow.SPOKEN))
    assert not dialog.given_on.isEnabled()
    dialog.ok.click()
    assert dialog.isVisible()
    assert "recorded on the meeting day (Friday 20 November 2026)" in dialog.problem.text()
    assert desk.statement.confirmations(case.id) == []

    dialog.how.setCurrentIndex(dialog.how.findData(ConfirmedHow.IN_WRITING))
    assert dialog.given_on.isEnabled()
    dialog.given_on.set_value(dt.date(2026, 11, 19))
    dialog.ok.click()
    assert dialog.isVisible()
    assert "cannot be dated before the meeting" in dialog.problem.text()
    assert desk.statement.confirmations(case.id) == []

    dialog.given_on.set_value(dt.date(2026, 11, 21))
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [confirmation] = desk.statement.confirmations(case.id)
    assert confirmation.how is ConfirmedHow.IN_WRITING
    assert confirmation.confirmed_at.date() == dt.date(2026, 11, 21)
    parties = [meeting.parties.item(i).text() for i in range(meeting.parties.count())]
    assert any("on Saturday 21 November 2026" in p for p in parties)


def test_closing_the_case_file_straight_after_typing_leaves_nothing_to_run(qtbot, window):
    """Typing schedules the confirmations to be counted again in the next turn; closing the
    case file in the same turn must not leave that to run against the closed file."""
    _case, _parent, _la, meeting = prepared_case(window)
    field = meeting.next_steps
    field.setFocus()
    qtbot.keyClicks(field, "The LA will write.")
    meeting.flush()
    window.close_casefile()
    qtbot.wait(50)  # the turn in which a left-over refresh would fail
    assert window.desk is None
