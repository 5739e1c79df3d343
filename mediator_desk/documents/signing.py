"""Digital signatures on exported PDFs: PAdES baseline (B-B) by the mediator's own certificate,
through pyHanko, and reading them back (docs/integrity.md, "Signed documents").

A signed PDF carries, inside what is signed, the record it was made from (`/MediatorDeskRecord`
in its catalogue: the case's reference, the document's kind, and for an outcome statement the
sealed version and its SHA-256), so `verify` can say whether it is the one in a case file.
pyHanko is loaded only when a document is signed or read: it takes about half a second."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RECORD_KEY = "/MediatorDeskRecord"
FIELD_NAME = "MediatorDeskSignature"
VALID_YEARS = 30  # a certificate outlives the records it signs (kept for up to 25 years)


class SigningError(Exception):
    """A document could not be signed; the message is plain English."""


@dataclass(frozen=True)
class Identity:
    """The mediator's signing certificate and its private key (PKCS #8, DER)."""

    certificate: bytes
    key: bytes = field(repr=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def name(self) -> str:
        return _subject(self.certificate)[0]

    @property
    def organisation(self) -> str:
        return _subject(self.certificate)[1]


def fingerprint(certificate: bytes) -> str:
    """The certificate's SHA-256 in groups of four, as printed on signed documents."""
    digest = hashlib.sha256(certificate).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def short_fingerprint(text: str) -> str:
    """The first eight groups: enough to tell two certificates apart by eye."""
    return " ".join(text.split()[:8])


def _subject(certificate: bytes) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    subject = x509.load_der_x509_certificate(certificate).subject

    def one(oid: Any) -> str:
        found = subject.get_attributes_for_oid(oid)
        return str(found[0].value) if found else ""

    return one(NameOID.COMMON_NAME), one(NameOID.ORGANIZATION_NAME)


def new_identity(name: str, organisation: str, when: dt.datetime) -> Identity:
    """A new key (ECDSA P-256) and a self-signed certificate naming the mediator."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    name = " ".join(name.split()) or "Mediator"
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name[:64])]
    if organisation.strip():
        organisation = " ".join(organisation.split())[:64]
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    subject = x509.Name(attributes)
    key = ec.generate_private_key(ec.SECP256R1())
    start = when.astimezone(dt.UTC) - dt.timedelta(days=1)
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return Identity(
        certificate=certificate.public_bytes(serialization.Encoding.DER),
        key=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


@dataclass(frozen=True)
class SigningPlan:
    """How one document is signed: by whom, carrying what record, why and when."""

    identity: Identity
    record: Mapping[str, str]
    reason: str
    when: dt.datetime


def sign(
    pdf: bytes, identity: Identity, record: Mapping[str, str], reason: str, when: dt.datetime
) -> bytes:
    """The PDF with the record added and a PAdES signature over the whole file."""
    from asn1crypto import keys, x509  # type: ignore[import-untyped]
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    class _At(signers.PdfSigner):
        """pyHanko's signer with the signing time given, not read from the clock."""

        def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
            session = super().init_signing_session(*args, **kwargs)
            session.system_time = when
            return session

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        writer.root[RECORD_KEY] = generic.DictionaryObject(  # type: ignore[no-untyped-call]
            {
                generic.NameObject(f"/{key}"): generic.TextStringObject(str(value))
                for key, value in sorted(record.items())
            }
        )
        writer.update_root()  # type: ignore[no-untyped-call]
        signer = signers.SimpleSigner(
            signing_cert=x509.Certificate.load(identity.certificate),
            signing_key=keys.PrivateKeyInfo.load(identity.key),
            cert_registry=None,  # type: ignore[arg-type]
        )
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            name=identity.name,
        )
        output = _At(meta, signer).sign_pdf(writer)
        return bytes(output.getvalue())
    except Exception as error:  # pyHanko's own errors, and a PDF it cannot read
        raise SigningError(f"The PDF could not be signed: {error}") from error


@dataclass(frozen=True)
class Signature:
    """What a signed PDF says of itself, checked with nothing but the file."""

    intact: bool  # the signed bytes hash to what was signed, and the signature is the key's
    whole_file: bool  # nothing was added or changed after signing
    signer: str
    organisation: str
    fingerprint: str
    signed_at: dt.datetime | None
    record: Mapping[str, str]

    @property
    def unchanged(self) -> bool:
        return self.intact and self.whole_file


class NotSigned(Exception):
    """The file is not a PDF signed by Mediator Desk, or cannot be read as one."""


def read_signature(pdf: bytes) -> Signature:
    """The PDF's signature checked (NotSigned, in plain English, when there is none to check)."""
    if not pdf.startswith(b"%PDF"):
        raise NotSigned("This file is not a PDF.")
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:
        raise NotSigned(f"This PDF could not be read: it may be damaged ({error}).") from error
    if not signatures:
        raise NotSigned("This PDF carries no digital signature.")
    embedded = signatures[-1]
    try:
        certificate = embedded.signer_cert
        context = ValidationContext(trust_roots=[certificate], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
        intact, valid = bool(status.intact), bool(status.valid)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE and len(signatures) == 1
        intact = intact and _only_signature_in_gap(pdf, embedded)
        signed_at = status.signer_reported_dt
    except Exception:  # a signature too damaged to check is not intact
        intact = valid = whole = False
        signed_at = None
        certificate = None
    der = certificate.dump() if certificate is not None else b""
    name, organisation = _subject(der) if der else ("", "")
    return Signature(
        intact=intact and valid,
        whole_file=whole,
        signer=name,
        organisation=organisation,
        fingerprint=fingerprint(der) if der else "",
        signed_at=signed_at,
        record=_record(reader) if intact and valid and whole else {},
    )


def _only_signature_in_gap(pdf: bytes, embedded: Any) -> bool:
    """The one stretch a PDF signature leaves out (its own /Contents) holds the signature and
    zeros after it, as written, and nothing else: a byte changed there changes nothing signed,
    but it is still a change to the file."""
    from asn1crypto import cms

    _, before, after, _ = (int(n) for n in embedded.sig_object["/ByteRange"])
    gap = pdf[before:after]
    if not (gap.startswith(b"<") and gap.endswith(b">")):
        return False
    try:
        raw = bytes.fromhex(gap[1:-1].decode("ascii"))
        used = len(cms.ContentInfo.load(raw, strict=False).dump())
    except ValueError:
        return False
    return not any(raw[used:])


def _record(reader: Any) -> dict[str, str]:
    try:
        found = reader.root.get(RECORD_KEY)
        if found is None:
            return {}
        found = found.get_object()
        return {str(key)[1:]: str(value) for key, value in found.items()}
    except Exception:
        return {}
