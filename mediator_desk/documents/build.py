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
from ..domain.preferences import describe_minutes, minutes_between
from ..domain.preparation import (
    PROFILE_FIELDS,
    Arrangements,
    Attendance,
    Attendee,
    ChildViews,
    MeetingFormat,
    Role,
)
from ..domain.statement import Addendum, Confirmation, Seal
from .forms import load_form, render_form
from .model import (
    Block,
    BulletList,
    Document,
    Heading,
    KeyValues,
    Letterhead,
    Paragraph,
    Pictures,
    SignatureBlock,
    Table,
)
from .picture import printable
from .text import clean

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

PLACEHOLDERS = frozenset(
    {
        "reference", "child_name", "child_first_name", "child_dob", "party", "party_name",
        "local_authority", "health_body", "decision", "decision_date", "issue_date",
        "appeal_sentence", "adviser_name", "mediator_name", "service_name", "service_contact",
        "service_kind", "meeting_date", "meeting_time", "meeting_format", "meeting_place",
        "meeting_length",
        "interpreter", "outcome_sentence", "arranging_body", "cannot_arrange_date", "recipient",
        "views_sentence", "gathered_by", "gathered_on", "gathered_how", "issued_by", "signed_by",
    }
)  # fmt: skip


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
    names = " and ".join(parents) if parents else joined_names(case.parents)
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
    outcome = ""
    if facts.seal is not None:
        outcomes = [i["outcome"] for i in json.loads(facts.seal.content)["issues"]]
        if outcomes and all(o == "Agreed" for o in outcomes):
            outcome = "Agreement was reached on all the issues."
        elif any(o in ("Agreed", "Partly agreed") for o in outcomes):
            outcome = "Agreement was reached on some of the issues."
        elif outcomes:
            outcome = "Agreement was not reached."
    interpreter_needed = [a for a in facts.attendees if a.interpreter_needed]
    interpreter = ""
    if interpreter_needed:
        languages = ", ".join(sorted({a.language for a in interpreter_needed if a.language}))
        booked = "booked" if arrangements.interpreter_booked else "being arranged"
        interpreter = f"{languages or 'An interpreter'} interpreter {booked}"
    recipient = facts.recipient.name if facts.recipient else names
    contact = " or ".join(p for p in (service.phone, service.email) if p)
    contact = f" on {contact}" if contact else ""
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
        "child_first_name": child,
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
        "service_contact": contact,
        "service_kind": "mediation"
        if case.kind is CaseKind.MEDIATION
        else "disagreement resolution",
        "meeting_date": long_date(case.meeting_date) if case.meeting_date else "to be arranged",
        "meeting_time": time,
        "meeting_format": arrangements.meeting_format.label,
        "meeting_length": describe_minutes(
            minutes_between(arrangements.start_time, arrangements.end_time) or facts.meeting_minutes
        ),
        "meeting_place": place,
        "interpreter": interpreter,
        "outcome_sentence": outcome,
        "arranging_body": case.local_authority or "the local authority",
        "cannot_arrange_date": long_date(case.la_cannot_arrange) if case.la_cannot_arrange else "",
        "recipient": recipient,
        "views_sentence": views_sentence,
        "gathered_by": views.gathered_by or "the mediator",
        "gathered_on": f"on {long_date(views.gathered_on)}" if views.gathered_on else "",
        "gathered_how": methods or "in conversation",
        "issued_by": issued_by,
        "signed_by": _signature(service.mediator, "mediator", service.name),
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


def _rich(text: str) -> list[Block]:
    """Paragraphs, with lines starting '- ' as bullet lists: the meeting's light formatting."""
    blocks: list[Block] = []
    bullets: list[str] = []
    for line in clean(text).split("\n"):
        stripped = line.strip()
        if stripped[:2] in ("- ", "• ", "* "):
            bullets.append(stripped[2:])
            continue
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets = []
        if stripped:
            blocks.append(Paragraph(stripped))
    if bullets:
        blocks.append(BulletList(tuple(bullets)))
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
    if kind == "child-views":
        recipient = facts.recipient
        if recipient is None or recipient.id not in facts.views.share_with:
            raise DocumentNotReady(
                "Choose someone the child's views may be shared with (Child's views tab)."
            )
    form = load_form(kind, PLACEHOLDERS)
    data = placeholder_data(facts, kind)
    statement = json.loads(facts.seal.content) if facts.seal else facts.statement
    special = {
        "present": lambda block: _present(statement or {"present": []}, block),
        "issues": lambda block: _issues(statement or {"issues": []}, block),
        "general": lambda block: _general(statement or {}),
        "confirmations": lambda block: _confirmations(facts, block),
        "addenda": lambda block: _addenda(facts, block),
        "attendees": lambda block: _attendees(facts, block),
        "profile": lambda block: _profile(facts),
    }
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
        + tuple(render_form(form, data, special)),
        draft=kind == "outcome-statement" and facts.seal is None,
    )


__all__ = ["KINDS", "DocumentFacts", "DocumentNotReady", "KeyValues", "Service", "build_document"]
