"""The presenter view: the outcome statement, and only the statement, for sharing on a video
call. Large type, high contrast, the current issue kept in view. It never shows private notes,
the casebook, another case or a file path."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit, QVBoxLayout, QWidget

BASE_POINT_SIZE = 20
Section = tuple[str, Any]  # (kind, what it shows): equal sections need no rewriting


def statement_sections(content: dict[str, Any]) -> tuple[tuple[str, ...], list[Section]]:
    """The statement as its heading line and its sections, in the order shown, each carrying
    exactly the text it will show."""
    details = [content.get("reference", ""), content.get("child", "")]
    if content.get("meeting_date"):
        details.append(f"Meeting on {content['meeting_date']}")
    sections: list[Section] = []
    if content.get("present"):
        people = "\n".join(
            "- " + ", ".join(
                part for part in (
                    p["name"], p["role"], p["organisation"],
                    f"from {p['arrived']}" if p["arrived"] else "",
                    f"left {p['left']}" if p["left"] else "",
                ) if part
            )
            for p in content["present"]
        )  # fmt: skip
        sections.append(("present", people))
    for number, issue in enumerate(content.get("issues", []), start=1):
        actions = "\n".join(
            "- " + a["what"] + (f" ({a['who']})" if a["who"] else "")
            + (f", by {a['by']}" if a["by"] else "")
            for a in issue["actions"]
        )  # fmt: skip
        sections.append(
            ("issue", (number, issue["title"], issue["discussion"], issue["outcome"], actions))
        )
    for key, title in (
        ("other_matters", "Other matters"),
        ("next_steps", "Next steps"),
        ("appeal_information", "Appeal information"),
    ):
        if content.get(key, "").strip():
            sections.append(("general", (title, content[key])))
    for addendum in content.get("addenda", []):
        sections.append(("general", (f"Addendum: {addendum['reason']}", addendum["text"])))
    return tuple(details), sections


class PresenterWindow(QWidget):
    """A top-level window: move it to another screen and press F11 for full screen."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Outcome statement")
        # Opening it must not take the keyboard from the mediator's drafting window.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAccessibleName("Outcome statement for the parties")
        self.resize(1000, 760)
        palette = QPalette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Window, QColor("#ffffff"))
            palette.setColor(group, QPalette.ColorRole.Base, QColor("#ffffff"))
            palette.setColor(group, QPalette.ColorRole.WindowText, QColor("#111111"))
            palette.setColor(group, QPalette.ColorRole.Text, QColor("#111111"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Statement status")
        self.view = QTextEdit()
        self.view.setReadOnly(True)
        self.view.setUndoRedoEnabled(False)  # rewritten at every refresh: keep no history
        self.view.setAccessibleName("Outcome statement")
        self.view.setFrameShape(QTextEdit.Shape.NoFrame)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.zoom = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._shown: tuple[dict[str, Any], str, int | None] | None = None
        self._header: tuple[str, ...] = ()
        self._sections: list[Section] = []  # as shown, in order
        self._starts: list[int] = []  # where each begins in the document
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.showNormal)
        QShortcut(QKeySequence("Ctrl+Shift+M"), self, self.next_screen)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, lambda: self.set_zoom(2))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, lambda: self.set_zoom(-2))
        self._apply_font()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def move_to_screen(self, index: int) -> None:
        screens = QApplication.screens()
        if 0 <= index < len(screens):
            self.setScreen(screens[index])
            self.move(screens[index].availableGeometry().topLeft())

    def next_screen(self) -> None:
        """Move to the next screen (for a second monitor that is being shared)."""
        screens = QApplication.screens()
        if len(screens) > 1:
            current = screens.index(self.screen()) if self.screen() in screens else 0
            self.move_to_screen((current + 1) % len(screens))

    def set_zoom(self, step: int) -> None:
        self.zoom = max(-8, min(24, self.zoom + step))
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSize(BASE_POINT_SIZE + self.zoom)
        self.view.document().setDefaultFont(font)
        status_font = QFont(font)
        status_font.setPointSize(max(10, (BASE_POINT_SIZE + self.zoom) * 2 // 3))
        self.status.setFont(status_font)
        if self._shown is not None:  # the sizes are in the text's formats: write it again
            self._sections = []
            self.show_statement(*self._shown)

    # -- rendering (plain text only: nothing typed is ever read as markup) --------------------
    def show_statement(self, content: dict[str, Any], status: str, focus_issue: int | None) -> None:
        """Show `content`, rewriting only the sections that changed since the last call: a
        keystroke's refresh lays out one issue, not the whole statement, so typing never
        waits for the shared screen."""
        self._shown = (content, status, focus_issue)
        self.status.setText(status)
        header, sections = statement_sections(content)
        document = self.view.document()
        scroll = self.view.verticalScrollBar().value()
        if header != self._header or not self._sections:
            document.clear()
            cursor = QTextCursor(document)
            self._write_header(cursor, header)
            self._header, self._sections, self._starts = header, [], []
            self._replace(0, 0, sections)
        else:
            old = self._sections
            same_start = 0
            while (
                same_start < min(len(old), len(sections))
                and old[same_start] == sections[same_start]
            ):
                same_start += 1
            same_end = 0
            while (
                same_end < min(len(old), len(sections)) - same_start
                and old[len(old) - 1 - same_end] == sections[len(sections) - 1 - same_end]
            ):
                same_end += 1
            if same_start < len(old) or same_start < len(sections):
                self._replace(
                    same_start, len(old) - same_end, sections[same_start : len(sections) - same_end]
                )
        if focus_issue is not None and 0 <= focus_issue < len(self._issue_positions()):
            self.show_issue(focus_issue)
        else:
            self.view.verticalScrollBar().setValue(scroll)

    def show_changes(self, changes_html: str, status: str) -> None:
        """Show the room what changed since a party confirmed (word_changes.changes_html, whose
        words are escaped), in place of the statement until it is shown again, whole."""
        self.status.setText(status)
        self.view.setHtml(changes_html)
        self._header, self._sections, self._starts = (), [], []  # rewritten whole next time

    def _replace(self, first: int, last: int, new: list[Section]) -> None:
        """Put `new` in place of sections first..last-1 (each begins with a new block, so a
        section's text runs from its start to the next section's start)."""
        document = self.view.document()
        end_of_all = document.characterCount() - 1
        begin = self._starts[first] if first < len(self._starts) else end_of_all
        finish = self._starts[last] if last < len(self._starts) else end_of_all
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.setPosition(begin)
        cursor.setPosition(finish, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        starts = []
        for section in new:
            starts.append(cursor.position())
            self._write_section(cursor, section)
        cursor.endEditBlock()
        shift = (cursor.position() - begin) - (finish - begin)
        self._starts = self._starts[:first] + starts + [s + shift for s in self._starts[last:]]
        self._sections = self._sections[:first] + new + self._sections[last:]

    def _issue_positions(self) -> list[int]:
        """Where each issue's heading is (the block after its section's start)."""
        return [
            start + 1
            for start, (kind, _) in zip(self._starts, self._sections, strict=True)
            if kind == "issue"
        ]

    def _base(self) -> float:
        return self.view.document().defaultFont().pointSizeF()

    def _heading(self, cursor: QTextCursor, text: str, scale: float) -> None:
        base = self._base()
        block = QTextBlockFormat()
        block.setTopMargin(base * 0.8)
        block.setBottomMargin(base * 0.3)
        char = QTextCharFormat()
        char.setFontWeight(QFont.Weight.Bold)
        char.setFontPointSize(base * scale)
        if not cursor.atStart():
            cursor.insertBlock(block, char)
        else:
            cursor.setBlockFormat(block)
            cursor.setCharFormat(char)
        cursor.insertText(text)

    def _paragraph(self, cursor: QTextCursor, text: str) -> None:
        plain = QTextCharFormat()
        plain.setFontPointSize(self._base())
        bullets: list[str] = []

        def flush_bullets() -> None:
            if not bullets:
                return
            cursor.insertBlock(QTextBlockFormat(), plain)
            listing = QTextListFormat()
            listing.setStyle(QTextListFormat.Style.ListDisc)
            cursor.createList(listing)
            for number, item in enumerate(bullets):
                if number:
                    cursor.insertBlock()
                cursor.insertText(item, plain)
            bullets.clear()

        for line in (line.rstrip() for line in text.splitlines()):
            stripped = line.lstrip()
            if stripped[:2] in ("- ", "• ", "* "):
                bullets.append(stripped[2:])
                continue
            flush_bullets()
            if stripped:
                cursor.insertBlock(QTextBlockFormat(), plain)
                cursor.insertText(stripped, plain)
        flush_bullets()

    def _write_header(self, cursor: QTextCursor, header: tuple[str, ...]) -> None:
        self._heading(cursor, "Outcome statement", 1.5)
        self._paragraph(cursor, " · ".join(d for d in header if d))

    def _write_section(self, cursor: QTextCursor, section: Section) -> None:
        kind, value = section
        if kind == "present":
            self._heading(cursor, "Present", 1.15)
            self._paragraph(cursor, value)
        elif kind == "issue":
            number, title, discussion, outcome, actions = value
            self._heading(cursor, f"{number}. {title or 'Issue'}", 1.2)
            if discussion.strip():
                self._paragraph(cursor, discussion)
            if outcome:
                self._paragraph(cursor, f"Outcome: {outcome}")
            if actions:
                self._paragraph(cursor, "Agreed actions:")
                self._paragraph(cursor, actions)
        else:
            title, text = value
            self._heading(cursor, title, 1.15)
            self._paragraph(cursor, text)

    def show_issue(self, index: int) -> None:
        """Keep the issue being drafted in view."""
        positions = self._issue_positions()
        if not 0 <= index < len(positions):
            return
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(min(positions[index], self.view.document().characterCount() - 1))
        block_top = self.view.document().documentLayout().blockBoundingRect(cursor.block()).top()
        self.view.verticalScrollBar().setValue(int(block_top))

    def text(self) -> str:
        """Everything the window shows, for checks that nothing private is on screen."""
        return self.status.text() + "\n" + self.view.document().toPlainText()
