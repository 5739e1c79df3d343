"""Guards against a Qt binding that loses references to None when a QVariant holding nothing
comes back to Python (PySide6 6.12.0 does): the app reads such values all the time (combo boxes
whose first choice means "none", unset item data), and a long session would then crash."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem


def test_reading_empty_values_keeps_none_alive(qtbot):
    box = QComboBox()
    qtbot.addWidget(box)
    box.addItem("Not recorded", None)
    box.setCurrentIndex(0)
    item = QTableWidgetItem("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert box.currentData() is None
        assert item.data(Qt.ItemDataRole.UserRole) is None
    assert sys.getrefcount(None) >= before - 10
