"""One small document model, rendered to both Word and PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    small: bool = False


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class KeyValues:
    """Label and value pairs, e.g. the facts a certificate must state."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SignatureBlock:
    """Who confirmed or signs, and how."""

    rows: tuple[tuple[str, str], ...]  # (name and role, confirmation or a line to sign)


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


@dataclass(frozen=True)
class Letterhead:
    service: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo: bytes | None = field(default=None, repr=False)  # a PNG or JPEG picture


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
