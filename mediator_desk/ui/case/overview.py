"""The case Overview tab: what the case is about and where it stands. Every edit autosaves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import MAX_TEXT, Case, CaseChecks, CaseKind, CaseStatus, DecisionKind
from ...domain.people import age_on
from ...services import Desk
from ..autosave import autosaver_for
from ..editing import write_pending
from ..widgets.date_field import DateField
from ..widgets.fields import combo, line, message_label, scroll_page, select_data
from ..widgets.parents_editor import ParentsEditor
from .page import CasePage
from .timeline_view import TimelineView

KEY_DATES = {
    "adviser_contacted": "Family contacted the adviser",
    "declined_on": "Family declined mediation",
    "la_informed": "LA told family wants mediation",
    "icb_notified": "ICB notified",
    "la_cannot_arrange": "LA cannot arrange in 30 days",
    "notice_sent": "Meeting details sent",
    "concluded_on": "Mediation concluded",
    "certificate_issued": "Certificate issued",
    "agreement_date": "Agreement reached",
    "statement_circulated": "Outcome statement circulated",
}
# Edits to these fields cannot change a deadline, so the timeline is not recounted for them.
TEXT_ONLY_FIELDS = frozenset(
    {"child_name", "child_known_as", "parents", "local_authority", "notes", "status"}
)


class OverviewTab(CasePage):
    """Edits one case at a time; `saved` and `save_failed` report autosave to the window."""

    go_to = Signal(str, str)  # tab, field: where a readiness warning is put right

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.autosaver = autosaver_for(self, self._save)

        self.reference = QLabel()
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reference.setAccessibleName("Case reference")
        self.kind = combo("Kind of case", [(k.label, k) for k in CaseKind])
        self.status = combo("Status", [(s.label, s) for s in CaseStatus])
        self.child_name = self._line("Name of the child or young person", "child_name")
        self.child_known_as = self._line("Known as", "child_known_as")
        self.child_known_as.setPlaceholderText("The name they like to be called, if different")
        self.child_dob = DateField("Date of birth")
        self.young_person = QCheckBox("Young person: a party in their own right")
        self.young_person.setAccessibleName("Young person")
        self.young_person.setToolTip(
            "A young person is over compulsory school age and under 25 (Children and Families "
            "Act 2014 s83(2)). Worked out from the date of birth when it is known."
        )
        self.age_label = QLabel()
        self.age_label.setWordWrap(True)
        self.parents = ParentsEditor()
        self.parents.edited.connect(lambda value: self._edited("parents", value))
        self.local_authority = self._line("Local authority", "local_authority")
        self.decision_kind = combo(
            "Decision in dispute", [("Not recorded", None)] + [(d.label, d) for d in DecisionKind]
        )
        self.decision_date = DateField("Decision notice sent")
        self.decision_date.edit.setToolTip(
            "The date the local authority sent its decision notice or final plan: the appeal "
            "and mediation clocks run from it."
        )
        self.section_i_only = QCheckBox("The dispute is about Section I (placement) only")
        self.section_i_only.setAccessibleName("Section I only")
        self.section_i_only.setToolTip(
            "An appeal only about the school or institution named in Section I needs no "
            "mediation certificate; the family may still mediate."
        )
        self.meeting_date = DateField("Meeting date")
        self.timeline = TimelineView()
        self.readiness = QListWidget()
        self.readiness.setAccessibleName("Ready for the meeting")
        self.readiness.setToolTip("Double-click or press Enter to go to what puts it right")
        self.readiness.setWordWrap(True)
        self.readiness.itemActivated.connect(self._readiness_activated)
        self.readiness.itemDoubleClicked.connect(self._readiness_activated)
        self.key_dates: dict[str, DateField] = {
            name: DateField(label) for name, label in KEY_DATES.items()
        }
        self.key_dates["meeting_date"] = self.meeting_date
        self.health_issues = QCheckBox("The issues include health care")
        self.health_issues.setAccessibleName("The issues include health care")
        self.health_issues.setToolTip(
            "The LA must tell each relevant ICB within 3 working days, and the ICB takes part."
        )
        self.health_only = QCheckBox("Health care only: the ICB arranges mediation")
        self.health_only.setAccessibleName("Health care issues only")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Case notes")
        self.notes.setPlaceholderText("Notes about the case (private to the mediator)")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(120)
        self.problems = message_label("Things to check")
        self.problems.setFrameShape(QFrame.Shape.StyledPanel)
        self.problems.setMargin(8)

        about = QGroupBox("The case")
        form = QFormLayout(about)
        form.addRow("Reference:", self.reference)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Status:", self.status)
        child = QGroupBox("The child or young person")
        child_form = QFormLayout(child)
        child_form.addRow("&Name:", self.child_name)
        child_form.addRow("Kno&wn as:", self.child_known_as)
        child_form.addRow("Date of &birth:", self.child_dob)
        child_form.addRow("", self.age_label)
        child_form.addRow("", self.young_person)
        parents_label = QLabel("Parents or carers:")
        parents_label.setBuddy(self.parents)
        child_form.addRow(parents_label, self.parents)
        decision = QGroupBox("The decision in dispute")
        decision_form = QFormLayout(decision)
        decision_form.addRow("&Local authority:", self.local_authority)
        decision_form.addRow("&Decision:", self.decision_kind)
        decision_form.addRow("Notice sent:", self.decision_date)
        decision_form.addRow("", self.section_i_only)
        timeline_box = QGroupBox("Timeline and deadlines")
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.addWidget(self.timeline)
        dates = QGroupBox("Key dates (enter each as it happens)")
        dates_form = QFormLayout(dates)
        for name, field_widget in self.key_dates.items():
            if name == "meeting_date":
                continue
            dates_form.addRow(f"{KEY_DATES[name]}:", field_widget)
            if name == "la_informed":
                dates_form.addRow("", self.health_issues)
                dates_form.addRow("", self.health_only)
            if name == "notice_sent":
                dates_form.addRow("Meetin&g date:", self.meeting_date)
        for form_layout in (form, child_form, decision_form, dates_form):
            form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        notes_box = QGroupBox("Notes")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes)
        notes_box.setFocusProxy(self.notes)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.problems)
        self.readiness_box = QGroupBox("Ready for the meeting?")
        readiness_layout = QVBoxLayout(self.readiness_box)
        readiness_layout.addWidget(self.readiness)
        body_layout.addWidget(self.readiness_box)
        body_layout.addWidget(timeline_box)
        body_layout.addWidget(about)
        body_layout.addWidget(child)
        body_layout.addWidget(decision)
        body_layout.addWidget(dates)
        body_layout.addWidget(notes_box, 1)
        scroll_page(self, body)

        self.kind.currentIndexChanged.connect(lambda: self._edited("kind", self.kind.currentData()))
        self.status.currentIndexChanged.connect(
            lambda: self._edited("status", self.status.currentData())
        )
        self.decision_kind.currentIndexChanged.connect(
            lambda: self._edited("decision_kind", self.decision_kind.currentData())
        )
        self.child_dob.date_changed.connect(lambda v: self._edited("child_dob", v))
        self.decision_date.date_changed.connect(lambda v: self._edited("decision_date", v))
        for name, field_widget in self.key_dates.items():
            field_widget.date_changed.connect(lambda v, n=name: self._edited(n, v))
        self.health_issues.toggled.connect(lambda v: self._edited("health_issues", v))
        self.health_only.toggled.connect(lambda v: self._edited("health_only", v))
        self.young_person.toggled.connect(lambda v: self._edited("young_person_stated", v))
        self.section_i_only.toggled.connect(lambda v: self._edited("section_i_only", v))
        self.notes.textChanged.connect(lambda: self._edited("notes", self.notes.toPlainText()))

    def _line(self, name: str, field: str) -> QLineEdit:
        edit = line(name, MAX_TEXT.get(field, 32767))
        edit.textEdited.connect(lambda text: self._edited(field, text))
        return edit

    # -- showing a case ----------------------------------------------------------------------
    def show_case(self, case: Case) -> None:
        """Show `case`, saving anything still pending for the previous one first."""
        write_pending(self)
        self.case = case
        self.reference.setText(case.reference)
        self._fill(case, set(self._inputs()))
        self._loading = True  # showing the case is not an edit of it
        self.young_person.setChecked(case.is_young_person(self.desk.today()))
        self._loading = False
        self.notes.document().clearUndoRedoStacks()
        self.notes.moveCursor(QTextCursor.MoveOperation.End)  # notes are added to
        self._refresh_derived()
        self.set_read_only(self.desk.read_only)

    def case_updated(self, stored: Case) -> None:
        """The case as stored after a write anywhere: a field changed elsewhere shows its new
        value; a field being typed in, or with an edit still to be saved, keeps what was typed."""
        shown = self.case
        if shown is None or shown.id != stored.id:
            return
        pending = self.autosaver.pending
        self.case = stored.with_changes(**pending) if pending else stored
        focus = QApplication.focusWidget()
        elsewhere = {
            name
            for name, widget in self._inputs().items()
            if name not in pending
            and getattr(stored, name) != getattr(shown, name)
            and not (focus is not None and (focus is widget or widget.isAncestorOf(focus)))
        }
        self._fill(stored, elsewhere)
        self._refresh_derived()

    def _inputs(self) -> dict[str, QWidget]:
        """Each stored field and the input that shows it."""
        return {
            "kind": self.kind,
            "status": self.status,
            "decision_kind": self.decision_kind,
            "child_name": self.child_name,
            "child_known_as": self.child_known_as,
            "child_dob": self.child_dob,
            "parents": self.parents,
            "local_authority": self.local_authority,
            "decision_date": self.decision_date,
            "section_i_only": self.section_i_only,
            "health_issues": self.health_issues,
            "health_only": self.health_only,
            "notes": self.notes,
            **self.key_dates,
        }

    def _fill(self, case: Case, names: set[str]) -> None:
        """Put the stored values of these fields into their inputs (not an edit)."""
        self._loading = True
        try:
            for name, widget in self._inputs().items():
                if name not in names:
                    continue
                value = getattr(case, name)
                if isinstance(widget, ParentsEditor):
                    widget.set_value(value)
                elif isinstance(widget, QComboBox):
                    select_data(widget, value)
                elif isinstance(widget, DateField):
                    widget.set_value(value)
                elif isinstance(widget, QLineEdit):
                    widget.setText(value)
                    widget.setCursorPosition(0)  # show the start of long text, not its end
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(value)
                elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                    widget.setPlainText(value)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.child_name, self.child_known_as, self.local_authority):
            edit.setReadOnly(read_only)
        self.parents.set_read_only(read_only)
        self.notes.setReadOnly(read_only)
        for date_field in (self.child_dob, self.decision_date, *self.key_dates.values()):
            date_field.setReadOnly(read_only)
        for widget in (
            self.kind,
            self.status,
            self.decision_kind,
            self.section_i_only,
            self.health_issues,
            self.health_only,
        ):
            widget.setEnabled(not read_only)
        self.young_person.setEnabled(not read_only and self.child_dob.value() is None)

    # -- editing -----------------------------------------------------------------------------
    def _edited(self, field: str, value: Any) -> None:
        if self._loading or self.case is None:
            return
        self.case = self.case.with_changes(**{field: value})
        self.autosaver.change(field, value)
        self._refresh_derived(timeline=field not in TEXT_ONLY_FIELDS)

    def _save(self, changes: dict[str, Any]) -> None:
        assert self.case is not None and self.case.id is not None
        self.desk.update_case(self.case.id, changes)  # every tab hears of it (case_changes)

    def refresh_readiness(self) -> None:
        """The readiness checklist (domain/readiness.py), each item linked to its fix."""
        if self.case is None or self.case.id is None:
            return
        self.readiness.clear()
        items = self.desk.readiness(self.case)
        for found in items:
            item = QListWidgetItem(f"⚠ {found.message}")
            item.setData(Qt.ItemDataRole.UserRole, (found.tab, found.field))
            self.readiness.addItem(item)
        if not items:
            done = QListWidgetItem("✔ Nothing outstanding.")
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.readiness.addItem(done)
        rows = max(self.readiness.count(), 1)
        row_height = self.readiness.sizeHintForRow(0) if self.readiness.count() else 20
        self.readiness.setFixedHeight(min(rows, 8) * (row_height + 2) + 8)

    def _readiness_activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.go_to.emit(*target)

    def focus_field(self, name: str) -> None:
        widget = self.key_dates.get(name)
        if widget is not None:
            widget.setFocus()

    def refresh_timeline(self) -> None:
        """Recount the case's deadlines (after an edit, or when agreed actions change)."""
        if self.case is None:
            return
        self.timeline.show_timeline(
            self.desk.events(self.case),
            self.desk.timeline(self.case),
            self.desk.today(),
            self.desk.stopped_clocks(self.case),
        )

    def _refresh_derived(self, timeline: bool = True) -> None:
        case = self.case
        if case is None:
            return
        today = self.desk.today()
        if timeline:
            self.refresh_timeline()
            self.refresh_readiness()
        if case.child_dob is not None:
            self._loading = True
            self.young_person.setChecked(case.is_young_person(today))
            self._loading = False
            age = age_on(case.child_dob, today)
            self.age_label.setText(f"Aged {age}" if age >= 0 else "")
        else:
            self.age_label.setText("Date of birth not recorded: tick if they are a young person")
        self.young_person.setEnabled(not self.desk.read_only and case.child_dob is None)
        self.section_i_only.setVisible(
            (case.decision_kind is not None and case.decision_kind.is_about_plan_contents)
            or case.section_i_only
        )
        self._show_checks(self.desk.checks(case))

    def _show_checks(self, checks: CaseChecks) -> None:
        if not checks.problems:
            self.problems.hide()
            return
        lines = [f"✖ {p.message}" for p in checks.errors] + [
            f"⚠ {p.message}" for p in checks.warnings
        ]
        self.problems.setText("\n".join(lines))
        self.problems.show()

    def flush(self) -> bool:
        return self.autosaver.flush()
