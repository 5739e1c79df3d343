"""An email draft (.eml) with the documents attached, and a calendar invitation (.ics) for the
meeting: opened by the mediator's own mail client or calendar. Nothing is sent from here."""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from pathlib import Path

from .text import clean


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


def _ics_text(value: str) -> str:
    text = clean(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > 74:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def calendar_invite(
    uid: str,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    location: str,
    description: str,
    stamp: dt.datetime,
) -> bytes:
    """One meeting as an iCalendar event in UK time."""

    def local(moment: dt.datetime) -> str:
        return moment.strftime("%Y%m%dT%H%M%S")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mediator Desk//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;TZID=Europe/London:{local(start)}",
        f"DTEND;TZID=Europe/London:{local(end)}",
        f"SUMMARY:{_ics_text(summary)}",
        f"LOCATION:{_ics_text(location)}",
        f"DESCRIPTION:{_ics_text(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
