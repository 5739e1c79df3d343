"""Plain paragraphs skip reportlab's markup parser (for speed); they must come out the same."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from mediator_desk.documents import pdf_renderer


@pytest.mark.parametrize(
    "text",
    [
        'Fees & costs: <none> agreed; Siân\'s "views" were heard',
        "Rozmowa z panią Wiśniewską — 3½ hours",
        "   leading and trailing spaces   ",
    ],
)
@pytest.mark.parametrize("style", ["body", "item", "h2", "cell"])
def test_a_plain_paragraph_is_laid_out_as_the_parser_would(text, style):
    chosen = pdf_renderer._styles()[style]
    fast = pdf_renderer._para(text, chosen, "•")
    parsed = Paragraph(pdf_renderer._text(text), chosen, "•")
    # The parser may cut the text at each escaped character; the pieces differ only in text.
    assert len(fast.frags) == 1
    assert "".join(f.text for f in parsed.frags) == fast.frags[0].text
    for piece in parsed.frags:
        assert {**piece.__dict__, "text": ""} == {**fast.frags[0].__dict__, "text": ""}
    assert fast.wrap(240, 1000) == parsed.wrap(240, 1000)
    assert [line_text(x) for x in fast.blPara.lines] == [line_text(x) for x in parsed.blPara.lines]


def line_text(line):
    """The text reportlab put on one line, however it holds it."""
    if isinstance(line, tuple):  # one fragment: (width, words)
        return " ".join(line[1])
    return " ".join("".join(f.text for f in line.words).split())


def test_arabic_and_several_lines_still_go_through_the_parser():
    body = pdf_renderer._styles()["body"]
    arabic = pdf_renderer._para("Maryam said مرحبا to everyone", body)
    laid_out = arabic._paragraph(400)  # right-to-left text is broken into lines, then parsed
    assert any(f.fontName == pdf_renderer.ARABIC for f in laid_out.frags)
    two_lines = pdf_renderer._para("First line\nSecond line", body)
    assert two_lines.wrap(400, 1000)[1] > pdf_renderer._para("First line", body).wrap(400, 1000)[1]


def test_reportlab_uses_its_c_accelerator():
    """rl_accel (a dependency) roughly halves PDF export time; without it reportlab silently
    falls back to pure Python."""
    from reportlab.lib import rl_accel

    assert type(rl_accel.instanceStringWidthTTF).__name__ == "builtin_function_or_method"
