"""Signed documents (docs/integrity.md, "Signed documents"): the sealed outcome statement and
each certificate are exported as PDFs signed by the mediator's own certificate, and any PDF can
be checked, alone or against this case file's sealed record."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..documents.build import CERTIFICATES
from ..documents.model import Document
from ..documents.signing import (
    Identity,
    NotSigned,
    Signature,
    SigningPlan,
    new_identity,
    read_signature,
    short_fingerprint,
)
from ..domain.case import Case
from ..domain.dates import long_date
from ..store import errors
from ..store.identity import IdentityStore

if TYPE_CHECKING:
    from ..documents.facts import Service
    from ..store.casefile import CaseFile
    from .statements import StatementService

SIGNED_KINDS = (*CERTIFICATES, "outcome-statement")
MADE = "signing certificate made"


class HasService(Protocol):
    """The service's details in Settings (DocumentService.service)."""

    def service(self) -> Service: ...


class SigningDesk(Protocol):
    casefile: CaseFile
    statement: StatementService
    documents: HasService  # the service and mediator in Settings

    @property
    def read_only(self) -> bool: ...
    @property
    def actor(self) -> str: ...
    def refuse_if_read_only(self) -> None: ...
    def case_by_reference(self, reference: str) -> Case: ...


@dataclass(frozen=True)
class Verdict:
    """A signed PDF judged: `sound` only when it is unchanged since signing and, where a case
    file was asked, it is that file's record; `lines` say so in plain words."""

    sound: bool
    lines: tuple[str, ...]
    signature: Signature | None = None


class SigningService:
    def __init__(self, desk: SigningDesk) -> None:
        self._desk = desk

    def _store(self) -> IdentityStore:
        cases = self._desk.casefile.cases
        return IdentityStore(cases.db, cases.signer)

    # -- the mediator's certificate -------------------------------------------------------------
    def identity(self) -> Identity | None:
        """This case file's signing certificate, or None when none was made (or its key is
        not on this computer)."""
        with errors.plain_english_errors(self._desk.casefile.path):
            found = self._store().get()
        return Identity(certificate=found[0], key=found[1]) if found else None

    def ensure_identity(self) -> Identity | None:
        """This case file's certificate, made now (naming the mediator and service in Settings)
        if it has none and can be written: the first seal, or the first signed export, makes
        it. None in a file opened for viewing that has none."""
        found = self.identity()
        if found is not None or self._desk.read_only:
            return found
        service = self._desk.documents.service()
        return self.make_identity(service.mediator or self._desk.actor, service.name)

    def make_identity(self, name: str, organisation: str) -> Identity:
        """A new certificate naming the mediator and service, in place of any before; the
        audit trail records its fingerprint."""
        self._desk.refuse_if_read_only()
        cases = self._desk.casefile.cases
        identity = new_identity(name, organisation, cases.clock())
        with errors.plain_english_errors(self._desk.casefile.path), cases.db.atomic():
            self._store().keep(identity.certificate, identity.key)
            cases.record(None, MADE, identity.fingerprint)
        return identity

    # -- signing --------------------------------------------------------------------------------
    def plan(self, case: Case, kind: str, document: Document) -> SigningPlan | None:
        """How `document` is to be signed, or None: only a certificate, or an outcome statement
        whose seal verifies, is signed; a draft never is. The signing certificate is made here
        the first time one is needed (not in a file opened for viewing)."""
        if kind not in SIGNED_KINDS or document.draft:
            return None
        identity = self.ensure_identity()
        if identity is None:
            return None
        record = {"case": document.reference, "kind": kind, "date": document.date.isoformat()}
        if kind == "outcome-statement":
            assert case.id is not None
            seal = self._desk.statement.seal_of(case.id)
            if seal is None or self._desk.statement.verify(case):
                return None
            addenda = [a.sha256 for a in self._desk.statement.addenda(case.id) if a.sealed]
            record |= {"version": str(seal.version), "sha256": seal.sha256}
            record |= {"addenda": " ".join(addenda)} if addenda else {}
        return SigningPlan(
            identity=identity,
            record=record,
            reason=f"{document.title} of {document.reference}",
            when=self._desk.casefile.cases.clock(),
        )

    @staticmethod
    def marked(document: Document, plan: SigningPlan | None, kind: str) -> Document:
        """The document with its small print: in the PDF, who signed it and the certificate's
        fingerprint; in Word, that the signed PDF is the record."""
        if plan is None:
            return (
                document
                if kind not in SIGNED_KINDS
                else dataclasses.replace(document, word_note=WORD_NOTE)
            )
        identity = plan.identity
        who = ", ".join(p for p in (identity.name, identity.organisation) if p)
        who = who if len(who) <= 90 else who[:89] + "…"  # one line under the footer
        line = f"Signed digitally by {who}. Certificate {short_fingerprint(identity.fingerprint)}"
        return dataclasses.replace(document, signature_note=line, word_note=WORD_NOTE)

    # -- checking -------------------------------------------------------------------------------
    def verify(self, pdf: bytes) -> Verdict:
        """A PDF checked, and matched against this case file's record."""
        return self.matched(judge(pdf))

    def matched(self, verdict: Verdict) -> Verdict:
        """A PDF's own verdict (`judge`, slow: it may run on any thread) matched against this
        case file's record (quick: on the thread that reads the file)."""
        found = verdict.signature
        if found is None or not verdict.sound:
            return verdict
        lines = list(verdict.lines)
        sound = True
        mine = self.identity()
        if mine is None or mine.fingerprint != found.fingerprint:
            sound = False
            lines.append("It was not signed with this case file's certificate.")
        else:
            lines.append("It was signed with this case file's certificate.")
        matched, said = self._matches(found.record)
        return Verdict(sound and matched, (*lines, *said), found)

    def _matches(self, record: Mapping[str, str]) -> tuple[bool, list[str]]:
        reference, kind = record.get("case", ""), record.get("kind", "")
        try:
            case = self._desk.case_by_reference(reference)
        except errors.NotFound:
            return False, [f"This case file has no case {reference}."]
        if kind != "outcome-statement":
            issued = case.certificate_issued
            if issued is None or issued.isoformat() != record.get("date"):
                return False, [f"{reference} in this case file has no certificate issued then."]
            return True, [f"It is the certificate of {reference} issued {long_date(issued)}."]
        assert case.id is not None
        seal = self._desk.statement.seal_of(case.id)
        if seal is None:
            return False, [f"{reference} in this case file has no sealed statement."]
        if seal.sha256 != record.get("sha256") or str(seal.version) != record.get("version"):
            return False, [
                f"It is not the statement sealed for {reference} in this case file "
                f"(version {seal.version}, sealed {long_date(seal.sealed_at.date())})."
            ]
        said = [f"It is the sealed outcome statement of {reference}, version {seal.version}."]
        sealed = [a.sha256 for a in self._desk.statement.addenda(case.id) if a.sealed]
        carried = record.get("addenda", "").split()
        if carried != sealed[: len(carried)]:
            return False, [*said, "Its addenda are not the ones sealed in this case file."]
        if len(sealed) > len(carried):
            more = len(sealed) - len(carried)
            said.append(
                f"{more} addendum{'' if more == 1 else 'a'} sealed since it was signed "
                f"{'is' if more == 1 else 'are'} not in it."
            )
        return True, said


WORD_NOTE = "This Word copy is not signed: the signed PDF is the record."


def judge(pdf: bytes) -> Verdict:
    """A PDF checked with nothing but itself: unchanged since signing, who signed and when."""
    try:
        found = read_signature(pdf)
    except NotSigned as problem:
        return Verdict(False, (str(problem),))
    when = found.signed_at
    who = ", ".join(p for p in (found.signer, found.organisation) if p) or "someone unnamed"
    if not found.unchanged:
        why = (
            "Something was added to it after it was signed."
            if found.intact
            else "Its contents are not what was signed."
        )
        return Verdict(False, (f"CHANGED since it was signed: do not rely on it. {why}",), found)
    at = f" on {_when(when)}" if when else ""
    lines = (
        "Unchanged since it was signed.",
        f"Signed by {who}{at}.",
        f"Certificate fingerprint (SHA-256): {found.fingerprint}",
    )
    return Verdict(True, lines, found)


def _when(moment: dt.datetime) -> str:
    """'Friday 3 April 2026 at 16:42 (UTC+01:00)', in this computer's time zone."""
    local = moment.astimezone()
    offset = local.strftime("%z")
    return f"{long_date(local.date())} at {local:%H:%M} (UTC{offset[:3]}:{offset[3:]})"
