"""The unencrypted copies of a case file that outlive its encryption: its backups, and the
copies kept beside it before an upgrade (`.v3-...backup`) or a restore (`.before-restore-...`).
Once the file is encrypted they are the children's data in plain text, so they are found, and
encrypted with the file's passphrase or overwritten and removed."""

from __future__ import annotations

import re
from pathlib import Path

from . import errors
from .backup import backups_in
from .files import sync_folder, wipe
from .header import MAGIC
from .rekey import export_encrypted, has_leftovers, rekeyed_path, settle_leftovers, swap_in
from .sqlite import dbapi as sqlite3

_KEPT_BESIDE = r"\.(?:v\d+-\d{8}-\d{6}\.backup|before-restore-\d{8}-\d{6}(?:-\d+)?)"


def copies_of(casefile: Path, backup_folder: Path) -> list[Path]:
    """Every copy of `casefile` that Mediator Desk made, plain or not, by name."""
    pattern = re.compile(re.escape(casefile.name) + _KEPT_BESIDE)
    beside = [p for p in casefile.parent.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    return sorted([*backups_in(backup_folder, casefile), *beside], key=lambda p: p.name)


def is_plain(path: Path) -> bool:
    """An unencrypted SQLite file starts with its well-known header; an encrypted one does
    not (its first bytes are random)."""
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def plain_copies(casefile: Path, backup_folder: Path) -> list[Path]:
    """The copies of `casefile` that anyone could read, by name: plain ones, and those whose
    encryption was stopped part-way with their plain bytes still beside them."""
    return [p for p in copies_of(casefile, backup_folder) if is_plain(p) or has_leftovers(p)]


def protect(casefile: Path, backup_folder: Path, passphrase: str | None) -> int:
    """Encrypt each plain copy with `passphrase` (each swapped in whole, as the case file is),
    or with None overwrite and remove it; returns how many. Leftovers of an earlier attempt
    that was stopped are settled first."""
    done = 0
    try:
        for copy in copies_of(casefile, backup_folder):
            if settle_leftovers(copy) and not is_plain(copy):
                done += 1  # its encryption, stopped part-way, is now finished
            if not is_plain(copy):
                continue
            if passphrase is None:
                for each in (Path(f"{copy}-wal"), Path(f"{copy}-shm"), copy):
                    wipe(each)
                sync_folder(copy.parent)
            else:
                _encrypt_copy(copy, passphrase)
            done += 1
    except OSError as error:
        raise errors.StorageProblem(
            f"The copies of {casefile.name} could not all be protected: "
            f"{error.strerror or error} ({_so_far(done)} protected before it stopped); try again.",
            casefile,
        ) from error
    except sqlite3.DatabaseError as error:  # the copy cannot be read whole
        before = _so_far(done)
        raise errors.DamagedCaseFile(
            f"The copies of {casefile.name} could not all be protected: {copy.name} is damaged "
            f"and cannot be read, so it could not be encrypted ({before} encrypted before it). "
            f"Remove it yourself: it is in {copy.parent}. The case file itself is not affected.",
            copy,
        ) from error
    return done


def _so_far(done: int) -> str:
    """How many copies were dealt with before one could not be, as a sentence's subject."""
    return {0: "none was", 1: "1 copy was"}.get(done, f"{done} copies were")


def _encrypt_copy(copy: Path, passphrase: str) -> None:
    rekeyed = rekeyed_path(copy)
    conn = sqlite3.connect(str(copy))  # folds in a kept -wal, which is then removed
    try:
        export_encrypted(conn, rekeyed, passphrase)
    except BaseException:
        conn.close()
        settle_leftovers(copy)
        raise
    conn.close()
    for sidecar in (Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        wipe(sidecar)
    swap_in(copy, rekeyed)
