"""The rule for choosing a passphrase, in one place: the welcome, Settings, re-encryption and
the command line all ask it, so none of them can accept what another refuses."""

from __future__ import annotations

MIN_LENGTH = 8


def passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` cannot protect a case file, in plain words; None when it can. An empty
    or too short one would leave children's personal data easy to open."""
    if not passphrase:
        return "Enter a passphrase: without one the case file would not be protected."
    if not passphrase.strip():
        return "Use a passphrase that is not only spaces."
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    return None


def strength(passphrase: str) -> str:
    """A rough, honest hint: length matters most."""
    if len(passphrase) < MIN_LENGTH:
        return f"Too short: use at least {MIN_LENGTH} characters."
    refused = passphrase_problem(passphrase)
    if refused:  # long enough, but the rule refuses it all the same (only spaces)
        return refused
    if len(passphrase) < 12 or len(set(passphrase)) < 6:
        return "Fair. Longer is stronger: try three or four unrelated words."
    if len(passphrase) < 20:
        return "Good."
    return "Strong."
