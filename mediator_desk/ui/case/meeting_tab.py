"""The live meeting: who is present, the issues in dispute with their discussion points,
outcomes and agreed actions, the general sections, the mediator's private notes, each party's
confirmation against an exact version, the seal, and addenda afterwards."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import Case
from ...domain.case_timeline import ACTION_CLOCKS, AgreedAction, proposed_due
from ...domain.dates import long_date
from ...domain.statement import (
    Addendum,
    ConfirmedHow,
    Issue,
    Outcome,
    appeal_information,
)
from ...services import Desk
from ...store.errors import CaseFileError
from ..autosave import autosaver_for
from ..presenter import PresenterWindow
from ..widgets.fields import combo, line, message_label, scroll_page, select_data, text_area
from ..widgets.record_editor import Column, FieldSpec, RecordEditor, RecordSource, date_text

PRESENTER_DELAY_MS = 250  # the presenter view follows typing within half a second


class ConfirmDialog(QDialog):
    """Record one party's agreement that the statement, as now shown, is accurate."""

    def __init__(self, parties: list[tuple[str, int]], what: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Confirm the {what}")
        self.party = combo("Party confirming", parties)
        self.how = combo("How they confirmed", [(h.label, h) for h in ConfirmedHow])
        form = QFormLayout()
        form.addRow("&Party:", self.party)
        form.addRow("&How:", self.how)
        note = QLabel(
            f"Read the {what} through with them on the shared screen, then record that they "
            "agree it is accurate. Any later change means confirming again."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record confirmation")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)


class MeetingTab(QWidget):
    saved = Signal(object)
    save_failed = Signal(str)
    changed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.case: Case | None = None
        self.issues: list[Issue] = []
        self.sealed = False
        self._loading = False
        self._issue_id: int | None = None  # the issue the pending issue edits belong to
        self.presenter: PresenterWindow | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self.issue_saver = autosaver_for(self, self._save_issue)
        self.record_saver = autosaver_for(self, self._save_record)
        self._presenter_timer = QTimer(self)
        self._presenter_timer.setSingleShot(True)
        self._presenter_timer.setInterval(PRESENTER_DELAY_MS)
        self._presenter_timer.timeout.connect(self.refresh_presenter)

        # Status and the big buttons
        self.status = message_label("Statement status")
        self.sealed_banner = message_label("Seal")
        self.sealed_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.sealed_banner.setMargin(8)
        self.sealed_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.presenter_button = QPushButton("&Presenter view")
        self.presenter_button.setToolTip("Open the statement for screen sharing (F5)")
        self.confirm_button = QPushButton("&Confirm accuracy…")
        self.seal_button = QPushButton("&Seal statement…")
        top = QHBoxLayout()
        top.addWidget(self.presenter_button)
        top.addWidget(self.confirm_button)
        top.addWidget(self.seal_button)
        top.addStretch(1)

        # Present
        self.present = QTableWidget(0, 4)
        self.present.setHorizontalHeaderLabels(["Present", "Role", "Arrived", "Left"])
        self.present.setAccessibleName("Who is present")
        self.present.verticalHeader().hide()
        self.present.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.present.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.present.setMaximumHeight(170)
        self.present.itemChanged.connect(self._presence_changed)

        # Agenda and the selected issue
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Issues in dispute")
        self.agenda.setMaximumHeight(130)
        self.add_issue_button = QPushButton("&Add issue")
        self.add_issue_button.setToolTip("Add an issue in dispute (Ctrl+Shift+I)")
        self.remove_issue_button = QPushButton("Remove issue")
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Alt+Up")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setToolTip("Alt+Down")
        self.issue_title = line("Issue", 300, "What is in dispute, e.g. Section F: therapy")
        self.outcome = combo(
            "Outcome", [("Not decided yet", None)] + [(o.label, o) for o in Outcome]
        )
        self.outcome.setToolTip("Ctrl+Alt+1 agreed, 2 partly agreed, 3 not agreed, 4 deferred")
        self.discussion = text_area(
            "Key discussion points",
            "One point per line; start a line with '- ' for a bullet (Ctrl+Shift+D adds one)",
            140,
        )
        self.actions = RecordEditor(
            "action",
            [
                Column("Action", lambda a: a.description or "(not described)", stretch=True),
                Column("Who", lambda a: a.owner),
                Column("By", self._action_due),
            ],
            [
                FieldSpec("description", "Wha&t:", max_length=500),
                FieldSpec("owner", "W&ho:", max_length=200),
                FieldSpec(
                    "clock",
                    "Time &limit:",
                    "choice",
                    [("A date agreed by the parties", None)]
                    + [(clock.title, clock) for clock in ACTION_CLOCKS],
                ),
                FieldSpec("due_override", "Date agreed:", "date"),
                FieldSpec(
                    "override_reason",
                    "Reason for the date:",
                    max_length=300,
                    placeholder="Needed if the date differs (reg 42(5))",
                ),
            ],
            RecordSource(
                list=self._issue_actions,
                add=desk.add_action,
                update=desk.update_action,
                delete=desk.delete_action,
                new=lambda: AgreedAction("", issue_id=self._current_issue_id()),
                read_only=lambda: desk.read_only or self.sealed,
            ),
            "No actions agreed on this issue yet (Ctrl+Shift+T adds one).",
            add_shortcut="Ctrl+Shift+T",
        )
        self.actions.table.setMaximumHeight(130)

        # General sections, parties and private notes
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
        self.parties = QListWidget()
        self.parties.setAccessibleName("Confirmations by party")
        self.parties.setMaximumHeight(110)
        self.addenda = QListWidget()
        self.addenda.setAccessibleName("Addenda")
        self.addenda.setMaximumHeight(110)
        self.add_addendum_button = QPushButton("Add a&ddendum…")
        self.confirm_addendum_button = QPushButton("Confirm addendum…")
        self.seal_addendum_button = QPushButton("Seal addendum")
        self.addendum_text = text_area("Addendum text", "The correction, in full", 70)

        # Layout
        statement_box = QGroupBox("Outcome statement")
        statement_layout = QVBoxLayout(statement_box)
        statement_layout.addWidget(self.status)
        statement_layout.addWidget(self.sealed_banner)
        statement_layout.addLayout(top)
        present_box = QGroupBox("Present")
        QVBoxLayout(present_box).addWidget(self.present)
        issues_box = QGroupBox("Issues in dispute")
        issues_layout = QVBoxLayout(issues_box)
        issues_layout.addWidget(self.agenda)
        agenda_buttons = QHBoxLayout()
        for button in (
            self.add_issue_button,
            self.remove_issue_button,
            self.up_button,
            self.down_button,
        ):
            agenda_buttons.addWidget(button)
        agenda_buttons.addStretch(1)
        issues_layout.addLayout(agenda_buttons)
        issue_form = QFormLayout()
        issue_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        issue_form.addRow("&Issue:", self.issue_title)
        issue_form.addRow("&Outcome:", self.outcome)
        issue_form.addRow("&Discussion:", self.discussion)
        issues_layout.addLayout(issue_form)
        issues_layout.addWidget(QLabel("Agreed actions on this issue:"))
        issues_layout.addWidget(self.actions)
        general_box = QGroupBox("Other sections")
        general_form = QFormLayout(general_box)
        general_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        general_form.addRow("Othe&r matters:", self.other_matters)
        general_form.addRow("&Next steps:", self.next_steps)
        general_form.addRow("Appeal in&formation:", self.appeal_information)
        parties_box = QGroupBox("Confirmations")
        QVBoxLayout(parties_box).addWidget(self.parties)
        addenda_box = QGroupBox("Addenda (after sealing)")
        addenda_layout = QVBoxLayout(addenda_box)
        addenda_layout.addWidget(self.addenda)
        addenda_layout.addWidget(self.addendum_text)
        addenda_buttons = QHBoxLayout()
        for button in (
            self.add_addendum_button,
            self.confirm_addendum_button,
            self.seal_addendum_button,
        ):
            addenda_buttons.addWidget(button)
        addenda_buttons.addStretch(1)
        addenda_layout.addLayout(addenda_buttons)
        self.addenda_box = addenda_box
        notes_box = QGroupBox("Private notes (never shown to the parties)")
        QVBoxLayout(notes_box).addWidget(self.private_notes)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        for box in (
            statement_box,
            parties_box,
            present_box,
            issues_box,
            general_box,
            addenda_box,
            notes_box,
        ):
            body_layout.addWidget(box)
        self.scroll = scroll_page(self, body)

        # Signals and keys
        self.presenter_button.clicked.connect(self.open_presenter)
        self.confirm_button.clicked.connect(self.confirm)
        self.seal_button.clicked.connect(self.seal)
        self.add_issue_button.clicked.connect(self.add_issue)
        self.remove_issue_button.clicked.connect(self.remove_issue)
        self.up_button.clicked.connect(lambda: self.move_issue(-1))
        self.down_button.clicked.connect(lambda: self.move_issue(1))
        self.agenda.currentRowChanged.connect(self._issue_selected)
        self.issue_title.textEdited.connect(lambda t: self._issue_edited("title", t))
        self.outcome.currentIndexChanged.connect(
            lambda _i: self._issue_edited("outcome", self.outcome.currentData())
        )
        self.discussion.textChanged.connect(
            lambda: self._issue_edited("discussion", self.discussion.toPlainText())
        )
        for name, area in self.general.items():
            area.textChanged.connect(lambda n=name, a=area: self._record_edited(n, a.toPlainText()))
        self.actions.changed.connect(self._content_changed)
        self.add_addendum_button.clicked.connect(self.add_addendum)
        self.confirm_addendum_button.clicked.connect(self.confirm_addendum)
        self.seal_addendum_button.clicked.connect(self.seal_addendum)
        self.addendum_text.textChanged.connect(self._addendum_edited)
        self.addenda.currentRowChanged.connect(lambda _r: self._show_addendum())
        shortcuts = (
            ("Ctrl+Shift+I", self.add_issue),
            ("Ctrl+Shift+D", self.add_point),
            ("F5", self.open_presenter),
            ("Alt+Up", lambda: self.move_issue(-1)),
            ("Alt+Down", lambda: self.move_issue(1)),
        )
        for key, slot in shortcuts:
            QShortcut(QKeySequence(key), self, slot)
        for number, outcome in enumerate(Outcome, start=1):
            QShortcut(
                QKeySequence(f"Ctrl+Alt+{number}"), self, lambda o=outcome: self.mark_outcome(o)
            )

    # -- showing -----------------------------------------------------------------------------
    def show_case(self, case: Case) -> None:
        self.flush()
        self.case = case
        assert case.id is not None
        self.sealed = self.desk.statement.seal_of(case.id) is not None
        record = self.desk.statement.record.get(case.id)
        self._loading = True
        try:
            for name, area in self.general.items():
                value = getattr(record, name)
                if name == "appeal_information" and not self.sealed:
                    value = appeal_information(case, record)  # as the statement will say it
                area.setPlainText(value)
        finally:
            self._loading = False
        self._fill_present()
        self._reload_issues(select=0)
        self._refresh_status()
        self._fill_addenda()
        if self.presenter is not None:
            self.refresh_presenter()

    def case_updated(self, case: Case) -> None:
        self.case = case
        self._schedule_presenter()

    def _fill_present(self) -> None:
        assert self.case is not None and self.case.id is not None
        attendees = self.desk.attendees.list(self.case.id)
        presence = {p.attendee_id: p for p in self.desk.statement.presence(self.case.id)}
        self.present.blockSignals(True)
        self.present.setRowCount(len(attendees))
        for row, attendee in enumerate(attendees):
            seen = presence.get(attendee.id or -1)
            name = QTableWidgetItem(attendee.display)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(
                Qt.CheckState.Checked if seen and seen.present else Qt.CheckState.Unchecked
            )
            name.setData(Qt.ItemDataRole.UserRole, attendee.id)
            role = QTableWidgetItem(attendee.role.label)
            role.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.present.setItem(row, 0, name)
            self.present.setItem(row, 1, role)
            self.present.setItem(row, 2, QTableWidgetItem(seen.arrived if seen else ""))
            self.present.setItem(row, 3, QTableWidgetItem(seen.left if seen else ""))
            if self.sealed or self.desk.read_only:
                for column in range(4):
                    item = self.present.item(row, column)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.present.blockSignals(False)

    def _reload_issues(self, select: int | None) -> None:
        assert self.case is not None and self.case.id is not None
        self.issues = self.desk.statement.issues.list(self.case.id)
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for number, issue in enumerate(self.issues, start=1):
            self.agenda.addItem(self._agenda_text(number, issue))
        self.agenda.blockSignals(False)
        if select is not None and self.issues:
            self.agenda.setCurrentRow(max(0, min(select, len(self.issues) - 1)))
        self._issue_selected(self.agenda.currentRow())

    @staticmethod
    def _agenda_text(number: int, issue: Issue) -> str:
        outcome = f" — {issue.outcome.label}" if issue.outcome else ""
        return f"{number}. {issue.title or '(untitled issue)'}{outcome}"

    def _current_issue_id(self) -> int | None:
        row = self.agenda.currentRow()
        return self.issues[row].id if 0 <= row < len(self.issues) else None

    def _issue_selected(self, row: int) -> None:
        self.issue_saver.flush()
        issue = self.issues[row] if 0 <= row < len(self.issues) else None
        self._loading = True
        try:
            self.issue_title.setText(issue.title if issue else "")
            select_data(self.outcome, issue.outcome if issue else None)
            self.discussion.setPlainText(issue.discussion if issue else "")
        finally:
            self._loading = False
        editable = issue is not None and not self.sealed and not self.desk.read_only
        self.issue_title.setReadOnly(not editable)
        self.discussion.setReadOnly(not editable)
        self.outcome.setEnabled(editable)
        if self.case is not None and self.case.id is not None:
            self.actions.show_case(self.case.id)
        self.actions.setEnabled(issue is not None)
        if self.presenter is not None and row >= 0:
            self.presenter.show_issue(row)

    def _issue_actions(self, case_id: int) -> list[AgreedAction]:
        issue_id = self._current_issue_id()
        return [a for a in self.desk.actions(case_id) if a.issue_id == issue_id and issue_id]

    def _action_due(self, action: AgreedAction) -> str:
        if action.due_override:
            return date_text(action.due_override)
        if self.case is None:
            return ""
        start = self.case.agreement_date or self.case.meeting_date
        proposal = proposed_due(action, start, self.desk.calendar())
        return date_text(proposal.due) if proposal else ""

    # -- editing the draft --------------------------------------------------------------------
    def _refuse_if_sealed(self) -> bool:
        if self.sealed:
            self.save_failed.emit(
                "The outcome statement is sealed and can never be changed. To correct it, add "
                "an addendum."
            )
            return True
        return False

    def add_issue(self) -> None:
        if self.case is None or self.case.id is None or self._refuse_if_sealed():
            return
        try:
            self.desk.statement.issues.add(self.case.id, Issue(position=len(self.issues)))
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self._reload_issues(select=len(self.issues))
        self.issue_title.setFocus()
        self._content_changed()

    def remove_issue(self) -> None:
        issue_id = self._current_issue_id()
        if issue_id is None or self._refuse_if_sealed():
            return
        self.issue_saver.discard()
        try:
            self.desk.statement.issues.delete(issue_id)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self._reload_issues(select=self.agenda.currentRow())
        self._content_changed()

    def move_issue(self, step: int) -> None:
        issue_id = self._current_issue_id()
        if issue_id is None or self._refuse_if_sealed():
            return
        self.issue_saver.flush()
        row = self.agenda.currentRow()
        try:
            self.desk.statement.move_issue(issue_id, step)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self._reload_issues(select=row + step)
        self._content_changed()

    def add_point(self) -> None:
        """Start a new bullet in the discussion points."""
        if self._current_issue_id() is None or self._refuse_if_sealed():
            return
        self.discussion.setFocus()
        self.discussion.moveCursor(QTextCursor.MoveOperation.End)
        text = self.discussion.toPlainText()
        self.discussion.insertPlainText(("\n" if text and not text.endswith("\n") else "") + "- ")

    def mark_outcome(self, outcome: Outcome) -> None:
        if self._current_issue_id() is None or self._refuse_if_sealed():
            return
        select_data(self.outcome, outcome)

    def _issue_edited(self, field: str, value: Any) -> None:
        row = self.agenda.currentRow()
        if self._loading or not 0 <= row < len(self.issues):
            return
        issue = self.issues[row]
        if self._issue_id != issue.id:
            self.issue_saver.flush()
            self._issue_id = issue.id
        self.issues[row] = issue.with_changes(**{field: value})
        self.agenda.item(row).setText(self._agenda_text(row + 1, self.issues[row]))
        self.issue_saver.change(field, value)
        self._schedule_presenter()

    def _save_issue(self, changes: dict[str, Any]) -> None:
        if self._issue_id is not None:
            self.desk.statement.issues.update(self._issue_id, changes)
            self._after_save()

    def _record_edited(self, field: str, value: Any) -> None:
        if self._loading or self.case is None:
            return
        self.record_saver.change(field, value)
        if field != "private_notes":
            self._schedule_presenter()

    def _save_record(self, changes: dict[str, Any]) -> None:
        assert self.case is not None and self.case.id is not None
        self.desk.statement.record.update(self.case.id, changes)
        if set(changes) - {"private_notes"}:
            self._after_save()

    def _presence_changed(self, item: QTableWidgetItem) -> None:
        if self.case is None or self.case.id is None:
            return
        attendee_id = self.present.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        if item.column() == 0:
            changes: dict[str, Any] = {"present": item.checkState() == Qt.CheckState.Checked}
        elif item.column() in (2, 3):
            changes = {("arrived" if item.column() == 2 else "left"): item.text().strip()}
        else:
            return
        try:
            self.desk.statement.set_presence(self.case.id, attendee_id, changes)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self._after_save()
        self._content_changed()

    def _after_save(self) -> None:
        self._refresh_status()
        self.changed.emit()

    def _content_changed(self) -> None:
        self._refresh_status()
        self._schedule_presenter()
        self.changed.emit()

    # -- confirmation and sealing -------------------------------------------------------------
    def _refresh_status(self) -> None:
        if self.case is None or self.case.id is None:
            return
        statement = self.desk.statement
        seal = statement.seal_of(self.case.id)
        self.sealed = seal is not None
        statuses = statement.parties(self.case) if not self.sealed else []
        self.parties.clear()
        if seal is not None:
            confirmed = [
                c
                for c in statement.confirmations(self.case.id)
                if not c.addendum_id and c.sha256 == seal.sha256
            ]
            who = (
                ", ".join(sorted({c.party for c in confirmed}))
                or "no one (no confirmation is of this text)"
            )
            problems = statement.verify(self.case)
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
                self.parties.addItem(
                    f"✔ {confirmation.party}: {confirmation.how.label.lower()}, "
                    f"{confirmation.confirmed_at:%H:%M}"
                )
        else:
            version = statement.latest_version(self.case)
            done = sum(1 for s in statuses if s.current)
            self.status.setText(
                f"Draft. {done} of {len(statuses)} required parties have confirmed the current "
                f"text" + (f" (last confirmed version: {version})." if version else ".")
            )
            for status in statuses:
                mark = "✔" if status.current else ("⚠" if status.stale else "○")
                self.parties.addItem(f"{mark} {status.attendee.name}: {status.describe()}")
            if not statuses:
                self.parties.addItem("Tick who is present: each main party confirms the text.")
        self.sealed_banner.setVisible(self.sealed)
        writable = not self.desk.read_only
        self.confirm_button.setEnabled(writable and not self.sealed)
        self.seal_button.setEnabled(writable and not self.sealed)
        for widget in (
            self.add_issue_button,
            self.remove_issue_button,
            self.up_button,
            self.down_button,
        ):
            widget.setEnabled(writable and not self.sealed)
        for name, area in self.general.items():
            area.setReadOnly(not writable or (self.sealed and name != "private_notes"))
        self.addenda_box.setVisible(self.sealed)

    def confirm(self) -> None:
        if self.case is None or self.case.id is None or self._refuse_if_sealed():
            return
        self.flush()
        statuses = self.desk.statement.parties(self.case)
        if not statuses:
            self.save_failed.emit("Tick who is present first: each main party confirms.")
            return
        waiting = [s for s in statuses if not s.current] or statuses
        dialog = ConfirmDialog(
            [(f"{s.attendee.name} ({s.attendee.role.label})", s.attendee.id) for s in waiting],
            "outcome statement", self,
        )  # fmt: skip
        dialog.accepted.connect(
            lambda: self.record_confirmation(dialog.party.currentData(), dialog.how.currentData())
        )
        self.confirm_dialog = dialog
        dialog.open()

    def record_confirmation(self, attendee_id: int, how: ConfirmedHow) -> bool:
        assert self.case is not None
        self.flush()
        try:
            confirmation = self.desk.statement.confirm(self.case, attendee_id, how)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.saved.emit(confirmation.confirmed_at)
        self._content_changed()
        return True

    def seal(self) -> None:
        if self.case is None or self._refuse_if_sealed():
            return
        self.flush()
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
        self.flush()
        try:
            seal = self.desk.statement.seal(self.case)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.saved.emit(seal.sealed_at)
        self.show_case(self.case)
        self.changed.emit()
        return True

    # -- addenda ------------------------------------------------------------------------------
    def _fill_addenda(self) -> None:
        if self.case is None or self.case.id is None:
            return
        current = self.addenda.currentRow()
        self._addenda = self.desk.statement.addenda(self.case.id)
        self.addenda.blockSignals(True)
        self.addenda.clear()
        for addendum in self._addenda:
            created = addendum.created_at.strftime("%d/%m/%Y") if addendum.created_at else ""
            state = "sealed" if addendum.sealed else "draft"
            self.addenda.addItem(f"{created} ({state}): {addendum.reason}")
        self.addenda.blockSignals(False)
        if self._addenda:
            self.addenda.setCurrentRow(current if 0 <= current < len(self._addenda) else 0)
        self._show_addendum()

    def _current_addendum(self) -> Addendum | None:
        row = self.addenda.currentRow()
        addenda = getattr(self, "_addenda", [])
        return addenda[row] if 0 <= row < len(addenda) else None

    def _show_addendum(self) -> None:
        addendum = self._current_addendum()
        self._loading = True
        self.addendum_text.setPlainText(addendum.text if addendum else "")
        self._loading = False
        open_ = addendum is not None and not addendum.sealed and not self.desk.read_only
        self.addendum_text.setReadOnly(not open_)
        self.confirm_addendum_button.setEnabled(open_)
        self.seal_addendum_button.setEnabled(open_)

    def add_addendum(self) -> None:
        if self.case is None or self.case.id is None:
            return
        reason, ok = QInputDialog.getText(self, "Add an addendum", "Why is a correction needed?")
        if ok:
            self.create_addendum(reason)

    def create_addendum(self, reason: str) -> bool:
        assert self.case is not None and self.case.id is not None
        try:
            self.desk.statement.add_addendum(self.case.id, reason)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self._fill_addenda()
        self.addenda.setCurrentRow(self.addenda.count() - 1)
        self.addendum_text.setFocus()
        self.changed.emit()
        return True

    def _addendum_edited(self) -> None:
        addendum = self._current_addendum()
        if self._loading or addendum is None or addendum.sealed:
            return
        try:
            updated = self.desk.statement.update_addendum(
                addendum.id, {"text": self.addendum_text.toPlainText()}
            )
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self._addenda[self.addenda.currentRow()] = updated
        self._schedule_presenter()

    def confirm_addendum(self) -> None:
        addendum = self._current_addendum()
        if self.case is None or addendum is None:
            return
        statuses = self.desk.statement.addendum_parties(self.case, addendum)
        dialog = ConfirmDialog(
            [(f"{s.attendee.name} ({s.attendee.role.label})", s.attendee.id) for s in statuses],
            "addendum", self,
        )  # fmt: skip
        dialog.accepted.connect(
            lambda: self.record_addendum_confirmation(
                dialog.party.currentData(), dialog.how.currentData()
            )
        )
        self.confirm_dialog = dialog
        dialog.open()

    def record_addendum_confirmation(self, attendee_id: int, how: ConfirmedHow) -> bool:
        addendum = self._current_addendum()
        assert self.case is not None and addendum is not None
        try:
            self.desk.statement.confirm_addendum(self.case, addendum, attendee_id, how)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self.changed.emit()
        return True

    def seal_addendum(self) -> bool:
        addendum = self._current_addendum()
        if self.case is None or addendum is None:
            return False
        try:
            self.desk.statement.seal_addendum(self.case, addendum)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return False
        self._fill_addenda()
        self.changed.emit()
        return True

    # -- the presenter view -------------------------------------------------------------------
    def open_presenter(self) -> None:
        if self.case is None:
            return
        if self.presenter is None:
            self.presenter = PresenterWindow()
        self.refresh_presenter()
        self.presenter.show()
        self.window().activateWindow()  # keep typing here; the parties watch the other window

    def _schedule_presenter(self) -> None:
        if self.presenter is not None and not self._presenter_timer.isActive():
            self._presenter_timer.start()

    def refresh_presenter(self) -> None:
        """Save what is pending, then show the statement exactly as it would be confirmed."""
        if self.presenter is None or self.case is None or self.case.id is None:
            return
        self.issue_saver.flush()
        self.record_saver.flush()
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
        self.presenter.show_statement(content, status, self.agenda.currentRow())

    # -- housekeeping -------------------------------------------------------------------------
    def focus_field(self, name: str) -> None:
        self.issue_title.setFocus()

    def flush(self) -> bool:
        results = [self.issue_saver.flush(), self.record_saver.flush(), self.actions.flush()]
        return all(results)

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
