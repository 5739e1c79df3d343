"""A whole case with everything that belongs to it, as records: what the exchange format
writes and reads, and what the store imports in one transaction."""

from __future__ import annotations

import dataclasses

from .case import Case
from .case_timeline import AgreedAction
from .preparation import Arrangements, Attachment, Attendee, ChildViews, ContactEntry, ProposedDate
from .statement import Addendum, Confirmation, Issue, MeetingRecord, Presence, Seal


@dataclasses.dataclass
class CaseBundle:
    """Everything that makes up one case, as records."""

    case: Case
    attendees: list[Attendee]
    contacts: list[ContactEntry]
    proposed_dates: list[ProposedDate]
    arrangements: Arrangements
    child_views: ChildViews
    attachments: list[tuple[Attachment, bytes]]
    actions: list[AgreedAction]
    issues: list[Issue]
    record: MeetingRecord
    presence: list[Presence]
    confirmations: list[Confirmation]
    seal: Seal | None
    addenda: list[Addendum]
