"""Use cases of the outcome statement: draft, confirm, seal, and add addenda. Shared by the
meeting tab, the presenter view and (later) documents and the command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..domain.case import Case, CaseKind
from ..domain.case_timeline import action_due_dates
from ..domain.statement import (
    Addendum,
    Confirmation,
    ConfirmedHow,
    Issue,
    MeetingRecord,
    PartyStatus,
    Presence,
    Seal,
    appeal_information,
    canonical_json,
    compose,
    confirmation_problem,
    content_hash,
    party_statuses,
    required_confirmers,
    seal_problems,
)
from ..domain.timeline import Deadline, appeal_deadline
from ..domain.wording import Piece, statement_changes
from ..input_rules import checked, checked_value
from ..store import errors
from ..store.integrity import verify as verify_integrity
from ..store.statement import StatementRepository
from .records import OneOf, Records
from .session import CaseFileSession


@dataclass(frozen=True)
class StatementVersion:
    number: int
    recorded: dt.datetime
    confirmed_by: tuple[str, ...]
    sealed: bool
    content: dict[str, Any] = field(repr=False)

    def describe(self) -> str:
        """'Version 2, confirmed by Morwenna Tregothnan and Kenan Aydın (sealed)'."""
        who = " and ".join(self.confirmed_by)
        said = f"Version {self.number}" + (f", confirmed by {who}" if who else "")
        return said + (" (sealed)" if self.sealed else "")


class StatementService:
    def __init__(
        self, desk: CaseFileSession, repository: StatementRepository,
        after_seal: Callable[[], object] = lambda: None,
    ) -> None:  # fmt: skip
        self._desk = desk
        self._repo = repository
        self._after_seal = after_seal  # the Desk makes the signing certificate if it has none
        self.issues: Records[Issue] = Records(desk, repository.issues)
        self.record: OneOf[MeetingRecord] = OneOf(desk, repository.record)

    def _guard(self) -> Any:
        return errors.plain_english_errors(self._desk.path)

    def _writing(self, case_id: int | None = None) -> Any:
        """One write to the statement of a case: the case's views hear of it once."""
        return self._desk.changes.writing(case_id)

    # -- the draft ---------------------------------------------------------------------------
    def presence(self, case_id: int) -> list[Presence]:
        with self._guard():
            return self._repo.presence(case_id)

    def set_presence(self, case_id: int, attendee_id: int, changes: Mapping[str, Any]) -> None:
        self._desk.refuse_if_read_only()
        with self._writing(case_id), self._guard():
            self._repo.set_presence(case_id, attendee_id, checked(changes))

    def move_issue(self, issue_id: int, step: int) -> None:
        self._desk.refuse_if_read_only()
        with self._writing() as touch, self._guard():
            touch(self._repo.issues.get(issue_id).case_id)
            self._repo.move_issue(issue_id, step)

    def content(self, case: Case) -> dict[str, Any]:
        """What the parties see and confirm: never the private notes."""
        assert case.id is not None
        desk = self._desk
        with self._guard():
            actions = desk.casefile.cases.actions(case.id)
        due = action_due_dates(actions, case, desk.calendar())
        return compose(
            case,
            desk.attendees.list(case.id),
            self.presence(case.id),
            self.issues.list(case.id),
            actions,
            self.record.get(case.id),
            due,
            self._appeal(case),
            desk.child_views.get(case.id),
        )

    def _appeal(self, case: Case) -> Deadline | None:
        """The 2-month appeal deadline (HESC Rules 2008 r20(1)(c)(i), r12) the statement states:
        alone for Section I only, which has no certificate (CFA 2014 s55); otherwise as the
        first limb, the certificate to give the exact date (r20(1)(c)(ii))."""
        if case.kind is not CaseKind.MEDIATION or case.decision_date is None:
            return None
        return appeal_deadline(
            case.decision_date, None, self._desk.calendar(), section_i_only=case.section_i_only
        )

    def appeal_information(self, case: Case) -> str:
        """The appeal wording the statement will carry, as the Meeting tab shows it."""
        assert case.id is not None
        return appeal_information(case, self.record.get(case.id), self._appeal(case))

    def current_hash(self, case: Case) -> str:
        return content_hash(self.content(case))

    # -- confirmations and the seal ----------------------------------------------------------
    def parties(self, case: Case, content: dict[str, Any] | None = None) -> list[PartyStatus]:
        """Each required party and whether they confirmed the statement as it is now (its
        `content`, when the caller has it already)."""
        assert case.id is not None
        with self._guard():
            parties = required_confirmers(
                self._desk.attendees.list(case.id),
                self._repo.presence(case.id),
                health=case.health_mediated,
            )
            confirmations = [c for c in self._repo.confirmations(case.id) if not c.addendum_id]
        now = content_hash(content) if content is not None else self.current_hash(case)
        return party_statuses(parties, confirmations, now)

    def changes_since_confirmed(
        self, case: Case, attendee_id: int
    ) -> tuple[tuple[Piece, ...], str] | None:
        """The words changed since this party last confirmed the statement, and since when
        ("Morwenna Tregothnan confirmed version 1"); None when they have not confirmed it (or
        confirmed it as it is now)."""
        assert case.id is not None
        content = self.content(case)
        status = next(
            (s for s in self.parties(case, content) if s.attendee.id == attendee_id and s.stale),
            None,
        )
        if status is None or status.confirmation is None:
            return None
        with self._guard():
            text = self._repo.version_content(case.id, status.confirmation.sha256)
        if text is None:
            return None
        since = f"{status.attendee.name} confirmed version {status.confirmation.version}"
        return statement_changes(json.loads(text), content), since

    def versions(self, case: Case) -> list[StatementVersion]:
        """Every version a party confirmed, or that was sealed, oldest first, with who
        confirmed it."""
        assert case.id is not None
        with self._guard():
            rows = self._repo.versions(case.id)
            confirmations = self._repo.confirmations(case.id)
            seal = self._repo.seal_of(case.id)
        return [
            StatementVersion(
                number, recorded,
                tuple(c.party for c in confirmations if not c.addendum_id and c.sha256 == sha),
                seal is not None and seal.sha256 == sha, json.loads(text),
            )
            for number, sha, text, recorded in rows
        ]  # fmt: skip

    def latest_version(self, case: Case) -> int:
        assert case.id is not None
        with self._guard():
            return self._repo.latest_version(case.id)

    def confirm(
        self, case: Case, attendee_id: int, how: ConfirmedHow, given_on: dt.date | None = None
    ) -> Confirmation:
        """Record a party's agreement to the statement exactly as it stands now: at the meeting
        (on the meeting day), or in writing on `given_on` (today when not given), on or after
        the meeting day. A confirmation that does not fit the meeting is refused."""
        self._desk.refuse_if_read_only()
        assert case.id is not None
        if self.seal_of(case.id) is not None:
            raise errors.SealedStatement("The statement is already sealed.")
        today = self._desk.today()
        with self._guard():
            meeting = self._desk.casefile.cases.get(case.id).meeting_date  # as stored now
        problem = confirmation_problem(how, meeting, given_on, today)
        if problem:
            raise errors.InvalidChange(problem)
        at = (
            None
            if given_on is None or given_on == today
            else dt.datetime.combine(given_on, dt.time())
        )
        content = self.content(case)
        text = canonical_json(content)
        party = next((a for a in self._desk.attendees.list(case.id) if a.id == attendee_id), None)
        if party is None:
            raise errors.InvalidChange("Choose who is confirming the statement.")
        with self._writing(case.id), self._guard():
            return self._repo.confirm(
                case.id, attendee_id, party.name, how, text, content_hash(text), confirmed_at=at
            )

    def confirmations(self, case_id: int) -> list[Confirmation]:
        with self._guard():
            return self._repo.confirmations(case_id)

    def seal_problems(self, case: Case) -> list[str]:
        return seal_problems(self.parties(case), self.content(case))

    def seal(self, case: Case) -> Seal:
        """Freeze the statement with its SHA-256, once every required party has confirmed
        this exact version."""
        self._desk.refuse_if_read_only()
        assert case.id is not None
        problems = self.seal_problems(case)
        if problems:
            raise errors.InvalidChange(" ".join(problems))
        text = canonical_json(self.content(case))
        with self._writing(case.id), self._guard():
            seal = self._repo.seal(case.id, text, content_hash(text), self._desk.actor)
        self._after_seal()  # its PDF is signed by the mediator's certificate, made if need be
        return seal

    def seal_of(self, case_id: int) -> Seal | None:
        with self._guard():
            return self._repo.seal_of(case_id)

    def seal_verifies(self, seal: Seal) -> bool:
        """The stored hash still matches the stored content (only that: `verify` checks the
        whole sealed record)."""
        return content_hash(seal.content) == seal.sha256

    def verify(self, case: Case) -> list[str]:
        """Why this case's sealed record cannot be relied on (docs/integrity.md): its hash,
        confirmations, audit trail and signatures; empty when it verifies."""
        assert case.id is not None
        with self._guard():
            return verify_integrity(self._desk.casefile.db, [case.id]).problems

    # -- addenda -----------------------------------------------------------------------------
    def addenda(self, case_id: int) -> list[Addendum]:
        with self._guard():
            return self._repo.addenda(case_id)

    def add_addendum(self, case_id: int, reason: str) -> Addendum:
        self._desk.refuse_if_read_only()
        if not reason.strip():
            raise errors.InvalidChange("Give the reason for the addendum.")
        with self._writing(case_id), self._guard():
            return self._repo.add_addendum(case_id, checked_value("reason", reason.strip()))

    def update_addendum(self, addendum_id: int, changes: Mapping[str, Any]) -> Addendum:
        self._desk.refuse_if_read_only()
        with self._writing() as touch, self._guard():
            addendum = self._repo.update_addendum(addendum_id, checked(changes))
            touch(addendum.case_id)
            return addendum

    def addendum_parties(self, case: Case, addendum: Addendum) -> list[PartyStatus]:
        assert case.id is not None
        with self._guard():
            parties = required_confirmers(
                self._desk.attendees.list(case.id),
                self._repo.presence(case.id),
                health=case.health_mediated,
            )
            confirmations = [
                c for c in self._repo.confirmations(case.id) if c.addendum_id == addendum.id
            ]
        return party_statuses(parties, confirmations, content_hash(addendum.content()))

    def confirm_addendum(
        self, case: Case, addendum: Addendum, attendee_id: int, how: ConfirmedHow
    ) -> Confirmation:
        self._desk.refuse_if_read_only()
        assert case.id is not None and addendum.id is not None
        party = next((a for a in self._desk.attendees.list(case.id) if a.id == attendee_id), None)
        if party is None:
            raise errors.InvalidChange("Choose who is confirming the addendum.")
        text = addendum.content()
        with self._writing(case.id), self._guard():
            return self._repo.confirm(
                case.id, attendee_id, party.name, how, text, content_hash(text), addendum.id
            )

    def seal_addendum(self, case: Case, addendum: Addendum) -> Addendum:
        self._desk.refuse_if_read_only()
        assert addendum.id is not None
        if not addendum.text.strip():
            raise errors.InvalidChange("Write the addendum before sealing it.")
        missing = [s.attendee.name for s in self.addendum_parties(case, addendum) if not s.current]
        if missing:
            raise errors.InvalidChange(
                f"Not yet confirmed by: {', '.join(missing)}. Each party confirms the addendum "
                "before it is sealed."
            )
        with self._writing(case.id), self._guard():
            return self._repo.seal_addendum(addendum.id, content_hash(addendum.content()))
