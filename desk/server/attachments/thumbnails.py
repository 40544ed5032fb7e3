"""Small JPEG previews of image attachments, made once and kept beside the blob.

The office and the family app show a thumbnail in the conversation and fetch the
whole photo only when it is opened: a 4 MB phone photo is about 15 KB as a 320-pixel
preview. Pillow decodes; a picture that claims more pixels than any camera makes (a
decompression bomb) or does not decode is given no thumbnail rather than an error.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageOps

EDGE = 320
"""Longest side of a thumbnail, in pixels."""

MAX_PIXELS = 60_000_000
"""Past any phone camera; an image claiming more is refused as a decompression bomb."""

SUFFIX = ".thumb.jpg"

Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # past it Pillow warns, which `make_thumbnail` refuses


def make_thumbnail(source: Path, target: Path) -> bool:
    """Write `target`, a JPEG of `source` at most `EDGE` pixels a side; False if undecodable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                picture = ImageOps.exif_transpose(image)
                picture.thumbnail((EDGE, EDGE))
                if picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".thumb-")
    try:
        with os.fdopen(handle, "wb") as out:
            picture.save(out, "JPEG", quality=80, optimize=True)
        os.replace(name, target)
    except OSError:
        Path(name).unlink(missing_ok=True)
        raise
    return True
