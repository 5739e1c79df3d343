"""Rules of the case file's store that a fresh mutation sample of store/ (seed 8 of `dev.py
mutate store`, docs/testing.md) found no test for. Each test was checked against its mutant
by putting the change into the code by hand. Every person is fictional."""

from __future__ import annotations

import os

import pytest

from mediator_desk.store import chain, errors, files, rekey
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import make_case
from tests.store.test_mutants_store_b import KEY, casefile  # noqa: F401 - a fixture


# -- chain.py --------------------------------------------------------------------------------
def test_a_file_id_that_is_not_ours_is_left_as_it_is(casefile):  # noqa: F811
    """A file id changed from outside into something Mediator Desk never writes is evidence
    for `check`: asking for the id, even to create one, never writes over it."""
    chain._set_meta(casefile.db, chain.FILE_ID, "not-an-id-of-ours")
    signer = chain.Signer(casefile.db)
    assert signer.file_id(create=True) == ""
    assert signer.file_id() == ""
    assert chain.meta(casefile.db, chain.FILE_ID) == "not-an-id-of-ours"


def test_a_file_without_an_id_gets_one_only_when_asked_to_create_it(casefile):  # noqa: F811
    casefile.db.execute("DELETE FROM meta WHERE key = ?", [chain.FILE_ID])
    signer = chain.Signer(casefile.db)
    assert signer.file_id() == ""
    assert chain.meta(casefile.db, chain.FILE_ID) == ""  # reading it wrote nothing
    made = signer.file_id(create=True)
    assert len(made) == 32 and chain.meta(casefile.db, chain.FILE_ID) == made


# -- files.py --------------------------------------------------------------------------------
def test_a_process_of_another_account_counts_as_running(monkeypatch):
    """The system will not let us signal another account's process, which says it exists: a
    case file that process holds is not taken from it."""

    def not_yours(pid, signal):
        assert (pid, signal) == (4242, 0)  # asked about, never signalled
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "kill", not_yours)
    assert files.pid_alive(4242) is True


# -- rekey.py --------------------------------------------------------------------------------
def test_a_drive_that_fails_as_the_encrypted_file_is_opened_again_names_it(
    casefile_path, monkeypatch
):
    """The last step of encrypting opens the new file; a drive that fails there is explained
    against the case file, as any failing drive is."""
    with create_casefile(casefile_path) as made:
        made.cases.create(make_case(child_name="Lowenna Tregothnan"))
    opened = open_casefile(casefile_path)

    def failing(path, **_):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(rekey, "connect", failing)
    with pytest.raises(errors.StorageProblem) as caught:
        rekey.reencrypt(opened, KEY)
    opened.lock.release()
    assert caught.value.message == (
        "The computer could not read or write the case file (the drive may have been "
        f"disconnected). The last change has not been saved ({casefile_path})."
    )
    assert caught.value.path == casefile_path
    monkeypatch.undo()
    with open_casefile(casefile_path, read_only=True, passphrase=KEY) as encrypted:
        assert [s.child_name for s in encrypted.cases.summaries()] == ["Lowenna Tregothnan"]
