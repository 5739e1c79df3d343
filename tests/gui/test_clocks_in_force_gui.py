"""Only the clocks the law runs, on screen: a stopped clock in its own quiet list with the
reason, and agreed actions offered only the time limits their case allows. The date is fixed at
Monday 23 November 2026."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mediator_desk.domain.case import CaseKind, DecisionKind
from mediator_desk.domain.timeline import Clock
from tests.conftest import make_case

D = dt.date


def combo_data(box):
    return [box.itemData(i) for i in range(box.count())]


def test_a_withdrawal_moves_the_30_day_clock_to_no_longer_running(qtbot, window):
    """SEND Regulations 2014 (the 30-day duty to arrange mediation; DOMAIN.md section 4): once
    the family withdraws after the LA was told, the clock stops; it is not 'Missed'."""
    case = window.desk.create_case(
        make_case(decision_date=D(2026, 10, 1), la_informed=D(2026, 10, 8))
    )
    window.casebook.refresh()
    window.show_case(case.id)
    timeline = window.workspace.overview.timeline
    assert "✖ Missed: Mediation to take place" in timeline.alerts.text()
    assert timeline.stopped.isHidden()

    declined = window.workspace.overview.key_dates["declined_on"]
    declined.edit.setFocus()
    qtbot.keyClicks(declined.edit, "22/10/2026")
    qtbot.waitUntil(lambda: window.desk.case(case.id).declined_on == D(2026, 10, 22))
    qtbot.waitUntil(lambda: not timeline.stopped.isHidden())
    assert "Mediation to take place" not in [r[1] for r in timeline.item_texts()]
    assert "Mediation to take place" not in timeline.alerts.text()
    assert timeline.stopped_lines() == [
        "Mediation to take place: The family withdrew from mediation on Thursday 22 October "
        "2026, after the LA was told they wanted it; the LA's duty to arrange mediation ended "
        "(SEND Regulations 2014)."
    ]
    assert timeline.stopped_heading.text() == "No longer running"
    # The certificate for the withdrawal runs instead.
    certificate = next(
        r for r in timeline.item_texts() if r[1] == "Certificate (mediation not pursued) due"
    )
    assert certificate[0] == "Tue 27 Oct 2026"


def test_disagreement_resolution_offers_only_a_date_agreed(qtbot, window):
    """CFA 2014 s57: disagreement resolution is not mediation; SEND Regulations 2014 reg 42 does
    not apply, so an agreed action has only the date the parties agreed, and nothing in the
    case's timeline mentions reg 42 or an appeal."""
    case = window.desk.create_case(
        make_case(
            kind=CaseKind.DISAGREEMENT_RESOLUTION,
            decision_kind=DecisionKind.OTHER,
            meeting_date=D(2026, 11, 20),
            agreement_date=D(2026, 11, 20),
        )
    )
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.actions_tab
    window.workspace.tabs.setCurrentWidget(tab)
    assert combo_data(tab.clock) == [None]
    assert "reg 42" not in tab.agreement.text()
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.description, "Meet again to review the support plan")
    assert tab.problems.text() == "⚠ Enter the date agreed."
    tab.override.edit.setFocus()
    qtbot.keyClicks(tab.override.edit, "04/12/2026")
    assert tab.problems.text() == ""
    assert tab.reason.isHidden()  # no reg 42(5) reason to give
    qtbot.waitUntil(lambda: window.desk.actions(case.id)[0].due_override == D(2026, 12, 4))

    meeting = window.workspace.meeting
    window.workspace.tabs.setCurrentWidget(meeting)
    meeting.issues_panel.add_issue()
    assert combo_data(meeting.action_editor.widgets["clock"]) == [None]
    meeting.action_editor.add_record()
    assert meeting.action_editor.widgets["description"].isVisible()
    assert not meeting.action_editor.widgets["override_reason"].isVisible()  # no reg 42(5) reason

    timeline = window.workspace.overview.timeline
    qtbot.waitUntil(
        lambda: any(r[1].startswith("Agreed action: Meet again") for r in timeline.item_texts())
    )
    tree = timeline.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        text = " ".join([item.text(c) + " " + item.toolTip(c) for c in range(4)]).lower()
        assert "reg 42" not in text and "appeal" not in text and "tribunal" not in text


def test_only_a_health_only_mediation_offers_the_icb_telling_the_la(qtbot, window):
    """SEND Regulations 2014 reg 42(4): the ICB tells the LA of the agreement only where the LA
    was not a party: a health-only mediation, never a joint LA and ICB one."""
    joint = window.desk.create_case(make_case(health_issues=True, agreement_date=D(2026, 11, 20)))
    health_only = window.desk.create_case(
        make_case(
            child_name="Tegen Polglase",
            decision_kind=DecisionKind.HEALTH_SOCIAL_CARE,
            health_issues=True,
            health_only=True,
            agreement_date=D(2026, 11, 20),
        )
    )
    window.casebook.refresh()
    tab = window.workspace.actions_tab
    meeting = window.workspace.meeting
    window.show_case(joint.id)
    assert Clock.ICB_NOTIFY_LA_BY not in combo_data(tab.clock)
    assert Clock.NON_APPEALABLE_ACTION_BY in combo_data(tab.clock)
    meeting.issues_panel.add_issue()
    assert Clock.ICB_NOTIFY_LA_BY not in combo_data(meeting.action_editor.widgets["clock"])
    window.show_case(health_only.id)
    assert Clock.ICB_NOTIFY_LA_BY in combo_data(tab.clock)
    meeting.issues_panel.add_issue()
    assert Clock.ICB_NOTIFY_LA_BY in combo_data(meeting.action_editor.widgets["clock"])
