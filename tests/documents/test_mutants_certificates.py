"""Why a certificate is refused, in the words the mediator reads: the refusals the mutation run
(docs/testing.md) found no test for. Each reason names the certificate to issue instead, or the
law that means none is needed."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.case import CaseKind, DecisionKind
from mediator_desk.services.documents import CannotMakeDocument
from tests.documents.test_certificate_law import certificate_case

D = dt.date


def refusal(desk, case, kind) -> str:
    with pytest.raises(CannotMakeDocument) as refused:
        desk.documents.build(case, kind)
    return str(refused.value)


def test_the_wrong_decline_certificate_names_the_right_one(desk):
    """CFA 2014 s55(4), SEND Regulations 2014 reg 34: one certificate per decline."""
    before = certificate_case(desk)  # declined Mon 2 Nov, before the LA was told on Tue 3 Nov
    assert refusal(desk, before, "certificate-changed-mind") == (
        "The family declined before asking for mediation (before the LA was told): issue the "
        "certificate 'mediation not pursued' instead."
    )
    after = certificate_case(desk, la_informed=D(2026, 10, 30))  # asked, then withdrew
    assert refusal(desk, after, "certificate-not-pursued") == (
        "The family asked for mediation and then withdrew: issue the certificate 'requested, "
        "then not pursued' instead."
    )


def test_no_certificate_where_the_law_needs_none(desk):
    """An appeal only about Section I needs no mediation certificate (CFA 2014 s55), and
    disagreement resolution (SEND Regulations 2014 reg 54) is not mediation."""
    section_i = certificate_case(
        desk, decision_kind=DecisionKind.PLAN_CONTENTS, section_i_only=True
    )
    assert refusal(desk, section_i, "certificate-concluded") == (
        "An appeal only about Section I needs no mediation certificate (CFA 2014 s55)."
    )
    resolution = certificate_case(desk, kind=CaseKind.DISAGREEMENT_RESOLUTION, decision_kind=None)
    assert refusal(desk, resolution, "certificate-concluded") == (
        "Disagreement resolution has no mediation certificate."
    )


@pytest.mark.parametrize(
    ("kind", "missing", "reason"),
    [
        (
            "certificate-concluded",
            "concluded_on",
            "Record when mediation concluded first (Overview ▸ Key dates).",
        ),
        (
            "certificate-not-pursued",
            "declined_on",
            "Record when the family said they do not wish to mediate (Overview ▸ Key dates).",
        ),
        (
            "certificate-not-arranged",
            "la_cannot_arrange",
            "Record when the LA said it could not arrange mediation (Overview ▸ Key dates).",
        ),
    ],
)
def test_no_certificate_before_the_date_it_certifies(desk, kind, missing, reason):
    """A certificate states the day its event happened (CFA 2014 s55(4) and (5)), so it is
    refused until that day is recorded, and the mediator is told where to record it."""
    case = certificate_case(desk, **{missing: None})
    assert refusal(desk, case, kind) == reason


def test_without_the_decision_date_the_appeal_sentence_gives_the_rule_in_full(desk):
    """With no decision notice date recorded no appeal date can be worked out, so the sentence
    states the rule itself, word for word: the later of 2 months after the notice and 1 month
    after the certificate (HESC Rules 2008 r20(1)(c)), to 5pm, moved by r12."""
    from mediator_desk.documents.certificates import appeal_sentence

    case = certificate_case(desk, decision_date=None)
    assert appeal_sentence(desk.documents.facts(case)) == (
        "An appeal must be received by the Tribunal by 5pm on the later of 2 months after the "
        "decision notice was sent and 1 month after the date of this certificate (Tribunal "
        "Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c) and r12). The date of the "
        "decision notice is not recorded, so no date can be given here."
    )
