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


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Which of the package's modules each module imports, type-checking imports included
    (`from .x import Y` counts as an import of module x.Y when that is a module)."""
    known = {module_name(path): path for path in modules("")}
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                for alias in node.names:
                    sub = f"{module}.{alias.name}"
                    targets.add(sub if sub in known else module)
        graph[name] = {t for t in targets if t in known and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), as sorted names."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_cycle():
    """services/ and the tabs stay easy to change: each module can be read on its own."""
    graph = {
        name: {target for target in targets if not name.startswith(f"{target}.")}
        for name, targets in import_graph().items()
    }  # a module importing its own package's __init__ is how Python packages work
    assert cycles(graph) == []


def test_the_cycle_detector_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_use_cases_live_in_the_services_package():
    for old in ("services.py", "statement_service.py", "document_service.py", "exchange.py"):
        assert not (PACKAGE / old).exists(), old
    for path in modules("services"):
        for name in imported_names(path):
            assert not name.startswith(("mediator_desk.ui", "PySide6")), f"{path.name}: {name}"


def test_the_store_never_imports_a_use_case():
    for path in modules("store"):
        for name in imported_names(path):
            assert not name.startswith("mediator_desk.services"), f"{path.name} imports {name}"


MAX_LINES = 600
# Modules allowed over MAX_LINES for now, each with the reason; none may be added lightly.
LONG_MODULES: dict[str, str] = {}


def test_no_module_is_over_600_lines():
    """Modules stay small enough to read and change: one responsibility a module."""
    long = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in modules("")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert {name: n for name, n in long.items() if name not in LONG_MODULES} == {}


def test_every_long_module_exception_is_still_needed():
    """An exception is dropped as soon as its module is split, so it cannot hide a new one."""
    for name in LONG_MODULES:
        path = PACKAGE / name
        assert path.exists(), f"{name} no longer exists: drop its exception"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines > MAX_LINES, f"{name} has {lines} lines: drop its exception"


def attributes_used_but_never_set(sources: list[str], known: set[str]) -> set[str]:
    """`self.x` read in any of `sources` (the classes of one object) that none of them sets,
    defines or declares, and that is not in `known` (what the Qt base class has)."""
    defined: set[str] = set()
    used: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                defined.add(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                defined.update(t.id for t in targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "self":
                (defined if isinstance(node.ctx, ast.Store) else used).add(node.attr)
    return used - defined - known


def test_the_main_window_parts_use_only_what_the_window_has():
    """The window's parts (ui/window/) are mixins sharing its attributes: one that reads an
    attribute no part sets would fail only when a mediator clicks the menu item."""
    from PySide6.QtWidgets import QMainWindow

    paths = [PACKAGE / "ui" / "main_window.py", *modules("ui/window")]
    sources = [path.read_text(encoding="utf-8") for path in paths]
    assert attributes_used_but_never_set(sources, set(dir(QMainWindow))) == set()


def test_the_attribute_check_finds_an_attribute_nobody_sets():
    part = "class Part:\n    def go(self):\n        self.label.setText(self.missing)\n"
    window = "class Window(Part):\n    def __init__(self):\n        self.label = None\n"
    assert attributes_used_but_never_set([part, window], set()) == {"missing"}
