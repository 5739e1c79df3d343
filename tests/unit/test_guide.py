"""The user guide (docs/guide) holds together: every link and picture is there, every page can
be reached from the contents, and the keyboard page names only shortcuts the app defines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
UI = ROOT / "mediator_desk" / "ui"
PAGES = sorted(GUIDE.glob("*.md"))
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
KEYS = re.compile(r"`((?:Ctrl|Alt|Shift|Meta|F\d{1,2}|Esc)[^`]*)`")
PORTABLE = QKeySequence.SequenceFormat.PortableText


def links(page: Path) -> list[str]:
    return LINK.findall(page.read_text(encoding="utf-8"))


def normal(keys: str) -> str:
    return QKeySequence(keys).toString(PORTABLE)


def test_the_guide_has_pages():
    assert (GUIDE / "index.md").exists()
    assert len(PAGES) > 5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_and_picture_is_there(page: Path):
    for target in links(page):
        assert "://" not in target or target.startswith("https://"), target
        if target.startswith("https://"):
            continue
        assert not target.startswith("/"), f"{page.name}: {target} must be relative"
        assert "#" not in target, f"{page.name}: {target}: the in-app viewer has no anchors"
        assert (page.parent / target).resolve().exists(), f"{page.name}: {target} is missing"


def test_every_page_is_reachable_from_the_contents():
    seen, todo = set(), [GUIDE / "index.md"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for target in links(page):
            path = (page.parent / target).resolve()
            if path.suffix == ".md" and path.parent == GUIDE.resolve():
                todo.append(path)
    assert {p.name for p in PAGES} == {p.name for p in seen}


def test_pictures_fit_the_in_app_viewer(qapp):
    from PySide6.QtGui import QImage

    for picture in (GUIDE / "images").glob("*.png"):
        assert QImage(str(picture)).width() <= 900, picture.name


def defined_shortcuts(files: list[Path]) -> set[str]:
    """Every key sequence the code names: string literals that parse as keys (f-strings with a
    number in them stand for 1 to 9), standard keys by Qt's bindings, and Qt.Key names."""
    found: set[str] = set()
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if re.fullmatch(r"(Ctrl|Alt|Shift|Meta)\+\S+|F\d{1,2}", node.value):
                    found.add(normal(node.value))
            elif isinstance(node, ast.JoinedStr):
                parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
                template = "".join(str(p) for p in parts)
                if re.fullmatch(r"(Ctrl|Alt|Shift)\+\S*\{\}", template):
                    found.update(normal(template.format(n)) for n in range(1, 10))
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
                if node.value.attr == "StandardKey":
                    standard = getattr(QKeySequence.StandardKey, node.attr)
                    found.update(k.toString(PORTABLE) for k in QKeySequence.keyBindings(standard))
                elif node.value.attr == "Key" and node.attr.startswith("Key_"):
                    found.add(normal(node.attr.removeprefix("Key_").replace("Escape", "Esc")))
    return found


def guide_shortcuts() -> set[str]:
    text = (GUIDE / "keyboard.md").read_text(encoding="utf-8")
    return {normal(keys) for keys in KEYS.findall(text)}


def test_the_keyboard_page_names_only_shortcuts_the_app_defines(qapp):
    defined = defined_shortcuts(sorted(UI.rglob("*.py")))
    named = guide_shortcuts()
    assert len(named) > 20
    # Ctrl+Y is Redo on Windows; Qt's bindings here are those of the platform running the tests.
    assert named - defined <= {normal("Ctrl+Y")}, named - defined


def test_every_menu_shortcut_is_on_the_keyboard_page(qapp):
    named = guide_shortcuts()
    source = (UI / "main_window.py").read_text(encoding="utf-8")
    literals = {normal(k) for k in re.findall(r'QKeySequence\("([^"]+)"\)', source)}
    assert literals, "no shortcuts found in main_window.py"
    assert literals <= named, literals - named
    for name in re.findall(r"QKeySequence\.StandardKey\.(\w+)", source):
        bindings = QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, name))
        assert {k.toString(PORTABLE) for k in bindings} & named, name
