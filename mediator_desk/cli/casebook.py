"""The commands on the case file as a whole: demo cases, the list of cases, the integrity
check, a backup, and a case in or out in the exchange format."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.case import CaseStatus
from ..domain.dates import short_date

if TYPE_CHECKING:
    from ..services import Desk


def demo(desk: Desk, args: argparse.Namespace) -> int:
    added = desk.load_demo_cases()
    print(f"Added {len(added)} fictional demo cases to {desk.path}.")
    return 0


def cases(desk: Desk, args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []  # JSON objects
    for case in desk.whole_cases(args.search):
        rows.append(
            {
                "reference": case.reference,
                "child": case.child_name,
                "kind": case.kind.value,
                "status": case.status.value,
                "local_authority": case.local_authority,
                "parents": [{"name": p.name, "relationship": p.relationship} for p in case.parents],
                "decision_kind": case.decision_kind.value if case.decision_kind else None,
                "decision_date": case.decision_date.isoformat() if case.decision_date else None,
                "meeting_date": case.meeting_date.isoformat() if case.meeting_date else None,
                "created": case.created_at.isoformat() if case.created_at else None,
                "updated": case.updated_at.isoformat() if case.updated_at else None,
            }
        )
    if args.json:
        # One case to a line: indented JSON is written by the json module's pure-Python
        # encoder (1.5 s for 10,000 cases); a line at a time uses its C encoder.
        lines = (json.dumps(row, ensure_ascii=False) for row in rows)
        sys.stdout.write("[\n  " + ",\n  ".join(lines) + "\n]\n" if rows else "[]\n")
        return 0
    if not rows:
        print("No cases. Add some with `mediator-desk demo`, or start the app.")
        return 0
    header = ("Reference", "Child", "Kind", "Status", "Decision notice", "Meeting")
    table = [header] + [
        (
            r["reference"],
            r["child"],
            "Mediation" if r["kind"] == "mediation" else "Disagreement resolution",
            CaseStatus(r["status"]).label,
            _short(r["decision_date"]),
            _short(r["meeting_date"]),
        )
        for r in rows
    ]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    for row in table:
        print(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )
    return 0


def _short(iso: str | None) -> str:
    return short_date(dt.date.fromisoformat(iso)) if iso else "-"


def check(desk: Desk, args: argparse.Namespace) -> int:
    problems = desk.check()
    for note in desk.check_notes:  # what could not be checked on this computer
        print(f"Note: {note}")
    if problems:
        for problem in problems:
            print(problem)
        print(f"{desk.path}: {len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    count = desk.count()
    print(f"{desk.path}: sound ({count} case{'' if count == 1 else 's'}).")
    return 0


def export_case(desk: Desk, args: argparse.Namespace) -> int:
    from ..documents.export import write_atomically

    target = Path(args.out).expanduser()
    text = desk.export_case(args.reference, args.include_private_notes)
    write_atomically(target, text.encode("utf-8"))
    print(target)
    return 0


def import_case(desk: Desk, args: argparse.Namespace) -> int:
    case, notes = desk.import_case(Path(args.file).expanduser())
    print(f"Imported as {case.reference}: {case.display_name}.")
    for note in notes:
        print(f"Note: {note}")
    return 0


def backup(desk: Desk, args: argparse.Namespace) -> int:
    print(desk.backup_now(Path(args.out).expanduser()))
    return 0
