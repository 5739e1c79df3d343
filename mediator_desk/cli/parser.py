"""The command line's grammar: every command, option and help text of `mediator-desk`."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from .. import ENV_CASEFILE, ENV_PASSPHRASE, SUFFIX, __version__
from ..domain.passphrase import MIN_LENGTH

DESCRIPTION = """\
Mediator Desk: case files, statutory clocks and sealed outcome statements for SEND mediation
and disagreement resolution in England. With no command, starts the app; given a case file
(`mediator-desk CASEFILE`, as the file manager does), starts the app on that file."""

EPILOG = (
    textwrap.fill(
        f"An encrypted case file takes its passphrase from ${ENV_PASSPHRASE}, or asks for it. "
        "A case file that does not exist yet is created (by demo, cases and import), encrypted "
        f"with ${ENV_PASSPHRASE} (at least {MIN_LENGTH} characters); only with --no-encryption "
        "is it created unencrypted.",
        width=92,
    )
    + """

examples:
  mediator-desk                          start the app
  mediator-desk ~/Mediation/2026.mdesk   start the app on that case file
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
)


DEADLINE_DATE_OPTIONS = {
    "decision-sent": "the LA sent its decision notice (or final plan)",
    "declined": "the family told the adviser they do not want mediation (on or after "
    "--la-informed: they withdrew)",
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


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--casefile",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the case file to use (default: ${ENV_CASEFILE}, else casebook{SUFFIX} in the "
        "user data folder)",
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
    gui = sub.add_parser("gui", parents=[common], help="start the app (the default)")
    gui.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS,
        help="open the case file for viewing only",
    )
    gui.add_argument(
        "file",
        metavar="CASEFILE",
        nargs="?",
        help=f"a case file (*{SUFFIX}) to open, as the file manager passes it; "
        "`mediator-desk CASEFILE` is the same",
    )
    sub.add_parser("demo", parents=[common], help="add fictional demo cases to the case file")
    cases = sub.add_parser("cases", parents=[common], help="list the cases in the case file")
    cases.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cases.add_argument("--search", metavar="TEXT", default="", help="only cases matching TEXT")
    deadlines = sub.add_parser(
        "deadlines",
        parents=[common],
        help="the statutory deadlines that given dates determine (or a case's own)",
        description="Print every statutory deadline the given facts determine, with its rule. "
        "Dates are YYYY-MM-DD. With --case, print the deadlines of a case in the case file. "
        "Only clocks the law still runs are printed: after the family withdraws (--declined on "
        "or after --la-informed) or mediation concludes, the clocks about arranging the "
        "meeting are listed under 'No longer running' with the reason, and left out of "
        "--json entirely.",
    )
    for option, text in DEADLINE_DATE_OPTIONS.items():
        deadlines.add_argument(f"--{option}", metavar="DATE", help=text)
    deadlines.add_argument(
        "--health-issues",
        action="store_true",
        help="the mediation issues include health care (a joint LA and ICB mediation)",
    )
    deadlines.add_argument(
        "--health-only",
        action="store_true",
        help="the only issues are health care: the ICB arranges, the LA is not a party",
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
    verify = sub.add_parser(
        "verify",
        parents=[common],
        help="check a signed PDF: unchanged since signing, who signed it and when, and "
        "whether it is the record in the case file (exit code 0 if so, 1 if not)",
        description="Check a PDF exported by Mediator Desk: whether it is unchanged since it "
        "was signed, who signed it and when, and, with --casefile (or "
        f"${ENV_CASEFILE}), whether it was signed with that case file's certificate and is "
        "its sealed record (same case, same version, same content). Exit code 0 if all of "
        "that holds, 1 if not.",
    )
    verify.add_argument("pdf", metavar="FILE.pdf", help="the PDF to check")
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


def with_file_as_gui(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """`mediator-desk CASEFILE`, as a file manager opens a case file (the .desktop file's %f,
    the Windows installer's "%1"), read as `mediator-desk gui CASEFILE`; a mistyped command
    is left for argparse to refuse."""
    commands = next(
        action.choices
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--casefile":
            index += 2
        elif token.startswith("-"):
            index += 1
        elif token in commands:
            return argv
        elif token.lower().endswith(SUFFIX) or Path(token).exists():
            return [*argv[:index], "gui", *argv[index:]]
        else:
            return argv
    return argv
