"""Passphrases in the main window: asking for one to open a file, encrypting the case file or
changing its passphrase, and dealing with the unencrypted copies left behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit

from ...store.errors import CaseFileError
from ..worker import failure_message, run_in_background
from .base import WindowParts


class PassphraseMixin(WindowParts):
    """The passphrase is asked for without blocking and never kept by the window."""

    def ask_passphrase(self, path: Path, reason: str = "") -> None:
        """Ask for an encrypted case file's passphrase (without blocking) and open it."""
        self._ask_for_passphrase(
            "Passphrase",
            (f"{reason}\n\n" if reason else "") + f"Passphrase for {path.name}:",
            lambda text: self.open_casefile(path, create=False, passphrase=text),
        )

    def _ask_for_passphrase(self, title: str, label: str, then: Callable[[str], object]) -> None:
        """A passphrase typed unseen, in a dialog that does not block; `then` gets it."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(then)
        self.passphrase_dialog = dialog
        dialog.open()

    def choose_passphrase(self) -> None:
        """Encrypt this case file, or change its passphrase."""
        if self.desk is None or self.desk.read_only:
            return
        encrypted = self.desk.encrypted
        from ..dialogs.passphrase import PassphraseDialog

        dialog = PassphraseDialog(
            "Change passphrase" if encrypted else "Encrypt this case file",
            "Everything in the case file will be encrypted with this passphrase. It is never "
            "stored anywhere: without it the case file cannot be opened, so keep it safe."
            + ("" if encrypted else " The unencrypted copy is overwritten and removed."),
            self,
        )
        dialog.chosen.connect(self.set_passphrase)
        self.passphrase_dialog = dialog
        dialog.open()

    def set_passphrase(self, passphrase: str) -> bool:
        if self.desk is None:
            return False
        if self.workspace is not None:
            self.workspace.flush()
        try:
            self.desk.set_passphrase(passphrase)
        except CaseFileError as error:
            self._save_failed(error.message)
            return False
        self.save_label.setText(f"{self.desk.path.name} is encrypted with the new passphrase.")
        self._refresh_state()
        copies = self.desk.plain_copies()
        if copies:
            from ..dialogs.plain_copies import ask_about_plain_copies

            self.plain_copies_box = ask_about_plain_copies(
                self, self.desk.path, copies, self.protect_plain_copies
            )
        return True

    def protect_plain_copies(self, remove: bool) -> None:
        """Encrypt or remove the unencrypted copies, as the mediator chose, on a worker thread
        (each copy is a whole case file to rewrite), then record it in the history."""
        desk = self.desk
        if desk is None:
            return
        try:
            work = desk.plain_copies_work(remove=remove)
        except CaseFileError as error:
            self._save_failed(error.message)
            return
        doing = "Removing" if remove else "Encrypting"
        self.save_label.setText(f"{doing} the unencrypted copies…")

        def finished(done: int) -> None:
            if self.desk is not desk:  # the case file was closed meanwhile
                return
            try:
                desk.record_plain_copies(remove=remove, done=done)
            except CaseFileError as error:
                self._save_failed(error.message)
                return
            what = "removed" if remove else "encrypted with the new passphrase"
            noun = "copy" if done == 1 else "copies"
            self.save_label.setText(f"{done} unencrypted {noun} {what}.")

        def failed(error: BaseException) -> None:
            status = "Not all the unencrypted copies were protected."
            self._refused("Copies not protected", status, failure_message(error))

        run_in_background(work, finished, failed, owner=self)
