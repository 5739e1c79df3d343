"""Run by test_crash.py: edit a case through the main window, exactly as a mediator would,
then wait to be killed. Prints one line per edit and 'done' after the last."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mediator_desk.ui.main_window import MainWindow
from mediator_desk.ui.settings import Settings


def main() -> None:
    casefile, case_id, edits, seed = (
        Path(sys.argv[1]),
        int(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
    )
    rng = random.Random(seed)
    app = QApplication([])
    settings = Settings(QSettings(str(casefile.with_suffix(".ini")), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.show()
    assert window.open_casefile(casefile, create=False)
    window.show_case(case_id)
    overview = window.workspace.overview
    for n in range(edits):
        if n % 3 == 2:
            target, text = overview.parents.rows[0].name, f" p{n}"
        else:
            target, text = overview.notes, f" edit{n}"
        target.setFocus()
        if target is overview.notes:
            overview.notes.moveCursor(overview.notes.textCursor().MoveOperation.End)
        else:
            target.end(False)
        QTest.keyClicks(target, text)
        pause = time.monotonic() + rng.uniform(0, 0.3)
        while time.monotonic() < pause:
            app.processEvents()
            time.sleep(0.005)
        print(f"edited {n}", flush=True)
    print("done", flush=True)
    while True:  # keep the event loop (and its autosave timer) running until killed
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    main()
