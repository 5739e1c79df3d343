"""Where the app's own files (forms/, resources/, docs/guide/) are: at the top of a PyInstaller
bundle, inside the installed package (a wheel carries them there), or beside the package in
the source tree (and in an editable install, which runs from it)."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def find_root(package: Path, bundle: str | None) -> Path:
    """The folder holding forms/, resources/ and docs/ for a package at `package`, or in the
    PyInstaller bundle unpacked at `bundle`."""
    if bundle:
        return Path(bundle)
    if (package / "forms").is_dir():
        return package
    return package.parent


def app_root() -> Path:
    return find_root(PACKAGE, getattr(sys, "_MEIPASS", None))


def resources_dir() -> Path:
    return app_root() / "resources"


def forms_dir() -> Path:
    return app_root() / "forms"


def guide_dir() -> Path:
    """The user guide (Markdown with its pictures), shown by Help ▸ User guide."""
    return app_root() / "docs" / "guide"
