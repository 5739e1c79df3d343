"""The mediation certificates' case-chosen parts: who issues them and their independence, the
dates a Tribunal clerk checks, the body that could not arrange mediation, and the appeal date
with how it was worked out (CFA 2014 s55; DOMAIN.md section 6). The wording is in
forms/certificate-*.toml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.case import Case, CaseKind
from ..domain.case_timeline import case_facts
from ..domain.dates import long_date
from .parties import icb_in_sentence, icb_name, la_in_sentence

if TYPE_CHECKING:
    from .facts import DocumentFacts

CERTIFICATE_PLACEHOLDERS = frozenset(
    {
        "appeal_sentence", "late_contact", "issued_by", "issuer_name", "independence",
        "contacted_date", "declined_date", "concluded_date", "arranging_body",
        "cannot_arrange_date", "outcome_sentence", "health_body",
    }
)  # fmt: skip

SETTINGS = "Tools ▸ Settings ▸ Mediator and service"


class CertificateNotReady(Exception):
    """A certificate cannot be issued yet; the message says why and where to put it right."""


def issuer(facts: DocumentFacts, kind: str) -> tuple[str, str]:
    """(name, role) of who issues this certificate: the mediator once mediation has concluded
    (CFA 2014 s55(5)); otherwise the mediation adviser (s55(4)), who is the mediator where
    Settings names no separate adviser. The name is empty when none is recorded."""
    service = facts.service
    if kind == "certificate-concluded":
        return service.mediator.strip(), "mediator"
    return (service.adviser or service.mediator).strip(), "mediation adviser"


def check_certificate(kind: str, facts: DocumentFacts) -> None:
    """Why this certificate cannot be issued for the case yet (CertificateNotReady), if so."""
    case = facts.case
    if case.kind is not CaseKind.MEDIATION:
        raise CertificateNotReady("Disagreement resolution has no mediation certificate.")
    if case.section_i_only:
        raise CertificateNotReady(
            "An appeal only about Section I needs no mediation certificate (CFA 2014 s55)."
        )
    if kind == "certificate-concluded" and case.concluded_on is None:
        raise CertificateNotReady("Record when mediation concluded first (Overview ▸ Key dates).")
    if kind in ("certificate-not-pursued", "certificate-changed-mind") and case.declined_on is None:
        raise CertificateNotReady(
            "Record when the family said they do not wish to mediate (Overview ▸ Key dates)."
        )
    if kind == "certificate-changed-mind" and case.la_informed is None:
        raise CertificateNotReady(
            "This certificate is for a family who asked for mediation: record when the LA was "
            "told (Overview ▸ Key dates)."
        )
    if kind in ("certificate-not-pursued", "certificate-changed-mind"):
        _check_decline_kind(kind, case)
    if kind == "certificate-not-arranged" and case.la_cannot_arrange is None:
        raise CertificateNotReady(
            "Record when the LA said it could not arrange mediation (Overview ▸ Key dates)."
        )
    name, role = issuer(facts, kind)
    if not name:
        section = "s55(5)" if role == "mediator" else "s55(4)"
        raise CertificateNotReady(
            f"Enter the {role}'s name in {SETTINGS} first: a certificate names who issues it "
            f"(Children and Families Act 2014 {section})."
        )


def _check_decline_kind(kind: str, case: Case) -> None:
    """One certificate per decline (CFA 2014 s55(4); SEND Regulations 2014 reg 34): "not
    pursued" where the family declined before asking for mediation, "requested, then not
    pursued" where they asked (the LA was told) and then withdrew."""
    withdrew = case_facts(case).withdrew
    if kind == "certificate-not-pursued" and withdrew:
        raise CertificateNotReady(
            "The family asked for mediation and then withdrew: issue the certificate "
            "'requested, then not pursued' instead."
        )
    if kind == "certificate-changed-mind" and not withdrew:
        raise CertificateNotReady(
            "The family declined before asking for mediation (before the LA was told): issue "
            "the certificate 'mediation not pursued' instead."
        )


def certificate_data(facts: DocumentFacts, kind: str, party_name: str) -> dict[str, str]:
    """The certificates' own placeholders (CERTIFICATE_PLACEHOLDERS)."""
    case = facts.case
    service = facts.service
    name, role = issuer(facts, kind)
    health = case.health_mediated
    la = la_in_sentence(case)
    icb = icb_in_sentence(facts.attendees)
    named = health and icb_name(facts.attendees)
    employers = f"{la}, {icb if named else 'any integrated care board'} or NHS England"
    return {
        "appeal_sentence": appeal_sentence(facts),
        "late_contact": late_contact(facts, party_name),
        "issued_by": f"{name}, {role}, {service.name}" if name else "",
        "issuer_name": name,
        "independence": (
            f"{name} is independent (Children and Families Act 2014 s56(3)): not employed by "
            f"{employers}."
            if name
            else ""
        ),
        "contacted_date": long_date(case.adviser_contacted) if case.adviser_contacted else "",
        "declined_date": long_date(case.declined_on) if case.declined_on else "",
        "concluded_date": long_date(case.concluded_on) if case.concluded_on else "",
        "arranging_body": icb if case.health_only else la,
        "cannot_arrange_date": long_date(case.la_cannot_arrange) if case.la_cannot_arrange else "",
        "outcome_sentence": outcome_sentence(facts),
        "health_body": (icb_name(facts.attendees) or icb_in_sentence(facts.attendees, capital=True))
        if health
        else "",
    }


def appeal_sentence(facts: DocumentFacts) -> str:
    """The appeal-by date, concrete, with how it was worked out (HESC Rules 2008 r20(1)(c),
    r12) and any warning the clock gives."""
    appeal = facts.appeal
    if appeal is None:
        return (
            "An appeal must be received by the Tribunal by 5pm on the later of 2 months after "
            "the decision notice was sent and 1 month after the date of this certificate "
            "(Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c) and r12). "
            "The date of the decision notice is not recorded, so no date can be given here."
        )
    warning = f" {appeal.warning}" if appeal.warning else ""
    return (
        f"An appeal must be received by the Tribunal by 5pm on {long_date(appeal.due)}. How "
        f"the date is worked out: {appeal.explanation.removeprefix('By 5pm: ')}{warning}"
    )


def late_contact(facts: DocumentFacts, party_name: str) -> str:
    """A plain warning where the parent or young person contacted the adviser after the 2
    months of SEND Regulations 2014 reg 33: the certificate cannot promise a later appeal date
    than the Tribunal allows."""
    case = facts.case
    due = facts.contact_adviser_by
    if due is None or case.adviser_contacted is None or case.adviser_contacted <= due:
        return ""
    return (
        f"{party_name} contacted the mediation adviser on {long_date(case.adviser_contacted)}, "
        f"after the 2 months allowed (by {long_date(due)}) by regulation 33 of the Special "
        "Educational Needs and Disability Regulations 2014. This certificate does not extend the "
        "time for appealing beyond what the Tribunal allows: the Tribunal decides whether to "
        "accept an appeal made more than 2 months after the decision notice was sent. Take "
        "advice (your local SENDIASS can help) and appeal as soon as possible."
    )


def outcome_sentence(facts: DocumentFacts) -> str:
    if facts.seal is None:
        return ""
    outcomes = facts.outcomes()
    if outcomes and all(o == "Agreed" for o in outcomes):
        return "Agreement was reached on all the issues."
    if any(o in ("Agreed", "Partly agreed") for o in outcomes):
        return "Agreement was reached on some of the issues."
    if outcomes:
        return "Agreement was not reached."
    return ""


__all__ = [
    "CERTIFICATE_PLACEHOLDERS",
    "CertificateNotReady",
    "certificate_data",
    "check_certificate",
]
