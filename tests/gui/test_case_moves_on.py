"""The case moves itself on: sealing offers to record the conclusion and the agreement,
exporting the certificate records its issue date (with an Undo), and the status, readiness,
agreed actions, dashboard, service report and `deadlines --case` all follow."""

from __future__ import annotations

import datetime as dt
import json

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from mediator_desk.cli import main
from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.dates import long_date, short_date
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.reporting import ReportFilter
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome
from mediator_desk.domain.timeline import Clock
from tests.conftest import TODAY, make_case

DECISION = dt.date(2026, 10, 1)  # 2 months: Tuesday 1 December 2026
CERTIFIED_APPEAL = dt.date(2026, 12, 23)  # 1 month from a certificate of Monday 23 November
ACTION_BY = dt.date(2026, 12, 7)  # reg 42(3): 2 weeks from the meeting on 23 November


def sealed_today(window, meeting=TODAY):
    """A mediation held today (Monday 23 November 2026), with one agreed issue and one action,
    confirmed by both parties and sealed through the Meeting tab."""
    desk = window.desk
    desk.documents.set_service({"mediator": "Alex Mercer"})  # a certificate names its issuer
    case = desk.create_case(
        make_case(decision_date=DECISION, meeting_date=TODAY, status=CaseStatus.ARRANGED)
    )
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    la = desk.attendees.add(
        case.id, Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True)
    )
    for person in (parent, la):
        desk.statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    issue = desk.statement.issues.add(case.id, Issue("Therapy report", outcome=Outcome.AGREED))
    desk.add_action(
        case.id,
        AgreedAction(
            "Send the therapy report",
            owner="Fernleigh CC",
            clock=Clock.NON_APPEALABLE_ACTION_BY,
            issue_id=issue.id,
        ),
    )
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(tab)
    for person in (parent, la):
        assert tab.record_confirmation(person.id, ConfirmedHow.SPOKEN)
    if meeting != TODAY:  # a date changed after the confirmations, before sealing
        desk.update_case(case.id, {"meeting_date": meeting})
    assert tab.seal_now()
    return case


def test_sealing_offers_to_conclude_and_the_tabs_follow(qtbot, window):
    case = sealed_today(window)
    workspace = window.workspace
    overview = workspace.overview
    assert any(i.key.startswith("pre_meeting_") for i in window.desk.readiness(case))
    dialog = workspace.meeting.conclude_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.concluded.value() == TODAY
    assert dialog.agreement.isChecked() and dialog.agreement_day == TODAY
    dialog.record_button.click()
    stored = window.desk.case(case.id)
    assert (stored.status, stored.concluded_on, stored.agreement_date) == (
        CaseStatus.CONCLUDED,
        TODAY,
        TODAY,
    )
    # Every tab follows without reopening the case.
    qtbot.waitUntil(lambda: overview.status.currentData() is CaseStatus.CONCLUDED)
    assert overview.key_dates["concluded_on"].value() == TODAY
    assert overview.key_dates["agreement_date"].value() == TODAY
    readiness = [overview.readiness.item(r).text() for r in range(overview.readiness.count())]
    assert readiness == ["✔ Nothing outstanding."]
    model = window.casebook.model
    assert model.summary(model.row_of(case.id)).status is CaseStatus.CONCLUDED
    # The sealed statement and the Agreed actions tab give the action the same date.
    seal = window.desk.statement.seal_of(case.id)
    sealed_by = json.loads(seal.content)["issues"][0]["actions"][0]["by"]
    assert sealed_by == long_date(ACTION_BY) == "Monday 7 December 2026"
    actions = workspace.actions_tab
    workspace.tabs.setCurrentWidget(actions)
    assert actions.table.item(0, 2).text() == short_date(ACTION_BY)
    # The certificate is now due, 3 working days after the conclusion.
    due = {t.key: t for t in window.desk.timeline(stored)}
    assert due["certificate_concluded_due"].due == dt.date(2026, 11, 26)


def test_a_meeting_date_after_today_is_not_offered_as_the_agreement(qtbot, window):
    """Sealed before the meeting date on the case (a date not yet corrected): concluding is
    offered for today, but not an agreement on a day that has not come, which would be
    refused; the dialog says what to correct."""
    case = sealed_today(window, meeting=dt.date(2026, 12, 2))
    failures = []
    window.workspace.meeting.save_failed.connect(failures.append)
    dialog = window.workspace.meeting.conclude_dialog
    assert dialog.concluded.value() == TODAY
    assert not dialog.agreement.isChecked() and not dialog.agreement.isEnabled()
    assert dialog.agreement.text() == (
        "The meeting date on the case, Wednesday 2 December 2026, is after today: correct it "
        "on the Overview to record the agreement."
    )
    dialog.record_button.click()
    stored = window.desk.case(case.id)
    assert (stored.status, stored.concluded_on, stored.agreement_date) == (
        CaseStatus.CONCLUDED,
        TODAY,
        None,
    )
    assert failures == []


def test_not_now_records_nothing(qtbot, window):
    case = sealed_today(window)
    window.workspace.meeting.conclude_dialog.reject()
    stored = window.desk.case(case.id)
    assert (stored.status, stored.concluded_on, stored.agreement_date) == (
        CaseStatus.ARRANGED,
        None,
        None,
    )


def test_exporting_the_certificate_records_its_issue_date_with_an_undo(
    qtbot, window, tmp_path, casefile_path, capsys
):
    case = sealed_today(window)
    window.workspace.meeting.conclude_dialog.record_button.click()
    workspace = window.workspace
    documents = workspace.documents
    workspace.tabs.setCurrentWidget(documents)
    documents.select_kind("certificate-concluded")
    assert documents.export_button.isEnabled()
    documents.folder.setText(str(tmp_path))
    documents.format.setCurrentIndex(0)  # PDF and Word
    assert documents.export_selected()
    qtbot.waitUntil(lambda: not documents.busy, timeout=15000)
    assert window.desk.case(case.id).certificate_issued == TODAY
    assert "issue date, Monday 23 November 2026, is recorded" in documents.message.text()
    assert documents.undo_issue.isVisible()
    pdf = next(tmp_path.glob("*.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert long_date(CERTIFIED_APPEAL) in " ".join(text.split())

    # The dashboard, the service report and the timeline agree with the certificate.
    window.left_tabs.setCurrentWidget(window.dashboard)
    qtbot.waitUntil(lambda: not window._dashboard_stale)
    whats = [row[1].key for row in window.dashboard.model._rows if row[0].id == case.id]
    assert "certificate_concluded_due" not in whats
    report = window.desk.service_report(ReportFilter(dt.date(2026, 11, 1), dt.date(2026, 11, 30)))
    assert report.section("certificates").total == 1
    timeline = {t.key: t for t in window.desk.timeline(window.desk.case(case.id))}
    assert timeline["appeal_by"].due == CERTIFIED_APPEAL
    window.close_casefile()
    capsys.readouterr()
    reference = case.reference
    assert main(["deadlines", "--case", reference, "--json", "--casefile", str(casefile_path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["appeal_by"] == CERTIFIED_APPEAL.isoformat()


def test_undo_takes_the_issue_date_back(qtbot, window, tmp_path):
    case = sealed_today(window)
    window.workspace.meeting.conclude_dialog.record_button.click()
    documents = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(documents)
    documents.select_kind("certificate-concluded")
    documents.folder.setText(str(tmp_path))
    assert documents.export_selected()
    qtbot.waitUntil(lambda: not documents.busy, timeout=15000)
    assert window.desk.case(case.id).certificate_issued == TODAY
    qtbot.mouseClick(documents.undo_issue, Qt.MouseButton.LeftButton)
    assert window.desk.case(case.id).certificate_issued is None
    assert not documents.undo_issue.isVisible()
    shown = window.workspace.overview.key_dates["certificate_issued"]
    qtbot.waitUntil(lambda: shown.value() is None)


def looks_read_only(widget) -> bool:
    """Greyed through the palette: the field's base is the window colour, as Qt's own
    read-only look, whatever the theme."""
    palette = widget.palette()
    return palette.color(QPalette.ColorRole.Base) == palette.color(QPalette.ColorRole.Window)


def test_after_the_seal_sealed_fields_are_visibly_read_only_and_say_why(qtbot, window):
    case = sealed_today(window)
    meeting = window.workspace.meeting
    meeting.conclude_dialog.reject()
    assert meeting.sealed_note.isVisible()
    assert meeting.sealed_note.text() == (
        "This statement is sealed and can never be changed. To correct or add to it, add an "
        "addendum (the Addenda tab below)."
    )
    sealed_fields = [
        meeting.issue_title,
        meeting.discussion,
        meeting.other_matters,
        meeting.next_steps,
        meeting.appeal_information,
    ]
    for field in sealed_fields:
        assert field.isReadOnly() and looks_read_only(field), field.accessibleName()
    assert not meeting.private_notes.isReadOnly()
    assert not looks_read_only(meeting.private_notes)
    # ... and so are the sealed issue's agreed actions in the Meeting tab.
    editor = meeting.action_editor
    editor.table.selectRow(0)
    for name in ("description", "owner", "override_reason"):
        field = editor.widgets[name]
        assert field.isReadOnly() and looks_read_only(field), name
    assert looks_read_only(editor.widgets["due_override"].edit)
    # Typing into a sealed field says why nothing happens.
    for field in (meeting.discussion, meeting.next_steps):
        before = field.toPlainText()
        with qtbot.waitSignal(meeting.save_failed) as refused:
            qtbot.keyClicks(field, "x")
        assert refused.args[0] == (
            "The outcome statement is sealed and can never be changed. To correct it, add an "
            "addendum."
        )
        assert field.toPlainText() == before
    # The Appeal information box shows what the sealed statement says.
    sealed = json.loads(window.desk.statement.seal_of(case.id).content)
    assert sealed["appeal_information"].startswith("If you disagree")
    assert meeting.appeal_information.toPlainText() == sealed["appeal_information"]


def test_sealed_agreed_actions_are_read_only_in_the_agreed_actions_tab(qtbot, window):
    case = sealed_today(window)
    window.workspace.meeting.conclude_dialog.reject()
    tab = window.workspace.actions_tab
    window.workspace.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    assert tab.sealed_note.isVisible()
    assert "sealed outcome statement" in tab.sealed_note.text()
    assert "add an addendum" in tab.sealed_note.text()
    for field in (tab.description, tab.owner, tab.reason, tab.override.edit):
        assert field.isReadOnly() and looks_read_only(field), field.accessibleName()
    assert not tab.clock.isEnabled() and not tab.remove_button.isEnabled()
    tab.description.setFocus()
    with qtbot.waitSignal(tab.save_failed) as refused:
        qtbot.keyClicks(tab.description, " and more")
    assert "sealed outcome statement and can never be changed" in refused.args[0]
    assert tab.description.text() == "Send the therapy report"
    # When it was done is still recorded: that is not part of the statement.
    assert not tab.done_on.edit.isReadOnly()
    tab.done_on.edit.setFocus()
    qtbot.keyClicks(tab.done_on.edit, "23/11/2026")
    tab.flush()
    assert window.desk.actions(case.id)[0].done_on == TODAY
    assert window.desk.actions(case.id)[0].description == "Send the therapy report"


def test_emailing_the_statement_records_when_it_was_circulated_with_an_undo(
    qtbot, window, tmp_path, monkeypatch
):
    """The email draft is how the statement goes out: preparing it records the day (DOMAIN.md:
    circulated within 3 working days), and an Undo takes it back if it was not sent."""
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    case = sealed_today(window)
    window.workspace.meeting.conclude_dialog.reject()
    documents = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(documents)
    documents.select_kind("outcome-statement")
    documents.folder.setText(str(tmp_path))
    assert documents.export_selected()
    qtbot.waitUntil(lambda: not documents.busy, timeout=15000)
    assert window.desk.case(case.id).statement_circulated is None  # exported is not sent

    documents.prepare_email()
    assert window.desk.case(case.id).statement_circulated == TODAY
    assert documents.message.text().endswith(
        "Recorded as circulated on Monday 23 November 2026: the outcome statement."
    )
    assert documents.undo_issue.isVisible()
    shown = window.workspace.overview.key_dates["statement_circulated"]
    qtbot.waitUntil(lambda: shown.value() == TODAY)

    qtbot.mouseClick(documents.undo_issue, Qt.MouseButton.LeftButton)
    assert window.desk.case(case.id).statement_circulated is None
    assert not documents.undo_issue.isVisible()
    qtbot.waitUntil(lambda: shown.value() is None)

    documents.prepare_email()  # a second draft records it again; one already recorded stays
    window.desk.documents.set_circulated(
        window.desk.case(case.id), "outcome-statement", dt.date(2026, 11, 20)
    )
    documents.prepare_email()
    assert window.desk.case(case.id).statement_circulated == dt.date(2026, 11, 20)
