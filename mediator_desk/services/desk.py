"""The Desk: the use cases on cases, shared by the GUI and the command line (list, create
and edit cases, deadlines, agreed actions, attachments, readiness, the exchange format,
erasure, reports, the demo). Widgets and commands call these; they never reach the store or
build SQL themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..domain.bundle import CaseBundle
from ..domain.case import (
    Case,
    CaseChecks,
    CaseStatus,
    check_case,
    future_event,
    shown_name,
)
from ..domain.case_timeline import (
    DEFAULT_WARN_WORKING_DAYS,
    AgreedAction,
    RecordedEvent,
    TrackedDeadline,
    case_facts,
    case_stopped_clocks,
    recorded_events,
    track_case,
)
from ..domain.parents import ParentCarer, as_parents
from ..domain.preparation import Attachment, Attendee, Role, check_attachment_size
from ..domain.readiness import ReadinessItem, readiness
from ..domain.reporting import ReportCase, ReportFilter, ServiceReport, build_report
from ..domain.statement import ConfirmedHow
from ..domain.timeline import Clock, deadlines
from ..domain.values import future_birth, printable, strip_controls
from ..input_rules import checked, checked_one, checked_value
from ..pictures import PictureRefused, attachment_mime
from ..store import errors
from ..store.casefile import (
    CaseFile,
    reader,
    writer,
)
from ..store.derived import holiday_unchanged
from ..store.erasure import closed_cases_due, closed_cases_listed, erase_cases
from ..store.importer import import_bundle
from ..store.repository import AuditEntry, CasebookOrder, CaseRepository, CaseSummary
from ..store.statement import StatementRepository
from .apart import APART_FROM, Stopped, run_apart
from .dashboard import DashboardCounts
from .demo import DEMO_SERVICE, demo_actions, demo_cases, demo_meetings, demo_preparation
from .documents import DocumentService
from .exchange import ExchangeError, decode, encode, read_file
from .phrases import PhraseBank
from .records import to_changes
from .reporting import ReportProcess
from .reporting import read_file as read_report_file
from .session import CaseFileSession
from .signing import SigningService
from .spelling import Spelling
from .statements import StatementService

DEFAULT_RETENTION_YEARS = 6
WARN_DAYS_KEY = "warn_working_days"


def _parents(value: object) -> tuple[ParentCarer, ...]:
    """Parents given by any caller as records, or the plain refusal (never a traceback)."""
    try:
        return as_parents(value)
    except ValueError as problem:
        raise errors.InvalidChange(str(problem)) from None


class CaseNotValid(errors.CaseFileError):
    """A new case with problems that must be put right first; `checks` lists them."""

    def __init__(self, checks: CaseChecks) -> None:
        super().__init__(" ".join(p.message for p in checks.errors))
        self.checks = checks


def _retention(cases: CaseRepository) -> int:
    """The retention period in years, as the mediator set it (Settings), else the default."""
    value = cases.setting("retention_years", str(DEFAULT_RETENTION_YEARS))
    return int(value) if value.isdigit() else DEFAULT_RETENTION_YEARS


class ErasureDue(NamedTuple):
    """A closed case past its retention period, as the mediator is asked about it. Kept as
    the case file holds it, and worded only when shown: tens of thousands may be due."""

    id: int
    reference: str
    child_name: str
    known_as: str
    closed: str  # ISO date

    @property
    def display_name(self) -> str:
        return shown_name(self.child_name, self.known_as)

    @property
    def closed_on(self) -> dt.date:
        return dt.date.fromisoformat(self.closed)


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: the references erased, and whether it was stopped part-way."""

    erased: list[str]
    stopped: bool


RECOUNT_STOPPED = "The deadlines were not recounted: the recount stopped. Nothing was changed."


def set_extra_holiday_in(
    path: Path, passphrase: str | None, now: dt.datetime, actor: str, day: dt.date,
    name: str | None, progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:  # fmt: skip
    """Desk.set_extra_holiday's work, through a connection of its own (in any process)."""
    with errors.plain_english_errors(path), writer(path, lambda: now, actor, passphrase) as repo:
        repo.set_extra_holiday(day, name, progress, cancelled)


class Desk(CaseFileSession):
    """One open case file and everything a mediator can do with it."""

    def _wire(self, casefile: CaseFile) -> None:
        """Build the use cases over one open case file (again, after it is re-encrypted)."""
        super()._wire(casefile)
        self._dashboard = DashboardCounts(
            casefile.cases, casefile.path, lambda: self.today(), self.warn_days
        )
        self.signing = SigningService(self)
        self.statement = StatementService(
            self, StatementRepository(casefile.cases), self.signing.ensure_identity
        )
        self.documents = DocumentService(self)
        self.phrases = PhraseBank(self)
        self.spelling = Spelling(self)

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

    def whole_cases(self, search: str = "") -> list[Case]:
        """The cases `list_cases` lists, whole, in its order, read in one query (for `cases`
        at the command line: one read per case took 6.5 s at 50,000 cases)."""
        with errors.plain_english_errors(self.path):
            repo = self.casefile.cases
            return repo.many(repo.search_ids(search) if search.strip() else None)

    def casebook_ids(
        self,
        search: str = "",
        order: CasebookOrder = CasebookOrder.REFERENCE,
        descending: bool = True,
    ) -> list[int]:
        """The casebook's cases as ids only, matching `search`, in order; see case_summaries."""
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.case_ids(search, order, descending, self.today())

    def search_matches(self, search: str) -> set[int] | None:
        """The cases matching `search`, in no order; None when it has no words."""
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.search_matches(search)

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
        self.refuse_if_read_only()
        draft = checked_one(draft.with_changes(parents=_parents(draft.parents)))
        checks = self.checks(draft)
        if not checks.ok:
            raise CaseNotValid(checks)
        with self.changes.writing() as touch:
            with errors.plain_english_errors(self.path):
                case = self.casefile.cases.create(draft)
            touch(case.id)
            platform = self.preferences().platform
            if platform and case.id is not None:  # the mediator's usual platform, to start with
                self.arrangements.update(case.id, {"platform": platform})
        return case

    def update_case(self, case_id: int, changes: Mapping[str, Any]) -> Case:
        """Save edits as typed (autosave): stored even while a check still fails, so nothing
        typed is ever lost; the checks are shown beside the fields instead."""
        self.refuse_if_read_only()
        if "parents" in changes:
            changes = {**changes, "parents": _parents(changes["parents"])}
        changes = checked(changes)
        born_later = future_birth(changes.get("child_dob"), self.today())
        if born_later:
            raise errors.InvalidChange(born_later)
        with self.changes.writing(case_id), errors.plain_english_errors(self.path):
            return self.casefile.cases.update(case_id, changes)

    def record_conclusion(
        self, case_id: int, concluded_on: dt.date, agreement_date: dt.date | None
    ) -> Case:
        """After the seal: the mediation concluded on `concluded_on` (its certificate is due
        3 working days later) and, when something was agreed, the agreement date reg 42 counts
        the actions from. A date after today is refused, as everywhere."""
        changes: dict[str, Any] = {"status": CaseStatus.CONCLUDED, "concluded_on": concluded_on}
        if agreement_date is not None:
            changes["agreement_date"] = agreement_date
        for name, day in changes.items():
            later = future_event(name, day, self.today()) if name != "status" else None
            if later:
                raise errors.InvalidChange(later)
        return self.update_case(case_id, changes)

    def history(self, case_id: int | None = None) -> list[AuditEntry]:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.audit_entries(case_id)

    def load_demo_cases(self) -> list[Case]:
        """Add the fictional demo cases (all in one transaction)."""
        self.refuse_if_read_only()
        actions = demo_actions(self.today())
        preparation = demo_preparation(self.today())
        if self.documents.service().name == "Mediation service":  # never overwrite a real one
            self.documents.set_service(DEMO_SERVICE)
        repo, prep = self.casefile.cases, self._preparation
        with (
            self.changes.writing() as touch,
            errors.plain_english_errors(self.path),
            self.casefile.db.atomic(),
        ):
            created = []
            for case in demo_cases(self.today()):
                stored = repo.create(case)
                case_id = stored.id
                assert case_id is not None
                touch(case_id)
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
            # Recorded after the (past) demo meeting, so as written confirmations given that day.
            for status in statement.parties(case):
                if status.attendee.id is not None:
                    statement.confirm(
                        case, status.attendee.id, ConfirmedHow.IN_WRITING, case.meeting_date
                    )
            statement.seal(case)

    def warn_days(self) -> int:
        """How many working days before a deadline it is flagged as due soon."""
        with errors.plain_english_errors(self.path):
            value = self.casefile.cases.setting(WARN_DAYS_KEY, str(DEFAULT_WARN_WORKING_DAYS))
        return int(value) if value.isdigit() else DEFAULT_WARN_WORKING_DAYS

    def set_warn_days(self, days: int) -> None:
        self.refuse_if_read_only()
        if not 0 <= days <= 30:
            raise errors.InvalidChange("Choose between 0 and 30 working days.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting(WARN_DAYS_KEY, str(days))

    def extra_holidays(self) -> list[tuple[dt.date, str]]:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.extra_holidays()

    def set_extra_holiday(
        self,
        day: dt.date,
        name: str | None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Add a one-off bank holiday (or remove one, with name None); every case's
        deadlines are recounted with it, in the same transaction. Through a connection of its
        own, so that the window may run it on a worker thread with `progress`; from APART_FROM
        cases in a process of its own too (services/apart.py)."""
        self.refuse_if_read_only()
        if name is not None:
            name = checked_value("name", name)
        if name is not None and not name.strip():
            raise errors.InvalidChange("Give the bank holiday a name.")
        if name is not None and day.weekday() >= 5:
            raise errors.InvalidChange("A bank holiday on a weekend changes no deadline.")
        cases, name = self.casefile.cases, name.strip() if name else None
        work = (self.path, self.casefile.passphrase, cases.clock(), cases.actor, day, name)
        recounting = self.writing_apart("recounting every case's deadlines")
        with errors.plain_english_errors(self.path), recounting:
            if cases.count() < APART_FROM:
                set_extra_holiday_in(*work, progress=progress, cancelled=cancelled)
                return
            try:  # seconds of Python at 50,000 cases: here, the window stalled meanwhile
                run_apart(
                    "Mediator Desk recount", set_extra_holiday_in, *work, progress=progress,
                    cancelled=cancelled,
                )  # fmt: skip
            except Stopped:
                if cancelled is not None and cancelled():
                    raise holiday_unchanged(day, name) from None
                raise errors.StorageProblem(RECOUNT_STOPPED, self.path) from None

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

    def stopped_clocks(self, case: Case) -> dict[Clock, str]:
        """The case's clocks that no longer run (withdrawal, conclusion), each with why."""
        return case_stopped_clocks(case)

    def events(self, case: Case) -> list[RecordedEvent]:
        return recorded_events(case)

    def dashboard(self, weeks: int = 2) -> list[tuple[Case, TrackedDeadline]]:
        """What is due this week and next (and anything overdue) across all open cases, in
        date order (services/dashboard.py keeps what it counted)."""
        return self._dashboard.rows(weeks)

    def count_dashboard_ahead(self, limit: int) -> bool:
        """Count up to `limit` more cases for the dashboard; True while more remain."""
        return self._dashboard.ahead(limit)

    # -- agreed actions ----------------------------------------------------------------------
    def actions(self, case_id: int) -> list[AgreedAction]:
        with errors.plain_english_errors(self.path):
            return self.casefile.cases.actions(case_id)

    def add_action(self, case_id: int, action: AgreedAction) -> AgreedAction:
        self.refuse_if_read_only()
        with self.changes.writing(case_id), errors.plain_english_errors(self.path):
            return self.casefile.cases.add_action(case_id, checked_one(action))

    def update_action(self, action_id: int, changes: Mapping[str, Any]) -> AgreedAction:
        self.refuse_if_read_only()
        with self.changes.writing() as touch, errors.plain_english_errors(self.path):
            action = self.casefile.cases.update_action(action_id, checked(changes))
            touch(action.case_id)
            return action

    def delete_action(self, action_id: int) -> None:
        self.refuse_if_read_only()
        with self.changes.writing() as touch, errors.plain_english_errors(self.path):
            touch(self.casefile.cases.action_case(action_id))
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
        self.refuse_if_read_only()
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
        except PictureRefused as refused:
            raise errors.InvalidChange(refused.message) from None
        with self.changes.writing(case_id), errors.plain_english_errors(self.path):
            return self._preparation.add_attachment(case_id, name, data, caption)

    def delete_attachment(self, attachment_id: int) -> None:
        self.refuse_if_read_only()
        with self.changes.writing() as touch, errors.plain_english_errors(self.path):
            touch(self._preparation.attachment_case(attachment_id))
            self._preparation.delete_attachment(attachment_id)

    def set_attachment_caption(self, attachment_id: int, caption: str) -> None:
        self.refuse_if_read_only()
        with self.changes.writing() as touch, errors.plain_english_errors(self.path):
            caption = checked_value("caption", caption)
            touch(self._preparation.attachment_case(attachment_id))
            self._preparation.update_attachment_caption(attachment_id, caption)

    def set_attachment_in_profile(self, attachment_id: int, in_profile: bool) -> None:
        """Choose whether a picture appears in the child's one-page profile."""
        self.refuse_if_read_only()
        with errors.plain_english_errors(self.path):
            self._preparation.update_attachment_in_profile(attachment_id, in_profile)

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
            with self.changes.writing(case.id), errors.plain_english_errors(self.path):
                self.casefile.cases.record(case.id, "exported as a case file", "")
        return text

    def import_case(self, source: Path) -> tuple[Case, list[str]]:
        """Add a whole case from an exchange file: validated first, then all of it or none.
        It gets a new reference here; notes say anything the mediator should know."""
        self.refuse_if_read_only()
        try:
            bundle, notes = decode(read_file(source), self.today())
        except ExchangeError as problem:
            raise errors.InvalidChange(problem.message) from None
        with self.changes.writing() as touch, errors.plain_english_errors(self.path):
            case = import_bundle(self.casefile.cases, bundle, source.name)
            touch(case.id)
        return case, notes

    # -- retention and erasure ---------------------------------------------------------------
    def retention_years(self) -> int:
        with errors.plain_english_errors(self.path):
            return _retention(self.casefile.cases)

    def set_retention_years(self, years: int) -> None:
        self.refuse_if_read_only()
        if not 1 <= years <= 100:
            raise errors.InvalidChange("Choose a retention period from 1 to 100 years.")
        with errors.plain_english_errors(self.path):
            self.casefile.cases.set_setting("retention_years", str(years))

    def cases_due_for_erasure(self, apart: bool = False) -> list[ErasureDue]:
        """The closed cases past retention, oldest closed first, in one query; `apart`:
        through a connection of its own, for a worker thread (0.2 s for 40,000 cases)."""
        with errors.plain_english_errors(self.path):
            if apart:
                with reader(self.path, self.casefile.passphrase) as repo:
                    listed = closed_cases_listed(repo, self.today(), _retention(repo))
            else:
                listed = closed_cases_listed(
                    self.casefile.cases, self.today(), _retention(self.casefile.cases)
                )
        return [ErasureDue(*row) for row in listed]

    def erase_case(self, case_id: int) -> str:
        """Erase a closed case so that none of its data is left in the case file; the audit
        trail says whether its retention period had ended."""
        return self.erase_cases([case_id]).erased[0]

    def erase_cases(
        self, case_ids: list[int], progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Erasure:  # fmt: skip
        """Erase closed cases in batches (store/erasure.py) through a connection of its own,
        so that it may run on a worker thread while the window's connection stays idle."""
        self.refuse_if_read_only()
        cases = self.casefile.cases
        with (
            errors.plain_english_errors(self.path),
            writer(self.path, cases.clock, cases.actor, self.casefile.passphrase) as repo,
            self.writing_apart("erasing closed cases"),
        ):
            due = set(closed_cases_due(repo, self.today(), _retention(repo)))
            erased = erase_cases(repo, case_ids, due=due, progress=progress, cancelled=cancelled)
        return Erasure(erased, stopped=len(erased) < len(case_ids))

    # -- service reports ---------------------------------------------------------------------
    def report_cases(self) -> list[ReportCase]:
        """Every case as the statistics see it: kinds, dates and tallies, no names or text.
        Read through a connection of its own, so it may run on a worker thread."""
        return read_report_file(self.path, self.casefile.passphrase)

    def report_process(self) -> ReportProcess:
        """A process of its own that reads the report's cases once and counts from them (for
        the window, whose typing it would otherwise hold up; see services/reporting.py)."""
        return ReportProcess(self.path, self.casefile.passphrase)

    def service_report(
        self, chosen: ReportFilter, cases: list[ReportCase] | None = None
    ) -> ServiceReport:
        """The figures for a period (and a local authority or kind, if chosen), from `cases`
        if they have been read already."""
        if cases is None:
            cases = self.report_cases()
        return build_report(cases, chosen, self.calendar(), self.today())
