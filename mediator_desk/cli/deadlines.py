"""`mediator-desk deadlines`: the statutory deadlines that given dates determine, or a case's
own, as a table or as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

from ..domain.calendar import WorkingCalendar
from ..domain.dates import long_date, parse_iso_date
from ..domain.timeline import Clock, Facts, deadlines, stopped_clocks
from .errors import UsageProblem
from .parser import DEADLINE_DATE_OPTIONS

if TYPE_CHECKING:
    from ..services import Desk


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
    rows: list[tuple[str, str, dt.date, str, str | None, str]],
    as_json: bool,
    stopped: dict[Clock, str],
) -> None:
    """rows: (clock name, title, due, explanation, warning, status text). Clocks that no
    longer run are left out of the JSON entirely; the table lists them last, with why."""
    if as_json:
        result: dict[str, object] = {name: due.isoformat() for name, _, due, _, _, _ in rows}
        result["explain"] = {
            name: explanation + (f" {warning}" if warning else "")
            for name, _, _, explanation, warning, _ in rows
        }
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    if not rows and not stopped:
        print("No deadline follows from the facts given. Try --decision-sent YYYY-MM-DD.")
        return
    width = max((len(title) for _, title, *_ in rows), default=0)
    for _, title, due, explanation, warning, status in rows:
        line = f"{title.ljust(width)}  {long_date(due)}"
        print(f"{line}  [{status}]" if status else line)
        print(f"    {explanation}")
        if warning:
            print(f"    Warning: {warning}")
    if stopped:
        print("No longer running:")
        for clock, reason in stopped.items():
            print(f"    {clock.title}: {reason}")


def deadlines_from_facts(args: argparse.Namespace) -> int:
    facts = _facts_from(args)
    found = deadlines(facts, WorkingCalendar())
    rows = [
        (clock.value, clock.title, d.due, d.explanation, d.warning, "")
        for clock, d in found.items()
    ]
    _print_deadlines(rows, args.json, stopped_clocks(facts))
    return 0


def case_deadlines(desk: Desk, args: argparse.Namespace) -> int:
    case = desk.case_by_reference(args.case)
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
    if not args.json:
        print(f"{case.reference}  {case.display_name}  ({case.kind.label})")
    _print_deadlines(rows, args.json, desk.stopped_clocks(case))
    return 0
