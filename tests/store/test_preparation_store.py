"""Preparation data in the case file: attendees, contacts, dates offered, arrangements, the
child's views and attachments; non-ASCII text; search; refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from mediator_desk.domain.preparation import (
    MAX_ATTACHMENT_BYTES,
    Attendee,
    ChildPart,
    ContactEntry,
    ContactKind,
    MeetingFormat,
    ProposedDate,
    Role,
    ViewMethod,
)
from mediator_desk.store import errors
from tests.conftest import make_case, picture

D = dt.date
PNG = picture()
NAMES = [
    "Gwenllïan ap Rhys",  # Welsh
    "Małgorzata Wiśniewska-Żak",  # Polish
    "فاطمة الزهراء",  # Arabic
    "عائشہ قریشی",  # Urdu
]


@pytest.fixture
def case(desk):
    return desk.create_case(make_case())


def test_attendees_keep_every_field_and_any_script(desk, case):
    for name in NAMES:
        desk.attendees.add(case.id, Attendee(name, Role.PARENT_CARER, language="Cymraeg"))
    decider = desk.attendees.add(
        case.id,
        Attendee(
            "Kenan Aydın",
            Role.LA_DECISION_MAKER,
            organisation="Fernleigh County Council",
            job_title="Head of SEN",
            decision_authority=True,
            interpreter_needed=False,
            access_needs="Hearing loop",
            child_part=None,
        ),
    )
    listed = desk.attendees.list(case.id)
    assert [a.name for a in listed] == [*NAMES, "Kenan Aydın"]
    assert [a.position for a in listed] == [0, 1, 2, 3, 4]
    assert listed[-1] == decider and decider.decision_authority
    updated = desk.attendees.update(decider.id, {"job_title": "Assistant Director"})
    assert updated.job_title == "Assistant Director"
    desk.attendees.delete(listed[0].id)
    assert len(desk.attendees.list(case.id)) == 4
    history = [e.action for e in desk.history(case.id)]
    assert history.count("attendee added") == 5 and "attendee removed" in history


def test_search_finds_people_contacts_and_views(desk, case):
    desk.attendees.add(case.id, Attendee("Małgorzata Wiśniewska-Żak", Role.PARENT_CARER))
    desk.attendees.add(
        case.id, Attendee("Kerenza Polglaze", Role.SCHOOL, organisation="Trewen Academy")
    )
    desk.contacts.add(
        case.id,
        ContactEntry(dt.datetime(2026, 11, 5, 10), summary="Discussed the hydrotherapy pool"),
    )
    desk.child_views.update(case.id, {"wishes": "Trampoline sessions, I want to keep them"})
    for person in ["wisniewska", "kerenza", "trewen academy"]:  # each word on its own
        assert [s.id for s in desk.list_cases(person)] == [case.id], person
    assert [s.id for s in desk.list_cases("hydrotherapy")] == [case.id]
    assert [s.id for s in desk.list_cases("trampoline")] == [case.id]


def test_contacts_follow_ups_reach_the_next_date(desk, case):
    parent = desk.attendees.add(case.id, Attendee("Morwenna", Role.PARENT_CARER))
    desk.update_case(case.id, {"adviser_contacted": D(2026, 11, 3)})
    entry = desk.contacts.add(
        case.id,
        ContactEntry(
            dt.datetime(2026, 11, 20, 15, 30),
            kind=ContactKind.PRE_MEETING_CALL,
            attendee_id=parent.id,
            follow_up="Send the agenda",
            follow_up_by=D(2026, 11, 25),
        ),
    )
    assert entry.when == dt.datetime(2026, 11, 20, 15, 30)
    summary = desk.casefile.cases.summaries([case.id])[0]
    assert (summary.next_due, summary.next_due_what) == (
        D(2026, 11, 25),
        "Follow up: Send the agenda",
    )
    follow = next(t for t in desk.timeline(desk.case(case.id)) if t.contact_id == entry.id)
    assert follow.title == "Follow up: Send the agenda" and follow.responsible == "Mediator"
    desk.contacts.update(entry.id, {"follow_up_done": True})
    assert desk.casefile.cases.summaries([case.id])[0].next_due != D(2026, 11, 25)
    # Removing the attendee keeps the contact, unlinked.
    desk.attendees.delete(parent.id)
    assert desk.contacts.list(case.id)[0].attendee_id is None


def test_arrangements_and_views_start_empty_and_are_upserted(desk, case):
    assert desk.arrangements.get(case.id).meeting_format is MeetingFormat.ONLINE
    desk.arrangements.update(case.id, {"start_time": "10:00"})
    desk.arrangements.update(
        case.id, {"meeting_format": MeetingFormat.HYBRID, "venue": "Porthkennack Library"}
    )
    stored = desk.arrangements.get(case.id)
    assert (stored.start_time, stored.meeting_format, stored.venue) == (
        "10:00",
        MeetingFormat.HYBRID,
        "Porthkennack Library",
    )
    parent = desk.attendees.add(case.id, Attendee("Morwenna", Role.PARENT_CARER))
    desk.child_views.update(
        case.id,
        {
            "important": "Mae fy ffrindiau'n bwysig i mi",
            "methods": frozenset({ViewMethod.DRAWING, ViewMethod.BOOKLET}),
            "will_attend": ChildPart.PART,
            "share_with": frozenset({parent.id}),
            "gathered_on": D(2026, 11, 12),
        },
    )
    views = desk.child_views.get(case.id)
    assert views.methods == frozenset({ViewMethod.DRAWING, ViewMethod.BOOKLET})
    assert views.share_with == frozenset({parent.id}) and views.will_attend is ChildPart.PART
    assert views.important == "Mae fy ffrindiau'n bwysig i mi"
    with pytest.raises(errors.InvalidChange):
        desk.child_views.update(case.id, {"secret": "x"})


def test_proposed_dates(desk, case):
    desk.proposed_dates.add(case.id, ProposedDate(D(2026, 12, 3), "14:00", "LA and parent"))
    desk.proposed_dates.add(case.id, ProposedDate(D(2026, 12, 1), "10:00", "LA and parent"))
    assert [p.day for p in desk.proposed_dates.list(case.id)] == [D(2026, 12, 1), D(2026, 12, 3)]


class TestAttachments:
    def before(self, desk, case):
        return (
            desk.case(case.id),
            desk.child_views.get(case.id),
            desk.attendees.list(case.id),
            desk.attachments(case.id),
        )

    def test_a_picture_is_kept_inside_the_case_file(self, desk, case, tmp_path):
        drawing = tmp_path / "my drawing.png"
        drawing.write_bytes(PNG)
        added = desk.attach_file(case.id, drawing, "Lowenna's drawing of her class")
        assert (added.mime, added.size, added.filename) == ("image/png", len(PNG), "my drawing.png")
        drawing.unlink()  # the case file has its own copy
        assert desk.attachment_data(added.id) == PNG
        desk.set_attachment_caption(added.id, "Drawing")
        assert desk.attachments(case.id)[0].caption == "Drawing"
        desk.delete_attachment(added.id)
        assert desk.attachments(case.id) == []

    def test_too_large_is_refused_before_it_is_read(self, desk, case, tmp_path):
        huge = tmp_path / "scan.png"
        with huge.open("wb") as handle:
            handle.write(PNG)
            handle.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: costs no disk
        before = self.before(desk, case)
        with pytest.raises(errors.InvalidChange, match="limited to 10 MB"):
            desk.attach_file(case.id, huge)
        assert self.before(desk, case) == before

    def test_not_a_picture_or_pdf_is_refused(self, desk, case, tmp_path):
        program = tmp_path / "drawing.png"  # the name lies; the bytes do not
        program.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
        before = self.before(desk, case)
        with pytest.raises(errors.InvalidChange, match="not a picture or PDF"):
            desk.attach_file(case.id, program)
        assert self.before(desk, case) == before

    @pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can read anything")
    def test_an_unreadable_file_is_refused(self, desk, case, tmp_path):
        locked = tmp_path / "locked.png"
        locked.write_bytes(PNG)
        locked.chmod(0)
        with pytest.raises(errors.InvalidChange, match="could not be read"):
            desk.attach_file(case.id, locked)

    def test_a_read_error_is_explained(self, desk, case, tmp_path, monkeypatch):
        # As the administrator account here can read anything, the operating system's refusal
        # is simulated at the point the file is read.
        locked = tmp_path / "locked.png"
        locked.write_bytes(PNG)

        def refuse(self):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(type(locked), "read_bytes", refuse)
        before = self.before(desk, case)
        with pytest.raises(errors.InvalidChange, match=r"could not be read \(Permission denied\)"):
            desk.attach_file(case.id, locked)
        assert self.before(desk, case) == before

    def test_a_missing_file_is_refused(self, desk, case, tmp_path):
        before = self.before(desk, case)
        with pytest.raises(errors.InvalidChange, match="could not be read"):
            desk.attach_file(case.id, tmp_path / "gone.png")
        assert self.before(desk, case) == before
        with pytest.raises(errors.InvalidChange, match="could not be read"):
            desk.attach_file(case.id, tmp_path)  # a folder


def test_demo_cases_come_prepared(desk):
    desk.load_demo_cases()
    sian = desk.case_by_reference("MD-2026-0002")
    people = desk.attendees.list(sian.id)
    assert any(p.role is Role.LA_DECISION_MAKER and p.decision_authority for p in people)
    assert desk.child_views.get(sian.id).has_views
    assert len(desk.contacts.list(sian.id)) >= 3
    assert desk.check() == []
