"""The headless command: exit codes, one-line errors, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mediator_desk import __version__
from mediator_desk.cli import main
from tests.conftest import sha256_of

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediator_desk", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for word in ("demo", "cases", "check", "--casefile", "MEDIATOR_DESK_CASEFILE"):
        assert word in out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"Mediator Desk {__version__}"


def test_demo_then_cases_as_json(casefile_path, capsys):
    assert main(["demo", "--no-encryption", "--casefile", str(casefile_path)]) == 0
    assert "fictional demo cases" in capsys.readouterr().out
    assert main(["cases", "--json", "--casefile", str(casefile_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 7
    assert {"reference", "child", "kind", "status", "decision_date", "meeting_date"} <= set(rows[0])
    assert any(r["child"] == "Siân Llewelyn" for r in rows)
    assert main(["cases", "--search", "wisniewska", "--casefile", str(casefile_path)]) == 0
    table = capsys.readouterr().out
    assert "Zofia Wiśniewska" in table and "Oliver" not in table


def test_cases_on_an_empty_file_says_what_to_do(casefile_path, capsys):
    assert main(["cases", "--no-encryption", "--casefile", str(casefile_path)]) == 0
    assert "mediator-desk demo" in capsys.readouterr().out


def test_the_environment_variable_chooses_the_case_file(tmp_path):
    path = tmp_path / "from-env.mdesk"
    env = {"MEDIATOR_DESK_CASEFILE": str(path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = run("demo", "--no-encryption", env=env)
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_check_passes_on_a_sound_file_and_fails_on_a_damaged_one(casefile_path, capsys):
    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    assert main(["check", "--casefile", str(casefile_path)]) == 0
    assert "sound (7 cases)" in capsys.readouterr().out
    data = bytearray(casefile_path.read_bytes())
    data[4096 : 4096 * 3] = b"\x00" * 8192
    casefile_path.write_bytes(bytes(data))
    before = sha256_of(casefile_path)
    assert main(["check", "--casefile", str(casefile_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err
    assert sha256_of(casefile_path) == before


def test_check_does_not_create_a_missing_file(tmp_path, capsys):
    path = tmp_path / "nothing.mdesk"
    assert main(["check", "--casefile", str(path)]) == 1
    assert "There is no case file" in capsys.readouterr().err
    assert not path.exists()


def test_errors_are_one_line_with_no_traceback(tmp_path):
    not_ours = tmp_path / "notes.mdesk"
    not_ours.write_text("hello")
    result = run("cases", "--casefile", str(not_ours))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mediator-desk: notes.mdesk is not a Mediator Desk case file")


def test_an_unknown_command_is_a_usage_error():
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_document_list_and_export(casefile_path, tmp_path, capsys):
    assert main(["document", "--list"]) == 0
    kinds = capsys.readouterr().out.split()
    assert "certificate-not-pursued" in kinds and "outcome-statement" in kinds
    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    assert (
        main(
            [
                "document",
                "MD-2026-0003",
                "certificate-not-pursued",
                "--format",
                "docx",
                "--out",
                str(out),
                "--casefile",
                str(casefile_path),
            ]
        )
        == 0
    )
    written = Path(capsys.readouterr().out.strip())
    assert written.exists() and written.suffix == ".docx"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["MD-1999-0001", "outcome-statement"], 1, "There is no case MD-1999-0001"),
        (["MD-2026-0003", "no-such-kind"], 2, "unknown document kind"),
        (["MD-2026-0002", "outcome-statement"], 1, "not sealed yet"),
        (["MD-2026-0002", "certificate-concluded"], 1, "Record when mediation concluded"),
    ],
)
def test_document_refusals_are_one_line(casefile_path, tmp_path, capsys, args, code, words):
    main(["demo", "--no-encryption", "--casefile", str(casefile_path)])
    capsys.readouterr()
    assert (
        main(["document", *args, "--out", str(tmp_path), "--casefile", str(casefile_path)]) == code
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
    assert not list(tmp_path.glob("*.pdf"))


def test_cases_as_json_list_each_parent_with_their_relationship(casefile_path, capsys):
    """Scripts read the parents as records, as the exchange format has them (CFA 2014 s55)."""
    assert main(["demo", "--no-encryption", "--casefile", str(casefile_path)]) == 0
    capsys.readouterr()
    assert main(["cases", "--json", "--casefile", str(casefile_path)]) == 0
    rows = {row["child"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["Oliver Pemberton-Hale"]["parents"] == [
        {"name": "Rachel Pemberton-Hale", "relationship": "Mother"},
        {"name": "Tom Pemberton-Hale", "relationship": "Father"},
    ]
    assert rows["Zofia Wiśniewska"]["parents"] == [
        {"name": "Katarzyna Wiśniewska", "relationship": "Mother"}
    ]


def test_help_says_where_the_case_file_is_once_and_wraps_its_prose_evenly(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert flat.count("MEDIATOR_DESK_CASEFILE") == 1
    assert "else casebook.mdesk in the user data folder" in flat
    prose = out.split("\n\n")[-2]  # the paragraph before the examples
    assert prose.startswith("An encrypted case file")
    assert max(len(line) for line in prose.splitlines()) <= 92


def test_cases_reads_the_casebook_in_one_query_however_many_cases(desk, capsys):
    """`cases --json` read each case again by itself (6.5 s at 50,000 cases); it now reads
    them in one query, in the order of the list (a search's, or newest reference first)."""
    import argparse

    from mediator_desk.cli import casebook
    from tests.conftest import make_case

    def statements(search: str) -> tuple[int, list[str]]:
        seen: list[str] = []
        desk.casefile.db.conn.set_trace_callback(seen.append)
        try:
            casebook.cases(desk, argparse.Namespace(search=search, json=True))
        finally:
            desk.casefile.db.conn.set_trace_callback(None)
        listed = [row["child"] for row in json.loads(capsys.readouterr().out)]
        # Statements SQLite runs inside one (full-text search's own) start with "--".
        return len([s for s in seen if not s.startswith("--")]), listed

    for name in ("Ada Quill", "Bea Quill", "Cy Rook"):
        desk.create_case(make_case(child_name=name))
    few, listed = statements("")
    assert listed == ["Cy Rook", "Bea Quill", "Ada Quill"]
    for n in range(20):
        desk.create_case(make_case(child_name=f"Dee Rook {n}"))
    many, listed = statements("")
    assert (many, len(listed)) == (few, 23)
    searched, listed = statements("quill")
    assert (searched, listed) == (few + 1, [c.child_name for c in desk.list_cases("quill")])
    assert sorted(listed) == ["Ada Quill", "Bea Quill"]
