"""Backups in the main window: automatic and requested backups on a worker thread, and
restoring the case file from one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from ...services import restore_backup
from ...store.backup import BACKUP_SUFFIX, automatic_backup, backup_into
from ...store.errors import CaseFileError
from ..worker import failure_message, run_in_background
from .base import WindowParts

AUTOMATIC_BACKUP_EVERY = dt.timedelta(days=1)
OPEN_BACKUP_DELAY_MS = 3000  # the day's first backup waits until the window is up


class BackupsMixin(WindowParts):
    """One backup at a time, off the GUI thread; a backup asked for meanwhile follows it."""

    def _start_backup_timers(self) -> None:
        """An hourly look for the day's backup, and one shortly after a case file opens."""
        self.backup_running = False
        self._backup_requested = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(60 * 60 * 1000)  # hourly look; backs up once a day
        self._backup_timer.timeout.connect(
            lambda: self.back_up_now(automatic=True) if self.automatic_backups else None
        )
        self._backup_timer.start()
        self._open_backup_timer = QTimer(self)
        self._open_backup_timer.setSingleShot(True)
        self._open_backup_timer.setInterval(OPEN_BACKUP_DELAY_MS)
        self._open_backup_timer.timeout.connect(lambda: self.back_up_now(automatic=True))

    def back_up_now(self, automatic: bool = False) -> None:
        """A backup on a worker thread; automatic ones only when the newest is a day old."""
        desk = self.desk
        if desk is None:
            return
        if self.backup_running:
            self._backup_requested = self._backup_requested or not automatic
            return  # a requested backup follows the one under way
        folder, keep, source = desk.backup_folder(), desk.backup_keep(), desk.path
        passphrase = desk.casefile.passphrase
        now = dt.datetime.now().replace(microsecond=0)
        if automatic:

            def work() -> object:
                return automatic_backup(
                    source, folder, keep, now, AUTOMATIC_BACKUP_EVERY, passphrase
                )
        else:

            def work() -> object:
                return backup_into(source, folder, keep, now, passphrase)

        def done(path: object) -> None:
            self._backup_ended()
            if path is not None:
                self.save_label.setText(f"Backed up to {path}")
                self.backup_finished.emit(path)

        def failed(error: BaseException) -> None:
            self._backup_ended()
            message = failure_message(error)
            self.save_label.setText(f"Backup failed: {message}")

        self.backup_running = True
        if not automatic:
            self.save_label.setText("Backing up…")
        run_in_background(work, done, failed)

    def _backup_ended(self) -> None:
        self.backup_running = False
        if self._backup_requested:
            self._backup_requested = False
            self.back_up_now()

    def choose_backup_to_restore(self) -> None:
        if self.desk is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore from backup", str(self.desk.backup_folder()),
            f"Case file backups (*{BACKUP_SUFFIX});;All files (*)",
        )  # fmt: skip
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup: Path, backup_passphrase: str | None = None) -> bool:
        """Close the case file, check and restore the backup over it, and open it again. A
        backup taken before the passphrase was changed needs the passphrase it was made with:
        it is asked for, and the restored file keeps it."""
        if self.desk is None:
            return False
        target, passphrase = self.desk.path, self.desk.casefile.passphrase
        if not self.close_casefile():
            return False
        used = backup_passphrase if backup_passphrase is not None else passphrase
        try:
            kept = restore_backup(backup, target, passphrase=used)
        except CaseFileError as error:
            self.open_casefile(target, create=False, passphrase=passphrase)
            if error.needs_passphrase and passphrase is not None:
                self._ask_backup_passphrase(backup, error.message)
            else:
                self._refused("Backup not restored", "Not restored.", error.message)
            return False
        opened = self.open_casefile(target, create=False, passphrase=used)
        if opened:
            self.save_label.setText(
                f"Restored {backup.name}. The replaced file is kept as {kept.name}."
                + (
                    " It opens with the passphrase the backup was made with."
                    if used != passphrase
                    else ""
                )
            )
        return opened

    def _ask_backup_passphrase(self, backup: Path, reason: str) -> None:
        self._ask_for_passphrase(
            "Passphrase of the backup",
            f"{reason}\n\nIf the passphrase was changed after this backup was taken, enter the "
            f"passphrase it had then. The restored case file will open with that one.\n\n"
            f"Passphrase for {backup.name}:",
            lambda text: self.restore_from(backup, text),
        )
