"""Write documents to disk atomically: a temporary file beside the target, then a rename, so a
failed export never leaves a broken file where the real one should be."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Document

if TYPE_CHECKING:
    from .signing import SigningPlan

FORMATS = ("docx", "pdf")


def render(document: Document, fmt: str) -> bytes:
    if fmt == "pdf":
        from .pdf_renderer import render_pdf  # reportlab is loaded only when exporting

        return render_pdf(document)
    if fmt == "docx":
        from .docx_renderer import render_docx

        return render_docx(document)
    raise ValueError(f"unknown format {fmt!r}")


def render_signed(document: Document, fmt: str, plan: SigningPlan | None) -> bytes:
    """The document rendered; a PDF signed as `plan` says, when there is one (signing.py)."""
    data = render(document, fmt)
    if fmt == "pdf" and plan is not None:
        from .signing import sign  # pyHanko is loaded only when a document is signed

        data = sign(data, plan.identity, plan.record, plan.reason, plan.when)
    return data


def file_name(document: Document, fmt: str) -> str:
    return f"{document.reference} {document.kind}.{fmt}"


def file_kind(path: Path, reference: str) -> str | None:
    """The document kind a file was exported as ('REF kind.pdf' or 'REF kind (2).pdf'), or
    None for a file not named that way."""
    stem = re.sub(r" \(\d+\)$", "", path.stem)
    prefix = f"{reference} "
    return stem[len(prefix) :] if stem.startswith(prefix) and len(stem) > len(prefix) else None


def write_atomically(target: Path, data: bytes, *, replace: bool = True) -> None:
    """With replace=False an existing file is never replaced, even one that appears while this
    is writing: FileExistsError instead, and nothing is left behind."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, target)
        else:
            _move_if_free(Path(temporary), target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _move_if_free(temporary: Path, target: Path) -> None:
    """A hard link fails if the target exists, so no other file is ever replaced; where links
    are not supported (FAT USB sticks), the name is checked just before the rename."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists() or target.is_symlink():
            raise FileExistsError(17, "File exists", str(target)) from None
        os.rename(temporary, target)
        return
    temporary.unlink()


def numbered(target: Path, number: int) -> Path:
    """'name.pdf' as 'name (2).pdf': the name a second copy is kept under."""
    return target if number < 2 else target.with_name(f"{target.stem} ({number}){target.suffix}")


def write_new(target: Path, data: bytes) -> Path:
    """Write under target's name, or 'name (2)', 'name (3)'... if that is taken: an earlier
    file is never replaced. Returns the name written."""
    for number in range(1, 10_000):
        candidate = numbered(target, number)
        if candidate.exists() or candidate.is_symlink():
            continue
        try:
            write_atomically(candidate, data, replace=False)
        except FileExistsError:
            continue  # taken meanwhile: try the next number
        return candidate
    raise FileExistsError(17, "Too many copies of this file already", str(target))


def export(
    document: Document, folder: Path, fmt: str, *, replace: bool = True,
    plan: SigningPlan | None = None,
) -> Path:  # fmt: skip
    target = folder / file_name(document, fmt)
    write_atomically(target, render_signed(document, fmt, plan), replace=replace)
    return target
