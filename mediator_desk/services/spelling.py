"""Spelling: the British English dictionary shipped in resources/dictionaries (a Hunspell
dictionary read by spylls, a pure-Python Hunspell that works alike on every platform), loaded
once per process; and, per case file, the mediator's own dictionary and the words each case
knows without asking (domain/spelling.py decides what is misspelt)."""

from __future__ import annotations

import gc
import io
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..domain.case import Case
from ..domain.preparation import Attendee
from ..domain.spelling import Checker, name_words
from ..paths import resources_dir
from ..store import errors
from .records import Records
from .signing import HasService

if TYPE_CHECKING:
    from ..store.casefile import CaseFile

KEY = "personal_dictionary"  # JSON: the mediator's own words, sorted
CHECKING = "spelling_as_you_type"  # "off" when the mediator has turned it off
PACE = 1000  # lines of the dictionary read between rests, when read gently
GENTLE_SWITCH_S = 0.0005
UNAVAILABLE = "Spelling is not checked: the British English dictionary could not be read"


class SpellingUnavailable(Exception):
    """The dictionary is missing or unreadable; drafting goes on without underlines."""


class Hunspell:
    """A Hunspell dictionary (.aff and .dic) read with spylls, from the files' bytes read
    whole (spylls' own reader leaves its files open)."""

    def __init__(self, base: Path, pause: Callable[[], None] | None = None) -> None:
        """Read the dictionary at `base` (.aff and .dic); `pause` is called every PACE lines
        of it (to let the window's thread have the interpreter: see british_english)."""
        from spylls.hunspell import Dictionary, readers
        from spylls.hunspell.readers.file_reader import BaseReader

        class Bytes(BaseReader):
            def __init__(self, data: bytes, encoding: str = "Windows-1252") -> None:
                self.data = data
                super().__init__(self.text(encoding))

            def reset_encoding(self, encoding: str) -> None:
                self.reset_io(self.text(encoding))

            def text(self, encoding: str) -> io.TextIOWrapper:
                return io.TextIOWrapper(
                    io.BytesIO(self.data), encoding=encoding, errors="surrogateescape"
                )

            def readlines(self) -> Iterator[tuple[int, str]]:
                for number, line in super().readlines():
                    if pause is not None and number % PACE == 0:
                        pause()
                    yield number, line

        # Its 97,000 entries make a million objects: collecting while they are made trebles
        # the time (1.0 s against 3.8 s here) and frees nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            aff_bytes = base.with_suffix(".aff").read_bytes()
            dic_bytes = base.with_suffix(".dic").read_bytes()
            aff, context = readers.read_aff(Bytes(aff_bytes))
            dic = readers.read_dic(Bytes(dic_bytes, context.encoding), aff=aff, context=context)
            self._dictionary = Dictionary(aff, dic)
            if not all(self._dictionary.lookup(w) for w in ("the", "colour", "organisation")):
                raise ValueError("not a British English dictionary")
        except Exception as error:  # a missing file, or one that is not a dictionary
            raise SpellingUnavailable(f"{UNAVAILABLE} ({base.name}).") from error
        finally:
            if collecting:
                gc.enable()

    def lookup(self, word: str) -> bool:
        return bool(self._dictionary.lookup(word))

    def suggest(self, word: str) -> Iterator[str]:
        return iter(self._dictionary.suggest(word))


def dictionary_path() -> Path:
    return resources_dir() / "dictionaries" / "en_GB"


_loaded: Hunspell | None = None
_loading = threading.Lock()


def british_english(base: Path | None = None, gentle: bool = False) -> Hunspell:
    """The British English dictionary, read on first use (about a second; call it off the
    window's thread) and shared after: it never changes while the app runs.

    `gentle` is for reading it beside the window. A thread running pure Python holds the
    interpreter's lock for up to the switch interval (5 ms) each time the window's thread asks
    for it, and a keystroke asks dozens of times (each call into Python from Qt): typing while
    the dictionary was read stalled the window for 0.5 s. Gently, the interval is 0.5 ms while
    it is read, and the reading rests 2 ms every PACE lines."""
    global _loaded
    with _loading:
        if _loaded is None:
            path = base or dictionary_path()
            if not path.with_suffix(".dic").is_file() or not path.with_suffix(".aff").is_file():
                raise SpellingUnavailable(f"{UNAVAILABLE}: it is not where it belongs.")
            interval = sys.getswitchinterval()
            if gentle:
                sys.setswitchinterval(GENTLE_SWITCH_S)
            try:
                _loaded = Hunspell(path, (lambda: time.sleep(0.002)) if gentle else None)
            finally:
                sys.setswitchinterval(interval)
            # Its million objects live as long as the app: no collection need look at them
            # again. Left to the collector, the first full pass after reading took 0.28 s, and
            # every later one as long, each holding the window (the interpreter's lock).
            gc.freeze()
        return _loaded


def loaded_dictionary() -> Hunspell | None:
    """The dictionary if it has been read; never waits."""
    return _loaded


class SpellingDesk(Protocol):
    """What spelling needs of the Desk."""

    casefile: CaseFile
    attendees: Records[Attendee]

    @property
    def documents(self) -> HasService: ...  # the mediator's and the service's names
    @property
    def path(self) -> Path: ...
    def refuse_if_read_only(self) -> None: ...


class Spelling:
    """The mediator's own dictionary, kept in the case file, and each case's known words."""

    def __init__(self, desk: SpellingDesk) -> None:
        self._desk = desk

    def enabled(self) -> bool:
        """Whether misspellings are underlined as the mediator types (on unless turned off)."""
        with errors.plain_english_errors(self._desk.path):
            return self._desk.casefile.cases.setting(CHECKING, "on") != "off"

    def set_enabled(self, on: bool) -> None:
        self._desk.refuse_if_read_only()
        with errors.plain_english_errors(self._desk.path):
            self._desk.casefile.cases.set_setting(CHECKING, "on" if on else "off")

    def own_words(self) -> tuple[str, ...]:
        with errors.plain_english_errors(self._desk.path):
            text = self._desk.casefile.cases.setting(KEY, "")
        try:
            kept = json.loads(text) if text else []
        except ValueError:
            return ()
        if not isinstance(kept, list):
            return ()
        return tuple(sorted({w for w in kept if isinstance(w, str) and w.strip()}, key=str.lower))

    def _keep(self, own: set[str]) -> None:
        self._desk.refuse_if_read_only()
        text = json.dumps(sorted(own, key=str.lower), ensure_ascii=False)
        with errors.plain_english_errors(self._desk.path):
            self._desk.casefile.cases.set_setting(KEY, text)

    def add_word(self, word: str) -> None:
        """Keep `word` as spelt right, in every case of this case file."""
        word = word.strip()
        if not word or any(c.isspace() for c in word) or len(word) > 60:
            raise errors.InvalidChange("A word for the dictionary is one word, without spaces.")
        self._keep({*self.own_words(), word})

    def remove_word(self, word: str) -> None:
        self._keep(set(self.own_words()) - {word})

    def known(self, case: Case | None) -> frozenset[str]:
        """The words known without asking: the mediator's own, the mediator's and the
        service's names, and for a case its child, parents, local authority and every
        attendee's name and organisation (school, ICB, services)."""
        service = self._desk.documents.service()
        names = [service.mediator, service.name, service.adviser]
        if case is not None:
            names += [case.child_name, case.child_known_as, case.local_authority]
            names += [p.name for p in case.parents]
            if case.id is not None:
                for person in self._desk.attendees.list(case.id):
                    names += [person.name, person.organisation]
        return name_words(names) | frozenset(self.own_words())

    def checker(self, case: Case | None) -> Checker | None:
        """A checker for this case, or None while the dictionary is still being read."""
        dictionary = loaded_dictionary()
        return Checker(dictionary, self.known(case)) if dictionary is not None else None
