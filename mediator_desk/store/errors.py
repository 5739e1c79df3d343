"""Everything that can go wrong with a case file, each with a message a mediator can act on.

Environment problems (disk full, file read-only, damaged file) become a `CaseFileError` with
plain-English text; anything else is a bug and propagates as it is.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .sqlite import dbapi as sqlite3


class CaseFileError(Exception):
    """A problem the user can understand and act on. `message` is the whole explanation."""

    can_open_read_only = False
    needs_passphrase = False

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class FolderMissing(CaseFileError):
    pass


class FileMissing(CaseFileError):
    pass


class NotACaseFile(CaseFileError):
    """Not SQLite at all, or an SQLite database that some other program made."""


class PassphraseNeeded(CaseFileError):
    """The file is encrypted (or not a case file): ask for its passphrase."""

    needs_passphrase = True


class WrongPassphrase(CaseFileError):
    needs_passphrase = True


class DamagedCaseFile(CaseFileError):
    pass


class NewerCaseFile(CaseFileError):
    pass


class ReadOnlyCaseFile(CaseFileError):
    can_open_read_only = True


class CaseFileInUse(CaseFileError):
    can_open_read_only = True


class CaseFileExists(CaseFileError):
    pass


class WriteRefused(CaseFileError):
    """A change was attempted on a case file opened for viewing only."""


class StorageProblem(CaseFileError):
    """The disk or the operating system stopped a read or write part-way (full, unwritable...)."""


class NotFound(CaseFileError):
    pass


class SealedStatement(CaseFileError):
    """An attempt to change what was sealed; the store's triggers refused it."""


class InvalidChange(CaseFileError):
    """A change that the domain rules or the store's constraints do not allow."""


class WorkStopped(CaseFileError):
    """Long work stopped by the mediator before it finished; what it would have changed was
    rolled back (the message says what was not done)."""


class FailedVerification(CaseFileError):
    """A sealed record that failed verification (docs/integrity.md) asked to be passed on as
    sealed; the message says what failed."""


# What SQLite says when the disk lets it down, and the operating system's error it means
DISK_WORDS = (
    (("disk is full",), errno.ENOSPC),
    (("readonly", "read-only"), errno.EROFS),
    (("disk i/o error", "unable to open"), errno.EIO),
)
# What the mediator reads for each, when a change could not be saved
_UNSAVED = {
    errno.ENOSPC: "The disk is full, so the last change could not be saved. Free some space; "
    "Mediator Desk will keep trying and nothing already saved is affected{where}.",
    errno.EROFS: "The case file can no longer be written to (it may have been made read-only, "
    "or the drive removed). The last change has not been saved{where}.",
    errno.EIO: "The computer could not read or write the case file (the drive may have been "
    "disconnected). The last change has not been saved{where}.",
}


def _disk_errno(text: str) -> int | None:
    return next((code for words, code in DISK_WORDS if any(w in text for w in words)), None)


def disk_trouble(error: Exception) -> OSError | None:
    """SQLite's report of a disk that let it down, as the OSError a caller words for the
    mediator (what could not be done to which file), rather than the autosave's words ("will
    keep trying"); None for any other error."""
    code = _disk_errno(str(error).lower())
    return None if code is None else OSError(code, os.strerror(code))


def _describe(error: Exception, path: Path | None) -> CaseFileError | None:
    text = str(error).lower()
    where = f" ({path})" if path else ""
    code = _disk_errno(text)
    if code is not None:
        return StorageProblem(_UNSAVED[code].format(where=where), path)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DamagedCaseFile(
            "The case file is damaged. Stop using it and restore it from a backup; "
            f"do not delete it{where}.",
            path,
        )
    if "outcome statement is sealed" in text:
        return SealedStatement(
            "The outcome statement is sealed and can never be changed. To correct it, add an "
            "addendum.",
            path,
        )
    if "addendum is sealed" in text:
        return SealedStatement("This addendum is sealed and can never be changed.", path)
    if "locked" in text or "busy" in text:
        return StorageProblem(
            f"The case file is busy in another program; try again in a moment{where}.", path
        )
    return None


@contextmanager
def plain_english_errors(path: Path | None = None) -> Iterator[None]:
    """Turn the SQLite errors that come from the environment into `CaseFileError`s."""
    try:
        yield
    except sqlite3.Error as error:
        known = _describe(error, path)
        if known is None:
            raise
        raise known from error
