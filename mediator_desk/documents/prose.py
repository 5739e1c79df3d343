"""Names inside sentences: a council or a board as English puts it mid-sentence, and a list of
people joined as a reader expects. Pure text rules, shared by every document."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Body names that read as a title and take "the" inside a sentence: "the Royal Borough of
# Kensington and Chelsea", "the London Borough of Camden", "the Council of the Isles of Scilly",
# "the NHS Fernleigh Integrated Care Board". A name ending in "Council" ("Kent County Council",
# "City of York Council") reads as a proper name and takes none.
_TAKES_THE = re.compile(
    r"^(royal borough|london borough|metropolitan borough|borough|city and county|county|"
    r"council of|city of|isle of|isles of|nhs\b|integrated care board|local authority|"
    r"integrated care)",
    re.IGNORECASE,
)


def with_article(name: str, *, capital: bool = False) -> str:
    """A body's name as it reads mid-sentence ("the Royal Borough of ..."); `capital` for the
    start of a sentence. Names that already begin with "the", and "... Council" names, stay."""
    name = " ".join(name.split())
    if not name:
        return name
    lowered = name.casefold()
    if lowered.startswith("the "):
        article, rest = name[:3], name[4:]
        return f"{'The' if capital else 'the'} {rest}" if article.casefold() == "the" else name
    if lowered.endswith(" council") and not lowered.startswith(("council of", "the council")):
        return name
    if _TAKES_THE.match(name) or lowered.endswith((" board", " icb")):
        return f"{'The' if capital else 'the'} {name}"
    return name


def joined(names: Sequence[str]) -> str:
    """'Ann', 'Ann and Sam', 'Ann, Sam and Jo': names as a sentence lists them."""
    names = [n.strip() for n in names if n and n.strip()]
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} and {names[-1]}"


__all__ = ["joined", "with_article"]
