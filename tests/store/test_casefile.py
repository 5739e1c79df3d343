"""Opening, creating and refusing case files; the connection's settings; the lock."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mediator_desk.store import casefile as casefile_module
from mediator_desk.store import errors
from mediator_desk.store.casefile import check_casefile, create_casefile, open_casefile
from mediator_desk.store.lock import lock_path_for
from mediator_desk.store.migrations import APPLICATION_ID, SCHEMA_VERSION
from mediator_desk.store.repository import CasebookOrder
from mediator_desk.store.sqlite import dbapi as sqlite3
from tests.conftest import fixed_clock, make_case, sha256_of
from tests.store.test_mutants_store_c import damage_table

ROOT = Path(__file__).resolve().parents[2]


def new_file(path: Path) -> Path:
    with create_casefile(path, clock=fixed_clock) as casefile:
        casefile.cases.create(make_case())
    return path


class TestCreateAndOpen:
    def test_a_new_file_has_our_id_and_the_current_schema(self, casefile_path):
        with open_casefile(casefile_path, clock=fixed_clock) as casefile:
            assert casefile.created
            db = casefile.db
            assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
            assert set(db.table_names()) >= {"cases", "audit", "meta", "case_search"}

    def test_no_temporary_file_is_left_beside_a_new_case_file(self, casefile_path):
        create_casefile(casefile_path).close()
        names = sorted(p.name for p in casefile_path.parent.iterdir())
        assert names == ["casebook.mdesk"]

    def test_creating_over_an_existing_file_is_refused(self, casefile_path):
        new_file(casefile_path)
        before = sha256_of(casefile_path)
        with pytest.raises(errors.CaseFileExists) as caught:
            create_casefile(casefile_path)
        assert caught.value.message == (
            "casebook.mdesk already exists. Choose another name, or open it instead."
        )
        assert caught.value.path == casefile_path
        assert sha256_of(casefile_path) == before

    def test_a_new_file_records_when_it_was_made(self, casefile_path):
        with create_casefile(casefile_path, clock=fixed_clock) as casefile:
            assert casefile.cases.setting("created_at", "") == "2026-11-23T09:30:00"

    def test_a_file_made_meanwhile_under_the_same_name_is_kept(self, casefile_path, monkeypatch):
        """Another program (or a second window) makes a file of that name while the new case
        file is being built: it is not replaced, and nothing of the attempt is left."""
        link = os.link

        def made_meanwhile(source, target):
            Path(target).write_text("made meanwhile")
            link(source, target)

        monkeypatch.setattr(casefile_module.os, "link", made_meanwhile)
        with pytest.raises(errors.CaseFileExists) as caught:
            create_casefile(casefile_path, clock=fixed_clock)
        assert caught.value.message == "casebook.mdesk already exists. Choose another name."
        assert caught.value.path == casefile_path
        assert casefile_path.read_text() == "made meanwhile"
        assert [p.name for p in casefile_path.parent.iterdir()] == ["casebook.mdesk"]

    def test_a_file_that_cannot_be_made_says_why_and_where(self, casefile_path, monkeypatch):
        def full_disk(path):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(casefile_module, "create_owner_only", full_disk)
        with pytest.raises(errors.StorageProblem) as caught:
            create_casefile(casefile_path, clock=fixed_clock)
        assert caught.value.message == (
            f"The case file could not be created at {casefile_path}: No space left on device."
        )
        assert caught.value.path == casefile_path
        assert not casefile_path.exists()

    def test_a_file_is_made_where_there_are_no_hard_links(self, casefile_path, monkeypatch):
        """A memory stick formatted FAT or exFAT has no hard links: the finished file is
        moved into place instead, and nothing else is left beside it."""

        def no_hard_links(source, target):
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(casefile_module.os, "link", no_hard_links)
        with create_casefile(casefile_path, clock=fixed_clock) as casefile:
            casefile.cases.create(make_case(child_name="Tegen Rosewarne"))
        beside = [p.name for p in casefile_path.parent.iterdir() if not p.name.startswith("xdg")]
        assert beside == ["casebook.mdesk"]
        with open_casefile(casefile_path) as casefile:
            assert casefile.cases.get_by_reference("MD-2026-0001").child_name == "Tegen Rosewarne"

    def test_a_disk_that_fills_while_a_file_is_made_leaves_nothing_half_made(
        self, casefile_path, monkeypatch
    ):
        def full_disk(db):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(casefile_module, "migrate", full_disk)
        with pytest.raises(errors.StorageProblem) as caught:
            create_casefile(casefile_path, clock=fixed_clock)
        assert caught.value.path == casefile_path
        assert caught.value.message.startswith("The disk is full")
        assert caught.value.message.endswith(f"affected ({casefile_path}).")
        assert list(casefile_path.parent.iterdir()) == []

    def test_what_is_saved_is_there_on_reopening(self, casefile_path):
        new_file(casefile_path)
        with open_casefile(casefile_path) as casefile:
            case = casefile.cases.get_by_reference("MD-2026-0001")
            casefile.cases.update(case.id, {"notes": "Ffion's views gathered by video."})
        with open_casefile(casefile_path) as casefile:
            assert casefile.cases.get(case.id).notes == "Ffion's views gathered by video."
            assert casefile.migrated_from is None
            assert casefile.backup_path is None  # nothing to upgrade, so no copy kept

    def test_a_file_made_without_naming_anyone_records_changes_by_no_one(self, casefile_path):
        with create_casefile(casefile_path, clock=fixed_clock) as casefile:
            casefile.cases.create(make_case())
            assert [entry.actor for entry in casefile.cases.audit_entries()] == [""]
        with open_casefile(casefile_path, clock=fixed_clock, actor="A. Mediator") as casefile:
            case = casefile.cases.get_by_reference("MD-2026-0001")
            casefile.cases.update(case.id, {"notes": "Pre-meeting call booked."})
            assert [entry.actor for entry in casefile.cases.audit_entries()] == [
                "A. Mediator",  # newest first
                "",
            ]
        with open_casefile(casefile_path, clock=fixed_clock) as casefile:
            casefile.cases.update(case.id, {"notes": "Pre-meeting call held."})
            assert casefile.cases.audit_entries()[0].actor == ""

    def test_the_clock_of_a_case_file_keeps_whole_seconds(self):
        """Times in the audit trail and the file's records are to the second."""
        assert casefile_module._now().microsecond == 0

    def test_check_finds_a_sound_file_sound(self, casefile_path):
        new_file(casefile_path)
        with open_casefile(casefile_path) as casefile:
            assert check_casefile(casefile) == []

    def test_check_reports_a_search_index_out_of_step(self, casefile_path):
        new_file(casefile_path)
        with open_casefile(casefile_path) as casefile:
            with casefile.db.atomic():
                casefile.db.execute("DELETE FROM case_search")
            assert check_casefile(casefile) == [
                "The search index lists 0 cases but the file has 1."
            ]

    def test_check_names_each_problem_in_plain_words(self, casefile_path):
        """A damaged search index and a row whose case is gone, written in by another program
        (foreign keys are only enforced by connections that ask): each is named."""
        new_file(casefile_path)
        raw = sqlite3.connect(str(casefile_path))
        raw.execute("UPDATE case_search_data SET block = zeroblob(length(block)) WHERE id > 10")
        raw.execute(
            "INSERT INTO agreed_actions (case_id, created_at) VALUES (999, '2026-04-01T10:00:00')"
        )
        raw.commit()
        raw.close()
        with open_casefile(casefile_path, check_now=False) as casefile:
            problems = check_casefile(casefile)
        assert problems[1:] == [
            "A row in agreed_actions refers to a missing row in cases.",
            "The search index is damaged; it needs rebuilding.",
        ]
        assert problems[0].startswith("Database structure: fts5: corruption found")

    def test_check_names_the_file_it_could_not_read(self, casefile_path):
        """Pages spoilt under an open file (a failing drive): the check stops with the plain
        words for a damaged file, naming it, not with an SQLite error."""
        with create_casefile(casefile_path, clock=fixed_clock) as casefile:
            for number in range(30):
                casefile.cases.create(make_case(child_name=f"Child {number}", notes="x" * 2000))
        with open_casefile(casefile_path, check_now=False) as casefile:
            with open(casefile_path, "r+b") as handle:
                handle.seek(4096 * 3)
                handle.write(b"\xff" * 4096 * 8)
            with pytest.raises(errors.DamagedCaseFile) as caught:
                check_casefile(casefile)
        assert caught.value.path == casefile_path
        assert caught.value.message.endswith(f"do not delete it ({casefile_path}).")


class TestOpeningAsAsked:
    """What open_casefile is given reaches the file it makes or opens."""

    def test_a_file_made_by_opening_takes_its_clock_name_and_passphrase(self, casefile_path):
        key = "copper kettle lantern"
        with open_casefile(
            casefile_path, clock=fixed_clock, actor="A. Mediator", passphrase=key
        ) as casefile:
            assert casefile.created and casefile.encrypted
            assert casefile.cases.setting("created_at", "") == "2026-11-23T09:30:00"
            casefile.cases.create(make_case())
            assert [entry.actor for entry in casefile.cases.audit_entries()] == ["A. Mediator"]
        assert b"SQLite format 3" not in casefile_path.read_bytes()[:16]
        with pytest.raises(errors.PassphraseNeeded):
            open_casefile(casefile_path)

    def test_a_file_viewed_cannot_be_written_even_by_its_own_connection(self, casefile_path):
        new_file(casefile_path)
        before = sha256_of(casefile_path)
        with (
            open_casefile(casefile_path, read_only=True) as viewer,
            pytest.raises(sqlite3.OperationalError, match="readonly"),
        ):
            viewer.db.execute("UPDATE cases SET notes = 'changed'")
        assert sha256_of(casefile_path) == before

    def test_an_encrypted_file_viewed_keeps_its_passphrase(self, casefile_path):
        """The service report and the later check read it through connections of their own,
        which need the passphrase."""
        key = "copper kettle lantern"
        create_casefile(casefile_path, passphrase=key).close()
        with open_casefile(casefile_path, read_only=True, passphrase=key) as viewer:
            assert viewer.encrypted and viewer.passphrase == key

    def test_a_file_viewed_counts_its_dates_from_the_clock_it_is_given(self, casefile_path):
        new_file(casefile_path)
        with open_casefile(casefile_path, read_only=True, clock=fixed_clock) as viewer:
            today = fixed_clock().date()
            assert viewer.cases.case_ids(order=CasebookOrder.NEXT) == viewer.cases.case_ids(
                order=CasebookOrder.NEXT, today=today
            )

    def test_a_damaged_file_is_refused_when_viewed_too(self, casefile_path):
        new_file(casefile_path)
        damage_table(casefile_path, "audit")
        before = sha256_of(casefile_path)
        with pytest.raises(errors.DamagedCaseFile):
            open_casefile(casefile_path, read_only=True)
        assert sha256_of(casefile_path) == before

    @pytest.mark.parametrize("read_only", [False, True], ids=["normal", "read-only"])
    def test_a_drive_that_fails_as_the_file_is_opened_is_named(
        self, casefile_path, read_only, monkeypatch
    ):
        new_file(casefile_path)

        def failing_drive(path, **options):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(casefile_module, "connect", failing_drive)
        with pytest.raises(errors.StorageProblem) as caught:
            open_casefile(casefile_path, read_only=read_only)
        assert caught.value.path == casefile_path
        assert caught.value.message.endswith(f"has not been saved ({casefile_path}).")
        assert not lock_path_for(casefile_path).exists()


class TestRefusals:
    """Each refused kind of file gets its own message, and not one byte of it changes."""

    def refuse(self, path: Path, error: type[errors.CaseFileError], words: str) -> None:
        before = sha256_of(path)
        size = path.stat().st_size
        with pytest.raises(error) as caught:
            open_casefile(path)
        assert words in caught.value.message
        assert caught.value.path == path  # the window offers choices for this file
        assert sha256_of(path) == before
        assert path.stat().st_size == size
        assert not lock_path_for(path).exists()
        assert not Path(f"{path}-wal").exists()

    def test_not_sqlite(self, tmp_path):
        path = tmp_path / "minutes.mdesk"
        path.write_text("Minutes of the meeting\n" * 50)
        self.refuse(path, errors.NotACaseFile, "not a database at all")

    def test_an_empty_file(self, tmp_path):
        path = tmp_path / "empty.mdesk"
        path.write_bytes(b"")
        self.refuse(path, errors.NotACaseFile, "empty file")

    def test_another_programs_database(self, tmp_path):
        path = tmp_path / "other.sqlite"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
        self.refuse(
            path,
            errors.NotACaseFile,
            "other.sqlite is a database made by another program, not a Mediator Desk case file. "
            "It has not been changed.",
        )

    def test_a_truncated_case_file(self, casefile_path):
        new_file(casefile_path)
        data = casefile_path.read_bytes()
        casefile_path.write_bytes(data[:8192])
        self.refuse(
            casefile_path,
            errors.DamagedCaseFile,
            f"casebook.mdesk is damaged: part of it is missing (8,192 of {len(data):,} bytes), "
            "as if a copy was cut short. It has not been changed. Restore it from a backup or "
            "copy it again.",
        )

    def test_a_case_file_cut_inside_its_header(self, casefile_path):
        new_file(casefile_path)
        casefile_path.write_bytes(casefile_path.read_bytes()[:60])
        self.refuse(casefile_path, errors.DamagedCaseFile, "shorter than a case file can be")

    def test_a_case_file_with_damaged_pages(self, casefile_path):
        new_file(casefile_path)
        data = bytearray(casefile_path.read_bytes())
        page_size = int.from_bytes(data[16:18], "big")
        data[page_size : page_size * 3] = b"\xa5" * (page_size * 2)  # wreck pages 2 and 3
        casefile_path.write_bytes(bytes(data))
        self.refuse(casefile_path, errors.DamagedCaseFile, "damaged and cannot be read safely")

    def test_a_case_file_from_a_newer_version(self, casefile_path):
        new_file(casefile_path)
        conn = sqlite3.connect(casefile_path)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        conn.close()
        self.refuse(
            casefile_path,
            errors.NewerCaseFile,
            "casebook.mdesk was saved by a newer version of Mediator Desk (case file version "
            f"{SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION}). Install the newer "
            "version to open it. It has not been changed.",
        )

    def test_a_read_only_file_is_offered_for_viewing(self, casefile_path):
        new_file(casefile_path)
        casefile_path.chmod(stat.S_IRUSR | stat.S_IRGRP)
        try:
            self.refuse(
                casefile_path,
                errors.ReadOnlyCaseFile,
                "casebook.mdesk is read-only, so Mediator Desk could not save changes to it. "
                "You can open it read-only to look at it, or make a writable copy.",
            )
            assert errors.ReadOnlyCaseFile.can_open_read_only
            before = sha256_of(casefile_path)
            with open_casefile(casefile_path, read_only=True) as casefile:
                assert casefile.read_only
                assert casefile.cases.count() == 1
            assert sha256_of(casefile_path) == before
        finally:
            casefile_path.chmod(stat.S_IRUSR | stat.S_IWUSR)

    def test_a_folder_that_does_not_exist(self, tmp_path):
        path = tmp_path / "no such folder" / "casebook.mdesk"
        with pytest.raises(errors.FolderMissing) as caught:
            open_casefile(path)
        assert caught.value.message == (
            f"The folder {path.parent} does not exist, so the case file casebook.mdesk cannot be "
            "opened or created there. Check the location, or choose another folder."
        )
        assert caught.value.path == path
        assert not path.parent.exists()

    def test_a_missing_file_is_not_created_when_asked_not_to(self, casefile_path):
        with pytest.raises(errors.FileMissing):
            open_casefile(casefile_path, create=False)
        assert not casefile_path.exists()

    def test_a_folder_in_place_of_the_file(self, tmp_path):
        with pytest.raises(errors.NotACaseFile, match="is a folder"):
            open_casefile(tmp_path)

    def test_every_refusal_has_a_different_message(self, tmp_path):
        """Each kind of file that cannot be opened is told apart in words, not only by its
        class: the mediator reads the words."""
        made = {
            "text": b"Minutes of the meeting\n" * 50,
            "empty": b"",
            "cut": new_file(tmp_path / "cut.mdesk").read_bytes()[:60],
        }
        for name, data in made.items():
            (tmp_path / f"{name}.mdesk").write_bytes(data)
        short = new_file(tmp_path / "short.mdesk")
        short.write_bytes(short.read_bytes()[:4096])
        newer = new_file(tmp_path / "newer.mdesk")
        conn = sqlite3.connect(newer)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        conn.close()
        other = tmp_path / "other.mdesk"
        conn = sqlite3.connect(other)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
        messages = []
        for name in ("text", "empty", "cut", "short", "newer", "other"):
            path = tmp_path / f"{name}.mdesk"
            with pytest.raises(errors.CaseFileError) as caught:
                open_casefile(path)
            messages.append(caught.value.message.replace(path.name, "the file"))
        assert len(set(messages)) == len(messages), messages


class TestOneCopyAtATime:
    def test_a_second_copy_is_told_who_has_it_and_may_view(self, casefile_path):
        new_file(casefile_path)
        with open_casefile(casefile_path) as first:
            with pytest.raises(errors.CaseFileInUse) as caught:
                open_casefile(casefile_path)
            message = caught.value.message
            assert "already open in another copy of Mediator Desk" in message
            assert f"process {os.getpid()}" in message
            assert caught.value.can_open_read_only
            with open_casefile(casefile_path, read_only=True) as viewer:
                assert viewer.cases.count() == first.cases.count() == 1
        assert not lock_path_for(casefile_path).exists()

    def test_a_lock_left_by_a_crashed_copy_is_taken_over(self, casefile_path):
        new_file(casefile_path)
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent(f"""
                import sys, time
                from mediator_desk.store.casefile import open_casefile
                casefile = open_casefile({str(casefile_path)!r})
                print("open", flush=True)
                time.sleep(60)
            """),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "open"
            with pytest.raises(errors.CaseFileInUse, match=f"process {holder.pid}"):
                open_casefile(casefile_path)
            holder.send_signal(signal.SIGKILL)
            holder.wait(10)
            assert lock_path_for(casefile_path).exists()  # stale: its holder is gone
            with open_casefile(casefile_path) as casefile:
                assert casefile.cases.count() == 1
                assert check_casefile(casefile) == []
        finally:
            holder.kill()
            holder.wait(10)
            holder.stdout.close()


class TestFrozenFiles:
    """A case file saved at each released schema version still opens (DESIGN.md section 4)."""

    FIXTURES = Path(__file__).parent / "fixtures"

    @pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
    def test_each_released_version_opens_with_its_cases(self, tmp_path, version):
        source = self.FIXTURES / f"casefile-v{version}.mdesk"
        path = tmp_path / source.name
        path.write_bytes(source.read_bytes())
        with open_casefile(path) as casefile:
            assert casefile.schema_version == SCHEMA_VERSION
            case = casefile.cases.get_by_reference("MD-2026-0001")
            assert case.child_name == "Lowenna Tregothnan"
            assert check_casefile(casefile) == []
            summary = casefile.cases.summaries([case.id])[0]
            assert summary.next_due is not None  # derived data is computed after an upgrade
            assert casefile.cases.case_ids("lowen tregoth") == [case.id]  # search still finds
            assert casefile.cases.case_ids("l") == [case.id]  # one letter: the v7 prefix index
            if version < SCHEMA_VERSION:
                assert casefile.migrated_from == version
                assert casefile.backup_path is not None and casefile.backup_path.exists()


def test_the_copy_kept_before_an_upgrade_is_named_for_its_version_and_time(tmp_path):
    """The copy beside an upgraded file says which version it was and when it was kept, and
    it is that file as it was, at its old version."""
    older = SCHEMA_VERSION - 1
    path = tmp_path / "casebook.mdesk"
    path.write_bytes((TestFrozenFiles.FIXTURES / f"casefile-v{older}.mdesk").read_bytes())
    with open_casefile(path, clock=fixed_clock) as casefile:
        kept = casefile.backup_path
    assert kept == tmp_path / f"casebook.mdesk.v{older}-20261123-093000.backup"
    with open_casefile(kept, read_only=True) as copy:
        assert copy.schema_version == older
        assert copy.cases.get_by_reference("MD-2026-0001").child_name == "Lowenna Tregothnan"


def test_viewing_a_file_that_is_not_there_does_not_make_one(tmp_path):
    path = tmp_path / "casebook.mdesk"
    with pytest.raises(errors.FileMissing):
        open_casefile(path, read_only=True)  # create is True unless said otherwise
    assert list(tmp_path.iterdir()) == []


def test_a_sealed_statement_survives_an_upgrade_intact(tmp_path):
    """The v4 fixture holds a sealed statement: it must still verify after opening."""
    from mediator_desk.domain.statement import content_hash
    from mediator_desk.store.statement import StatementRepository

    source = Path(__file__).parent / "fixtures" / "casefile-v5.mdesk"
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    with open_casefile(path) as casefile:
        case = casefile.cases.get_by_reference("MD-2026-0001")
        seal = StatementRepository(casefile.cases).seal_of(case.id)
        assert seal is not None and content_hash(seal.content) == seal.sha256
