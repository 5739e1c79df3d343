"""The wording of each document, from forms/KIND.toml, with named placeholders for case data.

A form is a list of blocks. Text blocks may use {placeholders}; a placeholder the document
does not supply is an error found when the form is loaded (and by a test over every form),
never at a mediator's desk. Case data is inserted as it is: a value that itself looks like a
placeholder or markup stays literal text.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import forms_dir
from .model import Block, BulletList, Heading, KeyValues, Paragraph, SignatureBlock, Table

TEXT_BLOCKS = {"heading", "paragraph", "bullets", "numbered", "keyvalues", "note"}


class FormError(Exception):
    pass


@dataclass(frozen=True)
class Form:
    kind: str
    title: str
    subject: str
    blocks: tuple[dict[str, Any], ...]
    placeholders: frozenset[str]
    special: frozenset[str]  # blocks filled in by code: issues, attendees, profile...


def _fields(template: str) -> set[str]:
    names = set()
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise FormError(f"'{{{name}}}' is not a plain placeholder")
        names.add(name)
    return names


def fill(template: str, data: Mapping[str, str]) -> str:
    """Replace each {name} once; the values are never parsed again."""
    out = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(str(data[name]))
    return "".join(out)


def _texts(block: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for key in ("text", "title"):
        if isinstance(block.get(key), str):
            texts.append(block[key])
    for item in block.get("items", []):
        if isinstance(item, str):
            texts.append(item)
        else:
            texts.extend(str(part) for part in item)
    return texts


def load_form(kind: str, allowed: frozenset[str], folder: Path | None = None) -> Form:
    """Load and check a form: every placeholder must be one the document supplies."""
    path = (folder or forms_dir()) / f"{kind}.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormError(f"The form {path.name} is missing.") from None
    except tomllib.TOMLDecodeError as error:
        raise FormError(f"The form {path.name} is not valid: {error}") from None
    blocks = tuple(raw.get("block", []))
    used: set[str] = set()
    special: set[str] = set()
    for block in blocks:
        kind_of = block.get("type")
        if kind_of in TEXT_BLOCKS:
            for text in _texts(block):
                used |= _fields(text)
        elif isinstance(kind_of, str) and kind_of.startswith("@"):
            special.add(kind_of[1:])
            for text in _texts(block):
                used |= _fields(text)
        else:
            raise FormError(f"{path.name}: unknown block type {kind_of!r}")
    unknown = used - allowed
    if unknown:
        raise FormError(f"{path.name} uses unknown placeholders: {', '.join(sorted(unknown))}")
    for key in ("title", "subject"):
        if not isinstance(raw.get(key), str):
            raise FormError(f"{path.name} needs a {key}")
        used |= _fields(raw[key])
    return Form(kind, raw["title"], raw["subject"], blocks, frozenset(used), frozenset(special))


SpecialFiller = Callable[[dict[str, Any]], list[Block]]


def render_form(
    form: Form, data: Mapping[str, str], special: Mapping[str, SpecialFiller]
) -> list[Block]:
    blocks: list[Block] = []
    for block in form.blocks:
        kind = block["type"]
        if kind.startswith("@"):
            blocks.extend(special[kind[1:]](block))
        elif kind == "heading":
            blocks.append(Heading(fill(block["text"], data), int(block.get("level", 1))))
        elif kind in ("paragraph", "note"):
            text = fill(block["text"], data)
            if text.strip():
                blocks.append(Paragraph(text, small=kind == "note", bold=block.get("bold", False)))
        elif kind in ("bullets", "numbered"):
            items = tuple(fill(item, data) for item in block["items"])
            blocks.append(BulletList(tuple(i for i in items if i.strip()), kind == "numbered"))
        elif kind == "keyvalues":
            pairs = tuple((fill(k, data), fill(v, data)) for k, v in block["items"])
            blocks.append(KeyValues(tuple((k, v) for k, v in pairs if v.strip())))
    return blocks


__all__ = ["Form", "FormError", "SignatureBlock", "Table", "load_form", "render_form"]
