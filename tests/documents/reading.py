"""Read a written document back the way a person sees it, the same way for both formats: the
letterhead at the top of each page, the body, and the footer with its page numbers. PDF text
comes from pypdf by where it sits on the page; Word text from python-docx's body, header and
footer (page-number fields read as {PAGE} and {NUMPAGES}). Tests then hold both formats to one
set of expectations."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document as read_docx
from pypdf import PdfReader
from pypdf.generic import ContentStream

MM = 72 / 25.4
PAGE_FIELDS = "Page {PAGE} of {NUMPAGES}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Reading:
    """What a reader sees: the letterhead's lines on each page, the body's words (runs of
    white space made one space), and each page's footer."""

    headers: tuple[frozenset[str], ...]
    body: str
    footers: tuple[str, ...]

    def has(self, label: str, value: str) -> bool:
        """`value` stands right after `label`, as in a certificate's table of facts."""
        return f"{label} {value}" in self.body


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_document(data: bytes, fmt: str) -> Reading:
    return read_pdf(data) if fmt == "pdf" else read_word(data)


def _pdf_page(page: object) -> tuple[list[str], list[str], list[str]]:
    """One page's (header, footer, body) pieces of text: by baseline, above the letterhead's
    rule (24 mm from the top), below the footer's rule (17 mm from the bottom), or between."""
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    top: list[str] = []
    bottom: list[str] = []
    body: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = cm[5] + tm[5] * cm[3]
        if not text.strip():
            body.append(text)
        elif y > height - 24 * MM:
            top.append(squash(text))
        elif y < 17 * MM:
            bottom.append(squash(text))
        else:
            body.append(text)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return top, bottom, body


def read_pdf(data: bytes) -> Reading:
    """The footer's "Page N of M" reads as PAGE_FIELDS only where N and M are right."""
    pages = PdfReader(io.BytesIO(data)).pages
    headers: list[frozenset[str]] = []
    footers: list[str] = []
    body: list[str] = []
    for number, page in enumerate(pages, start=1):
        top, bottom, text = _pdf_page(page)
        headers.append(frozenset(top))
        body.extend([*text, "\n"])
        footer = " · ".join(bottom)
        numbers = f"Page {number} of {len(pages)}"
        footers.append(footer.replace(numbers, PAGE_FIELDS) if footer.endswith(numbers) else footer)
    return Reading(tuple(headers), squash("".join(body)), tuple(footers))


def _paragraph_text(paragraph: object) -> str:
    """A Word paragraph's text with its fields as {INSTRUCTION}, as Word fills them in."""
    parts = []
    for child in paragraph.iter():  # type: ignore[attr-defined]
        tag = child.tag
        if tag == f"{_W}t" and child.getparent().getparent().tag != f"{_W}fldSimple":
            parts.append(child.text or "")
        elif tag in (f"{_W}br", f"{_W}cr", f"{_W}tab"):
            parts.append("\n")
        elif tag == f"{_W}fldSimple":
            parts.append("{" + child.get(f"{_W}instr").strip() + "}")
    return "".join(parts)


def _block_lines(container: object) -> list[str]:
    """Paragraphs and table cells of a body, header or footer, in reading order."""
    lines = []
    for child in container.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag
        if tag == f"{_W}p":
            lines.append(_paragraph_text(child))
        elif tag == f"{_W}tbl":
            for cell in child.iter(f"{_W}tc"):
                lines.extend(_paragraph_text(p) for p in cell.iter(f"{_W}p"))
    return lines


def read_word(data: bytes) -> Reading:
    """One section: its header and footer stand on every page."""
    doc = read_docx(io.BytesIO(data))
    assert len(doc.sections) == 1
    section = doc.sections[0]
    header = frozenset(squash(line) for line in _block_lines(section.header._element) if line)
    footer = " · ".join(squash(line) for line in _block_lines(section.footer._element) if line)
    body = squash(" ".join(_block_lines(doc.element.body)))
    return Reading((header,), body, (footer,))


def _to_unicode(font: object) -> dict[int, str]:
    """A subset font's codes and the characters they draw, from its /ToUnicode map."""
    table: dict[int, str] = {}
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")  # type: ignore[index]
    pair = r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>"
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, char in re.findall(pair, block):
            table[int(code, 16)] = bytes.fromhex(char).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in re.findall(pair + r"\s*<([0-9a-fA-F]+)>", block):
            for n, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(int(first, 16) + n)
    return table


def drawn_pieces(data: bytes) -> list[str]:
    """Every piece of text the PDF draws (each Tj), in the order drawn and with its characters
    left to right as they stand on the page: what a reader sees, before any text extractor
    puts right-to-left letters back into reading order."""
    reader = PdfReader(io.BytesIO(data))
    pieces: list[str] = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        maps: dict[str, dict[int, str] | None] = {}
        current: dict[int, str] | None = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                name = operands[0]
                if name not in maps:
                    font = fonts[name].get_object()
                    maps[name] = _to_unicode(font) if "/ToUnicode" in font else None
                current = maps[name]
            elif operator == b"Tj":
                raw = getattr(operands[0], "original_bytes", None) or bytes(operands[0])
                text = raw.decode("latin-1")
                pieces.append("".join(current.get(b, "\ufffd") for b in raw) if current else text)
    return pieces
