"""User text, made safe once for every document: characters a Word file cannot hold are
removed, everything else is kept; for PDFs, escaped for reportlab's paragraph markup and laid
out right-to-left where the script needs it."""

from __future__ import annotations

import re
import unicodedata

from ..domain.values import without_unsafe

_RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL = re.compile(f"[{_RTL_LETTERS}]")
_RTL_RUN = re.compile(f"([{_RTL_LETTERS}]+(?:[ ]+[{_RTL_LETTERS}]+)*)")


def clean(text: object) -> str:
    """The one sanitiser: keep every character a document can hold, drop the rest."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return without_unsafe(value)  # the same characters every way in refuses or drops


def escape_markup(text: str) -> str:
    """For reportlab Paragraph markup: the text is shown literally, never interpreted."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def rtl_runs(text: str) -> list[str]:
    """The text cut into runs, right-to-left ones (words of an RTL script and the spaces
    between them) at odd positions: Word marks those runs, and only those, as RTL."""
    return _RTL_RUN.split(text)


def has_ltr(text: str) -> bool:
    """Whether any letter reads left to right (Latin, Greek, Cyrillic...): its run is not RTL."""
    return any(unicodedata.bidirectional(char) == "L" for char in text)


def is_rtl_paragraph(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strong letter is (Unicode
    bidirectional algorithm, rules P2 and P3)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def visual_order(text: str, has_glyph: object = None, rtl: bool | None = None) -> str:
    """Right-to-left runs (Arabic, Urdu, Hebrew) shaped and put in display order for renderers
    that lay text out left to right (reportlab). Word handles this itself.

    `has_glyph(codepoint) -> bool` lets a presentation form the font lacks fall back to its
    base letter, so a name is never shown as empty boxes."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    shaped = arabic_reshaper.reshape(text)
    if callable(has_glyph):
        shaped = "".join(
            ch if has_glyph(ord(ch)) else unicodedata.normalize("NFKC", ch) for ch in shaped
        )
    direction = None if rtl is None else ("R" if rtl else "L")
    return str(get_display(shaped, base_dir=direction))
