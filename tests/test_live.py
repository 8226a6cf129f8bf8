"""Live figures: one frame per figure (a background and a moving layer, stacked), redrawn on a
slider change, the background sent again only when it changed, a static PNG for viewers without
a kernel, and re-running a cell leaves one live figure."""

import base64
import io
import subprocess
import sys

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

import helpers
from helpers.draw import draw_line, set_line
from helpers.figures.initialization import random_lines_figure
import helpers.png
from helpers.live import LiveFigure, Readout, new_figure, render_png


@pytest.fixture
def figure():
    lf = random_lines_figure(helpers.factory_sales(n=30, rng=0), name="test-figure")
    yield lf
    lf.close()


LAYER_TOLERANCE = 16
"""How far (of 255) a shown pixel may be from a full drawing: the moving layer's opacity is
rounded to steps of 16 and, where many colours mix, its colours lose up to 4 bits; a background
pixel takes the mean colour of its 4-bit colour group (png.py)."""


def composite(lf) -> np.ndarray:
    """What the browser shows: the moving layer over the background, as RGB pixels."""
    background = Image.open(io.BytesIO(lf.background.value)).convert("RGBA")
    moving = Image.open(io.BytesIO(lf.image.value)).convert("RGBA")
    assert moving.size == background.size
    return np.asarray(Image.alpha_composite(background, moving).convert("RGB"))


def full_draw(lf) -> np.ndarray:
    """The same figure drawn in one piece, every artist in its place."""
    return np.asarray(Image.open(io.BytesIO(lf.frame_png())).convert("RGB"))


def test_slider_change_redraws_the_frame(figure):
    first, renders = figure.layers(), figure.renders
    figure.controls["seed"].value = 5          # as a browser would, through the observer
    assert figure.layers() != first and figure.renders == renders + 1
    figure.controls["scale"].value = 100.0
    figure.controls["num_draws"].value = 1
    assert figure.renders == renders + 3
    assert figure.images() == [figure.background, figure.image]
    assert list(figure.frame.children) == [figure.background, figure.image]
    assert figure.background.layout.grid_area == figure.image.layout.grid_area == "frame"
    assert all(layer[:8] == b"\x89PNG\r\n\x1a\n" for layer in figure.layers())


def test_a_frame_sends_only_the_moving_layer(figure):
    sent = []
    figure.background.observe(lambda change: sent.append("background"), names="value")
    figure.image.observe(lambda change: sent.append("moving"), names="value")
    figure.set(scale=3.0)    # the same draws in units of σ: only the moving artists change
    figure.set(scale=30.0)
    assert sent == ["moving", "moving"]


def test_same_value_is_not_drawn_twice(figure):
    renders = figure.renders
    figure.redraw()
    assert figure.renders == renders


def test_set_draws_one_frame_for_many_controls(figure):
    renders = figure.renders
    figure.set(seed=3, scale=1.0, num_draws=40)
    assert figure.renders == renders + 1 and figure.values == {"seed": 3, "scale": 1.0, "num_draws": 40}
    with pytest.raises(ValueError, match="unknown control"):
        figure.set(colour=1)


def test_the_stacked_layers_equal_a_full_drawing(figure):
    figure.set(seed=7, scale=30.0, num_draws=25)
    shown, full = composite(figure), full_draw(figure)
    # the moving layer's opacity is rounded to 16 levels, its colours at most 4 bits (png.py)
    close = np.all(np.abs(shown.astype(int) - full.astype(int)) <= LAYER_TOLERANCE, axis=-1)
    # The same picture, except where animated artists now lie above static ones (draw order).
    assert np.mean(~close) < 0.02


def test_static_viewers_get_a_png_and_kernels_the_widget(figure):
    bundle = figure._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == figure.widget.model_id
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert bundle["text/plain"] == "<live figure 'test-figure' with controls: seed, scale, num_draws>"


def test_rerunning_a_cell_leaves_one_live_figure():
    data = helpers.factory_sales(n=30, rng=0)
    old = random_lines_figure(data, name="rerun")
    new = random_lines_figure(data, name="rerun")
    assert [lf for lf in LiveFigure.open_figures() if lf.name == "rerun"] == [new]
    renders = old.renders
    old.controls["seed"].value = 9  # closed: it no longer follows its (closed) sliders
    assert old.renders == renders
    new.close()


def test_a_minimal_live_figure_without_blitting():
    fig, (ax,) = new_figure(1, width=4, height=3)
    ax.set_xlim(0, 1)
    ax.set_ylim(-2, 2)
    line = draw_line(ax, 0.0, 0.0, (0.0, 1.0))
    slope = widgets.FloatSlider(value=0.0, min=-2, max=2)
    lf = LiveFigure(fig, lambda slope: set_line(line, slope, 0.0), {"slope": slope}, name="minimal")
    before = lf.layers()
    slope.value = 1.5
    assert lf.layers() != before and lf.renders == 2
    # all in the background, nothing moving
    assert np.abs(composite(lf).astype(int) - full_draw(lf).astype(int)).max() <= LAYER_TOLERANCE
    lf.close()


def test_a_static_change_redraws_the_background_by_itself():
    """The background contract: ``update`` changes a static artist (an axis label) and returns
    nothing; the frame must still equal a full draw of the figure."""
    fig, (ax,) = new_figure(1, width=4, height=3)
    line = draw_line(ax, 1.0, 0.0, (0.0, 1.0))
    slope = widgets.FloatSlider(value=1.0, min=0.0, max=2.0)

    def update(w):
        set_line(line, w, 0.0)
        ax.set_xlabel(f"slope {w:.1f}")  # not animated: part of the background

    lf = LiveFigure(fig, update, {"w": slope}, name="test-stale", animated=[line])
    try:
        assert lf.backgrounds == 1
        lf.set(w=1.5)
        assert lf.backgrounds == 2
        shown = composite(lf)
        for artist in lf._animated:
            artist.set_animated(False)
        full = np.asarray(Image.open(io.BytesIO(render_png(fig))).convert("RGB"))
        assert np.all(np.abs(shown.astype(int) - full.astype(int)) <= LAYER_TOLERANCE)
    finally:
        lf.close()


def test_a_moving_artist_reuses_the_background():
    lf = random_lines_figure(helpers.factory_sales(n=30, rng=0), name="test-reuse")
    try:
        renders, backgrounds = lf.renders, lf.backgrounds
        lf.set(scale=3.0)   # the same draws in units of σ: only moving artists change
        lf.set(scale=30.0)
        assert lf.renders == renders + 2 and lf.backgrounds == backgrounds
        lf.set(num_draws=30)  # the MSE panel's axis follows the number of draws; that panel is
        assert lf.fig.axes[1].get_xlim() == (0.4, 30.6)  # animated: still the same background
        assert lf.renders == renders + 3 and lf.backgrounds == backgrounds
    finally:
        lf.close()


def test_update_must_return_nothing():
    fig, (ax,) = new_figure(1, width=3, height=2)
    line = draw_line(ax, 1.0, 0.0, (0.0, 1.0))
    with pytest.raises(TypeError, match="must return nothing"):
        LiveFigure(fig, lambda w: True, {"w": widgets.FloatSlider(value=1.0)}, name="test-bool",
                   animated=[line])


def test_readout_play_presets_and_reset_belong_to_the_figure():
    fig, (ax,) = new_figure(1, width=3, height=2)
    line = draw_line(ax, 1.0, 0.0, (0.0, 10.0))
    readout = Readout()

    def update(step, w):
        set_line(line, w, step)
        readout.say(f"step <b>{step}</b>, w = {w:.1f}")

    controls = {"step": widgets.IntSlider(value=0, min=0, max=9),
                "w": widgets.FloatSlider(value=1.0, min=0.0, max=2.0)}
    lf = LiveFigure(fig, update, controls, name="test-parts", animated=[line], readout=readout,
                    play="step", presets={"far": {"step": 9}})
    try:
        assert lf.readout is readout and readout.widget in lf.widget.children
        assert "step <b>0</b>" in lf.readout.text
        assert lf.play.max == 9 and lf.play in lf.widget.children
        lf.add_preset("steep", step=4, w=2.0)
        assert list(lf.presets) == ["far", "steep"]
        lf.apply_preset("steep")
        assert lf.values == {"step": 4, "w": 2.0} and "step <b>4</b>" in lf.readout.text
        renders = lf.renders
        lf.apply_preset("far")  # one frame for the whole preset; w keeps its value
        assert lf.values == {"step": 9, "w": 2.0} and lf.renders == renders + 1
        lf.reset()
        assert lf.values == {"step": 0, "w": 1.0}
        with pytest.raises(ValueError, match="unknown control"):
            lf.add_preset("bad", speed=3)
        with pytest.raises(ValueError, match="within"):
            lf.add_preset("bad", step=20)
        with pytest.raises(ValueError, match="unknown preset"):
            lf.apply_preset("nope")
    finally:
        lf.close()


def test_importing_helpers_changes_nothing_global():
    code = ("import matplotlib as mpl, numpy as np; before = dict(mpl.rcParams); "
            "state = np.random.get_state()[1][:5].tolist(); "
            "import helpers, helpers.live, helpers.figures.initialization, helpers.checks.nb01; "
            "assert dict(mpl.rcParams) == before, 'rcParams changed'; "
            "assert np.random.get_state()[1][:5].tolist() == state, 'global seed changed'; "
            "import matplotlib.pyplot as plt; assert plt.get_fignums() == []")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_side_by_side_histograms_never_overlap():
    from helpers.draw import draw_histogram
    fig, (ax,) = new_figure(1, width=3, height=2)
    edges = np.linspace(-1.0, 1.0, 5)
    values = np.array([-0.9, -0.1, 0.2, 0.2, 0.7])
    left = draw_histogram(ax, values, edges, slot=(0, 2))
    right = draw_histogram(ax, values, edges, slot=(1, 2))
    for k, (a, b) in enumerate(zip(left.get_paths(), right.get_paths())):
        a_x, b_x = a.vertices[:, 0], b.vertices[:, 0]
        assert a_x.min() == pytest.approx(edges[k]) and b_x.max() == pytest.approx(edges[k + 1])
        assert a_x.max() == pytest.approx(b_x.min())  # they touch, never overlap


@pytest.mark.parametrize("values", [{"num_steps": 7}, {"num_steps": 100, "lr": 0.01}])
def test_an_axis_that_follows_the_run_keeps_the_background_and_draws_true(values):
    """The step axis moves with the number of steps without a new background, and its panel in
    the frame is what a full draw of the figure gives (but for the order in which a few
    crossing lines are drawn: the axis comes last in a frame)."""
    from helpers.figures.descent import learning_rate_figure
    lf = learning_rate_figure(helpers.factory_sales(n=30, rng=0), name="test-moving-axis")
    try:
        lf.set(**values)
        assert lf.fig.axes[1].get_xlim() == (0.0, float(values["num_steps"]))
        assert lf.backgrounds == 1
        frame = composite(lf).astype(int)
        for artist in lf._animated:
            artist.set_animated(False)
        full = np.asarray(Image.open(io.BytesIO(render_png(lf.fig))).convert("RGB")).astype(int)
        x0, y0, x1, y1 = lf.fig.axes[1].bbox.extents.astype(int)
        height = frame.shape[0]
        panel = (slice(height - y1, height - y0), slice(x0 + 2, x1))
        differ = np.abs(frame[panel] - full[panel]).max(axis=-1) > LAYER_TOLERANCE
        assert differ.mean() < 0.005
    finally:
        lf.close()


def test_a_network_diagram_has_its_nodes_arrows_and_labels():
    from helpers.draw import draw_network
    fig, (ax,) = new_figure(1, width=6, height=3)
    drawn = draw_network(ax, [["x"], ["h₁", "h₂"], ["ŷ"]],
                         [((0, 0), (1, 0), "a"), ((0, 0), (1, 1), "b"), ((1, 0), (2, 0), ""),
                          ((1, 1), (2, 0), "")], notes={(2, 0): "out"})
    assert len(drawn["nodes"]) == 4 and len(drawn["arrows"]) == 4
    assert {t.get_text() for t in drawn["texts"]} == {"x", "h₁", "h₂", "ŷ", "a", "b", "out"}
    assert not ax.axison
