"""One small document model, rendered to both Word and PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    keep_with_next: bool = True  # never the last line of a page, apart from what it heads


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    small: bool = False
    keep_with_next: bool = False  # on the same page as the block after it
    # Reads right to left? None: as its first strong letter says (user text); False for the
    # document's own English sentences, which stay left to right whatever name they begin with.
    rtl: bool | None = None


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False
    rtl: bool | None = None  # as Paragraph.rtl


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class KeyValues:
    """Label and value pairs, e.g. the facts a certificate must state."""

    pairs: tuple[tuple[str, str], ...]
    rtl: bool | None = None  # as Paragraph.rtl, for every value


@dataclass(frozen=True)
class SignatureBlock:
    """Who confirmed or signs, and how."""

    rows: tuple[tuple[str, str], ...]  # (name and role, confirmation or a line to sign)


SIGNATURE_HEADER = ("Party", "Agreed that this statement is accurate")


@dataclass(frozen=True)
class Picture:
    """A picture ready to print (PNG or JPEG bytes) with its size in pixels and its caption."""

    data: bytes = field(repr=False)
    width: int
    height: int
    caption: str = ""


@dataclass(frozen=True)
class Pictures:
    """Pictures side by side, two to a row, each scaled to fit its place."""

    items: tuple[Picture, ...]


Block = Heading | Paragraph | BulletList | Table | KeyValues | SignatureBlock | Pictures


# A letter's closing ("Yours sincerely," and the signature below it) never stands alone on a
# page: it stays with the paragraph before it, and is itself never split between pages.
_CLOSINGS = ("yours sincerely", "yours faithfully", "with best wishes", "kind regards")


def is_closing(block: Block) -> bool:
    """A letter's closing: the sign-off and the name under it, printed whole on one page."""
    return isinstance(block, Paragraph) and block.text.strip().lower().startswith(_CLOSINGS)


def _lead_in(paragraph: Paragraph) -> bool:
    """A short bold line just before a table ("Outcome: Agreed" before its actions) leads into
    it and goes where the table goes."""
    return paragraph.bold and "\n" not in paragraph.text and len(paragraph.text) <= 200


def keeps_with_next(blocks: Sequence[Block]) -> tuple[bool, ...]:
    """For each block, whether it must be on the same page as the block after it: headings,
    paragraphs that ask to be, a table's lead-in line, and a letter's closing with the
    paragraph before it. One rule for both renderers, so Word and PDF break pages alike."""
    keep = [getattr(block, "keep_with_next", False) for block in blocks]
    for index, (block, after) in enumerate(pairwise(blocks)):
        if isinstance(block, Paragraph) and isinstance(after, Table) and _lead_in(block):
            keep[index] = True
    for index, block in enumerate(blocks):
        if is_closing(block):
            for before in range(max(index - 1, 0), len(blocks) - 1):
                keep[before] = True
            break
    if keep:
        keep[-1] = False  # nothing follows the last block
    return tuple(keep)


@dataclass(frozen=True)
class Letterhead:
    service: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo: bytes | None = field(default=None, repr=False)  # a PNG or JPEG picture


# Page size and margins, the same in Word and PDF: A4, in millimetres.
PAGE_MM = (210, 297)
SIDE_MARGIN_MM, BOTTOM_MARGIN_MM = 20, 24
LOGO_TOP_MM, LOGO_BOX_MM = 10, (45, 18)  # a logo's top from the page's, and its largest size


def top_margin_mm(letterhead: Letterhead) -> float:
    """Where the text starts: lower on every page when the letterhead has a logo."""
    return LOGO_TOP_MM + LOGO_BOX_MM[1] + 9 if letterhead.logo else 30


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    subject: str
    author: str
    reference: str
    date: dt.date
    letterhead: Letterhead
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    draft: bool = False  # marked DRAFT on every page
    # Small print under the footer: who signed the PDF and its certificate (a signed PDF), or
    # that the Word copy is not signed (a document that is signed as a PDF).
    signature_note: str = ""
    word_note: str = ""
