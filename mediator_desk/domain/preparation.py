"""Preparing a meeting: who attends and in what role, the contact log, the arrangements and the
child's or young person's views (DOMAIN.md section 5; seed 002)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Self


class Side(Enum):
    FAMILY = "family"
    LA = "la"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    INFORMATION = "information"
    SUPPORT = "support"
    NEUTRAL = "neutral"


class Role(Enum):
    """Who takes part (SEND Regulations 2014 reg 38(1); DOMAIN.md section 5)."""

    PARENT_CARER = "parent_carer"
    YOUNG_PERSON = "young_person"
    CHILD = "child"
    LA_DECISION_MAKER = "la_decision_maker"
    LA_SEN_OFFICER = "la_sen_officer"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    SCHOOL = "school"
    INFORMATION_PROVIDER = "information_provider"
    FAMILY_SUPPORTER = "family_supporter"
    IASS_WORKER = "iass_worker"
    ADVOCATE = "advocate"
    LEGAL_REPRESENTATIVE = "legal_representative"
    INTERPRETER = "interpreter"
    MEDIATOR = "mediator"
    CO_MEDIATOR = "co_mediator"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self][0]

    @property
    def side(self) -> Side:
        return _ROLE_LABELS[self][1]

    @property
    def is_main_party(self) -> bool:
        """The parties whose agreement makes the outcome: the family and the LA (and the ICB
        where health care is mediated)."""
        return self in MAIN_PARTY_ROLES

    @property
    def is_la(self) -> bool:
        return self in (Role.LA_DECISION_MAKER, Role.LA_SEN_OFFICER)

    @property
    def is_supporter(self) -> bool:
        """Reg 38(1)(b): one advocate or other supporter the family chooses attends as of
        right; more need everyone's agreement or the mediator's."""
        return self in (
            Role.FAMILY_SUPPORTER,
            Role.IASS_WORKER,
            Role.ADVOCATE,
            Role.LEGAL_REPRESENTATIVE,
        )


_ROLE_LABELS = {
    Role.PARENT_CARER: ("Parent or carer", Side.FAMILY),
    Role.YOUNG_PERSON: ("Young person (a party)", Side.FAMILY),
    Role.CHILD: ("Child", Side.FAMILY),
    Role.LA_DECISION_MAKER: ("LA decision-maker", Side.LA),
    Role.LA_SEN_OFFICER: ("LA SEN case officer", Side.LA),
    Role.HEALTH: ("Health / ICB representative", Side.HEALTH),
    Role.SOCIAL_CARE: ("Social care", Side.SOCIAL_CARE),
    Role.SCHOOL: ("School or college (information provider)", Side.INFORMATION),
    Role.INFORMATION_PROVIDER: (
        "Other information provider (EP, CAMHS, therapist)",
        Side.INFORMATION,
    ),
    Role.FAMILY_SUPPORTER: ("Supporter: family member or friend", Side.SUPPORT),
    Role.IASS_WORKER: ("Supporter: IASS worker", Side.SUPPORT),
    Role.ADVOCATE: ("Advocate", Side.SUPPORT),
    Role.LEGAL_REPRESENTATIVE: ("Legal representative", Side.SUPPORT),
    Role.INTERPRETER: ("Interpreter", Side.NEUTRAL),
    Role.MEDIATOR: ("Mediator (lead)", Side.NEUTRAL),
    Role.CO_MEDIATOR: ("Co-mediator", Side.NEUTRAL),
    Role.OBSERVER: ("Observer or trainee", Side.NEUTRAL),
}
MAIN_PARTY_ROLES = frozenset(
    {Role.PARENT_CARER, Role.YOUNG_PERSON, Role.LA_DECISION_MAKER, Role.LA_SEN_OFFICER}
)


class Attendance(Enum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    PHONE = "phone"
    WRITTEN = "written"
    NOT_ATTENDING = "not_attending"

    @property
    def label(self) -> str:
        return {
            Attendance.ONLINE: "Online",
            Attendance.IN_PERSON: "In person",
            Attendance.PHONE: "By phone",
            Attendance.WRITTEN: "Written information only",
            Attendance.NOT_ATTENDING: "Not attending",
        }[self]


class ChildPart(Enum):
    """How much of the meeting the child attends (seed 002: none, part or all)."""

    NONE = "none"
    PART = "part"
    ALL = "all"

    @property
    def label(self) -> str:
        return {ChildPart.NONE: "None of it", ChildPart.PART: "Part", ChildPart.ALL: "All"}[self]


class ContactMethod(Enum):
    PHONE = "phone"
    EMAIL = "email"
    VIDEO = "video"
    LETTER = "letter"
    TEXT = "text"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {
            ContactMethod.PHONE: "Phone",
            ContactMethod.EMAIL: "Email",
            ContactMethod.VIDEO: "Video call",
            ContactMethod.LETTER: "Letter",
            ContactMethod.TEXT: "Text message",
            ContactMethod.IN_PERSON: "In person",
        }[self]


class ContactKind(Enum):
    INITIAL_CALL = "initial_call"
    CASE_HISTORY = "case_history"
    ARRANGEMENTS = "arrangements"
    PRE_MEETING_CALL = "pre_meeting_call"
    FOLLOW_UP = "follow_up"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            ContactKind.INITIAL_CALL: "Initial information call",
            ContactKind.CASE_HISTORY: "Case history",
            ContactKind.ARRANGEMENTS: "Arranging the meeting",
            ContactKind.PRE_MEETING_CALL: "Pre-meeting call",
            ContactKind.FOLLOW_UP: "Follow-up",
            ContactKind.OTHER: "Other",
        }[self]


class MeetingFormat(Enum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return {
            MeetingFormat.ONLINE: "Online",
            MeetingFormat.IN_PERSON: "In person",
            MeetingFormat.HYBRID: "Hybrid",
        }[self]


class ViewMethod(Enum):
    """How the child's views were gathered (seed 002)."""

    CONVERSATION = "conversation"
    PHONE = "phone"
    EMAIL = "email"
    VIDEO = "video"
    DRAWING = "drawing"
    BOOKLET = "booklet"
    THROUGH_PARENT = "through_parent"
    THROUGH_ADVOCATE = "through_advocate"

    @property
    def label(self) -> str:
        return {
            ViewMethod.CONVERSATION: "Conversation",
            ViewMethod.PHONE: "Phone call",
            ViewMethod.EMAIL: "Email",
            ViewMethod.VIDEO: "Video",
            ViewMethod.DRAWING: "Drawings or pictures",
            ViewMethod.BOOKLET: "Views booklet",
            ViewMethod.THROUGH_PARENT: "Through a parent",
            ViewMethod.THROUGH_ADVOCATE: "Through an advocate",
        }[self]


class _Record:
    """A record of a case's preparation; each subclass is a frozen dataclass."""

    def with_changes(self, **changes: object) -> Self:
        return replace(self, **changes)  # type: ignore[type-var]


@dataclass(frozen=True)
class Attendee(_Record):
    name: str
    role: Role
    organisation: str = ""
    job_title: str = ""
    email: str = ""
    phone: str = ""
    preferred_contact: ContactMethod | None = None
    language: str = ""
    interpreter_needed: bool = False
    access_needs: str = ""
    attendance: Attendance = Attendance.ONLINE
    child_part: ChildPart | None = None
    decision_authority: bool = False
    consent_share_contact: bool = False
    attendance_disputed: bool = False
    mediator_decision: str = ""
    notes: str = ""
    id: int | None = None
    case_id: int | None = None
    position: int = 0

    @property
    def display(self) -> str:
        extra = self.job_title or self.organisation
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True)
class ContactEntry(_Record):
    """A call, email or letter, and any follow-up it needs."""

    when: dt.datetime
    method: ContactMethod = ContactMethod.PHONE
    kind: ContactKind = ContactKind.OTHER
    attendee_id: int | None = None
    with_whom: str = ""
    summary: str = ""
    follow_up: str = ""
    follow_up_by: dt.date | None = None
    follow_up_done: bool = False
    id: int | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class ProposedDate(_Record):
    day: dt.date
    start: str = ""
    offered_to: str = ""
    response: str = ""
    id: int | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class Arrangements(_Record):
    """How and where the meeting happens; the date itself is the case's meeting date."""

    start_time: str = ""
    end_time: str = ""
    meeting_format: MeetingFormat = MeetingFormat.ONLINE
    platform: str = ""
    link: str = ""
    venue: str = ""
    venue_access: str = ""
    interpreter_booked: bool = False
    case_id: int | None = None


PROFILE_FIELDS = {
    "liked_admired": "What people like and admire about me",
    "important": "What is important to me, now and in the future",
    "best_support": "How best to support me",
    "views_on_disagreement": "What I think about the disagreement",
    "wishes": "What I would like to happen",
}


@dataclass(frozen=True)
class ChildViews(_Record):
    """A one-page, person-centred profile in the child's or young person's own words."""

    liked_admired: str = ""
    important: str = ""
    best_support: str = ""
    views_on_disagreement: str = ""
    wishes: str = ""
    quotes: str = ""
    gathered_by: str = ""
    gathered_on: dt.date | None = None
    methods: frozenset[ViewMethod] = field(default_factory=frozenset)
    will_attend: ChildPart | None = None
    no_views_reason: str = ""
    share_with: frozenset[int] = field(default_factory=frozenset)  # attendee ids
    case_id: int | None = None

    @property
    def has_views(self) -> bool:
        texts = [getattr(self, name) for name in PROFILE_FIELDS] + [self.quotes]
        return any(text.strip() for text in texts)


@dataclass(frozen=True)
class Attachment(_Record):
    filename: str
    mime: str
    size: int
    caption: str = ""
    added_at: dt.datetime | None = None
    in_profile: bool = False  # a picture the mediator chose to show in the one-page profile
    id: int | None = None
    case_id: int | None = None


# Pictures and scans kept inside the case file: what is accepted, and how big.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)


def attachment_type(data: bytes) -> str | None:
    """The file's type from its first bytes (not its name); None if not an accepted type.
    WebP is 'RIFF....WEBP'."""
    for signature, mime in ATTACHMENT_SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_attachment_size(name: str, size: int) -> str | None:
    """Checked before a file is read, so a huge file is never loaded."""
    if size == 0:
        return f"{name} is empty."
    if size > MAX_ATTACHMENT_BYTES:
        return (
            f"{name} is {size / (1024 * 1024):.1f} MB; attachments are limited to "
            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB. Scan or save it at a lower resolution."
        )
    return None


def check_attachment(name: str, data: bytes) -> str | None:
    """Why a file cannot be attached, in plain English; None if it can."""
    too_big = check_attachment_size(name, len(data))
    if too_big:
        return too_big
    if attachment_type(data) is None:
        return (
            f"{name} is not a picture or PDF that Mediator Desk can keep (PNG, JPEG, GIF, WebP "
            "or PDF)."
        )
    return None
