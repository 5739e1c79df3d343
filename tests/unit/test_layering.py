"""The layers in DESIGN.md section 2 stay true: the domain is pure, SQL lives in store/, and
only ui/ (and the app bootstrap) import Qt."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mediator_desk"
SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX"
    r"|TRIGGER|VIRTUAL)|DROP\s+TABLE|PRAGMA\s+\w+)\b",
    re.DOTALL,
)  # The project writes SQL keywords in capitals, which keeps this check free of false alarms.


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    """Absolute module names a file imports, with relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
    return names


def test_domain_imports_only_the_standard_library_and_itself():
    forbidden = ("PySide6", "sqlite3", "sqlite_utils", "docx", "reportlab", "platformdirs")
    for path in modules("domain"):
        for name in imported_names(path):
            assert not name.startswith(forbidden), f"{path.name} imports {name}"
            if name.startswith("mediator_desk"):
                assert name.startswith("mediator_desk.domain"), f"{path.name} imports {name}"


def test_only_ui_and_the_app_bootstrap_import_qt():
    for path in modules(""):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("ui/") or relative == "app.py":
            continue
        for name in imported_names(path):
            assert not name.startswith("PySide6"), f"{relative} imports {name}"


def test_store_and_documents_do_not_import_ui_or_services():
    for folder in ("store", "documents", "domain", "reports"):
        for path in modules(folder):
            for name in imported_names(path):
                for upper in ("mediator_desk.ui", "mediator_desk.services", "mediator_desk.app"):
                    assert not name.startswith(upper), f"{path.name} imports {name}"


def test_sql_appears_only_in_store():
    for path in modules(""):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not SQL.search(node.value), f"SQL in {relative}: {node.value[:60]!r}"
        for name in imported_names(path):
            assert name not in ("sqlite3", "sqlite_utils"), f"{relative} imports {name}"


def test_the_sql_detector_finds_sql():
    assert SQL.search("SELECT id FROM cases")
    assert SQL.search("PRAGMA user_version")
    assert not SQL.search("Select a case from the casebook, or press Ctrl+N")


def test_importing_the_core_leaves_qt_unloaded():
    code = (
        "import sys; import mediator_desk.services, mediator_desk.cli;"
        "import mediator_desk.store.casefile;"
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    assert out.stdout.strip() == "False"
