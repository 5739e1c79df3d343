"""The one rule for a new passphrase, used by the welcome, Settings, re-encryption and the
command line."""

from __future__ import annotations

import pytest

from mediator_desk.domain.passphrase import MIN_LENGTH, passphrase_problem, strength


@pytest.mark.parametrize(
    ("passphrase", "problem"),
    [
        ("", "Enter a passphrase"),
        ("        ", "not only spaces"),
        ("a", "Use at least 8 characters"),
        ("seven77", "Use at least 8 characters"),
    ],
)
def test_unusable_passphrases_are_refused_in_plain_words(passphrase, problem):
    refused = passphrase_problem(passphrase)
    assert refused is not None and problem in refused


@pytest.mark.parametrize("passphrase", ["eight888", "correct horse battery staple", "ŵyn bach ŷd"])
def test_long_enough_passphrases_are_accepted(passphrase):
    assert len(passphrase) >= MIN_LENGTH
    assert passphrase_problem(passphrase) is None


def test_the_strength_hint_grows_with_length():
    assert strength("short").startswith("Too short")
    assert strength("eight888").startswith("Fair")
    assert strength("lantern orchard pebble") == "Strong."


def test_the_strength_hint_never_praises_what_the_rule_refuses():
    """Ten spaces are long enough to count as 'Fair' by length alone; the hint says why not."""
    assert strength(" " * 10) == passphrase_problem(" " * 10)
    assert strength(" " * 30) == passphrase_problem(" " * 30)


FAIR = "Fair. Longer is stronger: try three or four unrelated words."


@pytest.mark.parametrize(
    ("passphrase", "hint"),
    [
        ("abcdefghijk", FAIR),  # 11 characters
        ("abcdefghijkl", "Good."),  # 12 characters, 12 different
        ("abcdefabcdef", "Good."),  # 12 characters, exactly 6 different
        ("abcdeabcdeab", FAIR),  # 12 characters but only 5 different: a pattern
        ("abcdefghijklmnopqrs", "Good."),  # 19 characters
        ("abcdefghijklmnopqrst", "Strong."),  # 20 characters
    ],
)
def test_the_strength_hint_steps_at_twelve_characters_six_different_and_twenty(passphrase, hint):
    """The hint's steps, each at its edge: length first, then variety."""
    assert strength(passphrase) == hint
