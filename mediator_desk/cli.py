"""The `mediator-desk` command: with no command it starts the app; the commands below run the
same services headless, for scripts, support and tests. Exit code 0 on success, 1 with a
one-line message when something is wrong, 2 when the command line itself is wrong."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__
from .domain.case import CaseStatus
from .domain.dates import short_date
from .services import ENV_CASEFILE, Desk, open_desk
from .store.errors import CaseFileError

DESCRIPTION = """\
Mediator Desk: case files, statutory clocks and sealed outcome statements for SEND mediation
and disagreement resolution in England. With no command, starts the app."""

EPILOG = f"""\
The case file is --casefile PATH if given, else ${ENV_CASEFILE} if set, else casebook.mdesk in
your user data folder. A case file that does not exist yet is created.

examples:
  mediator-desk                          start the app
  mediator-desk demo                     add fictional demo cases
  mediator-desk cases --json             list the cases as JSON
  mediator-desk check                    check the case file's integrity"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--casefile",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the case file to use (default: ${ENV_CASEFILE}, else the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="mediator-desk",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"Mediator Desk {__version__}")
    parser.add_argument(
        "--read-only", action="store_true", help="open the case file for viewing only"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", parents=[common], help="start the app (the default)")
    sub.add_parser("demo", parents=[common], help="add fictional demo cases to the case file")
    cases = sub.add_parser("cases", parents=[common], help="list the cases in the case file")
    cases.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cases.add_argument("--search", metavar="TEXT", default="", help="only cases matching TEXT")
    sub.add_parser(
        "check",
        parents=[common],
        help="check the case file's integrity (exit code 0 if sound, 1 if not)",
    )
    return parser


def _cmd_demo(desk: Desk) -> int:
    added = desk.load_demo_cases()
    print(f"Added {len(added)} fictional demo cases to {desk.path}.")
    return 0


def _cmd_cases(desk: Desk, as_json: bool, search: str) -> int:
    rows = []
    for summary in desk.list_cases(search):
        case = desk.case(summary.id)
        rows.append(
            {
                "reference": case.reference,
                "child": case.child_name,
                "kind": case.kind.value,
                "status": case.status.value,
                "local_authority": case.local_authority,
                "decision_kind": case.decision_kind.value if case.decision_kind else None,
                "decision_date": case.decision_date.isoformat() if case.decision_date else None,
                "meeting_date": case.meeting_date.isoformat() if case.meeting_date else None,
                "created": case.created_at.isoformat() if case.created_at else None,
                "updated": case.updated_at.isoformat() if case.updated_at else None,
            }
        )
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
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
    import datetime as dt

    return short_date(dt.date.fromisoformat(iso)) if iso else "-"


def _cmd_check(desk: Desk) -> int:
    problems = desk.check()
    if problems:
        for problem in problems:
            print(problem)
        print(f"{desk.path}: {len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"{desk.path}: sound ({desk.count()} cases).")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    casefile = getattr(args, "casefile", None)
    command = args.command or "gui"
    if command == "gui":
        from .app import run_gui  # Qt is imported only when the app starts

        return run_gui(casefile=casefile, read_only=args.read_only)
    try:
        desk = open_desk(
            casefile, read_only=args.read_only or command == "check", create=command != "check"
        )
    except CaseFileError as error:
        print(f"mediator-desk: {error.message}", file=sys.stderr)
        return 1
    try:
        if command == "demo":
            return _cmd_demo(desk)
        if command == "cases":
            return _cmd_cases(desk, args.json, args.search)
        if command == "check":
            return _cmd_check(desk)
    except CaseFileError as error:
        print(f"mediator-desk: {error.message}", file=sys.stderr)
        return 1
    finally:
        desk.close()
    raise AssertionError(f"unhandled command {command}")
