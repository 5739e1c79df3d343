"""Re-encrypting a whole case file: encrypting a plain one, or changing its passphrase."""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.passphrase import passphrase_problem
from . import errors
from .casefile import CaseFile, _database, _verify_readable, connect
from .migrations import APPLICATION_ID, user_version
from .repository import CaseRepository
from .sqlite import quote_key


def reencrypt(casefile: CaseFile, passphrase: str) -> CaseFile:
    """Write the whole case file again under `passphrase` (encrypting a plain file, or
    changing the passphrase) and put it in place, holding the lock throughout. A plain copy
    that is replaced is overwritten before it is removed."""
    if casefile.read_only:
        raise errors.WriteRefused("A case file open read-only cannot be re-encrypted.")
    problem = passphrase_problem(passphrase)
    if problem:
        raise errors.InvalidChange(problem)
    path = casefile.path
    rekeyed = path.with_name(f".{path.name}.rekeyed")
    retired = path.with_name(f".{path.name}.retired")
    conn = casefile.db.conn
    version = user_version(casefile.db)
    with errors.plain_english_errors(path):
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY {quote_key(passphrase)}", [str(rekeyed)])
        try:
            conn.execute("SELECT sqlcipher_export('rekeyed')")
            conn.execute(f"PRAGMA rekeyed.user_version = {version}")
            conn.execute(f"PRAGMA rekeyed.application_id = {APPLICATION_ID}")
        finally:
            conn.execute("DETACH DATABASE rekeyed")
        conn.close()
    _verify_readable(rekeyed, exclusive=True, passphrase=passphrase)
    was_plain = casefile.passphrase is None
    os.replace(path, retired)
    os.replace(rekeyed, path)
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        sidecar.unlink(missing_ok=True)
    if was_plain:  # leave no readable copy of the children's data behind
        with open(retired, "r+b") as handle:
            handle.write(b"\0" * retired.stat().st_size)
            handle.flush()
            os.fsync(handle.fileno())
    retired.unlink()
    with errors.plain_english_errors(path):
        db = _database(connect(path, passphrase=passphrase))
    repository = CaseRepository(db, casefile.cases.clock, casefile.cases.actor)
    return CaseFile(path, db, False, casefile.lock, repository, passphrase=passphrase)
