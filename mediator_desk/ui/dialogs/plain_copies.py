"""After encrypting: the unencrypted copies made before (backups, copies kept before an upgrade
or a restore) would still give the children's data away, so the mediator is asked, plainly and
with the count, whether to encrypt them too or remove them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ...store.backup import BACKUP_SUFFIX


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def describe(casefile: Path, copies: list[Path]) -> str:
    """How many copies, of which kinds, and what they risk."""
    backups = sum(p.name.endswith(BACKUP_SUFFIX) for p in copies)
    kept = len(copies) - backups
    kinds = []
    if backups:
        kinds.append(_count(backups, "backup", "backups"))
    if kept:
        kinds.append(_count(kept, "copy kept before an upgrade or a restore", "copies kept "
                            "before an upgrade or a restore"))  # fmt: skip
    verb, them = ("is", "it") if len(copies) == 1 else ("are", "them")
    return (
        f"{_count(len(copies), 'unencrypted copy', 'unencrypted copies')} of {casefile.name} "
        f"{verb} still on this computer: {' and '.join(kinds)}. Anyone who opens {them} can "
        f"read the case file as it was then.\n\nEncrypt {them} with the new passphrase, or "
        f"remove {them}?"
    )


def ask_about_plain_copies(
    parent: QWidget, casefile: Path, copies: list[Path], then: Callable[[bool], None]
) -> QMessageBox:
    """A box that does not block; `then(remove)` runs for Encrypt (False) or Remove (True)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Unencrypted copies", describe(casefile, copies),
        QMessageBox.StandardButton.NoButton, parent,
    )  # fmt: skip
    encrypt = box.addButton("Encrypt them", QMessageBox.ButtonRole.AcceptRole)
    remove = box.addButton("Remove them", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep them", QMessageBox.ButtonRole.RejectRole)
    keep.setToolTip("Leave them unencrypted; they are offered again next time you encrypt")
    box.setDefaultButton(encrypt)
    encrypt.clicked.connect(lambda: then(False))
    remove.clicked.connect(lambda: then(True))
    box.open()
    return box
