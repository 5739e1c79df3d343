"""Export speed of every document kind in both formats, warm (python3 dev.py bench).

Targets (issue 7): a certificate under 50 ms and a 20-page outcome statement under 300 ms in
each format."""

from __future__ import annotations

import statistics
import time

import pytest

from mediator_desk.documents.export import render
from mediator_desk.domain.statement import Issue, Outcome

pytestmark = pytest.mark.benchmark


def timed(fn, repeats=5):
    fn()  # warm: fonts registered, modules imported
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def test_document_export_speed(desk):
    desk.load_demo_cases()
    sian = desk.case_by_reference("MD-2026-0002")
    # A long statement: 8 issues of about 450 words each (about 20 pages).
    for n in range(8):
        desk.statement.issues.add(
            sian.id,
            Issue(
                f"Issue {n + 1}",
                "\n".join(f"- Point {k}: " + "the parties discussed " * 10 for k in range(30)),
                Outcome.PARTLY_AGREED,
            ),
        )
    zofia = desk.case_by_reference("MD-2026-0003")
    print()
    for label, case, kind, extra in (
        ("certificate", zofia, "certificate-not-pursued", None),
        ("meeting letter", sian, "meeting-letter", None),
        ("outcome statement (long)", sian, "outcome-statement", None),
    ):
        document = desk.documents.build(case, kind, extra)
        for fmt in ("pdf", "docx"):
            median = timed(lambda d=document, f=fmt: render(d, f))
            pages = ""
            if fmt == "pdf":
                import io

                from pypdf import PdfReader

                pages = f", {len(PdfReader(io.BytesIO(render(document, fmt))).pages)} pages"
            print(f"{label:28} {fmt:4} {median:7.1f} ms (median of 5{pages})")
