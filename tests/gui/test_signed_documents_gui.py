"""Signed documents in the window: the Documents tab exports the sealed statement as a signed PDF
(on its worker), and File ▸ Verify a signed document… says in plain words whether a PDF is
unchanged and is this case file's record, or was changed."""

from __future__ import annotations

from pathlib import Path

from mediator_desk.documents.signing import read_signature

SEALED = "MD-2026-0004"


def _export_statement(qtbot, window, folder: Path) -> Path:
    window.desk.load_demo_cases()
    window.casebook.refresh()
    window.show_case(window.desk.case_by_reference(SEALED).id)
    tab = window.workspace.documents
    window.workspace.tabs.setCurrentWidget(tab)
    tab.select_kind("outcome-statement")
    tab.folder.setText(str(folder))
    tab.format.setCurrentIndex(0)  # PDF and Word
    assert tab.export_selected()
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)
    return folder / f"{SEALED} outcome-statement.pdf"


def _verify(qtbot, window, path: Path):
    window.verify_action.trigger()
    dialog = window.verify_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.check(path)
    assert dialog.headline.text() == "Checking…"
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=20000)
    return dialog


def test_the_exported_statement_is_signed_and_verified_in_the_window(qtbot, window, tmp_path):
    pdf = _export_statement(qtbot, window, tmp_path)
    assert read_signature(pdf.read_bytes()).unchanged
    dialog = _verify(qtbot, window, pdf)
    assert dialog.headline.text() == "✔ Unchanged, and the sealed record in this case file"
    lines = dialog.details.text().splitlines()
    assert lines[0] == "Unchanged since it was signed."
    assert lines[-1].startswith(f"It is the sealed outcome statement of {SEALED}, version ")
    assert dialog.choose_button.isEnabled()


def test_a_changed_pdf_is_called_changed_in_the_window(qtbot, window, tmp_path):
    pdf = _export_statement(qtbot, window, tmp_path)
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x10
    pdf.write_bytes(bytes(data))
    dialog = _verify(qtbot, window, pdf)
    assert dialog.headline.text() == "✖ Changed since it was signed: do not rely on it"
    assert dialog.details.text().startswith("CHANGED since it was signed")


def test_a_word_file_or_a_missing_file_is_no_signed_document(qtbot, window, tmp_path):
    word = tmp_path / "statement.docx"
    word.write_bytes(b"PK\x03\x04 a Word file")
    dialog = _verify(qtbot, window, word)
    assert dialog.headline.text() == "✖ Not a signed document"
    assert dialog.details.text() == "This file is not a PDF."
    dialog.check(tmp_path / "gone.pdf")
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=20000)
    assert dialog.details.text().startswith("gone.pdf could not be read: ")


def test_settings_shows_the_signing_certificates_fingerprint(qtbot, window):
    window.settings_action.trigger()
    page = window.settings_dialog.documents
    assert page.certificate.text().startswith("None yet: it is made when you first seal")
    window.settings_dialog.reject()
    window.desk.load_demo_cases()  # its sealed statement makes the certificate
    identity = window.desk.signing.identity()
    window.settings_action.trigger()
    page = window.settings_dialog.documents
    groups = identity.fingerprint.split()
    assert page.certificate.text().splitlines() == [
        identity.name,
        identity.organisation,
        "Fingerprint (SHA-256):",
        " ".join(groups[:8]),
        " ".join(groups[8:]),
    ]
