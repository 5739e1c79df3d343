"""Spelling with the shipped British English dictionary, and the mediator's own dictionary and
each case's names, kept in and read from the case file (services/spelling.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.spelling import Checker
from mediator_desk.services import open_desk
from mediator_desk.services.spelling import (
    KEY,
    Hunspell,
    SpellingUnavailable,
    british_english,
    dictionary_path,
)
from mediator_desk.store import errors
from tests.conftest import fixed_clock, fixed_today, make_case


def test_the_shipped_dictionary_is_british_english_and_licensed():
    folder = dictionary_path().parent
    assert (folder / "en_GB.aff").is_file() and (folder / "en_GB.dic").is_file()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "LICENSE-en_GB.txt").read_text()
    checker = Checker(british_english())
    british = "The programme's colour and behaviour: we recognise the centre's travelling."
    assert checker.misspelt(british) == []
    assert [m.word for m in checker.misspelt("The color of the center, recieve")] == [
        "color", "center", "recieve",
    ]  # fmt: skip


def test_the_dictionary_is_read_once_per_process():
    assert british_english() is british_english()


def test_the_dictionary_suggests_the_right_spelling_first():
    checker = Checker(british_english())
    assert checker.suggestions("recieve")[0] == "receive"
    assert checker.suggestions("Behavoiur")[0] == "Behaviour"


def test_a_missing_or_unreadable_dictionary_is_said_plainly(tmp_path: Path):
    with pytest.raises(SpellingUnavailable, match="could not be read"):
        Hunspell(tmp_path / "nothing")
    (tmp_path / "bad.aff").write_bytes(b"\xff\xfe SET NONSENSE\x00" * 3)
    (tmp_path / "bad.dic").write_text("not a count\n")
    with pytest.raises(SpellingUnavailable, match=r"could not be read \(bad\)"):
        Hunspell(tmp_path / "bad")


def test_the_mediators_own_words_are_kept_in_the_case_file(desk, casefile_path):
    assert desk.spelling.own_words() == ()
    desk.spelling.add_word("Tregothnans")
    desk.spelling.add_word("  mediatable ")
    desk.spelling.add_word("Tregothnans")  # once only
    assert desk.spelling.own_words() == ("mediatable", "Tregothnans")
    desk.close()
    again = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    try:
        assert again.spelling.own_words() == ("mediatable", "Tregothnans")
        again.spelling.remove_word("mediatable")
        assert again.spelling.own_words() == ("Tregothnans",)
        assert "Tregothnans" in again.spelling.known(None)
    finally:
        again.close()


def test_a_word_for_the_dictionary_is_one_word(desk):
    for bad in ("", "   ", "two words", "x" * 61):
        with pytest.raises(errors.InvalidChange, match="one word, without spaces"):
            desk.spelling.add_word(bad)
    assert desk.spelling.own_words() == ()


def test_what_is_kept_but_unreadable_is_an_empty_dictionary(desk):
    for kept in ("{not json", '{"a": 1}', '[1, "", "  ", "fine"]'):
        desk.casefile.cases.set_setting(KEY, kept)
        assert desk.spelling.own_words() == (("fine",) if "fine" in kept else ())


def test_a_read_only_case_file_keeps_no_new_word(casefile_path):
    open_desk(casefile_path, today=fixed_today, clock=fixed_clock).close()
    reading = open_desk(casefile_path, today=fixed_today, clock=fixed_clock, read_only=True)
    try:
        with pytest.raises(errors.CaseFileError):
            reading.spelling.add_word("Tregothnans")
    finally:
        reading.close()


def test_each_cases_own_names_are_known_without_asking(desk):
    desk.documents.set_service({"mediator": "Robin Ashdown", "name": "Kernow Mediation"})
    case = desk.create_case(make_case(child_known_as="Lowie"))
    desk.attendees.add(
        case.id, Attendee("Kerensa Hocking", Role.LA_DECISION_MAKER, organisation="Fernleigh SEN")
    )
    desk.attendees.add(
        case.id, Attendee("Demelza Trevenna", Role.SCHOOL, organisation="Porthallow Academy")
    )
    known = desk.spelling.known(case)
    for word in (
        "Lowenna", "Tregothnan", "Lowie", "Morwenna", "Fernleigh", "Kerensa", "Hocking",
        "Demelza", "Trevenna", "Porthallow", "Robin", "Ashdown", "Kernow",
    ):  # fmt: skip
        assert word in known, word
    checker = Checker(british_english(), known)
    assert checker.misspelt("Lowie and Demelza met at Porthallow with Kerensa Hocking.") == []
    # Another case does not know this case's names
    other = desk.create_case(make_case(child_name="Ysella Pascoe", child_known_as=""))
    assert "Demelza" not in desk.spelling.known(other)
    assert "Ysella" in desk.spelling.known(other)


def test_read_gently_the_dictionary_rests_every_thousand_lines():
    rests = []
    Hunspell(dictionary_path(), lambda: rests.append(1))
    lines = [
        len(dictionary_path().with_suffix(s).read_bytes().splitlines()) for s in (".aff", ".dic")
    ]
    assert len(rests) == sum(n // 1000 for n in lines) == 97


def test_the_dictionary_is_left_out_of_every_later_collection():
    """Its million objects live as long as the app: a full collection that looked at them
    all held the window for 0.28 s, every time."""
    import gc

    british_english()
    assert gc.get_freeze_count() > 400_000  # about half a million here


def test_reading_gently_leaves_the_switch_interval_as_it_was(monkeypatch):
    import sys

    from mediator_desk.services import spelling

    monkeypatch.setattr(spelling, "_loaded", None)
    seen = []
    monkeypatch.setattr(
        spelling, "Hunspell", lambda path, pause: seen.append(sys.getswitchinterval()) or "read"
    )
    before = sys.getswitchinterval()
    assert british_english(gentle=True) == "read"
    assert seen == [spelling.GENTLE_SWITCH_S]
    assert sys.getswitchinterval() == before
