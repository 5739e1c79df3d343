"""After the seal: offer to record that the mediation has concluded and the date of the
agreement, so the certificate clock, the agreed actions and the status move on by themselves."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ....domain.case import Case
from ....domain.case_timeline import agreement_day
from ....domain.dates import long_date
from ...widgets.date_field import DateField


class ConcludeDialog(QDialog):
    """Two facts with their defaults: concluded on the meeting day, and (when something was
    agreed) the agreement dated as the sealed statement counted its actions."""

    def __init__(
        self, case: Case, today: dt.date, agreed: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("The mediation has concluded")
        meeting = case.meeting_date if case.meeting_date and case.meeting_date <= today else today
        self.concluded = DateField("Mediation concluded")
        self.concluded.set_value(case.concluded_on or meeting)
        self.agreement_day = agreement_day(case) or meeting
        self.agreement = QCheckBox(f"Agreement reached on {long_date(self.agreement_day)}")
        self.agreement.setAccessibleName("Agreement reached")
        self.agreement.setToolTip(
            "The sealed statement counts the agreed actions from this date "
            "(SEND Regulations 2014 reg 42)."
        )
        self.agreement.setChecked(agreed)
        if self.agreement_day > today:  # a meeting date not yet corrected: it would be refused
            self.agreement.setChecked(False)
            self.agreement.setEnabled(False)
            self.agreement.setText(
                f"The meeting date on the case, {long_date(self.agreement_day)}, is after today: "
                "correct it on the Overview to record the agreement."
            )
        intro = QLabel(
            "The statement is sealed. Record that the mediation has concluded? The status "
            "becomes Concluded, the certificate is due within 3 working days, and the agreed "
            "actions are counted from the agreement."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Concluded on:", self.concluded)
        form.addRow("", self.agreement)
        buttons = QDialogButtonBox()
        self.record_button = buttons.addButton("&Record", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Not now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[dt.date | None, dt.date | None]:
        """The conclusion date, and the agreement date if it is to be recorded."""
        return self.concluded.value(), self.agreement_day if self.agreement.isChecked() else None
