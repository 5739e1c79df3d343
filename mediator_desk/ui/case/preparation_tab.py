"""Preparation: the meeting arrangements, dates offered, and the contact log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.case import Case
from ...domain.dates import long_date, short_date
from ...domain.preferences import end_time
from ...domain.preparation import (
    ContactEntry,
    ContactKind,
    ContactMethod,
    MeetingFormat,
    ProposedDate,
)
from ...services import Desk
from ..autosave import autosaver_for
from ..editing import write_pending
from ..widgets.date_field import TimeEdit
from ..widgets.fields import combo, line, scroll_page, select_data
from ..widgets.record_editor import Column, FieldSpec, RecordEditor, RecordSource, date_text
from .page import CasePage


class PreparationTab(CasePage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.autosaver = autosaver_for(self, self._save)

        # The arrangements
        self.meeting = QLabel()
        self.meeting.setAccessibleName("Meeting date")
        self.meeting.setToolTip("Change the meeting date under Overview ▸ Key dates")
        self.start_time = TimeEdit("Start time", "10:00")
        self.end_time = TimeEdit("End time", "12:00")
        self.meeting_format = combo("Format", [(f.label, f) for f in MeetingFormat])
        self.platform = line("Platform", 100, "e.g. Microsoft Teams, Zoom")
        self.link = line("Meeting link", 1000, "https://…")
        self.venue = line("Venue", 300)
        self.venue_access = line("Venue access", 500, "Parking, step-free access, quiet room…")
        self.interpreter_booked = QCheckBox("Interpreter booked")
        self.interpreter_booked.setAccessibleName("Interpreter booked")
        self.arrangement_fields: dict[str, QWidget] = {
            "start_time": self.start_time, "end_time": self.end_time,
            "meeting_format": self.meeting_format, "platform": self.platform, "link": self.link,
            "venue": self.venue, "venue_access": self.venue_access,
            "interpreter_booked": self.interpreter_booked,
        }  # fmt: skip
        for name, widget in self.arrangement_fields.items():
            if widget is self.meeting_format:
                self.meeting_format.currentIndexChanged.connect(
                    lambda _i: self._edited("meeting_format", self.meeting_format.currentData())
                )
            elif widget is self.interpreter_booked:
                self.interpreter_booked.toggled.connect(
                    lambda value: self._edited("interpreter_booked", value)
                )
            elif isinstance(widget, TimeEdit):
                widget.time_changed.connect(lambda text, n=name: self._edited(n, text))
                widget.refused.connect(self.save_failed)
            else:
                widget.textEdited.connect(lambda text, n=name: self._edited(n, text))  # type: ignore[attr-defined]

        self.start_time.editingFinished.connect(self._fill_end_time)
        arrangements = QGroupBox("Arrangements")
        form = QFormLayout(arrangements)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Meeting:", self.meeting)
        form.addRow("&Starts:", self.start_time)
        form.addRow("E&nds:", self.end_time)
        form.addRow("Format:", self.meeting_format)
        form.addRow("P&latform:", self.platform)
        form.addRow("Lin&k:", self.link)
        form.addRow("Venue:", self.venue)
        form.addRow("Venue access:", self.venue_access)
        form.addRow("", self.interpreter_booked)
        self.form = form

        proposed = desk.proposed_dates
        self.dates = RecordEditor(
            "date",
            [
                Column("Date", lambda p: date_text(p.day)),
                Column("Time", lambda p: p.start),
                Column("Offered to", lambda p: p.offered_to, stretch=True),
                Column("Response", lambda p: p.response),
            ],
            [
                FieldSpec("day", "&Date:", "date"),
                FieldSpec("start", "Time:", "time", placeholder="10:00"),
                FieldSpec("offered_to", "Offered to:", max_length=300),
                FieldSpec(
                    "response",
                    "Response:",
                    max_length=300,
                    placeholder="e.g. LA available; parent prefers mornings",
                ),
            ],
            RecordSource(
                list=proposed.list,
                add=proposed.add,
                update=proposed.update,
                delete=proposed.delete,
                new=lambda: ProposedDate(self._default_day()),
                read_only=lambda: desk.read_only,
            ),
            "No dates offered yet.",
        )
        contacts = desk.contacts
        self.contacts = RecordEditor(
            "contact",
            [
                Column("When", lambda c: f"{short_date(c.when.date())} {c.when:%H:%M}"),
                Column("With", self._with_whom),
                Column("What", lambda c: c.kind.label),
                Column("Follow-up", self._follow_up_text, stretch=True),
            ],
            [
                FieldSpec("when", "&When:", "datetime"),
                FieldSpec("kind", "Kind:", "choice", [(k.label, k) for k in ContactKind]),
                FieldSpec("method", "Method:", "choice", [(m.label, m) for m in ContactMethod]),
                FieldSpec("attendee_id", "With whom:", "choice", self._attendee_choices),
                FieldSpec("with_whom", "Or someone else:", max_length=200),
                FieldSpec("summary", "Summary:", "multiline"),
                FieldSpec("follow_up", "Follow-up needed:", max_length=500),
                FieldSpec("follow_up_by", "Follow up &by:", "date"),
                FieldSpec("follow_up_done", "Follow-up done", "flag"),
            ],
            RecordSource(
                list=contacts.list,
                add=contacts.add,
                update=contacts.update,
                delete=contacts.delete,
                new=lambda: ContactEntry(dt.datetime.now().replace(second=0, microsecond=0)),
                read_only=lambda: desk.read_only,
            ),
            "No calls, emails or letters logged yet. Log the initial call, the case history and "
            "the pre-meeting call with each party.",
            add_shortcut="Ctrl+Shift+L",
        )
        dates_box = QGroupBox("Dates offered")
        QVBoxLayout(dates_box).addWidget(self.dates)
        contacts_box = QGroupBox("Contact log")
        QVBoxLayout(contacts_box).addWidget(self.contacts)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(arrangements)
        body_layout.addWidget(dates_box)
        body_layout.addWidget(contacts_box)
        scroll_page(self, body)
        for editor in (self.dates, self.contacts):
            editor.saved.connect(self.saved)
            editor.save_failed.connect(self.save_failed)
        self._attendee_names: dict[int, str] = {}

    def _default_day(self) -> dt.date:
        return self.desk.today() + dt.timedelta(days=14)

    def _attendee_choices(self) -> list[tuple[str, Any]]:
        if self.case is None or self.case.id is None:
            return [("Someone not listed", None)]
        attendees = self.desk.attendees.list(self.case.id)
        self._attendee_names = {a.id: a.display for a in attendees if a.id is not None}
        return [("Someone not listed", None)] + [
            (f"{a.display}: {a.role.label}", a.id) for a in attendees
        ]

    def _with_whom(self, contact: ContactEntry) -> str:
        if contact.attendee_id is not None:
            return self._attendee_names.get(contact.attendee_id, "")
        return contact.with_whom

    @staticmethod
    def _follow_up_text(contact: ContactEntry) -> str:
        if not contact.follow_up.strip():
            return ""
        when = f" by {short_date(contact.follow_up_by)}" if contact.follow_up_by else ""
        done = "✔ " if contact.follow_up_done else ""
        return f"{done}{contact.follow_up.strip()}{when}"

    # -- showing -----------------------------------------------------------------------------
    def show_case(self, case: Case) -> None:
        write_pending(self)
        self.case = case
        assert case.id is not None
        arrangements = self.desk.arrangements.get(case.id)
        self._loading = True
        try:
            for name, widget in self.arrangement_fields.items():
                value = getattr(arrangements, name)
                if widget is self.meeting_format:
                    select_data(self.meeting_format, value)
                elif widget is self.interpreter_booked:
                    self.interpreter_booked.setChecked(value)
                else:
                    widget.setText(value)  # type: ignore[attr-defined]
        finally:
            self._loading = False
        self.case_updated(case)
        self._apply_format(arrangements.meeting_format)
        self.dates.show_case(case.id)
        self.contacts.show_case(case.id)
        self.set_read_only(self.desk.read_only)

    def case_updated(self, case: Case) -> None:
        self.case = case
        if case.meeting_date:
            sent = (
                f"details sent {short_date(case.notice_sent)}"
                if case.notice_sent
                else "details not sent yet"
            )
            self.meeting.setText(f"{long_date(case.meeting_date)} ({sent})")
        else:
            self.meeting.setText("Not fixed yet (Overview ▸ Key dates)")

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.arrangement_fields.values():
            if hasattr(widget, "setReadOnly"):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    def _apply_format(self, meeting_format: MeetingFormat) -> None:
        online = meeting_format is not MeetingFormat.IN_PERSON
        in_person = meeting_format is not MeetingFormat.ONLINE
        for widget in (self.platform, self.link):
            self.form.setRowVisible(widget, online)
        for widget in (self.venue, self.venue_access):
            self.form.setRowVisible(widget, in_person)

    def _edited(self, name: str, value: Any) -> None:
        if self._loading or self.case is None:
            return
        self.autosaver.change(name, value)
        if name == "meeting_format":
            self._apply_format(value)

    def _fill_end_time(self) -> None:
        """A start time with no end yet: the end follows from the usual meeting length
        (Settings ▸ Meetings)."""
        if self._loading or self.case is None or self.end_time.text().strip():
            return
        if self.desk.read_only:
            return
        end = end_time(self.start_time.text(), self.desk.preferences().meeting_minutes)
        if end:
            self.end_time.setText(end)
            self._edited("end_time", end)

    def _save(self, changes: dict[str, Any]) -> None:
        assert self.case is not None and self.case.id is not None
        self.desk.arrangements.update(self.case.id, changes)

    def focus_field(self, name: str) -> None:
        if name == "contacts":
            self.contacts.table.setFocus()
        elif name in self.arrangement_fields:
            self.arrangement_fields[name].setFocus()

    def flush(self) -> bool:
        results = [self.autosaver.flush(), self.dates.flush(), self.contacts.flush()]
        return all(results)
