"""Each party's confirmation that the statement, as shown, is accurate: the dialog that
records one, and the box that shows who has confirmed which version (or, once sealed, the
seal and whether it still verifies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.case import Case
from ....domain.dates import long_date
from ....domain.spoken import hearing_helps
from ....domain.statement import ConfirmedHow
from ....domain.wording import Piece
from ....services import Desk
from ...widgets.date_field import DateField
from ...widgets.fields import combo, message_label, wrapping_list
from ...widgets.read_aloud import READ_KEYS, STOP_KEYS, ReadAloudBar
from ...widgets.word_changes import ChangesView

# Records a confirmation; returns why it was refused (shown in the dialog), or None.
RecordConfirmation = Callable[[int, ConfirmedHow, dt.date | None], str | None]
# The words changed since a party last confirmed, with which version that was; None when they
# have not confirmed, or confirmed the text as it is now.
ChangesSince = Callable[[int], tuple[tuple[Piece, ...], str] | None]


class ConfirmDialog(QDialog):
    """Record one party's agreement that the statement, as now shown, is accurate. With
    `record`, the dialog records it itself and stays open with the reason when it is refused
    (a confirmation at the meeting is on the meeting day; one in writing carries the date it
    was given, on or after the meeting and not in the future)."""

    def __init__(
        self,
        parties: list[tuple[str, int]],
        what: str,
        parent: QWidget,
        record: RecordConfirmation | None = None,
        today: dt.date | None = None,
        changes_since: ChangesSince | None = None,
        read_aloud: ReadAloudBar | None = None,
        needs: dict[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        # Each party's access needs, where they suggest reading the statement aloud to them
        self._hearing = {p: n for p, n in (needs or {}).items() if hearing_helps(n)}
        self.setWindowTitle(f"Confirm the {what}")
        self._record = record
        self.party = combo("Party confirming", parties)
        self.how = combo("How they confirmed", [(h.label, h) for h in ConfirmedHow])
        self.given_on = DateField("Date given in writing", self)
        self.given_on.set_value(today)
        self.given_on.setVisible(record is not None)
        form = QFormLayout()
        form.addRow("&Party:", self.party)
        form.addRow("&How:", self.how)
        if record is not None:
            form.addRow("&Given in writing on:", self.given_on)
        self.how.currentIndexChanged.connect(self._how_changed)
        self._how_changed()
        note = QLabel(
            f"Read the {what} through with them on the shared screen, then record that they "
            "agree it is accurate. Any later change means confirming again."
        )
        note.setWordWrap(True)
        self._changes_since = changes_since
        self.changes_title = QLabel()
        self.changes_title.setWordWrap(True)
        self.changes = ChangesView(self)
        self.changes_title.setBuddy(self.changes)
        self.hearing_note = QLabel()
        self.hearing_note.setWordWrap(True)
        self.party.currentIndexChanged.connect(self._party_changed)
        self._party_changed()
        self.problem = message_label("Why the confirmation was not recorded")
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Record confirmation")
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        self.read_button: QPushButton | None = None
        if read_aloud is not None:  # the Meeting tab's voice, its keys working here too
            self.read_button = buttons.addButton(
                "&Read it aloud (F8)", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.read_button.setToolTip("F8 pauses and goes on; Ctrl+F8 stops.")
            self.read_button.clicked.connect(read_aloud.read_or_pause)
            QShortcut(READ_KEYS, self, read_aloud.read_or_pause)
            QShortcut(STOP_KEYS, self, read_aloud.voice.stop)
            self.finished.connect(lambda _result: read_aloud.voice.stop())
            self.reading = QLabel()
            self.reading.setWordWrap(True)
            self.reading.setAccessibleName("Reading aloud")
            read_aloud.voice.changed.connect(
                lambda: self.reading.setText(read_aloud.voice.describe())
            )
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.hearing_note)
        if read_aloud is not None:
            layout.addWidget(self.reading)
        layout.addLayout(form)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _party_changed(self) -> None:
        """For a party who confirmed an earlier version: what changed since, word by word."""
        found = None
        if self._changes_since is not None and self.party.currentData() is not None:
            found = self._changes_since(self.party.currentData())
        if found is not None:
            pieces, since = found
            self.changes_title.setText(f"What &changed since {since}:")
            self.changes.show_changes(pieces, since)
        self.changes_title.setVisible(found is not None)
        self.changes.setVisible(found is not None)
        needs = self._hearing.get(self.party.currentData(), "")
        self.hearing_note.setText(
            f"Their access needs: “{needs}”. Read it aloud (F8) reads the statement to them "
            "with this computer's voice."
            if needs
            else ""
        )
        self.hearing_note.setVisible(bool(needs))

    def _how_changed(self) -> None:
        self.given_on.setEnabled(self.how.currentData() is ConfirmedHow.IN_WRITING)

    def _try_accept(self) -> None:
        if self._record is None:
            self.accept()
            return
        how = self.how.currentData()
        given = self.given_on.value() if how is ConfirmedHow.IN_WRITING else None
        refusal = self._record(self.party.currentData(), how, given)
        if refusal:
            self.problem.setText(refusal)
            self.problem.setVisible(True)
            return
        self.accept()


class ConfirmationsBox(QGroupBox):
    """The statement's state in words, the seal (when sealed) and each party's confirmation."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Confirmations", parent)
        self.desk = desk
        self.status = message_label("Statement status")
        self.sealed_banner = message_label("Seal")
        self.sealed_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.sealed_banner.setMargin(8)
        self.sealed_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parties = wrapping_list("Confirmations by party")
        self.changes_button = QPushButton("What changed since they confirmed…")
        self.changes_button.setToolTip(
            "For a party who confirmed an earlier version: the words changed since, word by word"
        )
        self.changes_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.sealed_banner)
        layout.addWidget(self.parties, 1)
        layout.addWidget(self.changes_button)

    def refresh(self, case: Case) -> bool:
        """Show the case's statement as stored; True when it is sealed."""
        assert case.id is not None
        statement = self.desk.statement
        seal = statement.seal_of(case.id)
        self.parties.clear()
        if seal is not None:
            confirmed = [
                c
                for c in statement.confirmations(case.id)
                if not c.addendum_id and c.sha256 == seal.sha256
            ]
            who = (
                ", ".join(sorted({c.party for c in confirmed}))
                or "no one (no confirmation is of this text)"
            )
            problems = statement.verify(case)
            verified = "verified against its confirmations, audit trail and signature"
            text = (
                f"Sealed on {long_date(seal.sealed_at.date())} at {seal.sealed_at:%H:%M}, "
                f"version {seal.version}.\nSHA-256 {seal.sha256}"
                + (" (NOT verified).\n" if problems else f" ({verified}).\n")
                + f"Confirmed as accurate by: {who}.\nIt can never be changed: to correct it, "
                "add an addendum."
            )
            if problems:
                text = (
                    f"This statement failed verification: {' '.join(problems)} It must not be "
                    f"relied on as the sealed record.\n\n{text}"
                )
            self.sealed_banner.setText(text)
            self.status.setText(
                "This statement is sealed, but it failed verification."
                if problems
                else "This statement is sealed."
            )
            for confirmation in confirmed:
                described = confirmation.how.describe(confirmation.confirmed_at)
                self.parties.addItem(f"✔ {confirmation.party}: {described}")
        else:
            statuses = statement.parties(case)
            version = statement.latest_version(case)
            done = sum(1 for s in statuses if s.current)
            self.status.setText(
                f"Draft. {done} of {len(statuses)} required parties have confirmed the current "
                f"text" + (f" (last confirmed version: {version})." if version else ".")
            )
            for status in statuses:
                mark = "✔" if status.current else ("⚠" if status.stale else "○")
                self.parties.addItem(f"{mark} {status.attendee.name}: {status.describe()}")
                if status.stale:  # the item knows whose changes to show
                    item = self.parties.item(self.parties.count() - 1)
                    item.setData(Qt.ItemDataRole.UserRole, status.attendee.id)
            if not statuses:
                self.parties.addItem("Tick who is present: each main party confirms the text.")
        self.sealed_banner.setVisible(seal is not None)
        self.changes_button.setVisible(bool(self.stale_parties()))
        return seal is not None

    def stale_parties(self) -> list[int]:
        """The attendees who confirmed an earlier version, selected one first."""
        found = [
            self.parties.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.parties.count())
        ]
        chosen = self.parties.currentItem()
        first = chosen.data(Qt.ItemDataRole.UserRole) if chosen is not None else None
        return sorted((i for i in found if i is not None), key=lambda i: i != first)
