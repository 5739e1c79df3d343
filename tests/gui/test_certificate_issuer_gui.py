"""The Documents tab says why a certificate cannot be made while no issuer is named."""

from __future__ import annotations

import datetime as dt

from tests.conftest import make_case


def test_the_documents_tab_says_to_name_the_issuer(qtbot, window):
    """CFA 2014 s55(4): a certificate names the adviser who issues it; the tab says where to
    enter the name, and the certificate becomes ready once it is there."""
    desk = window.desk
    case = desk.create_case(make_case(declined_on=dt.date(2026, 11, 20)))
    window.casebook.refresh()
    window.show_case(case.id)
    documents = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(documents)

    def status():
        return next(s for s in documents.statuses if s.kind == "certificate-not-pursued")

    qtbot.waitUntil(lambda: not status().ready)
    assert "Tools ▸ Settings ▸ Mediator and service" in status().reason
    desk.documents.set_service({"adviser": "Sam Okoro"})
    window.show_case(case.id)
    qtbot.waitUntil(lambda: status().ready)
