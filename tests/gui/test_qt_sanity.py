"""Guards against a Qt binding that loses references to the values a QVariant hands back to
Python (PySide6 6.12.0 does, for None): the app reads such values all the time (combo boxes
whose first choice means "none", item data) and a long session would then crash.

None is immortal from Python 3.12 on, so its reference count cannot show the loss there; a
value of our own can, on every Python, and the pin in pyproject.toml keeps the known-bad
release out."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

import PySide6
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem

READS = 2000
LOSES_REFERENCES = {(6, 12, 0)}  # PySide6 releases known to drop references to None


class Choice:
    """An ordinary (mortal) value stored as item data, as the app stores its enums and ids."""


def references_lost(read: Callable[[], object], value: object) -> int:
    """How many references to `value` went missing over READS reads that each return it."""
    before = sys.getrefcount(value)
    for _ in range(READS):
        assert read() is value
    return before - sys.getrefcount(value)


def test_the_binding_is_not_a_release_known_to_lose_references():
    assert tuple(PySide6.__version_info__[:3]) not in LOSES_REFERENCES, PySide6.__version__


def test_reading_stored_values_keeps_every_reference(qtbot):
    choice = Choice()
    box = QComboBox()
    qtbot.addWidget(box)
    box.addItem("Chosen", choice)
    box.setCurrentIndex(0)
    item = QTableWidgetItem("x")
    item.setData(Qt.ItemDataRole.UserRole, choice)
    assert references_lost(box.currentData, choice) == 0
    assert references_lost(lambda: item.data(Qt.ItemDataRole.UserRole), choice) == 0


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_reading_empty_values_keeps_none_alive(qtbot):
    box = QComboBox()
    qtbot.addWidget(box)
    box.addItem("Not recorded", None)
    box.setCurrentIndex(0)
    item = QTableWidgetItem("x")
    # Other code takes and drops references to None meanwhile; the faulty binding loses READS.
    assert references_lost(box.currentData, None) < 10
    assert references_lost(lambda: item.data(Qt.ItemDataRole.UserRole), None) < 10


def test_the_check_sees_a_reference_lost():
    """The check itself can fail: a read that drops a reference each time, as the faulty
    binding does, is caught (the value is held many times over, so nothing is freed)."""
    choice = Choice()
    held = [choice] * (READS * 2)
    decref = ctypes.pythonapi.Py_DecRef
    decref.argtypes = [ctypes.py_object]

    def faulty_read() -> object:
        decref(choice)
        return choice

    assert references_lost(faulty_read, choice) == READS
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    for _ in range(READS):
        incref(choice)  # put back what the faulty read took
    assert len(held) == READS * 2
