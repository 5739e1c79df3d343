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
