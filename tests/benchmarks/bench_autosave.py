"""Autosave latency: one edit written in its own transaction (WAL, synchronous=FULL)."""

from __future__ import annotations

import statistics
import time

import pytest

from tests.conftest import make_case

pytestmark = pytest.mark.benchmark


def test_autosave_latency(desk):
    case = desk.create_case(make_case())
    timings = []
    for n in range(300):
        start = time.perf_counter()
        desk.update_case(case.id, {"notes": f"Notes typed so far, revision {n}. " * 20})
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    print(f"\nautosave of one edit: p50 {p50:.2f} ms, p95 {p95:.2f} ms ({len(timings)} edits)")
