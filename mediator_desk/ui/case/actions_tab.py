"""Agreed actions: what was agreed, who does it, and by when. The engine proposes each date
from the date of the agreement; the parties may agree another in writing (reg 42(5))."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import Case
from ...domain.case_timeline import (
    AgreedAction,
    action_due,
    case_action_clocks,
    check_action,
    proposed_due,
)
from ...domain.dates import long_date, short_date
from ...services import Desk
from ...store.errors import CaseFileError
from ..autosave import autosaver_for
from ..editing import after_pending_edits, write_pending
from ..widgets.date_field import DateField
from ..widgets.fields import (
    SealedTyping,
    cell_item,
    combo,
    line,
    message_label,
    scroll_page,
    sealed_line,
    select_data,
    show_read_only,
)
from .page import CasePage


def action_clock_choices(case: Case | None) -> list[tuple[str, Any]]:
    """The time limits an agreed action may follow in `case`: only a date the parties agreed in
    disagreement resolution (no reg 42, CFA 2014 s57); reg 42(4) only after a health-only
    mediation. The one list for this tab and the meeting's action editor."""
    clocks = case_action_clocks(case) if case is not None else ()
    if not clocks:
        return [("A date agreed by the parties", None)]
    return [("No statutory limit: a date agreed by the parties", None)] + [
        (clock.title, clock) for clock in clocks
    ]


class ActionsTab(CasePage):
    actions_changed = Signal()

    COLUMNS = ("Action", "Who", "Due", "Done")

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.sealed = False  # the case's outcome statement is sealed
        self.agreed: list[AgreedAction] = []
        self._editing_id: int | None = None  # the action the pending edits belong to
        self.autosaver = autosaver_for(self, self._save)

        self.agreement = message_label("Agreement date")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setAccessibleName("Agreed actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("Add action")
        self.add_button.setToolTip("Add an agreed action (Ctrl+Shift+A)")
        self.remove_button = QPushButton("Remove action")

        self.description = line(
            "What was agreed", placeholder="What will be done, in the words agreed"
        )
        self.owner = line(
            "Who is responsible", placeholder="e.g. Northmoor Borough Council (SEN team)"
        )
        self.clock = combo("Time limit", action_clock_choices(None))
        self.proposed = QLabel()
        self.proposed.setAccessibleName("Date proposed by the statutory rules")
        self.override = DateField("Date agreed instead")
        self.reason = line(
            "Why the date differs",
            placeholder="e.g. Parties agreed in writing to 4 weeks (reg 42(5))",
        )
        self.done_on = DateField("Done on")
        self.problems = message_label("Problems with this action")
        self.sealed_note = sealed_line("Why this action cannot be changed")
        self.sealed_note.setText(
            "This action is part of the sealed outcome statement, so what was agreed cannot be "
            "changed here; to correct it, add an addendum in the Meeting tab. When it was done "
            "can still be recorded."
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.editor = QGroupBox("The selected action")
        self.form = form = QFormLayout(self.editor)
        form.addRow("&What:", self.description)
        form.addRow("Who:", self.owner)
        form.addRow("Time &limit:", self.clock)
        form.addRow("Proposed date:", self.proposed)
        form.addRow("Date a&greed instead:", self.override)
        form.addRow("Rea&son:", self.reason)
        form.addRow("Do&ne on:", self.done_on)
        form.addRow("", self.problems)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.empty = QLabel(
            "No agreed actions yet. Press “Add action” for each thing agreed at the meeting."
        )
        self.empty.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.agreement)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.sealed_note)
        self._sealed_typing = SealedTyping(
            [self.description, self.owner, self.reason, self.override.edit],
            lambda: not self.sealed_note.isHidden(),
            lambda: self.save_failed.emit(
                "This action is part of the sealed outcome statement and can never be changed. "
                "To correct it, add an addendum in the Meeting tab."
            ),
            self,
        )
        layout.addWidget(self.editor)
        self.table.setMinimumHeight(120)
        scroll_page(self, body)

        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_action)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.add_action)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.description.textEdited.connect(lambda t: self._edited("description", t))
        self.owner.textEdited.connect(lambda t: self._edited("owner", t))
        self.clock.currentIndexChanged.connect(
            lambda: self._edited("clock", self.clock.currentData())
        )
        self.override.date_changed.connect(lambda v: self._edited("due_override", v))
        self.reason.textEdited.connect(lambda t: self._edited("override_reason", t))
        self.done_on.date_changed.connect(lambda v: self._edited("done_on", v))

    # -- showing ------------------------------------------------------------------------------
    def show_case(self, case: Case) -> None:
        write_pending(self)
        self.case = case
        self.sealed = case.id is not None and self.desk.statement.seal_of(case.id) is not None
        self.agreed = self.desk.actions(case.id) if case.id is not None else []
        self._show_clock_choices()
        self._show_agreement()
        self._fill_table(select=0 if self.agreed else None)

    def case_updated(self, case: Case) -> None:
        """The case changed (its agreement date, or actions added in the meeting): re-read the
        actions and re-propose dates, unless an edit here is still waiting to be saved."""
        self.case = case
        was_sealed = self.sealed
        self.sealed = case.id is not None and self.desk.statement.seal_of(case.id) is not None
        if self._show_clock_choices():
            self._selection_changed()
        self._show_agreement()
        fresh = self.agreed
        if not self.autosaver.pending and case.id is not None:
            fresh = self.desk.actions(case.id)
        if fresh != self.agreed:
            self.agreed = fresh
            self._fill_table(select=self.table.currentRow())
            return
        for row, action in enumerate(self.agreed):  # the dates only: the inputs keep typing
            for column, text in enumerate(self._cells(action)):
                cell_item(self.table, row, column).setText(text)
        if self.sealed != was_sealed:
            self._selection_changed()  # sealed just now: what was agreed becomes read-only
        else:
            self._show_proposal(self._current())

    def _show_clock_choices(self) -> bool:
        """Offer the time limits this case allows; True if they changed. Disagreement
        resolution has only the date agreed, so the statutory rows are hidden."""
        choices = action_clock_choices(self.case)
        statutory = len(choices) > 1
        self.form.setRowVisible(self.proposed, statutory)
        self.form.setRowVisible(self.reason, statutory)
        label = self.form.labelForField(self.override)
        if isinstance(label, QLabel):
            label.setText("Date a&greed instead:" if statutory else "Date a&greed:")
        if choices == [
            (self.clock.itemText(i), self.clock.itemData(i)) for i in range(self.clock.count())
        ]:
            return False
        self.clock.blockSignals(True)
        self.clock.clear()
        for text, clock in choices:
            self.clock.addItem(text, clock)
        self.clock.blockSignals(False)
        return True

    def _show_agreement(self) -> None:
        assert self.case is not None
        if not case_action_clocks(self.case):
            self.agreement.setText(
                "Disagreement resolution: each agreed action has the date the parties agreed; "
                "no statutory time limits apply (Children and Families Act 2014 s57)."
            )
        elif self.case.agreement_date:
            self.agreement.setText(
                f"Agreement reached on {long_date(self.case.agreement_date)}. Statutory dates are "
                "counted from it (SEND Regulations 2014 reg 42)."
            )
        elif self.case.meeting_date:
            self.agreement.setText(
                f"Statutory dates are counted from the meeting on "
                f"{long_date(self.case.meeting_date)}, as in the outcome statement, until the "
                "date the agreement was reached is recorded (Overview ▸ Key dates)."
            )
        else:
            self.agreement.setText(
                "Enter the date the agreement was reached under Overview ▸ Key dates: the "
                "statutory dates for each action are counted from it."
            )

    def _due(self, action: AgreedAction) -> str:
        due = action_due(action, self.case, self.desk.calendar()) if self.case else None
        if due is None:
            return "—"
        return f"{short_date(due)} (agreed)" if action.due_override else short_date(due)

    def _cells(self, action: AgreedAction) -> tuple[str, str, str, str]:
        done = short_date(action.done_on) if action.done_on else ""
        return (action.description or "(not described)", action.owner, self._due(action), done)

    def _fill_table(self, select: int | None) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.agreed))
        for row, action in enumerate(self.agreed):
            for column, text in enumerate(self._cells(action)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        has = bool(self.agreed)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        if select is not None and 0 <= select < len(self.agreed):
            self.table.selectRow(select)
        self._selection_changed()

    def _current(self) -> AgreedAction | None:
        row = self.table.currentRow()
        if not self.table.selectedItems() or not 0 <= row < len(self.agreed):
            return None
        return self.agreed[row]

    def _selection_changed(self) -> None:
        write_pending(self)
        action = self._current()
        read_only = self.desk.read_only
        # What was agreed under a sealed statement's issue is sealed with it (reg 42 record).
        locked = read_only or (self.sealed and action is not None and action.issue_id is not None)
        self.editor.setEnabled(action is not None)
        self.remove_button.setEnabled(action is not None and not locked)
        self.add_button.setEnabled(not read_only and self.case is not None)
        self._loading = True
        try:
            current = action or AgreedAction("")
            self.description.setText(current.description)
            self.owner.setText(current.owner)
            select_data(self.clock, current.clock)
            self.override.set_value(current.due_override)
            self.reason.setText(current.override_reason)
            self.done_on.set_value(current.done_on)
        finally:
            self._loading = False
        for edit in (self.description, self.owner, self.reason, self.override.edit):
            show_read_only(edit, locked)
        self.clock.setEnabled(not locked)
        self.override.setReadOnly(locked)
        self.done_on.setReadOnly(read_only)
        self.sealed_note.setVisible(locked and not read_only)
        self._show_proposal(action)

    def _show_proposal(self, action: AgreedAction | None) -> None:
        if action is None:
            self.proposed.clear()
            self.problems.clear()
            return
        clocks = case_action_clocks(self.case) if self.case else ()
        proposal = proposed_due(action, self.case, self.desk.calendar()) if self.case else None
        if proposal is None:
            counts = action.clock is not None and action.clock in clocks
            self.proposed.setText("Enter the agreement date to count it." if counts else "—")
            self.proposed.setToolTip("")
        else:
            self.proposed.setText(long_date(proposal.due))
            self.proposed.setToolTip(proposal.explanation)
        self.problems.setText("\n".join(f"⚠ {p}" for p in check_action(action, clocks)))

    # -- editing ------------------------------------------------------------------------------
    @after_pending_edits
    def add_action(self) -> None:
        if self.case is None or self.case.id is None or self.desk.read_only:
            return
        try:
            added = self.desk.add_action(self.case.id, AgreedAction(""))
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        self.agreed = self.desk.actions(self.case.id)
        self._fill_table(select=[a.id for a in self.agreed].index(added.id))
        self.description.setFocus()
        self.actions_changed.emit()

    @after_pending_edits
    def remove_action(self) -> None:
        action = self._current()
        if action is None or action.id is None or self.case is None or self.case.id is None:
            return
        try:
            self.desk.delete_action(action.id)
        except CaseFileError as error:
            self.save_failed.emit(error.message)
            return
        row = self.agreed.index(action)
        self.agreed = self.desk.actions(self.case.id)
        self._fill_table(select=min(row, len(self.agreed) - 1) if self.agreed else None)
        self.actions_changed.emit()

    def _edited(self, field: str, value: Any) -> None:
        action = self._current()
        if self._loading or action is None:
            return
        if self._editing_id != action.id:
            write_pending(self)
            self._editing_id = action.id
        row = self.agreed.index(action)
        updated = action.with_changes(**{field: value})
        self.agreed[row] = updated
        self.autosaver.change(field, value)
        for column, text in enumerate(self._cells(updated)):
            cell_item(self.table, row, column).setText(text)
        self._show_proposal(updated)

    def _save(self, changes: dict[str, Any]) -> None:
        if self._editing_id is None:
            return
        self.desk.update_action(self._editing_id, changes)
        self.actions_changed.emit()

    def flush(self) -> bool:
        return self.autosaver.flush()
