"""`mediator-desk document`: a case's certificate, outcome statement or letter as Word or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import refuse

if TYPE_CHECKING:
    from ..services import Desk


def list_kinds() -> int:
    from ..documents.build import KINDS  # the document builders load only when needed

    print("\n".join(KINDS))
    return 0


def write_document(desk: Desk, args: argparse.Namespace) -> int:
    from ..documents.build import KINDS

    if args.kind not in KINDS:
        return refuse(f"unknown document kind '{args.kind}' (see document --list)", 2)
    case = desk.case_by_reference(args.reference)
    assert case.id is not None  # read from the case file, so it has its row id
    wants_sealed = args.kind == "outcome-statement" and not args.draft
    if wants_sealed and desk.statement.seal_of(case.id) is None:
        return refuse(
            f"the outcome statement of {case.reference} is not sealed yet "
            "(use --draft for a copy marked DRAFT)",
            1,
        )
    from ..services.documents import DocumentExists

    recipient = None
    if args.recipient:
        wanted = args.recipient.casefold()
        matches = [a for a in desk.attendees.list(case.id) if a.name.casefold() == wanted]
        if not matches:
            return refuse(f"no attendee called {args.recipient} in {case.reference}", 1)
        recipient = matches[0].id
    try:
        path = desk.documents.export(
            case, args.kind, args.format, Path(args.out), recipient, replace=args.force
        )
    except DocumentExists as refusal:
        return refuse(f"{refusal.message} Use --force to replace it.", 1)
    print(path)
    from ..services.signing import SIGNED_KINDS

    signable = args.kind in SIGNED_KINDS and args.format == "pdf" and not args.draft
    if signable and desk.signing.identity() is None:
        print(
            "Not signed: this case file has no signing certificate yet. One is made when a "
            "statement is first sealed, or at the first export from the app.",
            file=sys.stderr,
        )
    return 0


def _read_pdf(name: str) -> bytes | str:
    """The file's bytes, or why it could not be read."""
    try:
        return Path(name).expanduser().read_bytes()
    except OSError as error:
        return f"{name} could not be read: {error.strerror or error}"


def verify_alone(args: argparse.Namespace) -> int:
    """A signed PDF checked with nothing but itself."""
    from ..services.signing import judge

    data = _read_pdf(args.pdf)
    if isinstance(data, str):
        return refuse(data, 1)
    verdict = judge(data)
    print("\n".join(verdict.lines))
    if verdict.sound:
        print("No case file was given: use --casefile to check it is that file's record.")
    return 0 if verdict.sound else 1


def verify_document(desk: Desk, args: argparse.Namespace) -> int:
    """A signed PDF checked, and matched against the case file's sealed record."""
    data = _read_pdf(args.pdf)
    if isinstance(data, str):
        return refuse(data, 1)
    verdict = desk.signing.verify(data)
    print("\n".join(verdict.lines))
    return 0 if verdict.sound else 1
