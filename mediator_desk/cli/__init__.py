"""The `mediator-desk` command: with no command it starts the app; the commands below run the
same services headless, for scripts, support and tests. Exit code 0 on success, 1 with a
one-line message when something is wrong, 2 when the command line itself is wrong."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .. import ENV_CASEFILE
from .errors import NotOpened, UsageProblem, refuse
from .parser import build_parser, with_file_as_gui

if TYPE_CHECKING:
    from ..services import Desk

# Each command imports only what it needs, when it runs: `deadlines` from facts and
# `document --list` never load the case file's layers (tests/cli/test_cheap_starts.py).
VIEWING = ("check", "deadlines", "document", "backup", "export-case", "report", "verify")


def on_the_case_file() -> dict[str, Callable[[Desk, argparse.Namespace], int]]:
    """The commands that work on an open case file, by name (report is apart: it checks its
    request before the file is opened)."""
    from . import casebook
    from .deadlines import case_deadlines
    from .documents import verify_document, write_document

    return {
        "demo": casebook.demo,
        "cases": casebook.cases,
        "check": casebook.check,
        "deadlines": case_deadlines,
        "document": write_document,
        "export-case": casebook.export_case,
        "import": casebook.import_case,
        "backup": casebook.backup,
        "verify": verify_document,
    }


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(with_file_as_gui(given, parser))
    casefile = getattr(args, "casefile", None)
    command = args.command or "gui"
    if command == "deadlines" and not args.case:
        from .deadlines import deadlines_from_facts

        try:
            return deadlines_from_facts(args)
        except UsageProblem as problem:
            return refuse(problem, 2)
    if command == "document" and args.list:
        from .documents import list_kinds

        return list_kinds()
    if command == "document" and not (args.reference and args.kind):
        return refuse("document needs a case reference and a KIND (see --list)", 2)
    if command == "gui":
        from ..app import run_gui  # Qt is imported only when the app starts

        opening = getattr(args, "file", None)  # `mediator-desk CASEFILE`, from a file manager
        return run_gui(casefile=casefile, read_only=args.read_only, open_file=opening)
    if command == "verify" and not (casefile or os.environ.get(ENV_CASEFILE)):
        from .documents import verify_alone

        return verify_alone(args)
    if command == "self-test":
        from .self_test import self_test

        return self_test()
    return _on_the_case_file(command, args, casefile)


def _on_the_case_file(command: str, args: argparse.Namespace, casefile: str | None) -> int:
    from ..store.errors import CaseFileError
    from .opening import open_with_passphrase
    from .report import report_request, write_service_report

    request = None
    if command == "report":
        try:
            request = report_request(args)
        except UsageProblem as problem:
            return refuse(problem, 2)
    try:
        viewing = command in VIEWING
        no_encryption = getattr(args, "no_encryption", False)
        desk = open_with_passphrase(
            casefile, args.read_only or viewing, not viewing, no_encryption, command == "check"
        )
    except CaseFileError as error:
        return refuse(error.message, 1)
    except NotOpened as refusal:
        return refuse(refusal, 1)
    except UsageProblem as problem:
        return refuse(problem, 2)
    try:
        if request is not None:
            return write_service_report(desk, args, request)
        return on_the_case_file()[command](desk, args)
    except CaseFileError as error:
        return refuse(error.message, 1)
    finally:
        desk.close()
