"""Run by test_rekey_crash.py: re-encrypt a case file and die (os._exit, as a kill would leave
it: no clean-up, no flush) straight after the named step."""

from __future__ import annotations

import os
import sys

from mediator_desk.services import open_desk
from mediator_desk.store import rekey

KILLED = 17


def main() -> None:
    path, old, new, step = sys.argv[1:5]
    assert step in rekey.STEPS

    def die_after(done: str) -> None:
        if done == step:
            os._exit(KILLED)

    rekey._step_done = die_after
    desk = open_desk(path, create=False, passphrase=old or None)
    desk.set_passphrase(new)
    desk.close()


if __name__ == "__main__":
    main()
