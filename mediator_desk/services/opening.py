"""Opening a case file (and restoring one from a backup): the entry points of the use
cases for the GUI and the command line."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs

from .. import APP_NAME, ENV_CASEFILE, ENV_PASSPHRASE
from ..store.backup import restore
from ..store.casefile import (
    open_casefile,
)
from ..store.lock import CaseFileLock
from ..store.rekey import recover_interrupted
from .desk import Desk
from .session import Today

__all__ = ["ENV_CASEFILE", "ENV_PASSPHRASE"]  # also here for the services' callers
DEFAULT_FILENAME = "casebook.mdesk"


def default_casefile_path() -> Path:
    """The case file used when none is named: MEDIATOR_DESK_CASEFILE, else the user's data
    folder (for example ~/.local/share/Mediator Desk/casebook.mdesk on Linux)."""
    chosen = os.environ.get(ENV_CASEFILE)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILENAME


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def open_desk(
    path: Path | str | None = None,
    *,
    read_only: bool = False,
    create: bool = True,
    today: Today = dt.date.today,
    clock: Callable[[], dt.datetime] | None = None,
    passphrase: str | None = None,
    check_now: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Desk:
    """Open the named case file (or the default one), creating it if it does not exist.

    With `check_now=False` the file's structure check is left to Desk.verify, which the
    caller must run (on a worker thread): writes wait for it. `progress` hears how far an
    upgrade of an older file has got (its derived data recomputed case by case)."""
    target = Path(path).expanduser() if path else default_casefile_path()
    if path is None and not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)  # the app's own data folder
    recover_interrupted(target)  # never an empty new file where a re-encryption was stopped
    casefile = open_casefile(
        target,
        read_only=read_only,
        create=create,
        actor=current_user(),
        passphrase=passphrase,
        check_now=check_now,
        progress=progress,
        **({"clock": clock} if clock else {}),
    )
    return Desk(casefile, today, checked=check_now)


def restore_backup(
    backup: Path, casefile: Path, now: dt.datetime | None = None, passphrase: str | None = None
) -> Path:
    """Replace a case file that no copy has open with a checked backup; returns where the
    replaced file was kept."""
    lock = CaseFileLock(casefile)
    lock.acquire()  # refuses if a running copy has it open
    try:
        return restore(
            backup, casefile, now or dt.datetime.now().replace(microsecond=0), passphrase
        )
    finally:
        lock.release()
