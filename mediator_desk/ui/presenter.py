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
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit, QVBoxLayout, QWidget

BASE_POINT_SIZE = 20


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
        self.view.setAccessibleName("Outcome statement")
        self.view.setFrameShape(QTextEdit.Shape.NoFrame)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.zoom = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._issue_positions: list[int] = []
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

    # -- rendering (plain text only: nothing typed is ever read as markup) --------------------
    def show_statement(self, content: dict[str, Any], status: str, focus_issue: int | None) -> None:
        scroll = self.view.verticalScrollBar().value()
        document = QTextDocument(self.view)
        document.setDefaultFont(self.view.document().defaultFont())
        cursor = QTextCursor(document)
        base = document.defaultFont().pointSizeF()
        self._issue_positions = []

        def heading(text: str, scale: float) -> None:
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

        def paragraph(text: str) -> None:
            plain = QTextCharFormat()
            plain.setFontPointSize(base)
            lines = [line.rstrip() for line in text.splitlines()]
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

            for line in lines:
                stripped = line.lstrip()
                if stripped[:2] in ("- ", "• ", "* "):
                    bullets.append(stripped[2:])
                    continue
                flush_bullets()
                if stripped:
                    cursor.insertBlock(QTextBlockFormat(), plain)
                    cursor.insertText(stripped, plain)
            flush_bullets()

        heading("Outcome statement", 1.5)
        details = [content.get("reference", ""), content.get("child", "")]
        if content.get("meeting_date"):
            details.append(f"Meeting on {content['meeting_date']}")
        paragraph(" · ".join(d for d in details if d))
        if content.get("present"):
            heading("Present", 1.15)
            paragraph("\n".join(
                "- " + ", ".join(
                    part for part in (
                        p["name"], p["role"], p["organisation"],
                        f"from {p['arrived']}" if p["arrived"] else "",
                        f"left {p['left']}" if p["left"] else "",
                    ) if part
                )
                for p in content["present"]
            ))  # fmt: skip
        for number, issue in enumerate(content.get("issues", []), start=1):
            self._issue_positions.append(cursor.position())
            heading(f"{number}. {issue['title'] or 'Issue'}", 1.2)
            if issue["discussion"].strip():
                paragraph(issue["discussion"])
            if issue["outcome"]:
                paragraph(f"Outcome: {issue['outcome']}")
            if issue["actions"]:
                paragraph("Agreed actions:")
                paragraph("\n".join(
                    "- " + a["what"] + (f" ({a['who']})" if a["who"] else "")
                    + (f", by {a['by']}" if a["by"] else "")
                    for a in issue["actions"]
                ))  # fmt: skip
        for key, title in (
            ("other_matters", "Other matters"),
            ("next_steps", "Next steps"),
            ("appeal_information", "Appeal information"),
        ):
            if content.get(key, "").strip():
                heading(title, 1.15)
                paragraph(content[key])
        for addendum in content.get("addenda", []):
            heading(f"Addendum: {addendum['reason']}", 1.15)
            paragraph(addendum["text"])
        self.view.setDocument(document)
        self.status.setText(status)
        if focus_issue is not None and 0 <= focus_issue < len(self._issue_positions):
            self.show_issue(focus_issue)
        else:
            self.view.verticalScrollBar().setValue(scroll)

    def show_issue(self, index: int) -> None:
        """Keep the issue being drafted in view."""
        if not 0 <= index < len(self._issue_positions):
            return
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(
            min(self._issue_positions[index], self.view.document().characterCount() - 1)
        )
        block_top = self.view.document().documentLayout().blockBoundingRect(cursor.block()).top()
        self.view.verticalScrollBar().setValue(int(block_top))

    def text(self) -> str:
        """Everything the window shows, for checks that nothing private is on screen."""
        return self.status.text() + "\n" + self.view.document().toPlainText()
