"""The case exchange format: a faithful round trip, and every kind of bad file refused with a
message, leaving the case file exactly as it was."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediator_desk.domain.statement import content_hash
from mediator_desk.services import open_desk
from mediator_desk.services.exchange import (
    MAX_FILE_BYTES,
    VERSION,
    ExchangeError,
    decode,
    parse_text,
)
from mediator_desk.store import errors
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import fixed_clock, fixed_today, picture

PNG = picture()


@pytest.fixture
def exported(desk, tmp_path):
    desk.load_demo_cases()
    held = desk.case_by_reference("MD-2026-0004")
    desk.attach_file(held.id, _png(tmp_path))
    text = desk.export_case("MD-2026-0004")
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    return desk, held, path, json.loads(text)


def _png(tmp_path):
    path = tmp_path / "drawing.png"
    path.write_bytes(PNG)
    return path


@pytest.fixture
def other(tmp_path):
    desk = open_desk(tmp_path / "other.mdesk", today=fixed_today, clock=fixed_clock)
    yield desk
    desk.close()


def test_a_round_trip_keeps_the_whole_case_and_its_seal(exported, other):
    source, held, path, data = exported
    assert data["version"] == VERSION and data["private_notes_included"] is False
    assert "private_notes" not in data["statement"]["record"]
    assert "tired" not in path.read_text(encoding="utf-8")  # the demo's private note
    case, notes = other.import_case(path)
    assert notes == []
    assert case.child_name == "Ayaan Qureshi" and case.reference == "MD-2026-0001"
    assert [a.name for a in other.attendees.list(case.id)] == [
        a.name for a in source.attendees.list(held.id)
    ]
    assert other.child_views.get(case.id).wishes == source.child_views.get(held.id).wishes
    assert other.attachment_data(other.attachments(case.id)[0].id) == PNG
    seal = other.statement.seal_of(case.id)
    assert seal.sha256 == source.statement.seal_of(held.id).sha256
    assert other.statement.seal_verifies(seal)
    assert other.statement.content(case)["issues"] == source.statement.content(held)["issues"]
    assert [a.issue_id is not None for a in other.actions(case.id)] == [True, True]
    assert other.history(case.id)[0].action == "imported"
    assert other.check() == []


def test_private_notes_only_when_asked_for(exported):
    source, *_ = exported
    data = json.loads(source.export_case("MD-2026-0004", include_private_notes=True))
    assert data["private_notes_included"] is True
    assert "tired" in data["statement"]["record"]["private_notes"]


def test_a_duplicate_reference_gets_a_new_one(exported):
    source, _, path, _ = exported
    case, _ = source.import_case(path)
    assert case.reference == "MD-2026-0008"


def _refused(other, tmp_path, data, reason):
    """The import is refused with `reason`, and nothing is added."""
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = other.count()
    with pytest.raises(errors.CaseFileError) as refusal:
        other.import_case(path)
    assert reason in refusal.value.message
    assert "statement.seal" in refusal.value.message
    assert other.count() == before


def _sealed_hash(data):
    return data["statement"]["seal"]["sha256"]


def test_a_seal_whose_text_does_not_match_its_hash_is_refused(exported, other, tmp_path):
    _, _, _, data = exported
    seal = data["statement"]["seal"]
    seal["content"] = seal["content"].replace("Larchfield", "Brackenshire High", 1)
    _refused(other, tmp_path, data, "does not match its SHA-256")


def test_invented_sealed_text_with_its_hash_recomputed_is_refused(exported, other, tmp_path):
    _, _, _, data = exported
    seal = data["statement"]["seal"]
    seal["content"] = seal["content"].replace("Larchfield", "Brackenshire High")
    old, seal["sha256"] = seal["sha256"], content_hash(seal["content"])
    for confirmation in data["statement"]["confirmations"]:
        if confirmation["sha256"] == old:
            confirmation["sha256"] = seal["sha256"]
    _refused(other, tmp_path, data, "issues")


def test_a_confirmation_by_someone_not_in_the_file_is_refused(exported, other, tmp_path):
    _, _, _, data = exported
    forged = dict(data["statement"]["confirmations"][0], attendee_id=9999, party="Nobody Atall")
    data["statement"]["confirmations"].append(forged)
    _refused(other, tmp_path, data, "Nobody Atall")


def test_a_confirmation_by_an_attendee_who_was_not_present_is_refused(exported, other, tmp_path):
    _, _, _, data = exported
    present = {p["attendee_id"] for p in data["statement"]["presence"] if p["present"]}
    absent = next(a for a in data["attendees"] if a["id"] not in present)
    forged = dict(
        data["statement"]["confirmations"][0], attendee_id=absent["id"], party=absent["name"]
    )
    data["statement"]["confirmations"].append(forged)
    _refused(other, tmp_path, data, absent["name"])


def test_a_genuine_round_trip_keeps_a_seal_that_verifies_here(exported, other):
    *_, path, data = exported
    case, notes = other.import_case(path)
    assert notes == []
    assert other.statement.verify(case) == []
    assert other.check() == [] and other.check_notes == []
    recorded = [e.action for e in other.history(case.id)]
    assert "statement sealed" in recorded
    assert recorded.count("statement confirmed") == len(data["statement"]["confirmations"])
    # Through the command line as well: export-case, then import into a third file.
    again = other.export_case(case.reference)
    assert json.loads(again)["statement"]["seal"]["sha256"] == _sealed_hash(data)


def mutate(data, change):
    data = copy.deepcopy(data)
    change(data)
    return json.dumps(data)


HOSTILE_EDITS = {
    "wrong type": (
        lambda d: d["case"].__setitem__("child_name", 42),
        "case.child_name must be text",
    ),
    "31 February": (
        lambda d: d["case"].__setitem__("decision_date", "2026-02-31"),
        "not a real date",
    ),
    "unknown choice": (lambda d: d["case"].__setitem__("kind", "arbitration"), "is not one of"),
    "unknown field": (lambda d: d["case"].__setitem__("secret", "x"), "unknown fields: secret"),
    "missing attendee": (
        lambda d: d["contacts"].append(dict(d["contacts"][0], attendee_id=999)),
        "attendee who is not in the file",
    ),
    "newer version": (lambda d: d.__setitem__("version", 7), "newer version"),
    "not ours": (lambda d: d.__setitem__("format", "something-else"), "not a Mediator Desk"),
    "huge text": (lambda d: d["case"].__setitem__("notes", "x" * 1_000_001), "longer than"),
    "bad base64": (lambda d: d["attachments"][0].__setitem__("data", "***"), "not base64"),
    "program as picture": (
        lambda d: d["attachments"][0].__setitem__("data", "TVqQAAMA"),
        "not a picture or PDF",
    ),
    "no case": (lambda d: d.pop("case"), "has no case"),
    "empty name": (lambda d: d["case"].__setitem__("child_name", "  "), "child_name is empty"),
}


@pytest.mark.parametrize("name", list(HOSTILE_EDITS))
def test_hostile_files_are_refused_and_nothing_is_added(exported, other, tmp_path, name):
    _, _, _, data = exported
    change, words = HOSTILE_EDITS[name]
    path = tmp_path / "bad.json"
    path.write_text(mutate(data, change), encoding="utf-8")
    with pytest.raises(errors.InvalidChange, match=words):
        other.import_case(path)
    assert other.count() == 0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b"[]", "not a Mediator Desk case export"),
        (b'{"format": "mediator-desk-case"}', "no format version"),
    ],
)
def test_broken_files_are_refused(other, tmp_path, content, words):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(errors.InvalidChange, match=words):
        other.import_case(path)
    assert other.count() == 0


def test_a_huge_file_is_refused_before_it_is_read(other, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(errors.InvalidChange, match="at most 200 MB"):
        other.import_case(path)


def test_text_with_control_and_bidi_characters_is_kept_as_text(exported, other, tmp_path):
    _, _, _, data = exported
    tricky = "Ayaan \u202eRTL override\u202c <script> {child_name}"
    path = tmp_path / "tricky.json"
    path.write_text(mutate(data, lambda d: d["case"].__setitem__("notes", tricky)))
    case, _ = other.import_case(path)
    assert other.case(case.id).notes == tricky


def test_an_import_that_fails_half_way_adds_nothing(exported, other, monkeypatch):
    _, _, path, _ = exported
    from mediator_desk.store import importer

    real = importer._row
    calls = {"n": 0}

    def failing(record, case_id, drop=("id", "case_id")):
        calls["n"] += 1
        if type(record).__name__ == "Issue":
            raise sqlite3.OperationalError("database or disk is full")
        return real(record, case_id, drop)

    monkeypatch.setattr(importer, "_row", failing)
    with pytest.raises(errors.StorageProblem):
        other.import_case(path)
    assert other.count() == 0 and calls["n"] > 3
    assert other.history() == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_the_importer_only_ever_raises_its_own_error(value):
    text = json.dumps(
        {
            "format": "mediator-desk-case",
            "version": 1,
            "case": value,
            "attendees": value,
            "statement": value,
        }
    )
    with contextlib.suppress(ExchangeError):  # anything else fails the test
        decode(parse_text(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_as_a_file_is_refused_cleanly(text):
    with pytest.raises(ExchangeError):
        decode(parse_text(text))


def test_the_full_export_satisfies_the_published_schema(exported):
    """Every field of a sealed case with a picture, checked by the schema itself
    (tests/store/test_exchange_schema.py holds the rest)."""
    from tests.store.test_exchange_schema import schema_problems

    *_, data = exported
    assert schema_problems(data) == []
    assert schema_problems(json.loads(exported[0].export_case("MD-2026-0004", True))) == []


def test_a_sealed_case_edited_where_the_file_allows_it_still_imports(desk, other, tmp_path):
    """After sealing, the case file still lets a mediator correct an attendee's name, move the
    recorded meeting date or add a bank holiday; the sealed text keeps what was agreed. A
    genuine export of such a case imports with its seal, held to what sealing froze: the
    issues, outcomes, agreed actions, other matters, next steps and appeal wording."""
    desk.load_demo_cases()
    held = desk.case_by_reference("MD-2026-0004")
    sealed_before = desk.statement.seal_of(held.id).sha256
    present = {p.attendee_id for p in desk.statement.presence(held.id) if p.present}
    someone = next(a for a in desk.attendees.list(held.id) if a.id in present)
    desk.attendees.update(someone.id, {"name": someone.name + "-Pryce"})
    desk.update_case(held.id, {"meeting_date": held.meeting_date + dt.timedelta(days=1)})
    assert desk.check() == []
    path = tmp_path / "edited.json"
    path.write_text(desk.export_case("MD-2026-0004"), encoding="utf-8")
    case, notes = other.import_case(path)
    assert notes == []
    assert other.statement.seal_of(case.id).sha256 == sealed_before
    assert other.statement.verify(case) == [] and other.check() == []


def test_a_sealed_text_whose_agreed_actions_differ_from_the_file_is_refused(
    exported, other, tmp_path
):
    """What sealing froze must agree: an agreed action reworded in the file is refused."""
    *_, data = exported
    changed = json.loads(
        mutate(data, lambda d: d["agreed_actions"][0].update(description="Nothing at all"))
    )
    _refused(other, tmp_path, changed, "agreed actions")


def _as_read(data):
    """The exported case as a reader compares it: each row number replaced by the position of
    the row it names (the person, the issue, the addendum), which a new case file renumbers."""
    places = {
        "attendee_id": [a["id"] for a in data["attendees"]],
        "issue_id": [i["id"] for i in data["statement"]["issues"]],
        "addendum_id": [a["id"] for a in data["statement"].get("addenda", [])],
    }

    def read(value):
        if isinstance(value, dict):
            return {
                key: (places[key].index(item) if key in places and item is not None else read(item))
                for key, item in value.items()
                if key not in {"id", "case_id", "reference", "exported_at"}
            }
        if isinstance(value, list):
            return [read(item) for item in value]
        return value

    read_data = read(data)
    views = read_data["child_views"]
    views["share_with"] = sorted(places["attendee_id"].index(i) for i in views["share_with"])
    return read_data


def _desk_at(tmp_path, now):
    """Another case file, whose clock stands at `now` (not the fixtures' fixed time)."""
    return open_desk(tmp_path / "busy.mdesk", today=now.date, clock=lambda: now)


def test_an_imported_case_exports_exactly_as_it_was_exported(exported, tmp_path):
    """Every part of a case survives the round trip, not only the parts a reader looks at
    first: its arrangements, the child's views and whom they may be shared with, the meeting
    record, who was present, the agreed actions and their issues, the confirmations, addenda and
    seal, and when each picture was added. Exporting the imported case gives back the file it
    came from, row numbers aside. The case file it goes into already holds other cases and
    keeps another clock, so a row filed under the wrong case or stamped with the import's time
    cannot pass by coincidence."""
    _, _, path, data = exported
    busy = _desk_at(tmp_path, dt.datetime(2027, 3, 1, 9, 30))
    busy.load_demo_cases()
    case, _ = busy.import_case(path)
    again = json.loads(busy.export_case(case.reference))
    imported = [(e.action, e.detail) for e in busy.history(case.id)]
    busy.close()
    assert ("imported", "from case.json") in imported  # the trail names the file it came from
    assert case.id != exported[1].id  # filed under another number
    assert _as_read(again) == _as_read(data)


def test_a_picture_without_its_time_added_is_stamped_with_the_import_to_the_second(
    exported, tmp_path
):
    """`added_at` is optional in the published schema: a picture without one is dated when it
    is imported, to the second, as pictures added in the app are."""
    _, _, _, data = exported
    for attachment in data["attachments"]:
        del attachment["added_at"]
    path = tmp_path / "undated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    busy = _desk_at(tmp_path, dt.datetime(2027, 3, 1, 9, 30, 15, 250000))
    case, _ = busy.import_case(path)
    stamped = [a.added_at for a in busy.attachments(case.id)]
    busy.close()
    assert stamped == [dt.datetime(2027, 3, 1, 9, 30, 15)]
