"""One change notification per case: every write use case says which case it touched, and
whoever shows a case (the GUI's tabs, casebook, dashboard) listens here instead of each view
remembering to ask the others. A use case that calls another is still one change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[int], None]


class CaseChanges:
    """Collects the cases touched by the write in progress and tells the listeners once it
    has finished, one call per case. Pure Python: the GUI turns it into a Qt signal."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._depth = 0
        self._touched: dict[int, None] = {}  # in the order first touched

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(case_id)` after each write to a case; returns the unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    @contextmanager
    def writing(self, case_id: int | None = None) -> Iterator[Callable[[int | None], None]]:
        """Around one write use case: `case_id` (and any id passed to the function it yields)
        is announced when the outermost write ends well; a refused write announces nothing."""
        found: list[int] = []

        def touch(other: int | None) -> None:
            if other is not None:
                found.append(other)

        self._depth += 1
        try:
            yield touch
            touch(case_id)
            for one in found:
                self._touched.setdefault(one, None)
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._announce()

    def _announce(self) -> None:
        touched, self._touched = list(self._touched), {}
        for case_id in touched:
            for listener in list(self._listeners):
                listener(case_id)
