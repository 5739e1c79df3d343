"""The Documents tab: export off the GUI thread, email draft, circulation within 3 days."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from mediator_desk.domain.case import CaseKind, DecisionKind
from tests.conftest import make_case


def test_export_the_sealed_statement_and_prepare_an_email(qtbot, window, tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    window.desk.load_demo_cases()
    window.casebook.refresh()
    held = window.desk.case_by_reference("MD-2026-0004")
    window.show_case(held.id)
    tab = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(tab)
    tab.select_kind("outcome-statement")
    assert tab.export_button.isEnabled()
    tab.folder.setText(str(tmp_path))
    tab.format.setCurrentIndex(0)  # PDF and Word
    assert tab.export_selected()
    assert tab.busy  # the rendering runs on a worker thread
    qtbot.waitUntil(lambda: not tab.busy, timeout=15000)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["MD-2026-0004 outcome-statement.docx", "MD-2026-0004 outcome-statement.pdf"]
    text = PdfReader(tmp_path / names[1]).pages[0].extract_text()
    assert "Outcome statement" in text and "Ayaan Qureshi" in text
    row = next(
        tab.table.item(r, 2).text()
        for r in range(tab.table.rowCount())
        if tab.statuses[r].kind == "outcome-statement"
    )
    assert row  # the export is recorded
    assert any(e.action == "document exported" for e in window.desk.history(held.id))

    from PySide6.QtGui import QDesktopServices  # the mail client is not opened in tests

    opened = []
    original = QDesktopServices.openUrl
    QDesktopServices.openUrl = staticmethod(lambda url: opened.append(url) or True)
    try:
        tab.prepare_email()
    finally:
        QDesktopServices.openUrl = original
    draft = tmp_path / "MD-2026-0004 email.eml"
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    attached = sorted(part.get_filename() for part in message.iter_attachments())
    assert attached == ["MD-2026-0004 outcome-statement.pdf"]  # sealed: never the Word copy
    assert message["To"] is None  # no one in the demo case agreed to share their address
    assert message["Bcc"] == (
        "Imran Qureshi <i.qureshi@example.org>, Alex Mercer <alex.mercer@example.org>"
    )
    assert tab.message.text() == (
        "Email draft saved as MD-2026-0004 email.eml, to no one (2 in Bcc). Open it to send. "
        "Recorded as circulated on Monday 23 November 2026: the outcome statement."
    )
    assert window.desk.case(held.id).statement_circulated == dt.date(2026, 11, 23)
    assert message["X-Unsent"] == "1"
    assert opened and opened[0].toLocalFile() == str(draft)


def test_circulation_within_three_working_days(qtbot, window):
    case = window.desk.create_case(make_case(meeting_date=dt.date(2026, 11, 18)))
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(tab)
    tab.select_kind("outcome-statement")
    assert "Circulate by Monday 23 November 2026" in tab.circulated_note.text()
    tab.circulated.edit.setFocus()
    qtbot.keyClicks(tab.circulated.edit, "20/11/2026")  # today is Monday 23 November 2026
    assert window.desk.case(case.id).statement_circulated == dt.date(2026, 11, 20)
    qtbot.waitUntil(lambda: "Circulated within 3 working days" in tab.circulated_note.text())


def test_a_document_that_is_not_ready_cannot_be_exported(qtbot, window, tmp_path):
    case = window.desk.create_case(make_case())
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(tab)
    tab.select_kind("certificate-concluded")
    assert not tab.export_button.isEnabled()
    status = next(s for s in tab.statuses if s.kind == "certificate-concluded")
    assert "Record when mediation concluded" in status.reason
    tab.folder.setText(str(tmp_path / "missing"))
    tab.select_kind("meeting-letter")
    assert not tab.export_selected()
    assert "does not exist" in tab.message.text()


def test_service_details_reach_the_letterhead(qtbot, window):
    window.settings_action.trigger()
    dialog = window.settings_dialog.service
    assert window.settings_dialog.pages.currentIndex() == 0
    name = dialog.edits["name"]
    name.setFocus()
    name.clear()
    qtbot.keyClicks(name, "Porthkennack Mediation")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    dialog.edits["mediator"].setFocus()
    qtbot.keyClicks(dialog.edits["mediator"], "Alex Mercer")
    window.settings_dialog.reject()  # closing keeps what was typed
    service = window.desk.documents.service()
    assert (service.name, service.mediator) == ("Porthkennack Mediation", "Alex Mercer")
    case = window.desk.create_case(make_case(declined_on=dt.date(2026, 11, 20)))
    document = window.desk.documents.build(case, "certificate-not-pursued")
    assert document.letterhead.service == "Porthkennack Mediation"


def test_the_documents_tab_offers_no_profile_for_a_young_person_who_is_the_party(qtbot, window):
    """A young person who is the party speaks for themselves: no child's-views profile (CFA 2014
    s56(1)(e) applies where a parent is the party; s83(2)). The declined letter is listed."""
    young = window.desk.create_case(
        make_case(child_name="Tomos Penhallow", child_dob=dt.date(2007, 3, 1), parents=())
    )
    child = window.desk.create_case(make_case())
    window.casebook.refresh()
    tab = window.workspace.documents
    titles = {}
    for case in (young, child):
        window.show_case(case.id)
        window.workspace.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda c=case: tab.case is not None and tab.case.id == c.id)
        titles[case.id] = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert "The child's views (one-page profile)" not in titles[young.id]
    assert "The child's views (one-page profile)" in titles[child.id]
    assert "Letter: mediation not going ahead" in titles[young.id]


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"kind": CaseKind.DISAGREEMENT_RESOLUTION, "decision_kind": DecisionKind.OTHER}, "s57"),
        ({"decision_kind": DecisionKind.PLAN_CONTENTS, "section_i_only": True}, "s55"),
    ],
)
def test_the_documents_tab_lists_no_certificate_where_none_can_exist(qtbot, window, overrides, why):
    """No mediation certificate exists for disagreement resolution (CFA 2014 s57) or for an
    appeal only about Section I (s55): the Documents tab does not offer one."""
    case = window.desk.create_case(make_case(**overrides))
    window.casebook.refresh()
    tab = window.workspace.documents
    window.show_case(case.id)
    window.workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.case is not None and tab.case.id == case.id)
    titles = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert "Outcome statement" in titles
    assert [t for t in titles if t.startswith("Certificate")] == [], why
