"""Writing without replacing: an existing file is never touched, whether it was there before or
appeared meanwhile, on file systems with hard links or without (FAT USB sticks)."""

from __future__ import annotations

import os

import pytest

from mediator_desk.documents.export import file_kind, numbered, write_atomically, write_new


def test_an_existing_file_is_kept_and_nothing_is_left_behind(tmp_path):
    target = tmp_path / "MD-2026-0001 certificate-concluded.pdf"
    target.write_bytes(b"signed copy")
    with pytest.raises(FileExistsError):
        write_atomically(target, b"new", replace=False)
    assert target.read_bytes() == b"signed copy"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_without_hard_links_the_name_is_still_checked(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "letter.pdf"
    write_atomically(target, b"first", replace=False)
    assert target.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        write_atomically(target, b"second", replace=False)
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "MD-2026-0001 email.eml"
    real_link = os.link

    def someone_else_first(src, dst):
        if dst == target:
            target.write_bytes(b"theirs")
        return real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    written = write_new(target, b"ours")
    assert written.name == "MD-2026-0001 email (2).eml"
    assert target.read_bytes() == b"theirs" and written.read_bytes() == b"ours"


def test_numbered_names_and_the_kind_they_were_exported_as(tmp_path):
    target = tmp_path / "MD-2026-0001 outcome-statement.pdf"
    assert numbered(target, 1) == target
    assert numbered(target, 3).name == "MD-2026-0001 outcome-statement (3).pdf"
    assert file_kind(numbered(target, 3), "MD-2026-0001") == "outcome-statement"
    assert file_kind(target, "MD-2026-0001") == "outcome-statement"
    assert file_kind(tmp_path / "notes.pdf", "MD-2026-0001") is None
    assert file_kind(target, "MD-2026-0002") is None
