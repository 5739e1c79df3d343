"""Survivors of a fresh domain sample (seed 5 of `dev.py mutate domain`): a decision dated
before the child was born, the certificate owed when the LA cannot arrange mediation, who
must confirm a statement by default, and the first thing sealing asks for. Each test was
checked against its mutant by putting the change into the code by hand. Every person is
fictional."""

from __future__ import annotations

import datetime as dt

from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.case import Problem, check_case
from mediator_desk.domain.case_timeline import track_case
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import Presence, required_confirmers, seal_problems
from mediator_desk.domain.timeline import Clock
from tests.conftest import make_case

D = dt.date


def test_a_decision_dated_before_the_child_was_born_is_refused_in_words():
    case = make_case(child_dob=D(2015, 5, 14), decision_date=D(2015, 5, 13))
    assert (
        Problem("decision_date", "The decision notice date is before the child's date of birth.")
        in check_case(case, D(2026, 11, 23)).errors
    )


def test_a_certificate_is_owed_3_working_days_after_the_la_says_it_cannot_arrange_mediation():
    """DOMAIN.md section 2 (IPSEA, Surrey SENDIAS; the regulation is unconfirmed): when the LA
    tells the adviser it cannot arrange mediation within 30 days, the certificate is due 3
    working days later. Told on Friday 20 November 2026, it is due on Wednesday 25 November."""
    case = make_case(la_informed=D(2026, 11, 10), la_cannot_arrange=D(2026, 11, 20))
    tracked = track_case(case, [], WorkingCalendar(), D(2026, 11, 23))
    owed = [t for t in tracked if t.clock is Clock.CERTIFICATE_NOT_ARRANGED_DUE]
    assert [t.due for t in owed] == [D(2026, 11, 25)]
    without = track_case(make_case(la_informed=D(2026, 11, 10)), [], WorkingCalendar(),
                         D(2026, 11, 23))  # fmt: skip
    assert Clock.CERTIFICATE_NOT_ARRANGED_DUE not in {t.clock for t in without}


def test_the_icbs_representative_confirms_only_where_health_care_is_mediated():
    """The ICB is a party only where health care is mediated (SEND Regulations 2014 reg
    42(3), (4)); otherwise its representative, present or not, is not asked to confirm."""
    people = [
        Attendee("Morwenna Tregothnan", Role.PARENT_CARER, id=1),
        Attendee("Kenan Aydın", Role.LA_DECISION_MAKER, decision_authority=True, id=2),
        Attendee("Dr Elowen Pascoe", Role.HEALTH, id=3),
    ]
    here = [Presence(1, True), Presence(2, True), Presence(3, True)]
    assert [a.id for a in required_confirmers(people, here)] == [1, 2]
    assert [a.id for a in required_confirmers(people, here, health=True)] == [1, 2, 3]


def test_a_statement_with_no_one_to_confirm_it_asks_for_who_is_present():
    assert seal_problems([], {"issues": [{"title": "Speech and language therapy"}]}) == [
        "Record who is present: at least one main party must confirm the statement."
    ]
