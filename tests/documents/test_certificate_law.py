"""Mediation certificates carry what a Tribunal clerk checks (CFA 2014 s55(4) and (5); DOMAIN.md
section 6), and none is issued without a named issuer."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case import DecisionKind
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.services.documents import CannotMakeDocument
from tests.conftest import make_case
from tests.documents.test_documents import docx_text, pdf_text, squash

D = dt.date
SERVICE = {"name": "Porthkennack Mediation", "mediator": "Alex Mercer", "adviser": "Sam Okoro"}


def texts(desk, case, kind) -> list[str]:
    from mediator_desk.documents.export import render

    document = desk.documents.build(desk.case(case.id), kind)
    return [squash(docx_text(render(document, "docx"))), squash(pdf_text(render(document, "pdf")))]


def asked_before_declining(kind):
    """When the LA was told the family wanted mediation: before they withdrew (Mon 2 Nov) for
    "requested, then not pursued", after they declined otherwise (CFA 2014 s55(4))."""
    return D(2026, 10, 30) if kind == "certificate-changed-mind" else D(2026, 11, 3)


def certificate_case(desk, service=SERVICE, **overrides):
    desk.documents.set_service(service)
    fields = dict(
        decision_date=D(2026, 10, 26),
        adviser_contacted=D(2026, 10, 28),
        declined_on=D(2026, 11, 2),
        la_informed=D(2026, 11, 3),
        meeting_date=D(2026, 11, 18),
        concluded_on=D(2026, 11, 20),
        la_cannot_arrange=D(2026, 11, 10),
        local_authority="Royal Borough of Fernleigh",
    )
    fields.update(overrides)
    case = desk.create_case(make_case(**fields))
    desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    if case.health_issues:
        desk.attendees.add(
            case.id,
            Attendee(
                "Dr Tamsin Hale", Role.HEALTH, organisation="NHS Kernow Integrated Care Board"
            ),
        )
    return desk.case(case.id)


@pytest.mark.parametrize(
    ("kind", "who"),
    [
        ("certificate-not-pursued", "adviser"),
        ("certificate-changed-mind", "adviser"),
        ("certificate-not-arranged", "adviser"),
        ("certificate-concluded", "mediator"),
    ],
)
def test_no_certificate_without_a_named_issuer(desk, kind, who):
    """CFA 2014 s55(4) (the adviser) and s55(5) (the mediator) issue certificates: a clerk must
    see who did. Refused with where to put the name right. (A mediator who is also the adviser
    leaves the adviser's name blank: Settings says "Who issues certificates, if not you".)"""
    service = {**SERVICE, "mediator": ""} | ({"adviser": ""} if who == "adviser" else {})
    case = certificate_case(desk, service, la_informed=asked_before_declining(kind))
    with pytest.raises(CannotMakeDocument, match=rf"{who}.*Settings ▸ Mediator and service"):
        desk.documents.build(case, kind)


@pytest.mark.parametrize(
    ("kind", "issuer", "role"),
    [
        ("certificate-not-pursued", "Sam Okoro", "mediation adviser"),
        ("certificate-changed-mind", "Sam Okoro", "mediation adviser"),
        ("certificate-not-arranged", "Sam Okoro", "mediation adviser"),
        ("certificate-concluded", "Alex Mercer", "mediator"),
    ],
)
def test_a_certificate_names_its_issuer_and_their_independence(desk, kind, issuer, role):
    """The adviser and mediator may not be employed by a local authority, an integrated care
    board or NHS England (CFA 2014 s56(2), (3)). Also: the decision, its notice date, the date
    the parent contacted the adviser (reg 33) and the SEND35 guidance (HESC Rules 2008 r12,
    r20)."""
    case = certificate_case(desk, health_issues=True, la_informed=asked_before_declining(kind))
    for text in texts(desk, case, kind):
        assert f"Issued by {issuer}, {role}, Porthkennack Mediation" in text
        assert (
            f"{issuer} is independent (Children and Families Act 2014 s56(3)): not employed by "
            "the Royal Borough of Fernleigh, the NHS Kernow Integrated Care Board or NHS England"
            in text
        )
        assert "Decision in dispute Not to carry out an EHC needs assessment" in text
        assert "Date the decision notice was sent Monday 26 October 2026" in text
        assert "Date the mediation adviser was contacted Wednesday 28 October 2026" in text
        assert "form SEND35" in text and "received by the Tribunal by 5pm" in text
        assert "integrated care board for the area" not in text
        assert "Integrated care board NHS Kernow Integrated Care Board" in text


def test_the_concluded_certificate_gives_the_day_mediation_concluded(desk):
    """SEND Regulations 2014 reg 39: the certificate follows the conclusion of the mediation,
    which may be after the meeting day."""
    case = certificate_case(desk)
    for text in texts(desk, case, "certificate-concluded"):
        assert "Date mediation concluded Friday 20 November 2026" in text
        assert "concluded on Friday 20 November 2026" in text
        assert "took place on Wednesday 18 November 2026" in text


@pytest.mark.parametrize(
    ("kind", "label", "day"),
    [
        ("certificate-not-pursued", "Date they said they did not wish to mediate",
         "Monday 2 November 2026"),
        ("certificate-changed-mind", "Date they withdrew from mediation",
         "Monday 2 November 2026"),
    ],
)  # fmt: skip
def test_declined_and_withdrawn_certificates_give_that_date(desk, kind, label, day):
    """CFA 2014 s55(4): the adviser certifies that the parent or young person does not wish to
    pursue mediation; the date is the clock's trigger (SEND Regulations 2014)."""
    case = certificate_case(desk, la_informed=asked_before_declining(kind))
    for text in texts(desk, case, kind):
        assert f"{label} {day}" in text


def test_not_arranged_names_the_body_that_arranges(desk):
    """Health-only mediation is arranged by the ICB, not the LA (SEND Regulations 2014;
    DOMAIN.md section 7)."""
    case = certificate_case(
        desk, health_issues=True, health_only=True, decision_kind=DecisionKind.HEALTH_SOCIAL_CARE
    )
    for text in texts(desk, case, "certificate-not-arranged"):
        assert "NHS Kernow Integrated Care Board informed me on Tuesday 10 November 2026" in text
        assert "Royal Borough of Fernleigh informed me" not in text
    joint = certificate_case(desk, health_issues=True)
    for text in texts(desk, joint, "certificate-not-arranged"):
        assert "the Royal Borough of Fernleigh informed me on Tuesday 10 November 2026" in text


def test_the_appeal_date_is_concrete_with_the_r12_note(desk):
    """HESC Rules 2008 r20(1)(c): the later of 2 months after the notice (Sat 26 Dec 2026) and
    1 month after the certificate (Wed 23 Dec 2026 for one issued Mon 23 Nov 2026); 26 December
    falls in the Christmas period, so r12(3)(a) moves it to Mon 4 Jan 2027."""
    case = certificate_case(desk)
    for text in texts(desk, case, "certificate-not-pursued"):
        assert "by 5pm on Monday 4 January 2027" in text
        assert "25 December and 1 January" in text


def test_a_late_contact_certificate_warns_rather_than_promises(desk):
    """SEND Regulations 2014 reg 33: contact within 2 months of the notice. A certificate after
    a late contact does not extend the time for appealing beyond what the Tribunal allows."""
    case = certificate_case(desk, decision_date=D(2026, 8, 3), adviser_contacted=D(2026, 10, 28))
    for text in texts(desk, case, "certificate-not-pursued"):
        assert "after the 2 months allowed (by Saturday 3 October 2026)" in text
        assert "does not extend the time for appealing beyond what the Tribunal allows" in text
    on_time = certificate_case(desk)
    for text in texts(desk, on_time, "certificate-not-pursued"):
        assert "does not extend the time" not in text


def test_the_command_line_says_where_to_name_the_issuer(casefile_path, tmp_path, capsys):
    """CFA 2014 s55(4): with no adviser or mediator named, `document` refuses in one line that
    says where to put it right, and writes nothing."""
    from mediator_desk.cli import main
    from mediator_desk.services import open_desk

    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    desk = open_desk(casefile_path)
    desk.documents.set_service({"mediator": "", "adviser": ""})
    desk.close()
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    code = main(
        ["document", "MD-2026-0003", "certificate-not-pursued", "--format", "pdf",
         "--out", str(out), "--casefile", str(casefile_path)]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "mediation adviser's name in Tools ▸ Settings ▸ Mediator and service" in err
    assert list(out.iterdir()) == []


def test_each_decline_has_its_one_certificate(desk):
    """CFA 2014 s55(4), SEND Regulations 2014 reg 34 (DOMAIN.md sections 4 and 6): a family who
    declines before asking for mediation gets "mediation not pursued"; one who asked (the LA
    was told) and then withdrew gets "requested, then not pursued", never both."""
    before = certificate_case(desk)  # declined Mon 2 Nov, before the LA was told on Tue 3 Nov
    with pytest.raises(CannotMakeDocument, match="mediation not pursued"):
        desk.documents.build(before, "certificate-changed-mind")
    desk.documents.build(before, "certificate-not-pursued")
    after = certificate_case(desk, la_informed=D(2026, 10, 30))  # asked, then withdrew
    with pytest.raises(CannotMakeDocument, match="requested, then not pursued"):
        desk.documents.build(after, "certificate-not-pursued")
    desk.documents.build(after, "certificate-changed-mind")
