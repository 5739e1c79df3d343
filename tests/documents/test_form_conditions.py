"""Forms choose their legal sentences by the case: blocks with `when`, and a `source` for every
block that states the law (documents/forms.py)."""

import pytest

from mediator_desk.documents.build import CONDITIONS, PLACEHOLDERS
from mediator_desk.documents.forms import FormError, applies, load_form, render_form
from mediator_desk.documents.model import Paragraph

FORM = """title = "T"
subject = "S"

[[block]]
type = "paragraph"
text = "Both."

[[block]]
type = "paragraph"
when = "mediation"
source = "SEND Regulations 2014 reg 42(1)"
text = "The mediation agreement."

[[block]]
type = "paragraph"
when = ["mediation", "not section_i_only"]
text = "A certificate follows."

[[block]]
type = "paragraph"
when = "disagreement_resolution"
text = "Not binding."
"""


def _texts(tmp_path, facts):
    (tmp_path / "f.toml").write_text(FORM)
    form = load_form("f", PLACEHOLDERS, tmp_path, CONDITIONS)
    return [b.text for b in render_form(form, {}, {}, frozenset(facts)) if isinstance(b, Paragraph)]


def test_a_block_is_used_only_where_all_its_conditions_hold(tmp_path):
    assert _texts(tmp_path, {"mediation"}) == [
        "Both.",
        "The mediation agreement.",
        "A certificate follows.",
    ]
    assert _texts(tmp_path, {"mediation", "section_i_only"}) == [
        "Both.",
        "The mediation agreement.",
    ]
    assert _texts(tmp_path, {"disagreement_resolution"}) == ["Both.", "Not binding."]


def test_not_negates_a_condition():
    block = {"when": "not young_person"}
    assert applies(block, frozenset({"parent"}))
    assert not applies(block, frozenset({"young_person"}))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('when = "no_such_fact"', "unknown conditions: no_such_fact"),
        ('when = "not"', "not a condition"),
        ("when = 3", "must be a condition"),
        ('source = ""', "'source' must name the law"),
    ],
)
def test_a_bad_condition_or_source_is_caught_when_the_form_loads(tmp_path, extra, message):
    (tmp_path / "bad.toml").write_text(
        f'title = "T"\nsubject = "S"\n[[block]]\ntype = "paragraph"\ntext = "x"\n{extra}\n'
    )
    with pytest.raises(FormError, match=message):
        load_form("bad", PLACEHOLDERS, tmp_path, CONDITIONS)
