"""An email draft (.eml) with the documents attached, and a calendar invitation (.ics) for the
meeting: opened by the mediator's own mail client or calendar. Nothing is sent from here."""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from .text import clean

LONDON = "Europe/London"  # meetings are in England


def email_draft(
    sender: tuple[str, str],
    recipients: Sequence[tuple[str, str]],
    subject: str,
    body: str,
    attachments: Sequence[Path],
    bcc: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A draft message: the mail client shows it ready to check and send. People in `bcc`
    receive it without their address being shown to the others."""
    message = EmailMessage()
    message["Subject"] = clean(subject).replace("\n", " ")
    if sender[1]:
        message["From"] = formataddr((clean(sender[0]), sender[1]))
    for header, people in (("To", recipients), ("Bcc", bcc)):
        addresses = ", ".join(formataddr((clean(n), e)) for n, e in people if e)
        if addresses:
            message[header] = addresses
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # Outlook and others open it as a draft
    message.set_content(clean(body))
    for path in attachments:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        main, sub = kind.split("/", 1)
        message.add_attachment(path.read_bytes(), maintype=main, subtype=sub, filename=path.name)
    return bytes(message)


def calendar_invite(
    uid: str,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    location: str,
    description: str,
    stamp: dt.datetime,
    organizer: tuple[str, str] | None = None,
    method: str = "PUBLISH",
) -> bytes:
    """One meeting as an iCalendar event at its time in England, built with `icalendar` so the
    text is escaped and folded as RFC 5545 says, with the Europe/London VTIMEZONE that its
    TZID names (RFC 5545 3.6.5): the BST and GMT rules from a year before to a year after."""
    london = ZoneInfo(LONDON)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Mediator Desk//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", start.replace(tzinfo=london))
    event.add("dtend", end.replace(tzinfo=london))
    event.add("summary", clean(summary))
    event.add("location", clean(location))
    event.add("description", clean(description))
    if organizer and organizer[1]:
        name, address = organizer
        event.add(
            "organizer",
            icalendar.vCalAddress(f"mailto:{address}"),
            parameters={"CN": clean(name).replace("\n", " ")} if name.strip() else {},
        )
    calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=dt.date(start.year - 1, 1, 1), last_date=dt.date(end.year + 2, 1, 1)
    )
    ical: bytes = calendar.to_ical()  # icalendar leaves its return type unannotated
    return ical
