"""The `mediator-desk` command: with no command it starts the app; the commands below run the
same services headless, for scripts, support and tests. Exit code 0 on success, 1 with a
one-line message when something is wrong, 2 when the command line itself is wrong."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .domain.calendar import WorkingCalendar
from .domain.case import Case, CaseStatus
from .domain.dates import long_date, parse_iso_date, plain_date, short_date
from .domain.passphrase import MIN_LENGTH, passphrase_problem
from .domain.timeline import Facts, deadlines
from .services import ENV_CASEFILE, ENV_PASSPHRASE, Desk, default_casefile_path, open_desk
from .store.errors import CaseFileError, FileMissing

DESCRIPTION = """\
Mediator Desk: case files, statutory clocks and sealed outcome statements for SEND mediation
and disagreement resolution in England. With no command, starts the app."""

EPILOG = f"""\
The case file is --casefile PATH if given, else ${ENV_CASEFILE} if set, else casebook.mdesk in
your user data folder. An encrypted case file takes its passphrase from ${ENV_PASSPHRASE}, or
asks for it. A case file that does not exist yet is created (by demo, cases and import),
encrypted with ${ENV_PASSPHRASE} (at least {MIN_LENGTH} characters); only with
--no-encryption is it created unencrypted.

examples:
  mediator-desk                          start the app
  mediator-desk demo                     add fictional demo cases
  mediator-desk cases --json             list the cases as JSON
  mediator-desk check                    check the case file's integrity
  mediator-desk deadlines --decision-sent 2026-11-30 --certificate-issued 2027-02-08
  mediator-desk deadlines --case MD-2026-0001 --json
  mediator-desk document MD-2026-0003 certificate-not-pursued --format pdf --out ~/Documents
  mediator-desk document --list
  mediator-desk backup --out ~/casebook-copy.mdesk-backup
  mediator-desk report --from 2026-04-01 --to 2027-03-31 --format pdf --out ~/report.pdf
  mediator-desk self-test                check this installation works (touches no user data)"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--casefile",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the case file to use (default: ${ENV_CASEFILE}, else the user data folder)",
    )
    common.add_argument(
        "--no-encryption",
        action="store_true",
        default=argparse.SUPPRESS,
        help=f"create a new case file unencrypted (instead of with ${ENV_PASSPHRASE})",
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
    deadlines = sub.add_parser(
        "deadlines",
        parents=[common],
        help="the statutory deadlines that given dates determine (or a case's own)",
        description="Print every statutory deadline the given facts determine, with its rule. "
        "Dates are YYYY-MM-DD. With --case, print the deadlines of a case in the case file.",
    )
    for option, text in DEADLINE_DATE_OPTIONS.items():
        deadlines.add_argument(f"--{option}", metavar="DATE", help=text)
    deadlines.add_argument(
        "--health-issues", action="store_true", help="the mediation issues include health care"
    )
    deadlines.add_argument(
        "--health-only", action="store_true", help="the only issues are health care (ICB arranges)"
    )
    deadlines.add_argument(
        "--section-i-only", action="store_true", help="the dispute is about Section I only"
    )
    deadlines.add_argument(
        "--case", metavar="REF", help="a case in the case file, e.g. MD-2026-0001"
    )
    deadlines.add_argument("--json", action="store_true", help="print one JSON object")
    document = sub.add_parser(
        "document",
        parents=[common],
        help="write a case's document (certificate, outcome statement, letter) as Word or PDF",
    )
    document.add_argument("reference", nargs="?", metavar="REF", help="the case, e.g. MD-2026-0001")
    document.add_argument("kind", nargs="?", metavar="KIND", help="see --list")
    document.add_argument("--format", choices=("docx", "pdf"), default="pdf")
    document.add_argument("--out", metavar="DIR", default=".", help="folder to write into")
    document.add_argument(
        "--recipient", metavar="NAME", help="for child-views: the attendee it is shared with"
    )
    document.add_argument("--list", action="store_true", help="print the KIND names, one a line")
    document.add_argument(
        "--force", action="store_true", help="replace the file if it is already in --out"
    )
    document.add_argument(
        "--draft",
        action="store_true",
        help="allow an outcome statement that is not sealed (marked DRAFT)",
    )
    export_case = sub.add_parser(
        "export-case", parents=[common], help="write a whole case in the exchange format (JSON)"
    )
    export_case.add_argument("reference", metavar="REF")
    export_case.add_argument("--out", metavar="FILE", required=True)
    export_case.add_argument(
        "--include-private-notes",
        action="store_true",
        help="include the mediator's private meeting notes",
    )
    import_case = sub.add_parser(
        "import", parents=[common], help="add a case from an exchange-format file"
    )
    import_case.add_argument("file", metavar="CASE.json")
    backup = sub.add_parser(
        "backup", parents=[common], help="write a checked backup copy of the case file"
    )
    backup.add_argument("--out", metavar="FILE", required=True, help="the backup file to write")
    report = sub.add_parser(
        "report",
        parents=[common],
        help="write an anonymised service report for a period as CSV, PDF or JSON",
        description="Write the service report for a period (cases opened, certificates issued "
        "and meetings held in it; see docs/reporting.md) as CSV, PDF or JSON. Counts from 1 to "
        "4 are shown as <5, and larger ones as [c] where a total would give a small one away, "
        "so no child or family can be identified; no names or other personal details are ever "
        "included. Dates are YYYY-MM-DD.",
    )
    report.add_argument(
        "--from", dest="start", metavar="DATE", required=True, help="the first day of the period"
    )
    report.add_argument(
        "--to", dest="end", metavar="DATE", required=True, help="the last day of the period"
    )
    report.add_argument(
        "--la", metavar="NAME", default="", help="only this local authority (default: all of them)"
    )
    report.add_argument(
        "--kind", choices=tuple(REPORT_KINDS), help="only this kind of case (default: both)"
    )
    report.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="the file's format (default: from the --out file's extension)",
    )
    report.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    report.add_argument("--force", action="store_true", help="replace --out if it exists")
    sub.add_parser(
        "check",
        parents=[common],
        help="check the case file's integrity (exit code 0 if sound, 1 if not)",
    )
    sub.add_parser(
        "self-test",
        help="check this installation: demo cases, PDF and Word export, the window and report",
        description="Check that this installation of Mediator Desk works, in a temporary "
        "folder that is removed afterwards: create a case file, load the fictional demo cases, "
        "export a certificate as PDF and as Word, and start the window on that case file "
        "(off-screen if there is no display) and open its service report. Your own case file "
        "and settings are not touched. Exit code 0 if every step passed, 1 if not.",
    )
    return parser


DEADLINE_DATE_OPTIONS = {
    "decision-sent": "the LA sent its decision notice (or final plan)",
    "declined": "the family told the adviser they do not want mediation",
    "la-informed": "the LA was told the family wants mediation",
    "icb-notified": "the ICB was notified of health issues",
    "la-cannot-arrange": "the LA said it cannot arrange mediation within 30 days",
    "meeting": "the mediation meeting",
    "concluded": "mediation concluded",
    "certificate-issued": "the mediation certificate was issued",
    "agreement": "the mediation agreement was made",
}


REPORT_FORMATS = ("csv", "pdf", "json")  # reports.export.FORMATS, without importing it here
REPORT_KINDS = {"mediation": "mediation", "disagreement-resolution": "disagreement_resolution"}


class UsageProblem(Exception):
    """A command-line value that is wrong: one line, exit code 2."""


class NotOpened(Exception):
    """The case file cannot be opened or created as asked: one line, exit code 1."""


def _facts_from(args: argparse.Namespace) -> Facts:
    values: dict[str, dt.date | None] = {}
    for option in DEADLINE_DATE_OPTIONS:
        text = getattr(args, option.replace("-", "_"))
        if text is None:
            values[option] = None
            continue
        try:
            values[option] = parse_iso_date(text)
        except ValueError as error:
            raise UsageProblem(f"--{option}: {error}") from None
    return Facts(
        decision_sent=values["decision-sent"],
        declined=values["declined"],
        la_informed=values["la-informed"],
        icb_notified=values["icb-notified"],
        la_cannot_arrange=values["la-cannot-arrange"],
        meeting=values["meeting"],
        concluded=values["concluded"],
        certificate_issued=values["certificate-issued"],
        agreement=values["agreement"],
        health_issues=args.health_issues or args.health_only,
        health_only=args.health_only,
        section_i_only=args.section_i_only,
    )


def _print_deadlines(
    rows: list[tuple[str, str, dt.date, str, str | None, str]], as_json: bool
) -> None:
    """rows: (clock name, title, due, explanation, warning, status text)."""
    if as_json:
        result: dict[str, object] = {name: due.isoformat() for name, _, due, _, _, _ in rows}
        result["explain"] = {
            name: explanation + (f" {warning}" if warning else "")
            for name, _, _, explanation, warning, _ in rows
        }
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    if not rows:
        print("No deadline follows from the facts given. Try --decision-sent YYYY-MM-DD.")
        return
    width = max(len(title) for _, title, *_ in rows)
    for _, title, due, explanation, warning, status in rows:
        line = f"{title.ljust(width)}  {long_date(due)}"
        print(f"{line}  [{status}]" if status else line)
        print(f"    {explanation}")
        if warning:
            print(f"    Warning: {warning}")


def _cmd_deadlines_from_facts(args: argparse.Namespace) -> int:
    found = deadlines(_facts_from(args), WorkingCalendar())
    rows = [
        (clock.value, clock.title, d.due, d.explanation, d.warning, "")
        for clock, d in found.items()
    ]
    _print_deadlines(rows, args.json)
    return 0


def _cmd_case_deadlines(desk: Desk, reference: str, as_json: bool) -> int:
    case = desk.case_by_reference(reference)
    rows = [
        (
            t.key,
            t.title,
            t.due,
            t.explanation,
            t.warning,
            t.summary(),
        )
        for t in desk.timeline(case)
    ]
    if not as_json:
        print(f"{case.reference}  {case.display_name}  ({case.kind.label})")
    _print_deadlines(rows, as_json)
    return 0


def _cmd_document(desk: Desk, args: argparse.Namespace) -> int:
    from pathlib import Path

    from .documents.build import KINDS

    if args.kind not in KINDS:
        print(
            f"mediator-desk: unknown document kind '{args.kind}' (see document --list)",
            file=sys.stderr,
        )
        return 2
    case = desk.case_by_reference(args.reference)
    if args.kind == "outcome-statement" and not args.draft:
        assert case.id is not None
        if desk.statement.seal_of(case.id) is None:
            print(
                f"mediator-desk: the outcome statement of {case.reference} is not sealed yet "
                "(use --draft for a copy marked DRAFT)",
                file=sys.stderr,
            )
            return 1
    recipient = None
    if args.recipient:
        wanted = args.recipient.casefold()
        matches = [a for a in desk.attendees.list(case.id) if a.name.casefold() == wanted]
        if not matches:
            print(
                f"mediator-desk: no attendee called {args.recipient} in {case.reference}",
                file=sys.stderr,
            )
            return 1
        recipient = matches[0].id
    from .services.documents import DocumentExists

    try:
        path = desk.documents.export(
            case, args.kind, args.format, Path(args.out), recipient, replace=args.force
        )
    except DocumentExists as refusal:
        print(f"mediator-desk: {refusal.message} Use --force to replace it.", file=sys.stderr)
        return 1
    print(path)
    return 0


@dataclass(frozen=True)
class ReportRequest:
    start: dt.date
    end: dt.date
    fmt: str
    out: Path


def _report_request(args: argparse.Namespace) -> ReportRequest:
    """The report command's dates, format and file, checked before the case file is opened;
    UsageProblem says what is wrong with them."""
    dates = []
    for option, text in (("--from", args.start), ("--to", args.end)):
        try:
            dates.append(parse_iso_date(text))
        except ValueError as error:
            raise UsageProblem(f"{option}: {error}") from None
    start, end = dates
    if end < start:
        raise UsageProblem(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    out = Path(args.out).expanduser()
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in REPORT_FORMATS:
        raise UsageProblem("say which format with --format csv, pdf or json")
    return ReportRequest(start, end, fmt, out)


def _cmd_report(desk: Desk, args: argparse.Namespace, request: ReportRequest) -> int:
    from .domain.case import CaseKind
    from .domain.reporting import ReportFilter, authority_names, same_authority
    from .reports.export import write_report

    if request.out.exists() and not args.force:
        print(
            f"mediator-desk: {request.out} already exists (use --force to replace it)",
            file=sys.stderr,
        )
        return 1
    kind = CaseKind(REPORT_KINDS[args.kind]) if args.kind else None
    cases = desk.report_cases()  # read once, for the names and for the report
    authority = ""
    if args.la.strip():
        known = authority_names(c.local_authority for c in cases if c.local_authority)
        matches = [name for name in known if same_authority(name) == same_authority(args.la)]
        if not matches:
            there = f"it has: {', '.join(known)}" if known else "it has none yet"
            print(
                f"mediator-desk: no local authority called '{args.la.strip()}' in the case "
                f"file; {there}",
                file=sys.stderr,
            )
            return 1
        authority = matches[0]
    report = desk.service_report(ReportFilter(request.start, request.end, authority, kind), cases)
    written = write_report(report, request.out, request.fmt, desk.documents.service().letterhead())
    what = "; ".join(
        (
            request.fmt.upper(),
            f"{plain_date(request.start)} to {plain_date(request.end)}",
            authority or "all local authorities",
            kind.label if kind else "mediation and disagreement resolution",
        )
    )
    print(f"Wrote the service report ({what}) to {written}")
    return 0


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


# What an exported file must start with.
MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04"}  # a .docx is a zip archive


class SelfTestStepFailed(Exception):
    """A step of `self-test` went wrong; the message says which and why, in plain words."""


def _cmd_self_test() -> int:
    import tempfile

    print(f"Mediator Desk {__version__} self-test")
    with tempfile.TemporaryDirectory(
        prefix="mediator-desk-self-test-", ignore_cleanup_errors=True
    ) as folder:
        from .store.chain import KEY_FOLDER_ENV

        kept = os.environ.get(KEY_FOLDER_ENV)
        os.environ[KEY_FOLDER_ENV] = str(Path(folder) / "keys")  # no key left in the user's data
        try:
            rows = _self_test_steps(Path(folder))
        except SelfTestStepFailed as failure:
            print(f"self-test FAILED: {failure}", file=sys.stderr)
            return 1
        finally:
            if kept is None:
                os.environ.pop(KEY_FOLDER_ENV, None)
            else:
                os.environ[KEY_FOLDER_ENV] = kept
    print(f"ok  the window listed {rows} cases, and the service report counted them")
    print("self-test passed")
    return 0


def _self_test_steps(folder: Path) -> int:
    """Every step of `self-test` inside `folder`; returns the rows the window listed."""
    from .app import SelfTestFailed, self_test_window
    from .documents.build import KINDS

    casefile = folder / "self-test.mdesk"
    step = "creating a case file"
    try:
        desk = open_desk(casefile)
        try:
            print(f"ok  created a case file in a temporary folder: {casefile}")
            step = "loading the demo cases"
            added = desk.load_demo_cases()
            print(f"ok  loaded {len(added)} fictional demo cases")
            step = "choosing a certificate to export"
            case, kind = _first_certificate(desk, added, [k for k in KINDS if "certificate" in k])
            for fmt, magic in MAGIC.items():
                step = f"exporting the {kind} certificate of {case.reference} as {fmt.upper()}"
                path = desk.documents.export(case, kind, fmt, folder)
                head = path.read_bytes()[: len(magic)] if path.is_file() else b""
                if not head:
                    raise SelfTestStepFailed(f"{step}: {path.name} is empty or missing.")
                if head != magic:
                    raise SelfTestStepFailed(f"{step}: {path.name} is not a {fmt} file.")
                print(f"ok  exported {path.name} ({path.stat().st_size:,} bytes)")
        finally:
            desk.close()
        step = "starting the window"
        rows = self_test_window(casefile, folder / "settings.ini")
    except (CaseFileError, SelfTestFailed) as error:
        message = error.message if isinstance(error, CaseFileError) else str(error)
        raise SelfTestStepFailed(f"{step}: {message}") from None
    except Exception as error:  # reported in plain words, never as a traceback
        raise SelfTestStepFailed(f"{step}: {error or type(error).__name__}") from None
    if rows != len(added):
        raise SelfTestStepFailed(f"the window listed {rows} cases; the case file has {len(added)}.")
    return rows


def _first_certificate(desk: Desk, cases: list[Case], kinds: list[str]) -> tuple[Case, str]:
    """The first of `cases` that has one of the certificate `kinds` ready to make."""
    for case in cases:
        for kind in kinds:
            try:
                desk.documents.build(case, kind)
            except CaseFileError:  # not ready yet, e.g. a date still to record
                continue
            return case, kind
    raise SelfTestStepFailed("none of the demo cases has a certificate ready to make.")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except KeyboardInterrupt:
        return 130


def _open_with_passphrase(
    casefile: str | None, read_only: bool, create: bool, no_encryption: bool
) -> Desk:
    """Open the case file; an encrypted one takes its passphrase from MEDIATOR_DESK_PASSPHRASE,
    or from a prompt when someone is at the keyboard. It is never written anywhere. A missing
    file is created only encrypted with that passphrase, or unencrypted with --no-encryption."""
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase is not None and no_encryption:
        raise UsageProblem(
            f"--no-encryption and {ENV_PASSPHRASE} contradict each other: use one or the other"
        )
    target = Path(casefile).expanduser() if casefile else default_casefile_path()
    if passphrase == "" and target.exists():
        raise NotOpened(
            f"{ENV_PASSPHRASE} is set but empty: set it to the case file's passphrase, or "
            "unset it for a case file that is not encrypted."
        )
    try:
        return _open_existing(casefile, read_only, passphrase or None)
    except FileMissing:
        if not create or read_only:
            raise
    if passphrase is None and not no_encryption:
        raise NotOpened(
            f"there is no case file at {target} yet. To create it, set {ENV_PASSPHRASE} to "
            f"its passphrase (at least {MIN_LENGTH} characters), or add --no-encryption to "
            "create it unencrypted."
        )
    if passphrase is not None and (problem := passphrase_problem(passphrase)):
        raise NotOpened(f"{ENV_PASSPHRASE} cannot protect a new case file. {problem}")
    return open_desk(casefile, create=True, passphrase=passphrase)


def _open_existing(casefile: str | None, read_only: bool, passphrase: str | None) -> Desk:
    try:
        return open_desk(casefile, read_only=read_only, create=False, passphrase=passphrase)
    except CaseFileError as error:
        if not error.needs_passphrase or passphrase is not None or not sys.stdin.isatty():
            raise
    import getpass

    entered = getpass.getpass("Passphrase for the case file: ")
    return open_desk(casefile, read_only=read_only, create=False, passphrase=entered)


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    casefile = getattr(args, "casefile", None)
    command = args.command or "gui"
    if command == "deadlines" and not args.case:
        try:
            return _cmd_deadlines_from_facts(args)
        except UsageProblem as problem:
            print(f"mediator-desk: {problem}", file=sys.stderr)
            return 2
    if command == "document" and args.list:
        from .documents.build import KINDS

        print("\n".join(KINDS))
        return 0
    if command == "document" and not (args.reference and args.kind):
        print(
            "mediator-desk: document needs a case reference and a KIND (see --list)",
            file=sys.stderr,
        )
        return 2
    if command == "gui":
        from .app import run_gui  # Qt is imported only when the app starts

        return run_gui(casefile=casefile, read_only=args.read_only)
    if command == "self-test":
        return _cmd_self_test()
    request = None
    if command == "report":
        try:
            request = _report_request(args)
        except UsageProblem as problem:
            print(f"mediator-desk: {problem}", file=sys.stderr)
            return 2
    try:
        viewing = command in ("check", "deadlines", "document", "backup", "export-case", "report")
        no_encryption = getattr(args, "no_encryption", False)
        desk = _open_with_passphrase(
            casefile, args.read_only or viewing, not viewing, no_encryption
        )
    except CaseFileError as error:
        print(f"mediator-desk: {error.message}", file=sys.stderr)
        return 1
    except NotOpened as refusal:
        print(f"mediator-desk: {refusal}", file=sys.stderr)
        return 1
    except UsageProblem as problem:
        print(f"mediator-desk: {problem}", file=sys.stderr)
        return 2
    try:
        if command == "demo":
            return _cmd_demo(desk)
        if command == "cases":
            return _cmd_cases(desk, args.json, args.search)
        if command == "check":
            return _cmd_check(desk)
        if command == "deadlines":
            return _cmd_case_deadlines(desk, args.case, args.json)
        if command == "document":
            return _cmd_document(desk, args)
        if command == "export-case":
            from pathlib import Path

            from .documents.export import write_atomically

            target = Path(args.out).expanduser()
            text = desk.export_case(args.reference, args.include_private_notes)
            write_atomically(target, text.encode("utf-8"))
            print(target)
            return 0
        if command == "import":
            from pathlib import Path

            case, notes = desk.import_case(Path(args.file).expanduser())
            print(f"Imported as {case.reference}: {case.display_name}.")
            for note in notes:
                print(f"Note: {note}")
            return 0
        if command == "report":
            assert request is not None
            return _cmd_report(desk, args, request)
        if command == "backup":
            from pathlib import Path

            print(desk.backup_now(Path(args.out).expanduser()))
            return 0
    except CaseFileError as error:
        print(f"mediator-desk: {error.message}", file=sys.stderr)
        return 1
    finally:
        desk.close()
    raise AssertionError(f"unhandled command {command}")
