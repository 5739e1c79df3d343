"""packaging/linux/install.sh into a scratch home: the app, its menu entry (opening .mdesk case
files), the case file type and the icons land where the desktop looks, nothing is left behind
that would hide icons installed later (a per-user icon-theme.cache), and --uninstall removes
what it put there."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "linux" / "install.sh"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="install.sh is for Linux")


@pytest.fixture
def installed(tmp_path: Path) -> dict[str, Path]:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    program = bundle / "mediator-desk"
    program.write_text("#!/bin/sh\necho fictional program\n", encoding="utf-8")
    program.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    result = subprocess.run(
        ["sh", str(SCRIPT), str(bundle)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {"home": home, "data": home / "data", "env": env}  # type: ignore[dict-item]


def test_install_puts_the_app_the_menu_entry_the_file_type_and_the_icons_in_place(installed):
    home, data = installed["home"], installed["data"]
    app = home / ".local" / "lib" / "mediator-desk" / "mediator-desk"
    assert app.is_file()
    assert (home / ".local" / "bin" / "mediator-desk").resolve() == app
    entry = (data / "applications" / "mediator-desk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}" %f' in entry.splitlines()
    assert "MimeType=application/x-mediator-desk-casefile;" in entry.splitlines()
    assert (data / "mime" / "packages" / "mediator-desk-casefile.xml").is_file()
    if shutil.which("update-mime-database"):
        globs = (data / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-mediator-desk-casefile:*.mdesk" in globs
    icons = data / "icons" / "hicolor"
    assert (icons / "48x48" / "apps" / "mediator-desk.png").is_file()
    assert (icons / "scalable" / "apps" / "mediator-desk.svg").is_file()
    assert not (icons / "icon-theme.cache").exists()


def test_the_menu_entry_is_valid():
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed")
    entry = ROOT / "packaging" / "linux" / "mediator-desk.desktop"
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_uninstall_removes_what_install_put_there(installed):
    home, data = installed["home"], installed["data"]
    result = subprocess.run(
        ["sh", str(SCRIPT), "--uninstall"],
        env=installed["env"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (home / ".local" / "lib" / "mediator-desk").exists()
    assert not (home / ".local" / "bin" / "mediator-desk").is_symlink()
    assert not (data / "applications" / "mediator-desk.desktop").exists()
    assert not (data / "mime" / "packages" / "mediator-desk-casefile.xml").exists()
    assert not list((data / "icons").rglob("mediator-desk.*"))
    assert not (data / "icons" / "hicolor" / "icon-theme.cache").exists()
