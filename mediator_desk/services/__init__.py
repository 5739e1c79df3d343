"""The use cases, shared by the GUI and the command line. Widgets and commands call these;
they never reach the store or build SQL themselves.

- `opening`: open a case file (or restore one from a backup): `open_desk` gives a `Desk`.
- `session`: the file as a whole (passphrase, checks, backups, calendar, defaults).
- `desk`: the cases (on top of the session).
- `records`, `statements`, `documents`: records, the outcome statement, documents.
- `exchange`: the case exchange format; `demo`: the fictional demo cases.

Each imports only the ones listed before it, so there is no import cycle (tested)."""

from .desk import CaseNotValid, Desk
from .opening import (
    DEFAULT_FILENAME,
    ENV_CASEFILE,
    ENV_PASSPHRASE,
    current_user,
    default_casefile_path,
    open_desk,
    restore_backup,
)
from .records import OneOf, Records, to_changes
from .session import DEFAULT_BACKUPS_KEPT, CaseFileSession, Today

__all__ = [
    "DEFAULT_BACKUPS_KEPT",
    "DEFAULT_FILENAME",
    "ENV_CASEFILE",
    "ENV_PASSPHRASE",
    "CaseFileSession",
    "CaseNotValid",
    "Desk",
    "OneOf",
    "Records",
    "Today",
    "current_user",
    "default_casefile_path",
    "open_desk",
    "restore_backup",
    "to_changes",
]
