"""Attachments are checked by their bytes and size; the child's views know when they are empty."""

from __future__ import annotations

from mediator_desk.domain.preparation import (
    MAX_ATTACHMENT_BYTES,
    ChildViews,
    Role,
    attachment_type,
    check_attachment,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def test_types_come_from_the_first_bytes_not_the_name():
    assert attachment_type(PNG) == "image/png"
    assert attachment_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert attachment_type(b"%PDF-1.7\n") == "application/pdf"
    assert attachment_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert attachment_type(b"MZ\x90\x00 a Windows program") is None


def test_attachment_checks_explain_themselves():
    assert check_attachment("drawing.png", PNG) is None
    assert "empty" in check_attachment("blank.png", b"")
    assert "limited to 10 MB" in check_attachment("huge.png", PNG + b"\x00" * MAX_ATTACHMENT_BYTES)
    assert "not a picture or PDF" in check_attachment("notes.docx", b"PK\x03\x04 zip")


def test_views_are_empty_until_something_is_written():
    assert not ChildViews().has_views
    assert not ChildViews(gathered_by="Mum", no_views_reason="Unwell").has_views
    assert ChildViews(quotes="“I like my teacher.”").has_views


def test_roles_know_their_side():
    assert Role.LA_DECISION_MAKER.is_la and Role.LA_DECISION_MAKER.is_main_party
    assert Role.ADVOCATE.is_supporter and not Role.INTERPRETER.is_supporter
    assert not Role.CHILD.is_main_party
