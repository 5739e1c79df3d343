"""A model-based test of the editing rule over a real main window: random sequences of typing,
adding, removing, reordering, selecting, switching tab and case, opening the presenter and
pausing shorter or longer than autosave. After every step the case file (with the edits still
waiting for autosave), what the window shows and the test's own model agree.

Time is simulated: a pause fires the timers that would have fired in it (the presenter's after
a quarter of a second, the autosavers' after half a second), so a sequence runs the same under
any load. Real timers that fire anyway only save sooner, which the checks allow."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from mediator_desk.ui.autosave import SAVE_AFTER_MS, Autosaver
from mediator_desk.ui.case.meeting.tab import FOLLOW_TYPING_MS, PRESENTER_DELAY_MS
from tests.conftest import make_case, slow_size

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
WORDS = st.text(alphabet="abcdefgh", min_size=1, max_size=4)
PICK = st.integers(min_value=0, max_value=5)
TABS = ("people", "meeting", "overview")


@dataclass
class Figures:
    sequences: int = 0
    steps: int = 0
    checks: int = 0


@dataclass
class IssueModel:
    title: str = ""
    discussion: str = ""
    actions: list[str] = field(default_factory=list)


@dataclass
class CaseModel:
    people: list[str] = field(default_factory=list)
    issues: list[IssueModel] = field(default_factory=list)
    other_matters: str = ""


def with_pending(
    stored: list[tuple[int, dict[str, str]]], pending: dict[str, str], editing: int | None
) -> list[dict[str, str]]:
    """The stored records with the edits still waiting for autosave laid over their record."""
    return [values | pending if record_id == editing else values for record_id, values in stored]


def machine_for(window, qtbot, figures: Figures) -> type[RuleBasedStateMachine]:
    desk = window.desk
    workspace_of = lambda: window.workspace  # noqa: E731 - built when the first case is shown

    class EditModel(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            figures.sequences += 1
            # two new cases each time: the history of reused ones would grow with every run
            self.cases = [
                desk.create_case(make_case(child_name=f"{name} {figures.sequences}")).id
                for name in ("Tamsin Polwhele", "Demelza Trewin")
            ]
            self.model = {case_id: CaseModel() for case_id in self.cases}
            self.case = self.cases[0]
            self.presenter_open = False
            window.show_case(self.case)
            self.ws = workspace_of()
            self.meeting = self.ws.meeting
            self.people = self.ws.people.editor
            self.tab = ""

        @initialize(tab=st.sampled_from(TABS))
        def start_on(self, tab: str) -> None:
            self.switch_tab(tab)

        def teardown(self) -> None:
            self.meeting.close_presenter()
            window.workspace.flush()

        # -- the model's view of the selection (read from the window) ---------------------------
        @property
        def now(self) -> CaseModel:
            return self.model[self.case]

        def person_row(self) -> int | None:
            return self.people.table.currentRow() if self.people.current() is not None else None

        def issue_row(self) -> int | None:
            row = self.meeting.agenda.currentRow()
            return row if 0 <= row < len(self.now.issues) else None

        def action_row(self) -> int | None:
            actions = self.meeting.action_editor
            return actions.table.currentRow() if actions.current() is not None else None

        def step(self) -> None:
            figures.steps += 1
            QApplication.processEvents()
            # as the event loop would: closed presenters are deleted, not left to pile up
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

        # -- switching ---------------------------------------------------------------------------
        @rule(tab=st.sampled_from(TABS))
        def switch_tab(self, tab: str) -> None:
            self.ws.tabs.setCurrentWidget(getattr(self.ws, tab))
            self.tab = tab
            self.step()

        @rule()
        def switch_case(self) -> None:
            self.case = self.cases[1] if self.case == self.cases[0] else self.cases[0]
            window.show_case(self.case)
            self.presenter_open = False  # the shared screen never shows another case
            self.step()

        @rule(ms=st.integers(min_value=0, max_value=1200))
        def pause(self, ms: int) -> None:
            """Fire what would have fired in `ms`, in time order: writing typing for the
            presenter (250 ms after it), the presenter's refresh (250 ms after it was asked
            for, so 500 ms after typing that it follows), then autosave (500 ms)."""
            meeting = self.meeting
            refresh_due = PRESENTER_DELAY_MS if meeting._presenter_timer.isActive() else None
            if ms >= FOLLOW_TYPING_MS and meeting._follow_timer.isActive():
                meeting._follow_timer.stop()
                meeting._write_for_presenter()  # asks for a refresh, unless one is waiting
                if refresh_due is None:
                    refresh_due = FOLLOW_TYPING_MS + PRESENTER_DELAY_MS
            due = refresh_due is not None and ms >= refresh_due
            if due and meeting._presenter_timer.isActive():
                meeting._presenter_timer.stop()
                meeting.refresh_presenter()
            if ms >= SAVE_AFTER_MS:
                for saver in window.findChildren(Autosaver):
                    if saver._timer.isActive():
                        saver.flush()
            self.step()

        # -- People --------------------------------------------------------------------------------
        @precondition(lambda self: self.tab == "people")
        @rule()
        def add_person(self) -> None:
            qtbot.keyClick(self.people, Qt.Key.Key_P, CTRL_SHIFT)
            self.now.people.append("")
            assert self.person_row() == len(self.now.people) - 1
            self.step()

        @precondition(lambda self: self.tab == "people" and self.now.people)
        @rule()
        def remove_person(self) -> None:
            row = self.person_row()
            qtbot.mouseClick(self.people.remove_button, Qt.MouseButton.LeftButton)
            if row is not None:
                del self.now.people[row]
            self.step()

        @precondition(lambda self: self.tab == "people" and self.now.people)
        @rule(pick=PICK)
        def select_person(self, pick: int) -> None:
            self.people.table.selectRow(pick % len(self.now.people))
            self.step()

        @precondition(lambda self: self.tab == "people" and self.now.people)
        @rule(text=WORDS)
        def type_name(self, text: str) -> None:
            row = self.person_row()
            name = self.people.widgets["name"]
            qtbot.keyClick(name, Qt.Key.Key_End)
            qtbot.keyClicks(name, text)
            if row is not None:
                self.now.people[row] += text
            self.step()

        # -- the Meeting tab -----------------------------------------------------------------------
        @precondition(lambda self: self.tab == "meeting")
        @rule()
        def add_issue(self) -> None:
            qtbot.keyClick(self.meeting, Qt.Key.Key_I, CTRL_SHIFT)
            self.now.issues.append(IssueModel())
            assert self.issue_row() == len(self.now.issues) - 1
            self.step()

        @precondition(lambda self: self.tab == "meeting" and self.now.issues)
        @rule()
        def remove_issue(self) -> None:
            row = self.issue_row()
            qtbot.mouseClick(self.meeting.issues_panel.remove_button, Qt.MouseButton.LeftButton)
            if row is not None:
                del self.now.issues[row]
            self.step()

        @precondition(lambda self: self.tab == "meeting" and len(self.now.issues) > 1)
        @rule(up=st.booleans())
        def move_issue(self, up: bool) -> None:
            row = self.issue_row()
            key = Qt.Key.Key_Up if up else Qt.Key.Key_Down
            qtbot.keyClick(self.meeting, key, Qt.KeyboardModifier.AltModifier)
            target = None if row is None else row + (-1 if up else 1)
            if row is not None and target is not None and 0 <= target < len(self.now.issues):
                issues = self.now.issues
                issues[row], issues[target] = issues[target], issues[row]
            self.step()

        @precondition(lambda self: self.tab == "meeting" and self.now.issues)
        @rule(pick=PICK)
        def select_issue(self, pick: int) -> None:
            self.meeting.agenda.setCurrentRow(pick % len(self.now.issues))
            self.step()

        @precondition(lambda self: self.tab == "meeting" and self.now.issues)
        @rule(text=WORDS, where=st.sampled_from(["title", "discussion"]))
        def type_issue(self, text: str, where: str) -> None:
            row = self.issue_row()
            if where == "title":
                qtbot.keyClick(self.meeting.issue_title, Qt.Key.Key_End)
                qtbot.keyClicks(self.meeting.issue_title, text)
            else:
                self.meeting.discussion.moveCursor(QTextCursor.MoveOperation.End)
                qtbot.keyClicks(self.meeting.discussion, text)
            if row is not None:
                issue = self.now.issues[row]
                setattr(issue, where, getattr(issue, where) + text)
            self.step()

        @precondition(lambda self: self.tab == "meeting" and self.now.issues)
        @rule()
        def add_action(self) -> None:
            row = self.issue_row()
            qtbot.keyClick(self.meeting.action_editor, Qt.Key.Key_T, CTRL_SHIFT)
            if row is not None:
                self.now.issues[row].actions.append("")
            self.step()

        @precondition(lambda self: self.tab == "meeting" and self.now.issues)
        @rule()
        def remove_action(self) -> None:
            issue, row = self.issue_row(), self.action_row()
            qtbot.mouseClick(self.meeting.action_editor.remove_button, Qt.MouseButton.LeftButton)
            if issue is not None and row is not None:
                del self.now.issues[issue].actions[row]
            self.step()

        @precondition(lambda self: self.tab == "meeting" and self.now.issues)
        @rule(text=WORDS)
        def type_action(self, text: str) -> None:
            issue, row = self.issue_row(), self.action_row()
            description = self.meeting.action_editor.widgets["description"]
            qtbot.keyClick(description, Qt.Key.Key_End)
            qtbot.keyClicks(description, text)
            if issue is not None and row is not None:
                self.now.issues[issue].actions[row] += text
            self.step()

        @precondition(lambda self: self.tab == "meeting")
        @rule(text=WORDS)
        def type_other_matters(self, text: str) -> None:
            self.meeting.other_matters.moveCursor(QTextCursor.MoveOperation.End)
            qtbot.keyClicks(self.meeting.other_matters, text)
            self.now.other_matters += text
            self.step()

        @precondition(lambda self: self.tab == "meeting" and not self.presenter_open)
        @rule()
        def open_presenter(self) -> None:
            qtbot.keyClick(self.meeting, Qt.Key.Key_F5)
            self.presenter_open = True
            self.step()

        @precondition(lambda self: self.presenter_open)
        @rule()
        def close_presenter(self) -> None:
            self.meeting.close_presenter()
            self.presenter_open = False
            self.step()

        # -- the checks ----------------------------------------------------------------------
        @invariant()
        def store_widgets_and_model_agree(self) -> None:
            figures.checks += 1
            for case_id in self.cases:
                self.check_store(case_id)
            self.check_widgets()

        def check_store(self, case_id: int) -> None:
            model = self.model[case_id]
            current = case_id == self.case
            editor = self.people
            people = with_pending(
                [(a.id, {"name": a.name}) for a in desk.attendees.list(case_id)],
                editor.autosaver.pending if current else {},
                editor._editing_id,
            )
            assert [p["name"] for p in people] == model.people, "people in the case file"
            panel = self.meeting.issues_panel
            stored_issues = desk.statement.issues.list(case_id)
            ids = [i.id for i in stored_issues]
            issues = with_pending(
                [(i.id, {"title": i.title, "discussion": i.discussion}) for i in stored_issues],
                panel.saver.pending if current else {},
                panel._issue_id,
            )
            assert [(i["title"], i["discussion"]) for i in issues] == [
                (i.title, i.discussion) for i in model.issues
            ], "issues in the case file"
            editor = self.meeting.action_editor
            pending = editor.autosaver.pending if current else {}

            def description(action) -> str:
                if action.id == editor._editing_id:
                    return pending.get("description", action.description)
                return action.description

            stored = desk.actions(case_id)
            by_issue = [[description(a) for a in stored if a.issue_id == i] for i in ids]
            assert by_issue == [i.actions for i in model.issues], "actions in the case file"
            other = desk.statement.record.get(case_id).other_matters
            if current:
                other = self.meeting.record_saver.pending.get("other_matters", other)
            assert other == model.other_matters, "other matters in the case file"

        def check_widgets(self) -> None:
            model = self.now
            if self.tab == "people":
                table = self.people.table
                shown = [table.item(row, 0).text() for row in range(table.rowCount())]
                assert shown == [n or "(no name)" for n in model.people], "people listed"
                row = self.person_row()
                if row is not None:
                    assert self.people.widgets["name"].text() == model.people[row], "name shown"
            elif self.tab == "meeting":
                agenda = self.meeting.agenda
                shown = [agenda.item(row).text() for row in range(agenda.count())]
                expected = [
                    f"{n}. {i.title or '(untitled issue)'}" for n, i in enumerate(model.issues, 1)
                ]
                assert shown == expected, "agenda"
                row = self.issue_row()
                issue = model.issues[row] if row is not None else IssueModel()
                assert self.meeting.issue_title.text() == issue.title, "issue title shown"
                assert self.meeting.discussion.toPlainText() == issue.discussion, "discussion shown"
                table = self.meeting.action_editor.table
                listed = [table.item(r, 0).text() for r in range(table.rowCount())]
                assert listed == [a or "(not described)" for a in issue.actions], "actions listed"
                action = self.action_row()
                if action is not None:
                    description = self.meeting.action_editor.widgets["description"].text()
                    assert description == issue.actions[action], "action shown"
                assert self.meeting.other_matters.toPlainText() == model.other_matters
            presenter = self.meeting.presenter
            assert (presenter is not None) == self.presenter_open, "presenter open"
            meeting = self.meeting
            catching_up = meeting._presenter_timer.isActive() or meeting._follow_timer.isActive()
            if presenter is not None and not catching_up:  # the refresh has caught up
                lines = presenter.text().splitlines()
                for n, issue in enumerate(model.issues, 1):
                    assert f"{n}. {issue.title or 'Issue'}" in lines, "presenter"

    return EditModel


def run_model(window, qtbot, examples: int, steps: int) -> Figures:
    figures = Figures()
    started = time.perf_counter()
    run_state_machine_as_test(
        machine_for(window, qtbot, figures),
        settings=settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    elapsed = time.perf_counter() - started
    print(
        f"edit model: {figures.sequences} sequences, {figures.steps} steps, "
        f"{figures.checks} checks, 0 disagreements, {elapsed:.1f} s"
    )
    return figures


def test_edits_agree_with_the_model(qtbot, window):
    figures = run_model(window, qtbot, examples=25, steps=10)
    assert figures.sequences >= 25


@pytest.mark.slow
@pytest.mark.timeout(slow_size(full=3600, ci=900))
def test_edits_agree_with_the_model_over_a_thousand_sequences(qtbot, window):
    """A thousand sequences at full size; under `dev.py test --all`, 150 (docs/testing.md)."""
    examples = slow_size(full=1000, ci=150)
    figures = run_model(window, qtbot, examples=examples, steps=15)
    assert figures.sequences >= examples
