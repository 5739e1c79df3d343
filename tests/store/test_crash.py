"""Kill the app with SIGKILL one second after the last edit: every edit must be in the case file,
the file must pass its checks, and the lock the dead copy held must be taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mediator_desk.domain.parents import ParentCarer, joined_names
from mediator_desk.store.casefile import check_casefile, create_casefile, open_casefile
from tests.conftest import make_case

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
TRIALS = 20
EDITS = 6

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def one_trial(folder: Path, seed: int) -> tuple[int, list[str]]:
    path = folder / f"crash-{seed}.mdesk"
    with create_casefile(path) as casefile:
        case_id = casefile.cases.create(
            make_case(notes="Start.", parents=(ParentCarer("Parent"),))
        ).id
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(case_id), str(EDITS), str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        while True:
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"child ended early: {child.stderr.read()[-2000:]}")
            lines.append(line.strip())
            if line.strip() == "done":
                break
        time.sleep(1.0)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
        child.stderr.close()
    with open_casefile(path) as casefile:  # takes over the dead copy's lock
        case = casefile.cases.get(case_id)
        problems = check_casefile(casefile)
        integrity = casefile.db.execute("PRAGMA integrity_check").fetchone()[0]
    missing = []
    for n in range(EDITS):
        text, where = (
            (f" p{n}", joined_names(case.parents)) if n % 3 == 2 else (f" edit{n}", case.notes)
        )
        if text not in where:
            missing.append(text.strip())
    if integrity != "ok":
        problems.append(integrity)
    return len(missing), missing + problems


def test_no_edit_is_lost_when_the_app_is_killed(tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda seed: one_trial(tmp_path, seed), range(TRIALS)))
    lost = sum(count for count, _ in results)
    details = [detail for _, detail in results if detail]
    assert (lost, details) == (0, [])
