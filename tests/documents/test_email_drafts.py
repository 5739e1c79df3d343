"""Email drafts: who is in To and who in Bcc, who is never left out, what is attached, and
that an earlier draft is never replaced."""

from __future__ import annotations

import email
import email.policy
import io

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from mediator_desk.documents.export import export
from mediator_desk.domain.preparation import Attendance, Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome
from mediator_desk.services.documents import CannotMakeDocument
from tests.conftest import TODAY, make_case


def read_draft(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


@pytest.fixture
def meeting(desk):
    """A case after its meeting: a consenting parent, an LA officer who did not consent to share
    their address but attended and confirmed, a school that sent written information only, and
    a supporter marked not attending who came after all."""
    desk.documents.set_service({"name": "Porthkennack Mediation", "mediator": "Alex Mercer"})
    case = desk.create_case(make_case(meeting_date=TODAY))
    add = desk.attendees.add
    parent = add(
        case.id,
        Attendee("Morwenna Tregothnan", Role.PARENT_CARER, email="morwenna@example.org",
                 consent_share_contact=True),
    )  # fmt: skip
    officer = add(
        case.id,
        Attendee("Idris Penhallow", Role.LA_DECISION_MAKER, email="idris@example.org",
                 decision_authority=True),
    )  # fmt: skip
    school = add(
        case.id,
        Attendee("Tamsin Rowe", Role.SCHOOL, email="tamsin@example.org",
                 attendance=Attendance.WRITTEN),
    )  # fmt: skip
    supporter = add(
        case.id,
        Attendee("Kerensa Pascoe", Role.FAMILY_SUPPORTER, email="kerensa@example.org",
                 attendance=Attendance.NOT_ATTENDING),
    )  # fmt: skip
    add(case.id, Attendee("Jory Nance", Role.OBSERVER, attendance=Attendance.NOT_ATTENDING))
    add(
        case.id,
        Attendee("Demelza Kitto", Role.HEALTH, email="demelza@example.org",
                 attendance=Attendance.NOT_ATTENDING),
    )  # fmt: skip
    statement = desk.statement
    for person in (parent, officer, supporter):
        statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    statement.issues.add(case.id, Issue("Section F: therapy", "Weekly sessions.", Outcome.AGREED))
    return desk.case(case.id), parent, officer, school, supporter


def seal(desk, case, *people):
    for person in people:
        desk.statement.confirm(case, person.id, ConfirmedHow.SPOKEN)
    desk.statement.seal(case)


def test_only_consenting_attendees_are_in_to_and_the_others_in_bcc(desk, meeting):
    case, *_ = meeting
    recipients = desk.documents.recipients(case)
    assert recipients.to == [("Morwenna Tregothnan", "morwenna@example.org")]
    assert recipients.bcc == [
        ("Idris Penhallow", "idris@example.org"),
        ("Tamsin Rowe", "tamsin@example.org"),
        ("Kerensa Pascoe", "kerensa@example.org"),
    ]


def test_the_draft_hides_unconsented_addresses_in_bcc(desk, meeting, tmp_path):
    case, parent, officer, *_ = meeting
    seal(desk, case, parent, officer)
    pdf = export(desk.documents.build(case, "outcome-statement"), tmp_path, "pdf")
    message = read_draft(desk.documents.prepare_email(case, [pdf], tmp_path))
    assert message["To"] == "Morwenna Tregothnan <morwenna@example.org>"
    assert message["Cc"] is None
    bcc = message["Bcc"]
    assert "idris@example.org" in bcc and "kerensa@example.org" in bcc
    assert "idris@example.org" not in message["To"]
    assert "demelza@example.org" not in str(message)  # neither attended nor confirmed


def test_an_attendee_who_confirmed_is_included_though_marked_not_attending(desk, meeting):
    case, _parent, officer, *_ = meeting
    desk.attendees.update(officer.id, {"attendance": Attendance.NOT_ATTENDING})
    desk.statement.set_presence(case.id, officer.id, {"present": False})
    desk.statement.confirm(case, officer.id, ConfirmedHow.IN_WRITING)
    recipients = desk.documents.recipients(case)
    assert ("Idris Penhallow", "idris@example.org") in recipients.bcc


def test_with_no_consent_at_all_everyone_is_in_bcc(desk):
    case = desk.create_case(make_case())
    desk.attendees.add(case.id, Attendee("Idris Penhallow", Role.LA_SEN_OFFICER, email="i@x.org"))
    recipients = desk.documents.recipients(case)
    assert recipients.to == [] and recipients.bcc == [("Idris Penhallow", "i@x.org")]
    assert recipients.describe() == "to no one (1 in Bcc)"


def test_the_summary_names_to_and_counts_bcc(desk, meeting):
    case, *_ = meeting
    assert desk.documents.recipients(case).describe() == "to Morwenna Tregothnan (3 in Bcc)"


def test_a_sealed_statement_is_attached_as_pdf_only(desk, meeting, tmp_path):
    case, parent, officer, *_ = meeting
    seal(desk, case, parent, officer)
    document = desk.documents.build(case, "outcome-statement")
    paths = [export(document, tmp_path, "docx"), export(document, tmp_path, "pdf")]
    message = read_draft(desk.documents.prepare_email(case, paths, tmp_path))
    attached = [part.get_filename() for part in message.iter_attachments()]
    assert attached == [f"{case.reference} outcome-statement.pdf"]
    assert ".docx" not in message.get_body().get_content()


def test_a_sealed_statement_in_word_only_is_refused_with_a_reason(desk, meeting, tmp_path):
    case, parent, officer, *_ = meeting
    seal(desk, case, parent, officer)
    docx = export(desk.documents.build(case, "outcome-statement"), tmp_path, "docx")
    with pytest.raises(CannotMakeDocument, match="PDF"):
        desk.documents.prepare_email(case, [docx], tmp_path)
    assert not list(tmp_path.glob("*.eml"))


def test_a_draft_statement_and_other_documents_go_as_exported(desk, meeting, tmp_path):
    case, *_ = meeting
    draft = export(desk.documents.build(case, "outcome-statement"), tmp_path, "docx")
    message = read_draft(desk.documents.prepare_email(case, [draft], tmp_path))
    attached = [part.get_filename() for part in message.iter_attachments()]
    assert attached == [draft.name]
    read_docx(io.BytesIO(next(message.iter_attachments()).get_content()))  # a real Word file


def test_an_earlier_draft_is_never_replaced(desk, meeting, tmp_path):
    case, parent, officer, *_ = meeting
    seal(desk, case, parent, officer)
    pdf = export(desk.documents.build(case, "outcome-statement"), tmp_path, "pdf")
    first = desk.documents.prepare_email(case, [pdf], tmp_path)
    before = first.read_bytes()
    second = desk.documents.prepare_email(case, [pdf], tmp_path)
    assert first.name == f"{case.reference} email.eml"
    assert second.name == f"{case.reference} email (2).eml"
    assert first.read_bytes() == before
    assert PdfReader(pdf).pages  # the attachment itself is untouched
