"""Kill a writer that forces checkpoints (long notes, attachments, explicit wal_checkpoint) at
random moments: after every kill the file opens with no refusal and holds every edit the writer
reported committed. 20 trials here; 500 with `-m slow` (100 under `dev.py test --all`), which
also reports how many of the states left behind the old checks (header and size, quick_check on
the main file alone) refused.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mediator_desk.domain.parents import ParentCarer
from mediator_desk.store import errors, recovery
from mediator_desk.store.casefile import check_casefile, create_casefile, open_casefile
from mediator_desk.store.header import HeaderProblem, read_header
from mediator_desk.store.preparation import PreparationRepository
from tests.conftest import make_case, slow_size

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("kill_writer.py")
LONGEST_RUN = 0.6  # seconds before the kill, at most: dozens of commits and checkpoints

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX")


@dataclass
class Tally:
    trials: int = 0
    refused: int = 0
    lost: int = 0
    old_checks_refused: int = 0
    log_waiting: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def template(folder: Path) -> tuple[Path, int]:
    path = folder / "template.mdesk"
    with create_casefile(path) as casefile:
        for n in range(5):
            casefile.cases.create(make_case(notes=f"Other case {n} " * 200))
        case_id = casefile.cases.create(
            make_case(notes="edit -1", parents=(ParentCarer("parents -1"),))
        ).id
    return path, case_id


def refused_by_the_old_checks(path: Path) -> bool:
    """As opening judged a file before: its header and size, then quick_check on the main
    file alone (immutable, so the write-ahead log was ignored)."""
    try:
        if read_header(path).truncated:
            return True
        return recovery.main_file_alone(path, None, True).integrity != "ok"
    except (HeaderProblem, recovery.Unreadable):
        return True


def committed(path: Path) -> tuple[int, set[str]]:
    edits, attachments = [-1], set()
    log = Path(f"{path}.log")
    for line in log.read_text().splitlines() if log.exists() else []:
        kind, _, number = line.partition(" ")
        if kind == "edit" and number.lstrip("-").isdigit():
            edits.append(int(number))
        elif kind == "attachment":
            attachments.add(line)
    return max(edits), attachments


def verify(path: Path, case_id: int, tally: Tally) -> None:
    name = path.name
    last_edit, attachments = committed(path)
    old_refused = refused_by_the_old_checks(path)
    waiting = recovery.wal_pending(path)
    problems, lost = [], 0
    error = Path(f"{path}.error")
    if error.exists():
        problems.append(f"{name}: the writer failed: {error.read_text()}")
    try:
        casefile = open_casefile(path, create=False)
    except errors.CaseFileError as refusal:
        problems.append(f"{name}: refused: {refusal.message}")
    else:
        with casefile:
            case = casefile.cases.get(case_id)
            saved = int(case.notes.split()[1])
            if saved < last_edit:
                lost += 1
                problems.append(f"{name}: edit {last_edit} was committed but {saved} was found")
            if case.parents != (ParentCarer(f"parents {saved}"),):
                problems.append(f"{name}: a half-applied edit ({case.parents!r})")
            kept = {a.caption for a in PreparationRepository(casefile.cases).attachments(case_id)}
            lost += len(attachments - kept)
            problems += [f"{name}: {a} lost" for a in sorted(attachments - kept)]
            problems += [f"{name}: {p}" for p in check_casefile(casefile)]
    with tally.lock:
        tally.trials += 1
        tally.refused += any("refused" in p for p in problems)
        tally.lost += lost
        tally.old_checks_refused += old_refused
        tally.log_waiting += waiting
        tally.problems += problems


def run_trials(folder: Path, count: int, workers: int = 2) -> Tally:
    original, case_id = template(folder)
    temporary = folder / "tmp"
    temporary.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(temporary))
    tally = Tally()

    def worker(first: int) -> None:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert writer.stdout.readline().strip() == "ready"
            for seed in range(first, count, workers):
                path = folder / f"trial-{seed}.mdesk"
                shutil.copyfile(original, path)
                after = random.Random(seed).uniform(0.02, LONGEST_RUN)
                writer.stdin.write(f"{path} {case_id} {seed} {after}\n")
                writer.stdin.flush()
                assert writer.stdout.readline().strip() == "killed"
                verify(path, case_id, tally)
                for leftover in folder.glob(f"trial-{seed}.mdesk*"):
                    leftover.unlink()
        finally:
            writer.stdin.close()
            writer.wait(30)
            writer.stdout.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def report(tally: Tally, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(
            f"\n{tally.trials} kill trials: {tally.refused} refused, {tally.lost} committed edits "
            f"lost; {tally.log_waiting} left a write-ahead log to replay, "
            f"{tally.old_checks_refused} would have been refused by the old checks"
        )


def test_random_kills_during_checkpoints(tmp_path, capsys):
    tally = run_trials(tmp_path, 20)
    report(tally, capsys)
    assert (tally.trials, tally.problems) == (20, [])


@pytest.mark.slow
@pytest.mark.timeout(slow_size(full=3600, ci=900))
def test_five_hundred_random_kills_during_checkpoints(tmp_path, capsys):
    """500 trials at full size; under `dev.py test --all`, 100 (docs/testing.md)."""
    trials = slow_size(full=500, ci=100)
    tally = run_trials(tmp_path, trials)
    report(tally, capsys)
    assert (tally.trials, tally.refused, tally.lost, tally.problems) == (trials, 0, 0, [])
