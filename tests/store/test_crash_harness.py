"""Kill the autosave path at random moments: no committed edit is ever lost, the file always
passes its integrity check, and a sealed statement is never damaged. 20 trials here; 100 with
`python3 dev.py test -m slow` (40 under `dev.py test --all`; docs/testing.md)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mediator_desk.domain.parents import ParentCarer
from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow, Issue
from mediator_desk.services import open_desk
from tests.conftest import make_case, slow_size

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def prepared(folder: Path, seed: int) -> tuple[Path, int, str]:
    """A case file with a sealed statement and a case the writer will edit."""
    path = folder / f"harness-{seed}.mdesk"
    desk = open_desk(path)
    sealed = desk.create_case(
        make_case(child_name="Sealed Case", meeting_date=dt.date(2026, 11, 20))
    )
    parent = desk.attendees.add(sealed.id, Attendee("Morwenna", Role.PARENT_CARER))
    desk.statement.set_presence(sealed.id, parent.id, {"present": True})
    desk.statement.issues.add(sealed.id, Issue("Section F", "- Weekly therapy"))
    desk.statement.confirm(sealed, parent.id, ConfirmedHow.IN_WRITING)  # on the real today
    sha = desk.statement.seal(sealed).sha256
    edited = desk.create_case(make_case(child_name="Edited Case"))
    desk.close()
    return path, edited.id, sha


def trial(folder: Path, seed: int) -> list[str]:
    path, case_id, sha = prepared(folder, seed)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(case_id)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    last = -1
    try:
        first = writer.stdout.readline()  # started and committing
        if not first:
            return [f"writer failed: {writer.stderr.read()[-500:]}"]
        time.sleep(random.Random(seed).uniform(0.0, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        for line in [first, *writer.stdout.read().splitlines()]:
            if line.strip().isdigit():
                last = int(line)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(10)
        writer.stdout.close()
        writer.stderr.close()
    problems = []
    desk = open_desk(path, create=False)
    try:
        case = desk.case(case_id)
        saved = int(case.notes.split()[-1])
        if saved < last:
            problems.append(f"trial {seed}: edit {last} was committed but {saved} was found")
        if case.parents != (ParentCarer(f"parents {saved}"),):
            problems.append(f"trial {seed}: a half-applied edit ({case.parents!r})")
        problems += [f"trial {seed}: {p}" for p in desk.check()]
        sealed = desk.case_by_reference("MD-2026-0001")
        seal = desk.statement.seal_of(sealed.id)
        if seal is None or seal.sha256 != sha or not desk.statement.seal_verifies(seal):
            problems.append(f"trial {seed}: the sealed statement changed")
    finally:
        desk.close()
    return problems


def run_trials(folder: Path, count: int) -> list[str]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda seed: trial(folder, seed), range(count)))
    return [problem for problems in results for problem in problems]


def test_random_kills_lose_no_committed_edit(tmp_path):
    assert run_trials(tmp_path, 20) == []


@pytest.mark.slow
@pytest.mark.timeout(slow_size(full=1800, ci=900))
def test_a_hundred_random_kills(tmp_path):
    """100 trials at full size; under `dev.py test --all`, 40 (docs/testing.md)."""
    assert run_trials(tmp_path, slow_size(full=100, ci=40)) == []
