"""The one DB-API module every connection uses: SQLCipher's (which is SQLite with encryption,
and behaves exactly as SQLite when no key is given) where installed, else the standard
library's. It must be set up before sqlite-utils is first imported, so sqlite-utils catches
the same exception classes (store/__init__.py imports this first)."""

from __future__ import annotations

import sys
import typing
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


def apply_key(conn: typing.Any, passphrase: str | None) -> None:
    """Unlock an encrypted case file (SQLCipher). The passphrase lives only in memory."""
    if passphrase is not None:
        conn.execute("PRAGMA cipher_log_level = NONE")  # no SQLCipher chatter on stderr
        conn.execute(f"PRAGMA key = {quote_key(passphrase)}")


# A connection of whichever module is in use (both follow DB-API 2 and sqlite3's API).
Connection = typing.Any
