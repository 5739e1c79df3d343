"""Run by test_kill_trials.py: a writer that forces checkpoints, killed at random moments.

Python and the app's modules load once; each trial forks a fresh writer from this process, so
hundreds of kills take minutes, not tens of minutes. One trial per line on stdin:
`PATH CASE_ID SEED KILL_AFTER_SECONDS`; the writer appends to PATH.log after each commit
("edit N" or "attachment N"), and this process answers "killed" once the writer is dead.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

from mediator_desk.domain.parents import ParentCarer
from mediator_desk.store.casefile import create_casefile, open_casefile
from mediator_desk.store.preparation import PreparationRepository
from tests.conftest import make_case

CHECKPOINTS = ("PASSIVE", "FULL", "RESTART", "TRUNCATE")
WORDS = ("Tregothnan", "Polglase", "Fernleigh", "planning", "meeting", "provision", "therapy")


def write_until_killed(path: Path, case_id: int, seed: int) -> None:
    rng = random.Random(seed)
    log = os.open(f"{path}.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    casefile = open_casefile(path, create=False)
    preparation = PreparationRepository(casefile.cases)
    for n in range(1_000_000):
        choice = rng.random()
        if choice < 0.25:  # pages of an attachment: many new pages to checkpoint
            data = b"%PDF-1.4\n" + rng.randbytes(rng.randrange(100_000, 1_500_000))
            preparation.add_attachment(case_id, f"scan-{n}.pdf", data, f"attachment {n}")
            os.write(log, f"attachment {n}\n".encode())
        elif choice < 0.4:
            mode = rng.choice(CHECKPOINTS)
            casefile.db.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
        else:  # a long note: notes, search index and audit change together
            filler = " ".join(rng.choices(WORDS, k=rng.randrange(10, 40_000)))
            casefile.cases.update(
                case_id, {"notes": f"edit {n} {filler}", "parents": (ParentCarer(f"parents {n}"),)}
            )
            os.write(log, f"edit {n}\n".encode())


def warm_up() -> None:
    """Load what the first open loads, so a forked writer commits within milliseconds."""
    with (
        tempfile.TemporaryDirectory() as folder,
        create_casefile(Path(folder) / "warm.mdesk") as casefile,
    ):
        casefile.cases.create(make_case())


def serve() -> None:
    warm_up()
    print("ready", flush=True)
    for line in sys.stdin:
        path, case_id, seed, after = line.split()
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                write_until_killed(Path(path), int(case_id), int(seed))
            except BaseException as error:  # a writer that fails is a finding, not a kill
                Path(f"{path}.error").write_text(repr(error))
            finally:
                os._exit(1)
        time.sleep(float(after))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        print("killed", flush=True)


if __name__ == "__main__":
    serve()
