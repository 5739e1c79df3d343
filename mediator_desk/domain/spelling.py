"""Spelling in British English while drafting: which words in a line of text are misspelt, and
what else to offer. The dictionary itself (a Hunspell en-GB dictionary) is given from outside
as anything with `lookup`; this module decides what counts as a word, which words are known
without asking (the case's own names, the words of SEND work, the mediator's own dictionary),
and remembers each answer so that a keystroke checks only the word it changed."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol


class Dictionary(Protocol):
    """A spelling dictionary: whether a word is spelt right, and spellings close to one that
    is not (best first, possibly slowly)."""

    def lookup(self, word: str) -> bool: ...
    def suggest(self, word: str) -> Iterator[str]: ...


# Words of SEND work that the en-GB dictionary lacks (words in capitals, such as EHCP, SENDIASS
# and ICB, are never checked: they are initials).
SEND_WORDS = frozenset(
    {
        "SENCo", "SENCos", "neurodivergent", "neurodivergence", "neurodiverse",
        "neurotypical", "dyscalculia", "dyscalculic", "dysregulated", "dysregulation",
        "coproduction", "coproduce", "coproduced", "wellbeing", "EHCPs", "ICBs",
    }
)  # fmt: skip

_CHUNK = re.compile(r"\S+")
_TOKEN = re.compile(r"[\w'’]+")
_NOT_PROSE = ("@", "://", "www.")  # an email address or a web address is not checked
_NAME_PART = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Misspelling:
    """A misspelt word: where it starts in the text, and the word as typed."""

    start: int
    word: str

    @property
    def end(self) -> int:
        return self.start + len(self.word)


def words(text: str) -> Iterator[tuple[int, str]]:
    """The words to check in `text`, each with where it starts. A word is letters, with
    apostrophes inside it (child's, don't); a hyphen or a dash parts two words. Not checked:
    anything with a digit in it (3rd, Y6), words in capitals (initials: EHCP, ICB), single
    letters, and email or web addresses."""
    for chunk in _CHUNK.finditer(text):
        if any(mark in chunk.group().lower() for mark in _NOT_PROSE):
            continue
        for token in _TOKEN.finditer(chunk.group()):
            raw = token.group()
            word = raw.strip("'’")
            if len(word) < 2 or any(c.isdigit() or c == "_" for c in word) or word.isupper():
                continue
            quotes = len(raw) - len(raw.lstrip("'’"))  # a quotation mark before the word
            yield chunk.start() + token.start() + quotes, word


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of people's and organisations' names ("Amara Okafor-Reid", "Northshire County
    Council"), as a checker knows them without asking."""
    found: set[str] = set()
    for name in names:
        for part in _NAME_PART.findall(name or ""):
            found.add(part)
            found.update(p for p in re.split(r"['’-]", part) if len(p) > 1)
    return frozenset(found)


def _plain(word: str) -> str:
    """The word as the dictionary spells it: a typographer's apostrophe as a straight one."""
    return word.replace("’", "'")


class Checker:
    """Which words are misspelt, given a dictionary and the words known without asking
    (the case's names, the mediator's own dictionary). A word is known in any capitals: at
    the start of a sentence, or in a heading. Each word's answer is remembered, so a
    keystroke in a long paragraph checks only the word it changed."""

    LIMIT = 20_000  # answers remembered before starting again

    def __init__(self, dictionary: Dictionary, known: Iterable[str] = ()) -> None:
        self.dictionary = dictionary
        self.known = frozenset(_plain(w).casefold() for w in (*SEND_WORDS, *known))
        self._names = tuple(sorted(set(known)))
        self._answers: dict[str, bool] = {}

    def correct(self, word: str) -> bool:
        answer = self._answers.get(word)
        if answer is None:
            if len(self._answers) >= self.LIMIT:
                self._answers.clear()
            answer = self._answers[word] = self._check(_plain(word))
        return answer

    def _check(self, word: str) -> bool:
        folded = word.casefold()
        if folded in self.known:
            return True
        if folded.endswith("'s") and folded[:-2] in self.known:
            return True  # a name's possessive: Amara's
        if folded.endswith("s") and folded[:-1] in self.known:
            return True  # a family by its name: the Okafors
        if self.dictionary.lookup(word):
            return True
        # The first word of a sentence, or a heading in capitals, as the dictionary keeps it
        return word[:1].isupper() and self.dictionary.lookup(word.lower())

    def misspelt(self, text: str) -> list[Misspelling]:
        return [Misspelling(start, word) for start, word in words(text) if not self.correct(word)]

    def at(self, text: str, position: int) -> Misspelling | None:
        """The misspelt word at `position` in `text` (touching it at either end), if any."""
        for found in self.misspelt(text):
            if found.start <= position <= found.end:
                return found
        return None

    def suggestions(
        self, word: str, limit: int = 6, stop: Callable[[], bool] = lambda: False
    ) -> list[str]:
        """Spellings to offer for `word`: a known name it is close to first (Amra: Amara),
        then the dictionary's, in the capitals the word was typed in; at most `limit`. `stop`
        is asked between the dictionary's suggestions (they can take a second to find)."""
        offered: list[str] = []

        def offer(spelling: str) -> None:
            # Capitals as typed (Teh: The), but a spelling with capitals of its own (eBay,
            # McKenzie) is offered as the dictionary spells it.
            if word[:1].isupper() and spelling.islower():
                spelling = spelling[:1].upper() + spelling[1:]
            if spelling != word and spelling not in offered and len(offered) < limit:
                offered.append(spelling)

        for name in difflib.get_close_matches(word, self._names, n=2, cutoff=0.75):
            offer(name)
        for spelling in self.dictionary.suggest(_plain(word)):
            if len(offered) >= limit or stop():
                break
            offer(spelling)
        return offered
