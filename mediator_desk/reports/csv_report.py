"""The report as one CSV table a service manager can filter and pivot in a spreadsheet.

One shape for everything, in long ("tidy") form, so the file opens cleanly in Excel and
LibreOffice (UTF-8 with a byte order mark, CRLF line ends, a single header row) and several
mediators' files can simply be stacked one under another:

    period_from, period_to, local_authority_filter, kind_filter, as_of,
    table, section, item, row, count, share_percent, median_days

The period and the filter are repeated on every row rather than written as a block of lines
above the table: a block would not parse as the same table, and a stacked file would lose which
period each row belongs to. `table` says which table a row is from:

- "figures": one row per figure of each section (row "part"), then the section's total (row
  "total", item = what the total counts); a measure has row "median", `median_days` and, in
  `count`, how many cases it was measured over;
- "by month": item is the month as YYYY-MM, section "Enquiries" or "Meetings held";
- "by local authority": item is the local authority, section the figure counted;
- "note": the small-count rule, in `item`.

Hidden counts are the text "<5" (from 1 to 4) or "[c]" (a larger count hidden so that a "<5"
cannot be worked out); a hidden share or median is left empty.

Every cell is quoted, and text that a spreadsheet would run as a formula (a cell starting =, +,
-, @, tab or carriage return, such as a local authority typed as "=HYPERLINK(...)") starts with
a single quote, as OWASP recommends against CSV injection. Numbers are left as they are: the app
writes no negative ones, and a plain number (even "-3") is never a formula."""

from __future__ import annotations

import csv
import io
import re

from .shown import AUTHORITY_COLUMNS, ShownReport, days, share_percent

HEADER = (
    "period_from",
    "period_to",
    "local_authority_filter",
    "kind_filter",
    "as_of",
    "table",
    "section",
    "item",
    "row",
    "count",
    "share_percent",
    "median_days",
)
ALL = "All"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: formula-like text gets a leading '."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def render_csv(report: ShownReport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)  # CRLF line ends, every cell quoted
    writer.writerow(HEADER)
    lead = (
        report.start.isoformat(),
        report.end.isoformat(),
        report.local_authority or ALL,
        report.kind_label if report.kind else ALL,
        report.as_of.isoformat(),
    )

    def row(
        table: str,
        section: str,
        item: str,
        kind: str,
        count: str,
        share: str = "",
        median: str = "",
    ) -> None:
        cells = (*lead, table, section, item, kind, count, share, median)
        writer.writerow([spreadsheet_safe(str(cell)) for cell in cells])

    for section in report.sections:
        for figure in section.figures:
            if section.measure:
                row(
                    "figures",
                    section.title,
                    figure.label,
                    "median",
                    figure.count,
                    median=days(figure.value),
                )
            else:
                share = share_percent(figure.share)
                row(
                    "figures",
                    section.title,
                    figure.label,
                    "part",
                    figure.count,
                    "" if share is None else f"{share:g}",
                )
        if section.total is not None:
            row("figures", section.title, section.total_label, "total", section.total)
    for month in report.months:
        item = f"{month.first_day:%Y-%m}"
        row("by month", "Enquiries", item, "part", month.enquiries)
        row("by month", "Meetings held", item, "part", month.meetings)
    for authority in report.authorities:
        for name, title in AUTHORITY_COLUMNS:
            row(
                "by local authority",
                title,
                authority.local_authority,
                "part",
                getattr(authority, name),
            )
    row("note", "Small counts", report.note, "", "")
    return buffer.getvalue().encode("utf-8-sig")
