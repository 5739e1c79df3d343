"""Spelling while drafting: what counts as a word, which words are known without asking, what
is offered for a misspelling, and that each word is looked up once (domain/spelling.py). The
dictionary here is a small stand-in; tests/store/test_spelling_dictionary.py uses the real one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from mediator_desk.domain.spelling import SEND_WORDS, Checker, Misspelling, name_words, words


class Small:
    """A dictionary of a few words, counting its lookups; its suggestions are fixed."""

    WORDS = frozenset(
        {"the", "child", "child's", "likes", "colour", "school", "and", "parents", "agreed",
         "receive", "will", "write", "to", "at", "meeting", "a", "in", "I", "don't", "is", "it"}
    )  # fmt: skip
    SUGGEST: ClassVar[dict[str, list[str]]] = {
        "recieve": ["receive", "relieve", "reverie"],
        "teh": ["the", "tech", "eh"],
    }

    def __init__(self) -> None:
        self.looked_up: list[str] = []
        self.suggested = 0

    def lookup(self, word: str) -> bool:
        self.looked_up.append(word)
        return word in self.WORDS

    def suggest(self, word: str) -> Iterator[str]:
        for spelling in self.SUGGEST.get(word.lower(), []):
            self.suggested += 1
            yield spelling


def spans(checker: Checker, text: str) -> list[tuple[int, str]]:
    return [(m.start, m.word) for m in checker.misspelt(text)]


def test_words_are_letters_with_apostrophes_inside_and_a_hyphen_parts_them():
    assert list(words("The child's colour-coded timetable")) == [
        (0, "The"), (4, "child's"), (12, "colour"), (19, "coded"), (25, "timetable"),
    ]  # fmt: skip
    # Quotes around a word are not part of it; the curly apostrophe is an apostrophe
    assert list(words("'likes' don’t parents'")) == [(1, "likes"), (8, "don’t"), (14, "parents")]


def test_a_word_is_found_after_a_part_not_checked_and_a_quote_mark_is_not_part_of_it():
    assert list(words("3rd-flor office_room 'Xavier's' box")) == [
        (4, "flor"), (22, "Xavier's"), (32, "box"),
    ]  # fmt: skip
    assert list(words("''Xerxes''")) == [(2, "Xerxes")]


def test_numbers_initials_single_letters_and_addresses_are_not_checked():
    text = (
        "On 3rd May the EHCP for Y6 (a review) see www.example.org or jo@example.org, "
        "https://x.test/abc ok"
    )
    assert [w for _, w in words(text)] == ["On", "May", "the", "for", "review", "see", "or", "ok"]


def test_a_misspelt_word_is_found_where_it_is_and_a_known_one_is_not():
    checker = Checker(Small())
    assert spans(checker, "The child likes teh colour") == [(16, "teh")]
    found = checker.misspelt("I recieve it")
    assert found == [Misspelling(2, "recieve")]
    assert (found[0].start, found[0].end) == (2, 9)


def test_a_capital_at_the_start_of_a_sentence_or_in_a_heading_is_not_a_misspelling():
    checker = Checker(Small())
    assert spans(checker, "School. Colour. Agreed") == []
    # But a word that is wrong in small letters is wrong in capitals too
    assert spans(checker, "Recieve") == [(0, "Recieve")]


def test_the_words_of_names_are_each_name_and_its_parts_of_two_letters_or_more():
    assert name_words(["Siobhan O'Brien", "Jo-Anne Lee", "", "Amara"]) == {
        "Siobhan", "O'Brien", "Brien", "Jo-Anne", "Jo", "Anne", "Lee", "Amara",
    }  # fmt: skip
    assert name_words(["", " "]) == frozenset()


def test_the_cases_names_are_known_without_asking_in_any_capitals_and_as_possessives():
    known = name_words(["Amara Okafor-Reid", "Northshire County Council", "St Wilfrid’s School"])
    assert {"Amara", "Okafor-Reid", "Okafor", "Reid", "Northshire", "Wilfrid’s"} <= known
    checker = Checker(Small(), known)
    text = "Amara and the Okafors agreed at Northshire. Okafor-Reid's school. AMARA. amara's"
    assert spans(checker, text) == []
    # A name is not a licence for its neighbours
    assert spans(checker, "Amaraa and Northshir") == [(0, "Amaraa"), (11, "Northshir")]


def test_a_possessive_or_plural_counts_only_on_a_known_name():
    checker = Checker(Small(), {"Okafor"})
    assert spans(checker, "Okafor's Okafors") == []
    assert spans(checker, "Okafo's Okafo") == [(0, "Okafo's"), (8, "Okafo")]


def test_the_words_of_send_work_are_known():
    checker = Checker(Small())
    assert {"SENCo", "neurodivergent", "wellbeing"} <= SEND_WORDS
    assert spans(checker, "the SENCo and wellbeing") == []


def test_each_word_is_looked_up_once_so_a_keystroke_checks_only_the_word_it_changed():
    dictionary = Small()
    checker = Checker(dictionary)
    paragraph = "the child likes the school and the meeting " * 20
    checker.misspelt(paragraph)
    first = len(dictionary.looked_up)
    assert first == len({"the", "child", "likes", "school", "and", "meeting"})
    checker.misspelt(paragraph + "agre")  # one more key pressed
    assert dictionary.looked_up[first:] == ["agre"]


def test_remembered_answers_are_forgotten_past_the_limit_and_still_right():
    dictionary = Small()
    checker = Checker(dictionary)
    checker.LIMIT = 3
    for word in ("the", "child", "likes"):
        assert checker.correct(word)
    assert len(checker._answers) == 3
    assert checker.correct("school")  # the fourth answer: the three before are forgotten
    assert len(checker._answers) == 1
    assert not checker.correct("teh")
    assert checker.correct("the")


def test_the_misspelling_at_the_cursor_is_found_touching_either_end():
    checker = Checker(Small())
    text = "the teh child"
    assert checker.at(text, 4) == Misspelling(4, "teh")
    assert checker.at(text, 7) == Misspelling(4, "teh")
    assert checker.at(text, 2) is None
    assert checker.at(text, 9) is None


def test_suggestions_put_a_close_name_first_keep_the_capitals_and_stop_when_told():
    checker = Checker(Small(), {"Amara"})
    assert checker.suggestions("recieve") == ["receive", "relieve", "reverie"]
    assert checker.suggestions("Teh") == ["The", "Tech", "Eh"]
    assert checker.suggestions("Amra") == ["Amara"]
    assert checker.suggestions("recieve", limit=2) == ["receive", "relieve"]
    dictionary = Small()
    stopped = Checker(dictionary).suggestions("recieve", stop=lambda: True)
    assert stopped == [] and dictionary.suggested == 1


def test_a_typographers_apostrophe_is_looked_up_as_a_straight_one():
    dictionary = Small()
    checker = Checker(dictionary)
    assert spans(checker, "I don’t") == []
    assert "don't" in dictionary.looked_up


class Many(Small):
    SUGGEST: ClassVar[dict[str, list[str]]] = {
        "recieve": ["receive", "receive", "recieve", "relieve", "reverie", "recite", "revive",
                    "reweave", "relive", "receiver"],
        "ebay": ["eBay", "bay"],
    }  # fmt: skip


def test_at_most_six_spellings_each_once_never_the_word_itself():
    dictionary = Many()
    offered = Checker(dictionary).suggestions("recieve")
    assert offered == ["receive", "relieve", "reverie", "recite", "revive", "reweave"]
    dictionary = Many()
    assert Checker(dictionary).suggestions("recieve", limit=2) == ["receive", "relieve"]
    assert dictionary.suggested == 5  # and no more asked of the dictionary than needed


def test_a_spelling_with_capitals_of_its_own_is_offered_as_it_is_spelt():
    assert Checker(Many()).suggestions("Ebay") == ["eBay", "Bay"]


def test_at_most_two_close_names_come_first_and_only_close_ones():
    names = {"Lowenna", "Lowen", "Loweni", "Tamsin"}  # 0.92, 0.91 and 0.83 alike Lowena
    checker = Checker(Small(), names)
    assert checker.suggestions("Lowena") == ["Lowenna", "Lowen"]
    assert checker.suggestions("Lowena", limit=1) == ["Lowenna"]
    assert checker.suggestions("Tamzen") == []  # 0.67 alike: not close enough to offer
