"""Build each kind of document from a case's facts and its form's wording."""

from __future__ import annotations

from ..domain.case import CaseKind
from ..domain.dates import long_date
from ..domain.parents import joined_names
from ..domain.preparation import Role
from .certificates import (
    CERTIFICATE_PLACEHOLDERS,
    CertificateNotReady,
    certificate_data,
    check_certificate,
)
from .facts import DocumentFacts, Service
from .forms import fill, load_form, render_form
from .letters import (
    LETTER_CONDITIONS,
    LETTER_KINDS,
    LETTER_PLACEHOLDERS,
    letter_blocks,
    letter_conditions,
    letter_data,
    not_ready,
)
from .model import Document, KeyValues
from .prose import joined
from .statement_doc import (
    STATEMENT_PLACEHOLDERS,
    statement_data,
    statement_specials,
    verification_notice,
)

KINDS = {
    "certificate-not-pursued": "Certificate: mediation not pursued",
    "certificate-concluded": "Certificate: mediation concluded",
    "certificate-not-arranged": "Certificate: not arranged within 30 days",
    "certificate-changed-mind": "Certificate: requested, then not pursued",
    "outcome-statement": "Outcome statement",
    **LETTER_KINDS,
}
CERTIFICATES = tuple(k for k in KINDS if k.startswith("certificate-"))

PLACEHOLDERS = (
    frozenset(
        {
            "reference", "child_name", "child_dob", "party", "party_name",
            "local_authority", "decision", "decision_date", "issue_date",
            "adviser_name", "mediator_name", "service_name", "service_kind", "meeting_date",
        }
    )
    | STATEMENT_PLACEHOLDERS
    | CERTIFICATE_PLACEHOLDERS
    | LETTER_PLACEHOLDERS
)  # fmt: skip


# The names a form's `when` may test (documents/forms.py), each a fact about the case that
# decides which legal sentence applies.
CONDITIONS = (
    frozenset(
        {
            "mediation",  # CFA 2014 ss52-56: a certificate, reg 42 agreements
            "disagreement_resolution",  # CFA 2014 s57: neither
            "section_i_only",  # no certificate (CFA 2014 s55); appeal under r20(1)(c)(i) only
            "certificate",  # mediation, and not about Section I only
            "young_person",  # the young person is the party (CFA 2014 s83(2))
            "parent",  # a parent is the party: the child's views are sought (s56(1)(e))
            "health_issues",  # health care provision is among the mediation issues
            "health_only",  # the only issues are health care: the ICB arranges, LA not a party
            "joint_health",  # health and education or social care: the LA arranges, ICB takes part
            "agreement",  # agreement was reached on some or all of the issues
            "sealed",  # the outcome statement is sealed
        }
    )
    | LETTER_CONDITIONS
)


def case_conditions(facts: DocumentFacts) -> frozenset[str]:
    """Which of CONDITIONS hold for the case these facts describe."""
    case = facts.case
    mediation = case.kind is CaseKind.MEDIATION
    young = case.is_young_person(facts.issue_date)
    held = {
        "mediation": mediation,
        "disagreement_resolution": not mediation,
        "section_i_only": case.section_i_only,
        "certificate": mediation and not case.section_i_only,
        "young_person": young,
        "parent": not young,
        "health_issues": case.health_mediated,
        "health_only": case.health_only,
        "joint_health": case.health_issues and not case.health_only,
        "agreement": _agreement_reached(facts),
        "sealed": facts.seal is not None,
    }
    return frozenset(name for name, holds in held.items() if holds) | letter_conditions(facts)


def _agreement_reached(facts: DocumentFacts) -> bool:
    return any(o in ("Agreed", "Partly agreed") for o in facts.outcomes())


class DocumentNotReady(Exception):
    """The document cannot be made yet; the message says why."""


def _party(facts: DocumentFacts) -> tuple[str, str]:
    """(label, names) of the parent or young person the certificate is for."""
    case = facts.case
    if case.is_young_person(facts.issue_date):
        return "Young person", case.child_name
    parents = [a.name for a in facts.attendees if a.role is Role.PARENT_CARER]
    names = joined(parents) if parents else joined_names(case.parents)
    return "Parent or carer", names or "the parent"


def placeholder_data(facts: DocumentFacts, kind: str = "") -> dict[str, str]:
    case = facts.case
    service = facts.service
    label, names = _party(facts)
    return (
        {
            "reference": case.reference,
            "child_name": case.display_name,
            "child_dob": long_date(case.child_dob) if case.child_dob else "",
            "party": names if "(" in names else f"{names} ({label.lower()})",
            "party_name": names,
            "local_authority": case.local_authority,
            "decision": (case.decision_kind.label if case.decision_kind else "")
            + (": Section I only" if case.decision_kind and case.section_i_only else ""),
            "decision_date": long_date(case.decision_date) if case.decision_date else "",
            "issue_date": long_date(facts.issue_date),
            "adviser_name": service.adviser or service.mediator or "The mediation adviser",
            "mediator_name": service.mediator or "The mediator",
            "service_name": service.name,
            "service_kind": "mediation"
            if case.kind is CaseKind.MEDIATION
            else "disagreement resolution",
            "meeting_date": long_date(case.meeting_date) if case.meeting_date else "",
        }
        | statement_data(facts, names)
        | certificate_data(facts, kind, names)
        | letter_data(facts, kind)
    )


def build_document(kind: str, facts: DocumentFacts) -> Document:
    """The document of `kind` for a case; DocumentNotReady says why one cannot be made yet."""
    if kind not in KINDS:
        raise DocumentNotReady(f"There is no document kind '{kind}'.")
    case = facts.case
    if kind in CERTIFICATES:
        try:
            check_certificate(kind, facts)
        except CertificateNotReady as problem:
            raise DocumentNotReady(str(problem)) from None
    reason = not_ready(kind, facts)
    if reason:
        raise DocumentNotReady(reason)
    form = load_form(kind, PLACEHOLDERS, known_conditions=CONDITIONS)
    data = placeholder_data(facts, kind)
    special = statement_specials(facts, data) | letter_blocks(facts)

    service = facts.service
    return Document(
        kind=kind,
        title=fill(form.title, data),
        subject=fill(form.subject, data),
        author=service.mediator or service.name,
        reference=case.reference,
        date=facts.issue_date,
        letterhead=service.letterhead(),
        blocks=(
            (verification_notice(facts.seal_problems),)
            if kind == "outcome-statement" and facts.seal is not None and facts.seal_problems
            else ()
        )
        + tuple(render_form(form, data, special, case_conditions(facts))),
        draft=kind == "outcome-statement" and facts.seal is None,
    )


__all__ = ["KINDS", "DocumentFacts", "DocumentNotReady", "KeyValues", "Service", "build_document"]
