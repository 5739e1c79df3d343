"""What changed since a party confirmed: when the statement changes after a party confirmed it,
the confirm dialog shows, word by word, what is different from the version they agreed, with
added words underlined and bold and removed words struck through (not only by colour)."""

from __future__ import annotations

from mediator_desk.domain.statement import ConfirmedHow
from mediator_desk.domain.wording import Change
from tests.gui.test_meeting_gui import prepared_case, tick_present


def _draft_an_issue(qtbot, meeting):
    """Everyone present, and one issue typed as the mediator types it."""
    tick_present(meeting, qtbot)
    meeting.add_issue()
    qtbot.keyClicks(meeting.issue_title, "Section F therapy")
    meeting.discussion.setFocus()
    qtbot.keyClicks(meeting.discussion, "Weekly sessions in school.")


def _confirm(qtbot, meeting, party_id):
    meeting.confirm()
    dialog = meeting.confirm_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.party.setCurrentIndex(dialog.party.findData(party_id))
    return dialog


def test_the_confirm_dialog_shows_the_words_changed_since_the_party_confirmed(qtbot, window):
    desk = window.desk
    case, parent, la, meeting = prepared_case(window)
    _draft_an_issue(qtbot, meeting)
    dialog = _confirm(qtbot, meeting, parent.id)
    assert not dialog.changes.isVisible()  # nothing confirmed yet: nothing to compare
    dialog.how.setCurrentIndex(dialog.how.findData(ConfirmedHow.SPOKEN))
    dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(desk.statement.confirmations(case.id)) == 1

    # The text changes after the parent confirmed version 1.
    meeting.discussion.selectAll()
    qtbot.keyClicks(meeting.discussion, "Fortnightly sessions in school.")
    dialog = _confirm(qtbot, meeting, parent.id)
    assert dialog.changes.isVisible() and dialog.changes_title.isVisible()
    assert dialog.changes_title.text() == (
        "What &changed since Morwenna Tregothnan confirmed version 1:"
    )
    changed = [(p.change, p.text) for p in dialog.changes.pieces if p.change is not Change.SAME]
    assert changed == [(Change.REMOVED, "Weekly"), (Change.ADDED, "Fortnightly")]
    shown = dialog.changes.toHtml()
    assert "line-through" in shown and "underline" in shown  # marked, not only by colour
    text = dialog.changes.toPlainText()
    assert text.startswith("1 word added and 1 removed since Morwenna Tregothnan confirmed")
    assert "Weekly Fortnightly sessions in school." in text  # a space between, for the eye
    assert "[removed: Weekly][added: Fortnightly]" in dialog.changes.accessibleDescription()
    # The LA officer has not confirmed anything: no comparison for them.
    dialog.party.setCurrentIndex(dialog.party.findData(la.id))
    assert not dialog.changes.isVisible()
    dialog.reject()


def test_long_unchanged_stretches_are_cut_to_a_few_words_either_side():
    from mediator_desk.domain.wording import Piece
    from mediator_desk.ui.widgets.word_changes import condensed

    words = " ".join(f"w{n}" for n in range(30))
    pieces = [
        Piece(Change.SAME, words + " "),
        Piece(Change.ADDED, "new"),
        Piece(Change.SAME, " " + words + " "),
        Piece(Change.REMOVED, "old"),
        Piece(Change.SAME, " " + words),
    ]
    assert [p.text for p in condensed(pieces, context=2)] == [
        "… w29 ",
        "new",
        " w0 … w29 ",
        "old",
        " w0 …",
    ]
    short = [Piece(Change.SAME, "a b c "), Piece(Change.ADDED, "d")]
    assert condensed(short, context=2) == short


def test_the_meeting_tab_shows_the_changes_and_can_show_them_to_the_room(qtbot, window):
    desk = window.desk
    case, parent, _la, meeting = prepared_case(window)
    _draft_an_issue(qtbot, meeting)
    assert meeting.flush()
    assert meeting.record_confirmation(parent.id, ConfirmedHow.SPOKEN)
    assert not meeting.confirmations.changes_button.isVisible()  # current: nothing changed
    meeting.discussion.selectAll()
    qtbot.keyClicks(meeting.discussion, "Fortnightly sessions in school.")
    qtbot.waitUntil(meeting.confirmations.changes_button.isVisible)
    meeting.confirmations.changes_button.click()
    dialog = meeting.changes_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "What changed since Morwenna Tregothnan confirmed version 1"
    changed = [(p.change, p.text) for p in dialog.changes.pieces if p.change is not Change.SAME]
    assert changed == [(Change.REMOVED, "Weekly"), (Change.ADDED, "Fortnightly")]
    dialog.to_room.click()  # the parties see the same on the shared screen
    presenter = meeting.presenter
    assert presenter is not None and presenter.isVisible()
    assert presenter.status.text() == "What changed since Morwenna Tregothnan confirmed version 1"
    assert "Weekly Fortnightly sessions in school." in presenter.text()
    dialog.reject()  # closing it puts the statement back on the shared screen, whole
    qtbot.waitUntil(lambda: presenter.status.text().startswith("DRAFT"))
    assert "Fortnightly sessions in school." in presenter.text()
    assert "Weekly" not in presenter.text()
    meeting.close_presenter()
    assert desk.statement.confirmations(case.id)[0].version == 1


def test_the_history_tab_keeps_every_confirmed_version_and_compares_any_two(qtbot, window):
    desk = window.desk
    case, parent, la, meeting = prepared_case(window)
    history = window.workspace.history
    history.show_case(desk.case(case.id))
    assert history.versions == [] and not history.older.isEnabled()
    assert history.no_versions.isVisibleTo(history)
    _draft_an_issue(qtbot, meeting)
    assert meeting.flush() and meeting.record_confirmation(parent.id, ConfirmedHow.SPOKEN)
    meeting.discussion.selectAll()
    qtbot.keyClicks(meeting.discussion, "Fortnightly sessions in school.")
    assert meeting.flush() and meeting.record_confirmation(la.id, ConfirmedHow.SPOKEN)
    window.workspace.tabs.setCurrentWidget(history)
    history.refresh()
    assert [v.describe() for v in history.versions] == [
        "Version 1, confirmed by Morwenna Tregothnan",
        "Version 2, confirmed by Kenan Aydın",
    ]
    assert history.older.currentData() == 1 and history.newer.currentData() == 2
    assert not history.no_versions.isVisibleTo(history)
    changed = [(p.change, p.text) for p in history.changes.pieces if p.change is not Change.SAME]
    assert changed == [(Change.REMOVED, "Weekly"), (Change.ADDED, "Fortnightly")]
    assert history.changes.toPlainText().startswith(
        "1 word added and 1 removed since version 1, as version 2 reads."
    )
    history.older.setCurrentIndex(1)  # version 2 with itself
    assert history.changes.toPlainText().startswith("No words changed since version 2")
