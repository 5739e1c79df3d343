"""A command imports only what it needs: `deadlines` from facts is arithmetic on dates and
England's bank holidays, so it loads neither the case file's layers nor Qt, nor the holidays
of any other country (the `holidays` package's registry imports all 251 of them: 0.13 s)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

IMPORTS = """
import json, sys
from mediator_desk.cli import main
code = main(sys.argv[1:])
countries = sorted(m for m in sys.modules if m.startswith("holidays.countries."))
heavy = sorted(
    m for m in sys.modules
    if m.split(".")[0] in ("PySide6", "sqlite_utils", "sqlcipher3", "docx", "reportlab")
    or m.startswith(("mediator_desk.services", "mediator_desk.store", "mediator_desk.documents"))
)
print(json.dumps({"code": code, "countries": countries, "heavy": heavy}), file=sys.stderr)
"""


def imported_by(*args: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, cwd=ROOT,
        timeout=60, check=False,
    )  # fmt: skip
    return json.loads(run.stderr.strip().splitlines()[-1])


def test_deadlines_from_facts_loads_only_the_dates_and_englands_holidays():
    seen = imported_by("deadlines", "--json", "--decision-sent", "2026-03-02")
    assert seen == {
        "code": 0,
        "countries": ["holidays.countries.united_kingdom"],
        "heavy": [],
    }


def test_listing_the_document_kinds_opens_no_case_file():
    seen = imported_by("document", "--list")
    opened = [m for m in seen["heavy"] if not m.startswith("mediator_desk.documents")]
    assert (seen["code"], seen["countries"], opened) == (0, [], [])


def test_a_command_that_only_reads_does_not_wait_for_the_structure_check(
    casefile_path, monkeypatch, capsys
):
    """The structure check reads the whole file (1.5 s at 50,000 cases). `check` runs it at
    once; a command that writes runs it before its first write; a command that only reads a
    case (listing, deadlines, a document) does not wait for it."""
    from mediator_desk.cli import main
    from mediator_desk.store.sqlite import dbapi

    checks: list[str] = []
    connect = dbapi.connect

    def traced(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(lambda sql: checks.append(sql) if "quick_check" in sql else None)
        return conn

    monkeypatch.setattr(dbapi, "connect", traced)
    file = ["--casefile", str(casefile_path)]
    assert main(["demo", "--no-encryption", *file]) == 0
    checks.clear()
    assert main(["demo", *file]) == 0
    assert len(checks) == 1  # checked before its first write
    for command in (["cases", "--json"], ["deadlines", "--case", "MD-2026-0001"]):
        checks.clear()
        assert main([*command, *file]) == 0, command
        assert checks == [], command
    assert main(["check", *file]) == 0
    assert len(checks) >= 1
