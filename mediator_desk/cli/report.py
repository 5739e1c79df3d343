"""`mediator-desk report`: the anonymised service report for a period, as CSV, PDF or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.dates import parse_iso_date, plain_date
from .errors import UsageProblem, refuse
from .parser import REPORT_FORMATS, REPORT_KINDS

if TYPE_CHECKING:
    from ..services import Desk


@dataclass(frozen=True)
class ReportRequest:
    start: dt.date
    end: dt.date
    fmt: str
    out: Path


def report_request(args: argparse.Namespace) -> ReportRequest:
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


def write_service_report(desk: Desk, args: argparse.Namespace, request: ReportRequest) -> int:
    from ..domain.case import CaseKind
    from ..domain.reporting import ReportFilter, authority_names, same_authority
    from ..reports.export import write_report

    if request.out.exists() and not args.force:
        return refuse(f"{request.out} already exists (use --force to replace it)", 1)
    kind = CaseKind(REPORT_KINDS[args.kind]) if args.kind else None
    cases = desk.report_cases()  # read once, for the names and for the report
    authority = ""
    if args.la.strip():
        known = authority_names(c.local_authority for c in cases if c.local_authority)
        matches = [name for name in known if same_authority(name) == same_authority(args.la)]
        if not matches:
            there = f"it has: {', '.join(known)}" if known else "it has none yet"
            return refuse(
                f"no local authority called '{args.la.strip()}' in the case file; {there}", 1
            )
        authority = matches[0]
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
