"""An unexpected error is logged and explained in plain words; no traceback reaches the user."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from mediator_desk import app


def test_unexpected_errors_are_logged_and_explained(qtbot, monkeypatch, tmp_path, capsys):
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    monkeypatch.setattr(app, "_log_file", lambda: tmp_path / "mediator-desk.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app._install_error_hook()
    try:
        raise ValueError("a bug the user should never see")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    assert "Everything saved before this moment is safe" in shown[0]
    assert "Traceback" not in shown[0] and "ValueError" not in shown[0]
    assert str(tmp_path / "mediator-desk.log") in shown[0]
    logged = (tmp_path / "mediator-desk.log").read_text()
    assert "ValueError: a bug the user should never see" in logged
    capsys.readouterr()
