"""What a case's documents draw on, gathered once by the services layer, and the service's
own details for the letterhead."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..domain.case import Case
from ..domain.preparation import Arrangements, Attendee, ChildViews
from ..domain.statement import Addendum, Confirmation, Seal
from ..domain.timeline import Deadline
from .model import Letterhead


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
    appeal: Deadline | None = None  # the appeal deadline with how it was worked out
    contact_adviser_by: dt.date | None = None  # SEND Regulations 2014 reg 33
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

    def content(self) -> dict[str, Any]:
        """The statement as the documents read it: the sealed text, else the draft, else
        nothing."""
        return (json.loads(self.seal.content) if self.seal else self.statement) or {}

    def outcomes(self) -> list[str]:
        """Each issue's outcome as the statement records it ("Agreed", "Partly agreed", ...)."""
        return [str(issue.get("outcome", "")) for issue in self.content().get("issues", [])]


__all__ = ["DocumentFacts", "Service"]
