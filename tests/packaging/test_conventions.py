"""What pyproject.toml and the packaging files promise, checked without building anything: one
source for the version, every run-time import declared, the licence, both entry points, and
.mdesk case files associated with the app on Linux, Windows and macOS."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from mediator_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
MIME_TYPE = "application/x-mediator-desk-casefile"


def name_of(requirement: str) -> str:
    """A requirement's distribution name, normalised as PEP 503 does."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def third_party_imports() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "mediator_desk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"mediator_desk", "__future__"}


def test_every_third_party_import_is_a_declared_dependency():
    declared = {name_of(requirement) for requirement in PROJECT["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    undeclared = {
        module: distributions.get(module)
        for module in third_party_imports()
        if not {name_of(d) for d in distributions.get(module, [module])} & declared
    }
    assert undeclared == {}


def test_the_version_is_kept_in_mediator_desk_init_alone():
    assert "version" not in PROJECT
    assert "version" in PROJECT["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "mediator_desk.__version__"
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    others = [
        ROOT / "packaging" / "windows" / "mediator-desk.iss",
        ROOT / "packaging" / "mediator-desk.spec",
        ROOT / "packaging" / "README.md",
        ROOT / "README.md",
    ]
    for path in others:
        assert __version__ not in path.read_text(encoding="utf-8"), path.name


def test_the_changelog_has_a_section_for_the_version_or_only_unreleased_changes():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", text, re.MULTILINE)
    assert not releases or releases[0] == __version__


def test_the_licence_is_an_spdx_expression_with_its_file():
    assert PROJECT["license"] == "LicenseRef-Proprietary"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert "Mediator Desk" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    # SPDX expressions in `license` need setuptools 77 or newer to build.
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]


def test_the_console_and_the_windowed_entry_points():
    assert PROJECT["scripts"] == {"mediator-desk": "mediator_desk.cli:main"}
    assert PROJECT["gui-scripts"] == {"mediator-desk-gui": "mediator_desk.cli:main"}


def test_the_linux_menu_entry_opens_case_files():
    entry = (ROOT / "packaging" / "linux" / "mediator-desk.desktop").read_text(encoding="utf-8")
    lines = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert lines["MimeType"] == f"{MIME_TYPE};"
    assert lines["Exec"] == "mediator-desk %f"
    mime = (ROOT / "packaging" / "linux" / "mediator-desk-casefile.xml").read_text(encoding="utf-8")
    assert f'<mime-type type="{MIME_TYPE}">' in mime
    assert '<glob pattern="*.mdesk"/>' in mime
    script = (ROOT / "packaging" / "linux" / "install.sh").read_text(encoding="utf-8")
    assert "update-mime-database" in script


def test_the_windows_installer_associates_case_files():
    script = (ROOT / "packaging" / "windows" / "mediator-desk.iss").read_text(encoding="utf-8")
    assert re.search(r"^ChangesAssociations=yes$", script, re.MULTILINE)
    registry = script.split("[Registry]", 1)[1].split("\n[", 1)[0]
    assert 'Subkey: "Software\\Classes\\.mdesk"' in registry
    assert '"""{app}\\{#AppExe}"" ""%1"""' in registry
    assert "uninsdeletekey" in registry


def test_the_mac_app_declares_case_files():
    spec = (ROOT / "packaging" / "mediator-desk.spec").read_text(encoding="utf-8")
    assert '"CFBundleDocumentTypes"' in spec
    assert '"UTExportedTypeDeclarations"' in spec
    assert '"public.filename-extension": ["mdesk"]' in spec
    assert f'"public.mime-type": "{MIME_TYPE}"' in spec


LOCKS = (
    "requirements.lock",
    "requirements-dev.lock",
    "requirements-mutate.lock",
    "packaging/requirements-build.lock",
)


def locked(lock: str) -> dict[str, tuple[str, int]]:
    """A lock's packages: name -> (version, how many hashes)."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    packages: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        match = re.match(r"([A-Za-z0-9._-]+)==([^ ;\\\n]+)", block)
        assert match, f"{lock}: not an exact pin: {block.splitlines()[0]}"
        hashes = re.findall(r"--hash=sha256:[0-9a-f]{64}\b", block)
        packages[name_of(match.group(1))] = (match.group(2), len(hashes))
    return packages


def test_every_lock_pins_every_package_with_its_hashes_and_they_agree():
    runtime = locked("requirements.lock")
    for lock in LOCKS:
        packages = locked(lock)
        assert {name for name, (_, hashes) in packages.items() if hashes == 0} == set(), lock
        assert {
            name: (version, runtime[name][0])
            for name, (version, _) in packages.items()
            if name in runtime and runtime[name][0] != version
        } == {}, lock
        assert set(runtime) <= set(packages), lock
    # Wheels for Windows and macOS too, not only this machine's.
    assert runtime["pyside6-essentials"][1] >= 3
    assert runtime["sqlcipher3"][1] >= 3
    dev, mutate = locked("requirements-dev.lock"), locked("requirements-mutate.lock")
    for name in ("jsonschema", "pytest-randomly", "pytest-timeout", "types-reportlab"):
        assert name in dev
    assert mutate["mutmut"][0] == "3.8.1"
    assert set(dev) <= set(mutate)
    assert runtime["pillow"][0] == importlib.metadata.version("pillow")
    setuptools = locked("packaging/requirements-build.lock")["setuptools"][0]
    assert int(setuptools.split(".")[0]) >= 77


def test_dev_py_installs_only_what_the_lock_hashes():
    source = (ROOT / "dev.py").read_text(encoding="utf-8")
    assert '"install", "--require-hashes", "-r", str(lock)' in source
