"""People: who attends, in what role, how to reach them and what they need."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.case import Case
from ...domain.preparation import Attendance, Attendee, ChildPart, ContactMethod, Role
from ...domain.readiness import role_problems
from ...services import Desk
from ..widgets.fields import message_label, scroll_page
from ..widgets.record_editor import Column, FieldSpec, RecordEditor, RecordSource
from .page import CasePage


def _attendance(attendee: Attendee) -> str:
    if attendee.role is Role.CHILD and attendee.child_part is not None:
        return f"{attendee.attendance.label} ({attendee.child_part.label.lower()})"
    return attendee.attendance.label


def _flags(attendee: Attendee) -> str:
    flags = []
    if attendee.role.is_la and attendee.decision_authority:
        flags.append("Authority to agree")
    if attendee.interpreter_needed:
        flags.append(f"Interpreter ({attendee.language})" if attendee.language else "Interpreter")
    if attendee.access_needs.strip():
        flags.append("Access needs")
    if attendee.attendance_disputed:
        flags.append("Attendance disputed")
    return ", ".join(flags)


class PeopleTab(CasePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.problems = message_label("Problems with who attends")
        records = desk.attendees
        fields = [
            FieldSpec("name", "&Name:", max_length=200),
            FieldSpec("role", "Role:", "choice", [(r.label, r) for r in Role]),
            FieldSpec("organisation", "Organisation:", max_length=200),
            FieldSpec("job_title", "&Job title:", max_length=200),
            FieldSpec(
                "decision_authority",
                "Has authority to make decisions at the meeting",
                "flag",
                tooltip="The LA must send someone who can agree at the meeting.",
                visible=lambda a: a.role.is_la,
            ),
            FieldSpec("attendance", "Atten&ding:", "choice", [(a.label, a) for a in Attendance]),
            FieldSpec(
                "child_part",
                "Attends ho&w much:",
                "choice",
                [("Not decided", None)] + [(p.label, p) for p in ChildPart],
                tooltip="The child may attend none, part or all of the meeting.",
                visible=lambda a: a.role in (Role.CHILD, Role.YOUNG_PERSON),
            ),
            FieldSpec("email", "Emai&l:", max_length=254),
            FieldSpec("phone", "Phone:", max_length=50),
            FieldSpec(
                "preferred_contact",
                "Prefers contact &by:",
                "choice",
                [("No preference", None)] + [(m.label, m) for m in ContactMethod],
            ),
            FieldSpec(
                "consent_share_contact",
                "Agrees to share contact details with other parties",
                "flag",
            ),
            FieldSpec("language", "Lan&guage:", max_length=100, placeholder="e.g. Polish, BSL"),
            FieldSpec("interpreter_needed", "Needs an interpreter", "flag"),
            FieldSpec(
                "access_needs",
                "Access needs:",
                "multiline",
                placeholder="Reasonable adjustments: breaks, large print, step-free access…",
            ),
            FieldSpec(
                "attendance_disputed",
                "Whether this person attends is disputed",
                "flag",
                tooltip="The mediator decides disputes about who attends.",
            ),
            FieldSpec(
                "mediator_decision",
                "Mediator's decision:",
                "multiline",
                placeholder="The decision and the reason",
                visible=lambda a: a.attendance_disputed or a.role.is_supporter,
            ),
            FieldSpec("notes", "Note&s:", "multiline"),
        ]
        self.editor: RecordEditor[Attendee] = RecordEditor(
            "attendee",
            [
                Column("Name", lambda a: a.name or "(no name)", stretch=True),
                Column("Role", lambda a: a.role.label),
                Column("Attending", _attendance),
                Column("Notes", _flags),
            ],
            fields,
            RecordSource(
                list=records.list,
                add=records.add,
                update=records.update,
                delete=records.delete,
                new=lambda: Attendee("", Role.PARENT_CARER),
                read_only=lambda: desk.read_only,
            ),
            "No one is listed yet. Add the parents or carers (or the young person), the local "
            "authority's decision-maker, and everyone else taking part.",
            add_shortcut="Ctrl+Shift+P",
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(
            "The family may bring one advocate or supporter as of right; anyone else attends "
            "with everyone's agreement or the mediator's (SEND Regulations 2014 reg 38)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.problems)
        layout.addWidget(self.editor, 1)
        self.editor.table.setMinimumHeight(140)
        scroll_page(self, body)
        self.editor.changed.connect(self.refresh_problems)
        self.editor.saved.connect(self.saved)
        self.editor.save_failed.connect(self.save_failed)
        self._case: Case | None = None

    def show_case(self, case: Case) -> None:
        self._case = case
        assert case.id is not None  # the workspace shows only cases read from the case file
        self.editor.show_case(case.id)
        self.refresh_problems()

    def case_updated(self, case: Case) -> None:
        """The case as stored changed (its date of birth may make the child a young person)."""
        self._case = case
        self.refresh_problems()

    def refresh_problems(self) -> None:
        if self._case is None:
            return
        found = role_problems(self._case, self.editor.records, self.desk.today())
        self.problems.setText("\n".join(f"⚠ {p.message}" for p in found))
        self.problems.setVisible(bool(found))

    def flush(self) -> bool:
        return self.editor.flush()
