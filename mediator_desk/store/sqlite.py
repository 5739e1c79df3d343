"""The one DB-API module every connection uses: SQLCipher's (which is SQLite with encryption,
and behaves exactly as SQLite when no key is given) where installed, else the standard
library's. It must be set up before sqlite-utils is first imported, so sqlite-utils catches
the same exception classes (store/__init__.py imports this first)."""

from __future__ import annotations

import hashlib
import sys
import typing
from pathlib import Path
from types import ModuleType

dbapi: ModuleType
try:
    import sqlcipher3  # type: ignore[import-untyped]
    from sqlcipher3 import dbapi2 as _sqlcipher

    sys.modules.setdefault("pysqlite3", sqlcipher3)
    sys.modules.setdefault("pysqlite3.dbapi2", _sqlcipher)
    dbapi = _sqlcipher
    ENCRYPTION_AVAILABLE = True
except ImportError:  # pragma: no cover - the locked install always has it
    import sqlite3 as _stdlib

    dbapi = _stdlib
    ENCRYPTION_AVAILABLE = False

Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
IntegrityError = dbapi.IntegrityError
OperationalError = dbapi.OperationalError
ProgrammingError = dbapi.ProgrammingError


def quote_key(passphrase: str) -> str:
    """A passphrase as an SQL string literal for PRAGMA key (single quotes doubled)."""
    return "'" + passphrase.replace("'", "''") + "'"


# SQLCipher 4's key derivation (its defaults, which every case file uses): PBKDF2-HMAC-SHA512
# of the passphrase, 256,000 rounds, salted with the file's first 16 bytes, giving 32 bytes.
KDF_ROUNDS = 256_000
SALT_BYTES = 16
PLAIN_HEADER = b"SQLite format 3\x00"
# Keys derived in this process, by passphrase and salt; emptied when a case file is closed.
_derived: dict[tuple[str, bytes], str] = {}


def apply_key(conn: typing.Any, passphrase: str | None, source: Path | None = None) -> None:
    """Unlock an encrypted case file (SQLCipher). The passphrase lives only in memory.

    Deriving the key costs 120 to 250 ms on a 2-core laptop, and a file is opened through
    several connections (the window's, its checks', a report's). Given the `source` file, the
    key is derived once for its salt and each connection is given the raw key; if the raw key
    does not read the file (a wrong passphrase, or a file made with other settings) the
    passphrase is given as it is, so SQLCipher judges it exactly as before."""
    if passphrase is None:
        return
    conn.execute("PRAGMA cipher_log_level = NONE")  # no SQLCipher chatter on stderr
    salt = _salt(source) if source is not None else None
    if salt is not None:
        raw = _derived.get((passphrase, salt))
        if raw is None:
            raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, KDF_ROUNDS, 32).hex()
        conn.execute(f"PRAGMA key = \"x'{raw}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi.DatabaseError as error:
            if "not a database" not in str(error).lower():
                return  # keyed, but the file cannot be read now: the caller hears why
            # otherwise keyed again below, with the passphrase
        else:
            _derived[(passphrase, salt)] = raw
            return
    conn.execute(f"PRAGMA key = {quote_key(passphrase)}")


def forget_keys() -> None:
    """Drop every derived key (when a case file is closed)."""
    _derived.clear()


def _salt(path: Path) -> bytes | None:
    """An encrypted file's salt: its first 16 bytes (None for a plain or missing file)."""
    try:
        with open(path, "rb") as file:
            salt = file.read(SALT_BYTES)
    except OSError:
        return None
    return salt if len(salt) == SALT_BYTES and salt != PLAIN_HEADER else None


# A connection of whichever module is in use (both follow DB-API 2 and sqlite3's API).
Connection = typing.Any
