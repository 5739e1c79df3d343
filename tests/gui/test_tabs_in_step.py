"""Every tab of an open case shows the case as stored, through one change notification:
a change made in one tab is shown by the others without reopening the case."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mediator_desk.domain.case import DecisionKind
from tests.conftest import make_case


def open_case(window, **fields):
    window.desk.documents.set_service({"mediator": "Alex Mercer"})  # certificates name an issuer
    case = window.desk.create_case(make_case(**fields))
    window.casebook.refresh()
    window.show_case(case.id)
    return case


def status_of(tab, kind):
    return next(s for s in tab.statuses if s.kind == kind)


def type_date(qtbot, field, text):
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def test_a_decline_recorded_on_the_overview_reaches_documents(qtbot, window):
    """Finding 3: the Documents tab asked for the decline date it had just been given."""
    case = open_case(window)
    workspace = window.workspace
    documents = workspace.documents
    workspace.tabs.setCurrentWidget(documents)
    assert "Record when the family said" in status_of(documents, "certificate-not-pursued").reason
    workspace.tabs.setCurrentWidget(workspace.overview)
    type_date(qtbot, workspace.overview.key_dates["declined_on"], "20/11/2026")
    qtbot.waitUntil(lambda: window.desk.case(case.id).declined_on == dt.date(2026, 11, 20))
    workspace.tabs.setCurrentWidget(documents)
    qtbot.waitUntil(lambda: status_of(documents, "certificate-not-pursued").ready)
    documents.select_kind("certificate-not-pursued")
    assert documents.export_button.isEnabled()


def test_section_i_only_ticked_on_the_overview_reaches_documents(qtbot, window):
    case = open_case(
        window, decision_kind=DecisionKind.PLAN_CONTENTS, declined_on=dt.date(2026, 11, 20)
    )
    workspace = window.workspace
    documents = workspace.documents
    workspace.tabs.setCurrentWidget(documents)
    assert status_of(documents, "certificate-not-pursued").ready
    workspace.tabs.setCurrentWidget(workspace.overview)
    workspace.overview.section_i_only.click()
    qtbot.waitUntil(lambda: window.desk.case(case.id).section_i_only)
    workspace.tabs.setCurrentWidget(documents)
    # An appeal only about Section I has no certificate (CFA 2014 s55): none is listed.
    qtbot.waitUntil(lambda: not any(s.kind.startswith("certificate-") for s in documents.statuses))


def test_a_circulation_date_set_in_documents_reaches_the_overview(qtbot, window):
    case = open_case(window, meeting_date=dt.date(2026, 11, 18))
    workspace = window.workspace
    documents = workspace.documents
    workspace.tabs.setCurrentWidget(documents)
    documents.select_kind("outcome-statement")
    type_date(qtbot, documents.circulated, "20/11/2026")
    assert window.desk.case(case.id).statement_circulated == dt.date(2026, 11, 20)
    shown = workspace.overview.key_dates["statement_circulated"]
    qtbot.waitUntil(lambda: shown.value() == dt.date(2026, 11, 20))
    assert workspace.overview.case.statement_circulated == dt.date(2026, 11, 20)
    # ... and the Overview's timeline counts it as done.
    circulate = next(
        t for t in window.desk.timeline(window.desk.case(case.id))
        if t.key == "statement_circulate_by"
    )  # fmt: skip
    assert circulate.done_on == dt.date(2026, 11, 20)


def test_documents_refuses_a_future_circulation_date_as_the_overview_flags_it(qtbot, window):
    case = open_case(window, meeting_date=dt.date(2026, 11, 18))
    workspace = window.workspace
    documents = workspace.documents
    workspace.tabs.setCurrentWidget(documents)
    documents.select_kind("outcome-statement")
    with qtbot.waitSignal(documents.save_failed) as refused:
        type_date(qtbot, documents.circulated, "24/11/2026")  # today is 23 November 2026
    overview_says = (
        window.desk.checks(
            window.desk.case(case.id).with_changes(statement_circulated=dt.date(2026, 11, 24))
        )
        .errors[0]
        .message
    )
    assert refused.args[0] == overview_says == "The date 'statement circulated' is in the future."
    assert window.desk.case(case.id).statement_circulated is None
    assert status_of(documents, "outcome-statement").circulated_on is None
    assert "Circulate by" in documents.circulated_note.text()


def test_one_overview_save_is_one_notification_for_that_case(qtbot, window):
    case = open_case(window)
    workspace = window.workspace
    heard: list[int] = []
    workspace.changes.case_changed.connect(heard.append)
    overview = workspace.overview
    first_name = overview.parents.rows[0].name
    first_name.setFocus()
    qtbot.keyClicks(first_name, " Penrose")
    overview.flush()
    qtbot.waitUntil(lambda: heard == [case.id])
    qtbot.wait(50)  # later turns of the event loop bring no second notification
    assert heard == [case.id]


def test_a_field_being_typed_in_is_not_refilled_by_a_notification(qtbot, window):
    case = open_case(window)
    overview = window.workspace.overview
    overview.notes.setFocus()
    qtbot.keyClicks(overview.notes, " More to come")
    typed = overview.notes.toPlainText()
    # Another tab changes the same case while the note is still waiting to be saved.
    window.desk.update_case(case.id, {"la_informed": dt.date(2026, 11, 10)})
    la_informed = overview.key_dates["la_informed"]
    qtbot.waitUntil(lambda: la_informed.value() == dt.date(2026, 11, 10))
    assert overview.notes.toPlainText() == typed
    overview.flush()
    assert window.desk.case(case.id).notes == typed
    assert window.desk.case(case.id).la_informed == dt.date(2026, 11, 10)


def test_an_action_agreed_in_the_meeting_reaches_the_agreed_actions_tab(qtbot, window):
    from mediator_desk.domain.statement import Issue

    case = open_case(window, meeting_date=dt.date(2026, 11, 20))
    window.desk.statement.issues.add(case.id, Issue("Transport"))
    workspace = window.workspace
    actions = workspace.actions_tab
    workspace.show_case(window.desk.case(case.id))
    assert actions.table.rowCount() == 0
    meeting = workspace.meeting
    workspace.tabs.setCurrentWidget(meeting)
    meeting.action_editor.add_record()
    meeting.action_editor.widgets["description"].setFocus()
    qtbot.keyClicks(meeting.action_editor.widgets["description"], "Book the taxi")
    meeting.flush()
    workspace.tabs.setCurrentWidget(actions)
    qtbot.waitUntil(lambda: actions.table.rowCount() == 1)
    assert actions.table.item(0, 0).text() == "Book the taxi"
