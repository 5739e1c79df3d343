"""The words changed in the statement, shown as a reader needs them: added words underlined and
bold, removed words struck through (marked by more than colour, and no colour of its own, so it
reads in dark mode and on a projector), with long unchanged stretches shortened to a few words
either side of each change."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.wording import Change, Piece, describe

CONTEXT_WORDS = 8  # unchanged words kept either side of a change
LEGEND = "Added words are underlined and bold; removed words are struck through."


def condensed(pieces: Sequence[Piece], context: int = CONTEXT_WORDS) -> list[Piece]:
    """The pieces with each long unchanged stretch cut to `context` words either side."""
    shown: list[Piece] = []
    for index, piece in enumerate(pieces):
        words = piece.text.split(" ")
        if piece.change is not Change.SAME or len(words) <= 2 * context + 1:
            shown.append(piece)
            continue
        head, tail = " ".join(words[:context]), " ".join(words[-context:])
        if index == 0:
            text = f"… {tail}"
        elif index == len(pieces) - 1:
            text = f"{head} …"
        else:
            text = f"{head} … {tail}"
        shown.append(Piece(Change.SAME, text))
    return shown


def changes_html(pieces: Sequence[Piece]) -> str:
    parts = []
    before = Change.SAME
    for piece in condensed(pieces):
        text = html.escape(piece.text).replace("\n", "<br>")
        if piece.change is Change.ADDED:
            gap = " " if before is Change.REMOVED else ""  # "weekly fortnightly", not run together
            parts.append(f'{gap}<u><b title="added">{text}</b></u>')
        elif piece.change is Change.REMOVED:
            parts.append(f'<s title="removed">{text}</s>')
        else:
            parts.append(text)
        before = piece.change
    return "".join(parts)


def changes_plain(pieces: Sequence[Piece]) -> str:
    """The same for a screen reader: [added: …] and [removed: …] in the words."""
    marks = {Change.ADDED: "[added: {}]", Change.REMOVED: "[removed: {}]", Change.SAME: "{}"}
    return "".join(marks[p.change].format(p.text) for p in condensed(pieces))


class ChangesView(QTextBrowser):
    """Read-only: the changes since a version, with a one-line summary above them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What changed")
        self.setOpenLinks(False)
        self.pieces: tuple[Piece, ...] = ()

    def show_changes(self, pieces: Sequence[Piece], since: str) -> None:
        self.pieces = tuple(pieces)
        summary = f"{describe(pieces)} since {since}."
        self.setHtml(f"<p><i>{html.escape(summary)} {LEGEND}</i></p><p>{changes_html(pieces)}</p>")
        self.setAccessibleDescription(f"{summary} {changes_plain(pieces)}")


class ChangesDialog(QDialog):
    """What changed since a party confirmed, for the mediator; with `to_room`, a button shows
    the same on the presenter view for the parties."""

    def __init__(
        self, pieces: Sequence[Piece], since: str, parent: QWidget,
        to_room: Callable[[], None] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(f"What changed since {since}")
        self.resize(640, 420)
        self.changes = ChangesView(self)
        self.changes.show_changes(pieces, since)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.to_room: QPushButton | None = None
        if to_room is not None:
            self.to_room = buttons.addButton(
                "Show to the &room", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.to_room.setToolTip("Show these changes on the presenter view the parties see")
            self.to_room.clicked.connect(to_room)
        layout = QVBoxLayout(self)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
