"""One open case file, apart from its cases: where it is, whether it may be written, its
passphrase and plain copies, its integrity checks, backups, calendar and working defaults.
The Desk (services/desk.py) adds the cases on top."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from pathlib import Path

from ..domain.calendar import WorkingCalendar
from ..domain.preferences import PreferenceNotValid, Preferences, setting_key, to_text
from ..input_rules import checked_value
from ..store import errors
from ..store.backup import backup_into, write_backup
from ..store.casefile import (
    CHECK_STOPPED,
    CaseFile,
    check_casefile,
    reader,
    verify_casefile,
)
from ..store.integrity import IntegrityReport, guard_problems
from ..store.integrity import verify as verify_integrity
from ..store.plain_copies import plain_copies, protect
from ..store.preparation import PreparationRepository
from ..store.rekey import reencrypt
from ..store.sqlite import Connection as SqlConnection
from .apart import APART_FROM, Stopped, run_apart
from .changes import CaseChanges
from .records import OneOf, Records

DEFAULT_BACKUPS_KEPT = 10
Today = Callable[[], dt.date]


CHECK_APART_FROM = APART_FROM  # cases: from here the check on opening runs in a process of its own


def verify_file(path: Path, passphrase: str | None) -> IntegrityReport:
    """The whole file's tamper-evidence check through a read-only connection of its own."""
    with errors.plain_english_errors(path), reader(path, passphrase) as cases:
        return verify_integrity(cases.db)


class CaseFileSession:
    """An open case file and what can be done to the file as a whole."""

    def __init__(
        self, casefile: CaseFile, today: Today = dt.date.today, checked: bool = True
    ) -> None:
        self.today = today
        self.changes = CaseChanges()  # which case each write touched, for the open views
        # Whether the file's structure check has been done (see verify).
        self._checked = checked
        self._check_lock = threading.Lock()
        self._check_failed: errors.CaseFileError | None = None
        # Tamper evidence (docs/integrity.md): what opening the file found, and the protective
        # triggers put back (once, before the first write).
        self.opening_report: IntegrityReport | None = None
        self.check_notes: list[str] = []
        self._guards_restored: list[str] | None = None
        self._apart: str | None = None  # long work writing through a connection of its own
        self.checking_apart: BaseProcess | None = None  # the check on opening, if in a process
        self._checking: list[SqlConnection] = []  # the structure check's connection, while it runs
        self._wire(casefile)
        if checked:
            self.restore_guards()

    def _wire(self, casefile: CaseFile) -> None:
        """Build the record use cases over one open case file (again, after it is re-encrypted)."""
        self.casefile = casefile
        preparation = PreparationRepository(casefile.cases)
        self._preparation = preparation
        self.attendees = Records(self, preparation.attendees)
        self.contacts = Records(self, preparation.contacts)
        self.proposed_dates = Records(self, preparation.proposed_dates)
        self.arrangements = OneOf(self, preparation.arrangements)
        self.child_views = OneOf(self, preparation.child_views)

    @property
    def actor(self) -> str:
        """Who is recorded in the audit log as doing things."""
        return self.casefile.cases.actor

    # -- the file ----------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.casefile.path

    @property
    def read_only(self) -> bool:
        return self.casefile.read_only

    def close(self) -> None:
        """Close the file, stopping its check on opening if that still runs: the structure
        check is interrupted and the tamper check's own process ended (at 50,000 cases,
        quitting straight after opening waited eight seconds for them)."""
        for conn in list(self._checking):  # its structure check, reading the whole file
            conn.interrupt()
        checking = self.checking_apart
        if checking is not None:
            checking.terminate()
        self.casefile.close()

    @property
    def encrypted(self) -> bool:
        return self.casefile.encrypted

    def set_passphrase(self, passphrase: str) -> None:
        """Encrypt the case file with `passphrase`, or change its passphrase. The plain copy
        of a previously unencrypted file is overwritten and removed."""
        self.refuse_if_read_only()
        self._wire(reencrypt(self.casefile, passphrase))
        with errors.plain_english_errors(self.path):
            self.casefile.cases.record(None, "passphrase set", "case file encrypted")

    def plain_copies(self) -> list[Path]:
        """Unencrypted copies (backups, and copies kept before an upgrade or a restore) of an
        encrypted case file: the mediator is asked what to do with them after encrypting."""
        if not self.encrypted:
            return []  # a plain file's copies are as plain as itself, by choice
        return plain_copies(self.path, self.backup_folder())

    def protect_plain_copies(self, *, remove: bool) -> int:
        """Encrypt the plain copies with the case file's passphrase, or overwrite and remove
        them; returns how many."""
        done = self.plain_copies_work(remove=remove)()
        self.record_plain_copies(remove=remove, done=done)
        return done

    def plain_copies_work(self, *, remove: bool) -> Callable[[], int]:
        """The file work of protect_plain_copies, which touches only the copies (each through a
        connection of its own), so the app can run it on a worker thread."""
        self.refuse_if_read_only()
        if not self.encrypted:
            raise errors.InvalidChange("Encrypt the case file first; its copies follow it.")
        path, folder = self.path, self.backup_folder()
        passphrase = None if remove else self.casefile.passphrase
        return lambda: protect(path, folder, passphrase)

    def record_plain_copies(self, *, remove: bool, done: int) -> None:
        """Enter in the history what was done to the plain copies."""
        with errors.plain_english_errors(self.path):
            what = "plain copies removed" if remove else "plain copies encrypted"
            self.casefile.cases.record(None, what, f"{done} copies")

    def check(self) -> list[str]:
        """Integrity problems in plain English, each naming its case; empty when the case file
        is sound. Notes on what could not be checked here are left in `check_notes`."""
        problems = check_casefile(self.casefile) + self.restore_guards()
        with errors.plain_english_errors(self.path):
            report = verify_integrity(self.casefile.db)
        self.check_notes = report.notes
        return problems + report.problems

    def restore_guards(self) -> list[str]:
        """Put back any protective trigger removed outside the app, once per opening, and
        record it in the audit log; returns what was found (also reported by `check`). A file
        open read-only is only looked at."""
        if self.read_only:
            with errors.plain_english_errors(self.path):
                return guard_problems(self.casefile.db, restore=False)
        if self._guards_restored is None:
            with errors.plain_english_errors(self.path):
                self._guards_restored = guard_problems(self.casefile.db, restore=True)
                if self._guards_restored:
                    self.casefile.cases.record(
                        None, "protective triggers restored", " ".join(self._guards_restored)
                    )
        return self._guards_restored

    # -- deadlines ---------------------------------------------------------------------------
    def calendar(self) -> WorkingCalendar:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.calendar()

    # -- the mediator's working defaults ---------------------------------------------------
    def preferences(self) -> Preferences:
        with errors.plain_english_errors(self.path):
            repo = self.casefile.cases
            stored = {
                setting_key(f.name): repo.setting(setting_key(f.name), "")
                for f in dataclasses.fields(Preferences)
            }
        return Preferences.from_settings({k: v for k, v in stored.items() if v != ""})

    def set_preference(self, name: str, value: object) -> Preferences:
        """Change one working default; InvalidChange says in plain English what is allowed."""
        self.refuse_if_read_only()
        value = checked_value(name, value)
        try:
            changed = self.preferences().replace(name, value)
        except PreferenceNotValid as error:
            raise errors.InvalidChange(str(error)) from None
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting(setting_key(name), to_text(getattr(changed, name)))
        return changed

    # -- backups -----------------------------------------------------------------------------
    def set_backup_folder(self, folder: Path | None) -> None:
        """Keep backups in `folder` (None: the Backups folder beside the case file)."""
        self.refuse_if_read_only()
        if folder is not None and folder.exists() and not folder.is_dir():
            raise errors.InvalidChange(f"{folder} is a file, not a folder.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting("backup_folder", str(folder) if folder else "")

    def set_backup_keep(self, count: int) -> None:
        self.refuse_if_read_only()
        if not 1 <= count <= 365:
            raise errors.InvalidChange("Keep from 1 to 365 backups.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting("backup_keep", str(count))

    def backup_folder(self) -> Path:
        """Where backups go: the folder set in the case file, else Backups beside it."""
        with errors.plain_english_errors(self.path):
            chosen = self.casefile.cases.setting("backup_folder", "")
        return Path(chosen) if chosen else self.path.parent / "Backups"

    def backup_keep(self) -> int:
        with errors.plain_english_errors(self.path):
            value = self.casefile.cases.setting("backup_keep", str(DEFAULT_BACKUPS_KEPT))
        return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_BACKUPS_KEPT

    def backup_now(self, target: Path | None = None) -> Path:
        """A checked copy of the whole case file (the online backup API: safe while open)."""
        passphrase = self.casefile.passphrase
        if target is None:
            written = backup_into(
                self.path, self.backup_folder(), self.backup_keep(), self._now(), passphrase
            )
        elif target.exists():
            raise errors.CaseFileExists(f"{target.name} already exists; choose another name.")
        else:
            written = write_backup(self.path, target, passphrase)
        if not self.read_only:
            with errors.plain_english_errors(self.path):
                self.casefile.cases.record(None, "backup taken", str(written))
        return written

    def _now(self) -> dt.datetime:
        return self.casefile.cases.clock()

    def verify(self) -> None:
        """Check the whole file's structure, once (for a file opened with check_now=False).
        The app runs it on a worker thread; a write that comes first waits for it, or runs
        it. Raises DamagedCaseFile, and every later write is refused with the same message."""
        with self._check_lock:
            if not self._checked:
                try:
                    verify_casefile(self.path, self.casefile.passphrase, self._checking.append)
                except errors.CaseFileError as error:
                    self._check_failed = error
                finally:
                    self._checked = True
                    self._checking.clear()
        if self._check_failed is not None:
            raise self._check_failed

    def verify_on_open(self) -> None:
        """`verify`, then the tamper-evidence check of the whole file (docs/integrity.md) into
        `opening_report`. For a worker thread: writes wait only for the structure check, not
        for this (about 2 s at 10,000 cases)."""
        self.verify()
        self.opening_report = self._verify_integrity_apart()

    def _verify_integrity_apart(self) -> IntegrityReport:
        """The sealed record and audit trail verified through a read-only connection of its
        own, so it can run on a worker thread while the file is in use; from CHECK_APART_FROM
        cases, in a process of its own (seconds of Python at 50,000 cases: in this process it
        held the interpreter's lock, and the window stalled as it opened)."""
        path, passphrase = self.path, self.casefile.passphrase
        with errors.plain_english_errors(path), reader(path, passphrase) as cases:
            if cases.count() < CHECK_APART_FROM:
                return verify_integrity(cases.db)
        try:
            report = run_apart(
                "Mediator Desk check", verify_file, path, passphrase, started=self._checking_in
            )
        except Stopped:  # ended by close(), or it died
            raise errors.CaseFileError(CHECK_STOPPED, path) from None
        assert isinstance(report, IntegrityReport)
        return report

    def _checking_in(self, process: BaseProcess | None) -> None:
        self.checking_apart = process

    @contextmanager
    def writing_apart(self, what: str) -> Iterator[None]:
        """Long work writing through a connection of its own on a worker thread (`what` it is
        doing, as a person would say it). Until it ends, a change through this connection is
        refused at once, saying why: it had waited five seconds for the file and then called
        it "busy in another program" (the window's autosave keeps the edit and tries again)."""
        self._apart = what
        try:
            yield
        finally:
            self._apart = None

    def refuse_if_read_only(self) -> None:
        if not self._checked or self._check_failed is not None:
            self.verify()
        if self._guards_restored is None and not self.read_only:
            self.restore_guards()
        if self.read_only:
            raise errors.WriteRefused(
                f"{self.path.name} is open read-only; changes cannot be saved.", self.path
            )
        if self._apart is not None:
            raise errors.StorageProblem(
                f"Mediator Desk is {self._apart}; changes can be saved once it has finished.",
                self.path,
            )
