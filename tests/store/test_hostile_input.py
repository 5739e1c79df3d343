"""Hostile values at every way in (import, the services the GUI and the command line use): each
is refused with a plain message, or (an invisible control character typed or pasted) dropped,
and nothing half-stored is left to break documents, readiness or timelines later."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.services import open_desk
from mediator_desk.store import errors
from tests.conftest import fixed_clock, fixed_today, make_case


@pytest.fixture
def exported(desk, tmp_path):
    desk.load_demo_cases()
    sealed = desk.case_by_reference("MD-2026-0004")
    desk.statement.add_addendum(sealed.id, "The review date was misheard")
    return json.loads(desk.export_case("MD-2026-0004"))


@pytest.fixture
def other(tmp_path):
    desk = open_desk(tmp_path / "other.mdesk", today=fixed_today, clock=fixed_clock)
    yield desk
    desk.close()


def _write(tmp_path, data, change):
    data = copy.deepcopy(data)
    change(data)
    path = tmp_path / "hostile.json"
    # ensure_ascii keeps a lone surrogate as its \ud800 escape, exactly as a hostile file would
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


IMPORT_CASES = {
    "lone surrogate": (
        lambda d: d["case"].__setitem__("child_name", "Ayaan \ud800 Qureshi"),
        "case.child_name contains a broken character",
    ),
    "control character": (
        lambda d: d["attendees"][0].__setitem__("organisation", "Larch\x07field"),
        r"attendees\[0\].organisation contains an invisible control character",
    ),
    "U+FFFF": (
        lambda d: d["child_views"].__setitem__("wishes", "more time\uffff"),
        "child_views.wishes contains an invisible control character",
    ),
    "surrogate in an unknown field's name": (
        lambda d: d["case"].__setitem__("x\udc00", 1),
        "unknown fields",
    ),
    "duplicate presence": (
        lambda d: d["statement"]["presence"].append(dict(d["statement"]["presence"][0])),
        r"statement.presence\[\d+\] repeats an attendee",
    ),
    "repeated addendum": (
        lambda d: d["statement"]["addenda"].append(dict(d["statement"]["addenda"][0])),
        "Every addendum needs its own id",
    ),
    "confirmation of an addendum not in the file": (
        lambda d: d["statement"]["confirmations"][0].__setitem__("addendum_id", 999),
        r"statement.confirmations\[0\] refers to an addendum that is not in the file",
    ),
    "integer beyond 64 bits": (
        lambda d: d["attendees"][0].__setitem__("position", 2**64),
        r"attendees\[0\].position is not a whole number Mediator Desk can store",
    ),
    "negative integer beyond 64 bits": (
        lambda d: d["statement"]["issues"][0].__setitem__("position", -(2**63) - 1),
        r"statement.issues\[0\].position is not a whole number",
    ),
    "year 9999 date of birth": (
        lambda d: d["case"].__setitem__("child_dob", "9999-12-31"),
        "case.child_dob is not a date between 1 January 1900 and 31 December 2199",
    ),
    "year 9999 date and time": (
        lambda d: d["contacts"][0].__setitem__("when", "9999-12-31T23:59:59"),
        r"contacts\[0\].when is not a date between",
    ),
    "year 1 date": (
        lambda d: d["case"].__setitem__("decision_date", "0001-01-01"),
        "case.decision_date is not a date between",
    ),
    "date of birth in the future": (
        lambda d: d["case"].__setitem__("child_dob", "2030-01-01"),
        "case.child_dob: The date of birth is in the future",
    ),
}


@pytest.mark.parametrize("name", list(IMPORT_CASES))
def test_hostile_values_are_refused_on_import_and_nothing_is_added(exported, other, tmp_path, name):
    change, words = IMPORT_CASES[name]
    path = _write(tmp_path, exported, change)
    with pytest.raises(errors.InvalidChange, match=words) as refused:
        other.import_case(path)
    refused.value.message.encode("utf-8")  # the message itself can always be shown
    assert other.count() == 0
    assert other.history() == []


def test_typed_or_pasted_control_characters_are_dropped_not_saved(desk):
    case = desk.create_case(make_case(child_name="Tamsin\x00 Pengelly"))
    assert case.child_name == "Tamsin Pengelly"
    stored = desk.update_case(case.id, {"notes": "Call\x1b back\ufffe on\tMonday\r\nplease"})
    assert stored.notes == "Call back on\tMonday\r\nplease"
    person = desk.attendees.add(
        case.id, Attendee(name="Kerensa\x0c Hocking", role=Role.PARENT_CARER)
    )
    assert person.name == "Kerensa Hocking"
    changed = desk.attendees.update(person.id, {"organisation": "Tre\x08walla"})
    assert changed.organisation == "Trewalla"
    views = desk.child_views.update(case.id, {"wishes": "to\x01 stay"})
    assert views.wishes == "to stay"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"child_name": "Tamsin \udfff"}, "broken character"),
        ({"child_dob": dt.date(9999, 12, 31)}, "not a date between 1 January 1900"),
        ({"meeting_date": dt.date(1800, 1, 1)}, "not a date between 1 January 1900"),
        ({"child_dob": dt.date(2027, 1, 1)}, "date of birth is in the future"),
    ],
)
def test_update_case_refuses_what_cannot_be_stored_and_changes_nothing(desk, changes, words):
    case = desk.create_case(make_case())
    with pytest.raises(errors.InvalidChange, match=words):
        desk.update_case(case.id, changes)
    assert desk.case(case.id) == case


def test_records_refuse_what_cannot_be_stored(desk):
    case = desk.create_case(make_case())
    with pytest.raises(errors.InvalidChange, match="broken character"):
        desk.attendees.add(case.id, Attendee(name="Jowan \ud834", role=Role.PARENT_CARER))
    assert desk.attendees.list(case.id) == []
    person = desk.attendees.add(case.id, Attendee(name="Jowan", role=Role.PARENT_CARER))
    with pytest.raises(errors.InvalidChange, match="whole number"):
        desk.attendees.update(person.id, {"position": 2**70})
    with pytest.raises(errors.InvalidChange, match="not a date between"):
        desk.child_views.update(case.id, {"gathered_on": dt.date(9999, 1, 1)})
    with pytest.raises(errors.InvalidChange, match="broken character"):
        desk.statement.record.update(case.id, {"next_steps": "\ud800"})
    assert desk.attendees.list(case.id) == [person]


def test_a_new_case_with_an_impossible_date_is_refused(desk):
    with pytest.raises(errors.CaseFileError, match="not a date between"):
        desk.create_case(make_case(meeting_date=dt.date(9999, 1, 1)))
    assert desk.count() == 0


def test_settings_text_is_checked_the_same_way(desk):
    desk.documents.set_service({"name": "Porth\x07kennack Mediation"})
    assert desk.documents.service().name == "Porthkennack Mediation"
    with pytest.raises(errors.InvalidChange, match="broken character"):
        desk.documents.set_service({"address": "1 High St\ud800"})
    assert desk.documents.service().address == ""
    assert desk.set_preference("platform", "Zo\x00om").platform == "Zoom"
    with pytest.raises(errors.InvalidChange, match="broken character"):
        desk.set_preference("platform", "\udc00")
    with pytest.raises(errors.InvalidChange, match="broken character"):
        desk.set_extra_holiday(dt.date(2026, 12, 1), "Jubilee \ud800")
    assert desk.extra_holidays() == []
