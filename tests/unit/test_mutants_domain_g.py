"""Survivors of a fresh domain sample (seed 4 of `dev.py mutate domain`): the exact bytes a
seal's signature and the audit trail's signed head cover, the age at which a case is flagged as
over 25, each role problem and the missing link whole, and two settings refused for the case.
Each test was checked against its mutant by putting the change into the code by hand. Every
person is fictional."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.case import CaseKind, CaseStatus, DecisionKind, check_case
from mediator_desk.domain.case_timeline import AgreedAction, Status, track_case
from mediator_desk.domain.integrity import (
    confirmation_problems,
    head_message,
    imported_seal_problems,
    recomposed_differences,
    seal_message,
)
from mediator_desk.domain.preparation import Arrangements, Attendee, Role
from mediator_desk.domain.readiness import ReadinessItem, role_problems
from mediator_desk.domain.statement import (
    Confirmation,
    ConfirmedHow,
    Seal,
    canonical_json,
    compose,
    confirmation_problem,
    content_hash,
)
from mediator_desk.domain.timeline import Clock
from tests.conftest import make_case
from tests.unit.test_mutants_domain_f import _ready
from tests.unit.test_mutants_integrity import CASE, HERE, ISSUES, PEOPLE, RECORD
from tests.unit.test_readiness import TODAY

D = dt.date
OVER_25 = (
    "This person is 25 or over. EHC plans and SEND mediation cover people up to 25 (Children "
    "and Families Act 2014 s83(2)); check the date of birth."
)


def test_a_seals_signed_message_names_the_case_file_and_the_case():
    """docs/integrity.md: a seal's signature covers the case file's id and the case's id with
    the version, hash, time and who sealed it, as compact JSON, so a signed seal moved to
    another case or another file does not verify there."""
    seal = Seal(3, "cd" * 32, "{}", dt.datetime(2026, 12, 3, 12, 40, 17), "Alex Mercer")
    assert seal_message("file-7f3a", 7, seal) == (
        b'["seal","file-7f3a",7,3,"' + b"cd" * 32 + b'","2026-12-03T12:40:17","Alex Mercer"]'
    )
    assert seal_message("file-7f3a", 8, seal) != seal_message("file-7f3a", 7, seal)


def test_the_audit_trails_signed_head_names_the_file_and_the_last_entry():
    """docs/integrity.md: the signed head of the audit trail covers the file's id and the last
    entry's number and hash, so a trail cut short or grafted from another file is noticed."""
    assert head_message("file-7f3a", 42, "ef" * 32) == (
        b'["audit head","file-7f3a",42,"' + b"ef" * 32 + b'"]'
    )


def test_a_young_person_is_flagged_from_their_25th_birthday():
    """CFA 2014 s83(2): a young person is over compulsory school age and under 25; on their
    25th birthday they are no longer one, so the case is flagged that day, not the day after."""
    case = make_case(child_dob=D(2001, 11, 30))
    on_the_day = [p.message for p in check_case(case, D(2026, 11, 30)).problems]
    day_before = [p.message for p in check_case(case, D(2026, 11, 29)).problems]
    assert OVER_25 in on_the_day
    assert OVER_25 not in day_before


def test_a_meeting_with_two_mediators_and_no_family_or_la_lists_each_role_problem_whole():
    """DOMAIN.md section 5 and SEND Regulations 2014 reg 38: one lead mediator; the family's
    side present; the LA taking part (R (Kumar) v Hillingdon [2020]) with someone who can
    agree. Each item opens the People tab at the field that puts it right."""
    people = [
        Attendee("Alex Mercer", Role.MEDIATOR, id=4),
        Attendee("Sam Okoro", Role.MEDIATOR, id=5),
    ]
    assert role_problems(make_case(), people, TODAY) == [
        ReadinessItem(
            "one_lead_mediator",
            "There is more than one lead mediator: make the others co-mediators.",
            "people",
            "role",
        ),
        ReadinessItem(
            "family_party",
            "Add the parent or carer, or the young person: the family's side of the disagreement.",
            "people",
            "role",
        ),
        ReadinessItem(
            "la_attends",
            "No one from the local authority is attending: the LA must take part in "
            "mediation (R (Kumar) v Hillingdon [2020]).",
            "people",
            "role",
        ),
        ReadinessItem(
            "la_authority",
            "No local authority attendee has authority to make decisions at the meeting; "
            "ask the LA to send someone who can agree.",
            "people",
            "decision_authority",
        ),
    ]


def test_an_online_meeting_without_a_link_opens_preparation_at_the_link():
    """The family cannot join an online meeting without its link: the item opens the
    Preparation tab at the link field."""
    items = _ready(arrangements=Arrangements(link=""))
    assert [i for i in items if i.key == "link"] == [
        ReadinessItem("link", "The online meeting has no link yet.", "preparation", "link")
    ]


def test_settings_that_do_not_fit_the_case_are_refused_in_full():
    """Only mediation can be declined (CFA 2014 s55: a certificate follows; disagreement
    resolution under s57 has none), and 'Section I only' belongs to a dispute about a plan's
    contents (s51(2)(c)(iii) and (iv))."""
    declined = make_case(kind=CaseKind.DISAGREEMENT_RESOLUTION, status=CaseStatus.DECLINED)
    assert [p.message for p in check_case(declined, TODAY).problems if p.field == "status"] == [
        "'Mediation declined' applies only to mediation cases: disagreement resolution has no "
        "certificate."
    ]
    section_i = make_case(decision_kind=DecisionKind.NOT_TO_ASSESS, section_i_only=True)
    assert [
        p.message for p in check_case(section_i, TODAY).problems if p.field == "section_i_only"
    ] == ["'Section I only' applies only to a dispute about the contents of a plan."]


def test_a_spoken_confirmation_with_a_date_is_refused_in_full():
    """Seed 002: a party agrees at the meeting, before it ends, and is timed as it is
    recorded; only agreement in writing carries the date it was given."""
    meeting = D(2026, 12, 3)
    assert confirmation_problem(ConfirmedHow.SPOKEN, meeting, meeting, meeting) == (
        "A confirmation given at the meeting is timed when it is recorded; only one given in "
        "writing takes a date."
    )


def test_sealed_text_that_is_not_a_statement_is_named_as_such():
    """docs/integrity.md: a sealed text that is valid JSON but not a statement (a list, say)
    is reported in words, never compared part by part or left unremarked."""
    for content in ("[]", "not json"):
        seal = Seal(1, "00" * 32, content, dt.datetime(2026, 12, 3, 12, 40))
        assert recomposed_differences(seal, CASE, PEOPLE, HERE, ISSUES, [], RECORD) == [
            "the sealed text is not a statement."
        ]


def test_an_agreed_action_ticked_done_in_time_is_met():
    """SEND Regulations 2014 reg 42(3): the LA or ICB acts within 2 weeks of the agreement
    (here from Friday 4 December 2026, so by Friday 18 December); done on Wednesday 16 December,
    the tracked action is met, and done on Monday 21 December it is late."""
    case = make_case(meeting_date=D(2026, 12, 4), agreement_date=D(2026, 12, 4))

    def status(done_on: dt.date) -> Status:
        action = AgreedAction(
            "Send the speech and language report",
            "Fernleigh County Council",
            clock=Clock.NON_APPEALABLE_ACTION_BY,
            done_on=done_on,
            id=9,
        )
        (tracked,) = [
            t
            for t in track_case(case, [action], WorkingCalendar(), D(2026, 12, 22))
            if t.action_id == 9
        ]
        assert tracked.due == D(2026, 12, 18)
        return tracked.status

    assert status(D(2026, 12, 16)) is Status.MET
    assert status(D(2026, 12, 21)) is Status.LATE


def test_a_sealed_statement_with_no_main_party_present_is_named():
    """docs/integrity.md: a sealed statement must have been confirmed by every main party
    present; a record with no main party at all (the parties deleted with sqlite3, say) is
    reported in words rather than passing as confirmed by everyone."""
    seal = Seal(1, "00" * 32, "{}", dt.datetime(2026, 12, 3, 12, 40))
    adviser = Attendee("Dr Pat Kerr", Role.INFORMATION_PROVIDER, id=8)
    assert confirmation_problems(seal, [], [adviser], []) == [
        "no main party present confirmed the sealed statement."
    ]


def test_an_agreed_actions_working_day_date_is_not_held_to_the_seal():
    """An action's date counted in working days (reg 42(3)) is drawn from the meeting date and
    the bank holidays, which may still be corrected after sealing (docs/integrity.md), so it is
    not part of what sealing freezes: a statement sealed with one date still agrees with its
    records once the meeting date moves, whatever the importing file's calendar. Comparing it
    would refuse a genuine statement; so the comparison takes no dates at all."""
    action = AgreedAction("Weekly sessions", "Jory Penhale", issue_id=5, id=11)
    content = canonical_json(
        compose(CASE, PEOPLE, HERE, ISSUES, [action], RECORD, {11: D(2026, 12, 17)})
    )
    seal = Seal(1, content_hash(content), content, dt.datetime(2026, 12, 3, 12, 40))
    moved = CASE.with_changes(meeting_date=D(2026, 12, 4))
    assert recomposed_differences(seal, moved, PEOPLE, HERE, ISSUES, [action], RECORD) == []
    confirmed = [
        Confirmation(person.id or 0, person.name, 1, seal.sha256, ConfirmedHow.SPOKEN,
                     dt.datetime(2026, 12, 3, 12, 35))
        for person in PEOPLE
    ]  # fmt: skip
    records = (PEOPLE, HERE, ISSUES, [action], RECORD, confirmed, seal)
    assert imported_seal_problems(moved, *records) == []
