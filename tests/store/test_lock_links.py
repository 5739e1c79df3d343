"""One writer per case file, whatever path reaches it: a hard link or a symlink to an open case
file cannot open it a second time for changes (its write-ahead log would be a different file,
and two writers would corrupt it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediator_desk.services import open_desk
from mediator_desk.store import errors
from mediator_desk.store.casefile import check_casefile, create_casefile, open_casefile
from tests.conftest import make_case

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")

pytestmark = pytest.mark.skipif(os.name == "nt", reason="links and SIGKILL as on POSIX")


def new_file(path: Path) -> int:
    with create_casefile(path) as casefile:
        return casefile.cases.create(make_case(notes="Start")).id


def hard_link(path: Path) -> Path:
    other = path.parent / "elsewhere"
    other.mkdir()
    link = other / "copy.mdesk"
    os.link(path, link)
    return link


def symlink(path: Path) -> Path:
    link = path.parent / "shortcut.mdesk"
    link.symlink_to(path)
    return link


@pytest.mark.parametrize("make_link", [hard_link, symlink], ids=["hard link", "symlink"])
def test_a_link_to_an_open_case_file_cannot_open_a_second_writer(casefile_path, make_link):
    new_file(casefile_path)
    link = make_link(casefile_path)
    for first, second in ((casefile_path, link), (link, casefile_path)):
        with open_casefile(first) as holder:
            with pytest.raises(errors.CaseFileInUse) as caught:
                open_casefile(second)
            assert "already open in another copy of Mediator Desk" in caught.value.message
            assert caught.value.can_open_read_only
            with open_casefile(second, read_only=True) as viewer:
                assert viewer.cases.count() == holder.cases.count() == 1
        with open_casefile(second) as reopened:  # released with the first copy
            assert check_casefile(reopened) == []


def test_a_crashed_holder_through_a_hard_link_leaves_no_lock(casefile_path):
    new_file(casefile_path)
    link = hard_link(casefile_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"""
import time
from mediator_desk.store.casefile import open_casefile
casefile = open_casefile({str(link)!r})
print("open", flush=True)
time.sleep(60)
"""],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(errors.CaseFileInUse):
            open_casefile(casefile_path)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with open_casefile(casefile_path) as casefile:
            assert casefile.cases.count() == 1
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdout.close()


def start_writer(target: Path, case_id: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(target), str(case_id)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def run_two_writers(path: Path, link: Path, case_id: int) -> list[str]:
    """A writer through the file's own path and another through a hard link, for a second."""
    writers = [start_writer(target, case_id) for target in (path, link)]
    first_lines = [writer.stdout.readline() for writer in writers]
    time.sleep(1.0)
    committed = -1
    refused, winners = 0, []
    for writer, first, target in zip(writers, first_lines, (path, link), strict=True):
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        lines = [first, *writer.stdout.read().splitlines()]
        numbers = [int(line) for line in lines if line.strip().isdigit()]
        committed = max([committed, *numbers])
        if "already open in another copy" in writer.stderr.read():
            refused += 1
        else:
            winners.append(target)
        writer.stdout.close()
        writer.stderr.close()
    if refused != 1:
        return [f"{refused} writers were refused, expected 1"]
    # The log of a killed writer is beside the name it used: read the file through that name.
    desk = open_desk(winners[0], create=False)
    problems = []
    try:
        saved = int(desk.case(case_id).notes.split()[-1])
        if saved < committed:
            problems.append(f"edit {committed} was committed but {saved} was found")
        problems += desk.check()
    finally:
        desk.close()
    return problems


def test_two_processes_through_a_hard_link_never_corrupt_the_file(tmp_path):
    problems = []
    for run in range(3):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        path = folder / "casebook.mdesk"
        case_id = new_file(path)
        problems += run_two_writers(path, hard_link(path), case_id)
    assert problems == []


def test_a_case_file_replaced_while_open_stays_locked(casefile_path):
    """Encrypting a file writes it again under the same name: the new file is locked too."""
    new_file(casefile_path)
    desk = open_desk(casefile_path)
    try:
        desk.set_passphrase("correct horse battery staple")
        link = hard_link(casefile_path)
        with pytest.raises(errors.CaseFileInUse):
            open_casefile(link, passphrase="correct horse battery staple")
    finally:
        desk.close()
    with open_casefile(link, passphrase="correct horse battery staple") as casefile:
        assert casefile.cases.count() == 1
