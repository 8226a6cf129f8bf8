"""Notebook 05's figures: readable on a projector (no text under 12 px when the figure is shown
1,000 px wide), no warning at any slider setting, and the verdicts in their titles are true."""

import itertools
import warnings

import numpy as np
import pytest
from matplotlib.text import Text

import helpers
from beyond_data import data, engel_split  # noqa: F401 (fixtures)
from helpers import beyond
from helpers.figures import beyond as figures
from helpers.live import LiveFigure, control_extremes, render_png

MIN_PX = 12.0
SHOWN_WIDTH = 1000.0



def _build(kind, data, engel_split):
    if kind == "scaling":
        return figures.scaling_figure(data, name="test-scaling")
    if kind == "momentum":
        return figures.momentum_figure(data, name="test-momentum")
    if kind == "bumpy":
        return figures.bumpy_figure(name="test-bumpy")
    return figures.loss_curve_figure(*engel_split, batch_size=4, name="test-curve")


KINDS = ["scaling", "momentum", "bumpy", "loss-curve"]


def _small_texts(fig):
    scale = SHOWN_WIDTH / (fig.get_figwidth() * fig.dpi)
    small = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            px = text.get_fontsize() * fig.dpi / 72.0 * scale
            if px < MIN_PX:
                small.append((text.get_text(), round(px, 1)))
    return small


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_under_12_px_at_1000_px_wide(kind, data, engel_split):
    lf = _build(kind, data, engel_split)
    try:
        assert _small_texts(lf.fig) == []
    finally:
        lf.close()


def test_the_range_test_figure_is_readable(engel_split):
    test = beyond.lr_range_test(*engel_split[:2], 1e-4, 10.0, 4, 0)
    fig = figures.range_test_figure(test)
    render_png(fig)
    assert _small_texts(fig) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_extreme_draws_without_warnings(kind, data, engel_split):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # as the notebooks' slider test: a library's deprecation inside another library is not ours
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="(?!helpers)")
        lf = _build(kind, data, engel_split)
        try:
            lows_highs = [control_extremes(control) for control in lf.controls.values()]
            for combo in itertools.product(*lows_highs):
                lf.set(**dict(zip(lf.controls, combo)))
                assert all(np.all(np.isfinite(ax.get_xlim() + ax.get_ylim())) for ax in lf.fig.axes)
        finally:
            lf.close()


def _title(lf: LiveFigure) -> str:
    """The figure's title and its panels' titles (where the verdicts are)."""
    parts = [lf.fig._suptitle.get_text()] if lf.fig._suptitle is not None else []
    parts += [ax.get_title(loc=loc) for ax in lf.fig.axes for loc in ("left", "center")]
    return " | ".join(parts)


def test_scaling_verdicts(data, engel_split):
    lf = _build("scaling", data, engel_split)
    try:
        assert "standardized x: κ = 1," in _title(lf) and "raw x: κ = 418," in _title(lf)
        lf.apply_preset("one step on z")
        assert "raw diverges" in _title(lf) and "standardized 0.0 above the minimum" in _title(lf)
        assert "in the units of x: w = 8.089, b = 31.00" in lf.readout.text  # mapped back
        lf.apply_preset("just past the raw limit")
        # INSTRUCTOR.md: "η = 0.0166, 8% past it: ... stopped at step 50"
        assert "raw diverges (stopped at step 50)" in _title(lf)
        assert round(lf.values["lr"], 4) == 0.0166
        assert round(lf.values["lr"] / helpers.max_stable_lr(data.x) - 1, 2) == 0.08
        lf.apply_preset("η = 0.01")
        assert "diverges" not in _title(lf)
        backgrounds = lf.backgrounds
        for lr in (1e-4, 0.3, 1.9):
            lf.set(lr=lr)
        assert lf.backgrounds == backgrounds  # the slider never redraws the contour maps
    finally:
        lf.close()


def test_momentum_verdicts(data, engel_split):
    lf = _build("momentum", data, engel_split)
    try:
        lf.set(lr=0.025, beta=0.85)
        assert "plain descent diverges" in _title(lf)
        lf.apply_preset("plain descent")
        assert "diverges" not in _title(lf)
        lf.apply_preset("the best pair")
        # the sliders' nearest point to the best pair (INSTRUCTOR.md quotes it); below 1e-10 in 300 steps
        assert "η = 0.0279, β = 0.823: rate 0.9072 per step" in _title(lf) and "e-" in _title(lf), _title(lf)
        assert float(_title(lf).split(" above")[0].split("; ")[-1]) < 1e-10
        lf.set(lr=0.1, beta=0.9)
        assert "diverges" in _title(lf)
    finally:
        lf.close()


def test_bumpy_verdicts(data, engel_split):
    lf = _build("bumpy", data, engel_split)
    try:
        lf.apply_preset("start 2.6")
        assert "valley 3 of 4 (not the lowest)" in _title(lf)
        lf.apply_preset("start 2.6, β = 0.9")
        assert "ends in the lowest valley, over a bump" in _title(lf)
        for beta, place in ((0, "valley 1 of 4"), (0.5, "the lowest valley"), (0.8, "valley 3 of 4")):
            lf.apply_preset(f"start −3.5, η = 0.2, β = {beta:g}")  # the answers of the Predict first
            assert f"ends in {place}" in _title(lf), _title(lf)
    finally:
        lf.close()


def test_loss_curve_verdicts(data, engel_split):
    lf = _build("loss-curve", data, engel_split)
    try:
        for verdict in ("too small", "about right", "too large"):
            lf.apply_preset(verdict)  # each preset is named after what the curve says
            assert f"“{verdict}”" in _title(lf)
        lf.set(lr=control_extremes(lf.controls["lr"])[1])
        assert "blew up" in _title(lf)
    finally:
        lf.close()
