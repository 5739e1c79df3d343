"""Writing a service report to a file, anonymised, as CSV, PDF or JSON.

Every format is made from the same ShownReport (shown.py), so the small-count rules are applied
once and the three files always hide the same counts. A file is written whole or not at all:
into a temporary file beside the target, which then replaces it."""

from __future__ import annotations

import errno
from pathlib import Path

from ..documents.export import write_atomically
from ..documents.model import Letterhead
from ..domain.reporting import ServiceReport
from ..store.errors import CaseFileError
from .shown import shown_report

FORMATS = ("csv", "pdf", "json")


class ReportNotWritten(CaseFileError):
    """The report file could not be written; the message says why and what to do."""


def render_report(report: ServiceReport, fmt: str, letterhead: Letterhead | str = "") -> bytes:
    """The anonymised report as the bytes of a CSV, PDF or JSON file, under the service's
    letterhead (or just its name)."""
    head = letterhead if isinstance(letterhead, Letterhead) else Letterhead(service=letterhead)
    shown = shown_report(report)
    if fmt == "csv":
        from .csv_report import render_csv

        return render_csv(shown)
    if fmt == "json":
        from .json_report import render_json

        return render_json(shown, head.service)
    if fmt == "pdf":
        from .pdf_report import render_pdf_report  # reportlab is loaded only when needed

        return render_pdf_report(shown, head)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_report(
    report: ServiceReport, path: Path, fmt: str, letterhead: Letterhead | str = ""
) -> Path:
    """Write the anonymised report to `path` (replacing it if it exists); ReportNotWritten
    explains in plain English why a file could not be written."""
    data = render_report(report, fmt, letterhead)
    folder = path.parent
    if path.is_dir():
        raise ReportNotWritten(f"{path} is a folder; choose a file name for the report.", path)
    if not folder.is_dir():
        raise ReportNotWritten(
            f"The folder {folder} does not exist, so {path.name} was not written; choose "
            "another folder.",
            path,
        )
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ReportNotWritten(_reason(error, path), path) from error
    return path


def _reason(error: OSError, path: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full, so {path.name} was not written. Free some space and try again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"{path.name} could not be written: the folder {path.parent} cannot be written to "
            "(it may be read-only, or the file may be open in another program). Choose "
            "another folder."
        )
    if error.errno == errno.ENOENT:
        return f"The folder {path.parent} is no longer there, so {path.name} was not written."
    reason = error.strerror or type(error).__name__
    return f"{path.name} could not be written ({reason}); nothing was changed."
