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

from . import APP_NAME, ORGANISATION, __version__
from .services import ENV_CASEFILE

if TYPE_CHECKING:
    from .ui.main_window import MainWindow

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


def run_gui(casefile: str | None = None, read_only: bool = False) -> int:
    from PySide6.QtCore import QLocale, QSettings, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from .ui.main_window import MainWindow
    from .ui.resources import icon
    from .ui.settings import Settings

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("mediator-desk")
    app.setWindowIcon(icon("mediator-desk"))
    _install_error_hook()
    settings = Settings(QSettings())
    window = MainWindow(settings)
    window.show()
    if casefile:
        path: Path | None = Path(casefile)
    else:
        path = Path(os.environ[ENV_CASEFILE]) if os.environ.get(ENV_CASEFILE) else None
        if path is None and settings.last_casefile and settings.last_casefile.exists():
            path = settings.last_casefile

    def open_it() -> None:
        window.start(path, read_only=read_only)  # the very first run is welcomed
        if os.environ.get(ENV_EXIT_WHEN_READY):
            _report_ready(window)

    QTimer.singleShot(0, open_it)
    _quit_on_signals(app)
    code = int(app.exec())
    # A backup still being written finishes (into its temporary file, so an interrupted one
    # leaves nothing half-written) before the process ends.
    QThreadPool.globalInstance().waitForDone(30_000)
    return code


def _report_ready(window: MainWindow) -> None:
    """For the start-up benchmark: paint the window with its casebook listed, print one line
    ("ready", the casebook's rows, peak memory in MB) and quit."""
    import resource

    from PySide6.QtWidgets import QApplication

    window.repaint()  # paints now, reading the rows the casebook shows
    rows = window.casebook.model.rowCount()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"ready {rows} {peak:.0f}", flush=True)
    QApplication.quit()


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
