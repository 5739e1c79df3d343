"""Re-encryption killed after each of its steps, for encrypting a plain file and for changing
the passphrase: the case file is always at its path, openable with the old key (before the
swap) or the new one (after it), and the next open clears every leftover, overwriting any
plain copy, so no children's data is left readable."""

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

from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.rekey import STEPS
from tests.conftest import make_case, slow_size

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("rekey_child.py")
NAME = "Perpetua Windlestraw"
OLD, NEW = "old lantern orchard", "new kettle meadow"
SWAPPED = STEPS.index("replaced")


def readable_copies(folder: Path, secret: bytes) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and secret in p.read_bytes())


def opens_with(path: Path, *keys: str | None) -> str | None:
    """Which of `keys` opens the file at `path` (read only, no recovery run)."""
    for key in keys:
        try:
            with open_casefile(path, read_only=True, passphrase=key) as casefile:
                assert casefile.cases.get_by_reference("MD-2026-0001").child_name == NAME
                return key
        except errors.CaseFileError:
            continue
    raise AssertionError(f"{path.name} opens with none of the passphrases")


# Each trial is a fresh process (about 4 s); the two either side of the swap run every time.
QUICK = ("linked", "replaced")


@pytest.mark.parametrize(
    "step", [s if s in QUICK else pytest.param(s, marks=pytest.mark.slow) for s in STEPS]
)
@pytest.mark.parametrize("old", [None, OLD], ids=["encrypt", "change"])
def test_a_kill_after_any_step_leaves_one_openable_case_file(tmp_path, step, old):
    path = tmp_path / "casebook.mdesk"
    with create_casefile(path, passphrase=old) as casefile:
        casefile.cases.create(make_case(child_name=NAME))
    result = subprocess.run(
        [sys.executable, str(CHILD), str(path), old or "", NEW, step],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 17, result.stderr
    assert path.is_file()  # never a moment without a case file
    expected = NEW if STEPS.index(step) >= SWAPPED else old
    assert opens_with(path, old, NEW) == expected
    desk = open_desk(path, create=False, passphrase=expected)  # clears what was left
    assert desk.count() == 1
    desk.close()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    plain = readable_copies(tmp_path, NAME.encode())
    assert plain == ([] if expected else ["casebook.mdesk"])  # only the old plain file itself


def test_a_missing_case_file_with_a_retired_copy_is_recovered_not_recreated(tmp_path):
    """What an older version left when killed between its two renames: no case file, the old
    one set aside and the new one beside it. The next open must not make an empty file."""
    path = tmp_path / "casebook.mdesk"
    with create_casefile(path) as casefile:
        casefile.cases.create(make_case(child_name=NAME))
    path.rename(tmp_path / ".casebook.mdesk.retired")
    (tmp_path / ".casebook.mdesk.rekeyed").write_bytes(b"\x8f" * 4096)
    desk = open_desk(path)  # create=True: would have made an empty case file
    assert desk.count() == 1
    desk.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_kill_during_the_export_leaves_nothing_after_the_next_open(tmp_path):
    """Killed while SQLite was writing the new copy: its rollback journal is left too."""
    path = tmp_path / "casebook.mdesk"
    open_desk(path).close()
    for name in (".casebook.mdesk.rekeyed", ".casebook.mdesk.rekeyed-journal"):
        (tmp_path / name).write_bytes(b"half-written pages")
    open_desk(path).close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_leftover_is_left_alone_while_another_copy_has_the_file_open(tmp_path):
    path = tmp_path / "casebook.mdesk"
    open_desk(path).close()
    holder = open_desk(path)
    rekeyed = tmp_path / ".casebook.mdesk.rekeyed"
    rekeyed.write_bytes(b"being written by the running copy")
    with pytest.raises(errors.CaseFileInUse):
        open_desk(path)
    assert rekeyed.read_bytes() == b"being written by the running copy"
    holder.close()


TRIALS = slow_size(full=24, ci=10)


def one_random_kill(folder: Path, seed: int) -> list[str]:
    """Change the passphrase back and forth in a child killed by SIGKILL at a random moment;
    the problems found, in words (none expected)."""
    here = folder / f"trial-{seed}"
    here.mkdir()
    path = here / "casebook.mdesk"
    with create_casefile(path, passphrase=OLD) as casefile:
        for n in range(60):  # enough to make each change take a while
            casefile.cases.create(make_case(child_name=NAME, notes=f"Fictional notes {n}. " * 40))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), OLD, NEW, "cycle"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()[-2000:]
        time.sleep(random.Random(seed).uniform(0.0, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        finished = [int(line) for line in child.stdout.read().split()]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
        child.stderr.close()
    done = finished[-1] if finished else 0
    candidates = [NEW if done % 2 else OLD, OLD if done % 2 else NEW]  # as finished, or next
    problems = []
    if not path.is_file():
        return [f"trial {seed}: no case file after {done} changes"]
    key = opens_with(path, *candidates)
    desk = open_desk(path, create=False, passphrase=key)
    if desk.count() != 60:
        problems.append(f"trial {seed}: {desk.count()} cases")
    desk.close()
    leftovers = [p.name for p in here.iterdir() if p.name.startswith(".")]
    if leftovers:
        problems.append(f"trial {seed}: left {leftovers}")
    return problems


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_kill_at_a_random_moment_never_loses_the_case_file(tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda seed: one_random_kill(tmp_path, seed), range(TRIALS)))
    assert [problem for found in results for problem in found] == []
