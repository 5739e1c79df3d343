"""The outcome statement's case-chosen parts: who the parties are, how each confirmation was
given, the child's views where they may be shared, and the blocks code fills in (who was
present, the issues, the confirmations, the addenda). The wording is in
forms/outcome-statement.toml."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..domain.dates import long_date
from ..domain.statement import STATEMENT_VIEW_FIELDS, Confirmation, ConfirmedHow
from .forms import fill
from .model import Block, Heading, Paragraph, SignatureBlock, Table
from .parties import decision_makers, icb_in_sentence, icb_name, la_in_sentence, party_label
from .prose import joined
from .rich import rich_blocks

if TYPE_CHECKING:
    from .facts import DocumentFacts

STATEMENT_PLACEHOLDERS = frozenset(
    {
        "party_label", "parents_row", "child_label", "icb_name", "decision_maker",
        "confirmation_sentence", "la_in_sentence", "icb_in_sentence", "obliged_bodies",
    }
)  # fmt: skip


def statement_data(facts: DocumentFacts, party_names: str) -> dict[str, str]:
    """The statement's own placeholders (STATEMENT_PLACEHOLDERS); `party_names` as the
    document names the parent(s) or young person."""
    case = facts.case
    attendees = facts.attendees
    health = case.health_mediated
    la = la_in_sentence(case)
    icb = icb_in_sentence(attendees)
    if case.health_only:
        bodies = icb
    elif health:
        bodies = f"{la} or {icb}"
    else:
        bodies = la
    young = case.is_young_person(facts.issue_date)
    return {
        "party_label": party_label(case, attendees, young),
        # The parent(s) as a row of their own; a young person is already the row above.
        "parents_row": "" if young else party_names,
        "child_label": "Young person (the party)" if young else "Child",
        "icb_name": (icb_name(attendees) or icb_in_sentence(attendees, capital=True))
        if health
        else "",
        "decision_maker": decision_makers(attendees),
        "confirmation_sentence": confirmation_sentence(facts),
        "la_in_sentence": la,
        "icb_in_sentence": icb,
        "obliged_bodies": bodies,
    }


def agreed(facts: DocumentFacts) -> list[Confirmation]:
    """The confirmations of the sealed text itself (not of an addendum or an earlier version)."""
    seal = facts.seal
    if seal is None:
        return []
    return [c for c in facts.confirmations if not c.addendum_id and c.sha256 == seal.sha256]


def confirmation_sentence(facts: DocumentFacts) -> str:
    """The lead sentence about accuracy, true to how each party confirmed (seed 002 asks for
    agreement before the meeting ends; one given in writing afterwards is said to be so)."""
    confirmations = agreed(facts)
    if facts.seal is None or not confirmations:
        return "Each party is asked to confirm that it is accurate before it is sealed."
    spoken = [c.party for c in confirmations if c.how is ConfirmedHow.SPOKEN]
    written = [c.party for c in confirmations if c.how is ConfirmedHow.IN_WRITING]
    if not written:
        return "Each party agreed at the meeting that this statement is accurate."
    parts = [f"{joined(spoken)} agreed at the meeting"] if spoken else []
    parts.append(f"{joined(written)} confirmed in writing after the meeting")
    return f"Each party confirmed that this statement is accurate: {'; '.join(parts)}."


# -- the blocks code fills in -------------------------------------------------------------------
SpecialFiller = Callable[[dict[str, Any]], list[Block]]


def statement_specials(facts: DocumentFacts, data: dict[str, str]) -> dict[str, SpecialFiller]:
    """The statement's `@` blocks, filled from the sealed text (or the draft); `data` is the
    document's placeholders."""
    statement = facts.content()
    return {
        "present": lambda block: _present(statement.get("present", []), block),
        "issues": lambda block: _issues(statement.get("issues", []), block),
        "general": lambda block: _general(statement),
        "views": lambda block: _views(statement.get("child_views"), data, block),
        "confirmations": lambda block: _confirmations(facts, block),
        "addenda": lambda block: _addenda(facts, block),
    }


def _present(present: list[dict[str, Any]], block: dict[str, Any]) -> list[Block]:
    rows = tuple(
        (p["name"], p["role"], p["organisation"],
         " to ".join(t for t in (p["arrived"], p["left"]) if t))
        for p in present
    )  # fmt: skip
    if not rows:
        return []
    return [Heading(block.get("title", "Present"), 2),
            Table(("Name", "Role", "Organisation", "Time"), rows)]  # fmt: skip


def _issues(issues: list[dict[str, Any]], block: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = [Heading(block.get("title", "Issues"), 2)]
    for number, issue in enumerate(issues, start=1):
        blocks.append(Heading(f"{number}. {issue['title'] or 'Issue'}", 3))
        blocks.extend(rich_blocks(issue["discussion"]))
        if issue["outcome"]:
            blocks.append(Paragraph(f"Outcome: {issue['outcome']}", bold=True))
        if issue["actions"]:
            blocks.append(
                Table(
                    ("Agreed action", "Who", "By when"),
                    tuple((a["what"], a["who"], a["by"]) for a in issue["actions"]),
                )
            )
    return blocks


def _general(statement: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    for key, title in (
        ("other_matters", "Other matters"),
        ("next_steps", "Next steps"),
        ("appeal_information", "Appeal information"),
    ):
        if statement.get(key, "").strip():
            blocks.append(Heading(title, 2))
            blocks.extend(rich_blocks(statement[key]))
    return blocks


def _views(
    views: dict[str, str] | None, data: dict[str, str], block: dict[str, Any]
) -> list[Block]:
    """A short section for the child's views, as sealed (CFA 2014 s19, s56(1)(e)); the full
    profile is a separate document."""
    if not views:
        return []
    child = data["child_first_name"]
    gathered = f" They were gathered {views['gathered']}." if views.get("gathered") else ""
    blocks: list[Block] = [
        Heading(fill(block.get("title", "{child_first_name}'s views"), data), 2),
        Paragraph(
            f"A short summary of {child}'s views, shared with {child}'s agreement.{gathered} "
            "The full profile is a separate document.",
            small=True,
        ),
    ]
    for key, label in STATEMENT_VIEW_FIELDS.items():
        if views.get(key):
            blocks.append(Paragraph(f"{label}:", bold=True))
            blocks.extend(rich_blocks(views[key]))
    if views.get("quotes"):
        blocks.append(Paragraph("In their own words:", bold=True))
        blocks.extend(
            Paragraph(line.strip()) for line in views["quotes"].splitlines() if line.strip()
        )
    return blocks


def _confirmations(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    seal = facts.seal
    blocks: list[Block] = [Heading(block.get("title", "Confirmations"), 2)]
    if seal is None:
        blocks.append(Paragraph("DRAFT: this statement has not been sealed.", bold=True))
        return blocks
    if facts.seal_problems:
        blocks.append(verification_notice(facts.seal_problems))
        return blocks
    rows = tuple((c.party, c.how.describe(c.confirmed_at)) for c in agreed(facts))
    blocks.append(SignatureBlock(rows))
    blocks.append(
        Paragraph(
            f"Sealed on {long_date(seal.sealed_at.date())} at {seal.sealed_at:%H:%M} (version "
            f"{seal.version}). SHA-256 of the agreed text: {seal.sha256}",
            small=True,
        )
    )
    return blocks


def verification_notice(problems: Sequence[str]) -> Paragraph:
    """What a statement whose sealed record failed verification says instead of its seal, so
    it is never passed off as the sealed record (docs/integrity.md)."""
    return Paragraph(
        f"This statement failed verification: {' '.join(problems)} It must not be relied on as "
        "the sealed record.",
        bold=True,
    )


def _addenda(facts: DocumentFacts, block: dict[str, Any]) -> list[Block]:
    sealed = [a for a in facts.addenda if a.sealed]
    if not sealed:
        return []
    blocks: list[Block] = [Heading(block.get("title", "Addenda"), 2)]
    for addendum in sealed:
        when = long_date(addendum.created_at.date()) if addendum.created_at else ""
        blocks.append(Heading(f"Addendum of {when}", 3))
        blocks.append(Paragraph(f"Reason: {addendum.reason}", bold=True))
        blocks.extend(rich_blocks(addendum.text))
        blocks.append(Paragraph(f"SHA-256: {addendum.sha256}", small=True))
    return blocks


__all__ = [
    "STATEMENT_PLACEHOLDERS",
    "statement_data",
    "statement_specials",
    "verification_notice",
]
