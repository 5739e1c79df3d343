"""What makes a sealed statement trustworthy, as pure rules (docs/integrity.md): the seal's
text matches its hash, every confirmation of it is by a main party who was present, each audit
entry is chained to the one before, and seals, confirmations and the chain's head carry a keyed
signature. The store gathers the rows; these functions judge them."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

from .case import Case
from .case_timeline import AgreedAction
from .preparation import Attendee
from .statement import (
    Confirmation,
    Issue,
    MeetingRecord,
    Presence,
    Seal,
    compose,
    content_hash,
    is_standard_appeal_information,
    required_confirmers,
)

# The hash before the first audit entry.
GENESIS = "0" * 64
AUDIT_FIELDS = ("id", "at", "actor", "case_id", "reference", "action", "detail", "content_sha256")


def audit_entry_hash(previous: str, entry: Mapping[str, Any]) -> str:
    """An audit entry's own hash, over its fields and the hash of the entry before it, so no
    entry can be removed, reordered or rewritten without breaking every later link."""
    return chain_hash(previous, [entry.get(name) for name in AUDIT_FIELDS])


def chain_hash(previous: str, values: Sequence[Any]) -> str:
    """The same hash from the entry's values in AUDIT_FIELDS order (the fast path for checking
    a whole trail)."""
    text = _ENCODER.encode([previous, *values])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _other(value: object) -> object:
    """A value SQLite can hold but JSON cannot (a blob written from outside): still hashed."""
    return {"bytes": value.hex()} if isinstance(value, bytes) else {"other": repr(value)}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_other)


# -- keyed signatures ---------------------------------------------------------------------------
class Signed(Enum):
    GOOD = "good"
    BAD = "bad"  # made with this key, but the signed facts have changed
    UNSIGNED = "unsigned"
    ELSEWHERE = "elsewhere"  # made with a key that is not on this computer


def key_id(key: bytes) -> str:
    """A short public name for a key, kept with each signature, so a signature made on another
    computer is recognised as such rather than called forged."""
    return hashlib.sha256(b"mediator-desk key id\0" + key).hexdigest()[:16]


def _message(kind: str, *parts: object) -> bytes:
    return json.dumps([kind, *parts], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal_message(file_id: str, case_id: int, seal: Seal) -> bytes:
    return _message(
        "seal", file_id, case_id, seal.version, seal.sha256,
        seal.sealed_at.isoformat(timespec="seconds"), seal.sealed_by,
    )  # fmt: skip


def confirmation_message(file_id: str, case_id: int, confirmation: Confirmation) -> bytes:
    c = confirmation
    return _message(
        "confirmation", file_id, case_id, c.attendee_id, c.party, c.version, c.sha256,
        c.how.value, c.confirmed_at.isoformat(timespec="seconds"), c.addendum_id,
    )  # fmt: skip


def head_message(file_id: str, entry_id: int, entry_hash: str) -> bytes:
    return _message("audit head", file_id, entry_id, entry_hash)


def sign(key: bytes, message: bytes) -> str:
    return f"{key_id(key)}:{hmac.new(key, message, hashlib.sha256).hexdigest()}"


def check_signature(key: bytes | None, message: bytes, signature: str) -> Signed:
    if not signature:
        return Signed.UNSIGNED
    kid, _, _mac = signature.partition(":")
    if key is None or kid != key_id(key):
        return Signed.ELSEWHERE
    return Signed.GOOD if hmac.compare_digest(sign(key, message), signature) else Signed.BAD


# -- the sealed statement against its confirmations -------------------------------------------
def confirmation_problems(
    seal: Seal | None,
    confirmations: Sequence[Confirmation],
    attendees: Sequence[Attendee],
    presence: Sequence[Presence],
    every_confirmer_known: bool = True,
) -> list[str]:
    """Every confirmation is by an attendee of the case; every confirmation of the sealed text is
    by a main party who was present, and every such party confirmed it. Without
    `every_confirmer_known`, a confirmation of another text by someone since removed from the
    case is allowed (an attendee may be deleted before sealing; the audit trail and signatures
    still vouch for each confirmation)."""
    problems = []
    known = {a.id for a in attendees}
    required = {a.id: a for a in required_confirmers(attendees, presence)}
    # An ICB representative present may confirm (a party where health care is mediated,
    # SEND Regulations 2014 reg 42(3)); statements sealed before that rule did not ask them to,
    # so their confirmation is allowed but not required here (sealing requires it now).
    may_confirm = {a.id for a in required_confirmers(attendees, presence, health=True)}
    for confirmation in confirmations:
        of_seal = seal is not None and confirmation.sha256 == seal.sha256
        if confirmation.attendee_id not in known and (every_confirmer_known or of_seal):
            problems.append(
                f"it has a confirmation by {confirmation.party}, who is not one of its attendees."
            )
        elif (
            seal is not None
            and not confirmation.addendum_id
            and confirmation.sha256 == seal.sha256
            and confirmation.attendee_id not in may_confirm
        ):
            problems.append(
                f"the sealed statement is confirmed by {confirmation.party}, who was not a main "
                "party present at the meeting."
            )
    if seal is not None:
        confirmed = {
            c.attendee_id for c in confirmations if not c.addendum_id and c.sha256 == seal.sha256
        }
        for attendee_id, party in required.items():
            if attendee_id not in confirmed:
                problems.append(f"{party.name} was present but never confirmed the sealed text.")
        if not required:
            problems.append("no main party present confirmed the sealed statement.")
    return problems


def seal_content_problems(seal: Seal) -> list[str]:
    if content_hash(seal.content) != seal.sha256:
        return ["the sealed text does not match its SHA-256: it has been changed since sealing."]
    return []


def _frozen(content: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a statement that sealing freezes in the case file itself (its triggers
    refuse any change to issues, presence, linked agreed actions and the record's wording).
    Names, the reference, the meeting date and the working-day dates of actions are drawn
    from records a mediator may still correct after sealing, so they are not compared."""
    issues = content.get("issues")
    present = content.get("present")
    return {
        "issues": [
            {
                "title": issue.get("title"),
                "discussion": issue.get("discussion"),
                "outcome": issue.get("outcome"),
                "actions": [
                    {"what": a.get("what"), "who": a.get("who")}
                    for a in issue.get("actions", [])
                    if isinstance(a, dict)
                ],
            }
            for issue in (issues if isinstance(issues, list) else [])
            if isinstance(issue, dict)
        ],
        "present": sorted(
            (str(p.get("arrived")), str(p.get("left")))
            for p in (present if isinstance(present, list) else [])
            if isinstance(p, dict)
        ),
        "other_matters": content.get("other_matters"),
        "next_steps": content.get("next_steps"),
    }


def recomposed_differences(
    seal: Seal, case: Case, attendees: Sequence[Attendee], presence: Sequence[Presence],
    issues: Sequence[Issue], actions: Sequence[AgreedAction], record: MeetingRecord,
) -> list[str]:  # fmt: skip
    """The parts of the sealed text that differ from the statement recomposed (with `compose`)
    from the case's own records, in what sealing froze; empty when they agree. The actions'
    working-day dates are not frozen (see `_frozen`), so none are needed."""
    try:
        sealed = json.loads(seal.content)
    except ValueError:
        return ["the sealed text is not a statement."]
    if not isinstance(sealed, dict):
        return ["the sealed text is not a statement."]
    recomposed = json.loads(
        json.dumps(compose(case, attendees, presence, issues, actions, record), ensure_ascii=False)
    )
    names = {
        "present": "who was present", "issues": "the issues, outcomes and agreed actions",
        "other_matters": "other matters", "next_steps": "next steps",
        "appeal_information": "the appeal information",
    }  # fmt: skip
    ours, theirs = _frozen(recomposed), _frozen(sealed)
    differing = [names[k] for k in sorted(ours) if ours[k] != theirs[k]]
    # The record's own appeal wording is frozen; left empty, the standard wording (which
    # follows the decision date, still editable) or none may have been sealed.
    wording = sealed.get("appeal_information")
    if wording != recomposed.get("appeal_information") and (
        record.appeal_information.strip() or not is_standard_appeal_information(str(wording))
    ):
        differing.append(names["appeal_information"])
    return differing


def imported_seal_problems(
    case: Case,
    attendees: Sequence[Attendee],
    presence: Sequence[Presence],
    issues: Sequence[Issue],
    actions: Sequence[AgreedAction],
    record: MeetingRecord,
    confirmations: Sequence[Confirmation],
    seal: Seal | None,
) -> list[str]:
    """Why a statement arriving in an exchange file cannot be taken as sealed: it must be held
    to the same rules as one sealed here (its hash; the text agrees with the issues, actions,
    presence and attendees in the same file; every confirmer an attendee who was present)."""
    problems = seal_content_problems(seal) if seal is not None else []
    if seal is not None and not problems:
        differing = recomposed_differences(seal, case, attendees, presence, issues, actions, record)
        if differing:
            problems.append(
                "the sealed text does not agree with the file's own record of "
                f"{', '.join(differing)}."
            )
    return problems + confirmation_problems(seal, confirmations, attendees, presence)
