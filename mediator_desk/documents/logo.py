"""The service's letterhead logo: only a PNG or JPEG picture of sensible size is accepted, checked
by its content rather than its file name."""

from __future__ import annotations

import warnings
from io import BytesIO

from PIL import Image

MAX_BYTES = 1024 * 1024
MAX_SIDE = 4000
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
NOT_A_PICTURE = (
    "The logo must be a PNG or JPEG picture. Save it as one of those (most picture "
    "programs can) and choose it again."
)


class UnsuitableLogo(ValueError):
    """The picture cannot be a logo; `message` says why in words the mediator can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def picture_format(data: bytes) -> str | None:
    """'PNG' or 'JPEG' from the file's first bytes, or None for anything else."""
    if data.startswith(PNG):
        return "PNG"
    if data.startswith(JPEG):
        return "JPEG"
    return None


def check_logo(data: bytes) -> tuple[int, int]:
    """The logo's size in pixels (width, height), or UnsuitableLogo saying what is wrong."""
    if len(data) > MAX_BYTES:
        raise UnsuitableLogo(
            "The logo is too large: it must be a PNG or JPEG picture of at most 1 MB. Save a "
            "smaller copy and choose that."
        )
    expected = picture_format(data)
    if expected is None:
        raise UnsuitableLogo(NOT_A_PICTURE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[expected]) as picture:
                width, height = picture.size
                if width <= MAX_SIDE and height <= MAX_SIDE:
                    picture.load()  # a damaged or cut-short file fails here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels("far more pixels than a letterhead needs") from None
    except (OSError, ValueError, SyntaxError):
        raise UnsuitableLogo(
            "The logo could not be read: the picture seems to be damaged. Save it again as a "
            "PNG or JPEG picture and choose it again."
        ) from None
    if width > MAX_SIDE or height > MAX_SIDE:
        raise _too_many_pixels(f"{width} × {height} pixels")
    if width < 1 or height < 1:
        raise UnsuitableLogo(NOT_A_PICTURE)
    return width, height


def _too_many_pixels(size: str) -> UnsuitableLogo:
    return UnsuitableLogo(
        f"The logo is too large ({size}): it must be a PNG or JPEG picture of at most "
        f"{MAX_SIDE} × {MAX_SIDE} pixels. Save a smaller copy and choose that."
    )


STORED_SIDE = 1000  # ample for 45 mm at print resolution (about 560 dpi)


def fit_logo(data: bytes) -> bytes:
    """A checked logo as it is kept: pictures larger than STORED_SIDE on their longer side are
    scaled down (in their own format), so every export need not shrink a huge picture again."""
    width, height = check_logo(data)
    if max(width, height) <= STORED_SIDE:
        return data
    kind = picture_format(data)
    with Image.open(BytesIO(data), formats=[kind or "PNG"]) as picture:
        smaller = picture.copy()
    smaller.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    out = BytesIO()
    if kind == "JPEG":
        smaller.convert("RGB").save(out, "JPEG", quality=92)
    else:
        smaller.save(out, "PNG", optimize=True)
    return out.getvalue()
