"""Long work in a process of its own, for a large casebook: seconds of pure Python (the check as
a file opens, a bank holiday's recount) run on a worker thread in the window's process hold the
interpreter's lock in turns with the window, which then stalls. Started with spawn (no copy of
the window's state), the work answers through a pipe: its progress as it goes, then what it
made, or the problem it met (raised again here, in the same plain English)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from ..store import errors

APART_FROM = 5_000  # cases: below this, the work takes milliseconds and a process 0.3 s to start

CANCEL_EVERY_S = 0.1  # how often work that can be stopped is asked whether it has been

Progress = Callable[[int, int], None]


class Stopped(Exception):
    """The process ended before answering: stopped (see `started`), or it died."""


def _work_and_send(
    pipe: Connection, work: Callable[..., Any], args: tuple[Any, ...], reports: bool
) -> None:
    """In the work's own process: do it, and send back its progress, then what it made or the
    problem it met."""
    try:
        if reports:
            made = work(*args, progress=lambda done, total: pipe.send(("progress", (done, total))))
        else:
            made = work(*args)
        pipe.send(("done", made))
    except errors.CaseFileError as problem:
        pipe.send(("failed", problem))
    except Exception as problem:  # said in plain English here, never as a traceback
        pipe.send(("failed", errors.StorageProblem(f"Mediator Desk could not finish: {problem}")))
    finally:
        pipe.close()


def run_apart(
    name: str,
    work: Callable[..., Any],
    *args: Any,
    progress: Progress | None = None,
    started: Callable[[BaseProcess | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Any:
    """`work(*args)` in a process of its own named `name` (with `progress=` if `progress` is
    given, heard here as it goes); returns what it made. `started` hears the process once it
    runs (to stop it with `terminate`) and None once it has ended; `cancelled`, asked every
    tenth of a second, ends it too (raising Stopped). For a worker thread: this waits in the
    pipe, without the interpreter's lock."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(
        target=_work_and_send, args=(theirs, work, args, progress is not None), daemon=True,
        name=name,
    )  # fmt: skip
    process.start()
    theirs.close()
    if started is not None:
        started(process)
    try:
        while True:  # asked after every report, and after each tenth of a second without one
            if cancelled is not None and cancelled():
                process.terminate()  # its transaction is rolled back with it
                cancelled = None  # then read to the end of the pipe
            if cancelled is not None and not ours.poll(CANCEL_EVERY_S):
                continue
            outcome, value = ours.recv()
            if outcome != "progress":
                break
            if progress is not None:
                progress(*value)
    except (EOFError, OSError):  # stopped, or it died
        raise Stopped(name) from None
    finally:
        if started is not None:
            started(None)
        ours.close()
        process.join(5)
    if outcome == "failed":
        raise value
    return value
