"""The service report reads the casebook through a connection of its own: on a worker thread,
from an encrypted file, seeing every saved change."""

from __future__ import annotations

import datetime as dt
import threading

from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.preparation import Attendee, ChildPart, Role
from mediator_desk.services import open_desk
from tests.conftest import fixed_today, make_case


def test_report_cases_on_a_worker_thread_from_an_encrypted_file(tmp_path):
    path = tmp_path / "locked.mdesk"
    desk = open_desk(path, passphrase="amber kestrel harbour", today=fixed_today)
    try:
        case = desk.create_case(make_case(child_name="Tamsin Polglase"))
        desk.attendees.add(
            case.id, Attendee("Tamsin Polglase", Role.CHILD, child_part=ChildPart.PART)
        )
        desk.attendees.add(case.id, Attendee("Jory Polglase", Role.PARENT_CARER))
        desk.update_case(
            case.id, {"status": CaseStatus.HELD, "meeting_date": dt.date(2026, 11, 20)}
        )
        found: list[object] = []
        worker = threading.Thread(target=lambda: found.extend(desk.report_cases()))
        worker.start()
        worker.join(30)
        assert len(found) == 1
        facts = found[0]
        assert facts.child_part is ChildPart.PART  # from the child's own attendance
        assert facts.status is CaseStatus.HELD  # the saved change is seen
        assert "Tamsin" not in repr(facts) and "Polglase" not in repr(facts)
    finally:
        desk.close()
