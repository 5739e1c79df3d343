"""Every legal sentence in forms/ names the law it rests on: a block that states a duty, a time
limit, a right or a consequence carries `source` (documents/forms.py), so a service changing
the wording can see what each sentence must stay true to."""

from __future__ import annotations

import re
import tomllib

import pytest

from mediator_desk.paths import forms_dir

# Words that make a sentence a statement of the law (as tests/unit/test_docs_sources.py).
LEGAL = re.compile(
    r"\b(must|within|working days?|appeal\w*|certificate|regulation|tribunal|binding|months?)\b",
    re.IGNORECASE,
)
# Text that names the law without stating it: titles, headings, and sentences built in code
# that carry their own citations (the appeal sentence names rules 12 and 20).
NOT_CLAIMS = {"heading"}
BUILT_IN_CODE = re.compile(r"^\{[a-z_]+\}$")


def _claims(path):
    form = tomllib.loads(path.read_text(encoding="utf-8"))
    for number, block in enumerate(form.get("block", []), start=1):
        if block.get("type") in NOT_CLAIMS or block.get("source"):
            continue
        texts = [block.get("text", "")] + [i for i in block.get("items", []) if isinstance(i, str)]
        for text in texts:
            if LEGAL.search(text) and not BUILT_IN_CODE.match(text.strip()):
                yield f"block {number}: {text}"


@pytest.mark.parametrize("path", sorted(forms_dir().glob("*.toml")), ids=lambda p: p.name)
def test_every_legal_sentence_in_a_form_names_its_source(path):
    assert list(_claims(path)) == []


def test_the_check_finds_a_legal_sentence_without_its_source(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'title = "T"\nsubject = "S"\n[[block]]\ntype = "paragraph"\n'
        'text = "The certificate follows within 3 working days."\n'
    )
    assert list(_claims(bad)) == ["block 1: The certificate follows within 3 working days."]
