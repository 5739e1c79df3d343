"""`mediator-desk self-test`: check this installation works end to end, in a temporary folder
that is removed afterwards, touching none of the user's data."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from ..domain.case import Case
from ..services import Desk, open_desk
from ..store.errors import CaseFileError

APP_ICONS = ("mediator-desk", "calendar")  # the icons the window shows, in resources/icons
# What an exported file must start with.
MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04"}  # a .docx is a zip archive


class SelfTestStepFailed(Exception):
    """A step of `self-test` went wrong; the message says which and why, in plain words."""


def self_test() -> int:
    import tempfile

    print(f"Mediator Desk {__version__} self-test")
    with tempfile.TemporaryDirectory(
        prefix="mediator-desk-self-test-", ignore_cleanup_errors=True
    ) as folder:
        from ..store.chain import KEY_FOLDER_ENV

        kept = os.environ.get(KEY_FOLDER_ENV)
        os.environ[KEY_FOLDER_ENV] = str(Path(folder) / "keys")  # no key left in the user's data
        try:
            rows = _self_test_steps(Path(folder))
        except SelfTestStepFailed as failure:
            print(f"self-test FAILED: {failure}", file=sys.stderr)
            return 1
        finally:
            if kept is None:
                os.environ.pop(KEY_FOLDER_ENV, None)
            else:
                os.environ[KEY_FOLDER_ENV] = kept
    print(f"ok  the window listed {rows} cases, and the service report counted them")
    print("self-test passed")
    return 0


def _self_test_steps(folder: Path) -> int:
    """Every step of `self-test` inside `folder`; returns the rows the window listed."""
    from ..app import SelfTestFailed, self_test_window
    from ..documents.build import KINDS

    _check_app_files(KINDS)
    casefile = folder / "self-test.mdesk"
    step = "creating a case file"
    try:
        desk = open_desk(casefile)
        try:
            print(f"ok  created a case file in a temporary folder: {casefile}")
            step = "loading the demo cases"
            added = desk.load_demo_cases()
            print(f"ok  loaded {len(added)} fictional demo cases")
            step = "choosing a certificate to export"
            case, kind = _first_certificate(desk, added, [k for k in KINDS if "certificate" in k])
            for fmt, magic in MAGIC.items():
                step = f"exporting the {kind} certificate of {case.reference} as {fmt.upper()}"
                path = desk.documents.export(case, kind, fmt, folder)
                head = path.read_bytes()[: len(magic)] if path.is_file() else b""
                if not head:
                    raise SelfTestStepFailed(f"{step}: {path.name} is empty or missing.")
                if head != magic:
                    raise SelfTestStepFailed(f"{step}: {path.name} is not a {fmt} file.")
                print(f"ok  exported {path.name} ({path.stat().st_size:,} bytes)")
                if fmt == "pdf":
                    step = f"checking the signature of {path.name}"
                    verdict = desk.signing.verify(path.read_bytes())
                    if not verdict.sound:
                        raise SelfTestStepFailed(f"{step}: {' '.join(verdict.lines)}")
                    print(f"ok  {path.name} is signed, unchanged and this case file's record")
        finally:
            desk.close()
        step = "reading the spelling dictionary"
        _check_spelling()
        step = "starting the window"
        rows = self_test_window(casefile, folder / "settings.ini")
    except (CaseFileError, SelfTestFailed) as error:
        message = error.message if isinstance(error, CaseFileError) else str(error)
        raise SelfTestStepFailed(f"{step}: {message}") from None
    except Exception as error:  # reported in plain words, never as a traceback
        raise SelfTestStepFailed(f"{step}: {error or type(error).__name__}") from None
    if rows != len(added):
        raise SelfTestStepFailed(f"the window listed {rows} cases; the case file has {len(added)}.")
    return rows


def _check_spelling() -> None:
    """The British English dictionary reads, and knows a British spelling from a wrong one."""
    from ..domain.spelling import Checker
    from ..services.spelling import SpellingUnavailable, british_english

    try:
        checker = Checker(british_english())
    except SpellingUnavailable as error:
        raise SelfTestStepFailed(str(error)) from None
    found = [m.word for m in checker.misspelt("The programme's colour: recieve")]
    if found != ["recieve"]:
        raise SelfTestStepFailed(f"the dictionary found {found}, not only “recieve”.")
    print("ok  the British English dictionary reads: colour and programme are right")


def _check_app_files(kinds: Iterable[str]) -> None:
    """Every file the documents and the window read, named if missing: an install without
    them can make no document, and should say so rather than fail further on."""
    from .. import paths
    from ..documents.pdf_renderer import FONT_FILES

    root = paths.app_root()
    needed = [paths.forms_dir() / f"{kind}.toml" for kind in kinds]
    needed += [paths.resources_dir() / "fonts" / name for name in FONT_FILES.values()]
    needed += [paths.resources_dir() / "icons" / f"{name}.svg" for name in APP_ICONS]
    needed.append(paths.guide_dir() / "index.md")
    missing = [path.relative_to(root).as_posix() for path in needed if not path.is_file()]
    if missing:
        count = f"{len(missing)} files are" if len(missing) > 1 else "1 file is"
        raise SelfTestStepFailed(
            f"checking the app's files: {count} missing from {root}: {', '.join(missing)}. "
            "Install Mediator Desk again."
        )
    print(f"ok  found the app's files in {root}")


def _first_certificate(desk: Desk, cases: list[Case], kinds: list[str]) -> tuple[Case, str]:
    """The first of `cases` that has one of the certificate `kinds` ready to make."""
    for case in cases:
        for kind in kinds:
            try:
                desk.documents.build(case, kind)
            except CaseFileError:  # not ready yet, e.g. a date still to record
                continue
            return case, kind
    raise SelfTestStepFailed("none of the demo cases has a certificate ready to make.")
