"""The app's bundled icons (see mediator_desk/paths.py for where they live)."""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from ..paths import resources_dir


@functools.cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons/NAME.svg (an empty icon if it is missing); read once."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
