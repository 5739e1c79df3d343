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
