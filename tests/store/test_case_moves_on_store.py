"""The use cases that move a case on: recording the conclusion after the seal, and a
certificate's first export recording its issue date (for the GUI and the command line)."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case import CaseStatus
from mediator_desk.store import errors
from tests.conftest import TODAY, make_case


def test_record_conclusion_sets_status_and_dates_and_refuses_a_future_day(desk):
    case = desk.create_case(make_case(meeting_date=dt.date(2026, 11, 20)))
    with pytest.raises(errors.InvalidChange, match="'mediation concluded' is in the future"):
        desk.record_conclusion(case.id, TODAY + dt.timedelta(days=1), None)
    assert desk.case(case.id).status is CaseStatus.ENQUIRY
    stored = desk.record_conclusion(case.id, dt.date(2026, 11, 20), dt.date(2026, 11, 20))
    assert (stored.status, stored.concluded_on, stored.agreement_date) == (
        CaseStatus.CONCLUDED,
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 20),
    )


def test_a_certificates_first_export_records_its_issue_date(desk, tmp_path):
    case = desk.create_case(
        make_case(
            meeting_date=dt.date(2026, 11, 20),
            concluded_on=dt.date(2026, 11, 20),
            status=CaseStatus.CONCLUDED,
        )
    )
    desk.documents.set_service({"mediator": "Alex Mercer"})  # a certificate names its issuer
    desk.documents.export(case, "meeting-letter", "pdf", tmp_path)
    assert desk.case(case.id).certificate_issued is None  # not a certificate
    desk.documents.export(case, "certificate-concluded", "pdf", tmp_path)
    assert desk.case(case.id).certificate_issued == TODAY
    # A later export keeps the date the certificate went out with.
    desk.update_case(case.id, {"certificate_issued": dt.date(2026, 11, 21)})
    desk.documents.export(desk.case(case.id), "certificate-concluded", "docx", tmp_path)
    assert desk.case(case.id).certificate_issued == dt.date(2026, 11, 21)
