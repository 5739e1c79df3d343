"""The one-folder app that packaging/mediator-desk.spec builds: it starts, exports and shows its
window from the bundle alone. Slow (a build takes about half a minute, more on a cold cache):
run with `python3 dev.py test -m slow`.

The bundle in dist/mediator-desk is reused when its program is newer than every file the build
reads (the package, resources/, forms/, docs/guide/ and the two pages it links to, the spec and
the locks); otherwise it is built again first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mediator_desk import __version__
from tests.conftest import home_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # a build takes minutes

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "mediator-desk"
PROGRAM = BUNDLE / ("mediator-desk-cli.exe" if os.name == "nt" else "mediator-desk")
BUILD_INPUTS = (
    "mediator_desk",
    "resources",
    "forms",
    "docs/guide",
    "docs/deadlines.md",
    "docs/law.md",
    "packaging/mediator-desk.spec",
    "packaging/requirements-build.lock",
    "requirements.lock",
)


def newest_input() -> float:
    times = [0.0]
    for name in BUILD_INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        times += [f.stat().st_mtime for f in files if f.is_file() and "__pycache__" not in f.parts]
    return max(times)


@pytest.fixture(scope="module")
def program() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip(
            "PyInstaller is not installed: `python3 dev.py package` installs it "
            "(packaging/requirements-build.lock) and builds the app"
        )
    if not PROGRAM.exists() or PROGRAM.stat().st_mtime <= newest_input():
        built = subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert PROGRAM.exists()
    return PROGRAM


def bundle_env(tmp_path: Path) -> dict[str, str]:
    """Off-screen, with a home of its own so nothing of the real user's is read or written."""
    env = home_env(tmp_path / "home")
    for name in ("MEDIATOR_DESK_CASEFILE", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)  # the bundle must stand on its own
    return env


def test_the_bundle_passes_its_self_test(program, tmp_path):
    result = subprocess.run(
        [str(program), "self-test"],
        cwd=tmp_path,
        env=bundle_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert ".pdf (" in result.stdout and ".docx (" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_bundle_reports_its_version(program, tmp_path):
    result = subprocess.run(
        [str(program), "--version"],
        cwd=tmp_path,
        env=bundle_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Mediator Desk {__version__}"
