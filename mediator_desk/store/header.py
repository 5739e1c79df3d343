"""Read a case file's SQLite header from its bytes, without opening it as a database.

The header (https://www.sqlite.org/fileformat.html, section 1.3) says whether a file is SQLite,
whose it is (application_id), which schema version it holds (user_version) and how long it
should be. Deciding from these bytes first means a file we must refuse is never opened by
SQLite at all, so not one byte of it can change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int  # 0 when the header's count is not valid (very old writers)
    user_version: int
    application_id: int
    file_size: int

    @property
    def truncated(self) -> bool:
        return self.page_count > 0 and self.file_size < self.page_size * self.page_count


class HeaderProblem(Exception):
    """`kind` is 'empty', 'not_sqlite' or 'truncated'."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def read_header(path: Path) -> Header:
    size = os.stat(path).st_size
    with open(path, "rb") as handle:
        raw = handle.read(HEADER_SIZE)
    if size == 0:
        raise HeaderProblem("empty")
    if not raw.startswith(MAGIC[: min(len(raw), len(MAGIC))]) or len(raw) < len(MAGIC):
        raise HeaderProblem("not_sqlite")
    if len(raw) < HEADER_SIZE:
        raise HeaderProblem("truncated")

    def u32(offset: int) -> int:
        return int.from_bytes(raw[offset : offset + 4], "big")

    def s32(offset: int) -> int:
        return int.from_bytes(raw[offset : offset + 4], "big", signed=True)

    page_size = int.from_bytes(raw[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise HeaderProblem("not_sqlite")
    change_counter, valid_for = u32(24), u32(92)
    page_count = u32(28) if change_counter == valid_for else 0
    return Header(
        page_size=page_size,
        page_count=page_count,
        user_version=s32(60),
        application_id=s32(68),
        file_size=size,
    )
