"""Which clocks the law runs for a case, and which have stopped and why (DOMAIN.md sections 2,
4, 6 and 7). The dates themselves are checked in test_timeline.py; here only which clocks run."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from mediator_desk.domain.calendar import WorkingCalendar
from mediator_desk.domain.case import CaseKind, DecisionKind
from mediator_desk.domain.case_timeline import (
    AgreedAction,
    Status,
    action_due,
    action_due_dates,
    case_action_clocks,
    case_facts,
    check_action,
    earliest_open_deadline,
    proposed_due,
    recorded_events,
    track_case,
)
from mediator_desk.domain.timeline import (
    REG_44_CLOCKS,
    Clock,
    Facts,
    agreement_clocks,
    appeal_deadline,
    deadlines,
    stopped_clocks,
)
from tests.conftest import make_case

D = dt.date
CAL = WorkingCalendar()
TODAY = D(2026, 11, 23)  # a Monday

JOINT = Facts(la_informed=D(2026, 5, 1), health_issues=True, agreement=D(2026, 6, 1))
HEALTH_ONLY = Facts(
    la_informed=D(2026, 5, 1),
    icb_notified=D(2026, 5, 5),
    health_issues=True,
    health_only=True,
    agreement=D(2026, 6, 1),
)


def statutory(tracked):
    return {t.clock for t in tracked if t.action_id is None and t.contact_id is None}


# -- finding 1: reg 42(4) only where the LA was not a party ------------------------------------
def test_the_icb_tells_the_la_only_after_a_health_only_mediation():
    """SEND Regulations 2014 reg 42(4): "Where the local authority was not a party to the
    mediation, the responsible commissioning body must notify the local authority of the
    mediation agreement within 1 week". In a joint mediation the LA is a party; in a
    health-only one the ICB arranges it and the LA is not."""
    assert deadlines(HEALTH_ONLY, CAL)[Clock.ICB_NOTIFY_LA_BY].due == D(2026, 6, 8)
    assert Clock.ICB_NOTIFY_LA_BY not in deadlines(JOINT, CAL)
    la_only = Facts(la_informed=D(2026, 5, 1), agreement=D(2026, 6, 1))
    assert Clock.ICB_NOTIFY_LA_BY not in deadlines(la_only, CAL)
    assert Clock.ICB_NOTIFY_LA_BY in agreement_clocks(HEALTH_ONLY)
    assert Clock.ICB_NOTIFY_LA_BY not in agreement_clocks(JOINT)
    assert Clock.ICB_NOTIFY_LA_BY not in agreement_clocks(la_only)


def test_a_joint_mediation_offers_no_reg_42_4_clock_for_an_action():
    """SEND Regulations 2014 reg 42(4): in a joint LA and ICB mediation the LA was a party, so
    an agreed action cannot follow the "ICB to tell the LA" clock and gets no date from it."""
    joint = make_case(health_issues=True, agreement_date=D(2026, 6, 1))
    health_only = make_case(
        decision_kind=DecisionKind.HEALTH_SOCIAL_CARE,
        health_issues=True,
        health_only=True,
        agreement_date=D(2026, 6, 1),
    )
    assert Clock.ICB_NOTIFY_LA_BY not in case_action_clocks(joint)
    assert Clock.ICB_NOTIFY_LA_BY in case_action_clocks(health_only)
    tell = AgreedAction("Tell the LA of the agreement", clock=Clock.ICB_NOTIFY_LA_BY, id=3)
    assert proposed_due(tell, joint, CAL) is None
    assert action_due(tell, joint, CAL) is None
    assert proposed_due(tell, health_only, CAL).due == D(2026, 6, 8)
    assert not [t for t in track_case(joint, [tell], CAL, TODAY) if t.action_id == 3]
    problems = check_action(tell, case_action_clocks(joint))
    assert problems == [
        "This time limit does not apply to this case: SEND Regulations 2014 reg 42(4) runs "
        "only where the local authority was not a party to the mediation. Choose another, "
        "or enter the date agreed."
    ]


# -- finding 2: withdrawal stops the 30-day clock ----------------------------------------------
WITHDREW = Facts(
    decision_sent=D(2026, 3, 2),
    la_informed=D(2026, 3, 16),
    health_issues=True,
    la_cannot_arrange=D(2026, 4, 1),
    meeting=D(2026, 4, 20),
    declined=D(2026, 4, 3),  # Friday 3 April 2026: after the LA was informed
)


def test_withdrawal_after_the_la_was_informed_stops_the_duty_to_arrange():
    """SEND Regulations 2014 (the 30-day duty to arrange mediation; DOMAIN.md section 4): when
    the parent or young person no longer wishes to mediate after the LA was informed, the duty
    ends; the clocks about arranging the meeting stop, and the certificate for the withdrawal
    runs from the day they said so (3 working days; SEND Regulations 2014, UNCONFIRMED)."""
    found = deadlines(WITHDREW, CAL)
    for clock in (
        Clock.MEDIATION_BY,
        Clock.NOTICE_BY,
        Clock.CERTIFICATE_NOT_ARRANGED_DUE,
        Clock.LA_NOTIFY_ICB_BY,
    ):
        assert clock not in found
    # Friday 3 April 2026 is Good Friday, so the first working day after it, Tuesday 7 April
    # (after Easter Monday), is day 1: Thursday 9 April (DOMAIN.md counting rule 3).
    certificate = found[Clock.CERTIFICATE_DECLINED_DUE]
    assert certificate.due == D(2026, 4, 9)
    assert "no longer wished to mediate" in certificate.explanation
    assert set(found) == {
        Clock.CONTACT_ADVISER_BY,
        Clock.CERTIFICATE_DECLINED_DUE,
        Clock.APPEAL_BY,
        Clock.STATEMENT_CIRCULATE_BY,
    }


def test_a_withdrawal_says_why_each_clock_stopped():
    """SEND Regulations 2014 (the 30-day duty to arrange mediation): each stopped clock carries
    a plain-English reason naming the day the family withdrew."""
    stopped = stopped_clocks(WITHDREW)
    assert set(stopped) == {
        Clock.MEDIATION_BY,
        Clock.NOTICE_BY,
        Clock.CERTIFICATE_NOT_ARRANGED_DUE,
        Clock.LA_NOTIFY_ICB_BY,
    }
    assert stopped[Clock.MEDIATION_BY] == (
        "The family withdrew from mediation on Friday 3 April 2026, after the LA was told "
        "they wanted it; the LA's duty to arrange mediation ended (SEND Regulations 2014)."
    )
    assert stopped[Clock.CERTIFICATE_NOT_ARRANGED_DUE].endswith(
        "The certificate for the withdrawal is due instead."
    )
    young = replace(WITHDREW, young_person=True)
    assert stopped_clocks(young)[Clock.MEDIATION_BY].startswith("The young person withdrew")
    health_only = Facts(
        la_informed=D(2026, 3, 16),
        icb_notified=D(2026, 3, 18),
        health_issues=True,
        health_only=True,
        declined=D(2026, 4, 3),
    )
    assert (
        "the ICB's duty to arrange mediation ended"
        in stopped_clocks(health_only)[Clock.MEDIATION_BY]
    )


def test_declining_before_asking_is_not_a_withdrawal():
    """SEND Regulations 2014: a family that first declined and later asked for mediation (LA
    informed after the date they declined) is owed the 30-day clock from the LA being told."""
    facts = Facts(declined=D(2026, 3, 10), la_informed=D(2026, 3, 16))
    assert deadlines(facts, CAL)[Clock.MEDIATION_BY].due == D(2026, 4, 15)
    assert stopped_clocks(facts) == {}


def test_a_withdrawn_case_is_never_missed_against_the_la():
    """SEND Regulations 2014 (the 30-day duty to arrange mediation; DOMAIN.md section 4): the
    clock stops, it is not "missed". Nor is the certificate not-arranged clock it replaces."""
    case = make_case(
        decision_date=D(2026, 10, 1),
        adviser_contacted=D(2026, 10, 5),
        la_informed=D(2026, 10, 8),  # the 30 days ended on Sat 7 November
        la_cannot_arrange=D(2026, 10, 20),
        declined_on=D(2026, 10, 22),
    )
    tracked = track_case(case, [], CAL, TODAY)
    missed = [t for t in tracked if t.status is Status.MISSED]
    assert [(t.clock, t.responsible) for t in missed] == [
        (Clock.CERTIFICATE_DECLINED_DUE, "Adviser")  # the adviser's, never the LA's
    ]
    assert statutory(tracked) == {
        Clock.CONTACT_ADVISER_BY,
        Clock.CERTIFICATE_DECLINED_DUE,
        Clock.APPEAL_BY,
    }
    due, what = earliest_open_deadline(case, [], CAL)
    assert (due, what) == (D(2026, 10, 27), "Certificate (mediation not pursued) due")
    titles = {e.title for e in recorded_events(case)}
    assert "Family withdrew from mediation" in titles
    assert "Family declined mediation" not in titles


def test_a_meeting_held_before_the_withdrawal_keeps_its_clocks():
    """SEND Regulations 2014: if the meeting took place before the family withdrew, the LA's
    duty was carried out; its clocks stay on record (met or late), only the notice of a meeting
    never held stops."""
    facts = Facts(la_informed=D(2026, 3, 16), meeting=D(2026, 4, 1), declined=D(2026, 4, 3))
    found = deadlines(facts, CAL)
    assert Clock.MEDIATION_BY in found and Clock.NOTICE_BY in found
    assert stopped_clocks(facts) == {}


# -- finding 3: after mediation concluded ------------------------------------------------------
def test_after_conclusion_the_arranging_clocks_no_longer_run():
    """SEND Regulations 2014 (the 30-day duty, the notice of the meeting and the LA telling
    the ICB): once mediation has concluded, nothing is left to arrange, even when the recorded
    meeting date is (wrongly) still in the future. The certificate clock (reg 39) runs."""
    case = make_case(
        decision_date=D(2026, 9, 1),
        adviser_contacted=D(2026, 9, 10),
        la_informed=D(2026, 9, 14),
        health_issues=True,
        meeting_date=D(2026, 12, 7),  # a typing mistake: later than the conclusion
        concluded_on=D(2026, 11, 18),
    )
    tracked = track_case(case, [], CAL, TODAY)
    clocks = statutory(tracked)
    assert Clock.MEDIATION_BY not in clocks
    assert Clock.NOTICE_BY not in clocks
    assert Clock.LA_NOTIFY_ICB_BY not in clocks
    assert Clock.CERTIFICATE_CONCLUDED_DUE in clocks
    assert not [t for t in tracked if t.status is Status.MISSED]
    stopped = stopped_clocks(case_facts(case))
    assert stopped[Clock.MEDIATION_BY] == (
        "Mediation concluded on Wednesday 18 November 2026; the clocks about arranging the "
        "meeting no longer run (SEND Regulations 2014)."
    )
    assert set(stopped) == {Clock.MEDIATION_BY, Clock.NOTICE_BY, Clock.LA_NOTIFY_ICB_BY}


def test_after_conclusion_what_was_done_stays_on_record():
    """SEND Regulations 2014: a meeting held before the conclusion met the 30-day clock, and an
    ICB told in time met the LA's clock; they stay, as met or late."""
    facts = Facts(
        la_informed=D(2026, 9, 14),
        health_issues=True,
        icb_notified=D(2026, 9, 15),
        meeting=D(2026, 10, 9),
        concluded=D(2026, 10, 9),
    )
    found = deadlines(facts, CAL)
    assert {Clock.MEDIATION_BY, Clock.NOTICE_BY, Clock.LA_NOTIFY_ICB_BY} <= set(found)
    assert stopped_clocks(facts) == {}


# -- finding 4: disagreement resolution ----------------------------------------------------------
DR = make_case(
    kind=CaseKind.DISAGREEMENT_RESOLUTION,
    decision_kind=DecisionKind.OTHER,
    la_informed=D(2026, 11, 2),
    meeting_date=D(2026, 11, 20),
    agreement_date=D(2026, 11, 20),
    concluded_on=D(2026, 11, 20),
    declined_on=D(2026, 11, 21),
)


def test_disagreement_resolution_actions_have_only_the_date_agreed():
    """CFA 2014 s57: disagreement resolution is not mediation, so SEND Regulations 2014 reg 42
    does not apply: no statutory clock for an agreed action and no engine date, only the date
    the parties agreed."""
    assert case_action_clocks(DR) == ()
    assert agreement_clocks(Facts(disagreement_resolution=True, agreement=D(2026, 6, 1))) == ()
    engine = AgreedAction("Share the report", clock=Clock.NON_APPEALABLE_ACTION_BY, id=1)
    agreed = AgreedAction("Meet again", due_override=D(2026, 12, 4), id=2)
    assert proposed_due(engine, DR, CAL) is None
    assert action_due_dates([engine, agreed], DR, CAL) == {2: D(2026, 12, 4)}
    assert check_action(agreed, case_action_clocks(DR)) == []  # no reg 42(5) reason asked
    assert check_action(AgreedAction("Meet again"), ()) == ["Enter the date agreed."]


def test_nothing_in_a_disagreement_resolution_timeline_mentions_reg_42_or_an_appeal():
    """CFA 2014 s57: no certificate, no appeal clock, no reg 42 dates."""
    actions = [
        AgreedAction("Share the report", clock=Clock.NON_APPEALABLE_ACTION_BY, id=1),
        AgreedAction(
            "Meet again", due_override=D(2026, 12, 4), override_reason="Both agreed", id=2
        ),
    ]
    tracked = track_case(DR, actions, CAL, TODAY)
    assert [t.title for t in tracked] == [
        "Outcome statement circulated",
        "Agreed action: Meet again",
    ]
    for t in tracked:
        text = f"{t.title} {t.explanation} {t.warning or ''}".lower()
        assert "reg 42" not in text and "appeal" not in text and "tribunal" not in text
    assert tracked[1].explanation == "Date agreed by the parties (Both agreed)."
    assert tracked[1].clock is None
    assert stopped_clocks(case_facts(DR)) == {}


# -- finding 5: Section I only -------------------------------------------------------------------
def test_section_i_only_appeal_is_two_months_after_the_decision_only():
    """CFA 2014 s55: no certificate for an appeal only about Section I, so the appeal clock is
    HESC Rules 2008 r20(1)(c)(i) alone, with r12 moves as usual."""
    deadline = appeal_deadline(D(2026, 10, 26), None, CAL, section_i_only=True)
    assert deadline.due == D(2027, 1, 4)  # D = Sat 26 Dec 2026, r12(3)(a)
    assert "r20(1)(c)(i)" in deadline.explanation and "r12(3)(a)" in deadline.explanation
    assert "Section I only" in deadline.explanation
    assert "no mediation certificate" in deadline.explanation
    assert "1 month after the certificate" not in deadline.explanation
    found = deadlines(
        Facts(
            decision_sent=D(2026, 10, 26),
            certificate_issued=D(2026, 12, 1),
            section_i_only=True,
        ),
        CAL,
    )
    assert found[Clock.APPEAL_BY].explanation == deadline.explanation


# -- finding 6: clocks that no longer run ---------------------------------------------------------
def test_stopped_clocks_are_only_those_the_facts_would_start():
    """SEND Regulations 2014: a clock never started is not 'stopped'; only clocks these facts
    would run are listed."""
    facts = Facts(la_informed=D(2026, 3, 16), declined=D(2026, 4, 3))
    assert set(stopped_clocks(facts)) == {Clock.MEDIATION_BY}
    assert set(REG_44_CLOCKS) <= set(agreement_clocks(Facts()))


near = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31))
maybe = st.none() | near
any_facts = st.builds(
    Facts,
    decision_sent=maybe,
    declined=maybe,
    la_informed=maybe,
    health_issues=st.booleans(),
    health_only=st.booleans(),
    icb_notified=maybe,
    la_cannot_arrange=maybe,
    meeting=maybe,
    concluded=maybe,
    certificate_issued=maybe,
    agreement=maybe,
    section_i_only=st.booleans(),
    disagreement_resolution=st.booleans(),
    young_person=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(any_facts)
def test_no_clock_both_runs_and_has_stopped(facts):
    """Whatever the facts: a stopped clock is never also running; disagreement resolution
    (CFA 2014 s57) runs only the statement's service standard and stops nothing; reg 42(4)
    runs only after a health-only mediation; after a withdrawal with no meeting held by then,
    the 30-day clock never runs (SEND Regulations 2014)."""
    found, stopped = deadlines(facts, CAL), stopped_clocks(facts)
    assert not set(found) & set(stopped)
    assert all(reason.strip() for reason in stopped.values())
    if facts.disagreement_resolution:
        assert set(found) <= {Clock.STATEMENT_CIRCULATE_BY} and stopped == {}
    if Clock.ICB_NOTIFY_LA_BY in found:
        assert facts.health_only
    if facts.withdrew and not (facts.meeting and facts.meeting <= facts.declined):
        assert Clock.MEDIATION_BY not in found
