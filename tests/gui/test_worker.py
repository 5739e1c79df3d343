"""Background work reports on the GUI thread, and only to an owner that still exists."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool

from mediator_desk.ui.worker import run_in_background


def test_the_result_reaches_the_gui_thread(qtbot):
    got: list[tuple[int, bool]] = []
    main = threading.get_ident()
    run_in_background(lambda: 6 * 7, lambda v: got.append((v, threading.get_ident() == main)),
                      got.append)  # fmt: skip
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [(42, True)]


def test_work_whose_owner_is_gone_reports_to_nobody(qtbot):
    owner = QObject()
    release = threading.Event()
    heard: list[object] = []
    run_in_background(lambda: release.wait(5) and "late", heard.append, heard.append, owner)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(owner)
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    for _ in range(3):
        QCoreApplication.processEvents()
    assert heard == []


def test_failures_reach_the_owner_while_it_lives(qtbot):
    owner = QObject()
    heard: list[object] = []

    def broken() -> None:
        raise ValueError("the disk said no")

    run_in_background(broken, heard.append, heard.append, owner)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert isinstance(heard[0], ValueError)


def test_the_garbage_collector_waits_while_long_work_runs(qtbot):
    """Erasing 39,570 cases, the worker's full garbage collections each held the window for
    0.1 s or more (a collection holds the interpreter's lock). The collector waits while long
    work runs, and runs again after (see collector_waiting)."""
    import gc

    from mediator_desk.ui.worker import run_with_progress

    assert gc.isenabled()
    seen: list[bool] = []
    got: list[object] = []
    run_with_progress(lambda _p: seen.append(gc.isenabled()) or "done", print, got.append,
                      got.append)  # fmt: skip
    qtbot.waitUntil(lambda: got == ["done"], timeout=5000)
    assert seen == [False]
    assert gc.isenabled()


def test_the_garbage_collector_waits_for_the_last_of_overlapping_long_work(qtbot):
    import gc
    import threading

    from mediator_desk.ui.worker import run_with_progress

    first, second = threading.Event(), threading.Event()
    got: list[object] = []
    run_with_progress(lambda _p: first.wait(5) and "first", print, got.append, got.append)
    run_with_progress(lambda _p: second.wait(5) and "second", print, got.append, got.append)
    qtbot.wait(50)
    assert not gc.isenabled()
    first.set()
    qtbot.waitUntil(lambda: got == ["first"], timeout=5000)
    assert not gc.isenabled()  # the second still runs
    second.set()
    qtbot.waitUntil(lambda: got == ["first", "second"], timeout=5000)
    assert gc.isenabled()


def test_the_garbage_collector_stays_off_after_long_work_if_it_was_off(qtbot):
    import gc

    from mediator_desk.ui.worker import run_with_progress

    got: list[object] = []
    gc.disable()
    try:
        run_with_progress(lambda _p: "done", print, got.append, got.append)
        qtbot.waitUntil(lambda: got == ["done"], timeout=5000)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_progress_reaches_the_window_a_few_times_a_second_and_at_the_end(qtbot):
    """Erasing reports each case erased: 39,570 reports at 50,000 cases, each a label to lay
    out again on the GUI thread while the worker wanted the interpreter's lock. The window
    hears at most one report in PROGRESS_EVERY_S, and always the last."""
    from mediator_desk.ui import worker

    heard: list[tuple[int, int]] = []
    got: list[object] = []

    def work(progress):
        for done in range(1, 1001):  # well under PROGRESS_EVERY_S in all
            progress(done, 1000)
        return "done"

    worker.run_with_progress(work, lambda d, t: heard.append((d, t)), got.append, got.append)
    qtbot.waitUntil(lambda: got == ["done"], timeout=5000)
    assert heard == [(1, 1000), (1000, 1000)]
