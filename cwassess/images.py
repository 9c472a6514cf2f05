"""Reading an image's size from its header alone, under the city's pixel limit instead of Pillow's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def pillow_limit_off() -> Iterator[None]:
    """Pillow refuses big images at open() by its own global limit; callers apply the city's limit instead, from the
    header (open() reads only the header: nothing is decoded, so a decompression bomb costs nothing)."""
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = before


def image_header(path: Path) -> tuple[str | None, int, int] | None:
    """(format, width, height) from the image's header, nothing decoded; None when Pillow cannot read it."""
    from PIL import Image

    try:
        with pillow_limit_off(), Image.open(path) as im:
            return im.format, im.size[0], im.size[1]
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return None


def format_pixels(n: int) -> str:
    """1,500,000 → “1.5 百万像素”; small images in plain pixels."""
    return f"{n / 1_000_000:.1f}".removesuffix(".0") + " 百万像素" if n >= 1_000_000 else f"{n} 像素"
