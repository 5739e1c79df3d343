"""Reading the outcome statement aloud, with the computer's own speech (Qt's text to speech),
for a parent who would rather hear it than read it before they confirm it: a visual impairment,
dyslexia, or simply a long statement at the end of a long meeting.

It reads what the parties see, passage by passage (domain/spoken.py): never the private notes.
F8 starts reading the whole statement, then pauses and resumes; Shift+F8 reads the issue being
drafted; Ctrl+F8 stops. With no speech engine on the computer it says why, and nothing else
changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from ...domain.spoken import passages

READ_KEYS = QKeySequence("F8")  # read the statement; then pause, and resume
ISSUE_KEYS = QKeySequence("Shift+F8")  # read the issue being drafted
STOP_KEYS = QKeySequence("Ctrl+F8")
NO_ENGINE = (
    "This computer has no speech engine, so Mediator Desk cannot read aloud. On Windows and "
    "macOS one is built in; on Linux, install Speech Dispatcher with a voice (for example the "
    "speech-dispatcher and espeak-ng packages), then start Mediator Desk again."
)
NO_QT_SPEECH = (
    "Mediator Desk cannot read aloud on this computer: Qt's speech support could not be "
    "loaded ({reason})."
)


def real_engines() -> list[str]:
    """The speech engines Qt finds here, apart from its stand-in for tests ("mock")."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    return [name for name in QTextToSpeech.availableEngines() if name != "mock"]


class ReadAloud(QObject):
    """One voice for the Meeting tab: reads a list of passages in turn, and can be paused,
    resumed and stopped. `engines` names the engines to try, best first."""

    changed = Signal()  # started, paused, resumed, moved on, finished or stopped

    IDLE, READING, PAUSED = "idle", "reading", "paused"

    def __init__(
        self, parent: QObject | None = None, engines: Callable[[], list[str]] = real_engines
    ) -> None:
        super().__init__(parent)
        self.engines = engines
        self.problem = ""  # why it cannot read, in plain English
        self.state = self.IDLE
        self.what = ""  # what is being read ("the statement", "issue 2")
        self.passages: list[str] = []
        self.at = 0  # the passage being read
        self._speech: Any = None  # QTextToSpeech, made at the first reading

    # -- the engine -------------------------------------------------------------------------
    def _voice(self) -> Any:
        """The speech engine, made on first use; None (and `problem` said) when there is none."""
        if self._speech is not None:
            return self._speech
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # the library Qt's speech needs is missing
            self.problem = NO_QT_SPEECH.format(reason=error)
            return None
        try:
            names = self.engines()
        except ImportError as error:
            self.problem = NO_QT_SPEECH.format(reason=error)
            return None
        for name in names:
            speech = QTextToSpeech(name, self)
            if speech.state() != QTextToSpeech.State.Error:
                british = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
                if british in speech.availableLocales():
                    speech.setLocale(british)
                speech.stateChanged.connect(self._engine_state)
                speech.errorOccurred.connect(self._engine_error)
                self._speech = speech
                self.problem = ""
                return speech
            speech.deleteLater()
        self.problem = NO_ENGINE
        return None

    def _engine_state(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Ready and self.state == self.READING:
            self.at += 1
            if self.at < len(self.passages):
                self._speech.say(self.passages[self.at])
            else:
                self.state = self.IDLE
            self.changed.emit()

    def _engine_error(self, _reason: Any, message: str) -> None:
        self.problem = f"Reading aloud stopped: {message or 'the speech engine failed'}."
        self.state = self.IDLE
        self.changed.emit()

    # -- what the Meeting tab asks ----------------------------------------------------------
    def read(self, what: str, passages: list[str]) -> bool:
        """Read `passages` from the first, stopping anything being read. False (and `problem`
        says why) if there is nothing to read or no voice to read it."""
        self.stop()
        if not passages:
            self.problem = f"There is nothing to read in {what} yet."
            self.changed.emit()
            return False
        speech = self._voice()
        if speech is None:
            self.changed.emit()
            return False
        self.problem = ""
        self.what, self.passages, self.at = what, passages, 0
        self.state = self.READING
        speech.say(passages[0])
        self.changed.emit()
        return True

    def pause(self) -> None:
        if self.state == self.READING and self._speech is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            self.state = self.PAUSED
            self._speech.pause(QTextToSpeech.BoundaryHint.Immediate)
            self.changed.emit()

    def resume(self) -> None:
        if self.state == self.PAUSED and self._speech is not None:
            self.state = self.READING
            self._speech.resume()
            self.changed.emit()

    def stop(self) -> None:
        if self.state != self.IDLE:
            self.state = self.IDLE  # first, so the engine's Ready reads nothing more
            if self._speech is not None:
                self._speech.stop()
            self.changed.emit()

    def describe(self) -> str:
        if self.problem:
            return self.problem
        if self.state == self.IDLE:
            return ""
        where = f"part {self.at + 1} of {len(self.passages)}"
        doing = "Reading" if self.state == self.READING else "Paused reading"
        return f"{doing} {self.what} aloud: {where}. Ctrl+F8 stops."


class ReadAloudBar(QWidget):
    """The Meeting tab's controls: Read aloud (the statement, or the issue being drafted),
    and, in `status_row`, Pause or Resume and Stop and what is being read (or why it cannot be).
    `content` is what the parties see (the statement's content), `issue_row` the issue being
    drafted (counted from 0; -1 for none)."""

    def __init__(
        self,
        owner: QWidget,
        content: Callable[[], dict[str, Any] | None],
        issue_row: Callable[[], int],
        voice: ReadAloud | None = None,
    ) -> None:
        super().__init__(owner)
        self.voice = voice or ReadAloud(self)
        self.content, self.issue_row = content, issue_row
        self.read_button = QToolButton()
        self.read_button.setText("Read aloud")
        self.read_button.setAccessibleName("Read aloud")
        self.read_button.setToolTip(
            "Read the statement aloud with this computer's voice, before the parties confirm "
            "it (F8; Shift+F8 reads the issue being drafted). Private notes are never read."
        )
        self.read_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.read_button)
        # The keys are the tab's own shortcuts (below); the menu only names them.
        self.statement_action = menu.addAction("The whole statement\tF8")
        self.issue_action = menu.addAction("The issue being drafted\tShift+F8")
        self.read_button.setMenu(menu)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause reading, or go on (F8)")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop reading (Ctrl+F8)")
        self.state = QLabel()
        self.state.setAccessibleName("Reading aloud")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.read_button)
        # A line of its own for the owner to place, shown only when it says something: Pause
        # and Stop while reading, and what is read (or why it cannot be). Beside Read aloud,
        # they made the Meeting tab's buttons too wide for text at twice its size.
        self.status_row = QWidget()
        row = QHBoxLayout(self.status_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pause_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.state, 1)
        self.read_button.clicked.connect(self.read_statement)
        self.statement_action.triggered.connect(self.read_statement)
        self.issue_action.triggered.connect(self.read_issue)
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.stop_button.clicked.connect(self.voice.stop)
        self.voice.changed.connect(self._show)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, act in (
            (READ_KEYS, self.read_or_pause),
            (ISSUE_KEYS, self.read_issue),
            (STOP_KEYS, self.voice.stop),
        ):
            QShortcut(keys, owner, act, context)
        self._show()

    def read_statement(self) -> None:
        content = self.content()
        self.voice.read("the statement", passages(content) if content is not None else [])

    def read_issue(self) -> None:
        content, row = self.content(), self.issue_row()
        if row < 0 or content is None:
            self.voice.read("the issue being drafted", [])
        else:
            self.voice.read(f"issue {row + 1}", passages(content, row))

    def read_or_pause(self) -> None:
        """F8: read the statement; while reading, pause; while paused, go on."""
        if self.voice.state == ReadAloud.IDLE:
            self.read_statement()
        else:
            self.pause_or_resume()

    def pause_or_resume(self) -> None:
        if self.voice.state == ReadAloud.READING:
            self.voice.pause()
        elif self.voice.state == ReadAloud.PAUSED:
            self.voice.resume()

    def _show(self) -> None:
        busy = self.voice.state != ReadAloud.IDLE
        self.pause_button.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.pause_button.setText("Resume" if self.voice.state == ReadAloud.PAUSED else "Pause")
        self.state.setText(self.voice.describe())
        self.status_row.setVisible(bool(self.state.text()))
