"""Write documents to disk atomically: a temporary file beside the target, then a rename, so a
failed export never leaves a broken file where the real one should be."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .model import Document

FORMATS = ("docx", "pdf")


def render(document: Document, fmt: str) -> bytes:
    if fmt == "pdf":
        from .pdf_renderer import render_pdf  # reportlab is loaded only when exporting

        return render_pdf(document)
    if fmt == "docx":
        from .docx_renderer import render_docx

        return render_docx(document)
    raise ValueError(f"unknown format {fmt!r}")


def file_name(document: Document, fmt: str) -> str:
    return f"{document.reference} {document.kind}.{fmt}"


def write_atomically(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export(document: Document, folder: Path, fmt: str) -> Path:
    target = folder / file_name(document, fmt)
    write_atomically(target, render(document, fmt))
    return target
