"""The frames' PNG encoder: Pillow must decode exactly the pixels it was given."""

import io
import zlib

import numpy as np
import pytest
from PIL import Image

from helpers.png import ALPHA_STEP, encode_background, encode_layer, encode_png


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


def test_rgba_round_trip_keeps_alpha():
    rgba = colourful()
    decoded = Image.open(io.BytesIO(encode_png(rgba, alpha=True)))
    assert decoded.mode == "RGBA" and np.array_equal(np.asarray(decoded), rgba)
    with pytest.raises(ValueError, match="needs an RGBA buffer"):
        encode_png(rgba[..., :3], alpha=True)


def layer(colours=((230, 159, 0), (0, 114, 178), (0, 0, 0)), h=60, w=90):
    """A transparent layer with antialiased-looking strokes: a few colours at every opacity."""
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., :3] = 255                                  # transparent white, as Agg clears
    for k, colour in enumerate(colours):
        rows = slice(10 + 15 * k, 20 + 15 * k)
        rgba[rows, :, :3] = colour
        rgba[rows, :, 3] = np.linspace(0, 255, w).astype(np.uint8)  # every opacity along a row
    return rgba


def decoded_rgba(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def test_a_layer_becomes_a_small_palette_png_that_looks_the_same():
    rgba = layer()
    png = encode_layer(rgba)
    assert Image.open(io.BytesIO(png)).mode == "P"            # one byte a pixel
    back = decoded_rgba(png)
    assert np.abs(back[..., 3] - rgba[..., 3]).max() <= ALPHA_STEP // 2
    visible = rgba[..., 3] >= ALPHA_STEP // 2
    assert np.array_equal(back[visible][:, :3], rgba[visible][:, :3])  # the colours exact here
    assert np.all(back[~visible][:, 3] == 0)
    assert len(png) < len(encode_png(rgba, alpha=True))


def test_a_layer_of_many_colours_drops_low_bits_then_falls_back_to_rgba():
    rng = np.random.default_rng(1)
    blended = layer()
    blended[30:40, :, :3] = rng.integers(0, 256, size=(10, 90, 3), dtype=np.uint8)  # many colours
    blended[30:40, :, 3] = 255
    back = decoded_rgba(encode_layer(blended))
    assert np.abs(back - blended.astype(int))[blended[..., 3] >= 8].max() <= 15
    noise = rng.integers(0, 256, size=(40, 40, 4), dtype=np.uint8)   # thousands of colours
    noise[..., 3] = 255
    png = encode_layer(noise)
    assert Image.open(io.BytesIO(png)).mode == "RGBA" and np.array_equal(decoded_rgba(png), noise)


def test_an_empty_layer():
    rgba = np.zeros((30, 40, 4), np.uint8)
    back = decoded_rgba(encode_layer(rgba))
    assert back.shape == (30, 40, 4) and np.all(back[..., 3] == 0)
    with pytest.raises(ValueError, match="shape"):
        encode_layer(rgba[..., :3])


def test_a_background_of_flat_colours_becomes_an_exact_palette_png():
    rgb = np.full((80, 120, 3), 255, np.uint8)
    rgb[10:30, 10:60] = (230, 159, 0)                    # flat areas of a few colours
    rgb[40:70, 20:100] = (0, 114, 178)
    rgb[40:70, 20] = (120, 180, 220)                     # an antialiased edge
    png = encode_background(rgb)
    decoded = Image.open(io.BytesIO(png))
    assert decoded.mode == "P"
    assert np.array_equal(np.asarray(decoded.convert("RGB")), rgb)  # one colour per group: exact
    assert len(png) < len(encode_png(rgb))


def test_a_background_whose_colours_share_groups_stays_within_15_levels():
    rgb = np.zeros((64, 64, 3), np.uint8)
    rgb[..., 0] = np.arange(64)[:, None] * 2             # a gradient: many colours per group
    rgb[..., 2] = 200
    back = np.asarray(Image.open(io.BytesIO(encode_background(rgb))).convert("RGB")).astype(int)
    assert np.abs(back - rgb).max() <= 15


def test_a_background_of_thousands_of_colour_groups_is_written_as_rgb():
    noise = np.random.default_rng(2).integers(0, 256, size=(50, 50, 4), dtype=np.uint8)
    png = encode_background(noise)
    assert Image.open(io.BytesIO(png)).mode == "RGB"
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png))), noise[..., :3])
