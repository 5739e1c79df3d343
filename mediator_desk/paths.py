"""Where the app's bundled files are: beside the package when run from source, or inside a
PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def forms_dir() -> Path:
    return app_root() / "forms"


def guide_dir() -> Path:
    """The user guide (Markdown with its pictures), shown by Help ▸ User guide."""
    return app_root() / "docs" / "guide"
