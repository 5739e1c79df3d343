"""The audit chain's hash form, pinned (domain/integrity.py): the chain in a case file is
checked against hashes written by every earlier version, so the text hashed may never change."""

from __future__ import annotations

from decimal import Decimal

from mediator_desk.domain.integrity import GENESIS, chain_hash


def test_the_chain_hash_form_is_fixed_even_for_values_json_cannot_hold():
    """The previous hash and the values as compact JSON; a blob written into the file from
    outside as its hex, anything else JSON cannot hold as its repr. The expected hash was
    worked out with `sha256sum` on the JSON text, not with the code under test."""
    values = [b"\x00\xff", Decimal("1.5"), 5, "Lowen", None]
    assert chain_hash(GENESIS, values) == (
        "69c487de9b44081c1abd67066975f98e4f71a80bf40edc9ddae27cb5868fe2f7"
    )
    # One byte of the blob changed: another hash.
    assert chain_hash(GENESIS, [b"\x00\xfe", *values[1:]]) != chain_hash(GENESIS, values)
