"""Adding a whole case read from the exchange format, in one transaction: every row or none.
A sealed statement (already verified by exchange.decode) is signed with this file's key and
its seal and confirmations are entered in this file's audit trail (docs/integrity.md)."""

from __future__ import annotations

import json
from typing import Any

from ..domain.bundle import CaseBundle
from ..domain.case import Case
from .chain import confirmation_signature, seal_signature
from .records import to_row
from .repository import CaseRepository


def _row(record: object, case_id: int, drop: tuple[str, ...] = ("id", "case_id")) -> dict[str, Any]:
    return to_row(record, skip=drop) | {"case_id": case_id}


def import_bundle(cases: CaseRepository, bundle: CaseBundle, source: str) -> Case:
    db = cases.db
    with db.atomic():
        case = cases.create(bundle.case)  # a new reference in this case file
        assert case.id is not None
        case_id = case.id
        people: dict[int, int] = {}
        for attendee in bundle.attendees:
            new_id = db.table("attendees").insert(_row(attendee, case_id)).last_pk
            people[attendee.id or 0] = int(new_id)  # type: ignore[arg-type]
        for contact in bundle.contacts:
            row = _row(contact, case_id)
            row["attendee_id"] = (
                people.get(contact.attendee_id) if contact.attendee_id is not None else None
            )
            db.table("contacts").insert(row)
        for proposed in bundle.proposed_dates:
            db.table("proposed_dates").insert(_row(proposed, case_id))
        db.table("arrangements").insert(_row(bundle.arrangements, case_id, ("case_id",)))
        views = _row(bundle.child_views, case_id, ("case_id",))
        views["share_with"] = json.dumps(sorted(people[i] for i in bundle.child_views.share_with))
        db.table("child_views").insert(views)
        for attachment, data in bundle.attachments:
            row = _row(attachment, case_id) | {"data": data, "size": len(data)}
            row["added_at"] = row.get("added_at") or cases.clock().isoformat(timespec="seconds")
            db.table("attachments").insert(row)
        issues: dict[int, int] = {}
        for issue in bundle.issues:
            new_id = db.table("statement_issues").insert(_row(issue, case_id)).last_pk
            issues[issue.id or 0] = int(new_id)  # type: ignore[arg-type]
        for action in bundle.actions:
            row = _row(action, case_id)
            row["issue_id"] = issues.get(action.issue_id) if action.issue_id is not None else None
            db.table("agreed_actions").insert(row | {"created_at": cases.clock().isoformat()})
        db.table("meeting_records").insert(_row(bundle.record, case_id, ("case_id",)))
        for seen in bundle.presence:
            row = _row(seen, case_id, ("case_id",))
            row["attendee_id"] = people[seen.attendee_id]
            db.table("presence").insert(row)
        addenda: dict[int, int] = {}
        for addendum in bundle.addenda:
            new_id = db.table("addenda").insert(_row(addendum, case_id)).last_pk
            addenda[addendum.id or 0] = int(new_id)  # type: ignore[arg-type]
        now = cases.clock()
        for confirmation in bundle.confirmations:
            row = _row(confirmation, case_id)
            row["attendee_id"] = people[confirmation.attendee_id]  # checked by decode
            row["addendum_id"] = (
                addenda.get(confirmation.addendum_id)
                if confirmation.addendum_id is not None
                else None
            )
            row["signature"] = confirmation_signature(cases.signer, case_id, row)
            db.table("confirmations").insert(row)
            detail = f"{confirmation.party}: imported from {source}"
            cases._audit(now, case_id, case.reference, "statement confirmed", detail,
                         confirmation.sha256)  # fmt: skip
        if bundle.seal is not None:
            db.table("statement_versions").insert(
                {"case_id": case_id, "version": bundle.seal.version, "sha256": bundle.seal.sha256,
                 "content": bundle.seal.content, "created_at": bundle.seal.sealed_at.isoformat()}
            )  # fmt: skip
            row = _row(bundle.seal, case_id, ("case_id",))
            row["signature"] = seal_signature(cases.signer, case_id, row)
            db.table("seals").insert(row)
            cases._audit(now, case_id, case.reference, "statement sealed",
                         f"imported from {source}, SHA-256 {bundle.seal.sha256}",
                         bundle.seal.sha256)  # fmt: skip
        cases._reindex(case_id)
        cases.record(case_id, "imported", f"from {source}")
    return cases.get(case_id)
