"""Word with python-docx: real styles (Title, Heading 1-3, List Bullet, List Number, table
styles) so a mediator can edit naturally; letterhead in the header; reference, date and
'Page X of Y' fields in the footer; DRAFT in the header of every page when not sealed."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document as new_docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from ..domain.dates import long_date
from . import model
from .picture import fit
from .text import clean, has_ltr, is_rtl_paragraph, rtl_runs

ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
GREY = RGBColor(0x4A, 0x55, 0x60)  # as the PDF's small print
LOGO_WIDTH, LOGO_HEIGHT = Mm(model.LOGO_BOX_MM[0]), Mm(model.LOGO_BOX_MM[1])
LOGO_GAP = Mm(6)
LANGUAGE = "en-GB"  # Word checks spelling as British English
PICTURE_BOX = (Mm(52), Mm(55))  # each picture's place: a third of the text width
PICTURES_PER_ROW = 3


def _runs(
    paragraph: DocxParagraph,
    text: str,
    bold: bool = False,
    size: float | None = None,
    rtl: bool | None = None,
) -> None:
    """Add text as runs, line breaks kept. A paragraph that reads right to left is marked so
    (w:bidi), and so is each right-to-left run (w:rtl), so Word wraps and orders it itself."""
    text = clean(text)
    rtl_paragraph = is_rtl_paragraph(text) if rtl is None else rtl
    if rtl_paragraph:
        _element(paragraph._p.get_or_add_pPr(), "w:bidi", _PPR_AFTER_BIDI)
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        for index, part in enumerate(rtl_runs(line)):
            if not part:
                continue
            if "\t" in part:
                run = paragraph.add_run(part)  # tabs become Word tabs
            else:  # the same text element, without python-docx's walk over every character
                run = paragraph.add_run()
                run._r.add_t(part)
            if bold:
                run.bold = True
            if size:
                run.font.size = Pt(size)
            if index % 2 or (rtl_paragraph and not has_ltr(part)):
                _right_to_left(run._r.get_or_add_rPr(), bold, size)


_PPR_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                   "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_RPR_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
                   "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                   "w:specVanish", "w:oMath")  # fmt: skip


def _element(parent: Any, tag: str, successors: tuple[str, ...], **values: str) -> Any:
    """The child `tag` of a properties element, added where the schema puts it if missing."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.insert_element_before(child, *successors)
    for name, value in values.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _right_to_left(rpr: Any, bold: bool, size: float | None) -> None:
    """A right-to-left run takes Word's complex-script properties: bold and size as well."""
    rpr.get_or_add_rtl()
    if bold:
        rpr.get_or_add_bCs()
    if size:
        _element(rpr, "w:szCs", _RPR_AFTER_SZCS, val=str(round(size * 2)))


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _letterhead_with_logo(section: Section, logo: bytes, service: str, contact: str) -> None:
    """The logo at the left margin (at most 45 mm wide and 18 mm high, in proportion), the
    service's name and contact details beside it, centred on it: a table without borders."""
    header = section.header
    page, left, right = section.page_width, section.left_margin, section.right_margin
    assert page is not None and left is not None and right is not None  # set in the template
    room = Length(page - left - right)
    table = header.add_table(rows=1, cols=2, width=room)
    header.paragraphs[0]._p.addprevious(table._tbl)  # the header still ends with a paragraph
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")  # the logo lines up with the text of the page
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook")
    logo_cell, text_cell = table.rows[0].cells
    picture = logo_cell.paragraphs[0].add_run().add_picture(BytesIO(logo), height=LOGO_HEIGHT)
    for side in ("distT", "distB", "distL", "distR"):  # LibreOffice's default is 1/8 inch
        picture._inline.set(side, "0")
    if picture.width > LOGO_WIDTH:  # a wide logo: as wide as allowed, in proportion
        picture.height = Length(picture.height * LOGO_WIDTH // picture.width)
        picture.width = LOGO_WIDTH
    widths = (Length(picture.width + LOGO_GAP), Length(room - picture.width - LOGO_GAP))
    columns = table._tbl.tblGrid.gridCol_lst
    for cell, column, width in zip(table.rows[0].cells, columns, widths, strict=True):
        cell.width = column.w = width  # Word reads the cell, LibreOffice the grid
    for cell in (logo_cell, text_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    logo_cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    name_line = text_cell.paragraphs[0]
    name_line.paragraph_format.space_after = Pt(0)
    name = name_line.add_run(service)
    name.bold = True
    name.font.color.rgb = ACCENT
    name.font.size = Pt(12)
    if contact:
        line = text_cell.add_paragraph()
        line.paragraph_format.space_before = Pt(2)
        line.paragraph_format.space_after = Pt(0)
        _runs(line, contact, size=8.5)


def _pictures(doc: Any, block: model.Pictures) -> None:
    """Three pictures to a row in a table without borders, each scaled to fit its place and
    standing on the same line, their captions centred in the row below."""
    per_row = PICTURES_PER_ROW
    columns = min(per_row, len(block.items))
    groups = [block.items[n : n + per_row] for n in range(0, len(block.items), per_row)]
    table = doc.add_table(rows=2 * len(groups), cols=columns)
    for number, items in enumerate(groups):
        pictures, captions = table.rows[2 * number].cells, table.rows[2 * number + 1].cells
        for item, picture_cell, caption_cell in zip(items, pictures, captions, strict=False):
            width, height = fit((item.width, item.height), PICTURE_BOX)
            picture_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            line = picture_cell.paragraphs[0]
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            line.paragraph_format.space_after = Pt(2)
            line.add_run().add_picture(BytesIO(item.data), Length(int(width)), Length(int(height)))
            caption = caption_cell.paragraphs[0]
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.paragraph_format.space_after = Pt(10)
            if item.caption.strip():
                _runs(caption, item.caption, size=8.5)
    doc.add_paragraph()


def _page(section: Section, letterhead: model.Letterhead) -> None:
    """A4 with the PDF's margins (model.py), the header and footer 10 mm from the edges."""
    section.page_width, section.page_height = (Mm(n) for n in model.PAGE_MM)
    section.left_margin = section.right_margin = Mm(model.SIDE_MARGIN_MM)
    section.top_margin = Mm(model.top_margin_mm(letterhead))
    section.bottom_margin = Mm(model.BOTTOM_MARGIN_MM)
    section.header_distance = section.footer_distance = Mm(10)


def _british(doc: Any) -> None:
    """British English wherever Word looks for a language: the default run properties, every
    style that names one, Normal, the theme's language and the core properties."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    rpr = run_defaults.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_defaults.append(rpr)
    for properties in (rpr, doc.styles["Normal"].element.get_or_add_rPr()):
        _element(properties, "w:lang", _RPR_AFTER_LANG, val=LANGUAGE)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    doc.core_properties.language = LANGUAGE


def _keep_with_next(paragraph: DocxParagraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _table(
    doc: Any, rows: list[list[str]], header: bool, keep: bool, rtl: bool | None = None
) -> None:
    """A table whose rows never split across pages (w:cantSplit); a header row is repeated
    on each page (w:tblHeader) and kept with the first row below it."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]) if rows else 1)
    table.style = doc.styles["Light Grid Accent 1" if header else "Table Grid"]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            _runs(cell.paragraphs[0], value, bold=(not header and c == 0), rtl=rtl)
            if (header and r == 0) or (keep and r == len(rows) - 1):
                _keep_with_next(cell.paragraphs[0])
        trpr = table.rows[r]._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if header and r == 0:
            trpr.append(OxmlElement("w:tblHeader"))
    spacer = doc.add_paragraph()
    if keep:
        _keep_with_next(spacer)


def render_docx(document: model.Document) -> bytes:
    doc = new_docx()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    _british(doc)
    props = doc.core_properties
    props.title = clean(document.title)
    props.author = clean(document.author)
    props.subject = clean(document.subject)
    props.comments = f"Case {clean(document.reference)}"

    section = doc.sections[0]
    head = document.letterhead
    _page(section, head)
    contact = " · ".join(clean(p) for p in (head.address, head.phone, head.email) if p)
    if head.logo:
        _letterhead_with_logo(section, head.logo, clean(head.service), contact)
    else:
        header = section.header.paragraphs[0]
        run = header.add_run(clean(head.service))
        run.bold = True
        run.font.color.rgb = ACCENT
        run.font.size = Pt(12)
        if contact:
            line = section.header.add_paragraph()
            _runs(line, contact, size=8.5)
    if document.draft:  # beside a logo, in the paragraph that closes the header
        mark = section.header.paragraphs[-1] if head.logo else section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        draft = mark.add_run("DRAFT: not sealed")
        draft.bold = True
        draft.font.color.rgb = RGBColor(0xB0, 0x1C, 0x1C)
    footer = section.footer.paragraphs[0]
    footer_run = footer.add_run(f"{clean(document.reference)} · {long_date(document.date)} · Page ")
    footer_run.font.size = Pt(8.5)
    _field(footer, "PAGE")
    footer.add_run(" of ").font.size = Pt(8.5)
    _field(footer, "NUMPAGES")
    if document.word_note:
        note = section.footer.add_paragraph().add_run(clean(document.word_note))
        note.font.size = Pt(7)
        note.font.color.rgb = GREY

    # Style ids are looked up once and set directly: python-docx searches all ~160 styles
    # (twice) for each paragraph given a style, which was most of a long statement's time.
    style_ids: dict[str, str] = {}

    def styled(name: str) -> DocxParagraph:
        if name not in style_ids:
            style_ids[name] = doc.styles[name].style_id
        paragraph = doc.add_paragraph()
        paragraph._p.get_or_add_pPr().style = style_ids[name]
        return paragraph

    keeps = model.keeps_with_next(document.blocks)
    for block, keep in zip(document.blocks, keeps, strict=True):
        last: DocxParagraph | None = None  # the paragraph that keeps with the next block
        if isinstance(block, model.Heading):
            last = styled("Title" if block.level == 1 else f"Heading {block.level - 1}")
            _runs(last, block.text)
        elif isinstance(block, model.Paragraph):
            closing = model.is_closing(block)
            for part in clean(block.text).split("\n\n"):
                if closing and last is not None:  # the closing's parts stay on one page
                    last.paragraph_format.keep_with_next = True
                last = doc.add_paragraph()
                _runs(last, part, block.bold, 8.5 if block.small else None, block.rtl)
                if closing:
                    last.paragraph_format.keep_together = True
        elif isinstance(block, model.BulletList):
            bullet = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                last = styled(bullet)
                _runs(last, item, rtl=block.rtl)
        elif isinstance(block, model.Pictures):
            _pictures(doc, block)
        elif isinstance(block, model.Table):
            _table(doc, [list(block.header)] + [list(r) for r in block.rows], True, keep)
        elif isinstance(block, model.SignatureBlock):
            rows = [list(model.SIGNATURE_HEADER)] + [list(r) for r in block.rows]
            _table(doc, rows, True, keep)
        elif isinstance(block, model.KeyValues):
            _table(doc, [[k, v] for k, v in block.pairs], False, keep, block.rtl)
        if keep and last is not None:
            _keep_with_next(last)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
