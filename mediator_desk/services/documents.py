"""Use cases of documents: gather a case's facts, build each document from its form, export it
atomically in Word or PDF, and keep a record of exports and circulation."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..documents.build import (
    CERTIFICATES,
    KINDS,
    DocumentFacts,
    DocumentNotReady,
    Service,
    build_document,
)
from ..documents.export import FORMATS, export, file_kind, write_new
from ..documents.forms import FormError
from ..documents.letters import offered
from ..documents.logo import UnsuitableLogo, fit_logo, picture_format
from ..documents.mail import calendar_invite, email_draft
from ..documents.model import Document
from ..documents.signing import SigningError, SigningPlan
from ..domain.calendar import WorkingCalendar
from ..domain.case import Case, CaseKind, future_event
from ..domain.preferences import Preferences
from ..domain.preparation import Arrangements, Attachment, Attendance, Attendee, ChildViews
from ..domain.timeline import appeal_deadline, contact_adviser_by
from ..input_rules import checked
from ..store import errors
from ..store.casefile import CaseFile
from ..store.documents import DocumentLog
from .changes import CaseChanges
from .records import OneOf, Records
from .signing import SigningService
from .statements import StatementService


class CaseDesk(Protocol):
    """What documents need of the Desk: the open file, its records and statement, and the
    one change documents make to a case (the circulation date)."""

    casefile: CaseFile
    attendees: Records[Attendee]
    arrangements: OneOf[Arrangements]
    child_views: OneOf[ChildViews]
    statement: StatementService
    signing: SigningService
    today: Callable[[], dt.date]
    changes: CaseChanges

    @property
    def actor(self) -> str: ...

    def attachments(self, case_id: int) -> list[Attachment]: ...

    def attachment_data(self, attachment_id: int) -> bytes: ...

    @property
    def path(self) -> Path: ...

    @property
    def read_only(self) -> bool: ...

    def refuse_if_read_only(self) -> None: ...

    def calendar(self) -> WorkingCalendar: ...

    def preferences(self) -> Preferences: ...

    def update_case(self, case_id: int, changes: Mapping[str, Any]) -> Case: ...

    def case(self, case_id: int) -> Case: ...


SERVICE_KEYS = {
    "name": "service_name",
    "address": "service_address",
    "phone": "service_phone",
    "email": "service_email",
    "mediator": "mediator_name",
    "adviser": "adviser_name",
}
LOGO_KEY = "service_logo"  # base64 text of the PNG or JPEG picture; empty when there is none
DEFAULT_SERVICE = Service(name="Mediation service")


class CannotMakeDocument(errors.CaseFileError):
    """The document cannot be made yet, or its form is broken; the message says which."""


class LogoNotAccepted(errors.CaseFileError):
    """The picture chosen for the letterhead is not a PNG or JPEG of sensible size."""


class DocumentExists(CannotMakeDocument):
    """The file is already there; it is replaced only when the mediator says so."""


@dataclass(frozen=True)
class Recipients:
    """Who an email draft goes to: addresses in `to` are seen by everyone, so only people who
    agreed to share their contact details are there; everyone else is in `bcc`."""

    to: list[tuple[str, str]]
    bcc: list[tuple[str, str]]

    def describe(self) -> str:
        names = ", ".join(name for name, _ in self.to) or "no one"
        return f"to {names} ({len(self.bcc)} in Bcc)"


@dataclass(frozen=True)
class DocumentStatus:
    kind: str
    title: str
    ready: bool
    reason: str  # why not ready, or what it is
    exported_at: dt.datetime | None
    circulated_on: dt.date | None


class DocumentService:
    def __init__(self, desk: CaseDesk) -> None:
        self._desk = desk
        self._log = DocumentLog(desk.casefile.cases)

    # -- the service's details (letterhead) ---------------------------------------------------
    def service(self) -> Service:
        repo = self._desk.casefile.cases
        with errors.plain_english_errors(self._desk.path):
            values = {
                field: repo.setting(key, getattr(DEFAULT_SERVICE, field))
                for field, key in SERVICE_KEYS.items()
            }
        return Service(**values, logo=self.logo())

    def set_service(self, changes: Mapping[str, str]) -> None:
        self._desk.refuse_if_read_only()
        repo = self._desk.casefile.cases
        changes = checked(changes)
        with errors.plain_english_errors(self._desk.path):
            for field, value in changes.items():
                repo.set_setting(SERVICE_KEYS[field], value.strip())

    def logo(self) -> bytes | None:
        """The letterhead's logo, or None when there is none (or what is stored is not a
        picture any more, so documents are still made, without it)."""
        with errors.plain_english_errors(self._desk.path):
            text = self._desk.casefile.cases.setting(LOGO_KEY, "")
        if not text:
            return None
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None
        return data if picture_format(data) else None

    def set_logo(self, data: bytes | None) -> None:
        """Keep a PNG or JPEG picture (at most 1 MB and 4000 × 4000 pixels) as the letterhead's
        logo; None removes it. Anything else is refused with LogoNotAccepted. A large picture is
        kept scaled down to 1000 pixels on its longer side."""
        self._desk.refuse_if_read_only()
        if data is not None:
            try:
                data = fit_logo(data)
            except UnsuitableLogo as problem:
                raise LogoNotAccepted(problem.message, self._desk.path) from None
        text = base64.b64encode(data).decode("ascii") if data is not None else ""
        with errors.plain_english_errors(self._desk.path):
            self._desk.casefile.cases.set_setting(LOGO_KEY, text)

    # -- building -----------------------------------------------------------------------------
    def facts(self, case: Case, recipient_id: int | None = None, kind: str = "") -> DocumentFacts:
        """Everything the case's documents draw on, read once from the case file."""
        desk = self._desk
        assert case.id is not None
        statement = desk.statement
        seal = statement.seal_of(case.id)
        base = DocumentFacts(
            case=case,
            service=self.service(),
            issue_date=desk.today(),
            attendees=desk.attendees.list(case.id),
            arrangements=desk.arrangements.get(case.id),
            views=desk.child_views.get(case.id),
            statement=None if seal else statement.content(case),
            seal=seal,
            seal_problems=tuple(statement.verify(case)) if seal else (),
            confirmations=statement.confirmations(case.id),
            addenda=statement.addenda(case.id),
            meeting_minutes=desk.preferences().meeting_minutes,
            pictures=self._profile_pictures(case.id) if kind == "child-views" else (),
        )
        return self._for_kind(base, kind, recipient_id)

    def _profile_pictures(self, case_id: int) -> list[tuple[bytes, str]]:
        """The pictures chosen for the profile (read only for the profile: they can be large)."""
        desk = self._desk
        return [
            (desk.attachment_data(a.id), a.caption)
            for a in desk.attachments(case_id)
            if a.in_profile and a.mime.startswith("image/") and a.id is not None
        ]

    def _for_kind(self, base: DocumentFacts, kind: str, recipient_id: int | None) -> DocumentFacts:
        """The facts as one kind of document sees them: a certificate is dated when it was
        issued, and its appeal deadline counts from that date."""
        case = base.case
        issue_date = base.issue_date
        if kind in CERTIFICATES and case.certificate_issued:
            issue_date = case.certificate_issued
        appeal = contact_by = None
        if case.decision_date is not None:
            calendar = self._desk.calendar()
            # A certificate's appeal date counts from its own date (HESC Rules 2008
            # r20(1)(c)(ii)); with no certificate (Section I only, CFA 2014 s55), only (c)(i).
            # The letter for a family who declined counts from the certificate it encloses.
            with_certificate = case.kind is CaseKind.MEDIATION and not case.section_i_only
            certificate = issue_date if with_certificate else None
            if kind == "letter-declined" and with_certificate:
                certificate = case.certificate_issued or issue_date
            appeal = appeal_deadline(
                case.decision_date, certificate, calendar, section_i_only=case.section_i_only
            )
            contact_by = contact_adviser_by(case.decision_date, calendar).due
        recipient = next((a for a in base.attendees if a.id == recipient_id), None)
        return dataclasses.replace(
            base,
            issue_date=issue_date,
            appeal_by=appeal.due if appeal else None,
            appeal=appeal,
            contact_adviser_by=contact_by,
            recipient=recipient,
        )

    def build(
        self, case: Case, kind: str, recipient_id: int | None = None,
        facts: DocumentFacts | None = None,
    ) -> Document:  # fmt: skip
        """One document; `facts` may be passed in when several are built for one case."""
        try:
            chosen = (
                self._for_kind(facts, kind, recipient_id)
                if facts is not None
                else self.facts(case, recipient_id, kind)
            )
            return build_document(kind, chosen)
        except DocumentNotReady as problem:
            raise CannotMakeDocument(str(problem)) from None
        except FormError as problem:
            raise CannotMakeDocument(
                f"The wording file for this document is broken: {problem}"
            ) from None

    def export(
        self, case: Case, kind: str, fmt: str, folder: Path, recipient_id: int | None = None,
        replace: bool = False,
    ) -> Path:  # fmt: skip
        """Write one document; the file appears whole or not at all. A file already there is
        replaced only with replace=True (DocumentExists otherwise)."""
        if fmt not in FORMATS:
            raise CannotMakeDocument(f"'{fmt}' is not a format: choose docx or pdf.")
        if not folder.is_dir():
            raise CannotMakeDocument(f"The folder {folder} does not exist.")
        document, plan = self.signed(case, kind, self.build(case, kind, recipient_id))
        try:
            path = export(document, folder, fmt, replace=replace, plan=plan)
        except FileExistsError as error:
            name = Path(error.filename or folder).name
            raise DocumentExists(
                f"{name} already exists in {folder}. Nothing was written.", folder / name
            ) from None
        except OSError as error:
            raise CannotMakeDocument(
                f"The document could not be saved in {folder}: {error.strerror or error}. "
                "Nothing was written."
            ) from error
        except SigningError as error:
            raise CannotMakeDocument(f"{error} Nothing was written.") from error
        self.record_export(case, kind, fmt, path.name)
        return path

    def signed(
        self, case: Case, kind: str, document: Document
    ) -> tuple[Document, SigningPlan | None]:
        """The document with its small print, and how its PDF is signed (None: it is not): a
        certificate, or a sealed statement that verifies, by the mediator's own certificate,
        made the first time one is needed."""
        signing = self._desk.signing
        plan = signing.plan(case, kind, document)
        return signing.marked(document, plan, kind), plan

    def record_export(self, case: Case, kind: str, fmt: str, name: str) -> dt.date | None:
        """Log an export. A certificate's first export is its issue: the case records the
        date it carries (its appeal deadline counts from it), which is returned, else None."""
        if self._desk.read_only:
            return None
        assert case.id is not None
        seal = self._desk.statement.seal_of(case.id)
        verified = seal is not None and not self._desk.statement.verify(case)
        sealed = seal.sha256 if seal and verified and kind == "outcome-statement" else ""
        with self._desk.changes.writing(case.id):
            with errors.plain_english_errors(self._desk.path):
                self._log.record_export(case.id, kind, fmt, name, KINDS[kind], sealed)
            if kind not in CERTIFICATES or self._desk.case(case.id).certificate_issued:
                return None
            issued = self._desk.today()
            self._desk.update_case(case.id, {"certificate_issued": issued})
            return issued

    # -- status and circulation ---------------------------------------------------------------
    def statuses(self, case: Case) -> list[DocumentStatus]:
        assert case.id is not None
        with errors.plain_english_errors(self._desk.path):
            exported = self._log.last_exports(case.id)
            circulated = self._log.circulated(case.id)
        if case.statement_circulated:
            circulated.setdefault("outcome-statement", case.statement_circulated)
        statuses = []
        attendees = self._desk.attendees.list(case.id)
        views = self._desk.child_views.get(case.id)
        shared = next((a.id for a in attendees if a.id in views.share_with), None)
        facts = self.facts(case)  # read once for all seven kinds
        for kind, title in KINDS.items():
            if not offered(kind, facts):
                continue
            try:
                recipient = shared if kind == "child-views" else None
                document = self.build(case, kind, recipient, facts)
                ready, reason = True, "Draft: not sealed" if document.draft else "Ready"
                if kind == "outcome-statement" and facts.seal_problems:
                    reason = "Failed verification: not the sealed record"
            except CannotMakeDocument as problem:
                ready, reason = False, problem.message
            statuses.append(
                DocumentStatus(kind, title, ready, reason, exported.get(kind), circulated.get(kind))
            )
        return statuses

    def set_circulated(self, case: Case, kind: str, day: dt.date | None) -> None:
        self._desk.refuse_if_read_only()
        assert case.id is not None
        later = future_event("statement_circulated", day, self._desk.today())
        if later:
            raise errors.InvalidChange(later)
        with self._desk.changes.writing(case.id):
            with errors.plain_english_errors(self._desk.path):
                self._log.set_circulated(case.id, kind, KINDS[kind], day)
            if kind == "outcome-statement":
                self._desk.update_case(case.id, {"statement_circulated": day})

    # -- email drafts and calendar invitations -----------------------------------------------
    def recipients(self, case: Case) -> Recipients:
        """Everyone with an email address who takes part: those invited (not marked as not
        attending), anyone recorded present, and anyone who confirmed the statement. Only
        those who consented to share their contact details are in To."""
        assert case.id is not None
        statement = self._desk.statement
        came = {p.attendee_id for p in statement.presence(case.id) if p.present}
        came |= {c.attendee_id for c in statement.confirmations(case.id)}
        to: list[tuple[str, str]] = []
        bcc: list[tuple[str, str]] = []
        for a in self._desk.attendees.list(case.id):
            taking_part = a.attendance is not Attendance.NOT_ATTENDING or a.id in came
            if a.email.strip() and taking_part:
                (to if a.consent_share_contact else bcc).append((a.name, a.email.strip()))
        return Recipients(to, bcc)

    def sendable(self, case: Case, attachments: list[Path]) -> list[Path]:
        """The files an email may carry: a sealed outcome statement goes as PDF only, since a
        Word copy could be edited after it was agreed."""
        assert case.id is not None
        if self._desk.statement.seal_of(case.id) is None:
            return list(attachments)
        statement = [p for p in attachments if file_kind(p, case.reference) == "outcome-statement"]
        if statement and not any(p.suffix.lower() == ".pdf" for p in statement):
            raise CannotMakeDocument(
                "The sealed outcome statement is sent as a PDF only (a Word copy could be "
                "edited). Export it as PDF, then prepare the email."
            )
        return [p for p in attachments if p not in statement or p.suffix.lower() == ".pdf"]

    def prepare_email(self, case: Case, attachments: list[Path], folder: Path) -> Path:
        """An .eml draft with the documents attached, for the mediator's own mail client;
        an earlier draft is kept (the new one is 'email (2).eml')."""
        attachments = self.sendable(case, attachments)
        recipients = self.recipients(case)
        service = self.service()
        names = ", ".join(p.name for p in attachments)
        body = (
            f"Dear all,\n\nPlease find attached the documents for case {case.reference} "
            f"({names}).\n\nWith best wishes,\n{service.mediator or service.name}"
        )
        data = email_draft(
            (service.mediator or service.name, service.email),
            recipients.to,
            f"{case.reference}: documents from {service.name}",
            body,
            attachments,
            bcc=recipients.bcc,
        )
        return write_new(folder / f"{case.reference} email.eml", data)

    def record_sending(self, case: Case, attachments: list[Path]) -> list[str]:
        """Record today as the day each attached document went out where no day is recorded
        yet (the email draft is how the mediator circulates them); returns those kinds, so the
        recording can be offered for undoing with `set_circulated(..., None)`."""
        assert case.id is not None
        with errors.plain_english_errors(self._desk.path):
            already = self._log.circulated(case.id)
        kinds: list[str] = []
        for path in attachments:
            kind = file_kind(path, case.reference)
            if kind in KINDS and kind not in already and kind not in kinds:
                kinds.append(kind)
        with self._desk.changes.writing(case.id):
            for kind in kinds:
                self.set_circulated(case, kind, self._desk.today())
        return kinds

    def meeting_invite(self, case: Case, folder: Path) -> Path:
        """A calendar invitation for the meeting (needs its date and start time); without an
        end time it lasts the usual length from Settings ▸ Meetings, as the letter says."""
        assert case.id is not None
        arrangements = self._desk.arrangements.get(case.id)
        if case.meeting_date is None or not arrangements.start_time:
            raise CannotMakeDocument("Enter the meeting date and start time first.")
        try:
            start_time = dt.time.fromisoformat(arrangements.start_time)
            end_time = (
                dt.time.fromisoformat(arrangements.end_time) if arrangements.end_time else None
            )
        except ValueError:
            raise CannotMakeDocument("Times must be like 10:00.") from None
        start = dt.datetime.combine(case.meeting_date, start_time)
        end = (
            dt.datetime.combine(case.meeting_date, end_time)
            if end_time
            else start + dt.timedelta(minutes=self._desk.preferences().meeting_minutes)
        )  # without an end time, the usual length the meeting letter gives too
        place = arrangements.link or arrangements.venue
        service = self.service()
        data = calendar_invite(
            uid=f"{case.reference}-meeting@mediator-desk",
            start=start,
            end=end,
            summary=f"Mediation meeting {case.reference}",
            location=place,
            description=f"{service.name}. {arrangements.platform}".strip(),
            stamp=dt.datetime.now(dt.UTC),
            organizer=(service.name, service.email),
        )
        return write_new(folder / f"{case.reference} meeting.ics", data)
