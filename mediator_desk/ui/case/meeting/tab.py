"""The live meeting: who is present, the issues in dispute with their discussion points,
outcomes and agreed actions, the general sections, the mediator's private notes, each party's
confirmation against an exact version, the seal, and addenda afterwards.

Laid out for a laptop: the agenda and confirmations on the left, the issue being drafted on
the right, the other sections in tabs beneath it, so nothing needed mid-meeting scrolls away."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....domain.case import Case
from ....domain.dates import long_date
from ....domain.statement import ConfirmedHow, Outcome
from ....domain.wording import Piece
from ....services import Desk
from ....store.errors import CaseFileError
from ...autosave import autosaver_for
from ...editing import after_pending_edits, write_pending
from ...presenter import PresenterWindow
from ...settings import Settings
from ...widgets.fields import (
    SealedTyping,
    scroll_box,
    scroll_page,
    sealed_line,
    show_read_only,
    text_area,
)
from ...widgets.phrases import enable_phrases
from ...widgets.read_aloud import ReadAloudBar
from ...widgets.spelling import enable_spelling
from ...widgets.word_changes import ChangesDialog, changes_html
from ..page import CasePage
from .addenda import AddendaBox
from .clock import MeetingClock
from .conclude import ConcludeDialog
from .confirm import ConfirmationsBox, ConfirmDialog
from .issues import IssuesPanel
from .presence import PresenceTable

FOLLOW_TYPING_MS = 250  # with the presenter open, typing is written this soon, so it follows
ISSUE_LINE_CHARACTERS = 45  # the issue's column goes beside the agenda only with this room
PRESENTER_DELAY_MS = 30  # after a write: its own turn of the event loop, apart from the save


class MeetingTab(CasePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.sealed = False
        self.presenter: PresenterWindow | None = None
        self.changes_dialog: ChangesDialog | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self.conclude_dialog: ConcludeDialog | None = None
        self.record_saver = autosaver_for(self, self._save_record)
        self._presenter_timer = QTimer(self)
        self._presenter_timer.setSingleShot(True)
        self._presenter_timer.setInterval(PRESENTER_DELAY_MS)
        self._presenter_timer.timeout.connect(self.refresh_presenter)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(FOLLOW_TYPING_MS)
        self._follow_timer.timeout.connect(self._write_for_presenter)
        self._status_timer = QTimer(self)  # after a typed edit is written, in its own turn
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(0)
        self._status_timer.timeout.connect(self._refresh_status)

        self.presenter_button = QPushButton("Presenter view")
        self.presenter_button.setToolTip("Open the statement for screen sharing (F5)")
        self.confirm_button = QPushButton("Co&nfirm accuracy…")
        self.seal_button = QPushButton("Sea&l statement…")
        self.confirmations = ConfirmationsBox(desk)
        self.status = self.confirmations.status
        self.sealed_banner = self.confirmations.sealed_banner
        self.parties = self.confirmations.parties
        self.present = PresenceTable(desk)
        self.issues_panel = IssuesPanel(desk, self)
        self.issues_panel.hide()  # its two boxes are placed below; it owns their saver
        self.agenda = self.issues_panel.agenda
        self.issue_title = self.issues_panel.title
        self.outcome = self.issues_panel.outcome
        self.discussion = self.issues_panel.discussion
        self.action_editor = self.issues_panel.action_editor
        self.addenda_box = AddendaBox(desk)
        self.clock = MeetingClock(desk, dt.datetime.now)
        self.addendum_text = self.addenda_box.text
        self.sealed_note = sealed_line("Why the statement cannot be changed")
        self.sealed_note.setText(
            "This statement is sealed and can never be changed. To correct or add to it, add an "
            "addendum (the Addenda tab below)."
        )

        # The general sections and private notes
        self.other_matters = text_area("Other matters")
        self.next_steps = text_area("Next steps")
        self.appeal_information = text_area("Appeal information")
        self.private_notes = text_area(
            "Private notes", "Only you see these: never on the shared screen or in documents"
        )
        self.general = {
            "other_matters": self.other_matters,
            "next_steps": self.next_steps,
            "appeal_information": self.appeal_information,
            "private_notes": self.private_notes,
        }

        self.phrase_keys = enable_phrases(
            [self.discussion, self.other_matters, self.next_steps, self.addendum_text],
            lambda: (self.desk.phrases.phrases(), self.desk.phrases.values(self.case)),
        )  # Ctrl+Space: the service's phrases, filled from the case
        self.speller = enable_spelling(
            self,
            [self.discussion, self.other_matters, self.next_steps, self.appeal_information,
             self.addendum_text, self.private_notes, self.issue_title,
             self.action_editor.widgets["description"]],
            lambda: self.desk.spelling.known(self.case),
            self.desk.spelling.add_word,
            self.desk.spelling.enabled,
        )  # fmt: skip

        self.read_aloud = ReadAloudBar(self, self.content_to_read, self.agenda.currentRow)

        # Layout
        self.top = top = QHBoxLayout()
        for button in (self.presenter_button, self.confirm_button, self.seal_button):
            top.addWidget(button)
        top.addWidget(self.read_aloud)
        top.addStretch(1)
        top.addWidget(self.clock)
        present_box = QGroupBox("Present")
        QVBoxLayout(present_box).addWidget(self.present)
        general = QWidget()
        general_form = QFormLayout(general)
        general_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        general_form.addRow("Other matters:", self.other_matters)
        general_form.addRow("Ne&xt steps:", self.next_steps)
        general_form.addRow("Appeal information:", self.appeal_information)
        notes = QWidget()
        QVBoxLayout(notes).addWidget(self.private_notes)
        # Beneath the issue: its actions, the general sections, notes and addenda, each page
        # scrolling on its own so that the issue, the agenda and the confirmations stay in view.
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.pages: dict[str, QWidget] = {}
        for key, page, title, tip in (
            (
                "actions",
                self.action_editor,
                "Actions",
                "The actions agreed on the issue being drafted",
            ),
            ("general", general, "Other sections", "Other matters, next steps, appeal wording"),
            ("notes", notes, "Private notes", "Yours only: never shown to the parties"),
            ("addenda", self.addenda_box, "Addenda", "Corrections added after the seal"),
        ):
            self.pages[key] = scroll_box(page)
            index = self.sections.addTab(self.pages[key], title)
            self.sections.setTabToolTip(index, tip)
        self.left = QSplitter(Qt.Orientation.Vertical)
        for box in (self.issues_panel.agenda_box, self.confirmations, present_box):
            self.left.addWidget(box)
        for index, stretch in enumerate((2, 1, 1)):  # the agenda grows most
            self.left.setStretchFactor(index, stretch)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(self.issues_panel.issue_box)
        self.right.addWidget(self.sections)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.left)
        self.split.addWidget(self.right)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.splitters = {
            "meeting-agenda": self.left,
            "meeting-issue": self.right,
            "meeting-columns": self.split,
        }
        for splitter in self.splitters.values():
            splitter.setChildrenCollapsible(False)
        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.addLayout(top)
        body_layout.addWidget(self.read_aloud.status_row)
        body_layout.addWidget(self.sealed_note)
        self.clock_row = QHBoxLayout()  # the clock's place when the buttons leave it no room
        body_layout.addLayout(self.clock_row)
        body_layout.addWidget(self.split, 1)
        self.scroll_area = scroll_page(self, self.body)
        self.scroll_area.viewport().installEventFilter(self)

        # Signals and keys
        self.presenter_button.clicked.connect(self.open_presenter)
        self.confirmations.changes_button.clicked.connect(self.show_changes_since)
        self.confirm_button.clicked.connect(self.confirm)
        self.seal_button.clicked.connect(self.seal)
        for part in (self.issues_panel, self.present, self.addenda_box):
            part.save_failed.connect(self.save_failed)
        self.issues_panel.saved.connect(self.saved)
        self.issues_panel.stored.connect(self._after_save)
        self.issues_panel.content_changed.connect(self._content_changed)
        self.issues_panel.edited.connect(self._follow_typing)
        self.issues_panel.issue_shown.connect(self._issue_shown)
        self.present.stored.connect(self._content_changed)
        self.addenda_box.edited.connect(self._schedule_presenter)
        for name, area in self.general.items():
            area.textChanged.connect(lambda n=name, a=area: self._record_edited(n, a.toPlainText()))
        self.issues_panel.install_shortcuts(self)
        self._sealed_typing = SealedTyping(
            [
                self.issue_title,
                self.discussion,
                self.other_matters,
                self.next_steps,
                self.appeal_information,
            ],
            lambda: self.sealed,
            self.issues_panel._refuse_if_sealed,
            self,
        )
        QShortcut(QKeySequence("F5"), self, self.open_presenter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.case is not None and self.case.id is not None:
            self.clock.show_case(self.case.id)  # the times may have changed on Preparation
            self.speller.refresh()  # and the names on People

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The page's viewport, not the tab: its width is final only once the scroll area has
        # laid itself out, and that comes after the tab's own resize.
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Side by side when both columns fit (a laptop at the usual text size), each part
        sized to the window; one above the other at large text sizes, the page scrolling, so
        nothing is cut off or squeezed."""
        columns = (self.left, self.right)
        left, right = (column.minimumSizeHint().width() for column in columns)
        # The issue column needs room for a readable line of discussion, not only its minimum.
        readable = self.discussion.fontMetrics().averageCharWidth() * ISSUE_LINE_CHARACTERS
        needed = left + max(right, readable)
        room = self.scroll_area.viewport().width()
        wanted = Qt.Orientation.Horizontal if needed + 24 <= room else Qt.Orientation.Vertical
        if self.split.orientation() != wanted:
            self.split.setOrientation(wanted)
        tall = 0
        if wanted == Qt.Orientation.Vertical:
            tall = sum(column.sizeHint().height() for column in columns)
        self.split.setMinimumHeight(tall)
        buttons = (self.presenter_button, self.confirm_button, self.seal_button, self.read_aloud)
        row = sum(b.sizeHint().width() for b in buttons) + self.clock.sizeHint().width() + 48
        place = self.top if row <= room else self.clock_row
        if place.indexOf(self.clock) < 0:
            (self.clock_row if place is self.top else self.top).removeWidget(self.clock)
            place.addWidget(self.clock)

    def remember_layout(self, settings: Settings) -> None:
        """Restore the sizes the mediator last gave the panes, and keep each change."""
        for key, splitter in self.splitters.items():
            state = settings.window_state(key)
            if state is not None:
                splitter.restoreState(state)
            splitter.splitterMoved.connect(
                lambda _p, _i, k=key, s=splitter: settings.set_window_state(k, s.saveState())
            )
        self._fit_columns()  # a saved state carries the orientation it was saved in

    # -- what the tests and the rest of the app drive ----------------------------------------
    def add_issue(self) -> None:
        self.issues_panel.add_issue()

    def mark_outcome(self, outcome: Outcome) -> None:
        self.issues_panel.mark_outcome(outcome)

    def create_addendum(self, reason: str) -> bool:
        return self.addenda_box.create_addendum(reason)

    def record_addendum_confirmation(self, attendee_id: int, how: ConfirmedHow) -> bool:
        return self.addenda_box.record_addendum_confirmation(attendee_id, how)

    def seal_addendum(self) -> bool:
        return self.addenda_box.seal_addendum()

    # -- showing -----------------------------------------------------------------------------
    def show_case(self, case: Case) -> None:
        write_pending(self)
        self.case = case
        assert case.id is not None
        seal = self.desk.statement.seal_of(case.id)
        self.sealed = seal is not None
        record = self.desk.statement.record.get(case.id)
        sealed = json.loads(seal.content) if seal is not None else {}
        self._loading = True
        try:
            for name, area in self.general.items():
                value = getattr(record, name)
                if name == "appeal_information" and not self.sealed:
                    value = self.desk.statement.appeal_information(case)  # as it will read
                if name != "private_notes" and isinstance(sealed.get(name), str):
                    value = sealed[name]  # what was sealed, word for word
                area.setPlainText(value)
        finally:
            self._loading = False
        self.present.show_case(case, locked=self.sealed or self.desk.read_only)
        self.issues_panel.show_case(case, self.sealed)
        self._refresh_status()
        self.addenda_box.show_case(case)
        self.clock.show_case(case.id)
        self.speller.refresh()  # this case's names
        if self.presenter is not None:
            self.refresh_presenter()

    def case_updated(self, case: Case) -> None:
        self.case = case
        self.issues_panel.case = case
        self._schedule_presenter()

    def _issue_shown(self, row: int) -> None:
        if self.presenter is not None:
            self.presenter.show_issue(row)

    # -- the general sections ------------------------------------------------------------------
    def _record_edited(self, field: str, value: Any) -> None:
        if self._loading or self.case is None:
            return
        self.record_saver.change(field, value)
        if field != "private_notes":
            self._follow_typing()

    def _save_record(self, changes: dict[str, Any]) -> None:
        assert self.case is not None and self.case.id is not None
        self.desk.statement.record.update(self.case.id, changes)
        if set(changes) - {"private_notes"}:
            self._after_save()

    def _after_save(self) -> None:
        self._status_timer.start()  # re-hashing the statement need not lengthen the write
        self._schedule_presenter()

    def _content_changed(self) -> None:
        self._refresh_status()
        self._schedule_presenter()

    # -- confirmation and sealing -------------------------------------------------------------
    def _refresh_status(self) -> None:
        self._status_timer.stop()  # done now: a queued refresh would only repeat it
        if self.case is None or self.case.id is None:
            return
        self.sealed = self.confirmations.refresh(self.case)
        writable = not self.desk.read_only
        self.confirm_button.setEnabled(writable and not self.sealed)
        self.seal_button.setEnabled(writable and not self.sealed)
        self.issues_panel.set_sealed(self.sealed)
        for name, area in self.general.items():
            show_read_only(area, not writable or (self.sealed and name != "private_notes"))
        self.sealed_note.setVisible(self.sealed)
        addenda = self.sections.indexOf(self.pages["addenda"])
        self.sections.setTabVisible(addenda, self.sealed)

    @after_pending_edits
    def confirm(self) -> None:
        if self.case is None or self.case.id is None or self.issues_panel._refuse_if_sealed():
            return
        statuses = self.desk.statement.parties(self.case)
        if not statuses:
            self.save_failed.emit("Tick who is present first: each main party confirms.")
            return
        waiting = [s for s in statuses if not s.current] or statuses
        dialog = ConfirmDialog(
            [
                (f"{s.attendee.name} ({s.attendee.role.label})", s.attendee.id)
                for s in waiting
                if s.attendee.id is not None  # attendees read from the case file all have one
            ],
            "outcome statement", self, record=self.confirmation_refused, today=self.desk.today(),
            changes_since=self.changes_since_confirmed, read_aloud=self.read_aloud,
            needs={s.attendee.id or 0: s.attendee.access_needs for s in waiting},
        )  # fmt: skip
        self.confirm_dialog = dialog
        dialog.open()

    def changes_since_confirmed(self, attendee_id: int) -> tuple[tuple[Piece, ...], str] | None:
        """The words changed since this party confirmed, and which version and who that was."""
        if self.case is None:
            return None
        try:
            return self.desk.statement.changes_since_confirmed(self.case, attendee_id)
        except CaseFileError:
            return None

    def show_changes_since(self) -> ChangesDialog | None:
        """What changed since a party (the one selected, else the first) confirmed, with a
        button to show it to the room on the presenter view."""
        stale = self.confirmations.stale_parties()
        found = self.changes_since_confirmed(stale[0]) if stale else None
        if found is None:
            return None
        pieces, since = found

        def to_room() -> None:
            self.open_presenter()
            if self.presenter is not None:
                self.presenter.show_changes(changes_html(pieces), f"What changed since {since}")

        dialog = ChangesDialog(pieces, since, self, to_room)
        dialog.finished.connect(self.refresh_presenter)  # the statement again, whole
        self.changes_dialog = dialog
        dialog.open()
        return dialog

    def record_confirmation(
        self, attendee_id: int, how: ConfirmedHow, given_on: dt.date | None = None
    ) -> bool:
        refusal = self.confirmation_refused(attendee_id, how, given_on)
        if refusal:
            self.save_failed.emit(refusal)
        return refusal is None

    def confirmation_refused(
        self, attendee_id: int, how: ConfirmedHow, given_on: dt.date | None = None
    ) -> str | None:
        """Record a confirmation; the reason it was refused, or None once it is recorded."""
        assert self.case is not None
        if not write_pending(self):
            return "The latest edits could not be saved, so nothing was confirmed."
        try:
            confirmation = self.desk.statement.confirm(self.case, attendee_id, how, given_on)
        except CaseFileError as error:
            return error.message
        self.saved.emit(confirmation.confirmed_at)
        self._content_changed()
        return None

    @after_pending_edits
    def seal(self) -> None:
        if self.case is None or self.issues_panel._refuse_if_sealed():
            return
        problems = self.desk.statement.seal_problems(self.case)
        if problems:
            self.not_ready_box = QMessageBox(
                QMessageBox.Icon.Information, "Not ready to seal", "\n".join(problems),
                QMessageBox.StandardButton.Close, self,
            )  # fmt: skip
            self.not_ready_box.open()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Seal the outcome statement",
            "Seal the statement now? Everyone has confirmed this exact text. Once sealed it can "
            "never be changed; corrections become addenda.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        seal_button = box.addButton("Seal", QMessageBox.ButtonRole.AcceptRole)
        box.buttonClicked.connect(lambda b: self.seal_now() if b is seal_button else None)
        self.seal_box = box
        box.open()

    def seal_now(self) -> bool:
        assert self.case is not None
        if not write_pending(self):
            return False
        try:
            seal = self.desk.statement.seal(self.case)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.saved.emit(seal.sealed_at)
        self.show_case(self.case)
        self.sections.setCurrentWidget(self.pages["addenda"])
        self.offer_conclusion()
        return True

    def offer_conclusion(self) -> None:
        """Offer to record that the mediation concluded, and the agreement date (conclude.py)."""
        assert self.case is not None and self.case.id is not None
        case = self.desk.case(self.case.id)
        issues = self.desk.statement.issues.list(self.case.id)
        agreed = any(i.outcome in (Outcome.AGREED, Outcome.PARTLY_AGREED) for i in issues)
        dialog = ConcludeDialog(case, self.desk.today(), agreed, self)
        dialog.accepted.connect(lambda: self._record_conclusion(dialog))
        self.conclude_dialog = dialog
        dialog.open()

    def _record_conclusion(self, dialog: ConcludeDialog) -> bool:
        concluded, agreement = dialog.chosen()
        if self.case is None or self.case.id is None:
            return False
        if concluded is None:
            self.save_failed.emit("Enter the date the mediation concluded; nothing was recorded.")
            return False
        try:
            self.desk.record_conclusion(self.case.id, concluded, agreement)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.saved.emit(dt.datetime.now())
        return True

    # -- the presenter view -------------------------------------------------------------------
    @after_pending_edits
    def open_presenter(self) -> None:
        if self.case is None:
            return
        if self.presenter is None:
            self.presenter = PresenterWindow()
        self.refresh_presenter()
        self.presenter.show()
        self.window().activateWindow()  # keep typing here; the parties watch the other window

    def _follow_typing(self) -> None:
        if self.presenter is not None and not self._follow_timer.isActive():
            self._follow_timer.start()

    def _write_for_presenter(self) -> None:
        """Write what was typed now rather than at the next autosave; the write schedules the
        refresh, which then shows it as stored."""
        write_pending(self)
        self._schedule_presenter()

    def _schedule_presenter(self) -> None:
        if self.presenter is not None and not self._presenter_timer.isActive():
            self._presenter_timer.start()

    def refresh_presenter(self) -> None:
        """Show the statement exactly as it would be confirmed: as written to the case file.
        Nothing is written here (typing is written first, in its own turn), so a refresh costs
        only reading the statement and redrawing the sections that changed."""
        if self.presenter is None or self.case is None or self.case.id is None:
            return
        content, status = self.shown_content()
        self.presenter.show_statement(content, status, self.agenda.currentRow())

    def shown_content(self) -> tuple[dict[str, Any], str]:
        """What the parties see, with the line saying what it is: the sealed statement as it
        was sealed, or the draft as it stands; with its addenda; never the private notes."""
        assert self.case is not None and self.case.id is not None
        statement = self.desk.statement
        content = statement.content(self.case)
        seal = statement.seal_of(self.case.id)
        if seal is not None:
            status = f"Sealed {long_date(seal.sealed_at.date())} · SHA-256 {seal.sha256[:16]}…"
            content = json.loads(seal.content)
        else:
            status = "DRAFT: please check that this is an accurate record"
        content["addenda"] = [
            {"reason": a.reason, "text": a.text}
            for a in statement.addenda(self.case.id)
            if a.text.strip()
        ]
        return content, status

    def content_to_read(self) -> dict[str, Any] | None:
        """What the parties see, with the latest typing in it, to be read aloud."""
        if self.case is None or self.case.id is None:
            return None
        write_pending(self)
        return self.shown_content()[0]

    # -- housekeeping -------------------------------------------------------------------------
    def focus_field(self, name: str) -> None:
        self.issue_title.setFocus()

    def flush(self) -> bool:
        return write_pending(self)

    def shutdown(self) -> None:
        """The case file is closing: nothing scheduled may run against it after this (typing
        schedules the confirmations' recount and the presenter's refresh for the next turn)."""
        for timer in (self._status_timer, self._follow_timer, self._presenter_timer):
            timer.stop()
        self.speller.stop()
        self.read_aloud.voice.stop()
        self.close_presenter()

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
