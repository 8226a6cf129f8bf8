"""A small PNG encoder for the live figures' frames (RGBA pixel buffer in, PNG bytes out).

Why not Pillow (which matplotlib already installs)? Speed: a frame is encoded at every slider
move. Pillow's PNG writer applies an adaptive row filter to every row before compressing; for a
figure (large flat areas) that buys little size and costs time. Written with zlib directly, with
no row filter and fast compression, notebook 01's 1240 x 416 frame takes 2.9 ms against 7.9 ms
for ``PIL.Image.save(format="png", compress_level=1)`` (about 2.7 times faster; median of 50
encodings on the shared 2-core machine), and the frame still compresses 19 times (80 kB).
``tests/test_png.py`` decodes its output with Pillow.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

import numpy as np

__all__ = ["encode_png"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC of type and data."""
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def encode_png(rgba: Any, compress_level: int = 1) -> bytes:
    """PNG bytes (8-bit RGB) of a pixel buffer of shape ``(h, w, 4)`` (RGBA; alpha dropped)
    or ``(h, w, 3)``. ``compress_level``: zlib's 0-9 (1: fast, for frames; 9: for stored
    outputs)."""
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or pixels.dtype != np.uint8:
        raise ValueError(f"rgba must be a uint8 array of shape (h, w, 4) or (h, w, 3); got "
                         f"{pixels.dtype} {pixels.shape}")
    h, w = pixels.shape[:2]
    raw = np.empty((h, 1 + 3 * w), dtype=np.uint8)  # each row: filter byte 0 (none), then RGB
    raw[:, 0] = 0
    rgb = raw[:, 1:].reshape(h, w, 3)  # a view into raw
    for channel in range(3):  # one channel at a time: ~10x faster than one (h, w, 3) copy
        rgb[..., channel] = pixels[..., channel]
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (PNG_SIGNATURE + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, compress_level)) + _chunk(b"IEND", b""))
