"""Exporting where the file is already there asks first: Replace, Keep both (the new one is
'name (2).pdf') or Cancel; nothing is replaced without the mediator saying so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.conftest import make_case, sha256_of

EARLIER = b"%PDF-1.4 the copy the family already signed"


@pytest.fixture
def ready(window, tmp_path):
    """The Documents tab on a certificate that can be exported, with a copy already there."""
    folder = tmp_path / "exports"
    folder.mkdir()
    window.desk.documents.set_service({"mediator": "Alex Mercer"})  # certificates name an issuer
    case = window.desk.create_case(make_case(declined_on=dt.date(2026, 11, 20)))
    window.casebook.refresh()
    window.show_case(case.id)
    tab = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(tab)
    tab.select_kind("certificate-not-pursued")
    tab.folder.setText(str(folder))
    tab.format.setCurrentIndex(tab.format.findText("PDF"))
    earlier = folder / f"{case.reference} certificate-not-pursued.pdf"
    earlier.write_bytes(EARLIER)
    return tab, folder, earlier


def ask(qtbot, tab):
    assert tab.export_selected()
    qtbot.waitUntil(lambda: tab.replace_question is not None and tab.replace_question.isVisible())
    return tab.replace_question


def test_exporting_over_a_file_asks_and_keep_both_writes_a_numbered_copy(qtbot, ready):
    tab, folder, earlier = ready
    question = ask(qtbot, tab)
    assert earlier.name in question.text()
    assert [b.text() for b in question.buttons()].count("&Keep both") == 1
    qtbot.mouseClick(tab.keep_both_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=15000)
    copy = folder / earlier.name.replace(".pdf", " (2).pdf")
    assert earlier.read_bytes() == EARLIER
    assert copy.read_bytes().startswith(b"%PDF-")
    assert tab.last_exported == [copy]
    assert tab.message.text().startswith(f"Saved {copy.name} in ")


def test_replace_replaces_it(qtbot, ready):
    tab, folder, earlier = ready
    ask(qtbot, tab)
    qtbot.mouseClick(tab.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.busy, timeout=15000)
    assert earlier.read_bytes() != EARLIER and earlier.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in folder.iterdir()) == [earlier.name]


def test_cancel_writes_nothing(qtbot, ready):
    tab, folder, earlier = ready
    before = sha256_of(earlier)
    question = ask(qtbot, tab)
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not tab.busy)
    assert sha256_of(earlier) == before
    assert sorted(p.name for p in folder.iterdir()) == [earlier.name]
    assert tab.message.text() == "Nothing was exported."
    assert tab.export_button.isEnabled()


def test_no_question_when_the_folder_is_clear(qtbot, ready):
    tab, folder, earlier = ready
    earlier.unlink()
    assert tab.export_selected()
    qtbot.waitUntil(lambda: not tab.busy, timeout=15000)
    assert tab.replace_question is None
    assert [p.name for p in folder.iterdir()] == [earlier.name]
