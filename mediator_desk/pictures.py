"""Pictures kept in a case file are judged by decoding them (Pillow), not by their first bytes
or the type a file declares: a picture of too many pixels (a small file can decode to gigabytes)
or one with something else hidden after it is refused, and each is labelled with what it is."""

from __future__ import annotations

import warnings
from io import BytesIO

from PIL import Image

from .domain.preparation import attachment_type, check_attachment

MAX_PIXELS = 40_000_000  # a 40-megapixel photograph; more is never needed for a drawing
MAX_SIDE = 10_000
_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}


class PictureRefused(ValueError):
    """The file cannot be kept; `message` says why in words the mediator can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def attachment_mime(name: str, data: bytes) -> str:
    """The MIME type of what the file really is, or PictureRefused saying why it is not kept."""
    problem = check_attachment(name, data)
    if problem:
        raise PictureRefused(problem)
    mime = attachment_type(data)
    assert mime is not None  # check_attachment refuses anything else
    if mime in _FORMATS:
        _check_picture(name, data, _FORMATS[mime])
    return mime


def _check_picture(name: str, data: bytes, fmt: str) -> None:
    damaged = PictureRefused(
        f"{name} could not be read as a picture: it is damaged, or not the picture it claims "
        "to be. Save it again as a PNG or JPEG and add it again."
    )
    if not _ends_where_it_says(data, fmt):
        raise damaged
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[fmt]) as picture:
                width, height = picture.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise PictureRefused(
                        f"{name} is {width} × {height} pixels; pictures are limited to "
                        f"{MAX_PIXELS // 1_000_000} megapixels and {MAX_SIDE:,} pixels a side. "
                        "Save a smaller copy and add that."
                    )
                picture.verify()
            with Image.open(BytesIO(data), formats=[fmt]) as picture:
                picture.load()  # verify does not decode the pixels: a cut-short file fails here
    except PictureRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PictureRefused(f"{name} has far more pixels than a picture may have.") from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise damaged from None


def _ends_where_it_says(data: bytes, fmt: str) -> bool:
    """Nothing hidden after the picture (a PNG header in front of a web page, say)."""
    if fmt == "PNG":
        return data.endswith(b"IEND\xaeB`\x82")
    if fmt == "JPEG":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if fmt == "GIF":
        return data.endswith(b";")
    size = int.from_bytes(data[4:8], "little") + 8  # WebP: RIFF says its own length
    return len(data) in (size, size + 1)
