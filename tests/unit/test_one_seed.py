"""A whole run repeats from the one seed it prints: the test order (pytest-randomly) and the
examples the property tests try (Hypothesis) both come from it."""

from __future__ import annotations

import pytest
from hypothesis import core, given
from hypothesis import strategies as st

DRAWN: list[int] = []


def test_the_property_tests_draw_from_the_printed_seed(request):
    seed = getattr(request.config.option, "randomly_seed", None)
    if not isinstance(seed, int):
        pytest.skip("pytest-randomly is off (-p no:randomly): Hypothesis picks its own seed")
    if request.config.getoption("hypothesis_seed", None) is not None:
        pytest.skip("--hypothesis-seed was given, and wins")
    assert core.global_force_seed == seed


@given(st.integers())
def _draw(n: int) -> None:
    DRAWN.append(n)


def test_the_same_seed_draws_the_same_examples(request):
    if not isinstance(core.global_force_seed, int):
        pytest.skip("no seed for the run")
    DRAWN.clear()
    _draw()
    first = list(DRAWN)
    DRAWN.clear()
    _draw()
    assert len(set(first)) > 10
    again = list(DRAWN)
    assert again == first


def test_no_property_test_fails_for_being_slow():
    """Hypothesis's default 200 ms deadline per example made a property test fail on a busy
    machine (a first example took 497 ms while another suite ran beside it). Speed is the
    benchmarks' business (docs/performance.md), not the suite's: no example has a deadline."""
    from hypothesis import settings

    assert settings().deadline is None
