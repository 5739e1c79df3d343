"""Verifying the sealed record (docs/integrity.md): each seal against its hash, its version
row, its confirmations, the attendees present, the chained audit trail and the file's signing
key; and the protective triggers all in place. The one place that judges a case file's
integrity: `check`, opening a file and exporting a sealed statement all ask it."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from ..domain.integrity import (
    AUDIT_FIELDS,
    GENESIS,
    Signed,
    audit_entry_hash,
    chain_hash,
    check_signature,
    confirmation_message,
    confirmation_problems,
    head_message,
    seal_content_problems,
    seal_message,
)
from ..domain.preparation import Attendance, Attendee, Role
from ..domain.statement import Addendum, Confirmation, Presence, Seal, content_hash
from . import chain
from .migrations import all_guards
from .records import from_row

MAX_CHAIN_PROBLEMS = 5
OUTSIDE = "someone changed the case file outside Mediator Desk"


@dataclass
class IntegrityReport:
    """Problems (the record cannot be relied on) and notes (something could not be checked)."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


# -- the protective triggers --------------------------------------------------------------------
def _normal(sql: str) -> str:
    return " ".join(sql.split())


def guard_problems(db: Database, restore: bool) -> list[str]:
    """Protective triggers missing or altered, put back (when `restore`) from their one
    definition in migrations; reported in one line, since only an outsider removes one."""
    present = {
        str(name): str(sql or "")
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    wrong = {
        name: sql
        for name, sql in all_guards().items()
        if name not in present or _normal(present[name]) != _normal(sql)
    }
    if not wrong:
        return []
    if restore:
        with db.atomic():
            for name, sql in wrong.items():
                db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                db.execute(sql)
    outcome = "they have been restored" if restore else "they will be restored when the file "
    outcome += "" if restore else "is opened for writing"
    return [
        f"{len(wrong)} protective trigger(s) that stop sealed statements and the audit log "
        f"changing were missing or altered ({OUTSIDE}): {', '.join(sorted(wrong))}; {outcome}."
    ]


# -- gathering ----------------------------------------------------------------------------------
def _rows(db: Database, table: str, case_ids: Collection[int] | None, order: str = "rowid") -> Any:
    if case_ids is None:
        return db.query(f"SELECT * FROM {table} ORDER BY {order}")
    marks = ", ".join("?" for _ in case_ids)
    return db.query(
        f"SELECT * FROM {table} WHERE case_id IN ({marks}) ORDER BY {order}", list(case_ids)
    )


def _grouped(rows: Iterable[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    groups: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["case_id"], []).append(row)
    return groups


@dataclass
class _Signing:
    key: bytes | None
    file_id: str
    elsewhere: int = 0

    def judge(self, message: bytes, signature: str, what: str) -> list[str]:
        verdict = check_signature(self.key, message, signature)
        if verdict is Signed.ELSEWHERE:
            self.elsewhere += 1
        if verdict is Signed.BAD:
            return [f"{what}'s signature does not match: it was changed after it was signed."]
        if verdict is Signed.UNSIGNED:
            return [f"{what} is not signed: it was not made by Mediator Desk."]
        return []


def verify(db: Database, case_ids: Collection[int] | None = None) -> IntegrityReport:
    """The whole file (or only `case_ids`, for an export or the Meeting tab), judged. Only the
    columns the rules need are read, so a file of 10,000 cases is checked in well under a
    second (docs/performance.md)."""
    signer = chain.Signer(db)
    signing = _Signing(signer.key(), signer.file_id())
    report = IntegrityReport()
    if case_ids is None:
        cases = db.execute("SELECT id, reference FROM cases")
    else:
        marks = ", ".join("?" for _ in case_ids)
        cases = db.execute(f"SELECT id, reference FROM cases WHERE id IN ({marks})", [*case_ids])
    references = {r[0]: r[1] for r in cases}
    seals = {r["case_id"]: r for r in _rows(db, "seals", case_ids)}
    confirmations = _grouped(_rows(db, "confirmations", case_ids, "id"))
    marked = _grouped(
        {"case_id": r[0], "action": r[1], "content_sha256": r[2], "detail": r[3]}
        for r in _select(
            db, "SELECT case_id, action, content_sha256, detail FROM audit "
            "WHERE content_sha256 != '' "
            "AND case_id IS NOT NULL", case_ids,
        )
    )  # fmt: skip
    checked = set(seals) | set(confirmations) | set(marked)
    attendees: dict[int, list[tuple[Any, ...]]] = {}
    for a in _select(db, "SELECT case_id, id, name, role, attendance FROM attendees", case_ids):
        attendees.setdefault(a[0], []).append(a)
    presence: dict[int, list[Presence]] = {}
    for p in _select(db, "SELECT case_id, attendee_id, present FROM presence", case_ids):
        presence.setdefault(p[0], []).append(Presence(p[1], bool(p[2])))
    versions = {
        (r[0], r[1]): {"sha256": r[2], "content": r[3]}
        for r in _select(
            db, "SELECT v.case_id, v.version, v.sha256, v.content FROM statement_versions v "
            "JOIN seals s ON s.case_id = v.case_id AND s.version = v.version", case_ids, "v.",
        )
    }  # fmt: skip
    addenda = _grouped(
        dict(r) for r in _rows(db, "addenda", case_ids, "id") if r["sealed_at"] is not None
    )
    for case_id in sorted(checked | set(addenda)):
        reference = references.get(case_id, f"with id {case_id} (deleted)")
        try:
            found = _case_problems(
                case_id,
                seals.get(case_id),
                confirmations.get(case_id, []),
                [
                    Attendee(a[2], Role(a[3]), attendance=Attendance(a[4]), id=a[1])
                    for a in attendees.get(case_id, [])
                ],
                presence.get(case_id, []),
                versions,
                marked.get(case_id, []),
                [from_row(Addendum, a) for a in addenda.get(case_id, [])],
                signing,
            )
        except (ValueError, TypeError, AttributeError):
            found = [
                "its statement records hold values Mediator Desk never writes, so they cannot "
                f"be read: {OUTSIDE}."
            ]
        report.problems += [f"Case {reference}: {problem}" for problem in found]
    if case_ids is None:
        report.problems += _chain_problems(db, signing)
    else:
        report.problems += _case_chain_problems(db, case_ids, references)
    if signing.elsewhere:
        report.notes.append(
            f"{signing.elsewhere} signature(s) in this case file were made with a key that is "
            "not on this computer (the file was probably made on another computer), so they "
            "cannot be checked here. The hash chain and everything else were checked."
        )
    return report


def _select(
    db: Database, sql: str, case_ids: Collection[int] | None, prefix: str = ""
) -> Iterable[tuple[Any, ...]]:
    """Rows of `sql` (tuples), for only `case_ids` when given."""
    if case_ids is None:
        return db.execute(sql).fetchall()
    joiner = " AND " if " WHERE " in sql else " WHERE "
    marks = ", ".join("?" for _ in case_ids)
    return db.execute(f"{sql}{joiner}{prefix}case_id IN ({marks})", list(case_ids)).fetchall()


def _case_problems(
    case_id: int,
    seal_row: dict[str, Any] | None,
    confirmation_rows: list[dict[str, Any]],
    attendees: list[Attendee],
    presence: list[Presence],
    versions: dict[tuple[int, int], dict[str, Any]],
    marked: list[dict[str, Any]],
    addenda: list[Addendum],
    signing: _Signing,
) -> list[str]:
    seal = from_row(Seal, seal_row) if seal_row else None
    confirmed = [from_row(Confirmation, c) for c in confirmation_rows]
    problems = []
    if seal is not None:
        assert seal_row is not None
        problems += seal_content_problems(seal)
        version = versions.get((case_id, seal.version))
        if version is None or (version["sha256"], version["content"]) != (
            seal.sha256,
            seal.content,
        ):
            problems.append(f"the sealed text differs from its version {seal.version} record.")
        message = seal_message(signing.file_id, case_id, seal)
        problems += signing.judge(message, seal_row["signature"], "the seal")
    problems += confirmation_problems(seal, confirmed, attendees, presence, False)
    for row, confirmation in zip(confirmation_rows, confirmed, strict=True):
        message = confirmation_message(signing.file_id, case_id, confirmation)
        problems += signing.judge(message, row["signature"], f"{confirmation.party}'s confirmation")
    sealed_entries = [e["content_sha256"] for e in marked if e["action"] == "statement sealed"]
    if seal is not None and seal.sha256 not in sealed_entries:
        problems.append("the audit trail has no record of sealing this text.")
    if seal is None and sealed_entries:
        problems.append("the audit trail records a seal that is no longer in the file.")
    problems += _unlogged_confirmations(
        confirmed, [e for e in marked if e["action"] == "statement confirmed"]
    )
    for addendum in addenda:
        if addendum.sealed and content_hash(addendum.content()) != addendum.sha256:
            problems.append("a sealed addendum does not match its SHA-256.")
    return problems


def _unlogged_confirmations(
    confirmed: list[Confirmation], entries: list[dict[str, Any]]
) -> list[str]:
    """Each confirmation against the trail's "statement confirmed" entries: first an entry
    naming the same party for the same text (so an added confirmation is blamed, not the
    genuine one it copies), then any entry for the same text (entries written when a file
    was upgraded name no party)."""
    left = [(str(e["content_sha256"]), str(e["detail"])) for e in entries]
    unmatched: list[Confirmation] = []
    for confirmation in confirmed:
        named = (confirmation.sha256, f"{confirmation.party}: ")
        found = next((n for n, (sha, detail) in enumerate(left)
                      if sha == named[0] and detail.startswith(named[1])), None)  # fmt: skip
        if found is None:
            unmatched.append(confirmation)
        else:
            del left[found]
    problems = []
    for confirmation in unmatched:
        found = next((n for n, (sha, _) in enumerate(left) if sha == confirmation.sha256), None)
        if found is None:
            problems.append(f"the confirmation by {confirmation.party} is not in the audit trail.")
        else:
            del left[found]
    if left:
        problems.append("a confirmation recorded in the audit trail is missing from the file.")
    return problems


def _where(entry: dict[str, Any]) -> str:
    case = f", case {entry['reference']}" if entry["reference"] else ""
    return f"entry {entry['id']} ({entry['at']}, {entry['action']}{case})"


def _chain_problems(db: Database, signing: _Signing) -> list[str]:
    problems: list[str] = []
    previous, last = GENESIS, None
    columns = (*AUDIT_FIELDS, "prev_hash", "hash")
    width = len(AUDIT_FIELDS)

    def named(row: tuple[Any, ...]) -> dict[str, Any]:
        return dict(zip(columns, row, strict=True))

    for row in db.execute(f"SELECT {', '.join(columns)} FROM audit ORDER BY id"):
        if row[width] != previous:
            where = _where(dict(zip(columns, row, strict=True)))
            problems.append(
                f"The audit trail has been altered before {where}: an entry was removed or changed."
            )
        elif chain_hash(previous, row[:width]) != row[width + 1]:
            problems.append(f"The audit trail has been altered: {_where(named(row))} was changed.")
        if row[5] == chain.FOUND_ALTERED:  # the action
            problems.append(
                f"The audit trail was found altered at {_where(named(row))}: its "
                "last entries had been removed or changed outside Mediator Desk."
            )
        previous, last = row[width + 1], row
        if len(problems) >= MAX_CHAIN_PROBLEMS:
            return problems
    head = chain.meta(db, chain.HEAD)
    if last is None and not head:
        return problems
    entry_id, _, digest = head.partition(":")
    if last is None or (entry_id, digest) != (str(last[0]), last[width + 1]):
        problems.append(
            "The audit trail has been altered: its last entries were removed or changed."
        )
    elif entry_id.isdigit():
        signature = chain.meta(db, chain.HEAD_SIGNATURE)
        message = head_message(signing.file_id, int(entry_id), digest)
        problems += [
            f"The audit trail: {p}" for p in signing.judge(message, signature, "its last entry")
        ]
    return problems


def _case_chain_problems(
    db: Database, case_ids: Collection[int], references: dict[int, str]
) -> list[str]:
    """Each of these cases' audit entries still hashes to itself and links to the entry
    before it (cheap enough for every export)."""
    problems = []
    for entry in _rows(db, "audit", case_ids, "id"):
        before = db.execute(
            "SELECT hash FROM audit WHERE id < ? ORDER BY id DESC LIMIT 1", [entry["id"]]
        ).fetchone()
        previous = str(before[0]) if before else GENESIS
        if entry["prev_hash"] != previous or audit_entry_hash(previous, entry) != entry["hash"]:
            reference = references.get(entry["case_id"], "")
            problems.append(
                f"Case {reference}: its audit trail has been altered ({_where(entry)})."
            )
    return problems
