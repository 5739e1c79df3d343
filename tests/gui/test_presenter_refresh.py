"""The presenter redraws only what changed, so a refresh while typing stays short, and what it
shows is always exactly a fresh drawing of the statement."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt

from mediator_desk.domain.preparation import Attendee, Role
from mediator_desk.domain.statement import ConfirmedHow
from mediator_desk.ui.presenter import PresenterWindow
from tests.conftest import TODAY, make_case


def statement(issues: int = 4) -> dict:
    return {
        "reference": "MD-2026-0101",
        "child": "Lowenna Trewin",
        "meeting_date": "Friday 20 November 2026",
        "present": [
            {
                "name": "Morwenna Trewin",
                "role": "Parent",
                "organisation": "",
                "arrived": "10:00",
                "left": "",
            },
            {
                "name": "Kenan Aydın",
                "role": "LA decision maker",
                "organisation": "Brackenfold",
                "arrived": "10:05",
                "left": "11:40",
            },
        ],
        "issues": [
            {
                "title": f"Section F: provision {n + 1}",
                "discussion": f"- First point on {n + 1}\n- Second point\nA closing line",
                "outcome": "Agreed" if n % 2 else "",
                "actions": [{"what": f"Send plan {n + 1}", "who": "LA", "by": ""}],
            }
            for n in range(issues)
        ],
        "other_matters": "",
        "next_steps": "Review at Easter",
        "appeal_information": "You may appeal to the Tribunal.",
        "addenda": [],
    }


@pytest.fixture
def presenter(qtbot):
    window = PresenterWindow()
    qtbot.addWidget(window)
    return window


def fresh_html(qtbot, content: dict) -> str:
    other = PresenterWindow()
    qtbot.addWidget(other)
    other.show_statement(content, "DRAFT", None)
    return other.view.document().toHtml()


def block_with(presenter: PresenterWindow, text: str):
    document = presenter.view.document()
    block = document.begin()
    while block.isValid():
        if block.text() == text:
            return block
        block = block.next()
    raise AssertionError(f"{text!r} is not shown")


def test_a_refresh_rewrites_only_the_issue_that_changed(qtbot, presenter):
    content = statement()
    presenter.show_statement(content, "DRAFT", 0)
    document = presenter.view.document()
    block_with(presenter, "First point on 1").setUserState(41)
    block_with(presenter, "First point on 4").setUserState(44)
    changed = copy.deepcopy(content)
    changed["issues"][1]["discussion"] += "\n- A point typed just now"
    presenter.show_statement(changed, "DRAFT", 1)
    assert presenter.view.document() is document
    assert not document.isUndoAvailable()  # a long meeting's refreshes keep no history
    assert block_with(presenter, "A point typed just now").isValid()
    assert block_with(presenter, "First point on 1").userState() == 41  # not rewritten
    assert block_with(presenter, "First point on 4").userState() == 44
    for marked in ("First point on 1", "First point on 4"):
        block_with(presenter, marked).setUserState(-1)
    assert document.toHtml() == fresh_html(qtbot, changed)


def test_every_kind_of_change_draws_what_a_fresh_drawing_would(qtbot, presenter):
    content = statement()
    presenter.show_statement(content, "DRAFT", None)
    steps = []

    def step(change) -> None:
        change(content)
        steps.append(copy.deepcopy(content))

    step(lambda c: c["issues"][2].update(title="Transport to Kestrel Brook Academy"))
    step(lambda c: c["issues"].insert(0, dict(c["issues"][3], title="Placed first")))
    step(lambda c: c["issues"].pop(2))
    step(lambda c: c["issues"].append(dict(c["issues"][0], title="Added last", actions=[])))
    step(lambda c: c["issues"].reverse())
    step(lambda c: c.update(other_matters="- Taxi from September\n- Escort"))
    step(lambda c: c.update(appeal_information=""))
    step(lambda c: c["present"].pop())
    step(lambda c: c.update(present=[]))
    step(lambda c: c.update(addenda=[{"reason": "Spelling", "text": "Read Trewin for Trewen"}]))
    step(lambda c: c.update(child="Lowenna Trewin-Pascoe"))  # the heading: drawn afresh
    step(lambda c: c.update(issues=[]))
    for number, expected in enumerate(steps):
        presenter.show_statement(expected, "DRAFT", 0)
        assert presenter.view.document().toHtml() == fresh_html(qtbot, expected), number
        titles = [f"{n}. {issue['title']}" for n, issue in enumerate(expected["issues"], 1)]
        shown = [
            presenter.view.document().findBlock(p).text() for p in presenter._issue_positions()
        ]
        assert shown == titles, number


def test_typing_reaches_the_presenter_as_stored_and_the_status_follows(qtbot, window):
    """With the presenter open, what it shows is the statement as written to the case file
    (what the parties will confirm), and a confirmation made stale by typing is flagged."""
    desk = window.desk
    case = desk.create_case(make_case(meeting_date=TODAY))
    parent = desk.attendees.add(case.id, Attendee("Morwenna Tregothnan", Role.PARENT_CARER))
    window.casebook.refresh()
    window.show_case(case.id)
    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    meeting.present.item(0, 0).setCheckState(Qt.CheckState.Checked)
    meeting.add_issue()
    qtbot.keyClicks(meeting.issue_title, "Transport")
    assert meeting.record_confirmation(parent.id, ConfirmedHow.SPOKEN)
    meeting.open_presenter()
    presenter = meeting.presenter
    qtbot.addWidget(presenter)
    meeting.discussion.setFocus()
    qtbot.keyClicks(meeting.discussion, "- Taxi from September")
    qtbot.waitUntil(lambda: "Taxi from September" in presenter.text(), timeout=1000)
    stored = desk.statement.issues.list(case.id)[0]
    assert stored.discussion == "- Taxi from September"
    fresh = PresenterWindow()
    qtbot.addWidget(fresh)
    fresh.show_statement(desk.statement.content(meeting.case), "DRAFT", None)
    assert presenter.view.document().toPlainText() == fresh.view.document().toPlainText()
    qtbot.waitUntil(lambda: meeting.parties.item(0).text().startswith("⚠ Morwenna"))
    meeting.close_presenter()
