"""The wording of each document, from forms/KIND.toml, with named placeholders for case data.

A form is a list of blocks. Text blocks may use {placeholders}; a placeholder the document
does not supply is an error found when the form is loaded (and by a test over every form),
never at a mediator's desk. Case data is inserted as it is: a value that itself looks like a
placeholder or markup stays literal text.

A block may carry `when`: one condition or a list of them, each a name from the case's facts
(`mediation`, `young_person`, ...) or `not <name>`; the block is used only when all hold. This
is how one form says the right legal sentence for each kind of case. A block stating the law
carries `source`: the regulation, section or rule it rests on (tests/documents check that every
legal sentence has one). Unknown conditions are errors found when the form is loaded.
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
    conditions: frozenset[str] = frozenset()  # the names its blocks' `when` use


def conditions_of(block: dict[str, Any]) -> tuple[str, ...]:
    """A block's `when`, as a tuple of conditions ('mediation', 'not young_person')."""
    when = block.get("when", [])
    if isinstance(when, str):
        return (when,)
    if isinstance(when, list) and all(isinstance(c, str) for c in when):
        return tuple(when)
    raise FormError(f"'when' must be a condition or a list of them, not {when!r}")


def _condition_name(condition: str) -> str:
    words = condition.split()
    if len(words) == 2 and words[0] == "not":
        return words[1]
    if len(words) == 1 and words[0] != "not":
        return words[0]
    raise FormError(f"'{condition}' is not a condition (a name, or 'not' and a name)")


def applies(block: dict[str, Any], facts: frozenset[str]) -> bool:
    """Whether every condition of the block's `when` holds for a case with these facts."""
    for condition in conditions_of(block):
        name = _condition_name(condition)
        holds = name in facts
        if (condition.split()[0] == "not") == holds:
            return False
    return True


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


def load_form(
    kind: str,
    allowed: frozenset[str],
    folder: Path | None = None,
    known_conditions: frozenset[str] | None = None,
) -> Form:
    """Load and check a form: every placeholder must be one the document supplies, and every
    condition one the document knows (when `known_conditions` is given)."""
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
    conditions: set[str] = set()
    for block in blocks:
        try:
            conditions |= {_condition_name(c) for c in conditions_of(block)}
        except FormError as problem:
            raise FormError(f"{path.name}: {problem}") from None
        if "source" in block and not (isinstance(block["source"], str) and block["source"].strip()):
            raise FormError(f"{path.name}: 'source' must name the law a block rests on")
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
    if known_conditions is not None and conditions - known_conditions:
        strange = ", ".join(sorted(conditions - known_conditions))
        raise FormError(f"{path.name} uses unknown conditions: {strange}")
    for key in ("title", "subject"):
        if not isinstance(raw.get(key), str):
            raise FormError(f"{path.name} needs a {key}")
        used |= _fields(raw[key])
    return Form(
        kind,
        raw["title"],
        raw["subject"],
        blocks,
        frozenset(used),
        frozenset(special),
        frozenset(conditions),
    )


SpecialFiller = Callable[[dict[str, Any]], list[Block]]


def render_form(
    form: Form,
    data: Mapping[str, str],
    special: Mapping[str, SpecialFiller],
    facts: frozenset[str] = frozenset(),
) -> list[Block]:
    """The blocks of a form for one case: those whose `when` holds for its `facts`, filled."""
    blocks: list[Block] = []
    for block in form.blocks:
        if not applies(block, facts):
            continue
        kind = block["type"]
        if kind.startswith("@"):
            blocks.extend(special[kind[1:]](block))
        elif kind == "heading":
            blocks.append(Heading(fill(block["text"], data), int(block.get("level", 1))))
        elif kind in ("paragraph", "note"):
            text = fill(block["text"], data)
            if text.strip():
                blocks.append(
                    Paragraph(text, small=kind == "note", bold=block.get("bold", False), rtl=False)
                )
        elif kind in ("bullets", "numbered"):
            items = tuple(fill(item, data) for item in block["items"])
            blocks.append(
                BulletList(tuple(i for i in items if i.strip()), kind == "numbered", rtl=False)
            )
        elif kind == "keyvalues":
            pairs = tuple((fill(k, data), fill(v, data)) for k, v in block["items"])
            blocks.append(KeyValues(tuple((k, v) for k, v in pairs if v.strip()), rtl=False))
    return blocks


__all__ = [
    "Form",
    "FormError",
    "SignatureBlock",
    "Table",
    "applies",
    "conditions_of",
    "load_form",
    "render_form",
]
