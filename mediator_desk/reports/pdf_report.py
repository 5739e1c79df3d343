"""The report as an A4 PDF: the service's letterhead, the period and filter in words, the
small-count rule, two charts, each section as a table with its note, then the local authorities.

Typography, colours, letterhead and 'Page X of Y' are those of the other documents
(documents/pdf_renderer.py). The charts are drawn from the counts as shown: a hidden count is
never drawn as a bar or a slice, so a chart reveals nothing the tables do not."""

from __future__ import annotations

import datetime as dt
from functools import cache
from io import BytesIO
from typing import Any, Literal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..documents import model
from ..documents.pdf_renderer import (
    ACCENT,
    BOLD,
    FONT,
    GREY,
    INK,
    RULE,
    _fonts,
    _styles,
    page_canvas,
    top_margin,
)
from ..documents.text import escape_markup
from ..domain.dates import long_date, month_name
from ..domain.reporting import AGREED_ALL, AGREED_NONE, AGREED_SOME, NO_OUTCOME
from ..domain.suppression import CONCEALED, SUPPRESSED
from .shown import (
    AUTHORITY_COLUMNS,
    ShownReport,
    ShownSection,
    authority_words,
    days,
    is_count,
    nice_step,
    percent,
    period_words,
)

TITLE = "Service report"
HEADER_FILL = colors.HexColor("#e8f0f6")
NOTE_FILL = colors.HexColor("#f3f6f9")
ENQUIRIES_COLOUR = ACCENT
MEETINGS_COLOUR = colors.HexColor("#d98c2b")
OUTCOME_COLOURS = {
    AGREED_ALL: colors.HexColor("#1f5f8b"),
    AGREED_SOME: colors.HexColor("#6fa8d3"),
    AGREED_NONE: colors.HexColor("#d98c2b"),
    NO_OUTCOME: colors.HexColor("#9aa7b2"),
}
HIDDEN_COLOUR = colors.HexColor("#e3e8ed")
HIDDEN_LABEL = "Small counts, not shown separately"


def render_pdf_report(report: ShownReport, letterhead: model.Letterhead) -> bytes:
    """The report under the service's letterhead, with its logo, as on its other documents."""
    _fonts()
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=top_margin(letterhead),
        bottomMargin=24 * mm,
        title=f"{TITLE}: {period_words(report)}",
        author=letterhead.service or "Mediator Desk",
        subject=f"{authority_words(report)}; {report.kind_label}",
        creator="Mediator Desk",
        initialFontName=FONT,
        initialFontSize=10,
    )

    page = model.Document(
        kind="service-report",
        title=TITLE,
        subject=period_words(report),
        author=letterhead.service,
        reference=TITLE,
        date=report.as_of,
        letterhead=letterhead,
    )
    # The frame keeps 6 points clear on each side: tables as wide as the text, not the margins.
    template.build(_story(report, template.width - 12), canvasmaker=page_canvas(page))
    return buffer.getvalue()


# -- styles -------------------------------------------------------------------------------------
@cache
def _style(name: str) -> ParagraphStyle:
    styles = _styles()
    if name in styles:
        return styles[name]
    cell = styles["cell"]
    extra = {
        "number": ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        "numberbold": ParagraphStyle("numberbold", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
        "headnumber": ParagraphStyle("headnumber", parent=styles["cellbold"], alignment=TA_RIGHT),
        "tilefigure": ParagraphStyle(
            "tilefigure", parent=cell, fontName=BOLD, fontSize=20, leading=24, textColor=ACCENT
        ),
        "tilelabel": ParagraphStyle(
            "tilelabel", parent=cell, fontSize=8.5, leading=11, textColor=GREY
        ),
        "note": ParagraphStyle("note", parent=styles["small"], spaceBefore=3, spaceAfter=10),
    }
    return extra[name]


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(escape_markup(text), _style(style))


# -- the story ----------------------------------------------------------------------------------
def _story(report: ShownReport, width: float) -> list[Any]:
    story: list[Any] = [_p(TITLE, "h1")]
    story.append(_facts(report, width))
    story.append(Spacer(1, 8))
    story.append(_boxed(report.note, width))
    story.append(Spacer(1, 6))
    story.append(_p("At a glance", "h2"))
    story.append(_tiles(report, width))
    story.append(
        KeepTogether([_p("Enquiries and meetings by month", "h2"), _months_chart(report, width)])
    )
    story.append(KeepTogether([_p("Outcomes by case", "h2"), *_outcomes_chart(report, width)]))
    story.append(CondPageBreak(60 * mm))
    story.append(_p("The figures", "h2"))
    for section in report.sections:
        story.append(KeepTogether(_section(section, width)))
    story.append(CondPageBreak(50 * mm))
    story.append(_p("By local authority", "h2"))
    story.extend(_authorities(report, width))
    story.append(CondPageBreak(50 * mm))
    story.append(_p("By month", "h2"))
    story.extend(_months_table(report, width))
    return story


def _facts(report: ShownReport, width: float) -> Table:
    rows = [
        ("Period", period_words(report)),
        ("Local authority", authority_words(report)),
        ("Cases", report.kind_label),
        ("Prepared on", long_date(report.as_of)),
    ]
    data = [[_p(k, "cellbold"), _p(v, "cell")] for k, v in rows]
    table = Table(data, colWidths=[width * 0.25, width * 0.75])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _boxed(text: str, width: float) -> Table:
    table = Table([[_p(text, "small")]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTE_FILL),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _tiles(report: ShownReport, width: float) -> Table:
    outcomes = report.section("case_outcomes")
    agreed = next(f for f in outcomes.figures if f.label == AGREED_ALL)
    tiles = [
        (report.section("enquiries").total or "0", "Enquiries"),
        (report.section("meetings").total or "0", "Meetings held"),
        (report.section("certificates").total or "0", "Certificates issued"),
        (agreed.count, "Meetings with all issues agreed"),
    ]
    cells = [[_p(_n(figure), "tilefigure"), _p(label, "tilelabel")] for figure, label in tiles]
    table = Table([cells], colWidths=[width / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), NOTE_FILL),
                ("LINEAFTER", (0, 0), (-2, -1), 3, colors.white),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return table


# -- tables -------------------------------------------------------------------------------------
def _grid(rows: list[list[Paragraph]], widths: list[float], total_row: bool) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if total_row:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.9, INK))
    table.setStyle(TableStyle(commands))
    return table


def _section(section: ShownSection, width: float) -> list[Any]:
    widths = [width * 0.64, width * 0.18, width * 0.18]
    if section.measure:
        rows = [
            [
                _p("", "cellbold"),
                _p("Median (days)", "headnumber"),
                _p("Cases measured", "headnumber"),
            ]
        ]
        for figure in section.figures:
            value = days(figure.value) if figure.value is not None else "not shown"
            rows.append(
                [_p(figure.label, "cell"), _p(value, "number"), _p(_n(figure.count), "number")]
            )
        table = _grid(rows, widths, total_row=False)
    else:
        rows = [[_p("", "cellbold"), _p("Count", "headnumber"), _p("Share", "headnumber")]]
        for figure in section.figures:
            rows.append(
                [
                    _p(figure.label, "cell"),
                    _p(_n(figure.count), "number"),
                    _p(percent(figure.share), "number"),
                ]
            )
        rows.append(
            [
                _p(section.total_label, "cellbold"),
                _p(_n(section.total or "0"), "numberbold"),
                _p("", "number"),
            ]
        )
        table = _grid(rows, widths, total_row=True)
    note = section.note
    if not section.measure and not section.parts_add_up:
        note += " Shares are of the cases with views recorded, so they add up to more than 100%."
    return [_p(section.title, "h3"), table, _p(note, "note")]


def _authorities(report: ShownReport, width: float) -> list[Any]:
    if not report.authorities:
        return [_p("No enquiries, certificates or meetings in the period.", "body")]
    first = width * 0.32
    rest = (width - first) / len(AUTHORITY_COLUMNS)
    rows = [
        [_p("Local authority", "cellbold")]
        + [_p(title, "headnumber") for _, title in AUTHORITY_COLUMNS]
    ]
    for row in report.authorities:
        rows.append(
            [_p(row.local_authority, "cell")]
            + [_p(_n(getattr(row, name)), "number") for name, _ in AUTHORITY_COLUMNS]
        )
    note = (
        "Enquiries are cases opened in the period; meetings, certificates and agreements are "
        "those in the period, whenever the case was opened. Where a column would let a <5 be "
        "worked out from the totals above, a larger count in it is hidden too, shown as [c]."
    )
    return [
        _grid(rows, [first] + [rest] * len(AUTHORITY_COLUMNS), total_row=False),
        _p(note, "note"),
    ]


def _months_table(report: ShownReport, width: float) -> list[Any]:
    rows = [
        [_p("Month", "cellbold"), _p("Enquiries", "headnumber"), _p("Meetings held", "headnumber")]
    ]
    for month in report.months:
        rows.append(
            [
                _p(month.label, "cell"),
                _p(_n(month.enquiries), "number"),
                _p(_n(month.meetings), "number"),
            ]
        )
    widths = [width * 0.36, width * 0.18, width * 0.18]
    table = _grid(rows, widths, total_row=False)
    table.hAlign = "LEFT"
    return [table]


# -- charts -------------------------------------------------------------------------------------
def _month_labels(months: list[dt.date]) -> list[str]:
    """'Jan' under each month, the year under January and under the first month. Over 18
    months only the quarters are named, over 48 only the years, so the labels never touch."""
    labels = []
    for n, day in enumerate(months):
        name = month_name(day)
        first = n == 0 or day.month == 1
        if len(months) > 48:
            labels.append(str(day.year) if first else "")
        elif len(months) > 18 and day.month % 3 != 1 and not first:
            labels.append("")
        else:
            labels.append(f"{name}\n{day.year}" if first else name)
    return labels


def _n(text: str) -> str:
    """A count as shown, with thousands separated: '1,808'."""
    return f"{int(text):,}" if is_count(text) else text


def _months_chart(report: ShownReport, width: float) -> Any:
    _fonts()  # its legend is measured in the report's fonts, whatever was drawn before
    months = report.months
    values = [(m.enquiries, m.meetings) for m in months]
    drawable = [int(v) for pair in values for v in pair if is_count(v)]
    if not any(drawable):
        return _p(
            "Too few enquiries and meetings to draw by month without identifying anyone; the "
            "table at the end gives each month's counts as shown.",
            "body",
        )
    height = 72 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    # The stubs type a chart's place and size as int; reportlab takes any number.
    chart.x, chart.y = 12 * mm, 21 * mm  # type: ignore[assignment]
    chart.width, chart.height = width - 12 * mm, height - 24 * mm  # type: ignore[assignment]
    chart.data = [
        [int(v) if is_count(v) else 0 for v, _ in values],
        [int(v) if is_count(v) else 0 for _, v in values],
    ]
    chart.bars[0].fillColor = ENQUIRIES_COLOUR
    chart.bars[1].fillColor = MEETINGS_COLOUR
    chart.bars.strokeColor = None
    chart.groupSpacing = 6 if len(months) <= 12 else 2
    chart.barSpacing = 0.5  # type: ignore[assignment]  # any number; the stubs say int
    top = max(drawable)
    step = nice_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = -(-top // step) * step + (step if top % step == 0 else 0)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fillColor = GREY
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e1e7ec")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = _month_labels([m.first_day for m in months])
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5 if len(months) <= 18 else 6
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = GREY
    chart.categoryAxis.visibleTicks = False
    # A hidden count gets no bar, only its mark ("<5" or "[c]") where its bar would stand
    # (while there is room).
    labelled = len(months) <= 24
    chart.barLabelFormat = "values" if labelled else None
    chart.barLabelArray = [
        ["" if is_count(v) else v for v, _ in values],
        ["" if is_count(v) else v for _, v in values],
    ]
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 5.5 if len(months) <= 12 else 4.5
    chart.barLabels.fillColor = GREY
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.nudge = 2
    drawing.add(chart)
    axis_title = String(0, 0, "Cases", fontName=FONT, fontSize=7.5, fillColor=GREY)
    drawing.add(_rotated(axis_title, 3 * mm, chart.y + chart.height / 2))
    legend_y = 3 * mm
    x: float = chart.x
    for colour, label in (
        (ENQUIRIES_COLOUR, "Enquiries (cases opened)"),
        (MEETINGS_COLOUR, "Meetings held"),
    ):
        drawing.add(_rect(x, legend_y, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(
            String(
                x + 4.5 * mm, legend_y + 0.4 * mm, label, fontName=FONT, fontSize=8, fillColor=INK
            )
        )
        x += 4.5 * mm + stringWidth(label, FONT, 8) + 8 * mm
    if any(not is_count(v) for pair in values for v in pair):
        drawing.add(
            String(
                x,
                legend_y + 0.4 * mm,
                f"{SUPPRESSED}: from 1 to 4; {CONCEALED}: hidden (no bar)"
                if labelled
                else "No bar: a count hidden in the table",
                fontName=FONT,
                fontSize=8,
                fillColor=GREY,
            )
        )
    return drawing


def _rotated(text: String, x: float, y: float) -> Any:
    from reportlab.graphics.shapes import Group

    text.textAnchor = "middle"
    group = Group(text)
    group.translate(x, y)
    group.rotate(90)
    return group


def _rect(x: float, y: float, width: float, height: float, **style: Any) -> Rect:
    """A rectangle with its colours. The stubs declare Rect's keywords without Unpack[...], as
    if each value were the whole keyword dict, so they go through untyped here."""
    return Rect(x, y, width, height, **style)


def _outcomes_chart(report: ShownReport, width: float) -> list[Any]:
    _fonts()  # its labels are measured in the report's fonts, whatever was drawn before
    section = report.section("case_outcomes")
    total = section.total or "0"
    shown = [f for f in section.figures if is_count(f.count) and int(f.count) > 0]
    if not is_count(total) or int(total) == 0 or not shown:
        reason = (
            "No meetings were held in the period."
            if total == "0"
            else (
                "Too few meetings held to show their outcomes as a chart without identifying "
                "anyone; the table Outcomes by case below gives the counts as shown."
            )
        )
        return [_p(reason, "body")]
    whole = int(total)
    parts: list[tuple[str, int, colors.Color]] = [
        (f.label, int(f.count), OUTCOME_COLOURS.get(f.label, GREY)) for f in shown
    ]
    rest = whole - sum(n for _, n, _ in parts)
    if rest > 0:  # the hidden counts together: the tables already let anyone work this out
        parts.append((HIDDEN_LABEL, rest, HIDDEN_COLOUR))
    bar_height = 11 * mm
    rows = (len(parts) + 1) // 2
    bar_y = rows * 5.5 * mm + 9 * mm  # the legend's rows, then the scale, under the bar
    drawing = Drawing(width, bar_y + bar_height + 2 * mm)
    x = 0.0
    for label, count, colour in parts:
        span = width * count / whole
        drawing.add(
            _rect(
                x,
                bar_y,
                span,
                bar_height,
                fillColor=colour,
                strokeColor=colors.white,
                strokeWidth=0.8,
            )
        )
        text = "" if label == HIDDEN_LABEL else percent(count / whole)
        ink = colors.white if colour == OUTCOME_COLOURS[AGREED_ALL] else INK
        if text and stringWidth(text, BOLD, 8) + 4 < span:
            drawing.add(
                String(
                    x + span / 2,
                    bar_y + bar_height / 2 - 3,
                    text,
                    fontName=BOLD,
                    fontSize=8,
                    fillColor=ink,
                    textAnchor="middle",
                )
            )
        x += span
    for fraction in (0, 0.25, 0.5, 0.75, 1):  # the scale under the bar
        tick_x = width * fraction
        drawing.add(Line(tick_x, bar_y - 1, tick_x, bar_y - 4, strokeColor=GREY, strokeWidth=0.5))
        anchor: Literal["start", "middle", "end"]
        anchor = "start" if fraction == 0 else "end" if fraction == 1 else "middle"
        drawing.add(
            String(
                tick_x,
                bar_y - 4 - 8,
                f"{int(fraction * 100)}%",
                fontName=FONT,
                fontSize=7,
                fillColor=GREY,
                textAnchor=anchor,
            )
        )
    column = width / 2
    for n, (label, count, colour) in enumerate(parts):
        row, col = divmod(n, 2)
        lx = col * column
        ly = (rows - 1 - row) * 5.5 * mm + 0.5 * mm
        drawing.add(
            _rect(lx, ly, 3 * mm, 3 * mm, fillColor=colour, strokeColor=RULE, strokeWidth=0.3)
        )
        text = label if label == HIDDEN_LABEL else f"{label}: {count:,} ({percent(count / whole)})"
        drawing.add(
            String(lx + 4.5 * mm, ly + 0.4 * mm, text, fontName=FONT, fontSize=8, fillColor=INK)
        )
    caption = _p(
        f"Each of the {whole:,} meetings held in the period, by the outcomes of its issues.",
        "small",
    )
    return [drawing, Spacer(1, 5), caption]
