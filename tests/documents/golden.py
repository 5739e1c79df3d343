"""Documents written out as text a person can read and compare: the model a form builds (every
block, its words and its flags), every mark a PDF page draws (text with its font, size and
place; lines, boxes, colours and pictures), and the parts of a Word file the app writes (the
body, header and footer, and each style it changed). Each is kept under tests/documents/golden/
and compared whole, so any change to what a reader receives shows as a difference to be read
and approved (MEDIATOR_DESK_UPDATE_GOLDEN=1 writes the new text; docs/testing.md)."""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
import zipfile
from dataclasses import fields
from pathlib import Path

from docx import Document as blank_docx
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ContentStream

from mediator_desk.documents import model
from tests.documents.reading import _to_unicode

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MEDIATOR_DESK_UPDATE_GOLDEN") == "1"


def matches_golden(name: str, text: str) -> None:
    """`text` is what tests/documents/golden/NAME holds; a difference fails with the lines that
    differ. With MEDIATOR_DESK_UPDATE_GOLDEN=1 the file is (re)written instead."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden text {name}: run with MEDIATOR_DESK_UPDATE_GOLDEN=1, read it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), f"golden/{name}", "now", lineterm="", n=2
        )
        raise AssertionError("\n".join(list(diff)[:80]))


def _picture(picture: model.Picture) -> str:
    digest = hashlib.sha256(picture.data).hexdigest()[:12]
    return f"picture {picture.width}x{picture.height} sha256:{digest} caption={picture.caption!r}"


def _flags(block: object, skip: tuple[str, ...]) -> str:
    """A block's settings other than its content, as name=value, in the order declared."""
    return " ".join(
        f"{f.name}={getattr(block, f.name)!r}"
        for f in fields(block)
        if f.name not in skip  # type: ignore[arg-type]
    )


def model_text(document: model.Document) -> str:
    """A built document, one line per fact: its metadata, letterhead and each block."""
    head = document.letterhead
    logo = f"sha256:{hashlib.sha256(head.logo).hexdigest()[:12]}" if head.logo else "none"
    lines = [
        f"kind: {document.kind}",
        f"title: {document.title}",
        f"subject: {document.subject}",
        f"author: {document.author}",
        f"reference: {document.reference}",
        f"date: {document.date.isoformat()}",
        f"draft: {document.draft}",
        f"letterhead: service={head.service!r} address={head.address!r} phone={head.phone!r} "
        f"email={head.email!r} logo={logo}",
    ]
    keeps = model.keeps_with_next(document.blocks)
    for block, keep in zip(document.blocks, keeps, strict=True):
        name = type(block).__name__
        if isinstance(block, model.Heading | model.Paragraph):
            lines.append(f"[{name} {_flags(block, ('text',))} kept={keep}] {block.text!r}")
        elif isinstance(block, model.BulletList):
            lines.append(f"[{name} {_flags(block, ('items',))} kept={keep}]")
            lines.extend(f"  - {item!r}" for item in block.items)
        elif isinstance(block, model.Table):
            lines.append(f"[{name} kept={keep}] {' | '.join(block.header)}")
            lines.extend(f"  {' | '.join(map(repr, row))}" for row in block.rows)
        elif isinstance(block, model.KeyValues):
            lines.append(f"[{name} rtl={block.rtl!r} kept={keep}]")
            lines.extend(f"  {label!r}: {value!r}" for label, value in block.pairs)
        elif isinstance(block, model.SignatureBlock):
            lines.append(f"[{name} kept={keep}]")
            lines.extend(f"  {who!r}: {how!r}" for who, how in block.rows)
        elif isinstance(block, model.Pictures):
            lines.append(f"[{name} kept={keep}]")
            lines.extend(f"  {_picture(item)}" for item in block.items)
        else:  # pragma: no cover - a new kind of block needs a line here
            raise AssertionError(f"no golden text for {name}")
    return "\n".join(lines) + "\n"


def _number(value: object) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    return "0" if text == "-0" else text


def _operand(value: object) -> str:
    if isinstance(value, int | float) or type(value).__name__ in ("FloatObject", "NumberObject"):
        return _number(value)
    if isinstance(value, list):
        return "[" + " ".join(_operand(v) for v in value) + "]"
    return str(value)


def pdf_text(data: bytes) -> str:
    """Every page's drawing, operator by operator: text as the characters it draws (through
    the font's own map), fonts by name without the subset's prefix, numbers to 0.01 point,
    pictures by size and a hash of their pixels. The file's metadata too, but not its dates
    or its random id."""
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata or {}
    lines = [f"{key}: {info[key]}" for key in ("/Title", "/Author", "/Subject", "/Creator")]
    lines.append(f"pages: {len(reader.pages)}")
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        lines.append(f"=== page {number} {_number(box.width)}x{_number(box.height)}")
        resources = page["/Resources"]
        fonts = resources.get("/Font", {})
        pictures = resources.get("/XObject", {})
        maps: dict[str, dict[int, str] | None] = {}
        current: dict[int, str] | None = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            op = operator.decode("latin-1")
            if op == "Tf":
                font = fonts[operands[0]].get_object()
                if operands[0] not in maps:
                    maps[operands[0]] = _to_unicode(font) if "/ToUnicode" in font else None
                current = maps[operands[0]]
                base = re.sub(r"^[A-Z]{6}\+", "", str(font["/BaseFont"]).lstrip("/"))
                lines.append(f"Tf {base} {_number(operands[1])}")
            elif op == "Tj":
                raw = getattr(operands[0], "original_bytes", None) or bytes(operands[0])
                drawn = (
                    "".join(current.get(b, "\ufffd") for b in raw)
                    if current
                    else raw.decode("latin-1")
                )
                lines.append(f"Tj {drawn!r}")
            elif op == "Do":
                image = pictures[operands[0]].get_object()
                pixels = hashlib.sha256(image.get_data()).hexdigest()[:12]
                mask = " with mask" if "/SMask" in image or "/Mask" in image else ""
                lines.append(f"Do image {image['/Width']}x{image['/Height']}{mask} {pixels}")
            else:
                lines.append(" ".join([op, *(_operand(v) for v in operands)]))
    return "\n".join(lines) + "\n"


def _pretty(xml: bytes) -> str:
    root = etree.fromstring(xml)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def _style_key(style: etree._Element) -> str:
    w = "{" + _NS["w"] + "}"
    return f"{style.get(w + 'type')}:{style.get(w + 'styleId')}"


def _changed_styles(styles_xml: bytes) -> str:
    """The document defaults and each style that differs from python-docx's blank template:
    what the app set, not the template's ~160 styles."""
    buffer = io.BytesIO()
    blank_docx().save(buffer)
    with zipfile.ZipFile(buffer) as blank:
        before = etree.fromstring(blank.read("word/styles.xml"))
    after = etree.fromstring(styles_xml)
    was = {_style_key(s): etree.tostring(s) for s in before.iterfind("w:style", _NS)}
    parts = [etree.tostring(d, pretty_print=True, encoding="unicode")
             for d in after.iterfind("w:docDefaults", _NS)]  # fmt: skip
    for style in after.iterfind("w:style", _NS):
        if was.get(_style_key(style)) != etree.tostring(style):
            parts.append(etree.tostring(style, pretty_print=True, encoding="unicode"))
    return "".join(parts)


_UNDATED = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def docx_text(data: bytes) -> str:
    """The Word file's parts the app writes, as indented XML: the body, each header and
    footer, the core properties (without their dates), the styles it changed, the settings'
    language, and each picture by its size and hash."""
    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as word:
        names = sorted(word.namelist())
        lines.append("parts: " + " ".join(names))
        for name in names:
            content = word.read(name)
            if name == "word/document.xml" or re.fullmatch(r"word/(header|footer)\d+\.xml", name):
                lines.append(f"=== {name}\n{_pretty(content)}")
            elif name == "docProps/core.xml":
                lines.append(f"=== {name}\n{_pretty(_UNDATED.sub(b'', content))}")
            elif name == "word/styles.xml":
                lines.append(f"=== {name} (changed)\n{_changed_styles(content)}")
            elif name == "word/_rels/document.xml.rels":
                lines.append(f"=== {name}\n{_pretty(content)}")
            elif name.startswith("word/media/"):
                digest = hashlib.sha256(content).hexdigest()[:12]
                lines.append(f"=== {name} {len(content)} bytes sha256:{digest}")
            elif name == "word/settings.xml":
                root = etree.fromstring(content)
                for lang in root.iterfind("w:themeFontLang", _NS):
                    lines.append(f"=== {name} themeFontLang {dict(lang.attrib)}")
    return "\n".join(lines) + "\n"
