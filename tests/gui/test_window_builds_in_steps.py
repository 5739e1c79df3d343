"""The window stays responsive while a case file opens: what the case tabs need is imported on
a worker thread, and the tabs are built a page per turn of the event loop. Built at once, on
the GUI thread, they held the window for 0.36 s at start-up, and the first case opened
another 0.14 s while the holidays package loaded (the day's benchmark at 50,000 cases)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mediator_desk.ui.case.workspace import CaseWorkspace
from mediator_desk.ui.window import cases
from tests.conftest import fixed_today

PAGES = ("overview", "people", "preparation", "child_views", "actions_tab", "meeting")


def test_a_workspace_built_in_steps_builds_a_page_a_step_and_hears_of_changes_when_whole(
    qtbot, desk
):
    workspace = CaseWorkspace(desk, in_steps=True)
    qtbot.addWidget(workspace)
    assert workspace.tabs.count() == 0 and not hasattr(workspace, "changes")
    for built, _page in enumerate(PAGES, start=1):
        assert workspace.build_step()
        assert [hasattr(workspace, name) for name in PAGES] == [n < built for n in range(6)]
        # Its own from the start: its edits are found through the window it is part of.
        assert getattr(workspace, PAGES[built - 1]).window() is workspace
    assert workspace.build_step()  # the history and documents pages, the lightest two
    assert not workspace.built and workspace.tabs.count() == 0
    assert not workspace.build_step()
    assert workspace.built and workspace.tabs.count() == 8
    assert workspace.tabs.tabText(0) == "&Overview" and workspace.tabs.tabText(7) == "Histor&y"
    assert not workspace.build_step()  # built: nothing more to do
    case = desk.load_demo_cases()[0]
    workspace.show_case(case)
    workspace.changes.announce()  # the demo cases' own notifications
    heard: list[int] = []
    workspace.case_saved.connect(heard.append)
    desk.update_case(case.id, {"notes": "Rang the school."})
    qtbot.waitUntil(lambda: heard == [case.id])
    assert workspace.overview.notes.toPlainText() == "Rang the school."


def test_opening_a_case_file_imports_on_a_worker_then_builds_a_page_per_turn(
    qtbot, make_window, casefile_path, monkeypatch
):
    warmed_on: list[threading.Thread] = []
    real_warm_up = cases.warm_up

    def warm_up(today):
        warmed_on.append(threading.current_thread())
        assert today == fixed_today()
        real_warm_up(today)

    turns: list[str] = []
    real_step = CaseWorkspace.build_step
    monkeypatch.setattr(cases, "warm_up", warm_up)
    monkeypatch.setattr(
        CaseWorkspace, "build_step", lambda ws: turns.append("step") or real_step(ws)
    )
    window = make_window()
    real_turn = window._build_workspace_in_steps
    monkeypatch.setattr(
        window, "_build_workspace_in_steps", lambda: turns.append("turn") or real_turn()
    )
    assert window.open_casefile(casefile_path)
    assert window.workspace is None  # the casebook is listed; the tabs come after
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert warmed_on and warmed_on[0] is not threading.main_thread()
    # Each page was built in a turn of its own, scheduled by the one before.
    assert turns[0] == "turn" and turns == ["turn", "step"] * 8
    assert window.workspace.built and window.workspace.tabs.count() == 8
    window.close_casefile()


def test_the_certificate_reader_is_imported_on_a_worker_once_the_tabs_are_built(
    qtbot, make_window, casefile_path, monkeypatch
):
    """Sealing, a signed export and Settings read the signing certificate on the GUI thread
    (importing cryptography took about 0.1 s there): a worker imports it first, after the tabs,
    so the tabs do not wait for it; once, however many files are opened."""
    seen: list[tuple[threading.Thread, bool]] = []
    monkeypatch.setattr(
        cases, "warm_up_signing",
        lambda: seen.append((threading.current_thread(), window.workspace is not None)),
    )  # fmt: skip
    window = make_window()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: len(seen) == 1)
    ((thread, tabs_built),) = seen
    assert thread is not threading.main_thread() and tabs_built
    window.close_casefile()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: window.workspace is not None)
    qtbot.wait(200)
    assert len(seen) == 1


def fresh_interpreter(probe: str) -> str:
    """What `probe` prints in a new Python, where nothing is imported yet."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, check=True, env=env, timeout=120,
        cwd=Path(__file__).parents[2],
    )  # fmt: skip
    return result.stdout


def test_warming_up_for_signing_imports_the_certificate_reader():
    probe = (
        "import sys\n"
        "from mediator_desk.ui.window.cases import warm_up_signing\n"
        "print('cryptography.x509' in sys.modules)\n"
        "warm_up_signing()\n"
        "print('cryptography.x509' in sys.modules)\n"
    )
    assert fresh_interpreter(probe).split() == ["False", "True"]


def test_a_case_chosen_while_the_tabs_are_built_is_shown_at_once(qtbot, window, casefile_path):
    [first, *_] = window.desk.load_demo_cases()
    window.casebook.refresh()
    window.close_casefile()
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: window._workspace_building is not None)
    building = window._workspace_building
    assert not building.built
    window.show_case(first.id)
    assert window.workspace is building and building.built
    assert window.workspace.overview.case.id == first.id
    assert window.right.currentWidget() is window.workspace
    qtbot.wait(50)  # the next step, already scheduled, finds nothing left to build
    assert window.workspace is building and window._workspace_building is None


def test_a_case_file_closed_while_its_tabs_are_built_drops_them(
    qtbot, window, casefile_path, tmp_path
):
    path = casefile_path
    window.close_casefile()
    assert window.open_casefile(path)
    qtbot.waitUntil(lambda: window._workspace_building is not None)
    building = window._workspace_building
    destroyed: list[bool] = []
    building.destroyed.connect(lambda: destroyed.append(True))
    assert window.close_casefile()
    assert window._workspace_building is None and window.workspace is None
    qtbot.waitUntil(lambda: destroyed == [True])
    assert window.open_casefile(tmp_path / "other.mdesk")
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert window.workspace.desk is window.desk


def test_warming_up_imports_the_case_tabs_the_report_and_englands_holidays(tmp_path):
    """In a fresh interpreter, so that nothing is imported already."""
    probe = (
        "import datetime as dt, sys\n"
        "from mediator_desk.ui.window.cases import warm_up\n"
        "wanted = ['mediator_desk.ui.case.overview', 'mediator_desk.ui.case.documents_tab',\n"
        "          'mediator_desk.ui.reports', 'holidays.countries.united_kingdom']\n"
        "print(*[name in sys.modules for name in wanted])\n"
        "warm_up(dt.date(2026, 11, 30))\n"
        "print(*[name in sys.modules for name in wanted])\n"
    )
    lines = fresh_interpreter(probe).split("\n")
    assert lines[:2] == ["False False False False", "True True True True"]


def test_the_garbage_collector_waits_while_a_file_just_opened_is_checked(
    qtbot, settings, casefile_path
):
    """The check is seconds of Python on a worker at 50,000 cases; a full collection there
    would hold the window as the file opens (see test_worker)."""
    import functools
    import gc

    from mediator_desk.services import open_desk
    from mediator_desk.ui.main_window import MainWindow
    from tests.conftest import fixed_clock

    collecting: list[bool] = []

    def opener(*args, **kwargs):
        desk = open_desk(*args, **kwargs)
        check = desk.verify_on_open
        desk.verify_on_open = lambda: collecting.append(gc.isenabled()) or check()
        return desk

    window = MainWindow(
        settings, today=fixed_today, opener=functools.partial(opener, clock=fixed_clock),
        automatic_backups=False,
    )  # fmt: skip
    qtbot.addWidget(window)
    assert window.open_casefile(casefile_path)
    qtbot.waitUntil(lambda: not window.casefile_check_running and window.workspace is not None)
    assert collecting == [False]
    assert gc.isenabled()
    window.close_casefile()


def test_the_dashboard_is_counted_ahead_while_the_window_is_idle(
    qtbot, make_window, casefile_path, monkeypatch
):
    """Shown first at 50,000 cases, the dashboard counted every open case due at once (0.16 s
    on the GUI thread). Once the case tabs are built, the window counts it a few cases a turn;
    showing it then counts nothing."""
    from mediator_desk.services import dashboard, open_desk
    from tests.conftest import fixed_clock

    desk = open_desk(casefile_path, today=fixed_today, clock=fixed_clock)
    desk.load_demo_cases()
    desk.close()
    monkeypatch.setattr(cases, "DASHBOARD_AHEAD", 2)
    window = make_window()
    steps: list[bool] = []
    assert window.open_casefile(casefile_path)
    real = window.desk.count_dashboard_ahead
    monkeypatch.setattr(
        window.desk, "count_dashboard_ahead", lambda n: steps.append(real(n)) or steps[-1]
    )
    qtbot.waitUntil(lambda: steps[-1:] == [False])
    assert len(steps) >= 2 and all(steps[:-1])  # two cases a turn
    monkeypatch.setattr(dashboard, "track_case", lambda *_a: pytest.fail("counted when shown"))
    window.left_tabs.setCurrentWidget(window.dashboard)
    assert window.dashboard.model.rowCount() > 0
    window.close_casefile()
