"""Accessibility: every control has a name a screen reader can say, is reached with Tab in the
order it appears on screen, and its Alt+letter is not shared with another control beside it."""

from __future__ import annotations

import itertools
import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from mediator_desk.ui.widgets.record_editor import RecordEditor

INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
)


def qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own controls (a combo box's list, a spin box's editor, a
    table's headers, a line edit's clear button); they take their name from their owner."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def spoken_name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    return ""


def unnamed_inputs(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} in {type(w.parentWidget()).__name__}"
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS) and not qt_internal(w) and not spoken_name(w)
    ]


def not_reachable_by_tab(root: QWidget) -> list[str]:
    return [
        spoken_name(w)
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS)
        and not qt_internal(w)
        and w.isVisibleTo(root)
        and not (w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]


def tab_order_going_back_up(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of controls where Tab jumps back up the screen (by more than a line), unless it
    goes on to the top of a column to the right of the control it leaves."""
    seen: list[tuple[int, int, int, str]] = []
    widget = root.nextInFocusChain()
    for _ in range(5000):
        if widget is root:
            break
        if (
            root.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            corner = widget.mapTo(root, QPoint(0, 0))
            seen.append((corner.y(), corner.x(), corner.x() + widget.width(), spoken_name(widget)))
        widget = widget.nextInFocusChain()
    return [
        (a[3], b[3])
        for a, b in itertools.pairwise(seen)
        if b[0] < a[0] - 12 and b[1] < a[2]  # up, and not into a column further right
    ]


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text)
    return found.group(1).lower() if found else None


def shared_mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys used twice within one group of controls (a group box or a list with its
    editor); across groups Qt moves between them on each press, which is still usable."""
    groups: dict[tuple[int, str], list[str]] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter is None:
            continue
        group = widget.parentWidget()
        while group is not None and group is not root:
            if isinstance(group, (QGroupBox, RecordEditor)):
                break
            group = group.parentWidget()
        groups.setdefault((id(group), letter), []).append(text)
    return {f"{k[1]}": v for k, v in groups.items() if len(v) > 1}


def page_problems(page: QWidget) -> dict[str, object]:
    found = {
        "unnamed": unnamed_inputs(page),
        "not reachable with Tab": not_reachable_by_tab(page),
        "Tab goes back up": tab_order_going_back_up(page),
        "shared Alt+letter": shared_mnemonics(page),
    }
    return {k: v for k, v in found.items() if v}


@pytest.fixture
def case_window(window):
    window.desk.load_demo_cases()
    window.casebook.refresh()
    window.resize(1280, 800)
    window.show_case(window.casebook.model.case_id(0))
    return window


def test_every_case_tab_is_named_reachable_and_in_reading_order(qtbot, case_window):
    tabs = case_window.workspace.tabs
    problems = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        found = page_problems(tabs.widget(index))
        if found:
            problems[tabs.tabText(index)] = found
    assert problems == {}


def test_main_window_controls_are_named(case_window):
    assert unnamed_inputs(case_window) == []
    assert not_reachable_by_tab(case_window.casebook) == []


def test_settings_pages_are_named_reachable_and_in_reading_order(qtbot, case_window):
    case_window.show_settings()
    dialog = case_window.settings_dialog
    problems = {}
    for index in range(dialog.pages.count()):
        dialog.page_list.setCurrentRow(index)
        found = page_problems(dialog.pages.widget(index))
        if found:
            problems[dialog.page_list.item(index).text()] = found
    dialog.reject()
    assert problems == {}


def test_welcome_pages_are_named_and_in_reading_order(qtbot, make_window):
    window = make_window()
    window.show_welcome()
    wizard = window.welcome
    for page in (wizard.intro, wizard.casefile, wizard.about, wizard.ready):
        assert unnamed_inputs(page) == []
        assert shared_mnemonics(page) == {}
        assert page.isVisible() and tab_order_going_back_up(page) == []
        if page is wizard.casefile:
            page.plain.setChecked(True)  # so Next goes on without a passphrase
        wizard.next()
    wizard.reject()


def test_new_case_dialog_is_named(qtbot, window):
    window.new_case()
    dialog = window.new_case_dialog
    assert unnamed_inputs(dialog) == []
    assert shared_mnemonics(dialog) == {}
    assert tab_order_going_back_up(dialog) == []
    dialog.reject()


def test_the_checks_find_real_problems(qtbot):
    """The helpers above can fail: an unnamed field, a jump back up and a shared letter."""
    from PySide6.QtWidgets import QFormLayout

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    top, bottom = QLineEdit(), QLineEdit()
    top.setAccessibleName("Top")
    form.addRow("&Notes:", bottom)
    form.insertRow(0, "&Name:", top)  # above, but after it in the Tab order
    root.resize(300, 120)
    root.show()
    qtbot.waitExposed(root)
    assert unnamed_inputs(root) == ["QLineEdit in QWidget"]
    assert sorted(shared_mnemonics(root)["n"]) == ["&Name:", "&Notes:"]
    assert tab_order_going_back_up(root) == [("", "Top")]


def test_case_tabs_fit_at_200_percent_text(qtbot, case_window):
    """With the text twice its usual size, each tab's form still fits beside the casebook
    in a 1280 × 800 window: long rows put the field under its label."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    app = QApplication.instance()
    normal = app.font()
    big = app.font()
    big.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(big)
    try:
        tabs = case_window.workspace.tabs
        too_wide = {}
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            scroll = tabs.widget(index).findChild(QScrollArea)
            if scroll is None:
                continue
            QApplication.processEvents()
            needed = scroll.widget().minimumSizeHint().width()
            room = scroll.viewport().width()
            if needed > room + 40:  # a scroll bar's width of slack
                too_wide[tabs.tabText(index)] = (needed, room)
        assert too_wide == {}
    finally:
        app.setFont(normal)


def test_colours_come_from_the_system_palette():
    """Dark mode and high-contrast themes work because no window sets its own colours; only
    the presenter view, which is deliberately black on white for screen sharing, does."""
    from pathlib import Path

    import mediator_desk.ui as ui

    offenders = []
    for path in Path(ui.__file__).parent.rglob("*.py"):
        if path.name == "presenter.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"QColor\(", r"setStyleSheet\(", r"#[0-9a-fA-F]{6}\b", r"GlobalColor\."):
            if re.search(pattern, text):
                offenders.append(f"{path.name}: {pattern}")
    assert offenders == []
