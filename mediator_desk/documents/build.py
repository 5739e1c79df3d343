"""Build each kind of document from a case's facts and its form's wording."""

from __future__ import annotations

import json
from typing import Any

from ..domain.case import Case, CaseKind
from ..domain.dates import long_date
from ..domain.preferences import describe_minutes, minutes_between
from ..domain.preparation import (
    PROFILE_FIELDS,
    Attendance,
    MeetingFormat,
    Role,
)
from .certificates import (
    CERTIFICATE_PLACEHOLDERS,
    CertificateNotReady,
    certificate_data,
    check_certificate,
)
from .facts import DocumentFacts, Service
from .forms import load_form, render_form
from .model import (
    Block,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Pictures,
    Table,
)
from .picture import printable
from .prose import joined
from .rich import rich_blocks as _rich
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
    "meeting-letter": "Meeting confirmation letter",
    "child-views": "The child's views (one-page profile)",
}
CERTIFICATES = tuple(k for k in KINDS if k.startswith("certificate-"))

PLACEHOLDERS = (
    frozenset(
        {
            "reference", "child_name", "child_first_name", "child_dob", "party", "party_name",
            "local_authority", "decision", "decision_date", "issue_date",
            "adviser_name", "mediator_name", "service_name", "service_contact",
            "service_kind", "meeting_date", "meeting_time", "meeting_format", "meeting_place",
            "meeting_length", "interpreter", "recipient",
            "views_sentence", "gathered_by", "gathered_on", "gathered_how", "signed_by",
        }
    )
    | STATEMENT_PLACEHOLDERS
    | CERTIFICATE_PLACEHOLDERS
)  # fmt: skip


# The names a form's `when` may test (documents/forms.py), each a fact about the case that
# decides which legal sentence applies.
CONDITIONS = frozenset(
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
    return frozenset(name for name, holds in held.items() if holds)


def _agreement_reached(facts: DocumentFacts) -> bool:
    statement = json.loads(facts.seal.content) if facts.seal else facts.statement
    outcomes = [i.get("outcome", "") for i in (statement or {}).get("issues", [])]
    return any(o in ("Agreed", "Partly agreed") for o in outcomes)


class DocumentNotReady(Exception):
    """The document cannot be made yet; the message says why."""


def _first_name(case: Case) -> str:
    if case.child_known_as.strip():
        return case.child_known_as.strip()
    parts = case.child_name.split()
    return parts[0] if parts else "the child"


def _party(facts: DocumentFacts) -> tuple[str, str]:
    """(label, names) of the parent or young person the certificate is for."""
    case = facts.case
    if case.is_young_person(facts.issue_date):
        return "Young person", case.child_name
    parents = [a.name for a in facts.attendees if a.role is Role.PARENT_CARER]
    names = joined(parents) if parents else case.parents
    return "Parent or carer", names or "the parent"


def _signature(name: str, role: str, service: str) -> str:
    return f"{name}, {role}, {service}" if name else f"{role.capitalize()}, {service}"


def placeholder_data(facts: DocumentFacts, kind: str = "") -> dict[str, str]:
    case = facts.case
    service = facts.service
    label, names = _party(facts)
    arrangements = facts.arrangements
    if arrangements.meeting_format is MeetingFormat.IN_PERSON:
        place = arrangements.venue
    elif arrangements.meeting_format is MeetingFormat.HYBRID:
        place = " or online: ".join(p for p in (arrangements.venue, arrangements.link) if p)
    else:
        place = " ".join(p for p in (arrangements.platform, arrangements.link) if p)
    if arrangements.venue_access and arrangements.meeting_format is not MeetingFormat.ONLINE:
        place += f" ({arrangements.venue_access})"
    time = "–".join(t for t in (arrangements.start_time, arrangements.end_time) if t)
    child = _first_name(case)
    views = facts.views
    methods = ", ".join(sorted(m.label.lower() for m in views.methods))
    if views.will_attend is not None and views.will_attend.value != "none":
        views_sentence = (
            f"{child} will join {views.will_attend.label.lower()} of the meeting. "
            "Their views will be at the centre of the discussion."
        )
    elif views.has_views:
        views_sentence = (
            f"{child} has shared their views ({methods or 'in their own words'}); I will "
            "make sure they are heard at the meeting."
        )
    else:
        views_sentence = (
            f"I will talk with you about how {child}'s views can best be heard: by a "
            "conversation, a phone or video call, drawings or our views booklet."
        )
    interpreter_needed = [a for a in facts.attendees if a.interpreter_needed]
    interpreter = ""
    if interpreter_needed:
        languages = ", ".join(sorted({a.language for a in interpreter_needed if a.language}))
        booked = "booked" if arrangements.interpreter_booked else "being arranged"
        interpreter = f"{languages or 'An interpreter'} interpreter {booked}"
    recipient = facts.recipient.name if facts.recipient else names
    contact = " or ".join(p for p in (service.phone, service.email) if p)
    contact = f" on {contact}" if contact else ""
    return (
        {
            "reference": case.reference,
            "child_name": case.display_name,
            "child_first_name": child,
            "child_dob": long_date(case.child_dob) if case.child_dob else "",
            "party": names if "(" in names else f"{names} ({label.lower()})",
            "party_name": names,
            "local_authority": case.local_authority,
            "decision": case.decision_kind.label if case.decision_kind else "",
            "decision_date": long_date(case.decision_date) if case.decision_date else "",
            "issue_date": long_date(facts.issue_date),
            "adviser_name": service.adviser or service.mediator or "The mediation adviser",
            "mediator_name": service.mediator or "The mediator",
            "service_name": service.name,
            "service_contact": contact,
            "service_kind": "mediation"
            if case.kind is CaseKind.MEDIATION
            else "disagreement resolution",
            "meeting_date": long_date(case.meeting_date) if case.meeting_date else "to be arranged",
            "meeting_time": time,
            "meeting_format": arrangements.meeting_format.label,
            "meeting_length": describe_minutes(
                minutes_between(arrangements.start_time, arrangements.end_time)
                or facts.meeting_minutes
            ),
            "meeting_place": place,
            "interpreter": interpreter,
            "recipient": recipient,
            "views_sentence": views_sentence,
            "gathered_by": views.gathered_by or "the mediator",
            "gathered_on": f"on {long_date(views.gathered_on)}" if views.gathered_on else "",
            "gathered_how": methods or "in conversation",
            "signed_by": _signature(service.mediator, "mediator", service.name),
        }
        | statement_data(facts, names)
        | certificate_data(facts, kind, names)
    )


# -- the blocks code fills in -------------------------------------------------------------------
def _attendees(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    rows = tuple(
        (a.name, a.role.label, a.organisation, a.attendance.label)
        for a in facts.attendees
        if a.attendance is not Attendance.NOT_ATTENDING
    )
    if not rows:
        return []
    return [Heading(block.get("title", "Who will attend"), 2),
            Table(("Name", "Role", "Organisation", "Attending"), rows)]  # fmt: skip


def _profile(facts: DocumentFacts) -> list[Block]:
    views = facts.views
    blocks: list[Block] = []
    for name, heading in PROFILE_FIELDS.items():
        text = getattr(views, name)
        if text.strip():
            blocks.append(Heading(heading, 2))
            blocks.extend(_rich(text))
    if views.quotes.strip():
        blocks.append(Heading("In my words", 2))
        blocks.extend(Paragraph(line.strip()) for line in views.quotes.splitlines() if line.strip())
    if not blocks:
        blocks.append(Paragraph(views.no_views_reason or "No views have been recorded yet."))
    pictures = [p for data, caption in facts.pictures if (p := printable(data, caption))]
    if pictures:
        blocks.extend([Heading("My pictures", 2), Pictures(tuple(pictures))])
    return blocks


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
    if kind == "child-views":
        recipient = facts.recipient
        if recipient is None or recipient.id not in facts.views.share_with:
            raise DocumentNotReady(
                "Choose someone the child's views may be shared with (Child's views tab)."
            )
    form = load_form(kind, PLACEHOLDERS, known_conditions=CONDITIONS)
    data = placeholder_data(facts, kind)
    special = {
        "attendees": lambda block: _attendees(facts, block),
        "profile": lambda block: _profile(facts),
    } | statement_specials(facts, data)
    from .forms import fill

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
