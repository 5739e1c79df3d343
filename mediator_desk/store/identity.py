"""Where the mediator's document-signing certificate and key are kept (docs/integrity.md,
"Signed documents"): where the case file's other key is kept. An encrypted file holds both
inside (SQLCipher encrypts and authenticates every page); an unencrypted file never holds
them: they live in the user's data folder, named by the file's random id, readable only by the
user. The certificate is kept with its key, never alone in an unencrypted file, where anyone
could put another in its place."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from sqlite_utils import Database

from .chain import Signer, _set_meta, _write_private, is_encrypted, key_folder, meta

CERTIFICATE = "document_certificate"  # only ever in an encrypted file, as is its key
KEY = "document_key"


def _decode(text: str) -> bytes | None:
    try:
        return base64.b64decode(text.strip(), validate=True) or None
    except (binascii.Error, ValueError):
        return None


class IdentityStore:
    """The signing certificate and its private key (PKCS #8), as DER bytes."""

    def __init__(self, db: Database, signer: Signer) -> None:
        self.db = db
        self.signer = signer

    def _path(self, create: bool) -> Path | None:
        file_id = self.signer.file_id(create=create)
        return key_folder() / f"{file_id}.signing" if file_id else None

    def get(self) -> tuple[bytes, bytes] | None:
        """(certificate, key), or None when there is none for this file on this computer."""
        if is_encrypted(self.db):
            certificate, key = _decode(meta(self.db, CERTIFICATE)), _decode(meta(self.db, KEY))
            return (certificate, key) if certificate and key else None
        path = self._path(create=False)
        if path is None:
            return None
        try:
            with open(path, encoding="ascii") as handle:
                lines = handle.read().split()
        except (OSError, UnicodeDecodeError):
            return None
        if len(lines) != 2:
            return None
        certificate, key = _decode(lines[0]), _decode(lines[1])
        return (certificate, key) if certificate and key else None

    def keep(self, certificate: bytes, key: bytes) -> None:
        """Keep a new certificate and key in place of any before (the caller's transaction
        covers an encrypted file's; the unencrypted file's folder is written whole or not at
        all)."""
        text = [base64.b64encode(part).decode("ascii") for part in (certificate, key)]
        if is_encrypted(self.db):
            _set_meta(self.db, CERTIFICATE, text[0])
            _set_meta(self.db, KEY, text[1])
            return
        path = self._path(create=True)
        assert path is not None  # an id is made when there is none
        _write_private(path, "\n".join(text) + "\n")
