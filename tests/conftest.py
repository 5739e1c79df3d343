"""Shared fixtures: a fresh case file per test, fictional cases, offscreen Qt, fixed dates."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import faulthandler
import hashlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from mediator_desk.domain.case import Case, CaseKind, CaseStatus, DecisionKind
from mediator_desk.domain.parents import ParentCarer
from mediator_desk.services import Desk, open_desk

# No property-test example has a deadline: a busy machine made one take 497 ms against the
# default 200 ms, and failed a run. Speed is measured by the benchmarks, not by the suite.
settings.register_profile("mediator_desk", deadline=None)
settings.load_profile("mediator_desk")

# Tests never read the real clock: every date is fixed.
TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 30, 0)


def slow_size(full: int, ci: int) -> int:
    """How many trials (or examples) a slow test runs: `ci` under `python3 dev.py test --all`
    (MEDIATOR_DESK_SLOW_TESTS=ci, so the whole suite fits CI's time), else `full`."""
    return ci if os.environ.get("MEDIATOR_DESK_SLOW_TESTS") == "ci" else full


def fixed_today() -> dt.date:
    return TODAY


def fixed_clock() -> dt.datetime:
    return NOW


def home_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for the app as a separate process: off-screen, with a home of its own,
    so nothing of the real user's is read or written."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        **extra,
    )


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def picture(size: tuple[int, int] = (40, 30), fmt: str = "PNG", note: str = "") -> bytes:
    """A real picture (a flat colour), optionally carrying `note` as a PNG text chunk."""
    from io import BytesIO

    from PIL import Image, PngImagePlugin

    buffer = BytesIO()
    extra: dict[str, object] = {}
    if note:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", note)
        extra["pnginfo"] = info
    Image.new("RGB", size, (30, 120, 90)).save(buffer, fmt, **extra)
    return buffer.getvalue()


def make_case(**overrides: object) -> Case:
    """A valid fictional mediation case; override any field."""
    fields: dict[str, object] = dict(
        kind=CaseKind.MEDIATION,
        status=CaseStatus.ENQUIRY,
        child_name="Lowenna Tregothnan",
        child_dob=dt.date(2015, 5, 14),
        parents=(ParentCarer("Morwenna Tregothnan", "Mother"),),
        local_authority="Fernleigh County Council",
        decision_kind=DecisionKind.NOT_TO_ASSESS,
        decision_date=dt.date(2026, 11, 2),
        notes="Fictional case for tests.",
    )
    fields.update(overrides)
    return Case(**fields)


def seal_with_an_addendum(desk: Desk, case: Case, people: list[int]) -> None:
    """Each person confirms the statement in writing (the first on the meeting day, the rest
    today), it is sealed, and a correction is confirmed and sealed after it as an addendum."""
    from mediator_desk.domain.statement import ConfirmedHow

    statement = desk.statement
    statement.confirm(case, people[0], ConfirmedHow.IN_WRITING, case.meeting_date)
    for person in people[1:]:
        statement.confirm(case, person, ConfirmedHow.IN_WRITING)
    statement.seal(case)
    addendum = statement.add_addendum(case.id, "The review month was misheard")
    addendum = statement.update_addendum(addendum.id, {"text": "The review is in June."})
    for person in people:
        statement.confirm_addendum(case, addendum, person, ConfirmedHow.IN_WRITING)
    statement.seal_addendum(case, addendum)


@pytest.hookimpl(trylast=True)  # after pytest-randomly has chosen its seed
def pytest_configure(config: pytest.Config) -> None:
    """One seed for the whole run: the property tests draw their examples from the seed
    pytest-randomly prints at the top (unless --hypothesis-seed is given), so a failed run is
    repeated exactly, its order and every example tried, with `--randomly-seed=N`. This is
    what Hypothesis's own plugin does with --hypothesis-seed."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int) and config.getoption("hypothesis_seed", None) is None:
        from hypothesis import core

        core.global_force_seed = seed


STUCK_AFTER_S = 60  # past its timeout, a test pytest-timeout could not stop ends the run


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """pytest-timeout fails a test that runs past its limit, but one it cannot stop (stuck in C
    code, or waiting on a thread that never ends) would stall the run: a minute later every
    thread's stack is printed and the run ends, failed."""
    marker = item.get_closest_marker("timeout")
    limit = float(marker.args[0]) if marker else float(item.config.getini("timeout") or 0)
    timer = None
    if limit > 0:
        timer = threading.Timer(limit + STUCK_AFTER_S, _abandon_the_run, (item, limit))
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        if timer is not None:
            timer.cancel()


def _abandon_the_run(item: pytest.Item, limit: float) -> None:
    capture = item.config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=True)
    sys.stderr.write(
        f"\n{item.nodeid} is still running {STUCK_AFTER_S} s after its {limit:.0f} s timeout "
        "and cannot be stopped; every thread's stack follows, then the run ends.\n"
    )
    sys.stderr.flush()
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    os._exit(1)


@pytest.fixture
def casefile_path(tmp_path: Path) -> Path:
    return tmp_path / "casebook.mdesk"


@pytest.fixture
def desk(casefile_path: Path) -> Iterator[Desk]:
    opened = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user's data, settings or case file."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.delenv("MEDIATOR_DESK_CASEFILE", raising=False)
    monkeypatch.delenv("MEDIATOR_DESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("MEDIATOR_DESK_KEYS", raising=False)  # signing keys: the data folder
