"""The conventions in DESIGN.md section 11 hold: ruff is clean and the package (with dev.py and
packaging/build.py) passes mypy --strict. Run here so the suite catches them, not only an
editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--quiet", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = run("ruff", "format", "--check", "--quiet", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_is_strictly_typed():
    result = run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr
