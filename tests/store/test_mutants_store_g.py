"""The case file's lock, as the survivors of a mutation run over the whole of store/lock.py
showed it untested within one process (the races between processes are tried in
test_lock_links.py and the kill trials, which the mutation run leaves out): who is named as
holding a file, a release after the lock file was removed, following a file replaced while
open, and a lock taken with standard input closed. Each test was checked against its mutants
by putting the change into the code by hand. Every name is fictional."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediator_desk.store import errors
from mediator_desk.store import lock as lock_module
from mediator_desk.store.lock import CaseFileLock, Holder, lock_path_for

IN_USE = (
    "casebook.mdesk is already open in another copy of Mediator Desk ({who}). Only one copy "
    "can change a case file at a time. You can open it read-only to look at it, or close the "
    "other copy first."
)


def free_descriptor(casefile: Path) -> int | None:
    """Whether nobody holds the case file itself: the descriptor a lock on it was given (and
    let go again at once), or None while another holds it."""
    fd = lock_module._lock_case_file(casefile)
    if fd is not None and fd >= 0:
        lock_module._unlock(fd)
        os.close(fd)
    return fd


@pytest.fixture
def held(casefile_path: Path) -> Iterator[CaseFileLock]:
    casefile_path.write_bytes(b"\0" * 4096)
    first = CaseFileLock(casefile_path)
    first.acquire()
    yield first
    first.release()


def test_a_holder_whose_time_cannot_be_read_is_described_without_it():
    holder = Holder(4242, "meeting-laptop", "teatime")
    assert holder.describe() == "process 4242 on meeting-laptop, since an unknown time"
    holder = Holder(4242, "meeting-laptop", "2026-11-23T09:05:00")
    assert holder.describe() == "process 4242 on meeting-laptop, since 09:05 on 23/11/2026"


def test_a_second_opening_names_the_holder_and_the_case_file(held, casefile_path):
    with pytest.raises(errors.CaseFileInUse) as raised:
        CaseFileLock(casefile_path).acquire()
    holder = lock_module._holder_in(lock_path_for(casefile_path))
    assert holder is not None
    assert (holder.pid, holder.host) == (os.getpid(), socket.gethostname())
    assert raised.value.message == IN_USE.format(who=holder.describe())
    assert raised.value.path == casefile_path


def test_a_holder_that_cannot_be_read_is_called_another_process(held, casefile_path):
    """The lock file names who holds the case file; if what it holds cannot be read (another
    program's, or cut short), the message still says the file is in use and which it is."""
    lock_path_for(casefile_path).write_text("not what a lock file holds", encoding="utf-8")
    with pytest.raises(errors.CaseFileInUse) as raised:
        CaseFileLock(casefile_path).acquire()
    assert raised.value.message == IN_USE.format(who="another process")
    assert raised.value.path == casefile_path


def test_a_lock_whose_file_was_removed_is_still_released(held, casefile_path):
    """Someone tidying the folder may delete the lock file while the app runs: closing the
    case file still lets it go, and it can be opened again."""
    lock_path_for(casefile_path).unlink()
    held.release()
    again = CaseFileLock(casefile_path)
    again.acquire()
    again.release()


def test_a_released_lock_holds_nothing_even_when_asked_to_follow(held, casefile_path):
    held.release()
    held.follow()  # as a re-encryption finishing late might
    free = free_descriptor(casefile_path)
    assert free is not None and free >= 0  # the case file is free


def replace_with_a_new_copy(casefile_path: Path) -> None:
    """What a re-encryption does: the case file written again beside it, then put in its
    place."""
    new = casefile_path.with_name("casebook.mdesk.new")
    new.write_bytes(b"\1" * 4096)
    os.replace(new, casefile_path)


def test_a_case_file_replaced_while_open_is_held_under_its_name(held, casefile_path):
    """After a re-encryption the file under the name is a new one: the lock takes it, so no
    other copy can open it in between."""
    replace_with_a_new_copy(casefile_path)
    probe = free_descriptor(casefile_path)
    assert probe is not None and probe >= 0  # free until followed
    held.follow()
    assert lock_module._lock_case_file(casefile_path) is None


@contextlib.contextmanager
def standard_input_closed() -> Iterator[None]:
    """An app started without standard input (some launchers close it) gets descriptor 0 for
    the first file it opens."""
    saved = os.dup(0)
    os.close(0)
    try:
        yield
    finally:
        os.dup2(saved, 0)
        os.close(saved)


@pytest.fixture
def no_standard_input() -> Iterator[None]:
    with standard_input_closed():
        yield


def test_a_case_file_on_descriptor_0_is_followed_too(casefile_path, no_standard_input):
    casefile_path.write_bytes(b"\0" * 4096)
    lock = CaseFileLock(casefile_path)
    lock.acquire()
    try:
        assert lock._file_fd == 0
        replace_with_a_new_copy(casefile_path)
        lock.follow()
        assert lock_module._lock_case_file(casefile_path) is None
    finally:
        lock.release()


def test_a_replacement_another_copy_already_holds_is_left_to_it(held, casefile_path):
    """If another copy took the new file first, following it fails quietly: the old hold
    stays, and nothing is raised in the middle of closing a re-encryption."""
    replace_with_a_new_copy(casefile_path)
    other = lock_module._lock_case_file(casefile_path)
    assert other is not None and other >= 0
    try:
        held.follow()
        assert held._file_fd not in (other, -1)
    finally:
        lock_module._unlock(other)
        os.close(other)


def test_a_lock_file_removed_before_it_is_locked_is_made_again(casefile_path, monkeypatch):
    """The copy closing the case file removes its lock file; one opening it at that moment
    may have opened the old lock file just before. It must not hold a lock on a file nobody
    else will look at (two copies would then both change the case file): it locks the lock
    file now under the name."""
    casefile_path.write_bytes(b"\0" * 4096)
    lock_file = lock_path_for(casefile_path)
    real_try_lock = lock_module._try_lock
    removed: list[int] = []

    def removed_first(fd: int) -> bool:
        opened_the_lock_file = lock_file.exists() and os.path.samestat(
            os.fstat(fd), os.stat(lock_file)
        )
        if opened_the_lock_file and not removed:
            removed.append(fd)
            lock_file.unlink()  # the other copy closing, between our open and our lock
        return real_try_lock(fd)

    monkeypatch.setattr(lock_module, "_try_lock", removed_first)
    lock = CaseFileLock(casefile_path)
    lock.acquire()
    try:
        assert len(removed) == 1
        assert lock._fd is not None
        assert os.path.samestat(os.fstat(lock._fd), os.stat(lock_file))
    finally:
        lock.release()


def test_a_refused_lock_taken_with_standard_input_closed_lets_the_case_file_go(casefile_path):
    """When the lock file beside is held (by a copy that locks only that), the case file's
    own lock, taken first on descriptor 0, is let go again with the refusal."""
    casefile_path.write_bytes(b"\0" * 4096)
    other = os.open(lock_path_for(casefile_path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert lock_module._try_lock(other)
        with standard_input_closed():
            lock = CaseFileLock(casefile_path)
            with pytest.raises(errors.CaseFileInUse):
                lock.acquire()
            assert free_descriptor(casefile_path) == 0  # the one the refused lock gave back
    finally:
        os.close(other)
