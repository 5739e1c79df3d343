"""The letters to the family and the child's views profile: who they are addressed to, what they
say for this case (mediation or disagreement resolution, a parent or the young person as the
party), and when there is nothing to send. build.py merges these into every document's data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..domain.case import Case, CaseKind
from ..domain.dates import long_date
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
from ..domain.statement import Seal
from .model import Block, Heading, KeyValues, Paragraph, Pictures, Table
from .parties import icb_name
from .picture import printable
from .prose import joined, with_article
from .rich import rich_blocks as rich


class ServiceDetails(Protocol):
    """What a letter needs of the service (build.Service)."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def mediator(self) -> str: ...
    @property
    def adviser(self) -> str: ...


class DocumentFacts(Protocol):
    """What the letters and the profile read of a case's facts (build.DocumentFacts), named
    here so this module does not import build, which imports it."""

    @property
    def case(self) -> Case: ...
    @property
    def service(self) -> ServiceDetails: ...
    @property
    def issue_date(self) -> dt.date: ...
    @property
    def appeal_by(self) -> dt.date | None: ...
    @property
    def attendees(self) -> Sequence[Attendee]: ...
    @property
    def arrangements(self) -> Arrangements: ...
    @property
    def views(self) -> ChildViews: ...
    @property
    def statement(self) -> dict[str, Any] | None: ...
    @property
    def seal(self) -> Seal | None: ...
    @property
    def recipient(self) -> Attendee | None: ...
    @property
    def pictures(self) -> Sequence[tuple[bytes, str]]: ...
    @property
    def meeting_minutes(self) -> int: ...
    def content(self) -> dict[str, Any]: ...


LETTER_KINDS = {
    "meeting-letter": "Meeting letter",
    "letter-declined": "Letter: mediation not going ahead",
    "child-views": "The child's views (one-page profile)",
}

LETTER_PLACEHOLDERS = frozenset(
    {
        "letter_date", "salutation", "child_first_name", "meeting_time", "meeting_format",
        "meeting_place", "meeting_length", "interpreter", "views_sentence", "gathered_by",
        "gathered_on", "gathered_how", "recipient", "service_contact", "signed_by", "the_la",
        "the_la_capital", "decision_in_dispute", "authority_sentence", "declined_date",
        "certificate_date", "appeal_by", "the_icb_capital",
    }
)  # fmt: skip

# Facts about the case only the letters test (forms' `when`, documents/forms.py).
LETTER_CONDITIONS = frozenset(
    {
        "meeting_arranged",  # a meeting date is set: the letter confirms the arrangements
        "appeal_date",  # the decision notice date is known, so the appeal-by date is
        "views_recorded",  # the young person's views are already recorded
    }
)

_LABEL = re.compile(r"\s*\([^()]*\)\s*$")  # "Katarzyna Wiśniewska (mother)": the "(mother)"
Filler = Callable[[dict[str, Any]], list[Block]]


def _bare(name: str) -> str:
    """A name as typed, without a trailing label in brackets: prose never quotes a label."""
    return " ".join(_LABEL.sub("", name).split())


def _party_names(facts: DocumentFacts) -> list[str]:
    """The names of the party the letters are addressed to: the young person (CFA 2014
    s83(2)), else the parents or carers: the attendees in those roles, or the case's records."""
    case = facts.case
    if case.is_young_person(facts.issue_date):
        named = [a.name for a in facts.attendees if a.role is Role.YOUNG_PERSON]
        texts = named or [case.child_name]
    else:
        named = [a.name for a in facts.attendees if a.role is Role.PARENT_CARER]
        texts = named or [parent.name for parent in case.parents]
    return [name for name in (_bare(text) for text in texts) if name]


def letter_conditions(facts: DocumentFacts) -> frozenset[str]:
    """Which of LETTER_CONDITIONS hold for the case these facts describe."""
    held = {
        "meeting_arranged": facts.case.meeting_date is not None,
        "appeal_date": facts.appeal_by is not None,
        "views_recorded": facts.views.has_views,
    }
    return frozenset(name for name, holds in held.items() if holds)


def not_ready(kind: str, facts: DocumentFacts) -> str | None:
    """Why a letter or the profile cannot be made for this case, or None when it can."""
    case = facts.case
    service = "mediation" if case.kind is CaseKind.MEDIATION else "disagreement resolution"
    if kind == "meeting-letter" and case.declined_on is not None:
        return (
            f"The family said on {long_date(case.declined_on)} that they do not wish to go ahead "
            f"with {service}, so there is no meeting to confirm: send the letter for a declined "
            "case instead."
        )
    if kind == "letter-declined" and case.declined_on is None:
        return (
            f"The family has not said they do not wish to go ahead with {service}: record when "
            "they did (Overview ▸ Key dates)."
        )
    if kind == "child-views":
        if case.is_young_person(facts.issue_date):
            return (
                f"{case.child_name or 'The young person'} is the party and speaks for "
                "themselves; there is no child's-views profile to share (CFA 2014 s56(1)(e) "
                "applies where a parent is the party)."
            )
        recipient = facts.recipient
        if recipient is None or recipient.id not in facts.views.share_with:
            return "Choose someone the child's views may be shared with (Child's views tab)."
    return None


def offered(kind: str, facts: DocumentFacts) -> bool:
    """Whether the case has this document at all (the Documents tab lists only these): a young
    person who is the party has no child's-views profile (CFA 2014 s56(1)(e), s83(2)); there
    is no mediation certificate for disagreement resolution (s57) or for an appeal only about
    Section I (s55)."""
    case = facts.case
    if kind.startswith("certificate-"):
        return case.kind is CaseKind.MEDIATION and not case.section_i_only
    return not (kind == "child-views" and case.is_young_person(facts.issue_date))


def _first_name(facts: DocumentFacts) -> str:
    case = facts.case
    if case.child_known_as.strip():
        return case.child_known_as.strip()
    parts = case.child_name.split()
    return parts[0] if parts else "the child"


def _place(facts: DocumentFacts) -> str:
    arrangements = facts.arrangements
    if arrangements.meeting_format is MeetingFormat.IN_PERSON:
        place = arrangements.venue
    elif arrangements.meeting_format is MeetingFormat.HYBRID:
        place = " or online: ".join(p for p in (arrangements.venue, arrangements.link) if p)
    else:
        place = " ".join(p for p in (arrangements.platform, arrangements.link) if p)
    if arrangements.venue_access and arrangements.meeting_format is not MeetingFormat.ONLINE:
        place += f" ({arrangements.venue_access})"
    return place


def _views_sentence(facts: DocumentFacts, child: str) -> str:
    """How the child's views reach the meeting, where a parent is the party (CFA 2014
    s56(1)(e)); a young person who is the party is told their own views are central."""
    views = facts.views
    if facts.case.is_young_person(facts.issue_date):
        thanks = "Thank you for telling me your views; I will make sure the meeting hears them. "
        return (thanks if views.has_views else "") + (
            "Your views are at the centre of the meeting. You can speak for yourself, and you "
            "may also tell me your views beforehand in whatever way suits you: in a "
            "conversation, by phone or video call, or in writing."
        )
    methods = ", ".join(sorted(m.label.lower() for m in views.methods))
    if views.will_attend is not None and views.will_attend.value != "none":
        return (
            f"{child} will join {views.will_attend.label.lower()} of the meeting, and {child}'s "
            "views will be at the centre of the discussion."
        )
    if views.has_views:
        return (
            f"{child}'s views have been gathered ({methods or 'in their own words'}); I will "
            "make sure the meeting hears them."
        )
    return (
        f"I will talk with you about how {child}'s views can best be heard: in a conversation, "
        "by phone or video call, in drawings or in our views booklet."
    )


def _decision_phrase(facts: DocumentFacts) -> str:
    """'not to carry out an EHC needs assessment (notice dated ...)', or '' when not known."""
    case = facts.case
    if case.decision_kind is None:
        return ""
    label = case.decision_kind.label
    phrase = label[:1].lower() + label[1:]
    if case.decision_date:
        phrase += f" (notice dated {long_date(case.decision_date)})"
    return phrase


def _authority_sentence(facts: DocumentFacts, the_la: str) -> str:
    """Who takes part with authority to agree for each body (SEND Code of Practice 2015,
    chapter 11; DOMAIN.md section 5); for mediation, that the LA must send someone."""
    case = facts.case
    sentences = []
    for a in facts.attendees:
        if a.decision_authority and a.attendance is not Attendance.NOT_ATTENDING:
            title = a.job_title.strip()
            who = f"{_bare(a.name)}, {title}," if title else _bare(a.name)
            body = with_article(a.organisation) if a.organisation.strip() else the_la
            sentences.append(f"{who} has authority to agree for {body}.")
    if not sentences and case.kind is CaseKind.MEDIATION and not case.health_only:
        sentences.append(
            f"{the_la[:1].upper()}{the_la[1:]} must send someone with authority to make decisions "
            "at the meeting; I will tell you who before the meeting."
        )
    return " ".join(sentences)


def _signature(name: str, role: str, service: str) -> str:
    """The signature lines: the name, then the role and the service."""
    return f"{name}\n{role.capitalize()}, {service}" if name else f"{role.capitalize()}, {service}"


def letter_data(facts: DocumentFacts, kind: str) -> dict[str, str]:
    """The placeholders of the letters and the profile (LETTER_PLACEHOLDERS)."""
    case = facts.case
    service = facts.service
    arrangements = facts.arrangements
    views = facts.views
    child = _first_name(facts)
    the_la = with_article(case.local_authority) if case.local_authority.strip() else ""
    the_la = the_la or "the local authority"
    decision = _decision_phrase(facts)
    interpreter = ""
    needed = [a for a in facts.attendees if a.interpreter_needed]
    if needed:
        languages = ", ".join(sorted({a.language for a in needed if a.language}))
        booked = "booked" if arrangements.interpreter_booked else "being arranged"
        interpreter = f"{languages or 'An'} interpreter {booked}"
    contact = " or ".join(p for p in (service.phone, service.email) if p)
    signer = (
        _signature(service.adviser or service.mediator, "mediation adviser", service.name)
        if kind == "letter-declined"
        else _signature(service.mediator, "mediator", service.name)
    )
    certificate = case.certificate_issued or facts.issue_date
    icb = icb_name(facts.attendees)
    return {
        "letter_date": long_date(facts.issue_date),
        "salutation": joined(_party_names(facts)) or "Sir or Madam",
        "recipient": _bare(facts.recipient.name) if facts.recipient else "",
        "child_first_name": child,
        "meeting_time": "–".join(t for t in (arrangements.start_time, arrangements.end_time) if t),
        "meeting_format": arrangements.meeting_format.label,
        "meeting_place": _place(facts),
        "meeting_length": describe_minutes(
            minutes_between(arrangements.start_time, arrangements.end_time) or facts.meeting_minutes
        ),
        "interpreter": interpreter,
        "views_sentence": _views_sentence(facts, child),
        "gathered_by": views.gathered_by or "the mediator",
        "gathered_on": f" on {long_date(views.gathered_on)}" if views.gathered_on else "",
        "gathered_how": ", ".join(sorted(m.label.lower() for m in views.methods))
        or "in conversation",
        "service_contact": f" on {contact}" if contact else "",
        "signed_by": signer,
        "the_la": the_la,
        "the_la_capital": the_la[:1].upper() + the_la[1:],
        "decision_in_dispute": f"{the_la}'s decision: {decision}"
        if decision
        else f"{the_la}'s decision",
        "authority_sentence": _authority_sentence(facts, the_la),
        "declined_date": long_date(case.declined_on) if case.declined_on else "",
        "certificate_date": long_date(certificate),
        "appeal_by": long_date(facts.appeal_by) if facts.appeal_by else "",
        "the_icb_capital": with_article(icb, capital=True) or "The integrated care board",
    }


# -- the blocks code fills in -------------------------------------------------------------------
def _issue_list(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    """The issues to be mediated, one to a line: the statement's issue titles where drafted,
    else the decision in dispute (CFA 2014 s53; DOMAIN.md section 3)."""
    titles = [
        t for i in facts.content().get("issues", []) if (t := str(i.get("title", "")).strip())
    ]
    if not titles:
        decision = _decision_phrase(facts)
        if not decision:
            return []
        the_la = with_article(facts.case.local_authority) or "the local authority"
        titles = [f"{the_la[:1].upper()}{the_la[1:]}'s decision: {decision}"]
    return [KeyValues(((block.get("title", "About"), "\n".join(titles)),))]


def _attendees(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    """Who takes part and as what; how each attends only where that differs between them (the
    meeting's format says it otherwise), so a row seldom needs a second line."""
    taking_part = [a for a in facts.attendees if a.attendance is not Attendance.NOT_ATTENDING]
    if not taking_part:
        return []
    rows = [
        (_bare(a.name), ", ".join(p for p in (a.role.label, a.organisation.strip()) if p))
        for a in taking_part
    ]
    title = Heading(block.get("title", "Who will attend"), 2)
    if len({a.attendance for a in taking_part}) == 1:
        return [title, Table(("Name", "Taking part as"), tuple(rows))]
    attending = tuple((*row, a.attendance.label) for row, a in zip(rows, taking_part, strict=True))
    return [title, Table(("Name", "Taking part as", "Attending"), attending)]


def _profile(facts: DocumentFacts) -> list[Block]:
    views = facts.views
    blocks: list[Block] = []
    for name, heading in PROFILE_FIELDS.items():
        text = getattr(views, name)
        if text.strip():
            blocks.append(Heading(heading, 2))
            blocks.extend(rich(text))
    if views.quotes.strip():
        blocks.append(Heading("In my words", 2))
        blocks.extend(Paragraph(line.strip()) for line in views.quotes.splitlines() if line.strip())
    if not blocks:
        blocks.append(Paragraph(views.no_views_reason or "No views have been recorded yet."))
    pictures = [p for data, caption in facts.pictures if (p := printable(data, caption))]
    if pictures:
        blocks.extend([Heading("My pictures", 2), Pictures(tuple(pictures))])
    return blocks


def letter_blocks(facts: DocumentFacts) -> dict[str, Filler]:
    """The `@` blocks of the letters and the profile."""
    return {
        "issue_list": lambda block: _issue_list(facts, block),
        "attendees": lambda block: _attendees(facts, block),
        "profile": lambda block: _profile(facts),
    }


__all__ = [
    "LETTER_CONDITIONS",
    "LETTER_KINDS",
    "LETTER_PLACEHOLDERS",
    "letter_blocks",
    "letter_conditions",
    "letter_data",
    "not_ready",
    "offered",
]
