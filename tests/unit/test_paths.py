"""Where the app finds forms/, resources/ and the user guide: in a PyInstaller bundle, inside an
installed package (the wheel carries them there), or beside the package in the source tree."""

from __future__ import annotations

from pathlib import Path

from mediator_desk import paths

ROOT = Path(__file__).resolve().parents[2]


def test_from_the_source_tree_the_folders_are_beside_the_package():
    assert paths.app_root() == ROOT
    assert (paths.forms_dir() / "outcome-statement.toml").is_file()
    assert (paths.resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert (paths.guide_dir() / "index.md").is_file()


def test_an_installed_package_carries_them_inside_itself(tmp_path):
    package = tmp_path / "site-packages" / "mediator_desk"
    (package / "forms").mkdir(parents=True)
    assert paths.find_root(package, bundle=None) == package


def test_a_source_tree_package_has_them_one_folder_up(tmp_path):
    package = tmp_path / "checkout" / "mediator_desk"
    package.mkdir(parents=True)
    (tmp_path / "checkout" / "forms").mkdir()
    assert paths.find_root(package, bundle=None) == tmp_path / "checkout"


def test_a_pyinstaller_bundle_has_them_at_its_top(tmp_path):
    package = tmp_path / "_internal" / "mediator_desk"
    (package / "forms").mkdir(parents=True)  # even if a copy were there, the bundle's top wins
    assert paths.find_root(package, bundle=str(tmp_path / "_internal")) == tmp_path / "_internal"
