"""Timeline data in the case file: the new dates, agreed actions, extra bank holidays and the
casebook's next deadline, all kept in step."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from mediator_desk.domain.case import CaseStatus
from mediator_desk.domain.case_timeline import AgreedAction, Status
from mediator_desk.domain.timeline import Clock
from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import fixed_clock, make_case

D = dt.date


def next_due(desk, case_id):
    summary = desk.casefile.cases.summaries([case_id])[0]
    return summary.next_due, summary.next_due_what


def test_dates_round_trip_and_move_the_next_deadline(desk):
    case = desk.create_case(make_case(decision_date=D(2026, 11, 2)))
    assert next_due(desk, case.id) == (D(2027, 1, 2), "Family to contact the mediation adviser")
    desk.update_case(
        case.id,
        {"adviser_contacted": D(2026, 11, 5), "declined_on": D(2026, 11, 9), "health_issues": True},
    )
    stored = desk.case(case.id)
    assert stored.declined_on == D(2026, 11, 9) and stored.health_issues
    assert next_due(desk, case.id) == (D(2026, 11, 12), "Certificate (mediation not pursued) due")
    desk.update_case(case.id, {"certificate_issued": D(2026, 11, 11)})
    assert next_due(desk, case.id) == (None, "")


def test_agreed_actions_crud_and_audit(desk):
    case = desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    first = desk.add_action(
        case.id, AgreedAction("Issue the amended plan", clock=Clock.AMENDED_PLAN_BY)
    )
    second = desk.add_action(case.id, AgreedAction("Share the therapy report"))
    assert [a.description for a in desk.actions(case.id)] == [
        "Issue the amended plan",
        "Share the therapy report",
    ]
    assert next_due(desk, case.id) == (D(2026, 12, 25), "Agreed action: Issue the amended plan")
    desk.update_action(
        second.id, {"due_override": D(2026, 12, 4), "override_reason": "Agreed in writing"}
    )
    assert next_due(desk, case.id)[0] == D(2026, 12, 4)
    desk.update_action(second.id, {"done_on": D(2026, 11, 23)})
    assert next_due(desk, case.id)[0] == D(2026, 12, 25)
    desk.delete_action(first.id)
    assert [a.id for a in desk.actions(case.id)] == [second.id]
    actions = [e.action for e in desk.history(case.id)]
    assert actions.count("agreed action added") == 2 and "agreed action removed" in actions
    with pytest.raises(errors.InvalidChange):
        desk.update_action(second.id, {"case_id": 99})


def test_an_agreed_actions_words_and_clock_can_change_but_a_removed_one_cannot(desk):
    case = desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    action = desk.add_action(case.id, AgreedAction("Share the therapy report"))
    changed = desk.update_action(
        action.id, {"description": "Issue the amended plan", "clock": Clock.AMENDED_PLAN_BY}
    )
    assert (changed.description, changed.clock) == ("Issue the amended plan", Clock.AMENDED_PLAN_BY)
    assert next_due(desk, case.id) == (D(2026, 12, 25), "Agreed action: Issue the amended plan")
    with pytest.raises(errors.InvalidChange) as refused:
        desk.casefile.cases.update_action(action.id, {"case_id": 99, "position": 3})
    assert refused.value.message == "These fields cannot be changed: case_id, position."
    desk.delete_action(action.id)
    for attempt in (
        lambda: desk.update_action(action.id, {"owner": "Fernleigh County Council"}),
        lambda: desk.delete_action(action.id),
    ):
        with pytest.raises(errors.NotFound) as gone:
            attempt()
        assert gone.value.message == "That agreed action no longer exists."


def test_adding_a_copy_of_an_agreed_action_gives_it_an_id_and_place_of_its_own(desk):
    case = desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    other = desk.create_case(make_case(child_name="Tomos Penhallow"))
    desk.add_action(case.id, AgreedAction("Issue the amended plan"))
    second = desk.add_action(case.id, AgreedAction("Share the therapy report"))
    copy = desk.add_action(other.id, second.with_changes(description="Share the speech report"))
    assert (second.position, copy.position) == (1, 0)
    assert copy.id != second.id and copy.case_id == other.id
    assert [a.description for a in desk.actions(case.id)] == [
        "Issue the amended plan",
        "Share the therapy report",
    ]
    assert [a.description for a in desk.actions(other.id)] == ["Share the speech report"]


def test_a_closed_case_is_not_listed_as_due_whatever_its_dates(desk):
    """The dashboard lists open cases only: a closed case keeps the date of an agreed action
    not marked done, but nothing is due from it."""
    open_case = desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    closed = desk.create_case(
        make_case(child_name="Tomos Penhallow", agreement_date=D(2026, 11, 20))
    )
    for case in (open_case, closed):
        desk.add_action(
            case.id, AgreedAction("Issue the amended plan", clock=Clock.AMENDED_PLAN_BY)
        )
    desk.update_case(closed.id, {"status": CaseStatus.CLOSED})
    assert next_due(desk, closed.id) == (D(2026, 12, 25), "Agreed action: Issue the amended plan")
    assert desk.casefile.cases.open_case_ids_due_by(D(2026, 12, 31)) == [open_case.id]


def test_finding_the_open_cases_due_does_not_read_the_closed_ones(desk):
    """A provider's whole history is mostly closed cases, each keeping the date of its last
    deadline. Found through the index of due dates, the open cases due meant reading every
    closed case due before the day too: 17 ms at 50,000 cases, run each turn while the window
    counts the dashboard ahead (stalls of 50 to 80 ms as the file opened). The work SQLite does
    (its virtual machine's steps) must not grow with the closed cases."""
    open_case = desk.create_case(make_case(agreement_date=D(2026, 11, 20)))
    closed = desk.create_case(make_case(child_name="Tomos Penhallow", decision_date=D(2020, 1, 6)))
    desk.update_case(closed.id, {"status": CaseStatus.CLOSED})
    action = AgreedAction("Issue the amended plan", clock=Clock.AMENDED_PLAN_BY)
    desk.add_action(open_case.id, action)
    conn = desk.casefile.db.conn
    row = desk.casefile.db["cases"].get(closed.id)

    made = iter(range(1, 1000))

    def add_closed(count: int) -> None:
        with desk.casefile.db.atomic():
            for _ in range(count):
                copy = {**row, "next_due": "2020-02-01", "reference": f"MD-2020-{next(made):05d}"}
                del copy["id"]
                desk.casefile.db["cases"].insert(copy)

    def steps() -> int:
        counted = [0]

        def step() -> int:
            counted[0] += 1
            return 0

        conn.set_progress_handler(step, 1)
        try:
            assert desk.casefile.cases.open_case_ids_due_by(D(2026, 12, 31)) == [open_case.id]
        finally:
            conn.set_progress_handler(None, 1)
        return counted[0]

    add_closed(50)
    before = steps()
    add_closed(500)
    assert steps() <= before + 5


def test_actions_go_when_their_case_is_removed(desk):
    case = desk.create_case(make_case())
    desk.add_action(case.id, AgreedAction("Visit"))
    with desk.casefile.db.atomic():
        desk.casefile.db.execute("DELETE FROM cases WHERE id = ?", [case.id])
    assert desk.casefile.db.execute("SELECT count(*) FROM agreed_actions").fetchone()[0] == 0


def test_an_extra_bank_holiday_recounts_every_case(desk):
    # Declined Fri 4 Jun 2027: certificate due Wed 9 Jun; with a holiday on Mon 7 Jun, Thu 10.
    case = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3))
    )
    desk.casefile.cases.update(case.id, {"declined_on": D(2027, 6, 4)})
    assert next_due(desk, case.id)[0] == D(2027, 6, 9)
    desk.set_extra_holiday(D(2027, 6, 7), "One-off bank holiday")
    assert desk.extra_holidays() == [(D(2027, 6, 7), "One-off bank holiday")]
    assert next_due(desk, case.id)[0] == D(2027, 6, 10)
    desk.set_extra_holiday(D(2027, 6, 7), None)
    assert next_due(desk, case.id)[0] == D(2027, 6, 9)
    with pytest.raises(errors.InvalidChange, match="weekend"):
        desk.set_extra_holiday(D(2027, 6, 5), "Saturday")
    with pytest.raises(errors.InvalidChange, match="name"):
        desk.set_extra_holiday(D(2027, 6, 8), "  ")


def test_warning_days_are_kept_in_the_case_file(desk):
    assert desk.warn_days() == 2
    desk.set_warn_days(5)
    assert desk.warn_days() == 5
    with pytest.raises(errors.InvalidChange):
        desk.set_warn_days(31)


def test_dashboard_lists_this_week_and_next_in_date_order(desk):
    desk.load_demo_cases()  # placed around the fixed today, 23 November 2026
    rows = desk.dashboard()
    assert rows, "the demo has deadlines this fortnight"
    dues = [deadline.due for _, deadline in rows]
    assert dues == sorted(dues)
    assert all(due <= D(2026, 12, 6) for due in dues)  # Sunday of next week
    assert all(case.status.is_open for case, _ in rows)
    missed = [(c.child_name, d.clock) for c, d in rows if d.status is Status.MISSED]
    assert ("Maryam Haddad", Clock.LA_NOTIFY_ICB_BY) in missed


def test_a_bank_holiday_recounts_in_a_few_queries_and_writes_only_what_changed(desk):
    """Adding a bank holiday recounted each case with a dozen statements and rewrote its search
    text too (5.2 s at 10,000 cases, on the GUI thread). The recount reads the cases, their
    agreed actions and their follow-ups in one query each, and writes only the cases whose
    next deadline changed; the search index is left alone (the calendar is not in it)."""
    moved = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3))
    )
    desk.casefile.cases.update(moved.id, {"declined_on": D(2027, 6, 4)})
    others = [desk.create_case(make_case(child_name=f"Other {n}")) for n in range(12)]
    desk.add_action(others[0].id, AgreedAction("Visit", clock=Clock.AMENDED_PLAN_BY))
    before = {c.id: next_due(desk, c.id) for c in others}
    seen: list[str] = []
    progress: list[tuple[int, int]] = []
    desk.casefile.db.conn.set_trace_callback(seen.append)
    desk.casefile.cases.set_extra_holiday(
        D(2027, 6, 7), "One-off bank holiday", progress=lambda d, t: progress.append((d, t))
    )
    desk.casefile.db.conn.set_trace_callback(None)
    assert next_due(desk, moved.id)[0] == D(2027, 6, 10)
    assert {c.id: next_due(desk, c.id) for c in others} == before
    statements = [s for s in seen if not s.startswith("--")]
    updates = [s for s in statements if s.startswith("UPDATE cases SET next_due")]
    assert len(updates) == 1  # the one case whose deadline moved
    assert not [s for s in statements if "case_search" in s]
    assert len(statements) < 40  # not a dozen a case (was 170 for these 13)
    assert progress[-1] == (13, 13)


def test_the_desk_adds_a_bank_holiday_through_a_connection_of_its_own(desk):
    """So that the window can recount on a worker thread, reporting progress, while its own
    connection stays on the GUI thread; the window's connection then sees the new dates."""
    case = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3))
    )
    desk.casefile.cases.update(case.id, {"declined_on": D(2027, 6, 4)})
    progress: list[tuple[int, int]] = []
    desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration", lambda d, t: progress.append((d, t)))
    assert progress == [(1, 1)]
    assert next_due(desk, case.id)[0] == D(2027, 6, 10)
    assert desk.history()[0].action == "bank holiday added"
    assert desk.check() == []


def test_a_large_casebook_is_recounted_in_a_process_of_its_own(desk, monkeypatch):
    """A bank holiday's recount is seconds of Python at 50,000 cases (7.6 s). On a worker thread
    in the window's process it held the interpreter's lock in turns with the window, which
    stalled for up to 0.19 s at a time, some 30 times a recount. From APART_FROM cases it runs
    in a process of its own: broken here, in this process, the recount is still made there,
    with the same progress, audit entry and new dates."""
    from mediator_desk.services import desk as desk_module
    from mediator_desk.store.derived import DerivedData

    case = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3))
    )
    desk.casefile.cases.update(case.id, {"declined_on": D(2027, 6, 4)})
    desk.create_case(make_case(child_name="Tomos Penhallow"))
    monkeypatch.setattr(desk_module, "APART_FROM", 2)
    monkeypatch.setattr(
        DerivedData, "recount_deadlines", lambda *_a: pytest.fail("recounted in this process")
    )
    progress: list[tuple[int, int]] = []
    desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration", lambda d, t: progress.append((d, t)))
    assert progress == [(2, 2)]
    assert next_due(desk, case.id)[0] == D(2027, 6, 10)
    assert desk.extra_holidays() == [(D(2027, 6, 7), "Royal celebration")]
    added = desk.history()[0]
    assert (added.action, added.detail, added.at) == (
        "bank holiday added",
        "2027-06-07 Royal celebration",
        fixed_clock(),
    )
    assert desk.check() == []


def test_a_recount_refused_in_its_own_process_says_why_here(desk, monkeypatch):
    """What the other process could not do comes back as the same plain-English refusal, and
    nothing is changed."""
    from mediator_desk.services import desk as desk_module

    desk.create_case(make_case())
    monkeypatch.setattr(desk_module, "APART_FROM", 1)
    with pytest.raises(errors.InvalidChange, match="weekend"):
        desk.set_extra_holiday(D(2027, 6, 5), "Saturday")
    blocker = sqlite3.connect(str(desk.path), timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(errors.CaseFileError) as refusal:
            desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration")
    finally:
        blocker.rollback()
        blocker.close()
    assert refusal.value.message.startswith(
        "The case file is busy in another program; try again in a moment ("
    )
    assert desk.extra_holidays() == []


def die_recounting(*_args, **_progress):  # in the recount's own process
    os._exit(9)


def test_a_recount_whose_process_dies_says_so_and_changes_nothing(desk, monkeypatch):
    from mediator_desk.services import apart
    from mediator_desk.services import desk as desk_module

    desk.create_case(make_case())
    monkeypatch.setattr(desk_module, "APART_FROM", 1)
    monkeypatch.setattr(desk_module, "set_extra_holiday_in", die_recounting)
    with pytest.raises(errors.StorageProblem) as refusal:
        desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration")
    assert refusal.value.message == desk_module.RECOUNT_STOPPED
    assert desk.extra_holidays() == []
    assert apart.APART_FROM == 5_000


def test_a_recount_stopped_by_the_mediator_changes_nothing(desk):
    """A recount is one transaction; Stop rolls it back: the bank holiday is not added and no
    deadline moves (seconds at 50,000 cases, so a mediator who chose the wrong day can stop)."""
    case = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3))
    )
    desk.casefile.cases.update(case.id, {"declined_on": D(2027, 6, 4)})
    with pytest.raises(errors.WorkStopped) as stopped:
        desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration", cancelled=lambda: True)
    assert stopped.value.message == (
        "Stopped: Monday 7 June 2027 was not added, and no deadline has changed."
    )
    assert desk.extra_holidays() == []
    assert next_due(desk, case.id)[0] == D(2027, 6, 9)
    assert [e.action for e in desk.history()].count("bank holiday added") == 0
    desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration")
    with pytest.raises(errors.WorkStopped) as stopped:
        desk.set_extra_holiday(D(2027, 6, 7), None, cancelled=lambda: True)
    assert stopped.value.message == (
        "Stopped: Monday 7 June 2027 was not removed, and no deadline has changed."
    )
    assert desk.extra_holidays() == [(D(2027, 6, 7), "Royal celebration")]


def test_a_recount_in_its_own_process_stops_when_the_mediator_stops_it(desk, monkeypatch):
    """In its own process the recount is ended where it stands; its transaction is rolled
    back with it."""
    from mediator_desk.services import desk as desk_module

    case = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3))
    )
    desk.casefile.cases.update(case.id, {"declined_on": D(2027, 6, 4)})
    monkeypatch.setattr(desk_module, "APART_FROM", 1)
    with pytest.raises(errors.WorkStopped):
        desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration", cancelled=lambda: True)
    assert desk.extra_holidays() == []
    assert next_due(desk, case.id)[0] == D(2027, 6, 9)
    desk.update_case(case.id, {"notes": "Saved after the stop."})  # the file is free again
    assert desk.check() == []


def traced(desk, work):
    """The statements `work` has SQLite run for it: not those SQLite runs inside them, nor
    the savepoints sqlite-utils puts round a query."""
    seen: list[str] = []
    desk.casefile.db.conn.set_trace_callback(seen.append)
    try:
        result = work()
    finally:
        desk.casefile.db.conn.set_trace_callback(None)
    return result, [s for s in seen if not s.startswith(("--", "SAVEPOINT", "RELEASE"))]


def dashboard_as_text(rows):
    return [(c.reference, d.clock, d.title, d.due, d.status) for c, d in rows]


def test_the_dashboard_reads_in_a_few_queries_then_recounts_only_what_changed(desk, tmp_path):
    """Showing the dashboard after an edit counted every open case again with five queries
    each (190 to 270 ms at 10,000 cases). It reads them in one query each for cases, agreed
    actions and follow-ups, keeps what it counted, and after an edit recounts only the case
    edited; a new bank holiday or warning period recounts all."""
    desk.load_demo_cases()
    for n in range(10):
        desk.create_case(make_case(child_name=f"Extra {n}", decision_date=D(2026, 11, 16)))
    first, statements = traced(desk, desk.dashboard)
    assert len(first) >= 8
    assert len(statements) <= 6  # was 5 a case
    again, statements = traced(desk, desk.dashboard)
    assert dashboard_as_text(again) == dashboard_as_text(first)
    assert len(statements) == 3  # nothing changed: which cases are due, and the settings
    edited = first[0][0]
    desk.update_case(edited.id, {"meeting_date": D(2026, 12, 3)})
    after, statements = traced(desk, desk.dashboard)
    assert len(statements) == 6  # and the one case, its actions and follow-ups
    fresh = open_desk(desk.path, read_only=True, today=desk.today)
    try:
        assert dashboard_as_text(after) == dashboard_as_text(fresh.dashboard())
        desk.set_extra_holiday(D(2026, 11, 26), "One-off bank holiday")
        desk.set_warn_days(5)
        assert dashboard_as_text(desk.dashboard()) == dashboard_as_text(fresh.dashboard())
    finally:
        fresh.close()


def test_the_dashboard_can_be_counted_ahead_a_few_cases_at_a_time(desk):
    """Shown first at 50,000 cases, the dashboard counted every open case due in one go on the
    GUI thread (0.16 s). The window counts it ahead while idle, a few cases a turn; showing it
    then only reads what was counted."""
    desk.load_demo_cases()
    for n in range(10):
        desk.create_case(make_case(child_name=f"Extra {n}", decision_date=D(2026, 11, 16)))
    due = len(desk.casefile.cases.open_case_ids_due_by(D(2026, 12, 6)))
    steps = 0
    while desk.count_dashboard_ahead(limit=4):
        steps += 1
        assert steps < 50
    assert steps == (due - 1) // 4  # four cases a step; the last step says nothing remains
    assert not desk.count_dashboard_ahead(limit=4)  # all counted
    shown, statements = traced(desk, desk.dashboard)
    assert len(statements) == 3  # only which cases are due, and the settings: nothing counted
    fresh = open_desk(desk.path, read_only=True, today=desk.today)
    try:
        assert dashboard_as_text(shown) == dashboard_as_text(fresh.dashboard())
    finally:
        fresh.close()


def test_a_change_made_while_the_desk_recounts_elsewhere_is_refused_at_once_and_said_why(desk):
    """While a recount (or an erasure) writes through its own connection on a worker thread,
    a save through the window's connection waited five seconds for the file and then called
    it "busy in another program". It is refused at once now, saying what is under way; the
    window's autosave keeps what was typed and saves it when it is tried again."""
    case = desk.create_case(make_case(decision_date=D(2026, 11, 2)))
    refused: list[errors.CaseFileError] = []
    busy_waits: list[int] = []
    desk.casefile.db.conn.set_busy_handler(lambda tries: busy_waits.append(tries) or False)

    def meanwhile(_done: int, _total: int) -> None:
        with pytest.raises(errors.CaseFileError) as refusal:
            desk.update_case(case.id, {"notes": "Rang the school."})
        refused.append(refusal.value)

    desk.set_extra_holiday(D(2027, 6, 7), "Royal celebration", meanwhile)
    assert [e.message for e in refused] == [
        "Mediator Desk is recounting every case's deadlines; changes can be saved once it has "
        "finished."
    ]
    assert busy_waits == []  # refused before the file was asked for
    desk.update_case(case.id, {"notes": "Rang the school."})  # and saved once it finished
    assert desk.case(case.id).notes == "Rang the school."


def test_a_recount_keeps_a_next_deadline_set_by_an_agreed_action_or_a_follow_up(desk):
    """The recount reads each case's agreed actions and follow-ups as the store does when a
    case is saved: a holiday far from them leaves a deadline they set where it was."""
    from mediator_desk.domain.preparation import (
        Attendee,
        ContactEntry,
        ContactKind,
        ContactMethod,
        Role,
    )

    acting = desk.create_case(
        make_case(decision_date=D(2026, 11, 2), adviser_contacted=D(2026, 11, 3),
                  meeting_date=D(2026, 11, 20), agreement_date=D(2026, 11, 20),
                  notice_sent=D(2026, 11, 10), statement_circulated=D(2026, 11, 23))
    )  # fmt: skip
    desk.add_action(
        acting.id, AgreedAction("Send the therapy plan", "Fernleigh County Council",
                                Clock.NON_APPEALABLE_ACTION_BY),
    )  # fmt: skip
    calling = desk.create_case(make_case(decision_date=D(2026, 11, 2), child_name="Tomos Eldridge"))
    parent = desk.attendees.add(calling.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    call = desk.contacts.add(
        calling.id,
        ContactEntry(dt.datetime(2026, 11, 2, 10, 0), ContactMethod.PHONE,
                     ContactKind.INITIAL_CALL, parent.id, summary="Explained the process."),
    )  # fmt: skip
    desk.contacts.update(call.id, {"follow_up": "Send the leaflet", "follow_up_by": D(2026, 11, 6)})
    before = {c: next_due(desk, c) for c in (acting.id, calling.id)}
    assert "Send the therapy plan" in before[acting.id][1]
    assert "Send the leaflet" in before[calling.id][1]
    desk.set_extra_holiday(D(2027, 6, 7), "One-off bank holiday")
    assert {c: next_due(desk, c) for c in (acting.id, calling.id)} == before


def test_a_recount_reports_its_progress_every_few_cases_and_at_the_end(desk, monkeypatch):
    from mediator_desk.store import derived

    monkeypatch.setattr(derived, "PROGRESS_EVERY", 2)
    for number in range(5):
        desk.create_case(make_case(child_name=f"Child {number}", decision_date=D(2026, 11, 2)))
    heard: list[tuple[int, int]] = []
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(len(heard))
        return False

    desk.set_extra_holiday(
        D(2027, 6, 7), "One-off", progress=lambda done, total: heard.append((done, total)),
        cancelled=cancelled,
    )  # fmt: skip
    assert heard == [(2, 5), (4, 5), (5, 5)]
    assert asked == [0, 1, 2]  # asked before each report
