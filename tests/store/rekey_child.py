"""Run by test_rekey_crash.py: re-encrypt a case file and die (os._exit, as a kill would leave
it: no clean-up, no flush) straight after the named step; or, with the step `cycle`, change the
passphrase back and forth until killed, printing how many changes have finished."""

from __future__ import annotations

import os
import sys

from mediator_desk.services import open_desk
from mediator_desk.store import rekey

KILLED = 17


def cycle(path: str, old: str, new: str) -> None:
    desk = open_desk(path, create=False, passphrase=old or None)
    print("ready", flush=True)
    for done in range(1, 10_000):
        desk.set_passphrase(new if done % 2 else old)
        print(done, flush=True)


def main() -> None:
    path, old, new, step = sys.argv[1:5]
    if step == "cycle":
        cycle(path, old, new)
        return
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
