"""Is the case ready for its meeting? Plain-English warnings, each pointing at what fixes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .case import Case, CaseKind, CaseStatus
from .dates import long_date
from .preparation import (
    Arrangements,
    Attendance,
    Attendee,
    ChildViews,
    ContactEntry,
    ContactKind,
    MeetingFormat,
    Role,
)

# Where a warning can be put right: a tab and, optionally, a field on it.
PEOPLE, PREPARATION, CHILD_VIEWS, OVERVIEW = "people", "preparation", "child_views", "overview"


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    message: str
    tab: str
    field: str = ""


def role_problems(case: Case, attendees: Sequence[Attendee], today: dt.date) -> list[ReadinessItem]:
    """Roles that must be present or unique (DOMAIN.md section 5; SEND Regulations 2014 reg 38)."""
    found: list[ReadinessItem] = []
    roles = [a.role for a in attendees]
    mediation = case.kind is CaseKind.MEDIATION
    if roles.count(Role.MEDIATOR) > 1:
        found.append(
            ReadinessItem(
                "one_lead_mediator",
                "There is more than one lead mediator: make the others co-mediators.",
                PEOPLE,
                "role",
            )
        )
    if Role.PARENT_CARER not in roles and Role.YOUNG_PERSON not in roles:
        found.append(
            ReadinessItem(
                "family_party",
                "Add the parent or carer, or the young person: the family's side of the "
                "disagreement.",
                PEOPLE,
                "role",
            )
        )
    if case.is_young_person(today) and Role.YOUNG_PERSON not in roles:
        found.append(
            ReadinessItem(
                "young_person_party",
                "The young person is a party in their own right (Children and Families Act 2014 "
                "s83(2)): add them as 'Young person', even if a parent supports them.",
                PEOPLE,
                "role",
            )
        )
    if mediation and not any(role.is_la for role in roles):
        found.append(
            ReadinessItem(
                "la_attends",
                "No one from the local authority is attending: the LA must take part in "
                "mediation (R (Kumar) v Hillingdon [2020]).",
                PEOPLE,
                "role",
            )
        )
    if mediation and not any(a.role.is_la and a.decision_authority for a in attendees):
        found.append(
            ReadinessItem(
                "la_authority",
                "No local authority attendee has authority to make decisions at the meeting; "
                "ask the LA to send someone who can agree.",
                PEOPLE,
                "decision_authority",
            )
        )
    supporters = [a for a in attendees if a.role.is_supporter]
    if len(supporters) > 1 and not all(a.mediator_decision.strip() for a in supporters[1:]):
        found.append(
            ReadinessItem(
                "supporters",
                "The family may bring one advocate or supporter as of right; more need everyone's "
                "agreement, or the mediator's decision (SEND Regulations 2014 reg 38(1)). Record "
                "the decision for each extra supporter.",
                PEOPLE,
                "mediator_decision",
            )
        )
    for attendee in attendees:
        if attendee.attendance_disputed and not attendee.mediator_decision.strip():
            found.append(
                ReadinessItem(
                    f"dispute_{attendee.id}",
                    f"Whether {attendee.name or 'an attendee'} attends is disputed: record the "
                    "mediator's decision and the reason.",
                    PEOPLE,
                    "mediator_decision",
                )
            )
    return found


def readiness(
    case: Case,
    attendees: Sequence[Attendee],
    contacts: Sequence[ContactEntry],
    arrangements: Arrangements,
    views: ChildViews,
    has_attachments: bool,
    today: dt.date,
    mediation_by: dt.date | None = None,
    notice_by: dt.date | None = None,
) -> list[ReadinessItem]:
    """Everything still to do before the meeting, most important first; once the meeting is
    held, only follow-ups that are overdue."""
    if meeting_over(case):
        return _overdue_follow_ups(contacts, today)
    items = role_problems(case, attendees, today)
    if not views.has_views and not has_attachments and not views.no_views_reason.strip():
        items.append(
            ReadinessItem(
                "child_views",
                "The child's views are not recorded. Record them, or why they could not be "
                "gathered: their views must be had regard to (Children and Families Act 2014 s19).",
                CHILD_VIEWS,
                "liked_admired",
            )
        )
    meeting = case.meeting_date
    if meeting is not None and meeting >= today:
        if case.notice_sent is None:
            when = f" (by {long_date(notice_by)})" if notice_by else ""
            items.append(
                ReadinessItem(
                    "details_sent",
                    f"The meeting details have not been sent to everyone{when}.",
                    OVERVIEW,
                    "notice_sent",
                )
            )
        if mediation_by is not None and meeting > mediation_by:
            items.append(
                ReadinessItem(
                    "statutory_window",
                    f"The meeting ({long_date(meeting)}) is after the 30-day limit "
                    f"({long_date(mediation_by)}).",
                    OVERVIEW,
                    "meeting_date",
                )
            )
        called = {c.attendee_id for c in contacts if c.kind is ContactKind.PRE_MEETING_CALL}
        for attendee in attendees:
            if (
                attendee.role.is_main_party
                and attendee.attendance is not Attendance.NOT_ATTENDING
                and attendee.id not in called
            ):
                items.append(
                    ReadinessItem(
                        f"pre_meeting_{attendee.id}",
                        f"No pre-meeting call with {attendee.name or 'a main party'} is recorded.",
                        PREPARATION,
                        "contacts",
                    )
                )
        if (
            arrangements.meeting_format is not MeetingFormat.IN_PERSON
            and not arrangements.link.strip()
        ):
            items.append(
                ReadinessItem("link", "The online meeting has no link yet.", PREPARATION, "link")
            )
        if (
            arrangements.meeting_format is not MeetingFormat.ONLINE
            and not arrangements.venue.strip()
        ):
            items.append(
                ReadinessItem("venue", "The meeting has no venue yet.", PREPARATION, "venue")
            )
    needing = [a.name or "an attendee" for a in attendees if a.interpreter_needed]
    if needing and not arrangements.interpreter_booked:
        items.append(
            ReadinessItem(
                "interpreter",
                f"An interpreter is needed ({', '.join(needing)}) but not booked.",
                PREPARATION,
                "interpreter_booked",
            )
        )
    return items + _overdue_follow_ups(contacts, today)


# Where a case stands once its meeting is behind it (or it ended without one).
AFTER_THE_MEETING = frozenset(
    {CaseStatus.HELD, CaseStatus.CONCLUDED, CaseStatus.CLOSED, CaseStatus.DECLINED}
)


def meeting_over(case: Case) -> bool:
    """Nothing is left to prepare: the meeting was held, or the mediation concluded or ended."""
    return case.concluded_on is not None or case.status in AFTER_THE_MEETING


def _overdue_follow_ups(contacts: Sequence[ContactEntry], today: dt.date) -> list[ReadinessItem]:
    items = []
    for contact in contacts:
        due = contact.follow_up_by
        if contact.follow_up.strip() and not contact.follow_up_done and due and due < today:
            items.append(
                ReadinessItem(
                    f"follow_up_{contact.id}",
                    f"Follow-up overdue since {long_date(due)}: {contact.follow_up.strip()}",
                    PREPARATION,
                    "contacts",
                )
            )
    return items
