"""The service's phrase bank (domain/phrases.py), kept in the case file's settings: the
starting phrases until the mediator changes them in Settings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..domain.case import Case
from ..domain.dates import long_date
from ..domain.phrases import STARTING_PHRASES, Phrase, problems
from ..store import errors
from .signing import HasService

if TYPE_CHECKING:
    from ..store.casefile import CaseFile


class PhraseDesk(Protocol):
    """What the phrase bank needs of the Desk."""

    casefile: CaseFile

    @property
    def documents(self) -> HasService: ...  # the mediator's name in Settings
    @property
    def path(self) -> Path: ...
    def refuse_if_read_only(self) -> None: ...


KEY = "phrase_bank"  # JSON: [[trigger, text], ...]


class PhraseBank:
    def __init__(self, desk: PhraseDesk) -> None:
        self._desk = desk

    def phrases(self) -> tuple[Phrase, ...]:
        """The service's phrases; the starting set when none are kept (or what is kept is no
        longer a list of phrases, so drafting still has them)."""
        with errors.plain_english_errors(self._desk.path):
            text = self._desk.casefile.cases.setting(KEY, "")
        if not text:
            return STARTING_PHRASES
        try:
            kept = tuple(Phrase(str(t), str(x)) for t, x in json.loads(text))
        except (ValueError, TypeError):
            return STARTING_PHRASES
        return STARTING_PHRASES if problems(kept) else kept

    def set_phrases(self, phrases: Sequence[Phrase]) -> None:
        """Keep these phrases (all of them, or none if any needs putting right)."""
        self._desk.refuse_if_read_only()
        found = problems(phrases)
        if found:
            raise errors.InvalidChange(" ".join(found))
        text = json.dumps([[p.trigger, p.text] for p in phrases], ensure_ascii=False)
        with errors.plain_english_errors(self._desk.path):
            self._desk.casefile.cases.set_setting(KEY, text)

    def values(self, case: Case | None) -> dict[str, str]:
        """What the placeholders stand for in this case (empty where it is not known)."""
        mediator = self._desk.documents.service().mediator
        if case is None:
            return {"mediator": mediator}
        decision = case.decision_kind.label if case.decision_kind else ""
        return {
            "child": case.display_name,
            "la": case.local_authority,
            "decision": decision[:1].lower() + decision[1:],
            "decision_date": long_date(case.decision_date) if case.decision_date else "",
            "meeting_date": long_date(case.meeting_date) if case.meeting_date else "",
            "reference": case.reference,
            "mediator": mediator,
        }
