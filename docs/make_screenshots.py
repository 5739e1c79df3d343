"""Regenerate the screenshots in docs/screenshots/ from the fictional demo cases.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Dates are fixed (the demo is placed around 23 November 2026) so the pictures are repeatable.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mediator_desk.domain.preparation import Role  # noqa: E402
from mediator_desk.domain.statement import ConfirmedHow, Issue, Outcome  # noqa: E402
from mediator_desk.services import open_desk  # noqa: E402
from mediator_desk.ui.main_window import MainWindow  # noqa: E402
from mediator_desk.ui.settings import Settings  # noqa: E402

TODAY = dt.date(2026, 11, 23)
OUT = ROOT / "docs" / "screenshots"


def mid_meeting(window: MainWindow, case: object, app: QApplication) -> None:
    """Siân's meeting half-way through: two issues drafted, one confirmation taken."""
    desk = window.desk
    statement = desk.statement
    case_id = case.id  # type: ignore[attr-defined]
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
    meeting.issue_title.setFocus()
    app.processEvents()
    window.grab().save(str(OUT / "meeting.png"))
    meeting.open_presenter()
    meeting.presenter.resize(1100, 760)
    meeting.refresh_presenter()
    app.processEvents()
    meeting.presenter.grab().save(str(OUT / "presenter.png"))
    meeting.close_presenter()


def main() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
        opener = functools.partial(open_desk, clock=lambda: dt.datetime(2026, 11, 23, 9, 0))
        window = MainWindow(settings, today=lambda: TODAY, opener=opener, automatic_backups=False)
        window.resize(1280, 800)
        window.show()
        window.open_casefile(Path(folder) / "casebook.mdesk")
        app.processEvents()
        window.grab().save(str(OUT / "empty-casebook.png"))
        window.load_demo_cases()
        case = window.desk.case_by_reference("MD-2026-0002")
        window.show_case(case.id)
        app.processEvents()
        window.grab().save(str(OUT / "main-window.png"))
        for page, name in (
            (window.workspace.people, "people"),
            (window.workspace.preparation, "preparation"),
            (window.workspace.child_views, "child-views"),
        ):
            window.workspace.tabs.setCurrentWidget(page)
            app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
        mid_meeting(window, case, app)
        window.workspace.tabs.setCurrentIndex(0)
        held = window.desk.case_by_reference("MD-2026-0004")
        window.show_case(held.id)
        app.processEvents()
        window.grab().save(str(OUT / "overview-timeline.png"))
        window.workspace.tabs.setCurrentWidget(window.workspace.actions)
        app.processEvents()
        window.grab().save(str(OUT / "agreed-actions.png"))
        window.workspace.tabs.setCurrentWidget(window.workspace.documents)
        window.workspace.documents.select_kind("outcome-statement")
        app.processEvents()
        window.grab().save(str(OUT / "documents.png"))
        window.workspace.tabs.setCurrentIndex(0)
        window.left_tabs.setCurrentWidget(window.dashboard)
        app.processEvents()
        window.grab().save(str(OUT / "deadline-dashboard.png"))
        window.show_deadline_settings()
        # The offscreen screen is small; size the dialog as a desktop would.
        window.settings_dialog.resize(window.settings_dialog.sizeHint())
        app.processEvents()
        window.settings_dialog.grab().save(str(OUT / "deadline-settings.png"))
        window.settings_dialog.close()
        window.close()
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main()
