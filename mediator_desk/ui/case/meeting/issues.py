"""The agenda of issues in dispute and the issue being drafted: its title, outcome, discussion
points and agreed actions. Edits save themselves; anything that reloads the agenda writes
them first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.case import Case
from ....domain.case_timeline import AgreedAction, action_due
from ....domain.statement import Issue, Outcome
from ....services import Desk
from ....store.errors import CaseFileError
from ...autosave import autosaver_for
from ...editing import after_pending_edits, write_pending
from ...widgets.fields import combo, line, select_data, show_read_only, text_area, wrapping_list
from ...widgets.record_editor import Column, FieldSpec, RecordEditor, RecordSource, date_text
from ..actions_tab import action_clock_choices


class IssuesPanel(QWidget):
    """Three parts the tab places apart: `agenda_box` (the list and its buttons),
    `issue_box` (the selected issue) and `actions` (the actions agreed on it)."""

    saved = Signal(object)
    save_failed = Signal(str)
    stored = Signal()  # an issue's edits were written to the case file
    content_changed = Signal()  # an issue or action was added, removed, moved or written
    edited = Signal()  # typed, not yet written (the presenter follows)
    issue_shown = Signal(int)  # the row now selected

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.case: Case | None = None
        self.issues: list[Issue] = []
        self.sealed = False
        self._loading = False
        self._issue_id: int | None = None  # the issue the pending edits belong to
        self.saver = autosaver_for(self, self._save_issue)

        self.agenda = wrapping_list("Issues in dispute")
        self.add_button = QPushButton("Add issue")
        self.add_button.setToolTip("Add an issue in dispute (Ctrl+Shift+I)")
        self.remove_button = QPushButton("Remove issue")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Alt+Up")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Alt+Down")
        self.title = line("Issue", 300, "What is in dispute, e.g. Section F: therapy")
        self.outcome = combo(
            "Outcome", [("Not decided yet", None)] + [(o.label, o) for o in Outcome]
        )
        self.outcome.setToolTip("Ctrl+Alt+1 agreed, 2 partly agreed, 3 not agreed, 4 deferred")
        self.discussion = text_area(
            "Key discussion points",
            "One point per line; start a line with '- ' for a bullet (Ctrl+Shift+D adds one)",
            140,
        )
        self.action_editor = RecordEditor(
            "action",
            [
                Column("Action", lambda a: a.description or "(not described)", stretch=True),
                Column("Who", lambda a: a.owner),
                Column("By", self._action_due),
            ],
            [
                FieldSpec("description", "&What:", max_length=500),
                FieldSpec("owner", "Who:", max_length=200),
                FieldSpec(
                    "clock",
                    "Time limit:",
                    "choice",
                    lambda: action_clock_choices(self.case),
                ),
                FieldSpec("due_override", "Date agreed:", "date"),
                FieldSpec(
                    "override_reason",
                    "Reason for the date:",
                    max_length=300,
                    placeholder="Needed if the date differs (reg 42(5))",
                    visible=lambda _action: bool(action_clock_choices(self.case)[1:]),
                ),
            ],
            RecordSource(
                list=self._issue_actions,
                add=desk.add_action,
                update=desk.update_action,
                delete=desk.delete_action,
                new=lambda: AgreedAction("", issue_id=self.current_issue_id()),
                read_only=lambda: desk.read_only or self.sealed,
            ),
            "No actions agreed on this issue yet (Ctrl+Shift+T adds one).",
            add_shortcut="Ctrl+Shift+T",
        )
        self.action_editor.table.setMaximumHeight(130)

        self.agenda_box = QGroupBox("Issues in dispute")
        agenda_layout = QVBoxLayout(self.agenda_box)
        agenda_layout.addWidget(self.agenda, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        agenda_layout.addLayout(buttons)
        self.issue_box = QGroupBox("The issue being drafted")
        issue_layout = QVBoxLayout(self.issue_box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("I&ssue:", self.title)
        form.addRow("Outcome:", self.outcome)
        form.addRow("&Discussion:", self.discussion)
        issue_layout.addLayout(form, 1)  # the tab places `actions` beneath, in its own pane

        self.add_button.clicked.connect(self.add_issue)
        self.remove_button.clicked.connect(self.remove_issue)
        self.up_button.clicked.connect(lambda: self.move_issue(-1))
        self.down_button.clicked.connect(lambda: self.move_issue(1))
        self.agenda.currentRowChanged.connect(self._issue_selected)
        self.title.textEdited.connect(lambda t: self._issue_edited("title", t))
        self.outcome.currentIndexChanged.connect(
            lambda _i: self._issue_edited("outcome", self.outcome.currentData())
        )
        self.discussion.textChanged.connect(
            lambda: self._issue_edited("discussion", self.discussion.toPlainText())
        )
        self.action_editor.changed.connect(self.content_changed)
        self.action_editor.saved.connect(self.saved)
        self.action_editor.save_failed.connect(self.save_failed)

    def install_shortcuts(self, scope: QWidget) -> None:
        """The drafting keys, active anywhere on the meeting tab."""
        shortcuts = (
            ("Ctrl+Shift+I", self.add_issue),
            ("Ctrl+Shift+D", self.add_point),
            ("Alt+Up", lambda: self.move_issue(-1)),
            ("Alt+Down", lambda: self.move_issue(1)),
        )
        for key, slot in shortcuts:
            QShortcut(QKeySequence(key), scope, slot)
        for number, outcome in enumerate(Outcome, start=1):
            QShortcut(
                QKeySequence(f"Ctrl+Alt+{number}"), scope, lambda o=outcome: self.mark_outcome(o)
            )

    # -- showing -----------------------------------------------------------------------------
    def show_case(self, case: Case, sealed: bool) -> None:
        write_pending(self)
        self.case = case
        self.sealed = sealed
        self.reload(select=0)

    def set_sealed(self, sealed: bool) -> None:
        self.sealed = sealed
        writable = not self.desk.read_only and not sealed
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(writable)

    def reload(self, select: int | None) -> None:
        """Rebuild the agenda from the case file, after writing what is pending."""
        assert self.case is not None and self.case.id is not None
        write_pending(self)
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

    def current_issue_id(self) -> int | None:
        row = self.agenda.currentRow()
        return self.issues[row].id if 0 <= row < len(self.issues) else None

    def _issue_selected(self, row: int) -> None:
        write_pending(self)
        issue = self.issues[row] if 0 <= row < len(self.issues) else None
        self._loading = True
        try:
            self.title.setText(issue.title if issue else "")
            select_data(self.outcome, issue.outcome if issue else None)
            self.discussion.setPlainText(issue.discussion if issue else "")
        finally:
            self._loading = False
        editable = issue is not None and not self.sealed and not self.desk.read_only
        show_read_only(self.title, not editable)
        show_read_only(self.discussion, not editable)
        self.outcome.setEnabled(editable)
        if self.case is not None and self.case.id is not None:
            self.action_editor.show_case(self.case.id)
        self.action_editor.setEnabled(issue is not None)
        if row >= 0:
            self.issue_shown.emit(row)

    def _issue_actions(self, case_id: int) -> list[AgreedAction]:
        issue_id = self.current_issue_id()
        return [a for a in self.desk.actions(case_id) if a.issue_id == issue_id and issue_id]

    def _action_due(self, action: AgreedAction) -> str:
        if self.case is None:
            return date_text(None)
        return date_text(action_due(action, self.case, self.desk.calendar()))

    # -- editing -----------------------------------------------------------------------------
    def _refuse_if_sealed(self) -> bool:
        if self.sealed:
            self.save_failed.emit(
                "The outcome statement is sealed and can never be changed. To correct it, add "
                "an addendum."
            )
            return True
        return False

    @after_pending_edits
    def add_issue(self) -> None:
        if self.case is None or self.case.id is None or self._refuse_if_sealed():
            return
        try:
            self.desk.statement.issues.add(self.case.id, Issue(position=len(self.issues)))
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self.reload(select=len(self.issues))
        self.title.setFocus()
        self.content_changed.emit()

    @after_pending_edits
    def remove_issue(self) -> None:
        issue_id = self.current_issue_id()
        if issue_id is None or self._refuse_if_sealed():
            return
        try:
            self.desk.statement.issues.delete(issue_id)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self.reload(select=self.agenda.currentRow())
        self.content_changed.emit()

    @after_pending_edits
    def move_issue(self, step: int) -> None:
        issue_id = self.current_issue_id()
        if issue_id is None or self._refuse_if_sealed():
            return
        row = self.agenda.currentRow()
        try:
            self.desk.statement.move_issue(issue_id, step)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self.reload(select=row + step)
        self.content_changed.emit()

    def add_point(self) -> None:
        """Start a new bullet in the discussion points."""
        if self.current_issue_id() is None or self._refuse_if_sealed():
            return
        self.discussion.setFocus()
        self.discussion.moveCursor(QTextCursor.MoveOperation.End)
        text = self.discussion.toPlainText()
        self.discussion.insertPlainText(("\n" if text and not text.endswith("\n") else "") + "- ")

    def mark_outcome(self, outcome: Outcome) -> None:
        if self.current_issue_id() is None or self._refuse_if_sealed():
            return
        select_data(self.outcome, outcome)

    def _issue_edited(self, field: str, value: Any) -> None:
        row = self.agenda.currentRow()
        if self._loading or not 0 <= row < len(self.issues):
            return
        issue = self.issues[row]
        if self._issue_id != issue.id:
            write_pending(self)
            self._issue_id = issue.id
        self.issues[row] = issue.with_changes(**{field: value})
        self.agenda.item(row).setText(self._agenda_text(row + 1, self.issues[row]))
        self.saver.change(field, value)
        self.edited.emit()

    def _save_issue(self, changes: dict[str, Any]) -> None:
        if self._issue_id is not None:
            self.desk.statement.issues.update(self._issue_id, changes)
            self.stored.emit()
