"""Small-number suppression for exported reports: counts that could identify a child or family
are shown as "<5", and others hidden as "[c]" where a published total would give one away
(docs/reporting.md). Pure arithmetic over counts, apart from the reporting rules."""

from __future__ import annotations

from collections.abc import Sequence

SMALL_COUNT = 5  # exported counts below this (other than 0) are shown as "<5"
SUPPRESSED = "<5"  # a count from 1 to 4
CONCEALED = "[c]"  # a larger count hidden so that a "<5" cannot be worked out from a total


def suppress(counts: Sequence[int], total: int | None = None) -> tuple[list[str], bool]:
    """Counts as an exported report shows them, and whether the group's total must be hidden
    too. A count from 1 to 4 is shown as "<5" (0 stays 0: it reveals no one). Where the total
    is published, more counts are hidden, smallest first and shown as "[c]", until no "<5"
    can be worked out from the total and the counts shown: a reader knows only that each "<5"
    is 1 to 4 and each "[c]" is 5 or more. If even hiding every count is not enough (say two
    4s and a total of 8), the total is hidden as well."""
    small = [0 < c < SMALL_COUNT for c in counts]
    hidden = list(small)
    if total is None or not any(small) or 0 < total < SMALL_COUNT:
        return _cells(counts, small, hidden), False
    while not _protected(counts, small, hidden):
        shown = [(c, i) for i, c in enumerate(counts) if not hidden[i] and c > 0]
        if not shown:
            return _cells(counts, small, hidden), True
        hidden[min(shown)[1]] = True
    return _cells(counts, small, hidden), False


def _protected(counts: Sequence[int], small: list[bool], hidden: list[bool]) -> bool:
    """Whether every hidden small count could be more than one value, given the total: the
    hidden counts' sum is known; each small one is 1 to 4, each other hidden one 5 or more."""
    smalls = sum(small)
    others = sum(h and not s for h, s in zip(hidden, small, strict=True))
    hidden_sum = sum(c for c, h in zip(counts, hidden, strict=True) if h)
    if others:
        return hidden_sum > smalls + SMALL_COUNT * others
    return smalls >= 2 and smalls < hidden_sum < (SMALL_COUNT - 1) * smalls


def _cells(counts: Sequence[int], small: list[bool], hidden: list[bool]) -> list[str]:
    return [
        SUPPRESSED if s else CONCEALED if h else str(c)
        for c, s, h in zip(counts, small, hidden, strict=True)
    ]


def shown_counts(counts: Sequence[int], total: int | None = None) -> list[str]:
    """The counts of `suppress`, for a group whose total is shown elsewhere."""
    return suppress(counts, total)[0]


def shown_total(total: int) -> str:
    return SUPPRESSED if 0 < total < SMALL_COUNT else str(total)
