"""PDF with reportlab: embedded DejaVu Sans (Welsh, Polish, Arabic; Urdu letters the font lacks
fall back to their base forms), letterhead, page X of Y, DRAFT on every page when not sealed,
and the title, author and subject in the file's properties."""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from ..domain.dates import long_date
from ..paths import resources_dir
from . import model
from .picture import fit
from .text import clean, escape_markup, has_rtl, is_rtl_paragraph, visual_order

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
ARABIC, ARABIC_BOLD = "NotoSansArabic", "NotoSansArabic-Bold"
FONT_FILES = {  # in resources/fonts
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
}
_ARABIC_RUN = re.compile("([\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]+)")
INK = colors.HexColor("#1b1f24")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#b7c4cf")
GREY = colors.HexColor("#4a5560")
LOGO_BOX = (model.LOGO_BOX_MM[0] * mm, model.LOGO_BOX_MM[1] * mm)  # the most a logo may take
LOGO_TOP = model.LOGO_TOP_MM * mm  # from the top of the page; the letterhead's rule below it
PICTURE_HEIGHT = 55 * mm  # the most a picture may take: a row of three leaves room for words
PICTURES_PER_ROW = 3
PICTURE_GAP = 2 * mm  # either side of each picture
SIDE = model.SIDE_MARGIN_MM * mm  # left and right margins
MAX_CELL_HEIGHT = 100 * mm  # well under a page, whatever the letterhead takes
CELL_PADDING = 6  # reportlab's default, left and right of a cell's text


@cache
def _fonts() -> frozenset[int]:
    folder = resources_dir() / "fonts"
    regular = TTFont(FONT, str(folder / FONT_FILES[FONT]))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / FONT_FILES[BOLD])))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    arabic = TTFont(ARABIC, str(folder / FONT_FILES[ARABIC]))
    pdfmetrics.registerFont(arabic)
    pdfmetrics.registerFont(TTFont(ARABIC_BOLD, str(folder / FONT_FILES[ARABIC_BOLD])))
    family = {"italic": ARABIC, "boldItalic": ARABIC_BOLD}
    pdfmetrics.registerFontFamily(ARABIC, normal=ARABIC, bold=ARABIC_BOLD, **family)
    return frozenset(regular.face.charToGlyph) | frozenset(arabic.face.charToGlyph)


def _text(value: str) -> str:
    """Paragraph markup for user text: escaped, in display order, Arabic in its own font."""
    return "<br/>".join(_line(line) for line in clean(value).split("\n"))


def _line(line: str, rtl: bool | None = None) -> str:
    """One line's markup: shaped and in display order, Arabic-script runs in their font."""
    glyphs = _fonts()
    runs = _ARABIC_RUN.split(visual_order(line, lambda cp: cp in glyphs, rtl))
    return "".join(
        f'<font name="{ARABIC}">{escape_markup(run)}</font>' if index % 2 else escape_markup(run)
        for index, run in enumerate(runs)
    )


class _ReadingOrder(Flowable):
    """A paragraph with right-to-left text, broken into lines in reading order and only then
    shaped and reordered line by line (UAX #9, 3.4): reportlab would reorder the whole
    paragraph first and wrap it after, so its lines read bottom to top. A paragraph that
    reads right to left is mirrored: right-aligned, its indents swapped, a list's bullet on
    the right, as Word lays it out."""

    def __init__(
        self, text: str, style: ParagraphStyle, bullet: str | None = None, rtl: bool | None = None
    ) -> None:
        super().__init__()
        self.text, self.style, self.bullet = text, style, bullet
        self.rtl = is_rtl_paragraph(text) if rtl is None else rtl
        self._laid: tuple[float, Paragraph] | None = None

    def _paragraph(self, width: float) -> Paragraph:
        if self._laid is None or self._laid[0] != width:
            style = self.style
            room = width - style.leftIndent - style.rightIndent - 1  # 1 pt to spare
            lines = [
                _line(line, self.rtl)
                for part in self.text.split("\n")
                for line in _break_lines(part, style, room)
            ]
            bullet = self.bullet
            if self.rtl:  # the bullet is drawn on the right by _RightBullet
                style = ParagraphStyle(
                    f"{style.name}-rtl", parent=style, alignment=TA_RIGHT,
                    leftIndent=style.rightIndent, rightIndent=style.leftIndent,
                )  # fmt: skip
                bullet = None
            self._laid = (width, Paragraph("<br/>".join(lines), style, bullet))
        return self._laid[1]

    def _first(self, paragraph: Any) -> Any:
        """The paragraph, or its first part, with the bullet on the right if it reads RTL."""
        return _RightBullet(paragraph, self.bullet) if self.rtl and self.bullet else paragraph

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self._paragraph(availWidth).wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = self._paragraph(availWidth).split(availWidth, availHeight)
        return [self._first(parts[0]), *parts[1:]] if parts else parts

    def draw(self) -> None:
        assert self._laid is not None
        self._first(self._laid[1]).drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)


class _RightBullet(Flowable):
    """A right-to-left list item's paragraph (or its first part) with the bullet drawn in the
    right-hand indent, on the first line's baseline."""

    def __init__(self, paragraph: Paragraph, bullet: str) -> None:
        super().__init__()
        self.paragraph, self.bullet, self.style = paragraph, bullet, paragraph.style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.paragraph.wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = self.paragraph.split(availWidth, availHeight)
        if parts and isinstance(parts[0], Paragraph):  # a paragraph splits into paragraphs
            return [_RightBullet(parts[0], self.bullet), *parts[1:]]
        return parts

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)
        style = self.style
        width, height = self.paragraph.width, self.paragraph.height  # as laid out
        baseline = height - style.fontSize  # where reportlab puts the first line's
        size = style.bulletFontSize
        x = width - style.bulletIndent - pdfmetrics.stringWidth(self.bullet, FONT, size)
        self.canv.setFont(style.bulletFontName, size)
        self.canv.setFillColor(style.textColor)
        self.canv.drawString(x, baseline, self.bullet)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)


def _break_lines(text: str, style: ParagraphStyle, room: float) -> list[str]:
    """Lines of at most `room` points, in reading order, broken between words. Each word is
    measured as it will be drawn (shaped, in its font): Arabic letters join only within a
    word, so a line's width is its words' widths and the spaces between them."""
    glyphs = _fonts()
    bold = style.fontName == BOLD
    size = style.fontSize
    space = pdfmetrics.stringWidth(" ", FONT, size)

    def width(word: str) -> float:
        runs = _ARABIC_RUN.split(visual_order(word, lambda cp: cp in glyphs))
        return sum(
            pdfmetrics.stringWidth(
                run, (ARABIC_BOLD if bold else ARABIC) if i % 2 else (BOLD if bold else FONT), size
            )
            for i, run in enumerate(runs)
        )

    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split(" "):
        wide = width(word)
        if current and used + space + wide > room:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0) + wide
        current.append(word)
    lines.append(" ".join(current))
    return lines


def _para(
    value: str, style: ParagraphStyle, bullet: str | None = None, rtl: bool | None = None
) -> Flowable:
    """A paragraph of user text. One line of text with no Arabic-script run skips reportlab's
    markup parser (most of a long statement's paragraphs): its text goes straight into a copy
    of the fragment the parser makes for this style, so it is laid out exactly the same.
    Right-to-left text is broken into lines before it is reordered."""
    text = clean(value)
    if has_rtl(text):
        return _ReadingOrder(text, style, bullet, rtl)
    if "\n" not in text:  # no right-to-left letters, so it is drawn in the order it reads
        frag = _style_fragment(style).clone(text=cleanBlockQuotedText(text))
        return Paragraph(escape_markup(text), style, bullet, frags=[frag])
    return Paragraph(_text(value), style, bullet)


@cache
def _style_fragment(style: ParagraphStyle) -> ParaFrag:
    parser = ParaParser()
    # The stubs leave parse() unannotated; it returns (style, fragments or None, bullet).
    parsed: tuple[object, list[ParaFrag] | None, object]
    parsed = parser.parse("x", style)  # type: ignore[no-untyped-call]
    frags = parsed[1]
    assert frags is not None and len(frags) == 1
    return frags[0]


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, textColor=INK,
                          spaceAfter=5, alignment=TA_LEFT)  # fmt: skip
    return {
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=BOLD),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11,
                                textColor=colors.HexColor("#4a5560")),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=17, leading=21,
                             spaceBefore=4, spaceAfter=10, textColor=ACCENT),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=13, leading=17,
                             spaceBefore=10, spaceAfter=5, textColor=ACCENT),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=11, leading=15,
                             spaceBefore=8, spaceAfter=3),
        "item": ParagraphStyle("item", parent=body, leftIndent=18, bulletIndent=4,
                               bulletFontName=FONT, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "cellbold": ParagraphStyle("cellbold", parent=body, fontName=BOLD, fontSize=9.5,
                                   leading=12.5, spaceAfter=0),
    }  # fmt: skip


def _cell(value: str, style: ParagraphStyle, width: float, rtl: bool | None = None) -> Flowable:
    """A table cell's paragraph, at most MAX_CELL_HEIGHT tall: a row can never be taller than a
    page (reportlab's LayoutError), so longer text is cut with a note saying how much."""
    para = _para(value, style, rtl=rtl)
    if para.wrap(width, MAX_CELL_HEIGHT * 100)[1] <= MAX_CELL_HEIGHT:
        return para
    text = clean(value)
    fits, too_long = 0, len(text)  # characters kept: binary search for the most that fit
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        trial = _para(_cut(text, middle), style, rtl=rtl)
        if trial.wrap(width, MAX_CELL_HEIGHT * 100)[1] <= MAX_CELL_HEIGHT:
            fits = middle
        else:
            too_long = middle
    return _para(_cut(text, fits), style, rtl=rtl)


def _cut(text: str, keep: int) -> str:
    return (
        f"{text[:keep].rstrip()} … (cut: {len(text) - keep:,} more characters, see the case file)"
    )


def _table(
    rows: list[list[str]], widths: list[float], header: bool, rtl: bool | None = None
) -> Table:
    styles = _styles()
    room = [w - 2 * CELL_PADDING for w in widths]
    data = [
        [_cell(cell, styles["cellbold" if header and r == 0 else "cell"], room[c], rtl)
         for c, cell in enumerate(row)]
        for r, row in enumerate(rows)
    ]  # fmt: skip
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, spaceAfter=6)
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # the cell default would be Helvetica
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f6")))
    table.setStyle(TableStyle(commands))
    return table


def _pictures(block: model.Pictures, width: float) -> Table:
    """Three pictures to a row, each scaled to fit its third of the page and standing on the
    same line, their captions below in a row of their own."""
    styles = _styles()
    caption = ParagraphStyle("caption", parent=styles["small"], alignment=1)
    columns = min(PICTURES_PER_ROW, len(block.items))
    place = width / PICTURES_PER_ROW
    box = (place - 2 * PICTURE_GAP, PICTURE_HEIGHT)
    data: list[list[Any]] = []
    commands: list[Any] = [
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PICTURE_GAP),
        ("RIGHTPADDING", (0, 0), (-1, -1), PICTURE_GAP),
    ]
    for first in range(0, len(block.items), PICTURES_PER_ROW):
        items = block.items[first : first + PICTURES_PER_ROW]
        pictures: list[Any] = [
            Image(BytesIO(p.data), *fit((p.width, p.height), box)) for p in items
        ]
        captions: list[Any] = [
            _para(p.caption, caption) if p.caption.strip() else "" for p in items
        ]
        padding = [""] * (columns - len(items))
        row = len(data)
        commands += [
            ("VALIGN", (0, row), (-1, row), "BOTTOM"),
            ("BOTTOMPADDING", (0, row), (-1, row), 1.5 * mm),
            ("VALIGN", (0, row + 1), (-1, row + 1), "TOP"),
            ("TOPPADDING", (0, row + 1), (-1, row + 1), 0),
            ("BOTTOMPADDING", (0, row + 1), (-1, row + 1), 5 * mm),
        ]
        data += [pictures + padding, captions + padding]
    table = Table(data, colWidths=[place] * columns, hAlign="LEFT", spaceAfter=6)
    table.setStyle(TableStyle(commands))
    return table


def _block(block: model.Block, width: float) -> list[Any]:
    """The flowables of one block, in order."""
    styles = _styles()
    if isinstance(block, model.Heading):
        return [_para(block.text, styles[f"h{min(block.level, 3)}"])]
    if isinstance(block, model.Paragraph):
        style = styles["small" if block.small else "bold" if block.bold else "body"]
        parts = [_para(part, style, rtl=block.rtl) for part in clean(block.text).split("\n\n")]
        return [KeepTogether(parts)] if model.is_closing(block) else parts
    if isinstance(block, model.BulletList):
        # One paragraph per item, each with its bullet: they flow across pages one by one
        # (a ListFlowable is measured whole, then again for every page it is split over).
        return [
            _para(item, styles["item"], f"{n}." if block.numbered else "•", block.rtl)
            for n, item in enumerate(block.items, start=1)
        ]
    if isinstance(block, model.Table):
        columns = len(block.header)
        rows = [list(block.header)] + [list(r) for r in block.rows]
        return [_table(rows, [width / columns] * columns, header=True)]
    if isinstance(block, model.KeyValues):
        rows = [[k, v] for k, v in block.pairs]
        return [_table(rows, [width * 0.32, width * 0.68], header=False, rtl=block.rtl)]
    if isinstance(block, model.Pictures):
        return [_pictures(block, width)]
    assert isinstance(block, model.SignatureBlock)
    rows = [list(model.SIGNATURE_HEADER)] + [list(r) for r in block.rows]
    return [KeepTogether(_table(rows, [width * 0.4, width * 0.6], header=True))]


def _flowables(document: model.Document, width: float, height: float) -> list[Any]:
    """The story, with a conditional page break before each run of blocks that must stay
    with the block after them (model.keeps_with_next): a heading is never the last line of
    a page, nor a letter's closing on a page of its own."""
    entries: list[tuple[Any, bool]] = []
    for block, keep in zip(document.blocks, model.keeps_with_next(document.blocks), strict=True):
        flowables = _block(block, width)
        entries += [(f, keep and n == len(flowables) - 1) for n, f in enumerate(flowables)]
    story: list[Any] = []
    index = 0
    while index < len(entries):
        run = index
        while run < len(entries) and entries[run][1]:
            run += 1
        if run > index:  # entries[index:run] stay with entries[run]
            kept = [f for f, _keep in entries[index:run]]
            need = sum(_height(f, width) for f in kept)
            if run < len(entries):
                need += _first_piece(entries[run][0], width)
            story.append(CondPageBreak(min(need, height / 2)))  # a long run flows as it is
            story.extend(kept)
            index = run
        else:
            story.append(entries[index][0])
            index += 1
    return story


def _height(flowable: Any, width: float) -> float:
    """The room a flowable takes on the page, with the space around it."""
    if isinstance(flowable, KeepTogether):  # measured by its content: it needs a canvas
        # Its flowables are in _content, which the stubs leave out as private.
        content: list[Any] = flowable._content  # type: ignore[attr-defined]
        return sum(_height(part, width) for part in content)
    return float(
        flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    )


def _first_piece(flowable: Any, width: float) -> float:
    """The least of a flowable that may sit under what is kept with it: two lines of a long
    paragraph, a table's header and first row, or all of anything else."""
    before = float(flowable.getSpaceBefore())
    if isinstance(flowable, Paragraph):
        leading = float(flowable.style.leading)
        if len(getattr(flowable, "text", "")) > 2000:  # long: no need to lay it all out
            return before + 2 * leading
        full = float(flowable.wrap(width, 1e6)[1])
        return before + (full if full <= 4 * leading else 2 * leading)
    if isinstance(flowable, Table):
        flowable.wrap(width, 1e6)
        # The row heights wrap() measured; the stubs leave out the private attribute.
        heights: list[float] = flowable._rowHeights  # type: ignore[attr-defined]
        rows = heights[: flowable.repeatRows + 1]
        return before + float(sum(rows))
    return _height(flowable, width)


class _Canvas(pdf_canvas.Canvas):
    """Draws the letterhead (and logo), footer, small print and DRAFT mark on each page."""

    document: model.Document
    logo: ImageReader | None = None  # read once for every page

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        # A fresh page, this one kept to be drawn by save() once the page count is known
        # (the stubs leave out this private method of Canvas).
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        doc = self.document
        width, height = A4
        if self.logo is not None:
            draft_y = self._letterhead_with_logo(doc.letterhead)
        else:
            draft_y = self._letterhead(doc.letterhead)
        self.line(20 * mm, 17 * mm, width - 20 * mm, 17 * mm)
        footer = f"{doc.reference} · {long_date(doc.date)}"
        self.drawString(20 * mm, 12 * mm, _plain(footer))
        self.drawRightString(width - 20 * mm, 12 * mm, f"Page {self.getPageNumber()} of {total}")
        if doc.signature_note:  # small, under the footer: who signed, and the certificate
            note, room = _plain(doc.signature_note), width - 40 * mm
            self.setFont(FONT, min(7, 7 * room / pdfmetrics.stringWidth(note, FONT, 7)))
            self.setFillColor(GREY)
            self.drawString(20 * mm, 8 * mm, note)
        if doc.draft:
            self.saveState()
            self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.14))
            self.setFont(BOLD, 96)
            self.translate(width / 2, height / 2)
            self.rotate(40)
            self.drawCentredString(0, 0, "DRAFT")
            self.restoreState()
            self.setFillColor(colors.HexColor("#b01c1c"))
            self.setFont(BOLD, 9)
            self.drawRightString(width - 20 * mm, draft_y, "DRAFT: not sealed")

    def _letterhead(self, head: model.Letterhead) -> float:
        """The service's name and contact details above a rule; the name's baseline."""
        width, height = A4
        self.setFillColor(ACCENT)
        self.setFont(BOLD, 12)
        self.drawString(20 * mm, height - 16 * mm, _plain(head.service))
        self.setFont(FONT, 8.5)
        self.setFillColor(GREY)
        contact = " · ".join(p for p in (head.address, head.phone, head.email) if p)
        if contact:
            self.drawString(20 * mm, height - 21 * mm, _plain(contact))
        self.setStrokeColor(RULE)
        self.line(20 * mm, height - 24 * mm, width - 20 * mm, height - 24 * mm)
        return height - 16 * mm

    def _letterhead_with_logo(self, head: model.Letterhead) -> float:
        """The logo at the left margin, the name and contact details beside it, centred on it,
        and the rule below both; the name's baseline."""
        assert self.logo is not None
        width, height = A4
        picture = self.logo
        logo_width, logo_height = _fit(picture.getSize(), LOGO_BOX)
        middle = height - LOGO_TOP - LOGO_BOX[1] / 2
        self.drawImage(picture, 20 * mm, middle - logo_height / 2, logo_width, logo_height,
                       mask="auto")  # fmt: skip
        left = 20 * mm + logo_width + 6 * mm
        parts = [_plain(p) for p in (head.address, head.phone, head.email) if p]
        lines = _wrap(parts, width - 20 * mm - left)
        # Name (cap height ~3.1 mm), then contact lines 5 mm and 3.9 mm apart: centred as one.
        block = 3.1 * mm + (5 * mm + (len(lines) - 1) * 3.9 * mm if lines else 0)
        baseline = middle + block / 2 - 3.1 * mm
        self.setFillColor(ACCENT)
        self.setFont(BOLD, 12)
        self.drawString(left, baseline, _plain(head.service))
        self.setFont(FONT, 8.5)
        self.setFillColor(GREY)
        for number, line in enumerate(lines):
            self.drawString(left, baseline - 5 * mm - number * 3.9 * mm, line)
        rule = height - LOGO_TOP - LOGO_BOX[1] - 3 * mm
        self.setStrokeColor(RULE)
        self.line(20 * mm, rule, width - 20 * mm, rule)
        return baseline


def _plain(text: str) -> str:
    glyphs = _fonts()
    return visual_order(clean(text).replace("\n", " "), lambda cp: cp in glyphs)


def _wrap(parts: list[str], room: float) -> list[str]:
    """Contact details on as few lines as fit the room (at most three), split between details."""
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and pdfmetrics.stringWidth(joined, FONT, 8.5) <= room:
            lines[-1] = joined
        else:
            lines.extend(simpleSplit(part, FONT, 8.5, room))
    return lines[:3]


def _fit(size: tuple[int, int], box: tuple[float, float]) -> tuple[float, float]:
    """The largest width and height in the box with the picture's proportions."""
    scale = min(box[0] / size[0], box[1] / size[1])
    return size[0] * scale, size[1] * scale


def top_margin(letterhead: model.Letterhead) -> float:
    """Where the text starts: lower on every page when the letterhead has a logo."""
    return model.top_margin_mm(letterhead) * mm


def page_canvas(document: model.Document) -> type[_Canvas]:
    """The canvas that draws `document`'s letterhead, footer and marks on each page."""

    class Canvas(_Canvas):
        pass

    Canvas.document = document
    if document.letterhead.logo:
        Canvas.logo = ImageReader(BytesIO(document.letterhead.logo))
    return Canvas


def render_pdf(document: model.Document) -> bytes:
    _fonts()
    buffer = BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=SIDE, rightMargin=SIDE,
        topMargin=top_margin(document.letterhead),
        bottomMargin=model.BOTTOM_MARGIN_MM * mm, title=clean(document.title),
        author=clean(document.author),
        subject=clean(document.subject), creator="Mediator Desk",
        initialFontName=FONT, initialFontSize=10,  # no unembedded Helvetica anywhere
    )  # fmt: skip
    # The text starts at the margins themselves, in line with the letterhead and as in Word
    # (a frame's default padding would move it 6 points in).
    frame = Frame(
        template.leftMargin, template.bottomMargin, template.width, template.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="normal",
    )  # fmt: skip
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = _flowables(document, template.width, template.height)
    template.build(story, canvasmaker=page_canvas(document))
    return buffer.getvalue()
