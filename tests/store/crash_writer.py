"""Run by test_crash_harness.py: autosave edits as fast as the app would make them, reporting
each one after its transaction commits, until killed."""

from __future__ import annotations

import sys
from pathlib import Path

from mediator_desk.domain.parents import ParentCarer
from mediator_desk.services import open_desk


def main() -> None:
    path, case_id = Path(sys.argv[1]), int(sys.argv[2])
    desk = open_desk(path, create=False)
    n = 0
    while True:
        desk.update_case(case_id, {"notes": f"edit {n}", "parents": (ParentCarer(f"parents {n}"),)})
        print(n, flush=True)  # after the commit: this edit must survive any crash
        n += 1


if __name__ == "__main__":
    main()
