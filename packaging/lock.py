#!/usr/bin/env python3
"""Write the lock files from pyproject.toml, with every package's exact version and the SHA-256
of each of its files on the index (every platform's wheels), for `pip install --require-hashes`.

    python3 packaging/lock.py                         keep the locked versions, add what is new
    python3 packaging/lock.py --upgrade-package NAME  move NAME (and only it) to its newest
    python3 packaging/lock.py --upgrade               move everything to its newest

Needs uv (`pip install uv`, in any virtual environment). The resolution is universal: a package
needed only on Windows or macOS (colorama, pefile, ...) is locked too, with its marker. Each
lock is whole (pip installs it alone), and the others take the run-time lock's versions.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each lock and what it is compiled from (pyproject.toml's dependencies, with these extras).
LOCKS: dict[str, list[str]] = {
    "requirements.lock": ["pyproject.toml"],
    "requirements-dev.lock": ["pyproject.toml", "--extra", "test"],
    "requirements-mutate.lock": ["pyproject.toml", "--extra", "test", "--extra", "mutate"],
    "packaging/requirements-build.lock": ["pyproject.toml", "packaging/requirements-build.in"],
}
OPTIONS = ["--universal", "--python-version", "3.11", "--generate-hashes", "--quiet"]
HEADER = "python3 packaging/lock.py"


def main(extra: list[str]) -> int:
    uv = shutil.which("uv")
    if uv is None:
        print("lock.py needs uv: pip install uv", file=sys.stderr)
        return 1
    for lock, inputs in LOCKS.items():
        agree = [] if lock == "requirements.lock" else ["-c", "requirements.lock"]
        command = [uv, "pip", "compile", *inputs, *agree, *OPTIONS, *extra, "-o", lock]
        command += ["--custom-compile-command", HEADER]
        print(f"lock.py: {lock}", flush=True)
        if subprocess.run(command, cwd=ROOT).returncode:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
