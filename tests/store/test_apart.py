"""Long work in a process of its own (services/apart.py): its progress heard here as it goes,
what it made returned, what went wrong raised here in plain English, and a process that ends
without answering told apart from a problem."""

from __future__ import annotations

import os

import pytest

from mediator_desk.services.apart import Stopped, run_apart
from mediator_desk.store import errors


def count_to(total, progress=None):  # in the work's own process
    for done in range(1, total + 1):
        if progress is not None:
            progress(done, total)
    return {"counted": total, "pid": os.getpid()}


def refuse(message):
    raise errors.InvalidChange(message)


def break_down():
    raise KeyError("next_due")


def die():
    os._exit(3)


def test_the_work_runs_in_another_process_and_its_progress_is_heard_here():
    heard: list[tuple[int, int]] = []
    made = run_apart("counting", count_to, 3, progress=lambda d, t: heard.append((d, t)))
    assert made["counted"] == 3 and made["pid"] != os.getpid()
    assert heard == [(1, 3), (2, 3), (3, 3)]


def test_work_that_reports_nothing_is_not_asked_to():
    assert run_apart("counting", count_to, 2)["counted"] == 2


def test_a_refusal_there_is_the_same_refusal_here():
    with pytest.raises(errors.InvalidChange) as refusal:
        run_apart("refusing", refuse, "Give the bank holiday a name.")
    assert refusal.value.message == "Give the bank holiday a name."


def test_anything_else_that_goes_wrong_there_is_said_in_plain_english_here():
    with pytest.raises(errors.StorageProblem) as problem:
        run_apart("breaking", break_down)
    assert problem.value.message == "Mediator Desk could not finish: 'next_due'"


def test_a_process_that_ends_without_answering_is_stopped_not_a_result():
    seen: list[object] = []
    with pytest.raises(Stopped):
        run_apart("dying", die, started=seen.append)
    assert len(seen) == 2 and seen[0] is not None and seen[1] is None
    assert not seen[0].is_alive()


def wait_long():
    import time

    time.sleep(60)


def test_work_stopped_here_is_ended_there():
    seen: list[object] = []
    asked = []

    def stop_now() -> bool:
        asked.append(1)
        return True

    with pytest.raises(Stopped):
        run_apart("waiting", wait_long, started=seen.append, cancelled=stop_now)
    assert asked and not seen[0].is_alive()


def report_busily(progress=None):  # progress faster than the pipe is read, then done
    for done in range(1, 200_001):
        progress(done, 200_000)
    return "finished"


def test_work_busy_reporting_progress_is_still_stopped():
    """Stop was asked only when the pipe had been quiet for a tenth of a second: a recount
    reporting every 250 cases never was, and ran to the end (found stopping a bank holiday's
    recount at 50,000 cases)."""
    heard: list[int] = []
    with pytest.raises(Stopped):
        run_apart(
            "reporting", report_busily, progress=lambda d, _t: heard.append(d),
            cancelled=lambda: len(heard) >= 10,
        )  # fmt: skip
    assert 10 <= len(heard) < 200_000
