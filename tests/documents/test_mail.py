"""The calendar invitation and email draft are well-formed and keep user text literal."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import icalendar
import pytest

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


def _invite(start: dt.datetime, **extra: object) -> icalendar.Calendar:
    data = calendar_invite(
        "MD-2026-0002-meeting@mediator-desk",
        start,
        start + dt.timedelta(hours=2),
        "Mediation meeting MD-2026-0002",
        "Trevarrow Community Hall, Fore Street",
        "Brackenfold SEND Mediation Service. Teams",
        dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC),
        **extra,
    )
    return icalendar.Calendar.from_ical(data)


def test_calendar_invite_defines_europe_london_so_each_start_has_one_utc_time():
    """RFC 5545 3.6.5: every TZID a property names has its VTIMEZONE, with the BST and GMT
    rules, so a calendar program places a July meeting at 09:00 UTC and a January one at
    10:00 UTC (both 10:00 in England)."""
    for start, utc in (
        (dt.datetime(2026, 7, 15, 10, 0), dt.datetime(2026, 7, 15, 9, 0, tzinfo=dt.UTC)),
        (dt.datetime(2027, 1, 20, 10, 0), dt.datetime(2027, 1, 20, 10, 0, tzinfo=dt.UTC)),
    ):
        calendar = _invite(start)
        zones = calendar.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/London"]
        names = {str(rule["TZNAME"]) for rule in zones[0].walk() if "TZNAME" in rule}
        assert {"BST", "GMT"} <= names
        assert {rule.name for rule in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
        (event,) = calendar.walk("VEVENT")
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert event.decoded("DTSTART").astimezone(dt.UTC) == utc
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=2)


def test_calendar_invite_keeps_what_it_says():
    """The summary, place, description, the case's stable UID and PUBLISH method survive the
    round trip, with the organiser when the service has an email address (RFC 5546 3.2.1)."""
    calendar = _invite(
        dt.datetime(2026, 12, 2, 10, 0),
        organizer=("Brackenfold SEND Mediation", "mediation@example.org"),
    )
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "MD-2026-0002-meeting@mediator-desk"
    assert str(event["SUMMARY"]) == "Mediation meeting MD-2026-0002"
    assert str(event["LOCATION"]) == "Trevarrow Community Hall, Fore Street"
    assert str(event["DESCRIPTION"]) == "Brackenfold SEND Mediation Service. Teams"
    assert str(event["ORGANIZER"]) == "mailto:mediation@example.org"
    assert event["ORGANIZER"].params["CN"] == "Brackenfold SEND Mediation"
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    without = _invite(dt.datetime(2026, 12, 2, 10, 0))
    assert "ORGANIZER" not in without.walk("VEVENT")[0]


def _case_invite(desk, folder, meeting: dt.date, start: str, end: str = ""):
    """The case's invitation file, parsed back with icalendar: (case, calendar, event)."""
    from tests.conftest import make_case

    desk.documents.set_service({"name": "Porthkennack Mediation", "email": "mediation@example.org"})
    case = desk.create_case(make_case(decision_date=dt.date(2026, 6, 1), meeting_date=meeting))
    desk.arrangements.update(
        case.id, {"start_time": start, "end_time": end, "venue": "Trevose Room, Fernleigh Hall"}
    )
    folder.mkdir()
    path = desk.documents.meeting_invite(desk.case(case.id), folder)
    assert path.name == f"{case.reference} meeting.ics"
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    return case, calendar, event


@pytest.mark.parametrize(
    ("meeting", "utc_start", "utc_end", "zone"),
    [
        (dt.date(2026, 7, 15), dt.datetime(2026, 7, 15, 9, 0), dt.datetime(2026, 7, 15, 11, 30),
         "BST"),
        (dt.date(2026, 12, 3), dt.datetime(2026, 12, 3, 10, 0), dt.datetime(2026, 12, 3, 12, 30),
         "GMT"),
    ],
)  # fmt: skip
def test_the_meeting_invitation_from_a_case_is_london_time_from_the_service(
    desk, tmp_path, meeting, utc_start, utc_end, zone
):
    """RFC 5545 3.6.5 and 3.2.19: DTSTART and DTEND name TZID=Europe/London, which a VTIMEZONE
    in the file defines, so 10:00 in England is 09:00 UTC in summer (BST) and 10:00 in winter
    (GMT); RFC 5546 3.2.1: the service organises it; the UID and SUMMARY name the case."""
    case, calendar, event = _case_invite(desk, tmp_path / "invite", meeting, "10:00", "12:30")
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/London"
    names = {str(part["TZNAME"]) for part in timezone.walk() if "TZNAME" in part}
    assert names == {"GMT", "BST"}
    for name in ("DTSTART", "DTEND"):
        assert event[name].params["TZID"] == "Europe/London"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.date(), start.time(), end.time()) == (meeting, dt.time(10), dt.time(12, 30))
    assert start.tzname() == zone
    assert start.astimezone(dt.UTC) == utc_start.replace(tzinfo=dt.UTC)
    assert end.astimezone(dt.UTC) == utc_end.replace(tzinfo=dt.UTC)
    assert str(event["UID"]) == f"{case.reference}-meeting@mediator-desk"
    assert str(event["SUMMARY"]) == f"Mediation meeting {case.reference}"
    assert str(event["LOCATION"]) == "Trevose Room, Fernleigh Hall"
    assert str(event["DESCRIPTION"]) == "Porthkennack Mediation."
    assert str(event["ORGANIZER"]) == "mailto:mediation@example.org"
    assert event["ORGANIZER"].params["CN"] == "Porthkennack Mediation"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_an_invitation_without_an_end_time_lasts_the_usual_length(desk, tmp_path):
    """Settings ▸ Meetings gives the usual length of a meeting: the invitation blocks the same
    time the meeting letter says it should last (1 hour 30 minutes here), not a fixed 2 hours."""
    desk.set_preference("meeting_minutes", 90)
    _, _, event = _case_invite(desk, tmp_path / "invite", dt.date(2026, 12, 3), "10:00")
    assert event.decoded("DTSTART").time() == dt.time(10)
    assert event.decoded("DTEND").time() == dt.time(11, 30)
