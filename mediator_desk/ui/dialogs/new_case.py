"""New case: just enough to open a case; everything else is added on the Overview tab."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import MAX_TEXT, Case, CaseKind, DecisionKind
from ...domain.parents import ParentCarer
from ...services import CaseNotValid, Desk
from ...store.errors import CaseFileError
from ..widgets.date_field import DateField
from ..widgets.fields import combo, line, message_label
from ..widgets.parents_editor import ParentsEditor


class NewCaseDialog(QDialog):
    """Opened with open() (not exec), so the window stays responsive; emits `created`."""

    created = Signal(object)  # the stored Case

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("New case")
        self.setMinimumWidth(600)
        self.kind = combo("Kind of case", [(kind.label, kind) for kind in CaseKind])
        self.child_name = line("Name of the child or young person", MAX_TEXT["child_name"])
        self.child_dob = DateField("Date of birth")
        self.parents = ParentsEditor("Add a second parent or carer", max_rows=2)
        self.local_authority = line("Local authority", MAX_TEXT["local_authority"])
        self.decision_kind = combo(
            "Decision in dispute", [("Choose…", None)] + [(d.label, d) for d in DecisionKind]
        )
        self.decision_date = DateField("Decision notice sent")
        self.errors = message_label("Problems to put right")
        self.errors.hide()

        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Child or young person:", self.child_name)
        form.addRow("Date of &birth:", self.child_dob)
        form.addRow("&Parents or carers:", self.parents)
        form.addRow("&Local authority:", self.local_authority)
        form.addRow("&Decision in dispute:", self.decision_kind)
        form.addRow("Decision notice &sent:", self.decision_date)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create case")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Enter what you know now; everything can be changed later.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.child_name.setFocus()

    def draft(self) -> Case:
        return Case(
            kind=self.kind.currentData(),
            child_name=self.child_name.text().strip(),
            child_dob=self.child_dob.value(),
            parents=tuple(
                ParentCarer(p.name.strip(), p.relationship.strip()) for p in self.parents.value()
            ),
            local_authority=self.local_authority.text().strip(),
            decision_kind=self.decision_kind.currentData(),
            decision_date=self.decision_date.value(),
        )

    def accept(self) -> None:
        try:
            case = self.desk.create_case(self.draft())
        except CaseNotValid as invalid:
            self.errors.setText("\n".join(f"✖ {p.message}" for p in invalid.checks.errors))
            self.errors.show()
            return
        except CaseFileError as error:
            self.errors.setText(f"✖ {error.message}")
            self.errors.show()
            return
        self.created.emit(case)
        super().accept()
