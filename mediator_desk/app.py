"""Start the desktop app: QApplication, settings, the case file and the main window."""

from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import platformdirs

from . import APP_NAME, ENV_CASEFILE, ORGANISATION, __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from .ui.main_window import MainWindow
    from .ui.settings import Settings

log = logging.getLogger(__name__)

# Set (to anything) to start, show the casebook, print "ready ROWS PEAK_MB" and quit: the
# start-up benchmark (docs/performance.md) runs the app this way.
ENV_EXIT_WHEN_READY = "MEDIATOR_DESK_EXIT_WHEN_READY"


def _log_file() -> Path:
    folder = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "mediator-desk.log"


def _install_error_hook() -> None:
    """An unexpected error is written to the log and explained in plain words; the user never
    sees a traceback, and what was saved stays saved."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        try:
            where = _log_file()
            with where.open("a", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError:
            where = None
        sys.__stderr__.write(text) if sys.__stderr__ else None
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                APP_NAME,
                "Something went wrong inside Mediator Desk. Everything saved before this "
                "moment is safe in the case file."
                + (f"\n\nThe details were written to {where}." if where else ""),
            )

    sys.excepthook = hook


def _application() -> QApplication:
    """The QApplication (made once), with the app's names, icon and British English dates."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from .ui.resources import icon

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mediator-desk")
    app.setWindowIcon(icon("mediator-desk"))
    return app


def run_gui(
    casefile: str | None = None, read_only: bool = False, open_file: str | None = None
) -> int:
    from PySide6.QtCore import QSettings, QThreadPool

    from .ui.settings import Settings

    app = _application()
    _install_error_hook()
    launch(Settings(QSettings()), casefile, read_only, open_file)
    _quit_on_signals(app)
    code = int(app.exec())
    # A backup still being written finishes (into its temporary file, so an interrupted one
    # leaves nothing half-written) before the process ends.
    QThreadPool.globalInstance().waitForDone(30_000)
    return code


def launch(
    settings: Settings,
    casefile: str | None = None,
    read_only: bool = False,
    open_file: str | None = None,
    automatic_backups: bool = True,
) -> MainWindow:
    """Show the main window and, once the event loop runs, open the case file: `open_file`
    (passed by the file manager) as File ▸ Open does, else `casefile`, $MEDIATOR_DESK_CASEFILE,
    the last one used or the first-run welcome. A case file the Finder opens later (macOS)
    comes as a QFileOpenEvent, and opens the same way."""
    from PySide6.QtCore import QTimer

    from .ui.main_window import MainWindow
    from .ui.window.casefiles import FileOpenRequests

    app = _application()
    window = MainWindow(settings, automatic_backups=automatic_backups)
    window.show()
    requests = FileOpenRequests(window, window.open_casefile, read_only)
    app.installEventFilter(requests)
    if casefile:
        path: Path | None = Path(casefile)
    else:
        path = Path(os.environ[ENV_CASEFILE]) if os.environ.get(ENV_CASEFILE) else None
        if path is None and settings.last_casefile and settings.last_casefile.exists():
            path = settings.last_casefile

    def open_it() -> None:
        if open_file:
            window.open_casefile(Path(open_file), read_only=read_only, create=False)
        elif not requests.received:  # the Finder's file, if it came first, is the one wanted
            window.start(path, read_only=read_only)  # the very first run is welcomed
        if os.environ.get(ENV_EXIT_WHEN_READY):
            _when_ready(window, lambda: _report_ready(window))

    QTimer.singleShot(0, open_it)
    return window


def _when_ready(window: MainWindow, then: Callable[[], None]) -> None:
    """Call `then` once the window accepts input: the casebook listed and the case tabs built
    (they are built just after the window first shows). The file's structure check may still
    be running: what is typed meanwhile is kept and saved once it passes."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        if window.desk is None or window.workspace is not None:
            then()
        else:
            QTimer.singleShot(5, check)

    check()


def _report_ready(window: MainWindow) -> None:
    """For the start-up benchmark: paint the window with its casebook listed, print one line
    ("ready", the casebook's rows, peak memory in MB) and quit."""
    from PySide6.QtWidgets import QApplication

    rows, peak = _paint_and_measure(window)
    print(f"ready {rows} {peak:.0f}", flush=True)
    window.close_casefile(force=True)  # as quitting does: a check under way is stopped
    QApplication.quit()


def _paint_and_measure(window: MainWindow) -> tuple[int, float]:
    """Paint the window now, reading the rows the casebook shows; (rows, peak memory in MB,
    0 where the system does not say)."""
    window.repaint()
    rows = window.casebook.model.rowCount()
    return rows, peak_memory_mb()


def peak_memory_mb() -> float:
    """This process's own peak memory in MB (0 where the system does not say). On Linux it is
    read from /proc (VmHWM): getrusage's figure also counts the memory of the process that
    started this one, as it was when this one started."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes or KiB


class SelfTestFailed(Exception):
    """The window did not come up as it should; the message says why in plain words."""


def self_test_window(casefile: Path, settings_file: Path, timeout_s: float = 60.0) -> int:
    """The last step of `mediator-desk self-test`: start the app in this process on
    `casefile` as the start-up benchmark does (MEDIATOR_DESK_EXIT_WHEN_READY), wait until the
    window shows the casebook and the file's check has passed, open the service report (its
    charts) and wait until it has counted the same cases, close the file and quit.

    Settings are kept in `settings_file`: the user's own are neither read nor written, and no
    automatic backup is made. With no display (Linux without X11 or Wayland) the window is drawn
    off-screen. Returns the casebook's rows; raises SelfTestFailed."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import time

    from PySide6.QtCore import QSettings, QTimer

    from .ui.main_window import MainWindow
    from .ui.settings import Settings

    app = _application()
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = MainWindow(settings, automatic_backups=False)
    window.show()
    result: dict[str, int | str] = {}
    give_up = time.monotonic() + timeout_s

    def look() -> None:
        reports = window.reports_window
        if window.problem_box is not None:
            result["problem"] = window.problem_box.text()
        elif "rows" not in result and window.desk is not None and not window.casefile_check_running:
            result["rows"] = _paint_and_measure(window)[0]
            window.show_reports()  # the service report, with its charts, counts the same cases
            return
        elif reports is not None and reports.report is not None:
            result["report"] = reports.report.cases_considered
            reports.close()
        elif time.monotonic() > give_up:
            result["problem"] = f"The window did not show the case file within {timeout_s:.0f} s."
        else:
            return
        app.quit()

    def open_it() -> None:
        window.open_casefile(casefile, create=False)  # a problem shows in window.problem_box
        poll.start(20)

    poll = QTimer(window)
    poll.timeout.connect(look)
    QTimer.singleShot(0, open_it)
    app.exec()
    poll.stop()
    window.close_casefile(force=True)
    window.close()
    if "problem" in result:
        raise SelfTestFailed(str(result["problem"]))
    if result.get("report") != result["rows"]:
        raise SelfTestFailed(
            f"The service report counted {result.get('report')} cases, not {result['rows']}."
        )
    return int(result["rows"])


def _quit_on_signals(app: object) -> None:
    """Ctrl+C in a terminal, or a session logging out (SIGTERM), closes the windows as the
    Quit command does, so pending edits are saved and the case file's lock is released."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def close_all() -> None:
        QApplication.closeAllWindows()
        QApplication.quit()

    def on_signal(_signum: int, _frame: object) -> None:
        # The handler may run in the middle of any Python code: leave the work to the event
        # loop, so nothing is closed while it is being opened.
        QTimer.singleShot(0, close_all)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), on_signal)
    # Python runs signal handlers only between bytecodes: wake it up now and then.
    timer = QTimer(app)  # type: ignore[arg-type]
    timer.timeout.connect(lambda: None)
    timer.start(250)
