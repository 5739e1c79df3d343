"""The schema, as an ordered chain of steps keyed by PRAGMA user_version.

A new case file is created by running every step from version 0, exactly as an old file is
upgraded, so there is one path to every schema. Never edit a released step: add a new one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlite_utils import Database

from ..domain.parents import parse_parents
from . import chain
from .records import parents_to_json

# 'MDSK': identifies a Mediator Desk case file in the SQLite header (PRAGMA application_id).
APPLICATION_ID = 0x4D44534B


# -- the protective triggers ----------------------------------------------------------------
# Defined once: the steps that first made them and the integrity check that puts back a
# missing one (store/integrity.py) both build them from here.
def audit_guards() -> dict[str, str]:
    """The audit log is append-only."""
    return {
        f"audit_append_only_{event.lower()}": f"""
            CREATE TRIGGER audit_append_only_{event.lower()} BEFORE {event} ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """
        for event in ("UPDATE", "DELETE")
    }


SEALED = "the outcome statement is sealed"


def statement_guards() -> dict[str, str]:
    """Versions, confirmations and seals are a record of what was agreed: never changed; nor is
    anything a sealed statement is made of."""
    guards: dict[str, str] = {}
    for table in ("statement_versions", "confirmations", "seals"):
        for event in ("UPDATE", "DELETE"):
            guards[f"{table}_{event.lower()}_refused"] = f"""
                CREATE TRIGGER {table}_{event.lower()}_refused BEFORE {event} ON {table}
                BEGIN SELECT RAISE(ABORT, '{SEALED}: its record cannot change'); END
                """
    for event in ("UPDATE", "DELETE"):
        guards[f"addenda_{event.lower()}_sealed"] = f"""
            CREATE TRIGGER addenda_{event.lower()}_sealed BEFORE {event} ON addenda
            WHEN OLD.sealed_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'the addendum is sealed'); END
            """
    sealed = "EXISTS (SELECT 1 FROM seals WHERE case_id = {row}.case_id)"
    for table in ("statement_issues", "presence"):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            guards[f"{table}_{event.lower()}_sealed"] = f"""
                CREATE TRIGGER {table}_{event.lower()}_sealed BEFORE {event} ON {table}
                WHEN {sealed.format(row=row)}
                BEGIN SELECT RAISE(ABORT, '{SEALED}'); END
                """
    guards["meeting_records_sealed"] = f"""
        CREATE TRIGGER meeting_records_sealed BEFORE UPDATE OF other_matters, next_steps,
            appeal_information ON meeting_records
        WHEN {sealed.format(row="OLD")}
        BEGIN SELECT RAISE(ABORT, '{SEALED}'); END
        """
    guards["agreed_actions_sealed_update"] = f"""
        CREATE TRIGGER agreed_actions_sealed_update BEFORE UPDATE OF description, owner, clock,
            due_override, override_reason, issue_id ON agreed_actions
        WHEN OLD.issue_id IS NOT NULL AND {sealed.format(row="OLD")}
        BEGIN SELECT RAISE(ABORT, '{SEALED}'); END
        """
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        guards[f"agreed_actions_sealed_{event.lower()}"] = f"""
            CREATE TRIGGER agreed_actions_sealed_{event.lower()} BEFORE {event} ON agreed_actions
            WHEN {row}.issue_id IS NOT NULL AND {sealed.format(row=row)}
            BEGIN SELECT RAISE(ABORT, '{SEALED}'); END
            """
    return guards


def all_guards() -> dict[str, str]:
    return audit_guards() | statement_guards()


def _v1_foundation(db: Database) -> None:
    """Cases, their full-text search index, the append-only audit log and file metadata."""
    db.execute(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('mediation', 'disagreement_resolution')),
            status TEXT NOT NULL,
            child_name TEXT NOT NULL DEFAULT '',
            child_known_as TEXT NOT NULL DEFAULT '',
            child_dob TEXT,
            young_person_stated INTEGER NOT NULL DEFAULT 0,
            parents TEXT NOT NULL DEFAULT '',
            local_authority TEXT NOT NULL DEFAULT '',
            decision_kind TEXT,
            decision_date TEXT,
            section_i_only INTEGER NOT NULL DEFAULT 0,
            meeting_date TEXT,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX cases_status ON cases (status)")
    # rowid = cases.id. Diacritics folded so 'Sian' finds 'Siân'.
    db.execute(
        """
        CREATE VIRTUAL TABLE case_search USING fts5 (
            reference, child, parties, notes,
            tokenize = 'unicode61 remove_diacritics 2'
        )
        """
    )
    db.execute(
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            case_id INTEGER,
            reference TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX audit_case ON audit (case_id, id)")
    for sql in audit_guards().values():
        db.execute(sql)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v2_timeline(db: Database) -> None:
    """The dates that drive the statutory clocks, agreed actions, extra bank holidays, and
    each case's next open deadline for the casebook."""
    for column in (
        "adviser_contacted",
        "declined_on",
        "la_informed",
        "icb_notified",
        "la_cannot_arrange",
        "notice_sent",
        "concluded_on",
        "certificate_issued",
        "agreement_date",
        "statement_circulated",
        "next_due",
        "next_due_what",
    ):
        db.execute(f"ALTER TABLE cases ADD COLUMN {column} TEXT")
    for flag in ("health_issues", "health_only"):
        db.execute(f"ALTER TABLE cases ADD COLUMN {flag} INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX cases_next_due ON cases (next_due)")
    db.execute(
        """
        CREATE TABLE agreed_actions (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            description TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            clock TEXT,
            due_override TEXT,
            override_reason TEXT NOT NULL DEFAULT '',
            done_on TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX agreed_actions_case ON agreed_actions (case_id, position)")
    db.execute("CREATE TABLE extra_holidays (day TEXT PRIMARY KEY, name TEXT NOT NULL)")


def _v3_preparation(db: Database) -> None:
    """Attendees, the contact log, proposed dates, arrangements, the child's views and their
    attachments."""
    db.execute(
        """
        CREATE TABLE attendees (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            job_title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            preferred_contact TEXT,
            language TEXT NOT NULL DEFAULT '',
            interpreter_needed INTEGER NOT NULL DEFAULT 0,
            access_needs TEXT NOT NULL DEFAULT '',
            attendance TEXT NOT NULL DEFAULT 'online',
            child_part TEXT,
            decision_authority INTEGER NOT NULL DEFAULT 0,
            consent_share_contact INTEGER NOT NULL DEFAULT 0,
            attendance_disputed INTEGER NOT NULL DEFAULT 0,
            mediator_decision TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX attendees_case ON attendees (case_id, position)")
    db.execute(
        """
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            "when" TEXT NOT NULL,
            method TEXT NOT NULL,
            kind TEXT NOT NULL,
            attendee_id INTEGER REFERENCES attendees (id) ON DELETE SET NULL,
            with_whom TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            follow_up TEXT NOT NULL DEFAULT '',
            follow_up_by TEXT,
            follow_up_done INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute('CREATE INDEX contacts_case ON contacts (case_id, "when")')
    db.execute(
        """
        CREATE TABLE proposed_dates (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            start TEXT NOT NULL DEFAULT '',
            offered_to TEXT NOT NULL DEFAULT '',
            response TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX proposed_dates_case ON proposed_dates (case_id, day)")
    db.execute(
        """
        CREATE TABLE arrangements (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            start_time TEXT NOT NULL DEFAULT '',
            end_time TEXT NOT NULL DEFAULT '',
            meeting_format TEXT NOT NULL DEFAULT 'online',
            platform TEXT NOT NULL DEFAULT '',
            link TEXT NOT NULL DEFAULT '',
            venue TEXT NOT NULL DEFAULT '',
            venue_access TEXT NOT NULL DEFAULT '',
            interpreter_booked INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE child_views (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            liked_admired TEXT NOT NULL DEFAULT '',
            important TEXT NOT NULL DEFAULT '',
            best_support TEXT NOT NULL DEFAULT '',
            views_on_disagreement TEXT NOT NULL DEFAULT '',
            wishes TEXT NOT NULL DEFAULT '',
            quotes TEXT NOT NULL DEFAULT '',
            gathered_by TEXT NOT NULL DEFAULT '',
            gathered_on TEXT,
            methods TEXT NOT NULL DEFAULT '[]',
            will_attend TEXT,
            no_views_reason TEXT NOT NULL DEFAULT '',
            share_with TEXT NOT NULL DEFAULT '[]'
        )
        """
    )
    db.execute(
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            filename TEXT NOT NULL,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            caption TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            data BLOB NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX attachments_case ON attachments (case_id)")


def _v4_statement(db: Database) -> None:
    """The outcome statement: issues, general sections, presence, versions, confirmations, the
    seal and addenda. Triggers make sealed content unchangeable by any code path."""
    db.execute(
        """
        CREATE TABLE statement_issues (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL DEFAULT '',
            discussion TEXT NOT NULL DEFAULT '',
            outcome TEXT
        )
        """
    )
    db.execute("CREATE INDEX statement_issues_case ON statement_issues (case_id, position)")
    db.execute(
        "ALTER TABLE agreed_actions ADD COLUMN issue_id INTEGER "
        "REFERENCES statement_issues (id) ON DELETE SET NULL"
    )
    db.execute(
        """
        CREATE TABLE meeting_records (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            other_matters TEXT NOT NULL DEFAULT '',
            next_steps TEXT NOT NULL DEFAULT '',
            appeal_information TEXT NOT NULL DEFAULT '',
            private_notes TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE presence (
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            attendee_id INTEGER NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
            present INTEGER NOT NULL DEFAULT 0,
            arrived TEXT NOT NULL DEFAULT '',
            "left" TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, attendee_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE statement_versions (
            case_id INTEGER NOT NULL REFERENCES cases (id),
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (case_id, version)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE confirmations (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id),
            attendee_id INTEGER NOT NULL,
            party TEXT NOT NULL,
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            how TEXT NOT NULL,
            confirmed_at TEXT NOT NULL,
            addendum_id INTEGER
        )
        """
    )
    db.execute("CREATE INDEX confirmations_case ON confirmations (case_id, id)")
    db.execute(
        """
        CREATE TABLE seals (
            case_id INTEGER PRIMARY KEY REFERENCES cases (id),
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content TEXT NOT NULL,
            sealed_at TEXT NOT NULL,
            sealed_by TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE addenda (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id),
            reason TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            sha256 TEXT NOT NULL DEFAULT '',
            sealed_at TEXT
        )
        """
    )
    for sql in statement_guards().values():
        db.execute(sql)


def _v5_documents(db: Database) -> None:
    """Every document exported, and when each kind was circulated."""
    db.execute(
        """
        CREATE TABLE document_log (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            format TEXT NOT NULL,
            file_name TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            sealed_sha256 TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX document_log_case ON document_log (case_id, kind)")
    db.execute(
        """
        CREATE TABLE circulated (
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            circulated_on TEXT NOT NULL,
            PRIMARY KEY (case_id, kind)
        )
        """
    )


def _v6_retention(db: Database) -> None:
    """When each case was closed, so it can be erased after the retention period."""
    db.execute("ALTER TABLE cases ADD COLUMN closed_on TEXT")
    db.execute("UPDATE cases SET closed_on = substr(updated_at, 1, 10) WHERE status = 'closed'")


def _v7_search_prefixes(db: Database) -> None:
    """The search index also indexes each word's first one and two letters, so the first keys
    typed in the casebook's search box stay fast with thousands of cases (FTS5 prefix
    indexes). The index is rebuilt from its own contents."""
    db.execute(
        """
        CREATE VIRTUAL TABLE case_search_v7 USING fts5 (
            reference, child, parties, notes,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '1 2'
        )
        """
    )
    db.execute(
        "INSERT INTO case_search_v7 (rowid, reference, child, parties, notes) "
        "SELECT rowid, reference, child, parties, notes FROM case_search"
    )
    db.execute("DROP TABLE case_search")
    db.execute("ALTER TABLE case_search_v7 RENAME TO case_search")


def _v8_tamper_evidence(db: Database) -> None:
    """Tamper evidence (docs/integrity.md): each audit entry carries the hash of the one before
    and its own, seal and confirmation entries carry the content hash, and seals and
    confirmations a keyed signature. What the file holds at the upgrade is adopted as it stands:
    chained and signed, with an entry for any seal or confirmation the log did not mention."""
    for column in ("content_sha256", "prev_hash", "hash"):
        db.execute(f"ALTER TABLE audit ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    for table in ("seals", "confirmations"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN signature TEXT NOT NULL DEFAULT ''")
    signer = chain.Signer(db)
    signer.file_id(create=True)
    lifted = ("audit_append_only_update", "seals_update_refused", "confirmations_update_refused")
    for name in lifted:
        db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    _adopt_content_hashes(db)
    chain.rechain(db, signer)
    for row in list(db.query("SELECT * FROM seals")):
        db.execute(
            "UPDATE seals SET signature = ? WHERE case_id = ?",
            [chain.seal_signature(signer, row["case_id"], row), row["case_id"]],
        )
    for row in list(db.query("SELECT * FROM confirmations")):
        db.execute(
            "UPDATE confirmations SET signature = ? WHERE id = ?",
            [chain.confirmation_signature(signer, row["case_id"], row), row["id"]],
        )
    guards = all_guards()
    for name in lifted:
        db.execute(guards[name])


def _adopt_content_hashes(db: Database) -> None:
    """Give the existing seal and confirmation entries their content hash (from their detail),
    and add an entry for each seal or confirmation that has none (imported cases)."""
    full = re.compile(r"SHA-256 ([0-9a-f]{64})")
    short = re.compile(r"SHA-256 ([0-9a-f]{12})")
    sealed = {r[0]: r[1] for r in db.execute("SELECT case_id, sha256 FROM seals")}
    confirmed: dict[int, list[str]] = {}
    for case_id, sha in db.execute("SELECT case_id, sha256 FROM confirmations ORDER BY id"):
        confirmed.setdefault(case_id, []).append(sha)
    unmatched = {case_id: list(hashes) for case_id, hashes in confirmed.items()}
    seal_entries: set[int] = set()
    for entry_id, case_id, action, detail in list(
        db.execute("SELECT id, case_id, action, detail FROM audit ORDER BY id")
    ):
        digest = ""
        if action == "statement sealed" and (match := full.search(detail)):
            digest = match.group(1)
            seal_entries.add(case_id)
        elif action == "statement confirmed" and (match := short.search(detail)):
            digest = next((h for h in unmatched.get(case_id, []) if h.startswith(match[1])), "")
            if digest:
                unmatched[case_id].remove(digest)
        if digest:
            db.execute("UPDATE audit SET content_sha256 = ? WHERE id = ?", [digest, entry_id])
    recorded = "recorded when the case file was upgraded"
    for case_id, sha in sealed.items():
        if case_id not in seal_entries:
            _upgrade_entry(db, case_id, "statement sealed", recorded, sha)
    for case_id, hashes in unmatched.items():
        for sha in hashes:
            _upgrade_entry(db, case_id, "statement confirmed", recorded, sha)


def _upgrade_entry(db: Database, case_id: int, action: str, detail: str, sha: str) -> None:
    reference = db.execute("SELECT reference FROM cases WHERE id = ?", [case_id]).fetchone()
    db.table("audit").insert(
        {"at": dt.datetime.now().isoformat(timespec="seconds"), "actor": "", "case_id": case_id,
         "reference": reference[0] if reference else "", "action": action, "detail": detail,
         "content_sha256": sha}
    )  # fmt: skip


def _v9_profile_pictures(db: Database) -> None:
    """Each attachment says whether the mediator chose it for the child's one-page profile;
    none is chosen until the mediator says so."""
    db.execute("ALTER TABLE attachments ADD COLUMN in_profile INTEGER NOT NULL DEFAULT 0")


def _v10_structured_parents(db: Database) -> None:
    """Parents and carers become records: the `parents` column now holds a JSON list of
    {"name", "relationship"}, read from the free text earlier versions kept; text that cannot
    be split is kept whole as one name, so no word is lost."""
    for case_id, text in list(db.execute("SELECT id, parents FROM cases")):
        db.execute(
            "UPDATE cases SET parents = ? WHERE id = ?",
            [parents_to_json(parse_parents(text or "")), case_id],
        )


def _v11_foreign_key_indexes(db: Database) -> None:
    """Every column that refers to another table's row is indexed, so deleting that row (an
    attendee, an issue, a case being erased) finds what refers to it without reading the whole
    table."""
    for table, column in (
        ("contacts", "attendee_id"), ("presence", "attendee_id"),
        ("agreed_actions", "issue_id"), ("addenda", "case_id"),
    ):  # fmt: skip
        db.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")


STEPS: tuple[Callable[[Database], None], ...] = (
    _v1_foundation,
    _v2_timeline,
    _v3_preparation,
    _v4_statement,
    _v5_documents,
    _v6_retention,
    _v7_search_prefixes,
    _v8_tamper_evidence,
    _v9_profile_pictures,
    _v10_structured_parents,
    _v11_foreign_key_indexes,
)
SCHEMA_VERSION = len(STEPS)


def user_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> int:
    """Bring the file up to SCHEMA_VERSION in one transaction; return the version it had."""
    start = user_version(db)
    if start >= SCHEMA_VERSION:
        return start
    with db.atomic():
        if start == 0:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for version in range(start, SCHEMA_VERSION):
            STEPS[version](db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return start
