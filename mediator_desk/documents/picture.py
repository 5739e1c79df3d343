"""Pictures for documents: any picture a case file keeps (PNG, JPEG, GIF, WebP) as a PNG or JPEG
that Word and PDF both take, turned the way the camera meant and no larger than print needs."""

from __future__ import annotations

import warnings
from io import BytesIO

from PIL import Image, ImageOps

from .model import Picture

PRINT_SIDE = 1200  # pixels on the longer side: ample for a picture 8 cm wide


def printable(data: bytes, caption: str = "") -> Picture | None:
    """The picture ready for a document, or None if it cannot be read (it is left out rather
    than stopping the document)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as source:
                source.seek(0)  # the first frame of an animation
                picture = ImageOps.exif_transpose(source) or source.copy()
                picture.load()
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning,
            Image.DecompressionBombError):  # fmt: skip
        return None
    picture.thumbnail((PRINT_SIDE, PRINT_SIDE), Image.Resampling.LANCZOS)
    out = BytesIO()
    if picture.mode in ("RGBA", "LA", "P", "PA") or "transparency" in picture.info:
        picture.convert("RGBA").save(out, "PNG", optimize=True)
    else:
        picture.convert("RGB").save(out, "JPEG", quality=88)
    return Picture(out.getvalue(), picture.width, picture.height, caption)


def fit(size: tuple[float, float], box: tuple[float, float]) -> tuple[float, float]:
    """The largest width and height inside the box with the picture's proportions (never
    enlarged beyond the box)."""
    scale = min(box[0] / size[0], box[1] / size[1])
    return size[0] * scale, size[1] * scale
