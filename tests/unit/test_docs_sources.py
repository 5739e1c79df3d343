"""The user guide and the deadline rules state the law as the law states it, and every legal
sentence names its source, so a mediator can check it and a wrong rule is easy to find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDE = DOCS / "guide"
LEGAL_PAGES = [*sorted(GUIDE.glob("*.md")), DOCS / "deadlines.md", DOCS / "law.md"]

TRIGGER = re.compile(
    r"\b(must|within|working days|appeal\w*|certificates?|regulations?|tribunal|binding|months?)\b",
    re.IGNORECASE,
)
CITATION = re.compile(
    r"""\breg(?:ulation)?s?\.?\s+\d+
    | \bsections?\s+\d+ | \bss?\d+
    | \brules?\s+\d+ | \br\d+\b
    | \bCode\ of\ Practice\s+\d+\.\d+
    | \bCFA\ 2014\b | \bHESC\ Rules\b
    | \bSEND\ Regulations\ 2014\b
    | \(service\ standard,\ not\ law\)""",
    re.VERBOSE,
)

# Field names on screen, not claims: taken out of a sentence before looking for trigger words.
LABELS = [
    "Appeal information",
    "signing certificate",  # the key that signs PDFs (Settings ▸ Documents), not a s55 certificate
]

# Sentences that use a trigger word but make no legal claim: each names the page and a piece of
# the sentence, with the reason it is not law.
NOT_LEGAL = [
    # The passphrase rule is the app's own.
    ("backups-and-encryption.md", "must be at least 8 characters"),
    # How quickly the app saves and redraws.
    ("index.md", "saved within half a second"),
    ("the-meeting.md", "follows your typing within half a second"),
    # A menu of pages and what the app does, not claims.
    ("index.md", "certificates, the outcome statement and letters"),
    ("index.md", "makes the certificates and letters you send out"),
    # The timeline's columns and the app's own reminder setting.
    ("deadlines.md", "with who must act and where it stands"),
    ("deadlines.md", "or is due, and in how many working days"),
    ("deadlines.md", "flagged as due soon 2 working days ahead"),
    ("settings.md", "2 working days to begin with"),
    ("settings.md", "is who issues certificates, if not you"),
    # A report period picked by the user.
    ("reports.md", "the last 12 months"),
]


def plain(text: str) -> str:
    """Markdown reduced to the words a reader sees."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*`]", "", text).strip()


def blocks(page: Path) -> list[str]:
    """Paragraphs, list items and table rows; headings, pictures and code are not sentences."""
    found: list[str] = []
    current: list[str] = []
    fenced = False

    def close() -> None:
        if current:
            found.append(" ".join(current))
            current.clear()

    for line in page.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            close()
            continue
        if fenced or not stripped or stripped.startswith("#") or stripped.startswith("!["):
            close()
            continue
        if stripped.startswith("|"):
            close()
            if re.fullmatch(r"\|[\s|:-]+\|", stripped):
                found.pop()  # the row above the rule is the header: column names, not a claim
            else:
                found.append(stripped.replace("|", " ; "))
            continue
        if re.match(r"([-*]|\d+\.)\s", stripped):
            close()
        current.append(stripped)
    close()
    return found


def sentences(page: Path) -> list[str]:
    out: list[str] = []
    for block in blocks(page):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(\[*])", plain(block)):
            if sentence.strip():
                out.append(sentence.strip())
    return out


def is_allowed(page: Path, sentence: str) -> bool:
    return any(page.name == name and piece in sentence for name, piece in NOT_LEGAL)


def unlabelled(sentence: str) -> str:
    for label in LABELS:
        sentence = re.sub(re.escape(label), "", sentence, flags=re.IGNORECASE)
    return sentence


def legal_sentences(page: Path) -> list[str]:
    return [s for s in sentences(page) if TRIGGER.search(unlabelled(s)) and not is_allowed(page, s)]


@pytest.mark.parametrize("page", LEGAL_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_legal_sentence_names_its_source(page: Path):
    """A sentence stating a duty, a time limit, a right or a consequence names its regulation,
    section or rule (SEND Regulations 2014, CFA 2014, HESC Rules 2008), or says it is a service
    standard, not law."""
    uncited = [s for s in legal_sentences(page) if not CITATION.search(s)]
    assert not uncited, f"{page.name}: no source named in:\n" + "\n".join(uncited)


def test_the_allow_list_is_short_and_every_entry_still_matches():
    assert len(NOT_LEGAL) <= 12
    for name, piece in NOT_LEGAL:
        said = sentences(GUIDE / name)
        assert any(piece in s for s in said), f"{name}: stale entry {piece!r}"


def test_the_guide_moves_the_appeal_deadline_but_not_the_mediation_clocks():
    """HESC Rules 2008 r12(2): an appeal time limit ending on a non-working day is met on the
    next working day; r12(3)(a) the Christmas and August rule. The mediation clocks (SEND
    Regulations 2014 reg 33, the 30 days, reg 42 weeks) do not move (DOMAIN.md section 8)."""
    said = sentences(GUIDE / "deadlines.md")
    moving = [s for s in said if "next working day" in s and re.search(r"appeal", s, re.I)]
    assert moving, "the guide never says the appeal deadline moves to the next working day"
    assert all("r12(2)" in s for s in moving), moving
    assert any("r12(3)(a)" in s and "August" in s for s in said)
    staying = [s for s in said if re.search(r"stays? where|do(?:es)? not move", s)]
    assert staying, "the guide no longer says which deadlines stay put"
    for sentence in staying:
        assert not re.search(r"appeal", sentence, re.I), sentence
        assert "mediation" in sentence.lower(), sentence


def deadline_rows() -> dict[str, str]:
    rows = {}
    for line in (DOCS / "deadlines.md").read_text(encoding="utf-8").splitlines():
        name = re.match(r"\|\s*`(\w+)`", line)
        if name:
            rows[name.group(1)] = line
    return rows


def test_the_icb_notice_is_only_where_the_la_was_not_a_party():
    """SEND Regulations 2014 reg 42(4): "Where the local authority was not a party to the
    mediation, the responsible commissioning body must notify the local authority of the
    mediation agreement within 1 week": a health-only mediation, never a joint one."""
    row = deadline_rows()["icb_notify_la_by"]
    assert "reg 42(4)" in row
    assert "not a party" in row
    assert "health-only" in row
    assert "joint" in row


def test_the_meeting_guide_gives_the_section_i_only_and_young_person_appeal_rules():
    """CFA 2014 s55: no certificate for a Section I-only appeal, so only HESC Rules r20(1)(c)(i)
    (2 months from the decision notice) applies; a young person is the party and appeals in
    their own right (CFA 2014 s51)."""
    said = sentences(GUIDE / "the-meeting.md")
    section_i = [s for s in said if "Section I only" in s]
    assert any("r20(1)(c)(i)" in s and "2 months" in s for s in section_i), section_i
    assert any("s55" in s and "certificate" in s for s in section_i), section_i
    young = [s for s in said if "young person" in s]
    assert any("s51" in s and re.search(r"\bappeals?\b", s) for s in young), young


def test_the_childs_views_guide_puts_each_duty_on_the_right_person():
    """CFA 2014 s19 is the local authority's duty to have regard to views, wishes and feelings;
    the mediator's duty to take reasonable steps to ascertain the child's views applies where a
    parent is a party (CFA 2014 s56(1)(e) and the SEND Regulations 2014)."""
    said = sentences(GUIDE / "childs-views.md")
    s19 = [s for s in said if re.search(r"\bs19\b|section 19\b", s)]
    assert s19, "the page no longer cites s19"
    for sentence in s19:
        assert "local authority" in sentence and "have regard" in sentence, sentence
    s56 = [s for s in said if "s56(1)(e)" in s]
    assert any("mediator" in s and "parent" in s and "reasonable steps" in s for s in s56), s56


def test_the_documents_page_says_which_documents_each_case_gets():
    """One section per kind of case, each naming its law: mediation (CFA 2014 s55), Section I
    only (s55), health only (reg 42(4)), joint health, disagreement resolution (s57), and the
    young person as the party (s56(1)(e) applies only where a parent is the party)."""
    text = (GUIDE / "documents.md").read_text(encoding="utf-8")
    assert "## Which documents for which case" in text
    part = text.split("## Which documents for which case", 1)[1]
    for heading, law in [
        ("### Mediation", "s55(5)"),
        ("### Section I only", "r20(1)(c)(i)"),
        ("### Health only", "reg 42(4)"),
        ("### Joint health and education", "reg 42(3)"),
        ("### Disagreement resolution", "s57"),
        ("### A young person as the party", "s56(1)(e)"),
    ]:
        assert heading in part, heading
        section = part.split(heading, 1)[1].split("\n### ", 1)[0]
        assert law in section, f"{heading} does not cite {law}"


def cited_rules(text: str) -> set[str]:
    """Each regulation, section and rule named, as 'reg 42', 's55' or 'r12'."""
    found = {f"reg {n}" for n in re.findall(r"\breg(?:ulation)?s?\.?\s+(\d+)", text)}
    found |= {f"s{n}" for n in re.findall(r"\bs(\d+)\b", text)}
    found |= {f"s{n}" for n in re.findall(r"\bsection\s+(\d+)", text)}
    found |= {f"r{n}" for n in re.findall(r"\br(\d+)\b", text)}
    return found


def test_every_rule_the_docs_cite_is_in_the_table_of_sources():
    """docs/law.md lists every rule the product applies, its source and whether its wording
    was read; a rule cited anywhere in the guide or the deadline rules must be in it."""
    law = (DOCS / "law.md").read_text(encoding="utf-8")
    listed = cited_rules(law)
    for page in LEGAL_PAGES:
        missing = cited_rules(page.read_text(encoding="utf-8")) - listed
        assert not missing, f"{page.name} cites {sorted(missing)}, not in docs/law.md"
    rows = [line for line in law.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) > 15
    assert all(re.search(r"\b(read|UNCONFIRMED|not law)\b", row) for row in rows[1:]), rows


def test_every_rule_marked_read_quotes_the_words_read():
    """A rule marked read in docs/law.md points to a passage below the table that quotes the
    words and gives the address they were read at (for example SEND Regulations 2014 reg 42)."""
    law = (DOCS / "law.md").read_text(encoding="utf-8")
    table, passages = law.split("## The words read", 1)
    marks = set(re.findall(r"\bread[^|]*?\[([A-Z])\]", table))
    assert len(marks) >= 6
    for mark in marks:
        passage = re.search(rf"\*\*\[{mark}\]\*\*(.+?)(?=\n\*\*\[|\n## )", passages, re.S)
        assert passage, f"[{mark}] has no passage"
        where = ("legislation.gov.uk", "as quoted", "as reproduced")
        assert any(w in passage.group(1) for w in where), f"[{mark}] says not where"
        assert re.search(r"\"[^\"]{20,}\"", passage.group(1)), f"[{mark}] quotes nothing"
