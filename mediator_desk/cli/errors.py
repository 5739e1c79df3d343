"""What can be wrong on the command line, and the one way it is said: one line on stderr."""

from __future__ import annotations

import sys


class UsageProblem(Exception):
    """A command-line value that is wrong: one line, exit code 2."""


class NotOpened(Exception):
    """The case file cannot be opened or created as asked: one line, exit code 1."""


def refuse(message: object, code: int) -> int:
    """Say what is wrong on one line of stderr and give the exit code, so every command's
    refusal looks the same to a script."""
    print(f"mediator-desk: {message}", file=sys.stderr)
    return code
