"""Kill the app with SIGKILL while the mediator is typing: in the half second before the
autosave writes the last keystrokes, and in the middle of an autosave's write. The promise
(docs/testing.md): a crash never loses more than the last second of typing. So every burst
typed a second or more before the kill is in the case file, what is there is exactly what was
typed (a beginning of it, never a torn or doubled edit), the file passes its checks, and the
lock the dead copy held is taken over.

A few trials of each kind here; `-m slow` runs many more (docs/testing.md has the figures).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mediator_desk.domain.parents import ParentCarer, joined_names
from mediator_desk.store.casefile import check_casefile, create_casefile, open_casefile
from tests.conftest import make_case, slow_size
from tests.store.crash_child import BURSTS, token

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
PROMISE_S = 1.0  # never more than the last second of typing is lost
NOTES, PARENT = "Start.", "Parent"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def typed_text(bursts: range) -> tuple[str, str]:
    """The notes and the parent's name after typing `bursts`."""
    notes = NOTES + "".join(token(n) for n in bursts if not token(n).startswith(" p"))
    parent = PARENT + "".join(token(n) for n in bursts if token(n).startswith(" p"))
    return notes, parent


def one_trial(folder: Path, seed: int, mode: str) -> list[str]:
    """Returns what went wrong: nothing, when the promise held."""
    path = folder / f"crash-{mode}-{seed}.mdesk"
    with create_casefile(path) as casefile:
        case_id = casefile.cases.create(make_case(notes=NOTES, parents=(ParentCarer(PARENT),))).id
    rng = random.Random(seed)
    kill_after, wait = rng.randrange(3, 20), rng.uniform(0.0, 0.45)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(case_id), str(seed), mode],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    typed: dict[int, float] = {}
    try:
        while True:
            line = child.stdout.readline().split()
            if not line or line == ["done"]:
                child.kill()  # so its stderr ends
                return [f"{mode} {seed}: typing ended unkilled: {child.stderr.read()[-2000:]}"]
            if line[0] == "typed":
                typed[int(line[1])] = float(line[2])
            if mode == "typing" and line[0] == "typed" and int(line[1]) == kill_after:
                time.sleep(wait)  # the last keystrokes are typed, their autosave not yet due
                break
            if line[0] == "in-flush":
                break  # the child is inside an autosave's write
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        for rest in child.stdout.read().splitlines():
            if rest.startswith("typed "):
                typed[int(rest.split()[1])] = float(rest.split()[2])
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
        child.stdout.close()
        child.stderr.close()
    with open_casefile(path) as casefile:  # takes over the dead copy's lock
        case = casefile.cases.get(case_id)
        problems = [f"{mode} {seed}: {p}" for p in check_casefile(casefile)]
        integrity = casefile.db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"{mode} {seed}: {integrity}")
    kept = range(max([n + 1 for n, t in typed.items() if t <= killed_at - PROMISE_S] or [0]))
    must_notes, must_parent = typed_text(kept)
    all_notes, all_parent = typed_text(range(BURSTS))
    for field, saved, must, everything in (
        ("notes", case.notes, must_notes, all_notes),
        ("parent", joined_names(case.parents), must_parent, all_parent),
    ):
        if not everything.startswith(saved):
            problems.append(f"{mode} {seed}: the {field} saved are not what was typed: {saved!r}")
        elif not saved.startswith(must):
            problems.append(
                f"{mode} {seed}: lost more than the last second of typing in the {field}: "
                f"{saved!r} lacks {must[len(saved) :]!r}"
            )
    return problems


def run_trials(folder: Path, count: int) -> list[str]:
    """`count` trials, half killed while typing and half inside an autosave's write."""
    plan = [(seed, ("typing", "flush")[seed % 2]) for seed in range(count)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda trial: one_trial(folder, *trial), plan))
    return [problem for problems in results for problem in problems]


def test_no_more_than_the_last_second_of_typing_is_lost_when_the_app_is_killed(tmp_path):
    assert run_trials(tmp_path, 6) == []


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_many_kills_while_typing_and_mid_autosave(tmp_path):
    assert run_trials(tmp_path, slow_size(full=100, ci=24)) == []
