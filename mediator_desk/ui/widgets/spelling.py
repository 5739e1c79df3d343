"""Spelling as you type in the drafting fields, in British English.

A misspelt word is underlined with a wavy line drawn by its own field (an extra selection): the
underline is never part of the text, so it reaches neither the presenter view nor a document,
and drawing it sets off no autosave. The word still being typed is left alone until the cursor
leaves it. Right-click a word (or press the Menu key) for spellings, "Add to your dictionary"
and the usual editing actions; Ctrl+. finds the next misspelt word and offers the same. The
dictionary is read once, off the window, once the first case's tabs are built (the window
starts it: DictionaryHub.start); until then nothing is underlined."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCursor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ...domain.spelling import Checker, Misspelling
from ...services.spelling import SpellingUnavailable, british_english, loaded_dictionary
from ...store.errors import CaseFileError
from ..worker import collector_waiting, run_in_background

SPELLING_KEYS = QKeySequence("Ctrl+.")
HINT = "Ctrl+. finds the next misspelt word and offers spellings."


class DictionaryHub(QObject):
    """The one British English dictionary of the app: read on a worker at first asking, and
    told to every field when it is ready or when the mediator's own words change."""

    ready = Signal()
    words_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.problem = ""  # why spelling is not checked, in plain English
        self._started = False

    def start(self) -> None:
        if self._started or loaded_dictionary() is not None:
            return
        self._started = True
        # A thread that does not hold up quitting: the app may close while the dictionary is
        # still being read (a start that quits as soon as it is ready, as the self-test does),
        # and the reading has nothing to keep.
        threading.Thread(target=self._read, name="dictionary", daemon=True).start()

    def _read(self) -> None:  # on its own thread
        try:
            collector_waiting(lambda: british_english(gentle=True))
        except SpellingUnavailable as error:
            self.problem = str(error)
            return
        try:
            self.ready.emit()
        except RuntimeError:  # the app has quit meanwhile: nobody is left to tell
            return


_hub: list[DictionaryHub] = []


def hub() -> DictionaryHub:
    if not _hub:
        _hub.append(DictionaryHub())
    return _hub[0]


def _utf16(text: str, index: int) -> int:
    """Where `index` (in characters) falls in Qt's text, which counts in UTF-16 units."""
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


class Speller(QObject):
    """Spelling for one tab's drafting fields, knowing its case's names (`known`), keeping a
    word in the mediator's dictionary through `keep`, and checking only while `enabled`."""

    def __init__(
        self,
        parent: QObject,
        fields: Sequence[QWidget],
        known: Callable[[], frozenset[str]],
        keep: Callable[[str], None],
        enabled: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self.fields = [f for f in fields if isinstance(f, QPlainTextEdit)]
        self.lines = [f for f in fields if isinstance(f, QLineEdit)]  # one-line fields
        self.known, self.keep, self.enabled = known, keep, enabled
        self.checker: Checker | None = None
        self.menu: QMenu | None = None  # the last spelling menu shown (for tests)
        self.stopped = False
        self._blocks: dict[str, list[Misspelling]] = {}
        self._shown: dict[QPlainTextEdit, bool] = {}
        self.underline_format = QTextCharFormat()
        # The style's own spelling underline, in the text's colour: no colour of its own, so
        # that it shows in dark mode and high-contrast themes alike.
        self.underline_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        for field in self.fields:
            field.textChanged.connect(lambda f=field: self.underline(f))
            field.cursorPositionChanged.connect(lambda f=field: self.underline(f))
            field.installEventFilter(self)
            field.viewport().installEventFilter(self)
            tip = field.toolTip()
            field.setToolTip(f"{tip}\n{HINT}" if tip else HINT)
        self.overlays = {line: LineUnderlines(line, self) for line in self.lines}
        for line in self.lines:
            line.installEventFilter(self)
            tip = line.toolTip()
            line.setToolTip(f"{tip}\n{HINT}" if tip else HINT)
        hub().ready.connect(self.refresh)
        hub().words_changed.connect(self.refresh)
        self.refresh()

    def stop(self) -> None:
        """The case file is closing: hear no more from the dictionary (it may finish being
        read after), and ask the file nothing more."""
        self.stopped = True
        hub().ready.disconnect(self.refresh)
        hub().words_changed.disconnect(self.refresh)

    # -- underlining -------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Check every field again: the case, its names or the mediator's words changed."""
        if self.stopped:
            return
        dictionary = loaded_dictionary()
        self.checker = None
        if dictionary is not None and self.enabled():
            self.checker = Checker(dictionary, self.known())
        self._blocks.clear()
        for field in self.fields:
            self.underline(field)
        for overlay in self.overlays.values():
            overlay.update()

    def misspelt_in(self, text: str) -> list[Misspelling]:
        """The misspellings in one paragraph, remembered by its text: a keystroke checks only
        the paragraph it changed."""
        assert self.checker is not None
        found = self._blocks.get(text)
        if found is None:
            if len(self._blocks) > 2000:
                self._blocks.clear()
            found = self._blocks[text] = self.checker.misspelt(text)
        return found

    def spans(self, field: QPlainTextEdit, typing: bool = True) -> list[tuple[int, int]]:
        """Where the misspelt words are in `field` (document positions), leaving out (when
        `typing`) the word the cursor is at the end of while the field is being typed in."""
        if self.checker is None or field.isReadOnly():
            return []
        typing_at = field.textCursor().position() if typing and field.hasFocus() else -1
        found: list[tuple[int, int]] = []
        block = field.document().firstBlock()
        while block.isValid():
            text = block.text()
            for word in self.misspelt_in(text):
                start = block.position() + _utf16(text, word.start)
                end = block.position() + _utf16(text, word.end)
                if end != typing_at:
                    found.append((start, end))
            block = block.next()
        return found

    def underline(self, field: QPlainTextEdit) -> None:
        spans = self.spans(field)
        if not spans and not self._shown.get(field):
            return  # the usual case while typing: nothing to draw, nothing drawn
        # Drawn again even when the words are where they were: a drawn underline follows the
        # text as it is edited, and one typed onto would grow to take in what is typed.
        self._shown[field] = bool(spans)
        selections = []
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(field.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = self.underline_format
            selections.append(selection)
        field.setExtraSelections(selections)

    # -- offering spellings ------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            field = watched if watched in self.fields else watched.parent()
            if isinstance(field, QPlainTextEdit) and field in self.fields:
                assert hasattr(event, "pos")
                keyboard = watched is field  # the Menu key reaches the field, a click its view
                self.offer(field, None if keyboard else event.pos())
                return True
            if isinstance(watched, QLineEdit) and watched in self.lines:
                assert hasattr(event, "pos")
                self.offer_line(watched, watched.cursorPositionAt(event.pos()))
                return True
        elif kind == QEvent.Type.KeyPress and (watched in self.fields or watched in self.lines):
            assert isinstance(event, QKeyEvent)
            if QKeySequence(event.keyCombination()) == SPELLING_KEYS:
                if isinstance(watched, QLineEdit):
                    self.next_in_line(watched)
                else:
                    assert isinstance(watched, QPlainTextEdit)
                    self.next_misspelling(watched)
                return True
        return super().eventFilter(watched, event)

    # -- one-line fields ---------------------------------------------------------------------
    def line_spans(self, line: QLineEdit, typing: bool = True) -> list[tuple[int, int]]:
        """Where the misspelt words are in a one-line field (in Qt's units), leaving out (when
        `typing`) the word the cursor is at the end of while it is typed in."""
        if self.checker is None or line.isReadOnly() or not line.isEnabled():
            return []
        text = line.text()
        typing_at = line.cursorPosition() if typing and line.hasFocus() else -1
        spans = [(_utf16(text, w.start), _utf16(text, w.end)) for w in self.misspelt_in(text)]
        return [span for span in spans if span[1] != typing_at]

    def next_in_line(self, line: QLineEdit) -> QMenu | None:
        """Select the misspelt word at or after the cursor in a one-line field, and offer
        spellings for it."""
        spans = self.line_spans(line, typing=False)
        here = line.selectionEnd() if line.hasSelectedText() else line.cursorPosition()
        ahead = [s for s in spans if (s[0] >= here if line.hasSelectedText() else s[1] >= here)]
        if not (ahead or spans):
            QToolTip.showText(
                line.mapToGlobal(line.cursorRect().center()), "No misspelt words here.", line
            )
            return None
        start, end = (ahead or spans)[0]
        line.setSelection(start, end - start)
        return self.offer_line(line, start)

    def offer_line(self, line: QLineEdit, position: int) -> QMenu:
        """The one-line field's editing menu, headed by spellings for the misspelt word at
        `position` (if it is on one)."""
        menu = line.createStandardContextMenu()
        menu.setAccessibleName("Spelling and editing")
        for start, end in self.line_spans(line, typing=False):
            if start <= position <= end:
                word = line.text()[start:end]  # the same in Qt's units for one-line names

                def replace(spelling: str, start: int = start, end: int = end) -> None:
                    line.setSelection(start, end - start)
                    line.insert(spelling)  # one step of Undo, heard as an edit
                    line.setFocus()

                self._head_with_spellings(menu, word, replace)
                break
        self.menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(line.mapToGlobal(line.cursorRect().center()))
        return menu

    def next_misspelling(self, field: QPlainTextEdit) -> QMenu | None:
        """Select the misspelt word at or after the cursor (from the top again at the end) and
        offer spellings for it; say so when there is none."""
        spans = [] if self.checker is None else self.spans(field, typing=False)
        cursor = field.textCursor()
        if cursor.hasSelection():  # a word chosen before: the one after it
            ahead = [s for s in spans if s[0] >= cursor.selectionEnd()] or spans
        else:  # the word at the cursor, or the next
            ahead = [s for s in spans if s[1] >= cursor.position()] or spans
        if not ahead:
            reason = hub().problem or (
                "Spelling is off for this case file (Settings ▸ Spelling)."
                if not self.enabled()
                else "No misspelt words here."
                if self.checker is not None
                else "The dictionary is still being read."
            )
            QToolTip.showText(field.mapToGlobal(field.cursorRect().center()), reason, field)
            return None
        start, end = ahead[0]
        cursor = field.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        field.setTextCursor(cursor)
        field.ensureCursorVisible()
        return self.offer(field, None)

    def offer(self, field: QPlainTextEdit, at: QPoint | None) -> QMenu:
        """The editing menu, headed by spellings for the misspelt word at `at` (a point in the
        field's view), or at the cursor when `at` is None (the keyboard)."""
        if at is None:
            at = field.cursorRect().center()
            cursor = field.textCursor()
            cursor.setPosition(cursor.selectionStart())
        else:
            cursor = field.cursorForPosition(at)
        menu = field.createStandardContextMenu(at)
        menu.setAccessibleName("Spelling and editing")
        found = self._word_at(cursor) if self.checker is not None else None
        if found is not None:
            word, text = found
            at_block = cursor.block().position()
            start = at_block + _utf16(text, word.start)
            end = at_block + _utf16(text, word.end)
            self._head_with_spellings(
                menu, word.word, lambda spelling: self._replace(field, start, end, spelling)
            )
        self.menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(field.viewport().mapToGlobal(at))
        return menu

    def _word_at(self, cursor: QTextCursor) -> tuple[Misspelling, str] | None:
        text = cursor.block().text()
        assert self.checker is not None
        position = cursor.positionInBlock()
        for word in self.misspelt_in(text):
            if _utf16(text, word.start) <= position <= _utf16(text, word.end):
                return word, text
        return None

    def _head_with_spellings(self, menu: QMenu, word: str, replace: Callable[[str], None]) -> None:
        """Spellings for `word` at the head of `menu` (found on a worker while it shows), each
        put in by `replace`; and Add to your dictionary."""
        first = menu.actions()[0] if menu.actions() else menu.addSeparator()
        looking = QAction("Finding spellings…", menu)
        looking.setEnabled(False)
        add = QAction(f"Add “{word}” to your dictionary", menu)
        add.triggered.connect(lambda: self._keep(word))
        menu.insertAction(first, looking)
        menu.insertSeparator(first)
        menu.insertAction(first, add)
        menu.insertSeparator(first)
        checker = self.checker
        assert checker is not None
        closed = [False]
        menu.aboutToHide.connect(lambda: closed.__setitem__(0, True))

        def show(spellings: list[str]) -> None:
            if closed[0]:
                return
            if not spellings:
                looking.setText("No spellings found")
                return
            for spelling in spellings:
                action = QAction(spelling, menu)
                font = action.font()
                font.setBold(True)
                action.setFont(font)
                action.triggered.connect(lambda _checked=False, s=spelling: replace(s))
                menu.insertAction(looking, action)
            menu.removeAction(looking)

        run_in_background(
            lambda: checker.suggestions(word, stop=lambda: closed[0]),
            show, lambda _error: looking.setText("No spellings found"), owner=menu,
        )  # fmt: skip

    def _replace(self, field: QPlainTextEdit, start: int, end: int, spelling: str) -> None:
        """The word replaced by `spelling`, as one step of Undo."""
        cursor = QTextCursor(field.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(spelling)
        cursor.endEditBlock()
        field.setTextCursor(cursor)
        field.setFocus()

    def _keep(self, word: str) -> None:
        """Keep `word` in the mediator's dictionary; every field checks again."""
        try:
            self.keep(word)
        except CaseFileError as error:  # read-only, or the file could not be written
            QToolTip.showText(QCursor.pos(), f"✖ {error.message}")
            return
        hub().words_changed.emit()


class LineUnderlines(QWidget):
    """Draws the wavy underlines over a one-line field, which has no text layout of its own
    to carry them: a see-through layer above it, never taking a click or the focus."""

    def __init__(self, line: QLineEdit, speller: Speller) -> None:
        super().__init__(line)
        self.line, self.speller = line, speller
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Spelling underlines")
        line.textChanged.connect(self.update)
        line.cursorPositionChanged.connect(self.update)
        line.installEventFilter(self)
        self.setGeometry(line.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.line.rect())
        elif event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()  # the word at the cursor is drawn once the field is left
        return super().eventFilter(watched, event)

    def x_at(self, position: int) -> int:
        """Where a position in the text is drawn: the field scrolls its text, so measured
        from where it draws the cursor."""
        metrics = self.line.fontMetrics()
        text = self.line.text()
        cursor_x = self.line.cursorRect().center().x()
        offset = cursor_x - metrics.horizontalAdvance(text[: self.line.cursorPosition()])
        return offset + metrics.horizontalAdvance(text[:position])

    def paintEvent(self, event: QPaintEvent) -> None:
        spans = self.speller.line_spans(self.line)
        if not spans:
            return
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1))
        y = self.line.cursorRect().bottom() - 2
        for start, end in spans:
            left, right = self.x_at(start), self.x_at(end)
            wave = [
                QPoint(x, y + (2 if (x - left) // 2 % 2 else 0)) for x in range(left, right + 1, 2)
            ]
            painter.drawPolyline(wave)
        painter.end()


def enable_spelling(
    parent: QObject,
    fields: Sequence[QWidget],
    known: Callable[[], frozenset[str]],
    keep: Callable[[str], None],
    enabled: Callable[[], bool] = lambda: True,
) -> Speller:
    return Speller(parent, fields, known, keep, enabled)
