"""Build each kind of document from a case's facts and its form's wording."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..domain.case import Case, CaseKind
from ..domain.dates import long_date
from ..domain.parents import joined_names
from ..domain.preparation import Arrangements, Attendee, ChildViews, Role
from ..domain.statement import Addendum, Confirmation, Seal
from .blocks import rich as _rich
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
from .model import (
    Block,
    Document,
    Heading,
    KeyValues,
    Letterhead,
    Paragraph,
    SignatureBlock,
    Table,
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

PLACEHOLDERS = frozenset(
    {
        "reference", "child_name", "child_dob", "party", "party_name",
        "local_authority", "health_body", "decision", "decision_date", "issue_date",
        "appeal_sentence", "adviser_name", "mediator_name", "service_name",
        "service_kind", "meeting_date",
        "outcome_sentence", "arranging_body", "cannot_arrange_date",
        "issued_by",
    }
) | LETTER_PLACEHOLDERS  # fmt: skip


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
        "health_issues": case.health_issues or case.health_only,
        "health_only": case.health_only,
        "joint_health": case.health_issues and not case.health_only,
        "agreement": _agreement_reached(facts),
        "sealed": facts.seal is not None,
    }
    return frozenset(name for name, holds in held.items() if holds) | letter_conditions(facts)


def _agreement_reached(facts: DocumentFacts) -> bool:
    statement = json.loads(facts.seal.content) if facts.seal else facts.statement
    outcomes = [i.get("outcome", "") for i in (statement or {}).get("issues", [])]
    return any(o in ("Agreed", "Partly agreed") for o in outcomes)


class DocumentNotReady(Exception):
    """The document cannot be made yet; the message says why."""


@dataclass(frozen=True)
class Service:
    name: str = "Mediation service"
    address: str = ""
    phone: str = ""
    email: str = ""
    mediator: str = ""
    adviser: str = ""
    logo: bytes | None = field(default=None, repr=False)  # a PNG or JPEG picture, already checked

    def letterhead(self) -> Letterhead:
        return Letterhead(self.name, self.address, self.phone, self.email, self.logo)


@dataclass(frozen=True)
class DocumentFacts:
    """Everything a case's documents may draw on, gathered by the services layer."""

    case: Case
    service: Service
    issue_date: dt.date
    appeal_by: dt.date | None = None
    attendees: Sequence[Attendee] = ()
    arrangements: Arrangements = field(default_factory=Arrangements)
    views: ChildViews = field(default_factory=ChildViews)
    statement: dict[str, Any] | None = None  # the draft content, when not sealed
    seal: Seal | None = None
    seal_problems: Sequence[str] = ()  # why the sealed record failed verification, if it did
    confirmations: Sequence[Confirmation] = ()
    addenda: Sequence[Addendum] = ()
    recipient: Attendee | None = None
    pictures: Sequence[tuple[bytes, str]] = ()  # chosen for the profile: data and caption
    meeting_minutes: int = 150  # the mediator's usual length, when the times do not say


def _party(facts: DocumentFacts) -> tuple[str, str]:
    """(label, names) of the parent or young person the certificate is for."""
    case = facts.case
    if case.is_young_person(facts.issue_date):
        return "Young person", case.child_name
    parents = [a.name for a in facts.attendees if a.role is Role.PARENT_CARER]
    names = " and ".join(parents) if parents else joined_names(case.parents)
    return "Parent or carer", names or "the parent"


def _signature(name: str, role: str, service: str) -> str:
    return f"{name}, {role}, {service}" if name else f"{role.capitalize()}, {service}"


def placeholder_data(facts: DocumentFacts, kind: str = "") -> dict[str, str]:
    case = facts.case
    service = facts.service
    label, names = _party(facts)
    appeal = (
        f"An appeal must reach the Tribunal by 5pm on {long_date(facts.appeal_by)}. This is the "
        "later of 2 months after the decision notice was sent and 1 month after the date of "
        "this certificate, moved where the Tribunal's rules say so for Christmas, August and "
        "non-working days (Tribunal Procedure (First-tier Tribunal) (Health, Education and "
        "Social Care Chamber) Rules 2008, rules 12 and 20)."
        if facts.appeal_by
        else "An appeal must reach the Tribunal by the later of 2 months after the decision "
        "notice was sent and 1 month after the date of this certificate."
    )
    outcome = ""
    if facts.seal is not None:
        outcomes = [i["outcome"] for i in json.loads(facts.seal.content)["issues"]]
        if outcomes and all(o == "Agreed" for o in outcomes):
            outcome = "Agreement was reached on all the issues."
        elif any(o in ("Agreed", "Partly agreed") for o in outcomes):
            outcome = "Agreement was reached on some of the issues."
        elif outcomes:
            outcome = "Agreement was not reached."
    issuer_is_mediator = kind == "certificate-concluded"
    issued_by = (
        _signature(service.mediator, "mediator", service.name)
        if issuer_is_mediator
        else _signature(service.adviser or service.mediator, "mediation adviser", service.name)
    )
    health = ""
    if case.health_issues:
        health = "The integrated care board (ICB) for the area"
    return {
        "reference": case.reference,
        "child_name": case.display_name,
        "child_dob": long_date(case.child_dob) if case.child_dob else "",
        "party": names if "(" in names else f"{names} ({label.lower()})",
        "party_name": names,
        "local_authority": case.local_authority,
        "health_body": health,
        "decision": case.decision_kind.label if case.decision_kind else "",
        "decision_date": long_date(case.decision_date) if case.decision_date else "",
        "issue_date": long_date(facts.issue_date),
        "appeal_sentence": appeal,
        "adviser_name": service.adviser or service.mediator or "The mediation adviser",
        "mediator_name": service.mediator or "The mediator",
        "service_name": service.name,
        "service_kind": "mediation"
        if case.kind is CaseKind.MEDIATION
        else "disagreement resolution",
        "meeting_date": long_date(case.meeting_date) if case.meeting_date else "to be arranged",
        "outcome_sentence": outcome,
        "arranging_body": case.local_authority or "the local authority",
        "cannot_arrange_date": long_date(case.la_cannot_arrange) if case.la_cannot_arrange else "",
        "issued_by": issued_by,
        **letter_data(facts, kind),
    }


# -- the blocks code fills in -------------------------------------------------------------------
def _present(statement: dict[str, Any], block: dict[str, Any]) -> list[Block]:
    rows = tuple(
        (p["name"], p["role"], p["organisation"],
         " to ".join(t for t in (p["arrived"], p["left"]) if t))
        for p in statement["present"]
    )  # fmt: skip
    if not rows:
        return []
    return [Heading(block.get("title", "Present"), 2),
            Table(("Name", "Role", "Organisation", "Time"), rows)]  # fmt: skip


def _issues(statement: dict[str, Any], block: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = [Heading(block.get("title", "Issues"), 2)]
    for number, issue in enumerate(statement["issues"], start=1):
        blocks.append(Heading(f"{number}. {issue['title'] or 'Issue'}", 3))
        blocks.extend(_rich(issue["discussion"]))
        if issue["outcome"]:
            blocks.append(Paragraph(f"Outcome: {issue['outcome']}", bold=True))
        if issue["actions"]:
            blocks.append(
                Table(
                    ("Agreed action", "Who", "By when"),
                    tuple((a["what"], a["who"], a["by"]) for a in issue["actions"]),
                )
            )
    return blocks


def _general(statement: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    for key, title in (
        ("other_matters", "Other matters"),
        ("next_steps", "Next steps"),
        ("appeal_information", "Appeal information"),
    ):
        if statement.get(key, "").strip():
            blocks.append(Heading(title, 2))
            blocks.extend(_rich(statement[key]))
    return blocks


def _confirmations(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    seal = facts.seal
    blocks: list[Block] = [Heading(block.get("title", "Confirmations"), 2)]
    if seal is None:
        blocks.append(Paragraph("DRAFT: this statement has not been sealed.", bold=True))
        return blocks
    if facts.seal_problems:
        blocks.append(verification_notice(facts.seal_problems))
        return blocks
    agreed = [c for c in facts.confirmations if not c.addendum_id and c.sha256 == seal.sha256]
    rows = tuple(
        (c.party, f"{c.how.label}, {long_date(c.confirmed_at.date())} at "
                  f"{c.confirmed_at:%H:%M}")
        for c in agreed
    )  # fmt: skip
    blocks.append(SignatureBlock(rows))
    blocks.append(
        Paragraph(
            f"Sealed on {long_date(seal.sealed_at.date())} at {seal.sealed_at:%H:%M} (version "
            f"{seal.version}). SHA-256 of the agreed text: {seal.sha256}",
            small=True,
        )
    )
    return blocks


def verification_notice(problems: Sequence[str]) -> Paragraph:
    """What a statement whose sealed record failed verification says instead of its seal, so
    it is never passed off as the sealed record (docs/integrity.md)."""
    return Paragraph(
        f"This statement failed verification: {' '.join(problems)} It must not be relied on as "
        "the sealed record.",
        bold=True,
    )


def _addenda(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    sealed = [a for a in facts.addenda if a.sealed]
    if not sealed:
        return []
    blocks: list[Block] = [Heading(block.get("title", "Addenda"), 2)]
    for addendum in sealed:
        when = long_date(addendum.created_at.date()) if addendum.created_at else ""
        blocks.append(Heading(f"Addendum of {when}", 3))
        blocks.append(Paragraph(f"Reason: {addendum.reason}", bold=True))
        blocks.extend(_rich(addendum.text))
        blocks.append(Paragraph(f"SHA-256: {addendum.sha256}", small=True))
    return blocks


def build_document(kind: str, facts: DocumentFacts) -> Document:
    """The document of `kind` for a case; DocumentNotReady says why one cannot be made yet."""
    if kind not in KINDS:
        raise DocumentNotReady(f"There is no document kind '{kind}'.")
    case = facts.case
    if kind in CERTIFICATES and case.kind is not CaseKind.MEDIATION:
        raise DocumentNotReady("Disagreement resolution has no mediation certificate.")
    if kind in CERTIFICATES and case.section_i_only:
        raise DocumentNotReady(
            "An appeal only about Section I needs no mediation certificate (CFA 2014 s55)."
        )
    if kind == "certificate-concluded" and facts.seal is None and case.concluded_on is None:
        raise DocumentNotReady("Record when mediation concluded first (Overview ▸ Key dates).")
    if kind in ("certificate-not-pursued", "certificate-changed-mind") and case.declined_on is None:
        raise DocumentNotReady(
            "Record when the family said they do not wish to mediate (Overview ▸ Key dates)."
        )
    if kind == "certificate-changed-mind" and case.la_informed is None:
        raise DocumentNotReady(
            "This certificate is for a family who asked for mediation: record when the LA was "
            "told (Overview ▸ Key dates)."
        )
    if kind == "certificate-not-arranged" and case.la_cannot_arrange is None:
        raise DocumentNotReady(
            "Record when the LA said it could not arrange mediation (Overview ▸ Key dates)."
        )
    reason = not_ready(kind, facts)
    if reason:
        raise DocumentNotReady(reason)
    form = load_form(kind, PLACEHOLDERS, known_conditions=CONDITIONS)
    data = placeholder_data(facts, kind)
    statement = json.loads(facts.seal.content) if facts.seal else facts.statement
    special = {
        "present": lambda block: _present(statement or {"present": []}, block),
        "issues": lambda block: _issues(statement or {"issues": []}, block),
        "general": lambda block: _general(statement or {}),
        "confirmations": lambda block: _confirmations(facts, block),
        "addenda": lambda block: _addenda(facts, block),
        **letter_blocks(facts),
    }
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
