"""The service's phrase bank, kept in the case file: the starting phrases until changed, a set
kept whole or not at all, and the case's own values for the placeholders."""

from __future__ import annotations

import datetime as dt

import pytest

from mediator_desk.domain.phrases import STARTING_PHRASES, Phrase
from mediator_desk.services import open_desk
from mediator_desk.services.phrases import KEY
from mediator_desk.store import errors
from tests.conftest import fixed_clock, fixed_today, make_case


def test_the_starting_phrases_until_the_service_keeps_its_own(desk, casefile_path):
    assert desk.phrases.phrases() == STARTING_PHRASES
    mine = (Phrase("thanks", "Thank you all for coming."), Phrase("agreed", "Agreed by all."))
    desk.phrases.set_phrases(mine)
    assert desk.phrases.phrases() == mine
    desk.close()
    again = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    try:
        assert again.phrases.phrases() == mine  # kept in the case file
    finally:
        again.close()


def test_a_set_with_a_problem_is_refused_whole(desk):
    mine = (Phrase("thanks", "Thank you all for coming."),)
    desk.phrases.set_phrases(mine)
    with pytest.raises(errors.InvalidChange, match="the trigger “thanks” is used twice"):
        desk.phrases.set_phrases((*mine, Phrase("thanks", "Again.")))
    assert desk.phrases.phrases() == mine


def test_what_is_kept_but_unreadable_gives_the_starting_phrases(desk):
    desk.casefile.cases.set_setting(KEY, "{not a list")
    assert desk.phrases.phrases() == STARTING_PHRASES
    desk.casefile.cases.set_setting(KEY, '[["Two Words", "Text"]]')
    assert desk.phrases.phrases() == STARTING_PHRASES


def test_the_placeholders_stand_for_the_cases_own_facts(desk):
    desk.documents.set_service({"mediator": "Robin Ashdown"})
    case = desk.create_case(make_case(meeting_date=dt.date(2026, 12, 4)))
    values = desk.phrases.values(case)
    assert values == {
        "child": "Lowenna Tregothnan",
        "la": "Fernleigh County Council",
        "decision": "not to carry out an EHC needs assessment",
        "decision_date": "Monday 2 November 2026",
        "meeting_date": "Friday 4 December 2026",
        "reference": case.reference,
        "mediator": "Robin Ashdown",
    }
    assert desk.phrases.values(None) == {"mediator": "Robin Ashdown"}
