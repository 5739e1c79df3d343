"""Opening the case file for a command: where its passphrase comes from, and when a missing
file may be created."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..domain.passphrase import MIN_LENGTH, passphrase_problem
from ..services import ENV_PASSPHRASE, Desk, default_casefile_path, open_desk
from ..store.errors import CaseFileError, FileMissing
from .errors import NotOpened, UsageProblem


def open_with_passphrase(
    casefile: str | None,
    read_only: bool,
    create: bool,
    no_encryption: bool,
    check_now: bool = False,
) -> Desk:
    """Open the case file; an encrypted one takes its passphrase from MEDIATOR_DESK_PASSPHRASE,
    or from a prompt when someone is at the keyboard. It is never written anywhere. A missing
    file is created only encrypted with that passphrase, or unencrypted with --no-encryption.
    The structure check (linear in the file's size) runs at once with `check_now`, else before
    the first write, if any: a command that only reads a case does not wait for it."""
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase is not None and no_encryption:
        raise UsageProblem(
            f"--no-encryption and {ENV_PASSPHRASE} contradict each other: use one or the other"
        )
    target = Path(casefile).expanduser() if casefile else default_casefile_path()
    if passphrase == "" and target.exists():
        raise NotOpened(
            f"{ENV_PASSPHRASE} is set but empty: set it to the case file's passphrase, or "
            "unset it for a case file that is not encrypted."
        )
    try:
        return _open_existing(casefile, read_only, passphrase or None, check_now)
    except FileMissing:
        if not create or read_only:
            raise
    if passphrase is None and not no_encryption:
        raise NotOpened(
            f"there is no case file at {target} yet. To create it, set {ENV_PASSPHRASE} to "
            f"its passphrase (at least {MIN_LENGTH} characters), or add --no-encryption to "
            "create it unencrypted."
        )
    if passphrase is not None and (problem := passphrase_problem(passphrase)):
        raise NotOpened(f"{ENV_PASSPHRASE} cannot protect a new case file. {problem}")
    return open_desk(casefile, create=True, passphrase=passphrase)


def _open_existing(
    casefile: str | None, read_only: bool, passphrase: str | None, check_now: bool
) -> Desk:
    def opened(given: str | None) -> Desk:
        return open_desk(
            casefile, read_only=read_only, create=False, passphrase=given, check_now=check_now
        )

    try:
        return opened(passphrase)
    except CaseFileError as error:
        if not error.needs_passphrase or passphrase is not None or not sys.stdin.isatty():
            raise
    import getpass

    entered = getpass.getpass("Passphrase for the case file: ")
    return opened(entered)
