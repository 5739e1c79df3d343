"""`pip install` as the README offers it: the wheel carries forms/, resources/ and the user
guide, and in a fresh virtual environment outside the checkout the installed app passes
`mediator-desk self-test` (so it makes documents), with both entry points; an editable install
of the same checkout passes it too. Slow (a few minutes: the dependencies come from pip's
cache, or from the index the first time): part of the whole suite, `python3 dev.py test --all`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from mediator_desk import __version__
from tests.conftest import home_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = (".git", ".venv", "build", "dist", "tests", "__pycache__", "*.egg-info", ".*cache")
APP_FILES = (
    "mediator_desk/forms/certificate-concluded.toml",
    "mediator_desk/forms/outcome-statement.toml",
    "mediator_desk/resources/fonts/DejaVuSans.ttf",
    "mediator_desk/resources/fonts/NotoSansArabic-Regular.ttf",
    "mediator_desk/resources/icons/mediator-desk.svg",
    "mediator_desk/resources/dictionaries/en_GB.aff",
    "mediator_desk/resources/dictionaries/en_GB.dic",
    "mediator_desk/resources/dictionaries/LICENSE-en_GB.txt",
    "mediator_desk/docs/guide/index.md",
    "mediator_desk/docs/guide/images/casebook.png",
    "mediator_desk/docs/deadlines.md",
    "mediator_desk/case-exchange.schema.json",
)


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def outside_env(home: Path) -> dict[str, str]:
    """The installed app's environment: its own home, no trace of the checkout on the path."""
    env = home_env(home)
    env.pop("PYTHONPATH", None)
    return env


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("install")


@pytest.fixture(scope="module")
def checkout(scratch) -> Path:
    """A copy of the checkout to build from, so the build leaves nothing in the real one."""
    copy = scratch / "checkout"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    return copy


@pytest.fixture(scope="module")
def wheel(scratch, checkout) -> Path:
    wheels = scratch / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, checkout], scratch)
    (built,) = wheels.glob("mediator_desk-*.whl")
    return built


@pytest.fixture(scope="module")
def python(scratch, wheel) -> Path:
    """A fresh virtual environment outside the checkout with the wheel installed, its
    dependencies at the run-time lock's versions (so pip's cache has them)."""
    folder = scratch / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    bin_folder = folder / ("Scripts" if os.name == "nt" else "bin")
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+==[^ ;\\\n]+)", lock, re.MULTILINE)
    constraints = scratch / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    pip = [bin_folder / "python", "-m", "pip", "--disable-pip-version-check", "-q"]
    run([*pip, "install", "-c", constraints, wheel], scratch)
    return bin_folder / "python"


def test_the_wheel_carries_the_app_files_and_both_entry_points(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"mediator_desk-{__version__}.dist-info"
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        metadata = archive.read(f"{info}/METADATA").decode()
    assert wheel.name == f"mediator_desk-{__version__}-py3-none-any.whl"
    assert sorted(set(APP_FILES) - names) == []
    assert f"{info}/licenses/LICENSE" in names
    assert not [name for name in names if name.startswith(("tests/", "docs/", "forms/"))]
    assert "[console_scripts]\nmediator-desk = mediator_desk.cli:main" in entry_points
    assert "[gui_scripts]\nmediator-desk-gui = mediator_desk.cli:main" in entry_points
    assert "License-Expression: LicenseRef-Proprietary" in metadata.splitlines()
    assert "Requires-Dist: Pillow>=10" in metadata.splitlines()


def test_the_installed_app_passes_its_self_test_outside_the_checkout(python, scratch):
    elsewhere = scratch / "elsewhere"
    elsewhere.mkdir()
    env = outside_env(scratch / "home")
    where = run([python, "-c", "import mediator_desk.paths as p; print(p.app_root())"], elsewhere)
    package = Path(where.strip())
    assert package.name == "mediator_desk" and "site-packages" in package.parts
    assert (package / "docs" / "guide" / "index.md").is_file()  # Help ▸ User guide
    output = run([python.parent / "mediator-desk", "self-test"], elsewhere, env)
    lines = output.splitlines()
    assert lines[-1] == "self-test passed"
    assert f"ok  found the app's files in {package}" in lines
    assert any(line.startswith("ok  exported ") and ".pdf (" in line for line in lines)
    assert any(line.startswith("ok  exported ") and ".docx (" in line for line in lines)


def test_both_entry_points_are_installed(python, scratch):
    env = outside_env(scratch / "home")
    for program in ("mediator-desk", "mediator-desk-gui"):
        output = run([python.parent / program, "--version"], scratch, env)
        assert output.strip() == f"Mediator Desk {__version__}"


def test_an_editable_install_reads_the_files_from_the_source_tree(python, scratch, checkout, wheel):
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    run([*pip, "install", "--no-deps", "-e", checkout], scratch)
    try:
        elsewhere = scratch / "elsewhere-editable"
        elsewhere.mkdir()
        output = run(
            [python.parent / "mediator-desk", "self-test"], elsewhere, outside_env(scratch / "home")
        )
        assert f"ok  found the app's files in {checkout}" in output.splitlines()
        assert output.splitlines()[-1] == "self-test passed"
    finally:  # the wheel again, for the other tests of this module in whatever order
        run([*pip, "install", "--no-deps", "--force-reinstall", wheel], scratch)
