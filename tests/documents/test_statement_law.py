"""The outcome statement says what the law says for its case: mediation or disagreement
resolution, Section I only or not, health only or joint, parent or young person; and each
confirmation is worded as it was given and checked against the meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case import CaseKind, DecisionKind
from mediator_desk.domain.case_timeline import AgreedAction
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome
from mediator_desk.domain.timeline import Clock
from mediator_desk.store.errors import InvalidChange
from tests.conftest import TODAY, make_case
from tests.documents.test_documents import docx_text, pdf_text, squash

D = dt.date


def statement_texts(desk, case) -> list[str]:
    """The statement as a reader sees it in both formats (they must say the same)."""
    from mediator_desk.documents.export import render

    document = desk.documents.build(desk.case(case.id), "outcome-statement")
    return [squash(docx_text(render(document, "docx"))), squash(pdf_text(render(document, "pdf")))]


def meeting_case(desk, *, young=False, la_present=True, **overrides):
    """A case met today with an agreed issue and one action of each statutory kind."""
    desk.documents.set_service(
        {"name": "Porthkennack Mediation", "mediator": "Alex Mercer", "adviser": "Sam Okoro"}
    )
    fields = dict(
        decision_date=D(2026, 10, 26),
        meeting_date=TODAY,
        la_informed=D(2026, 10, 30),
        local_authority="Royal Borough of Fernleigh",
    )
    if young:
        fields["child_dob"] = D(2006, 3, 1)
    fields.update(overrides)
    case = desk.create_case(make_case(**fields))
    party = desk.attendees.add(
        case.id,
        Attendee("Lowenna Tregothnan", Role.YOUNG_PERSON)
        if young
        else Attendee("Morwenna Tregothnan", Role.PARENT_CARER),
    )
    people = [party]
    if la_present:
        people.append(
            desk.attendees.add(
                case.id,
                Attendee(
                    "Priya Venn",
                    Role.LA_DECISION_MAKER,
                    organisation="Royal Borough of Fernleigh",
                    job_title="Head of SEN",
                    decision_authority=True,
                ),
            )
        )
    if case.health_issues:
        people.append(
            desk.attendees.add(
                case.id,
                Attendee(
                    "Dr Tamsin Hale", Role.HEALTH, organisation="NHS Kernow Integrated Care Board"
                ),
            )
        )
    for person in people:
        desk.statement.set_presence(case.id, person.id, {"present": True, "arrived": "09:00"})
    issue = desk.statement.issues.add(
        case.id, Issue("Speech and language therapy", "Weekly sessions.", Outcome.AGREED)
    )
    desk.add_action(
        case.id,
        AgreedAction("Share the therapy report", "Priya Venn", Clock.NON_APPEALABLE_ACTION_BY,
                     issue_id=issue.id),
    )  # fmt: skip
    return desk.case(case.id), people


# -- finding 1: disagreement resolution is not mediation ---------------------------------------
def test_a_disagreement_resolution_statement_makes_no_reg_42_claim(desk):
    """SEND Regulations 2014 reg 42(1) applies only "where mediation has taken place"; a
    disagreement resolution meeting (CFA 2014 s57) makes no mediation agreement, no reg 42(3)
    dates and no certificate, and does not affect the right of appeal."""
    case, _ = meeting_case(
        desk,
        kind=CaseKind.DISAGREEMENT_RESOLUTION,
        decision_kind=DecisionKind.OTHER,
    )
    for text in statement_texts(desk, case):
        assert "regulation 42" not in text and "reg 42" not in text
        assert "mediation agreement" not in text
        assert "certificate" not in text
        assert "Monday 7 December 2026" not in text  # no reg 42(3) two weeks from today
        assert "disagreement resolution meeting" in text
        assert "Children and Families Act 2014 section 57" in text
        assert "does not affect the right to appeal" in text


def test_a_disagreement_resolution_action_keeps_only_the_date_the_parties_agreed(desk):
    """CFA 2014 s57: no reg 42(3) clock; an action's date is the one agreed, or none."""
    case, _ = meeting_case(
        desk, kind=CaseKind.DISAGREEMENT_RESOLUTION, decision_kind=DecisionKind.OTHER
    )
    action = desk.actions(case.id)[0]
    desk.update_action(action.id, {"due_override": D(2026, 12, 18), "override_reason": "Agreed"})
    for text in statement_texts(desk, case):
        assert "Friday 18 December 2026" in text


# -- finding 2: Section I only -----------------------------------------------------------------
def test_a_section_i_only_statement_gives_only_the_two_month_limb_with_its_date(desk):
    """No certificate for an appeal only about Section I (CFA 2014 s55), so only HESC Rules 2008
    r20(1)(c)(i): notice sent Mon 26 Oct 2026 gives Sat 26 Dec 2026, moved by r12(3)(a) to
    Mon 4 Jan 2027 (DOMAIN.md section 9)."""
    case, _ = meeting_case(desk, decision_kind=DecisionKind.PLAN_CONTENTS, section_i_only=True)
    for text in statement_texts(desk, case):
        assert "by 5pm on Monday 4 January 2027" in text
        assert "r20(1)(c)(i)" in text
        assert "25 December and 1 January" in text  # the r12 note where it moved
        assert "certificate" not in text.replace("no mediation certificate", "")
        assert "1 month after" not in text


def test_a_mediation_statement_gives_the_concrete_two_month_date_and_the_certificate_limb(desk):
    """HESC Rules 2008 r20(1)(c): the later of (i) 2 months after the decision notice and (ii) 1
    month after the certificate is issued. The certificate is not issued yet when the statement
    is agreed, so the statement gives limb (i) as a date (notice sent Mon 26 Oct 2026: Sat 26
    Dec 2026, moved by r12(3)(a) to Mon 4 Jan 2027) and says the certificate gives the exact
    date."""
    case, _ = meeting_case(desk, decision_kind=DecisionKind.PLAN_CONTENTS)
    for text in statement_texts(desk, case):
        assert "by 5pm on Monday 4 January 2027" in text
        assert "r20(1)(c)(i)" in text
        assert "1 month after the date the mediation certificate is issued" in text
        assert "r20(1)(c)(ii)" in text
        assert "the certificate will give the exact date" in text


# -- finding 5a: what the statement carries -----------------------------------------------------
def test_the_statement_names_the_parties_the_decision_maker_and_the_notice_date(desk):
    """The parties to mediation (CFA 2014 s53-54; DOMAIN.md section 5): the parent, the LA and
    the ICB where health is mediated, and the LA's representative with authority to agree."""
    case, _ = meeting_case(desk, health_issues=True)
    for text in statement_texts(desk, case):
        assert "Parent or carer Morwenna Tregothnan" in text
        assert "Local authority Royal Borough of Fernleigh" in text
        assert "Integrated care board NHS Kernow Integrated Care Board" in text
        assert "Priya Venn, Head of SEN (authority to agree)" in text
        assert "Date the decision notice was sent Monday 26 October 2026" in text


def test_a_mediation_agreement_says_what_it_obliges(desk):
    """SEND Regulations 2014 reg 42(1)-(3) and (5); reg 42(4) only where the LA was not a
    party (health-only mediation), never in a joint mediation."""
    case, _ = meeting_case(desk, health_issues=True)
    for text in statement_texts(desk, case):
        assert "regulation 42(1)" in text
        assert "as if the mediation agreement were an order of the First-tier Tribunal" in text
        assert "within two weeks of the date of the mediation agreement" in text
        assert "42(5)" in text
        assert "42(4)" not in text
        assert "within 3 working days of the conclusion of the mediation" in text
        assert "Monday 7 December 2026" in text  # the reg 42(3) date of the action


def test_a_health_only_agreement_carries_reg_42_4_and_not_42_2(desk):
    """Reg 42(4): where the LA was not a party, the ICB tells the LA within 1 week; reg 42(2)
    is about appealable (education) issues the LA agreed."""
    case, _ = meeting_case(
        desk, health_issues=True, health_only=True, la_present=False,
        decision_kind=DecisionKind.HEALTH_SOCIAL_CARE,
    )  # fmt: skip
    for text in statement_texts(desk, case):
        assert "42(4)" in text and "within 1 week" in text
        assert "NHS Kernow Integrated Care Board must notify" in text
        assert "as if the mediation agreement were an order" not in text


def test_the_certificate_sentence_is_only_where_a_certificate_follows(desk):
    """Reg 39: the certificate within 3 working days of the conclusion; none for Section I only
    (CFA 2014 s55)."""
    section_i, _ = meeting_case(desk, decision_kind=DecisionKind.PLAN_CONTENTS, section_i_only=True)
    for text in statement_texts(desk, section_i):
        assert "within 3 working days of the conclusion" not in text


def test_the_statement_is_marked_confidential(desk):
    """Children's personal data: shared only with the parties and those who attended."""
    case, _ = meeting_case(desk)
    for text in statement_texts(desk, case):
        assert text.index("OFFICIAL-SENSITIVE") < text.index("Case reference")
        assert "shared only with the parties and those who attended" in text


def test_the_childs_views_appear_briefly_where_given_and_shareable(desk):
    """CFA 2014 s19 and s56(1)(e): a parent party's statement carries the child's views where
    they may be shared with everyone it goes to; a young person speaks for themselves."""
    case, (parent, la) = meeting_case(desk)
    desk.child_views.update(
        case.id,
        {"wishes": "To stay at Polwenna School", "share_with": frozenset({parent.id, la.id})},
    )
    for text in statement_texts(desk, case):
        assert "Lowenna's views" in text
        assert "To stay at Polwenna School" in text
    young, (person, _) = meeting_case(desk, young=True)
    desk.child_views.update(
        young.id, {"wishes": "To stay at Polwenna School", "share_with": frozenset({person.id})}
    )
    for text in statement_texts(desk, young):
        assert "To stay at Polwenna School" not in text


def test_the_childs_views_stay_out_when_not_to_be_shared(desk):
    """The views go only where the child agreed (DESIGN.md section 5): shared with the parent
    but not the LA, they stay out of a statement the LA receives."""
    case, (parent, _) = meeting_case(desk)
    desk.child_views.update(
        case.id, {"wishes": "To stay at Polwenna School", "share_with": frozenset({parent.id})}
    )
    for text in statement_texts(desk, case):
        assert "To stay at Polwenna School" not in text


# -- finding 5a: confirmations worded as given and checked against the meeting ------------------
def test_confirmations_are_worded_as_they_were_given(desk):
    """Seed 002 asks for agreement before the meeting ends; one given in writing afterwards is
    said to be so, with its date, and the lead sentence does not claim otherwise."""
    case, (parent, la) = meeting_case(desk, meeting_date=D(2026, 11, 20))
    desk.statement.confirm(case, parent.id, ConfirmedHow.IN_WRITING, D(2026, 11, 20))
    desk.statement.confirm(case, la.id, ConfirmedHow.IN_WRITING)
    desk.statement.seal(case)
    for text in statement_texts(desk, case):
        assert "Confirmed in writing on Friday 20 November 2026" in text
        assert "Confirmed in writing on Monday 23 November 2026" in text
        assert "before the meeting ended" not in text
        assert "confirmed in writing after the meeting" in text


def test_a_confirmation_at_the_meeting_says_when(desk):
    """Seed 002: each party agrees the statement's accuracy before the meeting ends."""
    case, (parent, la) = meeting_case(desk)
    desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN)
    desk.statement.confirm(case, la.id, ConfirmedHow.SPOKEN)
    desk.statement.seal(case)
    for text in statement_texts(desk, case):
        assert "Agreed at the meeting, Monday 23 November 2026 at 09:30" in text
        assert "Each party agreed at the meeting that this statement is accurate" in text


@pytest.mark.parametrize(
    ("meeting", "how", "given", "message"),
    [
        (D(2026, 11, 20), ConfirmedHow.SPOKEN, None, "given at the meeting"),
        (D(2026, 11, 24), ConfirmedHow.IN_WRITING, None, "before the meeting"),
        (D(2026, 11, 20), ConfirmedHow.IN_WRITING, D(2026, 11, 19), "before the meeting"),
        (D(2026, 11, 20), ConfirmedHow.IN_WRITING, D(2026, 11, 24), "in the future"),
        (None, ConfirmedHow.SPOKEN, None, "meeting date"),
    ],
)
def test_a_confirmation_that_does_not_fit_the_meeting_is_refused(
    desk, meeting, how, given, message
):
    """Seed 002: agreed at the meeting means on the meeting day; in writing means on or after
    it, and not in the future. A wrong one is refused and nothing is recorded."""
    case, (parent, _) = meeting_case(desk, meeting_date=meeting)
    with pytest.raises(InvalidChange, match=message):
        desk.statement.confirm(case, parent.id, how, given)
    assert desk.statement.confirmations(case.id) == []


def test_a_spoken_date_cannot_be_given(desk):
    """A confirmation at the meeting is timed when recorded; only a written one carries the
    date it was given."""
    case, (parent, _) = meeting_case(desk)
    with pytest.raises(InvalidChange, match="at the meeting"):
        desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN, D(2026, 11, 23))


def test_in_a_health_mediation_the_icb_is_a_party_who_confirms_the_statement(desk):
    """Where health care provision is mediated the responsible commissioning body is a party to
    the mediation (SEND Regulations 2014 reg 42(3), (4): "the parties to the mediation"), so its
    representative confirms the statement like the other parties; the sealed record then
    verifies and the statement carries no verification notice."""
    case, people = meeting_case(
        desk, la_present=False, health_issues=True, health_only=True,
        decision_kind=DecisionKind.HEALTH_SOCIAL_CARE,
    )  # fmt: skip
    parent, icb = people
    assert [p.attendee.name for p in desk.statement.parties(case)] == [parent.name, icb.name]
    desk.statement.confirm(case, parent.id, ConfirmedHow.SPOKEN)
    assert "Dr Tamsin Hale" in " ".join(desk.statement.seal_problems(case))
    desk.statement.confirm(case, icb.id, ConfirmedHow.SPOKEN)
    desk.statement.seal(case)
    assert desk.statement.verify(case) == []
    text = " ".join(statement_texts(desk, case))
    assert "failed verification" not in text
    assert "Dr Tamsin Hale" in text


def test_a_health_only_statement_does_not_promise_an_appeal_about_health_care(desk):
    """Health care provision is not among the matters that can be appealed (CFA 2014 s51(2));
    the Tribunal may only recommend about it in an appeal that also has an education element
    (SI 2017/1306). So a health-only statement gives no appeal-by date for it."""
    case, _ = meeting_case(
        desk, la_present=False, health_issues=True, health_only=True,
        decision_kind=DecisionKind.HEALTH_SOCIAL_CARE,
    )  # fmt: skip
    for text in statement_texts(desk, case):
        assert "cannot be appealed to the First-tier Tribunal on its own" in text
        assert "section 51(2)" in text
        assert "by 5pm on" not in text


def test_a_section_i_only_statement_says_the_dispute_is_about_section_i(desk):
    """CFA 2014 s51(2)(c)(iii) and (iv): an appeal only about the school or institution named in
    Section I, its type, or that none is named; the statement says which dispute it records."""
    case, _ = meeting_case(desk, decision_kind=DecisionKind.PLAN_CONTENTS, section_i_only=True)
    for text in statement_texts(desk, case):
        assert "Decision in dispute Contents of a newly finalised EHC plan: Section I only" in text
