"""Reading the statement aloud in the Meeting tab: F8 starts, pauses and resumes, Shift+F8 reads
the issue being drafted, Ctrl+F8 stops; what is read is what the parties see, never the private
notes; and with no speech engine on the computer it says why and the tab goes on working.

The voice is Qt's own stand-in engine ("mock"), which speaks silently at about ten words a
second; the app never chooses it (ui/widgets/read_aloud.real_engines)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from mediator_desk.ui.widgets.read_aloud import NO_ENGINE, ReadAloud, real_engines
from tests.gui.test_meeting_gui import prepared_case


def _qt_speech() -> bool:
    try:
        import PySide6.QtTextToSpeech  # noqa: F401
    except ImportError:
        return False
    return True


needs_speech = pytest.mark.skipif(
    not _qt_speech(), reason="Qt's speech needs libpulse, which .ci/run installs"
)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def drafted(qtbot, window, with_engine: list[str]):
    _case, _parent, _la, meeting = prepared_case(window)
    meeting.read_aloud.voice.engines = lambda: with_engine
    meeting.add_issue()
    meeting.issue_title.setFocus()
    qtbot.keyClicks(meeting.issue_title, "Section F speech therapy")
    meeting.discussion.setFocus()
    qtbot.keyClicks(meeting.discussion, "The family described the therapy")
    meeting.private_notes.setPlainText("PRIVATE mother upset before the meeting")
    return meeting


@needs_speech
def test_f8_reads_pauses_resumes_and_ctrl_f8_stops(qtbot, window):
    meeting = drafted(qtbot, window, ["mock"])
    voice, bar = meeting.read_aloud.voice, meeting.read_aloud
    press(qtbot, meeting.discussion, Qt.Key.Key_F8)
    assert voice.state == ReadAloud.READING
    assert voice.passages[0].startswith("Outcome statement for Lowenna Tregothnan")
    assert "Issue 1: Section F speech therapy." in voice.passages
    assert "The family described the therapy." in voice.passages
    assert not any("PRIVATE" in p or "upset" in p for p in voice.passages)
    total = len(voice.passages)
    assert bar.state.text() == f"Reading the statement aloud: part 1 of {total}. Ctrl+F8 stops."
    assert bar.state.isVisibleTo(meeting) and bar.stop_button.isVisibleTo(meeting)
    qtbot.waitUntil(lambda: voice.at >= 1, timeout=10_000)  # it moves on, passage by passage
    press(qtbot, meeting.discussion, Qt.Key.Key_F8)
    assert voice.state == ReadAloud.PAUSED
    assert bar.pause_button.text() == "Resume"
    assert bar.state.text().startswith("Paused reading the statement aloud: part ")
    press(qtbot, meeting.discussion, Qt.Key.Key_F8)
    assert voice.state == ReadAloud.READING
    press(qtbot, meeting.discussion, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier)
    assert voice.state == ReadAloud.IDLE
    assert not bar.state.isVisibleTo(meeting)
    assert not bar.stop_button.isVisibleTo(meeting) and not bar.pause_button.isVisibleTo(meeting)
    reached = voice.at
    qtbot.wait(400)  # stopped means stopped: it does not go on to the next passage
    assert voice.at == reached and voice.state == ReadAloud.IDLE


@needs_speech
def test_shift_f8_reads_only_the_issue_being_drafted_to_the_end(qtbot, window):
    meeting = drafted(qtbot, window, ["mock"])
    voice = meeting.read_aloud.voice
    press(qtbot, meeting.discussion, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert voice.passages == [
        "Issue 1: Section F speech therapy.",
        "The family described the therapy.",
    ]
    assert meeting.read_aloud.state.text() == "Reading issue 1 aloud: part 1 of 2. Ctrl+F8 stops."
    qtbot.waitUntil(lambda: voice.state == ReadAloud.IDLE, timeout=15_000)  # read to the end
    assert voice.at == 2
    assert not meeting.read_aloud.state.isVisibleTo(meeting)


@needs_speech
def test_with_no_speech_engine_it_says_why_and_the_tab_works_on(qtbot, window):
    meeting = drafted(qtbot, window, [])
    press(qtbot, meeting.discussion, Qt.Key.Key_F8)
    bar = meeting.read_aloud
    assert bar.voice.state == ReadAloud.IDLE
    assert bar.state.text() == NO_ENGINE
    assert bar.state.isVisibleTo(meeting)
    assert not bar.pause_button.isVisibleTo(meeting) and not bar.stop_button.isVisibleTo(meeting)
    qtbot.keyClicks(meeting.discussion, ", and the plan.")
    assert meeting.discussion.toPlainText() == "The family described the therapy, and the plan."
    bar.read_button.click()  # asking again says the same, and nothing breaks
    assert bar.state.text() == NO_ENGINE


@needs_speech
def test_an_engine_that_cannot_start_is_the_same_as_none(qtbot, window):
    meeting = drafted(qtbot, window, ["an-engine-this-computer-lacks"])
    meeting.read_aloud.read_button.click()
    assert meeting.read_aloud.state.text() == NO_ENGINE


@needs_speech
def test_nothing_to_read_is_said_and_the_app_never_chooses_the_stand_in_voice(qtbot, window):
    _case, _parent, _la, meeting = prepared_case(window)
    meeting.read_aloud.voice.engines = lambda: ["mock"]
    press(qtbot, meeting, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert (
        meeting.read_aloud.state.text()
        == "There is nothing to read in the issue being drafted yet."
    )
    assert "mock" not in real_engines()


def test_without_qt_speech_at_all_it_says_why_and_the_tab_works_on(qtbot, window, monkeypatch):
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)  # as if it cannot load
    meeting = drafted(qtbot, window, ["mock"])
    press(qtbot, meeting.discussion, Qt.Key.Key_F8)
    said = meeting.read_aloud.state.text()
    assert said.startswith(
        "Mediator Desk cannot read aloud on this computer: Qt's speech support could not be "
        "loaded ("
    )
    assert meeting.read_aloud.voice.state == ReadAloud.IDLE
    qtbot.keyClicks(meeting.discussion, ".")
    assert meeting.discussion.toPlainText() == "The family described the therapy."


@needs_speech
def test_the_confirm_dialog_reads_aloud_and_says_whose_access_needs_ask_for_it(qtbot, window):
    from tests.gui.test_meeting_gui import tick_present

    meeting = drafted(qtbot, window, ["mock"])
    desk = window.desk
    parent = next(a for a in desk.attendees.list(meeting.case.id) if a.name.startswith("Morwenna"))
    desk.attendees.update(parent.id, {"access_needs": "Dyslexia: prefers things read to her"})
    tick_present(meeting, qtbot)
    meeting.confirm()
    dialog = meeting.confirm_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.party.setCurrentIndex(dialog.party.findData(parent.id))
    assert dialog.hearing_note.text() == (
        "Their access needs: “Dyslexia: prefers things read to her”. Read it aloud (F8) reads "
        "the statement to them with this computer's voice."
    )
    other = next(i for i in range(dialog.party.count()) if dialog.party.itemData(i) != parent.id)
    dialog.party.setCurrentIndex(other)
    assert not dialog.hearing_note.isVisibleTo(dialog)
    voice = meeting.read_aloud.voice
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.party.setFocus()
    press(qtbot, dialog.party, Qt.Key.Key_F8)  # the keys work in the dialog too
    assert voice.state == ReadAloud.READING
    assert dialog.reading.text().startswith("Reading the statement aloud: part 1 of ")
    press(qtbot, dialog.party, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier)
    assert voice.state == ReadAloud.IDLE
    dialog.read_button.click()
    assert voice.state == ReadAloud.READING
    dialog.reject()  # closing the dialog stops the voice
    assert voice.state == ReadAloud.IDLE
