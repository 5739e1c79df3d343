"""Puts the app's own files into the package when a wheel is built: forms/, resources/ and the
user guide live at the top of the source tree (where the PyInstaller spec and the source
checkout read them), and an installed package has no source tree, so mediator_desk/paths.py
looks for them inside the package. An editable install reads them from the source tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# The folders and files copied into mediator_desk/ in a wheel (MANIFEST.in puts them in the
# source distribution). The guide links to the two pages beside it.
APP_FILES = (
    "forms/*.toml",
    "resources/fonts/*",
    "resources/icons/*.svg",
    "resources/dictionaries/*",  # the spelling dictionary, its licence and its account
    "docs/guide/*.md",
    "docs/guide/images/*.png",
    "docs/deadlines.md",
    "docs/law.md",
)


def app_files() -> list[Path]:
    return sorted(path for pattern in APP_FILES for path in HERE.glob(pattern) if path.is_file())


class BuildWithAppFiles(build_py):
    """build_py, then the app's files copied under mediator_desk/ in the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # runs from the source tree, which has them already
            return
        for source in app_files():
            target = Path(self.build_lib, "mediator_desk", source.relative_to(HERE))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        package = Path(self.build_lib, "mediator_desk")
        extra = [str(package / path.relative_to(HERE)) for path in app_files()]
        return [*super().get_outputs(include_bytecode), *extra]


setup(cmdclass={"build_py": BuildWithAppFiles})
