"""Use cases shared by the GUI and the command line: open a case file, list, create and edit
cases, load the demo, check integrity. Widgets and commands call these; they never reach the
store or build SQL themselves."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

from . import APP_NAME
from .demo import DEMO_SERVICE, demo_actions, demo_cases, demo_meetings, demo_preparation
from .domain.calendar import WorkingCalendar
from .domain.case import Case, CaseChecks, check_case
from .domain.case_timeline import (
    DEFAULT_WARN_WORKING_DAYS,
    AgreedAction,
    RecordedEvent,
    Status,
    TrackedDeadline,
    case_facts,
    recorded_events,
    track_case,
)
from .domain.preferences import PreferenceNotValid, Preferences, setting_key, to_text
from .domain.preparation import Attachment, Attendee, Role, check_attachment_size
from .domain.readiness import ReadinessItem, readiness
from .domain.reporting import ReportCase, ReportFilter, ServiceReport, build_report
from .domain.statement import ConfirmedHow
from .domain.timeline import Clock, deadlines
from .domain.values import future_birth, printable, strip_controls
from .exchange import CaseBundle, ExchangeError, decode, encode, read_file
from .input_rules import checked, checked_one, checked_value
from .pictures import PictureRefused, attachment_mime
from .store import errors
from .store.backup import backup_into, restore, write_backup
from .store.casefile import (
    CaseFile,
    check_casefile,
    open_casefile,
    reader,
    verify_casefile,
)
from .store.erasure import closed_cases_due, erase_case
from .store.importer import import_bundle
from .store.integrity import IntegrityReport, guard_problems
from .store.integrity import verify as verify_integrity
from .store.lock import CaseFileLock
from .store.plain_copies import plain_copies, protect
from .store.preparation import CaseRecords, OneRecord, PreparationRepository
from .store.rekey import recover_interrupted, reencrypt
from .store.repository import AuditEntry, CasebookOrder, CaseSummary
from .store.statement import StatementRepository

ENV_CASEFILE = "MEDIATOR_DESK_CASEFILE"
ENV_PASSPHRASE = "MEDIATOR_DESK_PASSPHRASE"
DEFAULT_BACKUPS_KEPT = 10
DEFAULT_RETENTION_YEARS = 6
WARN_DAYS_KEY = "warn_working_days"
DEFAULT_FILENAME = "casebook.mdesk"

Today = Callable[[], dt.date]
R = TypeVar("R")


class CaseNotValid(errors.CaseFileError):
    """A new case with problems that must be put right first; `checks` lists them."""

    def __init__(self, checks: CaseChecks) -> None:
        super().__init__(" ".join(p.message for p in checks.errors))
        self.checks = checks


def default_casefile_path() -> Path:
    """The case file used when none is named: MEDIATOR_DESK_CASEFILE, else the user's data
    folder (for example ~/.local/share/Mediator Desk/casebook.mdesk on Linux)."""
    chosen = os.environ.get(ENV_CASEFILE)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILENAME


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class Records(Generic[R]):
    """The use cases on one kind of case record (attendees, contacts, proposed dates): read
    always; change only when the file is writable; errors in plain English."""

    def __init__(self, desk: Desk, table: CaseRecords[R]) -> None:
        self._desk = desk
        self._table = table

    def list(self, case_id: int) -> list[R]:
        with errors.plain_english_errors(self._desk.path):
            return self._table.list(case_id)

    def add(self, case_id: int, record: R) -> R:
        self._desk._refuse_if_read_only()
        with errors.plain_english_errors(self._desk.path):
            record = checked_one(record)
            return self._table.add(case_id, record, _describe(record))

    def update(self, record_id: int, changes: Mapping[str, Any]) -> R:
        self._desk._refuse_if_read_only()
        with errors.plain_english_errors(self._desk.path):
            return self._table.update(record_id, checked(changes))

    def delete(self, record_id: int) -> None:
        self._desk._refuse_if_read_only()
        with errors.plain_english_errors(self._desk.path):
            record = self._table.get(record_id)
            self._table.delete(record_id, _describe(record))


class OneOf(Generic[R]):
    """The use cases on a record a case has one of (arrangements, the child's views)."""

    def __init__(self, desk: Desk, record: OneRecord[R]) -> None:
        self._desk = desk
        self._record = record

    def get(self, case_id: int) -> R:
        with errors.plain_english_errors(self._desk.path):
            return self._record.get(case_id)

    def update(self, case_id: int, changes: Mapping[str, Any]) -> R:
        self._desk._refuse_if_read_only()
        with errors.plain_english_errors(self._desk.path):
            return self._record.update(case_id, checked(changes))


def to_changes(record: object) -> dict[str, Any]:
    """A record's fields as changes (for a record a case has one of)."""
    return {
        f.name: getattr(record, f.name)
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.name != "case_id"
    }


def _describe(record: object) -> str:
    """A short label for the audit log (a name or a kind, never the whole content)."""
    for name in ("name", "kind", "day"):
        value = getattr(record, name, None)
        if value is not None:
            return str(getattr(value, "label", value))
    return ""


class Desk:
    """One open case file and everything a mediator can do with it."""

    def __init__(
        self, casefile: CaseFile, today: Today = dt.date.today, checked: bool = True
    ) -> None:
        self.today = today
        # Whether the file's structure check has been done (see verify).
        self._checked = checked
        self._check_lock = threading.Lock()
        self._check_failed: errors.CaseFileError | None = None
        # Tamper evidence (docs/integrity.md): what opening the file found, and the protective
        # triggers put back (once, before the first write).
        self.opening_report: IntegrityReport | None = None
        self.check_notes: list[str] = []
        self._guards_restored: list[str] | None = None
        self._wire(casefile)
        if checked:
            self.restore_guards()

    def _wire(self, casefile: CaseFile) -> None:
        """Build the use cases over one open case file (again, after it is re-encrypted)."""
        self.casefile = casefile
        preparation = PreparationRepository(casefile.cases)
        self._preparation = preparation
        self.attendees = Records(self, preparation.attendees)
        self.contacts = Records(self, preparation.contacts)
        self.proposed_dates = Records(self, preparation.proposed_dates)
        self.arrangements = OneOf(self, preparation.arrangements)
        self.child_views = OneOf(self, preparation.child_views)
        from .statement_service import StatementService

        self.statement = StatementService(self, StatementRepository(casefile.cases))
        from .document_service import DocumentService

        self.documents = DocumentService(self)

    @property
    def actor(self) -> str:
        """Who is recorded in the audit log as doing things."""
        return self.casefile.cases.actor

    # -- the file ----------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.casefile.path

    @property
    def read_only(self) -> bool:
        return self.casefile.read_only

    def close(self) -> None:
        self.casefile.close()

    @property
    def encrypted(self) -> bool:
        return self.casefile.encrypted

    def set_passphrase(self, passphrase: str) -> None:
        """Encrypt the case file with `passphrase`, or change its passphrase. The plain copy
        of a previously unencrypted file is overwritten and removed."""
        self._refuse_if_read_only()
        self._wire(reencrypt(self.casefile, passphrase))
        with errors.plain_english_errors(self.path):
            self.casefile.cases.record(None, "passphrase set", "case file encrypted")

    def plain_copies(self) -> list[Path]:
        """Unencrypted copies (backups, and copies kept before an upgrade or a restore) of an
        encrypted case file: the mediator is asked what to do with them after encrypting."""
        if not self.encrypted:
            return []  # a plain file's copies are as plain as itself, by choice
        return plain_copies(self.path, self.backup_folder())

    def protect_plain_copies(self, *, remove: bool) -> int:
        """Encrypt the plain copies with the case file's passphrase, or overwrite and remove
        them; returns how many."""
        done = self.plain_copies_work(remove=remove)()
        self.record_plain_copies(remove=remove, done=done)
        return done

    def plain_copies_work(self, *, remove: bool) -> Callable[[], int]:
        """The file work of protect_plain_copies, which touches only the copies (each through a
        connection of its own), so the app can run it on a worker thread."""
        self._refuse_if_read_only()
        if not self.encrypted:
            raise errors.InvalidChange("Encrypt the case file first; its copies follow it.")
        path, folder = self.path, self.backup_folder()
        passphrase = None if remove else self.casefile.passphrase
        return lambda: protect(path, folder, passphrase)

    def record_plain_copies(self, *, remove: bool, done: int) -> None:
        """Enter in the history what was done to the plain copies."""
        with errors.plain_english_errors(self.path):
            what = "plain copies removed" if remove else "plain copies encrypted"
            self.casefile.cases.record(None, what, f"{done} copies")

    def check(self) -> list[str]:
        """Integrity problems in plain English, each naming its case; empty when the case file
        is sound. Notes on what could not be checked here are left in `check_notes`."""
        problems = check_casefile(self.casefile) + self.restore_guards()
        with errors.plain_english_errors(self.path):
            report = verify_integrity(self.casefile.db)
        self.check_notes = report.notes
        return problems + report.problems

    def restore_guards(self) -> list[str]:
        """Put back any protective trigger removed outside the app, once per opening, and
        record it in the audit log; returns what was found (also reported by `check`). A file
        open read-only is only looked at."""
        if self.read_only:
            with errors.plain_english_errors(self.path):
                return guard_problems(self.casefile.db, restore=False)
        if self._guards_restored is None:
            with errors.plain_english_errors(self.path):
                self._guards_restored = guard_problems(self.casefile.db, restore=True)
                if self._guards_restored:
                    self.casefile.cases.record(
                        None, "protective triggers restored", " ".join(self._guards_restored)
                    )
        return self._guards_restored

    # -- cases -------------------------------------------------------------------------------
    def count(self) -> int:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.count()

    def list_cases(self, search: str = "") -> list[CaseSummary]:
        with errors.plain_english_errors(self.path):
            repo = self.casefile.cases
            if not search.strip():
                return repo.summaries()
            ids = repo.search_ids(search)
            order = {case_id: n for n, case_id in enumerate(ids)}
            return sorted(repo.summaries(ids), key=lambda s: order[s.id])

    def casebook_ids(
        self,
        search: str = "",
        order: CasebookOrder = CasebookOrder.REFERENCE,
        descending: bool = True,
    ) -> list[int]:
        """The casebook's cases as ids only, matching `search`, in order; see case_summaries."""
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.case_ids(search, order, descending, self.today())

    def case_summaries(self, ids: Iterable[int]) -> list[CaseSummary]:
        """The casebook rows of these cases (in reference order; callers place them)."""
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.summaries(ids)

    def case(self, case_id: int) -> Case:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.get(case_id)

    def case_by_reference(self, reference: str) -> Case:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.get_by_reference(reference)

    def checks(self, case: Case) -> CaseChecks:
        return check_case(case, self.today())

    def create_case(self, draft: Case) -> Case:
        """Validate and store a new case; CaseNotValid lists what to put right."""
        self._refuse_if_read_only()
        draft = checked_one(draft)
        checks = self.checks(draft)
        if not checks.ok:
            raise CaseNotValid(checks)
        with errors.plain_english_errors(self.path):
            case = self.casefile.cases.create(draft)
        platform = self.preferences().platform
        if platform and case.id is not None:  # the mediator's usual platform, to start with
            self.arrangements.update(case.id, {"platform": platform})
        return case

    def update_case(self, case_id: int, changes: Mapping[str, Any]) -> Case:
        """Save edits as typed (autosave): stored even while a check still fails, so nothing
        typed is ever lost; the checks are shown beside the fields instead."""
        self._refuse_if_read_only()
        changes = checked(changes)
        born_later = future_birth(changes.get("child_dob"), self.today())
        if born_later:
            raise errors.InvalidChange(born_later)
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.update(case_id, changes)

    def history(self, case_id: int | None = None) -> list[AuditEntry]:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.audit_entries(case_id)

    def load_demo_cases(self) -> list[Case]:
        """Add the fictional demo cases (all in one transaction)."""
        self._refuse_if_read_only()
        actions = demo_actions(self.today())
        preparation = demo_preparation(self.today())
        if self.documents.service().name == "Mediation service":  # never overwrite a real one
            self.documents.set_service(DEMO_SERVICE)
        repo, prep = self.casefile.cases, self._preparation
        with errors.plain_english_errors(self.path), self.casefile.db.atomic():
            created = []
            for case in demo_cases(self.today()):
                stored = repo.create(case)
                case_id = stored.id
                assert case_id is not None
                for action in actions.get(case.child_name, []):
                    repo.add_action(case_id, action)
                plan = preparation.get(case.child_name)
                if plan is not None:
                    people = [prep.attendees.add(case_id, a, a.name) for a in plan.attendees]
                    for index, contact in plan.contacts:
                        who = people[index].id if index is not None else None
                        prep.contacts.add(case_id, contact.with_changes(attendee_id=who))
                    if plan.arrangements is not None:
                        prep.arrangements.update(case_id, to_changes(plan.arrangements))
                    if plan.views is not None:
                        shared = frozenset(
                            p.id for p in people if p.id is not None and p.role.is_main_party
                        )
                        views = plan.views.with_changes(share_with=shared)
                        prep.child_views.update(case_id, to_changes(views))
                    self._demo_meeting(stored, people)
                created.append(stored)
            return created

    def _demo_meeting(self, case: Case, people: list[Attendee]) -> None:
        """Draft (and, where the demo says so, confirm and seal) a demo statement."""
        plan = demo_meetings().get(case.child_name)
        if plan is None or case.id is None:
            return
        statement = self.statement
        issues = [statement.issues.add(case.id, issue) for issue in plan.issues]
        for action in self.actions(case.id):
            if action.id is not None:
                self.update_action(action.id, {"issue_id": issues[0].id})
        statement.record.update(case.id, to_changes(plan.record))
        for person in people:
            if person.id is not None and person.role is not Role.MEDIATOR:
                statement.set_presence(case.id, person.id, {"present": True, "arrived": "13:30"})
        if plan.sealed:
            for status in statement.parties(case):
                if status.attendee.id is not None:
                    statement.confirm(case, status.attendee.id, ConfirmedHow.SPOKEN)
            statement.seal(case)

    # -- deadlines ---------------------------------------------------------------------------
    def calendar(self) -> WorkingCalendar:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.calendar()

    def warn_days(self) -> int:
        """How many working days before a deadline it is flagged as due soon."""
        with errors.plain_english_errors(self.path):
            value = self.casefile.cases.setting(WARN_DAYS_KEY, str(DEFAULT_WARN_WORKING_DAYS))
        return int(value) if value.isdigit() else DEFAULT_WARN_WORKING_DAYS

    def set_warn_days(self, days: int) -> None:
        self._refuse_if_read_only()
        if not 0 <= days <= 30:
            raise errors.InvalidChange("Choose between 0 and 30 working days.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting(WARN_DAYS_KEY, str(days))

    def extra_holidays(self) -> list[tuple[dt.date, str]]:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.extra_holidays()

    def set_extra_holiday(self, day: dt.date, name: str | None) -> None:
        """Add a one-off bank holiday (or remove one, with name None); every case's
        deadlines are recounted with it."""
        self._refuse_if_read_only()
        if name is not None:
            name = checked_value("name", name)
        if name is not None and not name.strip():
            raise errors.InvalidChange("Give the bank holiday a name.")
        if name is not None and day.weekday() >= 5:
            raise errors.InvalidChange("A bank holiday on a weekend changes no deadline.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_extra_holiday(day, name.strip() if name else None)

    def timeline(self, case: Case) -> list[TrackedDeadline]:
        """The case's deadlines on today's date, in date order."""
        if case.id is None:
            return track_case(case, [], self.calendar(), self.today(), self.warn_days())
        return track_case(
            case,
            self.actions(case.id),
            self.calendar(),
            self.today(),
            self.warn_days(),
            self.contacts.list(case.id),
        )

    def events(self, case: Case) -> list[RecordedEvent]:
        return recorded_events(case)

    def dashboard(self, weeks: int = 2) -> list[tuple[Case, TrackedDeadline]]:
        """What is due this week and next (and anything overdue) across all open cases, in
        date order."""
        today = self.today()
        end = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks, days=-1)
        found: list[tuple[Case, TrackedDeadline]] = []
        calendar, warn = self.calendar(), self.warn_days()
        with errors.plain_english_errors(self.path):
            repo = self.casefile.cases
            for summary in repo.summaries(repo.open_case_ids_due_by(end)):
                case = repo.get(summary.id)
                contacts = self.contacts.list(summary.id)
                for tracked in track_case(
                    case, repo.actions(summary.id), calendar, today, warn, contacts
                ):
                    if tracked.due <= end and tracked.status in (
                        Status.DUE,
                        Status.DUE_SOON,
                        Status.MISSED,
                    ):
                        found.append((case, tracked))
        return sorted(found, key=lambda pair: (pair[1].due, pair[0].reference))

    # -- agreed actions ----------------------------------------------------------------------
    def actions(self, case_id: int) -> list[AgreedAction]:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.actions(case_id)

    def add_action(self, case_id: int, action: AgreedAction) -> AgreedAction:
        self._refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.add_action(case_id, checked_one(action))

    def update_action(self, action_id: int, changes: Mapping[str, Any]) -> AgreedAction:
        self._refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.update_action(action_id, checked(changes))

    def delete_action(self, action_id: int) -> None:
        self._refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            self.casefile.cases.delete_action(action_id)

    # -- attachments to the child's views ---------------------------------------------------
    def attachments(self, case_id: int) -> list[Attachment]:
        with errors.plain_english_errors(self.path):
            return self._preparation.attachments(case_id)

    def attachment_data(self, attachment_id: int) -> bytes:
        with errors.plain_english_errors(self.path):
            return self._preparation.attachment_data(attachment_id)

    def attach_file(self, case_id: int, source: Path, caption: str = "") -> Attachment:
        """Keep a picture or scan inside the case file. Its size is checked before it is read,
        a picture by decoding it; nothing else in the case changes if it is refused."""
        self._refuse_if_read_only()
        name = printable(strip_controls(source.name))  # a name may be bytes that are not text
        caption = checked_value("caption", caption)
        try:
            problem = check_attachment_size(name, source.stat().st_size)
            if problem:
                raise errors.InvalidChange(problem)
            data = source.read_bytes()
        except OSError as error:
            raise errors.InvalidChange(
                f"{name} could not be read ({error.strerror or error}). Nothing was attached."
            ) from error
        try:
            attachment_mime(name, data)
        except PictureRefused as problem:
            raise errors.InvalidChange(problem.message) from None
        with errors.plain_english_errors(self.path):
            return self._preparation.add_attachment(case_id, name, data, caption)

    def delete_attachment(self, attachment_id: int) -> None:
        self._refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            self._preparation.delete_attachment(attachment_id)

    def set_attachment_caption(self, attachment_id: int, caption: str) -> None:
        self._refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            caption = checked_value("caption", caption)
            self._preparation.update_attachment_caption(attachment_id, caption)

    # -- readiness ---------------------------------------------------------------------------
    def readiness(self, case: Case) -> list[ReadinessItem]:
        """What is still to do before the meeting, in plain English."""
        assert case.id is not None
        clocks = deadlines(case_facts(case), self.calendar())
        mediation = clocks.get(Clock.MEDIATION_BY)
        notice = clocks.get(Clock.NOTICE_BY)
        return readiness(
            case,
            self.attendees.list(case.id),
            self.contacts.list(case.id),
            self.arrangements.get(case.id),
            self.child_views.get(case.id),
            bool(self.attachments(case.id)),
            self.today(),
            mediation_by=mediation.due if mediation else None,
            notice_by=notice.due if notice else None,
        )

    # -- the case exchange format -------------------------------------------------------------
    def export_case(self, reference: str, include_private_notes: bool = False) -> str:
        """The whole case as exchange-format JSON (private notes only when asked for)."""
        case = self.case_by_reference(reference)
        assert case.id is not None
        if self.statement.seal_of(case.id) is not None:
            problems = self.statement.verify(case)
            if problems:
                raise errors.FailedVerification(
                    f"Case {case.reference} cannot be exported: its sealed statement failed "
                    f"verification. {' '.join(problems)}",
                    self.path,
                )
        with errors.plain_english_errors(self.path):
            bundle = CaseBundle(
                case=case,
                attendees=self.attendees.list(case.id),
                contacts=self.contacts.list(case.id),
                proposed_dates=self.proposed_dates.list(case.id),
                arrangements=self.arrangements.get(case.id),
                child_views=self.child_views.get(case.id),
                attachments=[(a, self.attachment_data(a.id)) for a in self.attachments(case.id)
                             if a.id is not None],
                actions=self.actions(case.id),
                issues=self.statement.issues.list(case.id),
                record=self.statement.record.get(case.id),
                presence=self.statement.presence(case.id),
                confirmations=self.statement.confirmations(case.id),
                seal=self.statement.seal_of(case.id),
                addenda=self.statement.addenda(case.id),
            )  # fmt: skip
        text = encode(bundle, self._now(), include_private_notes)
        if not self.read_only:
            with errors.plain_english_errors(self.path):
                self.casefile.cases.record(case.id, "exported as a case file", "")
        return text

    def import_case(self, source: Path) -> tuple[Case, list[str]]:
        """Add a whole case from an exchange file: validated first, then all of it or none.
        It gets a new reference here; notes say anything the mediator should know."""
        self._refuse_if_read_only()
        try:
            bundle, notes = decode(read_file(source), self.calendar(), self.today())
        except ExchangeError as problem:
            raise errors.InvalidChange(problem.message) from None
        with errors.plain_english_errors(self.path):
            case = import_bundle(self.casefile.cases, bundle, source.name)
        return case, notes

    # -- retention and erasure ---------------------------------------------------------------
    def retention_years(self) -> int:
        with errors.plain_english_errors(self.path):
            value = self.casefile.cases.setting("retention_years", str(DEFAULT_RETENTION_YEARS))
        return int(value) if value.isdigit() else DEFAULT_RETENTION_YEARS

    def set_retention_years(self, years: int) -> None:
        self._refuse_if_read_only()
        if not 1 <= years <= 100:
            raise errors.InvalidChange("Choose a retention period from 1 to 100 years.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting("retention_years", str(years))

    def cases_due_for_erasure(self) -> list[Case]:
        with errors.plain_english_errors(self.path):
            ids = closed_cases_due(self.casefile.cases, self.today(), self.retention_years())
            return [self.casefile.cases.get(i) for i in ids]

    def erase_case(self, case_id: int) -> str:
        """Erase a closed case so that none of its data is left in the case file."""
        self._refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            return erase_case(self.casefile.cases, case_id)

    # -- service reports ---------------------------------------------------------------------
    def report_cases(self) -> list[ReportCase]:
        """Every case as the statistics see it: kinds, dates and tallies, no names or text.
        Read through a connection of its own, so it may run on a worker thread."""
        with (
            errors.plain_english_errors(self.path),
            reader(self.path, self.casefile.passphrase) as repo,
        ):
            preparation = PreparationRepository(repo)
            issues = StatementRepository(repo).issues.by_case()
            views = preparation.child_views.by_case()
            attendees = preparation.attendees.by_case(  # only the child's attendance
                "role", [Role.CHILD.value, Role.YOUNG_PERSON.value]
            )
            return [
                ReportCase.from_case(
                    case,
                    issues.get(case.id or 0, []),
                    views.get(case.id or 0),
                    attendees.get(case.id or 0, []),
                )
                for case in repo.all()
            ]

    def service_report(
        self, chosen: ReportFilter, cases: list[ReportCase] | None = None
    ) -> ServiceReport:
        """The figures for a period (and a local authority or kind, if chosen), from `cases`
        if they have been read already."""
        if cases is None:
            cases = self.report_cases()
        return build_report(cases, chosen, self.calendar(), self.today())

    # -- the mediator's working defaults ---------------------------------------------------
    def preferences(self) -> Preferences:
        with errors.plain_english_errors(self.path):
            repo = self.casefile.cases
            stored = {
                setting_key(f.name): repo.setting(setting_key(f.name), "")
                for f in dataclasses.fields(Preferences)
            }
        return Preferences.from_settings({k: v for k, v in stored.items() if v != ""})

    def set_preference(self, name: str, value: object) -> Preferences:
        """Change one working default; InvalidChange says in plain English what is allowed."""
        self._refuse_if_read_only()
        value = checked_value(name, value)
        try:
            changed = self.preferences().replace(name, value)
        except PreferenceNotValid as error:
            raise errors.InvalidChange(str(error)) from None
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting(setting_key(name), to_text(getattr(changed, name)))
        return changed

    # -- backups -----------------------------------------------------------------------------
    def set_backup_folder(self, folder: Path | None) -> None:
        """Keep backups in `folder` (None: the Backups folder beside the case file)."""
        self._refuse_if_read_only()
        if folder is not None and folder.exists() and not folder.is_dir():
            raise errors.InvalidChange(f"{folder} is a file, not a folder.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting("backup_folder", str(folder) if folder else "")

    def set_backup_keep(self, count: int) -> None:
        self._refuse_if_read_only()
        if not 1 <= count <= 365:
            raise errors.InvalidChange("Keep from 1 to 365 backups.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting("backup_keep", str(count))

    def backup_folder(self) -> Path:
        """Where backups go: the folder set in the case file, else Backups beside it."""
        with errors.plain_english_errors(self.path):
            chosen = self.casefile.cases.setting("backup_folder", "")
        return Path(chosen) if chosen else self.path.parent / "Backups"

    def backup_keep(self) -> int:
        with errors.plain_english_errors(self.path):
            value = self.casefile.cases.setting("backup_keep", str(DEFAULT_BACKUPS_KEPT))
        return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_BACKUPS_KEPT

    def backup_now(self, target: Path | None = None) -> Path:
        """A checked copy of the whole case file (the online backup API: safe while open)."""
        passphrase = self.casefile.passphrase
        if target is None:
            written = backup_into(
                self.path, self.backup_folder(), self.backup_keep(), self._now(), passphrase
            )
        elif target.exists():
            raise errors.CaseFileExists(f"{target.name} already exists; choose another name.")
        else:
            written = write_backup(self.path, target, passphrase)
        if not self.read_only:
            with errors.plain_english_errors(self.path):
                self.casefile.cases.record(None, "backup taken", str(written))
        return written

    def _now(self) -> dt.datetime:
        return self.casefile.cases.clock()

    def verify(self) -> None:
        """Check the whole file's structure, once (for a file opened with check_now=False).
        The app runs it on a worker thread; a write that comes first waits for it, or runs
        it. Raises DamagedCaseFile, and every later write is refused with the same message."""
        with self._check_lock:
            if not self._checked:
                try:
                    verify_casefile(self.path, self.casefile.passphrase)
                except errors.CaseFileError as error:
                    self._check_failed = error
                finally:
                    self._checked = True
        if self._check_failed is not None:
            raise self._check_failed

    def verify_on_open(self) -> None:
        """`verify`, then the tamper-evidence check of the whole file (docs/integrity.md) into
        `opening_report`. For a worker thread: writes wait only for the structure check, not
        for this (about 2 s at 10,000 cases)."""
        self.verify()
        self.opening_report = self._verify_integrity_apart()

    def _verify_integrity_apart(self) -> IntegrityReport:
        """The sealed record and audit trail verified through a read-only connection of its
        own, so it can run on a worker thread while the file is in use."""
        with (
            errors.plain_english_errors(self.path),
            reader(self.path, self.casefile.passphrase) as cases,
        ):
            return verify_integrity(cases.db)

    def _refuse_if_read_only(self) -> None:
        if not self._checked or self._check_failed is not None:
            self.verify()
        if self._guards_restored is None and not self.read_only:
            self.restore_guards()
        if self.read_only:
            raise errors.WriteRefused(
                f"{self.path.name} is open read-only; changes cannot be saved.", self.path
            )


def open_desk(
    path: Path | str | None = None,
    *,
    read_only: bool = False,
    create: bool = True,
    today: Today = dt.date.today,
    clock: Callable[[], dt.datetime] | None = None,
    passphrase: str | None = None,
    check_now: bool = True,
) -> Desk:
    """Open the named case file (or the default one), creating it if it does not exist.

    With `check_now=False` the file's structure check is left to Desk.verify, which the
    caller must run (on a worker thread): writes wait for it."""
    target = Path(path).expanduser() if path else default_casefile_path()
    if path is None and not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)  # the app's own data folder
    recover_interrupted(target)  # never an empty new file where a re-encryption was stopped
    casefile = open_casefile(
        target,
        read_only=read_only,
        create=create,
        actor=current_user(),
        passphrase=passphrase,
        check_now=check_now,
        **({"clock": clock} if clock else {}),
    )
    return Desk(casefile, today, checked=check_now or casefile.read_only)


def restore_backup(
    backup: Path, casefile: Path, now: dt.datetime | None = None, passphrase: str | None = None
) -> Path:
    """Replace a case file that no copy has open with a checked backup; returns where the
    replaced file was kept."""
    lock = CaseFileLock(casefile)
    lock.acquire()  # refuses if a running copy has it open
    try:
        return restore(
            backup, casefile, now or dt.datetime.now().replace(microsecond=0), passphrase
        )
    finally:
        lock.release()
