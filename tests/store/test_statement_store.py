"""The outcome statement: versions, stale confirmations, sealing (also against raw SQL through
the app's own connection) and addenda."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome, content_hash
from mediator_desk.domain.timeline import Clock
from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import TODAY, fixed_clock, fixed_today, make_case

SPOKEN = ConfirmedHow.SPOKEN


@pytest.fixture
def meeting(desk):
    case = desk.create_case(make_case(meeting_date=TODAY, agreement_date=dt.date(2026, 11, 20)))
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    la = desk.attendees.add(
        case.id, Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True)
    )
    desk.attendees.add(case.id, Attendee("Alex Mercer", Role.MEDIATOR))
    statement = desk.statement
    for person in (parent, la):
        statement.set_presence(case.id, person.id, {"present": True, "arrived": "10:00"})
    issue = statement.issues.add(case.id, Issue("Speech and language therapy in Section F"))
    statement.issues.update(
        issue.id, {"discussion": "- Weekly sessions\n- Review in July", "outcome": Outcome.AGREED}
    )
    desk.add_action(
        case.id,
        AgreedAction(
            "Issue the amended plan",
            owner="Fernleigh CC",
            clock=Clock.AMENDED_PLAN_BY,
            issue_id=issue.id,
        ),
    )
    statement.record.update(
        case.id,
        {"private_notes": "Mother anxious about the LA officer", "next_steps": "Plan in 5 weeks"},
    )
    return desk.case(case.id), parent, la, issue


def test_the_statement_content_excludes_private_notes(desk, meeting):
    case, *_ = meeting
    content = desk.statement.content(case)
    assert content["issues"][0]["outcome"] == "Agreed"
    assert content["issues"][0]["actions"] == [
        {"what": "Issue the amended plan", "who": "Fernleigh CC", "by": "Friday 25 December 2026"}
    ]
    assert [p["name"] for p in content["present"]] == ["Morwenna Tregothnan", "Kenan Aydın"]
    assert "anxious" not in repr(content)


def test_an_edit_makes_earlier_confirmations_stale(desk, meeting):
    case, parent, la, issue = meeting
    statement = desk.statement
    first = statement.confirm(case, parent.id, SPOKEN)
    assert first.version == 1 and first.sha256 == statement.current_hash(case)
    statement.issues.update(issue.id, {"discussion": "- Weekly sessions\n- Review in June"})
    statuses = {s.attendee.name: s for s in statement.parties(case)}
    assert statuses["Morwenna Tregothnan"].stale
    assert "confirm again" in statuses["Morwenna Tregothnan"].describe()
    assert statuses["Kenan Aydın"].confirmation is None
    assert "confirmed an earlier version" in " ".join(statement.seal_problems(case))
    again = statement.confirm(case, parent.id, SPOKEN)
    assert again.version == 2
    statement.confirm(case, la.id, ConfirmedHow.IN_WRITING)
    assert statement.seal_problems(case) == []


def test_seal_needs_every_party_on_the_same_version(desk, meeting):
    case, parent, la, _ = meeting
    statement = desk.statement
    statement.confirm(case, parent.id, SPOKEN)
    with pytest.raises(errors.InvalidChange, match="Kenan Aydın has not confirmed"):
        statement.seal(case)
    statement.confirm(case, la.id, SPOKEN)
    seal = statement.seal(case)
    assert seal.sha256 == content_hash(seal.content) == statement.current_hash(case)
    assert statement.seal_verifies(seal)
    assert [e.action for e in desk.history(case.id)][:1] == ["statement sealed"]


@pytest.fixture
def sealed(desk, meeting):
    case, parent, la, issue = meeting
    desk.statement.confirm(case, parent.id, SPOKEN)
    desk.statement.confirm(case, la.id, SPOKEN)
    desk.statement.seal(case)
    return case, parent, la, issue


def test_sealed_content_cannot_change_through_the_app(desk, sealed):
    case, parent, _, issue = sealed
    statement = desk.statement
    with pytest.raises(errors.SealedStatement, match="add an addendum"):
        statement.issues.update(issue.id, {"title": "Something else"})
    with pytest.raises(errors.SealedStatement):
        statement.issues.add(case.id, Issue("A new issue"))
    with pytest.raises(errors.SealedStatement):
        statement.record.update(case.id, {"next_steps": "Changed"})
    with pytest.raises(errors.SealedStatement):
        statement.set_presence(case.id, parent.id, {"left": "11:00"})
    action = desk.actions(case.id)[0]
    with pytest.raises(errors.SealedStatement):
        desk.update_action(action.id, {"owner": "Someone else"})
    # Tracking whether an action was done is not part of the statement.
    desk.update_action(action.id, {"done_on": dt.date(2026, 11, 30)})
    # Private notes stay the mediator's.
    statement.record.update(case.id, {"private_notes": "Follow up with SENDIASS"})
    with pytest.raises(errors.SealedStatement):
        statement.confirm(case, parent.id, SPOKEN)


def test_sealed_content_cannot_change_even_with_raw_sql(desk, sealed):
    case, *_ = sealed
    db = desk.casefile.db
    for sql in (
        "UPDATE seals SET content = 'forged'",
        "DELETE FROM seals",
        "UPDATE statement_versions SET sha256 = 'x'",
        "DELETE FROM confirmations",
        "UPDATE statement_issues SET discussion = 'forged'",
        "DELETE FROM statement_issues",
        "INSERT INTO statement_issues (case_id, title) VALUES (1, 'forged')",
        "UPDATE meeting_records SET next_steps = 'forged'",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="sealed"):
            db.execute(sql)
        db.conn.rollback()
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM cases WHERE id = ?", [case.id])
    db.conn.rollback()
    seal = desk.statement.seal_of(case.id)
    assert desk.statement.seal_verifies(seal)
    assert seal.sha256 == content_hash(seal.content)


# What a person with the file and Python's own sqlite3 could try against a sealed record: each
# statement must be refused by the file's own triggers, whatever program runs it.
ATTACKS_ON_THE_FILE = [
    "DELETE FROM seals",
    "UPDATE seals SET content = 'forged'",
    "DELETE FROM statement_versions",
    "UPDATE statement_versions SET sha256 = 'x'",
    "DELETE FROM confirmations",
    "UPDATE confirmations SET how = 'forged'",
    "DELETE FROM statement_issues",
    "UPDATE statement_issues SET discussion = 'forged'",
    "INSERT INTO statement_issues (case_id, title) VALUES (1, 'forged')",
    "UPDATE meeting_records SET next_steps = 'forged'",
    "DELETE FROM agreed_actions",
    "UPDATE agreed_actions SET owner = 'forged'",
    "INSERT INTO agreed_actions (case_id, issue_id, description, created_at) "
    "SELECT case_id, issue_id, 'forged', created_at FROM agreed_actions",
    "DELETE FROM addenda",
    "UPDATE addenda SET text = 'forged'",
    "DELETE FROM presence",
    "UPDATE presence SET arrived = '09:00'",
    "INSERT INTO presence (case_id, attendee_id, present) "
    "SELECT case_id, id, 1 FROM attendees WHERE name = 'Alex Mercer'",
    "DELETE FROM audit",
    "UPDATE audit SET action = 'forged'",
]


@pytest.fixture
def sealed_with_addendum(desk, sealed):
    """A sealed statement with a sealed addendum, its issue carrying an agreed action."""
    case, parent, la, _ = sealed
    addendum = desk.statement.add_addendum(case.id, "The review month was misheard")
    addendum = desk.statement.update_addendum(addendum.id, {"text": "The review is in July."})
    for person in (parent, la):
        desk.statement.confirm_addendum(case, addendum, person.id, SPOKEN)
    desk.statement.seal_addendum(case, addendum)
    return sealed


@pytest.mark.parametrize("sql", ATTACKS_ON_THE_FILE)
def test_the_file_itself_refuses_changes_to_a_sealed_record(
    desk, sealed_with_addendum, casefile_path, sql
):
    """CFA 2014 s55 and SEND Regulations 2014 reg 42: a sealed outcome statement is what the
    parties agreed, so its issues, agreed actions, who was present and its sealed addenda never
    change; corrections are new addenda (DESIGN.md section 1 principle 5). The refusal lives in
    the file's triggers, so Python's own sqlite3 on the closed file is refused too."""
    import sqlite3 as plain_sqlite3

    case, *_ = sealed_with_addendum
    desk.close()
    attacker = plain_sqlite3.connect(casefile_path)
    try:
        table = sql.split()[2] if sql.startswith(("DELETE", "INSERT")) else sql.split()[1]
        before = attacker.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        assert before, f"the sealed case has no {table} rows to attack"
        with pytest.raises(plain_sqlite3.IntegrityError, match=r"sealed|append-only"):
            attacker.execute(sql)
        attacker.rollback()
        assert attacker.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() == before
    finally:
        attacker.close()
    reopened = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    try:
        seal = reopened.statement.seal_of(case.id)
        assert reopened.statement.seal_verifies(seal)
        assert reopened.statement.verify(reopened.case(case.id)) == []
        assert [a.sealed for a in reopened.statement.addenda(case.id)] == [True]
    finally:
        reopened.close()


def test_addenda_are_confirmed_sealed_and_then_fixed(desk, sealed):
    case, parent, la, _ = sealed
    statement = desk.statement
    with pytest.raises(errors.InvalidChange, match="reason"):
        statement.add_addendum(case.id, "  ")
    addendum = statement.add_addendum(case.id, "The review month was misheard")
    addendum = statement.update_addendum(addendum.id, {"text": "The review is in July."})
    with pytest.raises(errors.InvalidChange, match="Not yet confirmed by"):
        statement.seal_addendum(case, addendum)
    statement.confirm_addendum(case, addendum, parent.id, SPOKEN)
    statement.confirm_addendum(case, addendum, la.id, ConfirmedHow.IN_WRITING)
    sealed_addendum = statement.seal_addendum(case, addendum)
    assert sealed_addendum.sealed and sealed_addendum.sha256 == content_hash(addendum.content())
    with pytest.raises(errors.SealedStatement, match="addendum is sealed"):
        statement.update_addendum(addendum.id, {"text": "Changed"})
    # The statement's own confirmations are unaffected by the addendum's.
    assert all(s.current for s in statement.parties(case))


def test_addenda_only_after_sealing(desk, meeting):
    case, *_ = meeting
    with pytest.raises(errors.InvalidChange, match="edit the draft"):
        desk.statement.add_addendum(case.id, "Too early")


def test_reordering_the_agenda(desk, meeting):
    case, *_ = meeting
    second = desk.statement.issues.add(case.id, Issue("Placement"))
    desk.statement.move_issue(second.id, -1)
    assert [i.title for i in desk.statement.issues.list(case.id)] == [
        "Placement",
        "Speech and language therapy in Section F",
    ]
    desk.statement.move_issue(second.id, -1)  # already first: nothing happens
    assert desk.statement.issues.list(case.id)[0].title == "Placement"


def test_blank_appeal_information_is_the_standard_wording_the_mediator_sees(desk, meeting):
    """The Meeting tab shows the standard appeal wording in an empty field; the statement the
    parties confirm and the presenter view carry the same words (the r20(1)(c) appeal window),
    and the mediator's own words replace it."""
    from mediator_desk.domain.statement import MEDIATION_APPEAL_START

    case, *_ = meeting
    assert case.decision_date is not None
    standard = desk.statement.content(case)["appeal_information"]
    assert standard.startswith(MEDIATION_APPEAL_START)
    assert "r20(1)(c)(i)" in standard and "r20(1)(c)(ii)" in standard
    assert desk.statement.appeal_information(case) == standard
    desk.statement.record.update(case.id, {"appeal_information": "Our own words."})
    assert desk.statement.content(case)["appeal_information"] == "Our own words."
    desk.update_case(case.id, {"decision_date": None})
    desk.statement.record.update(case.id, {"appeal_information": ""})
    assert desk.statement.content(desk.case(case.id))["appeal_information"] == ""
