"""Cases in the store: references, edits, search, the audit log and all-or-nothing writes."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case import CaseKind, CaseStatus
from mediator_desk.domain.parents import ParentCarer
from mediator_desk.services import CaseNotValid
from mediator_desk.store import errors
from mediator_desk.store.repository import CasebookOrder, fts_query
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import make_case


def test_references_run_on_within_a_year_and_restart_in_the_next(desk):
    first = desk.create_case(make_case())
    second = desk.create_case(make_case(child_name="Tomasz Kowalczyk"))
    assert (first.reference, second.reference) == ("MD-2026-0001", "MD-2026-0002")
    repo = desk.casefile.cases
    repo.clock = lambda: dt.datetime(2027, 1, 4, 9, 0)
    assert desk.create_case(make_case()).reference == "MD-2027-0001"


def test_every_field_round_trips(desk):
    case = make_case(
        kind=CaseKind.DISAGREEMENT_RESOLUTION,
        status=CaseStatus.ARRANGED,
        child_name="Nia Rhys-Ap Iorwerth",
        child_known_as="Nia",
        young_person_stated=True,
        section_i_only=False,
        meeting_date=dt.date(2026, 12, 3),
        parents=(ParentCarer("Siôn Rhys", "Father"), ParentCarer("Jo Bloggs", "Foster carer")),
        notes="Line one\nLine two — with “quotes” and emoji 🙂",
    )
    stored = desk.create_case(case)
    again = desk.case(stored.id)
    for name in (
        "kind",
        "status",
        "child_name",
        "child_known_as",
        "child_dob",
        "young_person_stated",
        "parents",
        "local_authority",
        "decision_kind",
        "decision_date",
        "section_i_only",
        "meeting_date",
        "notes",
    ):
        assert getattr(again, name) == getattr(case, name), name
    assert again.created_at == dt.datetime(2026, 11, 23, 9, 30)


def test_an_invalid_new_case_is_refused_with_reasons(desk):
    with pytest.raises(CaseNotValid) as caught:
        desk.create_case(make_case(child_name="", local_authority=""))
    fields = {p.field for p in caught.value.checks.errors}
    assert fields == {"child_name", "local_authority"}
    assert desk.count() == 0


def test_unknown_fields_cannot_be_changed(desk):
    case = desk.create_case(make_case())
    with pytest.raises(errors.InvalidChange, match="reference"):
        desk.update_case(case.id, {"reference": "MD-1999-0001"})
    with pytest.raises(errors.InvalidChange) as caught:
        desk.casefile.cases.update(case.id, {"reference": "MD-1999-0001", "id": 7, "notes": ""})
    assert caught.value.message == "These fields cannot be changed: id, reference."


def test_a_missing_case_is_named_in_plain_words(desk):
    repo = desk.casefile.cases
    with pytest.raises(errors.NotFound) as by_id:
        repo.get(99)
    assert by_id.value.message == "There is no case with id 99 in this case file."
    with pytest.raises(errors.NotFound) as by_reference:
        repo.get_by_reference(" md-2026-0099 ")
    assert by_reference.value.message == "There is no case MD-2026-0099 in this case file."


def test_closing_a_case_starts_its_retention_period_and_reopening_ends_it(desk):
    """The retention period runs from the day a case closes: erasure reads `closed_on`."""
    case = desk.create_case(make_case(status=CaseStatus.HELD, meeting_date=dt.date(2026, 11, 20)))
    repo = desk.casefile.cases
    repo.clock = lambda: dt.datetime(2026, 12, 4, 16, 5, 9)
    closed = desk.update_case(case.id, {"status": CaseStatus.CLOSED})
    assert (closed.closed_on, closed.updated_at) == (
        dt.date(2026, 12, 4),
        dt.datetime(2026, 12, 4, 16, 5, 9),
    )
    repo.clock = lambda: dt.datetime(2026, 12, 7, 10, 0, 0)
    assert desk.update_case(case.id, {"notes": "Sent the letters."}).closed_on == dt.date(
        2026, 12, 4
    )
    reopened = desk.update_case(case.id, {"status": CaseStatus.HELD})
    assert (reopened.closed_on, reopened.updated_at) == (None, dt.datetime(2026, 12, 7, 10, 0, 0))
    assert desk.case(case.id).closed_on is None


def test_a_casebook_row_says_what_its_case_holds(desk):
    first = desk.create_case(make_case())
    second = desk.create_case(
        make_case(
            kind=CaseKind.DISAGREEMENT_RESOLUTION,
            status=CaseStatus.ARRANGED,
            child_name="Tomos Penhallow",
            child_known_as="Tom",
            local_authority="Kernow Vale Council",
            meeting_date=dt.date(2026, 12, 3),
        )
    )
    rows = desk.case_summaries([first.id, second.id])
    assert [row.id for row in rows] == [second.id, first.id]  # the newest reference first
    for row in rows:
        case = desk.case(row.id)
        shown = (row.reference, row.child_name, row.child_known_as, row.kind, row.status)
        assert shown == (case.reference, case.child_name, case.child_known_as, case.kind,
                         case.status)  # fmt: skip
        assert (row.local_authority, row.meeting_date, row.updated_at) == (
            case.local_authority,
            case.meeting_date,
            case.updated_at,
        )
    # Tomos's meeting is on Thursday 3 December: the statement goes out 3 working days later.
    # Lowenna's family has two months from the decision of 2 November to contact the adviser.
    assert [(row.next_due, row.next_due_what) for row in rows] == [
        (dt.date(2026, 12, 8), "Outcome statement circulated"),
        (dt.date(2027, 1, 2), "Family to contact the mediation adviser"),
    ]


class TestSearch:
    @pytest.fixture
    def cases(self, desk):
        return {
            "anna": desk.create_case(
                make_case(child_name="Anna Brown", parents=(ParentCarer("Jo Brown"),))
            ),
            "sian": desk.create_case(make_case(child_name="Siân Llewelyn")),
            "zofia": desk.create_case(
                make_case(child_name="Zofia Wiśniewska", notes="Needs a Polish interpreter")
            ),
            "ayaan": desk.create_case(
                make_case(child_name="Ayaan Qureshi", local_authority="Brackenshire Council")
            ),
        }

    def found(self, desk, text):
        return {s.child_name for s in desk.list_cases(text)}

    def test_words_match_as_prefixes(self, desk, cases):
        assert self.found(desk, "ann bro") == {"Anna Brown"}

    def test_accents_do_not_matter(self, desk, cases):
        assert self.found(desk, "sian") == {"Siân Llewelyn"}
        assert self.found(desk, "wisniewska") == {"Zofia Wiśniewska"}

    def test_parties_notes_and_reference_are_searched(self, desk, cases):
        assert self.found(desk, "jo brown") == {"Anna Brown"}
        assert self.found(desk, "interpreter") == {"Zofia Wiśniewska"}
        assert self.found(desk, "brackenshire") == {"Ayaan Qureshi"}
        assert self.found(desk, cases["sian"].reference) == {"Siân Llewelyn"}

    def test_edits_are_searchable_at_once(self, desk, cases):
        desk.update_case(cases["anna"].id, {"notes": "Prefers Makaton signs"})
        assert self.found(desk, "makaton") == {"Anna Brown"}

    def test_empty_search_lists_everything(self, desk, cases):
        assert len(desk.list_cases("   ")) == 4

    @pytest.mark.parametrize(
        "text",
        [
            '"',
            "AND",
            "OR NOT",
            "*",
            "NEAR(a b)",
            "col:anna",
            "'; DROP TABLE cases; --",
            "((((",
            "^anna",
            "a" * 5000,
            "\x00\x01",
        ],
    )
    def test_typed_syntax_is_plain_text(self, desk, cases, text):
        desk.list_cases(text)  # must not raise
        assert desk.count() == 4

    def test_query_quotes_every_word(self):
        assert fts_query('say "hi" NEAR') == '"say"* "hi"* "NEAR"*'
        assert fts_query("  ,,  ") is None


class TestAudit:
    def test_creation_status_and_edits_are_recorded(self, desk):
        case = desk.create_case(make_case())
        desk.update_case(case.id, {"status": CaseStatus.ADVICE_GIVEN})
        desk.update_case(case.id, {"notes": "first"})
        desk.update_case(case.id, {"notes": "second"})  # same fields soon after: one entry
        actions = [(e.action, e.detail) for e in desk.history(case.id)]
        assert actions == [
            ("edited", "notes"),
            ("status changed", "Enquiry → Information and advice given"),
            ("created", "Mediation"),
        ]

    def test_typing_in_the_same_fields_is_one_entry_for_up_to_fifteen_minutes(self, desk):
        """A run of autosaves in the same fields is one 'edited' entry. Other fields, another
        kind of entry in between (even with the same words), or 15 minutes since the entry
        start a new one."""
        repo = desk.casefile.cases
        case = desk.create_case(make_case())

        def at(minutes, seconds=0):
            return dt.datetime(2026, 11, 23, 10, 0) + dt.timedelta(minutes=minutes, seconds=seconds)

        for when, changes in [
            (at(1), {"notes": "a"}),
            (at(15, 59), {"notes": "ab"}),  # 14 min 59 s after the entry: the same entry
            (at(16), {"notes": "abc"}),  # 15 minutes after it: a new one
            (at(16, 30), {"child_known_as": "Wenna"}),
        ]:
            repo.clock = lambda when=when: when
            desk.update_case(case.id, changes)
        repo.clock = lambda: at(17)
        repo.record(case.id, "checked", "notes")
        repo.clock = lambda: at(17, 30)
        desk.update_case(case.id, {"notes": "abcd"})
        entries = [(e.at, e.action, e.detail) for e in desk.history(case.id)]
        assert entries[:-1] == [
            (at(17, 30), "edited", "notes"),
            (at(17), "checked", "notes"),
            (at(16, 30), "edited", "child_known_as"),
            (at(16), "edited", "notes"),
            (at(1), "edited", "notes"),
        ]
        assert entries[-1][1] == "created"

    def test_an_edit_by_someone_else_is_an_entry_of_their_own(self, desk):
        """Two people may work on one case file in turn (it is open in one copy at a time):
        the same fields edited by the second soon after the first is their own entry, so the
        trail never puts one person's edit under another's name."""
        repo = desk.casefile.cases
        case = desk.create_case(make_case())
        repo.actor = "Morwenna Trelease"
        desk.update_case(case.id, {"notes": "Call booked."})
        repo.actor = "Jago Penhallow"
        desk.update_case(case.id, {"notes": "Call booked for Friday."})  # the same minute
        entries = [(e.actor, e.action, e.detail) for e in desk.history(case.id)][:2]
        assert entries == [
            ("Jago Penhallow", "edited", "notes"),
            ("Morwenna Trelease", "edited", "notes"),
        ]

    def test_the_log_is_append_only_even_with_raw_sql(self, desk):
        desk.create_case(make_case())
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.casefile.db.execute("UPDATE audit SET action = 'nothing'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.casefile.db.execute("DELETE FROM audit")
        desk.casefile.db.conn.rollback()
        assert len(desk.history()) == 1


def test_the_next_date_order_counts_from_the_day_it_is_given(desk):
    """A meeting still to come sorts by its date; once the day given is past it, it no longer
    counts (the case file's clock says 23 November throughout)."""
    elowen = desk.create_case(
        make_case(child_name="Elowen Nancarrow", status=CaseStatus.CLOSED,
                  meeting_date=dt.date(2026, 12, 1))
    )  # fmt: skip
    jory = desk.create_case(make_case(child_name="Jory Penrose", status=CaseStatus.CLOSED))
    repo = desk.casefile.cases
    by_date = repo.case_ids("", CasebookOrder.NEXT, descending=False, today=dt.date(2026, 11, 30))
    assert by_date == [elowen.id, jory.id]
    # After 1 December neither has a date to come: the newest reference first.
    later = repo.case_ids("", CasebookOrder.NEXT, descending=False, today=dt.date(2026, 12, 2))
    assert later == [jory.id, elowen.id]


def test_a_change_that_fails_half_way_leaves_nothing_behind(desk, monkeypatch):
    """Loading the demo is one transaction: a failure on the fourth case keeps none of them."""
    repo = desk.casefile.cases
    real_create = repo.create
    calls = {"n": 0}

    def failing_create(case):
        calls["n"] += 1
        if calls["n"] == 4:
            raise sqlite3.OperationalError("database or disk is full")
        return real_create(case)

    monkeypatch.setattr(repo, "create", failing_create)
    with pytest.raises(errors.StorageProblem, match="disk is full"):
        desk.load_demo_cases()
    assert calls["n"] == 4
    assert desk.count() == 0
    assert desk.history() == []
    assert desk.list_cases("Oliver") == []


def test_an_edit_that_fails_half_way_changes_nothing(desk, monkeypatch):
    case = desk.create_case(make_case())
    repo = desk.casefile.cases

    def broken_reindex(case_id):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(repo, "_reindex", broken_reindex)
    with pytest.raises(errors.StorageProblem, match="could not read or write"):
        desk.update_case(case.id, {"notes": "never saved", "status": CaseStatus.REQUESTED})
    again = desk.case(case.id)
    assert again.notes == case.notes and again.status is CaseStatus.ENQUIRY
    assert [e.action for e in desk.history(case.id)] == ["created"]


def test_read_only_desk_refuses_changes(casefile_path):
    from mediator_desk.services import open_desk

    open_desk(casefile_path).close()
    viewer = open_desk(casefile_path, read_only=True)
    try:
        with pytest.raises(errors.WriteRefused, match="read-only"):
            viewer.create_case(make_case())
    finally:
        viewer.close()


def test_demo_cases_are_valid_and_varied(desk):
    added = desk.load_demo_cases()
    assert len(added) >= 6
    assert {c.kind for c in added} == set(CaseKind)
    assert len({c.status for c in added}) >= 5
    for case in added:
        assert desk.checks(case).ok, (case.child_name, desk.checks(case).errors)
        for day in (case.decision_date, case.meeting_date):
            assert day is None or day.weekday() < 5
    assert desk.check() == []


def test_the_sealed_section_i_demo_statement_gives_only_the_two_month_limb(desk):
    """HESC Rules 2008 r20(1)(c): the certificate limb (ii) is for a parent who needed a
    certificate; an appeal only about Section I needs none (CFA 2014 s55), so its sealed
    statement gives 2 months after the decision notice (r20(1)(c)(i)) and never promises a
    certificate. The demo once sealed the general wording here."""
    desk.load_demo_cases()
    case = next(desk.case(s.id) for s in desk.list_cases() if desk.case(s.id).section_i_only)
    document = desk.documents.build(case, "outcome-statement")
    assert not document.draft
    blocks = list(document.blocks)
    heading = [getattr(b, "text", "") for b in blocks].index("Appeal information")
    wording = blocks[heading + 1].text
    assert wording.startswith("An appeal only about Section I of the plan (the school or other")
    assert "needs no mediation certificate (Children and Families Act 2014 s55)" in wording
    assert "r20(1)(c)(i)" in wording
    assert "r20(1)(c)(ii)" not in wording
    assert "1 month after the mediation certificate" not in wording
    assert desk.check() == []


class TestCasebookOrder:
    """The casebook asks the case file for ids in order, so ten thousand cases never have to be
    read into memory to be sorted."""

    @pytest.fixture
    def cases(self, desk):
        made = {}
        for name, kind, status, due_meeting in (
            ("anna", CaseKind.MEDIATION, CaseStatus.HELD, None),
            ("Bryn", CaseKind.DISAGREEMENT_RESOLUTION, CaseStatus.ENQUIRY, None),
            ("cai", CaseKind.MEDIATION, CaseStatus.ARRANGED, dt.date(2026, 11, 30)),
            ("Dara", CaseKind.MEDIATION, CaseStatus.CLOSED, dt.date(2026, 12, 7)),
            ("efa", CaseKind.MEDIATION, CaseStatus.REQUESTED, dt.date(2026, 10, 1)),
        ):
            made[name] = desk.create_case(
                make_case(
                    child_name=f"{name} Penhallow",
                    kind=kind,
                    status=status,
                    meeting_date=due_meeting,
                    decision_date=None,
                )
            )
        return made

    def names(self, desk, order, descending=False, search=""):
        by_id = {s.id: s.child_name.split()[0] for s in desk.list_cases()}
        return [by_id[i] for i in desk.casebook_ids(search, order, descending)]

    def test_by_reference_newest_first(self, desk, cases):
        assert self.names(desk, CasebookOrder.REFERENCE, True) == [
            "efa", "Dara", "cai", "Bryn", "anna"
        ]  # fmt: skip

    def test_by_child_ignores_case(self, desk, cases):
        assert self.names(desk, CasebookOrder.CHILD) == ["anna", "Bryn", "cai", "Dara", "efa"]

    def test_by_status_follows_the_pipeline_not_the_alphabet(self, desk, cases):
        # Enquiry, requested, arranged, held, closed: DOMAIN.md section 4's order.
        assert self.names(desk, CasebookOrder.STATUS) == ["Bryn", "efa", "cai", "anna", "Dara"]

    def test_by_kind_keeps_the_newest_first_within_a_kind(self, desk, cases):
        assert self.names(desk, CasebookOrder.KIND) == ["Bryn", "efa", "Dara", "cai", "anna"]

    def test_by_next_date_counts_only_meetings_to_come_in_open_cases(self, desk, cases):
        # efa's overdue deadline (23 September) comes first; cai's deadline (20 November) is
        # before the meeting (30 November); Dara's case is closed, so only the meeting still to
        # come (7 December) counts; Bryn and anna have no dates and go last, newest first.
        assert self.names(desk, CasebookOrder.NEXT) == ["efa", "cai", "Dara", "Bryn", "anna"]
        assert self.names(desk, CasebookOrder.NEXT, True)[:3] == ["Bryn", "anna", "Dara"]

    def test_the_order_matches_the_dates_the_casebook_shows(self, desk):
        desk.load_demo_cases()
        ids = desk.casebook_ids("", CasebookOrder.NEXT, False)
        rows = {s.id: s for s in desk.case_summaries(ids)}

        def shown(s):
            options = []
            if s.next_due is not None and s.status.is_open:
                options.append(s.next_due)
            if s.meeting_date and s.meeting_date >= desk.today():
                options.append(s.meeting_date)
            return min(options, default=dt.date.max)

        dates = [shown(rows[i]) for i in ids]
        assert dates == sorted(dates)
        assert dates[0] < dt.date.max and len(ids) == 7

    def test_search_filters_in_the_chosen_order(self, desk, cases):
        desk.update_case(cases["anna"].id, {"notes": "Mentions Trelawny"})
        desk.update_case(cases["efa"].id, {"notes": "Also Trelawny"})
        assert self.names(desk, CasebookOrder.CHILD, True, "trelaw") == ["efa", "anna"]
        assert desk.casebook_ids("nothing matches this", CasebookOrder.CHILD, False) == []

    @pytest.mark.parametrize("text", ['"', "OR NOT", "NEAR(a b)", "'; DROP TABLE cases; --"])
    def test_typed_syntax_is_plain_text(self, desk, cases, text):
        for order in CasebookOrder:
            desk.casebook_ids(text, order, True)  # must not raise
        assert desk.count() == 5
