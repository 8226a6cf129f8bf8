"""The frames' PNG encoder: Pillow must decode exactly the pixels it was given."""

import io
import zlib

import numpy as np
import pytest
from PIL import Image

from helpers.png import encode_png


def colourful(h=37, w=53):
    """A frame where every pixel differs in every channel: swapped channels, a shifted row or
    a lost column would all show."""
    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, size=(h, w, 4), dtype=np.uint8)
    rgba[0, 0, :3] = (255, 0, 0)  # a pure red corner, for the eye
    return rgba


@pytest.mark.parametrize("level", [0, 1, 9])
def test_round_trip_through_pillow(level):
    rgba = colourful()
    decoded = Image.open(io.BytesIO(encode_png(rgba, compress_level=level)))
    assert decoded.mode == "RGB" and decoded.size == (53, 37)
    assert np.array_equal(np.asarray(decoded), rgba[..., :3])  # alpha dropped, RGB exact
    assert tuple(np.asarray(decoded)[0, 0]) == (255, 0, 0)


def test_rgb_input_and_a_compressible_frame():
    rgb = np.full((100, 200, 3), 255, np.uint8)
    rgb[40:60, :, 1] = 0
    png = encode_png(rgb)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png))), rgb)
    assert len(png) < rgb.nbytes / 20  # flat areas compress: no row filter needed for that


def test_chunks_are_well_formed():
    png = encode_png(colourful())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    kinds = []
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        crc = int.from_bytes(png[pos + 8 + length:pos + 12 + length], "big")
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF
        kinds.append(kind)
        pos += 12 + length
    assert kinds == [b"IHDR", b"IDAT", b"IEND"]


@pytest.mark.parametrize("bad", [np.zeros((4, 4), np.uint8), np.zeros((4, 4, 2), np.uint8),
                                 np.zeros((4, 4, 4), np.float64)])
def test_refuses_what_is_not_an_image(bad):
    with pytest.raises(ValueError, match="uint8 array"):
        encode_png(bad)
