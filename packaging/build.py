"""Build Mediator Desk as a one-folder app: dist/mediator-desk/ (plus dist/Mediator Desk.app on
macOS), from packaging/mediator-desk.spec.

    python packaging/build.py [--clean] [--self-test]

Run it with the project's environment (`python3 dev.py package` sets it up and runs this). The
build's scratch files go in build/. --clean starts from nothing instead of PyInstaller's cache;
--self-test runs the built app's `self-test` afterwards (exit code 1 if it fails).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "mediator-desk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "mediator-desk"


def executable(bundle: Path = BUNDLE) -> Path:
    """The program inside the bundle that runs from a terminal (the -cli one on Windows)."""
    if os.name == "nt":
        return bundle / "mediator-desk-cli.exe"
    return bundle / "mediator-desk"


def build(clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder. Raises CalledProcessError."""
    if importlib.util.find_spec("PyInstaller") is None:
        sys.exit(
            "build.py: PyInstaller is not installed here. Run `python3 dev.py package`, or "
            "pip install --require-hashes -r packaging/requirements-build.lock first."
        )
    if clean:
        shutil.rmtree(WORK, ignore_errors=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK)]
    command += ["--clean"] if clean else []
    subprocess.run([*command, str(SPEC)], cwd=ROOT, check=True)
    return BUNDLE


def self_test(bundle: Path = BUNDLE) -> int:
    """Run the built app's self-test (which draws off-screen itself when there is no display)."""
    return subprocess.run([str(executable(bundle)), "self-test"]).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    parser.add_argument("--self-test", action="store_true", help="run the built app's self-test")
    args = parser.parse_args(argv)
    try:
        bundle = build(clean=args.clean)
    except subprocess.CalledProcessError as error:
        print(f"build.py: PyInstaller failed (exit code {error.returncode}).", file=sys.stderr)
        return 1
    print(f"Built {bundle}")
    if args.self_test:
        return self_test(bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
