"""Regenerate the screenshots from the fictional demo cases: docs/screenshots/ (used by README)
and docs/guide/images/ (used by the user guide).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Dates are fixed (the demo is placed around 23 November 2026) so the pictures are repeatable.
The guide's pictures are taken from a smaller window and written at most GUIDE_WIDTH pixels
wide, because the guide is read inside the app.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget  # noqa: E402

from mediator_desk.domain.preparation import Role  # noqa: E402
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome  # noqa: E402
from mediator_desk.services import open_desk  # noqa: E402
from mediator_desk.services.spelling import british_english  # noqa: E402
from mediator_desk.ui.main_window import MainWindow  # noqa: E402
from mediator_desk.ui.settings import Settings  # noqa: E402

TODAY = dt.date(2026, 11, 23)
OUT = ROOT / "docs" / "screenshots"
GUIDE = ROOT / "docs" / "guide" / "images"
GUIDE_WINDOW = (1100, 720)
GUIDE_PRESENTER = (1000, 1000)  # tall enough for the whole draft
GUIDE_WIDTH = 900  # the in-app guide shows pictures at their own size
# Tools ▸ Settings… replaces Tools ▸ Deadline settings…; whichever the menu has is pictured.
PRESENTER_SHARE = (960, 540)  # a window shared on a video call
LAPTOP = (1366, 768)  # the Meeting tab is pictured on a laptop's screen
CASE_SPLIT = [330, 770]  # casebook and case, for the pictures of one case's tabs
DASHBOARD_SPLIT = [620, 480]
EXPORT_FOLDER = "/home/alex/Documents/Mediation"  # the demo mediator's, not this machine's
SETTINGS_MENU_ITEMS = ("Settings…", "Deadline settings…")

Shoot = Callable[[QWidget, str], None]


def camera(app: QApplication, folder: Path, width: int | None = None) -> Shoot:
    """A function that saves a widget as folder/NAME.png, scaled down to `width` if wider."""
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(widget: QWidget, name: str) -> None:
        app.processEvents()
        image = widget.grab().toImage()
        if width is not None and image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        image.save(str(folder / f"{name}.png"))

    return shoot


def open_window(folder: str, size: tuple[int, int]) -> MainWindow:
    """The real main window on a new case file in `folder`, with today fixed."""
    settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    opener = functools.partial(open_desk, clock=lambda: dt.datetime(2026, 11, 23, 9, 0))
    window = MainWindow(settings, today=lambda: TODAY, opener=opener, automatic_backups=False)
    window.resize(*size)
    window.show()
    window.open_casefile(Path(folder) / "casebook.mdesk")
    # The status bar names the case file: a fictional user's folder, not this run's temporary
    # one, so the pictures are the same each time.
    window.file_label.setText("/home/alex/.local/share/Mediator Desk/casebook.mdesk")
    return window


def mid_meeting(
    window: MainWindow,
    case: object,
    app: QApplication,
    shoot: Shoot,
    presenter_size: tuple[int, int] = PRESENTER_SHARE,
    extra: bool = False,
) -> None:
    """Siân's meeting half-way through: two issues drafted, one confirmation taken, 47
    minutes in. With `extra`, the issues and the private notes are pictured too."""
    desk = window.desk
    statement = desk.statement
    case_id = case.id  # type: ignore[attr-defined]
    # The meeting is held today: a confirmation given at it is recorded on its day.
    desk.update_case(case_id, {"meeting_date": TODAY})
    for person in desk.attendees.list(case_id):
        if person.role is not Role.SCHOOL:
            statement.set_presence(case_id, person.id, {"present": True, "arrived": "10:00"})
    statement.issues.add(
        case_id,
        Issue(
            "Speech and language therapy in Section F",
            "- Gwen described how Siân has struggled since weekly sessions stopped in September.\n"
            "- Siân's video: “I want to see the speech lady every week again.”\n"
            "- Ms Natarajan explained the therapy service's current caseloads.\n"
            "- Everyone agreed the plan should be specific about hours.",
            Outcome.PARTLY_AGREED,
        ),
    )
    statement.issues.add(
        case_id,
        Issue(
            "Support in class",
            "- Picture cards help Siân; school will use them in every lesson.",
        ),
    )
    window.show_case(case_id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    meeting.agenda.setCurrentRow(1)
    meeting.private_notes.setPlainText("Gwen may need a break at 11.")
    parent = next(p for p in desk.attendees.list(case_id) if p.role is Role.PARENT_CARER)
    meeting.record_confirmation(parent.id, ConfirmedHow.SPOKEN)
    clock = meeting.clock
    clock.now = lambda: dt.datetime(2026, 11, 23, 10, 0)
    clock.start()
    clock.now = lambda: dt.datetime(2026, 11, 23, 10, 47)
    clock.tick()
    meeting.issue_title.setFocus()
    shoot(window, "meeting")
    if extra:
        meeting.discussion.setFocus()
        shoot(window, "meeting-issues")
        spelling_picture(window, shoot)
        meeting.sections.setCurrentWidget(meeting.pages["notes"])
        shoot(window, "meeting-notes")
        meeting.sections.setCurrentWidget(meeting.pages["actions"])
        meeting.agenda.setCurrentRow(0)  # the presenter view starts at the first issue
    meeting.open_presenter()
    meeting.presenter.resize(*presenter_size)
    meeting.refresh_presenter()
    shoot(meeting.presenter, "presenter")
    meeting.close_presenter()


def readme_pictures(app: QApplication) -> None:
    """docs/screenshots/: the pictures README shows."""
    shoot = camera(app, OUT)
    with tempfile.TemporaryDirectory() as folder:
        window = open_window(folder, (1280, 800))
        shoot(window, "empty-casebook")
        window.load_demo_cases()
        case = window.desk.case_by_reference("MD-2026-0002")
        window.show_case(case.id)
        shoot(window, "main-window")
        for page, name in (
            (window.workspace.people, "people"),
            (window.workspace.preparation, "preparation"),
            (window.workspace.child_views, "child-views"),
        ):
            window.workspace.tabs.setCurrentWidget(page)
            shoot(window, name)
        window.resize(*LAPTOP)
        mid_meeting(window, case, app, shoot)
        window.resize(1280, 800)
        window.workspace.tabs.setCurrentIndex(0)
        held = window.desk.case_by_reference("MD-2026-0004")
        window.show_case(held.id)
        shoot(window, "overview-timeline")
        window.workspace.tabs.setCurrentWidget(window.workspace.actions_tab)
        shoot(window, "agreed-actions")
        window.workspace.tabs.setCurrentWidget(window.workspace.documents)
        window.workspace.documents.select_kind("outcome-statement")
        shoot(window, "documents")
        window.workspace.tabs.setCurrentIndex(0)
        window.left_tabs.setCurrentWidget(window.dashboard)
        shoot(window, "deadline-dashboard")
        shoot_dialog(window, shoot, "Tools", SETTINGS_MENU_ITEMS, "deadline-settings")
        shoot_reports(window, shoot, (1000, 760))
        window.close()


def spelling_picture(window: MainWindow, shoot: Shoot) -> None:
    """A misspelt word in the discussion, and the menu its right-click opens, in one picture
    (a menu is a window of its own); the word is then put right, as the mediator would."""
    from PySide6.QtGui import QPainter

    meeting = window.workspace.meeting
    field = meeting.discussion
    end = field.textCursor()
    end.movePosition(end.MoveOperation.End)
    field.setTextCursor(end)
    field.insertPlainText("\n- The school will shre the new timetable with Gwen.")
    found = field.document().find("shre")
    found.setPosition(found.selectionStart() + 2)
    menu = meeting.speller.offer(field, field.cursorRect(found).center())
    for _ in range(400):  # spellings are found on a worker
        QApplication.processEvents()
        if "Finding spellings…" not in [a.text() for a in menu.actions()]:
            break
        time.sleep(0.01)
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    holder = QLabel()
    holder.setPixmap(picture)
    holder.resize(picture.size())
    shoot(holder, "meeting-spelling")
    menu.close()
    field.undo()


def shoot_dialog(
    window: MainWindow,
    shoot: Shoot,
    menu: str,
    items: tuple[str, ...],
    name: str,
    prepare: Callable[[QDialog], object] | None = None,
) -> None:
    """Choose the first of `items` that `menu` has, and picture the dialog it opens. Menu
    labels are what the user sees, so they outlast the names of the methods behind them."""
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    actions = {a.text().replace("&", ""): a for a in menus[menu].actions()}
    action = next(actions[item] for item in items if item in actions)
    before = set(QApplication.topLevelWidgets())
    action.trigger()
    QApplication.processEvents()
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and w not in before
    )
    if prepare is not None:
        prepare(dialog)
    # The offscreen screen is small; size the dialog as a desktop would.
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSize()))
    shoot(dialog, name)
    dialog.reject()
    QApplication.processEvents()


def shoot_reports(window: MainWindow, shoot: Shoot, size: tuple[int, int]) -> None:
    """The service report for the demo cases, this financial year, once it is counted."""
    import time

    window.show_reports()
    reports = window.reports_window
    assert reports is not None
    reports.resize(*size)
    started = time.monotonic()
    while reports.report is None and time.monotonic() - started < 30:
        QApplication.processEvents()
        time.sleep(0.01)
    reports.table.setFocus()  # no blinking text cursor in the picture
    shoot(reports, "reports")
    reports.close()


def scroll_to(page: QWidget, child: QWidget) -> None:
    """Scroll a tab page so that `child` is at the top of what shows."""
    from PySide6.QtWidgets import QScrollArea

    area = page.findChild(QScrollArea)
    if area is not None:
        QApplication.processEvents()
        area.verticalScrollBar().setValue(child.mapTo(area.widget(), child.rect().topLeft()).y())


def welcome_pictures(window: MainWindow, shoot: Shoot) -> None:
    """The first-run welcome, filled in as a fictional mediator would (nothing is created)."""
    window.show_welcome()
    wizard = window.welcome
    assert wizard is not None
    wizard.resize(720, 480)
    wizard.next()
    page = wizard.casefile
    page.location.setText("/home/alex/.local/share/Mediator Desk/casebook.mdesk")
    page.location.setCursorPosition(0)
    page.first.setText("heron lantern quarry biscuit")
    page.second.setText("heron lantern quarry biscuit")
    shoot(wizard, "welcome-passphrase")
    wizard.next()
    about = wizard.about
    for name, value in (
        ("mediator", "Alex Mercer"),
        ("name", "Brackenfold SEND Mediation Service"),
        ("address", "2 Fictional Row, Brackenfold BF1 2AB"),
        ("email", "mediation@example.org"),
    ):
        about.edits[name].setText(value)
    shoot(wizard, "welcome-about")
    wizard.reject()
    QApplication.processEvents()


def guide_pictures(app: QApplication) -> None:
    """docs/guide/images/: the pictures the user guide shows, from a laptop-sized window."""
    shoot = camera(app, GUIDE, GUIDE_WIDTH)
    with tempfile.TemporaryDirectory() as folder:
        window = open_window(folder, GUIDE_WINDOW)
        shoot(window, "empty-casebook")
        window.load_demo_cases()
        case = window.desk.case_by_reference("MD-2026-0002")
        window.show_case(case.id)
        workspace = window.workspace
        shoot(window, "casebook")
        window.splitter.setSizes(CASE_SPLIT)  # the case's tabs matter more from here on

        workspace.tabs.setCurrentWidget(workspace.people)
        shoot(window, "people")
        workspace.tabs.setCurrentWidget(workspace.preparation)
        shoot(window, "preparation")
        scroll_to(workspace.preparation, workspace.preparation.contacts)
        shoot(window, "contact-log")
        workspace.tabs.setCurrentWidget(workspace.child_views)
        shoot(window, "child-views")

        window.casebook_action.setChecked(False)  # View ▸ Show casebook, as in a meeting
        mid_meeting(window, case, app, shoot, GUIDE_PRESENTER, extra=True)
        window.casebook_action.setChecked(True)

        held = window.desk.case_by_reference("MD-2026-0004")
        window.show_case(held.id)
        workspace.tabs.setCurrentWidget(workspace.meeting)
        shoot(window, "sealed")
        workspace.tabs.setCurrentWidget(workspace.overview)
        shoot(window, "timeline")
        workspace.tabs.setCurrentWidget(workspace.actions_tab)
        shoot(window, "agreed-actions")
        workspace.tabs.setCurrentWidget(workspace.documents)
        workspace.documents.select_kind("outcome-statement")
        workspace.documents.folder.setText(EXPORT_FOLDER)
        shoot(window, "documents")
        workspace.tabs.setCurrentWidget(workspace.history)
        shoot(window, "history")
        workspace.tabs.setCurrentWidget(workspace.overview)

        window.splitter.setSizes(DASHBOARD_SPLIT)
        window.left_tabs.setCurrentWidget(window.dashboard)
        shoot(window, "deadline-dashboard")
        window.left_tabs.setCurrentWidget(window.casebook)

        shoot_reports(window, shoot, (900, 700))
        welcome_pictures(window, shoot)
        shoot_dialog(window, shoot, "Case", ("New case…",), "new-case")
        shoot_dialog(window, shoot, "Tools", SETTINGS_MENU_ITEMS, "settings")
        shoot_dialog(
            window, shoot, "Tools", ("Encrypt or change passphrase…",), "passphrase",
            lambda dialog: dialog.first.setText("heron lantern quarry biscuit"),
        )  # fmt: skip
        window.close()


def main() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QApplication(sys.argv[:1])
    british_english()  # read now, so that every picture shows the same underlines
    readme_pictures(app)
    print(f"Screenshots written to {OUT}")
    guide_pictures(app)
    print(f"Guide pictures written to {GUIDE}")


if __name__ == "__main__":
    main()
