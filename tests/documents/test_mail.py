"""The calendar invitation and email draft are well-formed and keep user text literal."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

from mediator_desk.documents.mail import calendar_invite, email_draft


def test_calendar_invite_is_valid_icalendar():
    data = calendar_invite(
        "MD-2026-0002-meeting@mediator-desk",
        dt.datetime(2026, 12, 2, 10, 0),
        dt.datetime(2026, 12, 2, 12, 0),
        "Mediation meeting MD-2026-0002",
        "https://meet.example.org/a;b,c",
        "Brackenfold SEND Mediation Service. " + "long text " * 20,
        dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
    )
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;TZID=Europe/London:20261202T100000" in text
    assert "LOCATION:https://meet.example.org/a\\;b\\,c" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r\n " in text  # the long description is folded


def test_email_draft_addresses_and_attachments(tmp_path):
    attachment = tmp_path / "MD-2026-0002 meeting-letter.pdf"
    attachment.write_bytes(b"%PDF-1.4 test")
    data = email_draft(
        ("Alex Mercer", "mediation@example.org"),
        [("Gwen Llewelyn", "gwen@example.org"), ("No Email", "")],
        "MD-2026-0002: documents",
        "Dear all,\n<b>not markup</b>",
        [attachment],
    )
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["To"] == "Gwen Llewelyn <gwen@example.org>"
    assert "<b>not markup</b>" in message.get_body().get_content()
    assert [p.get_filename() for p in message.iter_attachments()] == [attachment.name]


def test_email_draft_puts_bcc_recipients_only_in_bcc(tmp_path):
    data = email_draft(
        ("Alex Mercer", "mediation@example.org"),
        [("Gwen Llewelyn", "gwen@example.org")],
        "MD-2026-0002: documents",
        "Dear all,",
        [],
        bcc=[("Idris Penhallow", "idris@example.org"), ("No Email", "")],
    )
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["To"] == "Gwen Llewelyn <gwen@example.org>"
    assert message["Bcc"] == "Idris Penhallow <idris@example.org>"


def test_email_draft_with_no_to_leaves_the_header_out(tmp_path):
    data = email_draft(("Alex Mercer", ""), [], "S", "B", [], bcc=[("Idris", "i@example.org")])
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["To"] is None and message["Bcc"] == "Idris <i@example.org>"
