"""The audit trail as a hash chain, and the case file's signing key (docs/integrity.md).

Each audit entry carries the hash of the entry before it and its own; the last entry (the
chain's head), every seal and every confirmation are signed with a key of this case file. An
encrypted file keeps its key inside (SQLCipher encrypts and authenticates every page); an
unencrypted file never holds its key: it lives in the user's data folder, named by the file's
random id, readable only by the user."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Any

import platformdirs
from sqlite_utils import Database

from .. import APP_NAME
from ..domain.integrity import (
    AUDIT_FIELDS,
    GENESIS,
    Signed,
    audit_entry_hash,
    chain_hash,
    check_signature,
    confirmation_message,
    head_message,
    seal_message,
    sign,
)
from ..domain.statement import Confirmation, Seal
from .records import from_row

FILE_ID = "file_id"
KEY = "signing_key"  # only ever in an encrypted file
HEAD = "audit_head"
HEAD_SIGNATURE = "audit_head_signature"
_FILE_ID_FORM = re.compile(r"[0-9a-f]{32}")
_PLAIN_HEADER = b"SQLite format 3\0"


KEY_FOLDER_ENV = "MEDIATOR_DESK_KEYS"  # another folder for the keys (the self-test's own)


def key_folder() -> Path:
    chosen = os.environ.get(KEY_FOLDER_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "keys"


def meta(db: Database, key: str) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else ""


def _set_meta(db: Database, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])


def is_encrypted(db: Database) -> bool:
    """Whether the file on disk is encrypted: a plain SQLite file starts with its own header."""
    rows = [r for r in db.execute("PRAGMA database_list") if r[1] == "main"]
    if not rows or not rows[0][2]:
        return False
    try:
        with open(rows[0][2], "rb") as handle:
            start = handle.read(len(_PLAIN_HEADER))
    except OSError:
        return False
    return bool(start) and start != _PLAIN_HEADER


class Signer:
    """The key that signs this case file's seals, confirmations and audit head."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._key: bytes | None = None

    def file_id(self, create: bool = False) -> str:
        """The file's random id ('' if it has none, or one that is not ours)."""
        value = meta(self.db, FILE_ID)
        if _FILE_ID_FORM.fullmatch(value):
            return value
        if not create or value:
            return ""
        value = secrets.token_hex(16)
        _set_meta(self.db, FILE_ID, value)
        return value

    def key_path(self) -> Path | None:
        file_id = self.file_id()
        return key_folder() / f"{file_id}.key" if file_id else None

    def key(self, create: bool = False) -> bytes | None:
        """The signing key, or None when it is not on this computer (and not `create`)."""
        if self._key is not None:
            return self._key
        encrypted = is_encrypted(self.db)
        if encrypted and _is_key(meta(self.db, KEY)):
            self._key = bytes.fromhex(meta(self.db, KEY))
            return self._key
        self.file_id(create=create)
        path = self.key_path()
        if path is not None and path.is_file():
            text = path.read_text(encoding="ascii", errors="replace").strip()
            if _is_key(text):
                self._key = bytes.fromhex(text)
                return self._key
        if not create:
            return None
        key = secrets.token_bytes(32)
        if encrypted:
            _set_meta(self.db, KEY, key.hex())
        else:
            assert path is not None
            _write_private(path, key.hex())
        self._key = key
        return key


def _is_key(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{64}", text))


def _write_private(path: Path, text: str) -> None:
    """A file only the user can read, made whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(handle, text.encode("ascii"))
        os.fsync(handle)
    finally:
        os.close(handle)
    os.replace(temporary, path)


# -- the chain ----------------------------------------------------------------------------------
FOUND_ALTERED = "audit trail found altered"


def append_audit(db: Database, signer: Signer, entry: dict[str, Any]) -> None:
    """Add an entry at the end of the chain and sign the new head. If the chain no longer ends
    where the app left it (entries removed or changed at its end), that is recorded first, so
    signing the new head never hides it."""
    if not _ends_where_signed(db, signer):
        _append(db, signer, entry | {
            "action": FOUND_ALTERED, "content_sha256": "",
            "detail": "The audit trail did not end where Mediator Desk left it: its last "
                      "entries were removed or changed outside Mediator Desk.",
        })  # fmt: skip
    _append(db, signer, entry)


def _append(db: Database, signer: Signer, entry: dict[str, Any]) -> None:
    last = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    entry_id = int(last[0]) + 1 if last else 1
    previous = str(last[1]) if last else GENESIS
    row = entry | {"id": entry_id, "content_sha256": entry.get("content_sha256", "")}
    digest = audit_entry_hash(previous, row)
    db.table("audit").insert(row | {"prev_hash": previous, "hash": digest})
    sign_head(db, signer, entry_id, digest)


def _ends_where_signed(db: Database, signer: Signer) -> bool:
    last = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    head = meta(db, HEAD)
    if last is None:
        return not head
    if head != f"{last[0]}:{last[1]}":
        return False
    message = head_message(signer.file_id(), int(last[0]), str(last[1]))
    verdict = check_signature(signer.key(), message, meta(db, HEAD_SIGNATURE))
    return verdict in (Signed.GOOD, Signed.ELSEWHERE)


def sign_head(db: Database, signer: Signer, entry_id: int, digest: str) -> None:
    key = signer.key(create=True)
    assert key is not None
    _set_meta(db, HEAD, f"{entry_id}:{digest}")
    _set_meta(db, HEAD_SIGNATURE, sign(key, head_message(signer.file_id(), entry_id, digest)))


RECHAIN_CHUNK = 2000  # audit entries relinked at a time


def rechain(db: Database, signer: Signer, after_id: int = 0) -> None:
    """Link every entry after `after_id` again and sign the head: only for the app's own
    rewrites (an upgrade, an erasure), with the audit log's guard lifted by the caller."""
    row = db.execute(
        "SELECT hash FROM audit WHERE id <= ? ORDER BY id DESC LIMIT 1", [after_id]
    ).fetchone()
    previous = str(row[0]) if row else GENESIS
    last_id = 0
    columns = ", ".join(AUDIT_FIELDS)
    while True:  # a chunk at a time: a whole log read at once (400,000 entries at 50,000 cases)
        # made the garbage collector stop every thread, the window's too, for seconds
        chunk = db.execute(
            f"SELECT id, {columns} FROM audit WHERE id > ? ORDER BY id LIMIT ?",
            [max(after_id, last_id), RECHAIN_CHUNK],
        ).fetchall()
        if not chunk:
            break
        relinked = []
        for entry_id, *values in chunk:
            digest = chain_hash(previous, values)
            relinked.append((previous, digest, entry_id))
            previous, last_id = digest, int(entry_id)
        db.conn.executemany("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", relinked)
    if last_id or after_id:
        head = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        if head is not None:
            sign_head(db, signer, int(head[0]), str(head[1]))
    elif meta(db, HEAD) and db.execute("SELECT 1 FROM audit LIMIT 1").fetchone() is None:
        # every entry was taken out (an erasure from the first): the log ends where it began
        _set_meta(db, HEAD, "")
        _set_meta(db, HEAD_SIGNATURE, "")


# -- signatures of seals and confirmations ------------------------------------------------------
def seal_signature(signer: Signer, case_id: int, row: dict[str, Any]) -> str:
    """The signature of a seal row about to be stored (or as stored)."""
    key = signer.key(create=True)
    assert key is not None
    return sign(key, seal_message(signer.file_id(), case_id, from_row(Seal, row)))


def confirmation_signature(signer: Signer, case_id: int, row: dict[str, Any]) -> str:
    key = signer.key(create=True)
    assert key is not None
    message = confirmation_message(signer.file_id(), case_id, from_row(Confirmation, row))
    return sign(key, message)
