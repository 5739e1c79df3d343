"""Pictures are judged by decoding them, not by their first bytes or the type a file declares:
a picture of too many pixels, or a PNG header in front of something else, is refused, and what
is kept is labelled with the type it really is."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image

from mediator_desk.services import open_desk
from mediator_desk.store import errors
from tests.conftest import fixed_clock, fixed_today, make_case, picture


@pytest.fixture
def case(desk):
    return desk.create_case(make_case())


def _bomb(size: tuple[int, int]) -> bytes:
    """A small file that decodes to a huge picture (1-bit, so cheap to make here)."""
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_bomb((8000, 8000)), "8000 × 8000 pixels"),
        (_bomb((12000, 100)), "12000 × 100 pixels"),
        (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "could not be read"),
        (picture()[:60], "could not be read"),  # cut short
        (picture() + b"<html>after the picture</html>", "could not be read"),
    ],
)
def test_a_picture_that_cannot_be_decoded_safely_is_refused(desk, case, tmp_path, data, words):
    path = tmp_path / "drawing.png"
    path.write_bytes(data)
    with pytest.raises(errors.InvalidChange, match=words):
        desk.attach_file(case.id, path)
    assert desk.attachments(case.id) == []


def test_a_picture_is_kept_with_the_type_it_really_is(desk, case, tmp_path):
    path = tmp_path / "drawing.png"  # a JPEG whatever its name says
    path.write_bytes(picture(fmt="JPEG"))
    assert desk.attach_file(case.id, path).mime == "image/jpeg"
    webp = tmp_path / "scan.webp"
    webp.write_bytes(picture(fmt="WEBP"))
    assert desk.attach_file(case.id, webp).mime == "image/webp"


def test_an_imported_picture_keeps_its_real_type_not_the_declared_one(desk, case, tmp_path):
    path = tmp_path / "drawing.png"
    path.write_bytes(picture(fmt="GIF"))
    desk.attach_file(case.id, path)
    data = json.loads(desk.export_case(case.reference))
    data["attachments"][0]["mime"] = "text/html"
    exchange = tmp_path / "case.json"
    exchange.write_text(json.dumps(data), encoding="utf-8")
    other = open_desk(tmp_path / "other.mdesk", today=fixed_today, clock=fixed_clock)
    try:
        imported, _ = other.import_case(exchange)
        assert [a.mime for a in other.attachments(imported.id)] == ["image/gif"]
        data["attachments"][0]["data"] = base64.b64encode(_bomb((8000, 8000))).decode()
        exchange.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(errors.InvalidChange, match=r"attachments\[0\]: .*8000 × 8000"):
            other.import_case(exchange)
        assert other.count() == 1
    finally:
        other.close()


def test_a_file_name_that_is_not_valid_text_is_kept_readable(desk, case, tmp_path):
    """On Linux a file name may hold bytes that are not UTF-8 (Python shows them as lone
    surrogates); the picture is kept, under a name that can be stored and shown."""
    path = tmp_path / "caf\udce9\x07.png"
    path.write_bytes(picture())
    added = desk.attach_file(case.id, path, "Caf\x07é")
    assert (added.filename, added.caption) == ("caf?.png", "Café")
    with pytest.raises(errors.InvalidChange, match="broken character"):
        desk.attach_file(case.id, path, "\ud800")
    assert len(desk.attachments(case.id)) == 1
