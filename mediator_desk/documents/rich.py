"""The meeting's light formatting in any document: paragraphs, and lines starting '- ' as
bullet lists. One helper, so every document reads typed text the same way."""

from __future__ import annotations

from .model import Block, BulletList, Paragraph
from .text import clean


def rich_blocks(text: str) -> list[Block]:
    """Paragraphs, with lines starting '- ' as bullet lists: the meeting's light formatting."""
    blocks: list[Block] = []
    bullets: list[str] = []
    for line in clean(text).split("\n"):
        stripped = line.strip()
        if stripped[:2] in ("- ", "• ", "* "):
            bullets.append(stripped[2:])
            continue
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets = []
        if stripped:
            blocks.append(Paragraph(stripped))
    if bullets:
        blocks.append(BulletList(tuple(bullets)))
    return blocks


__all__ = ["rich_blocks"]
