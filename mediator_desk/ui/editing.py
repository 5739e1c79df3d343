"""The one rule for edits: every edit still waiting for autosave is written before anything
reloads, adds, removes, reorders, selects another record, switches tab or case, refreshes the
presenter, confirms or seals, so lists and forms are always rebuilt from what was written.

Every Autosaver is listed as it is made (autosave.live_autosavers) and belongs to the window of
the widget it saves for, so one call finds all pending in a window, whichever tab owns them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtWidgets import QWidget

from .autosave import Autosaver, live_autosavers

P = ParamSpec("P")
W = TypeVar("W", bound=QWidget)


def pending_savers(widget: QWidget) -> list[Autosaver]:
    """The autosavers with edits waiting in the widget's window."""
    root = widget.window()
    return [saver for saver in live_autosavers() if saver.pending and window_of(saver) == root]


def window_of(saver: Autosaver) -> QWidget | None:
    """The window of the widget a saver belongs to (None for a saver without one)."""
    owner = saver.parent()
    return owner.window() if isinstance(owner, QWidget) else None


def write_pending(widget: QWidget) -> bool:
    """Write every pending edit in the widget's window; True when nothing is left unsaved.
    A write that fails keeps its edits (they are retried) and is reported by its saver."""
    return all([saver.flush() for saver in pending_savers(widget)])


def after_pending_edits(
    method: Callable[Concatenate[W, P], None],
) -> Callable[Concatenate[W, P], None]:
    """For an operation that changes or reloads records: write every pending edit first, and
    do nothing when one cannot be written (the saver has said why), so nothing is built
    from a copy older than what was typed."""

    def guarded(owner: W, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if write_pending(owner):
            method(owner, *args, **kwargs)

    # Not @functools.wraps: typeshed's wrapper type loses the Concatenate signature.
    functools.update_wrapper(guarded, method)
    return guarded
