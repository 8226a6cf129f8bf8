"""Every preset of every live figure (notebooks 01-04) does what its name says, checked on the
run it shows (notebook 05's presets: tests/test_beyond_figures.py); Reset goes back to the start;
and every preset the instructor guide names exists on the figure it names it for (01-05)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import helpers
from beyond_data import split_engel
from helpers.figures.descent import descent_2d_figure, hiker_figure, learning_rate_figure, tangent_figure
from helpers.figures.initialization import random_lines_figure
from helpers.figures.loss import bad_record_figure, loss_squares_figure
from helpers.figures.beyond import bumpy_figure, loss_curve_figure, momentum_figure, scaling_figure
from helpers.figures.minibatch import gradient_noise_figure, minibatch_figure, outlier_figure
from helpers.model import QuadraticLoss, init_weights
from helpers.optim import descend, first_batch_holding, minibatch_descend, random_batch_gradients

GUIDE = (Path(__file__).resolve().parents[1] / "INSTRUCTOR.md").read_text()

# The data and arguments each notebook gives its live figures.
FACTORY = helpers.factory_sales(n=30, rng=0)
_d = helpers.factory_sales(n=300, rng=0)
X4, Y4 = _d.x - _d.x.mean(), _d.y
W4, B4 = helpers.least_squares(X4, Y4)
X_OUT = np.append(_d.x, 11.5)
Y_OUT = np.append(_d.y, 5.0)
X_OUT = X_OUT - X_OUT.mean()

BUILD = {
    "random-lines": lambda: random_lines_figure(FACTORY),
    "loss-squares": lambda: loss_squares_figure(FACTORY, w=5.0, b=40.0),
    "bad-record": lambda: bad_record_figure(FACTORY, error=200),
    "tangent": lambda: tangent_figure(FACTORY),
    "hiker": lambda: hiker_figure(FACTORY, lr=0.004, w0=0.0),
    "learning-rate": lambda: learning_rate_figure(FACTORY),
    "descent-2d": lambda: descent_2d_figure(FACTORY),
    "minibatch": lambda: minibatch_figure(X4, Y4, -4.0, 10.0, view=((-8, 20), (0, 110)), zoom=(2.5, 8)),
    "gradient-noise": lambda: gradient_noise_figure(X4, Y4, {"start": (-4.0, 10.0), "minimum": (W4, B4)}),
    "outlier": lambda: outlier_figure(X_OUT, Y_OUT, outlier=300, lr=0.01, zoom=(10, 4)),
}
NOTEBOOK_05 = {
    "scaling": lambda: scaling_figure(FACTORY),
    "momentum": lambda: momentum_figure(FACTORY),
    "bumpy": lambda: bumpy_figure(),
    "loss-curve": lambda: loss_curve_figure(*split_engel(), batch_size=4, num_epochs=30, patience=3, rng=0),
}


# What the guide calls each figure ("**Live figure: random lines**") -> the figure's name.
GUIDE_NAMES = {
    "random lines": "random-lines", "squares, curve and map": "loss-squares",
    "one bad record": "bad-record", "the tangent": "tangent", "the blindfolded hiker": "hiker",
    "the learning rate": "learning-rate", "the path in 2-D": "descent-2d", "the paths": "minibatch",
    "gradient noise": "gradient-noise", "the outlier": "outlier",
    "scaling": "scaling", "momentum": "momentum", "bumpy": "bumpy", "loss curve": "loss-curve",
}


@pytest.fixture(scope="module")
def figures():
    built = {name: make() for name, make in {**BUILD, **NOTEBOOK_05}.items()}
    yield built
    for lf in built.values():
        lf.close()


def show(lf, preset):
    """Apply ``preset`` (from somewhere else, so the image must change) and return its values."""
    lf.reset()
    before = lf.layers()
    lf.apply_preset(preset)
    if lf.values != lf._start:
        assert lf.layers() != before, f"{lf.name}: {preset!r} did not change the image"
    assert lf.preset == preset
    note = lf.notes[preset]
    assert note and note in lf._notes.text and preset in lf._notes.text, "the readout names the preset"
    assert lf._caption.get_text() == f"Preset “{preset}”: {note}", "the caption names the preset"
    assert lf.images() == [lf.background, lf.image]
    return lf.values


def test_every_figure_has_presets_and_a_reset(figures):
    for lf in figures.values():
        assert len(lf.presets) >= 1 and all(lf.notes[p] for p in lf.presets)
        assert lf.reset_button in lf._preset_box.children
        lf.apply_preset(list(lf.presets)[-1])
        lf.reset_button.click()
        assert lf.values == lf._start and lf.preset is None and lf._caption.get_text() == ""


def test_a_control_moved_away_ends_the_preset(figures):
    lf = figures["learning-rate"]
    lf.apply_preset("zig-zags")
    lf.controls["num_steps"].value = 5  # through the observer, as a slider move
    assert lf.preset is None and lf._caption.get_text() == "" and "zig-zags</b>" not in lf._notes.text
    lf.reset()


def test_01_random_lines(figures):
    lf, loss = figures["random-lines"], QuadraticLoss(FACTORY.x, FACTORY.y)

    def draws(v):
        d = init_weights((v["num_draws"], 2), v["scale"], v["seed"])
        return loss.loss(d[:, 0], d[:, 1])

    tiny = draws(show(lf, "tiny σ"))      # every line flat: every MSE close to mean(y²)
    assert np.all(np.abs(tiny / loss.myy - 1) < 0.05)
    huge = draws(show(lf, "huge σ"))      # most MSEs in the hundreds of thousands
    assert np.median(huge) > 1e5
    many = draws(show(lf, "many draws"))  # the best of many is still far worse than the best line
    assert len(many) == 40 and many.min() > 5 * loss.loss_min


def test_02_loss_squares(figures):
    lf, loss = figures["loss-squares"], QuadraticLoss(FACTORY.x, FACTORY.y)
    v = show(lf, "the best line")
    assert loss.loss(v["w"], v["b"]) < 1.001 * loss.loss_min  # the lowest, to the sliders' steps
    assert lf.fig.axes[0].title.get_text() == f"MSE = {loss.loss_min:,.1f}"
    v = show(lf, "a steep wrong line")
    squares = (loss.predict(v["w"], v["b"]) - loss.y) ** 2
    ends = np.r_[np.argsort(loss.x)[:5], np.argsort(loss.x)[-5:]]  # a third of the runs
    assert squares.mean() > 10 * loss.loss_min and squares[ends].sum() > 0.5 * squares.sum()


def test_02_bad_record(figures):
    lf = figures["bad-record"]
    x, y = FACTORY.x, FACTORY.y
    assert show(lf, "no mistake")["error"] == 0
    mse_w, mae_w = helpers.least_squares(x, y)[0], helpers.model.least_absolute_deviations(x, y)[0]
    assert abs(mse_w - mae_w) < 0.1
    bad = y.copy()
    bad[-1] += show(lf, "an outlier pulls the line")["error"]
    assert helpers.least_squares(x, bad)[0] - mse_w > 3     # the MSE line tilts
    assert abs(helpers.model.least_absolute_deviations(x, bad)[0] - mae_w) < 0.1  # the MAE line does not


def test_03_tangent(figures):
    lf, loss = figures["tangent"], QuadraticLoss(FACTORY.x, FACTORY.y)
    slope = lambda v: loss.gradient(v["w"], loss.b_min)[0]  # noqa: E731
    left, near, right = (slope(show(lf, p)) for p in ("left of the bottom", "near the bottom", "right of the bottom"))
    assert left < 0 < right and abs(near) < 0.05 * min(-left, right)
    lf.apply_preset("left of the bottom")
    assert "step right" in lf.fig.axes[0].get_title(loc="left")
    lf.apply_preset("right of the bottom")
    assert "step left" in lf.fig.axes[0].get_title(loc="left")


def test_03_hiker(figures):
    lf, loss = figures["hiker"], QuadraticLoss(FACTORY.x, FACTORY.y)
    assert show(lf, "a telling start")["step"] == 1
    run = descend(loss, 0.0, loss.b_min, 0.004, 12, fit_b=False)
    steps = np.abs(np.diff(run.w))
    assert np.all(np.diff(steps) < 0), "every step is shorter than the one before"
    assert abs(run.w[0] - loss.w_min) > 0.5 * loss.w_min, "the start is far up the slope"


def test_03_learning_rate(figures):
    lf, loss = figures["learning-rate"], QuadraticLoss(FACTORY.x, FACTORY.y)
    title = lf.fig._suptitle

    def run(preset):
        v = show(lf, preset)
        r = descend(loss, v["w0"], loss.b_min, v["lr"], v["num_steps"], fit_b=False)
        return r, loss.step_factor(v["lr"]), abs(r.w - loss.w_min) / abs(v["w0"] - loss.w_min)

    r, rho, dist = run("crawls")
    assert 0 < rho < 1 and dist[-1] > 0.3 and "crawls" in title.get_text()  # far from the bottom
    r, rho, dist = run("about right")
    assert 0 <= rho < 0.5 and dist[-1] < 0.01 and np.all(np.diff(r.w) > 0) and "good" in title.get_text()
    r, rho, dist = run("zig-zags")
    assert -1 < rho < 0 and dist[-1] < 0.01 and "zig-zags" in title.get_text()
    assert np.all(np.sign(r.w[1:] - loss.w_min) != np.sign(r.w[:-1] - loss.w_min)), "crosses the bottom every step"
    r, rho, dist = run("just past the limit")
    assert -1.1 < rho < -1 and not r.diverged and 1 < dist[-1] < 10 and "diverges" in title.get_text()
    r, rho, dist = run("diverges")
    assert rho < -1.5 and r.diverged and "stopped" in title.get_text()


def test_03_descent_2d(figures):
    lf, loss = figures["descent-2d"], QuadraticLoss(FACTORY.x, FACTORY.y)
    lam_big = loss.eigenvalues[1]

    def run(preset):
        v = show(lf, preset)
        return descend(loss, 0.0, 0.0, v["lr"], v["num_steps"]), 1 - v["lr"] * lam_big

    r, across = run("about right")
    assert 0 < across < 1 and r.loss[-1] - loss.loss_min < 0.1
    r, across = run("zig-zags")
    assert -1 < across < 0 and r.loss[-1] - loss.loss_min < 0.1
    r, across = run("just past the limit")
    assert across < -1 and r.loss[-1] > r.loss[0] and "diverges" in lf.fig._suptitle.get_text()


def test_04_minibatch(figures):
    lf = figures["minibatch"]
    loss = QuadraticLoss(X4, Y4)

    def run(preset):
        v = show(lf, preset)
        decay = 1.0 if v["schedule"] == "decaying" else None
        return minibatch_descend(loss, -4.0, 10.0, v["lr"], v["batch_size"], v["num_epochs"], v["seed"],
                                 lr_decay=decay), v

    batch, v = run("batch GD")
    assert v["batch_size"] == loss.n and batch.num_updates == v["num_epochs"]
    assert np.all(np.diff(batch.above_minimum) < 0), "smooth: the loss falls at every update"
    sgd, v = run("SGD")
    assert v["batch_size"] == 1 and sgd.above_minimum[-1] < batch.above_minimum[-1] / 10, "far ahead per epoch"
    sgd_ups = np.mean(np.diff(sgd.above_minimum) > 0)
    assert sgd_ups > 0.3, "jittery: the loss goes up at many updates"
    mini, v = run("mini-batch 16")
    assert v["batch_size"] == 16 and mini.above_minimum[-1] < batch.above_minimum[-1] / 10
    assert np.mean(np.diff(mini.above_minimum) > 0) < sgd_ups, "smoother than SGD"
    const, v = run("constant η jitters")
    last = const.above_minimum[-loss.n:]  # its last epoch
    middle = const.above_minimum[-loss.n * (v["num_epochs"] // 2 + 1):-loss.n * (v["num_epochs"] // 2)]
    assert last.max() > 100 * last.min() and last.mean() > 0.3 * middle.mean(), "no better than half-way"
    settled, _ = run("decaying η settles")
    assert settled.above_minimum[-loss.n:].mean() < last.mean() / 20


def test_04_gradient_noise(figures):
    lf = figures["gradient-noise"]
    each = np.column_stack(helpers.minibatch_gradients(X4, Y4, W4, B4, np.arange(len(X4))[:, None]))
    sizes = [1, 32]
    _, spread = random_batch_gradients(each, sizes, 200, show(lf, "B = 1")["seed"])
    assert np.hypot(*each.mean(axis=0)) < 1e-6 < spread[0], "at the minimum: full gradient 0, batches' not"
    assert show(lf, "B = 32")["batch_size"] == 32
    assert 0.12 < spread[1] / spread[0] < 0.22  # about 1/sqrt(32) = 0.18
    assert show(lf, "B = N")["batch_size"] == len(X4)
    assert "every batch is all the data" in lf.fig._suptitle.get_text()


def test_04_outlier(figures):
    lf = figures["outlier"]
    loss = QuadraticLoss(X_OUT, Y_OUT)
    ratios = {}
    for preset in ("B = 1", "B = 64"):
        v = show(lf, preset)
        r = minibatch_descend(loss, loss.w_min, loss.b_min, 0.01, v["batch_size"], 1, v["seed"])
        size = np.hypot(np.diff(r.w), np.diff(r.b))
        k = first_batch_holding(loss.n, v["batch_size"], v["seed"], 300)
        ratios[preset] = size[k] / np.median(np.delete(size, k))
        assert size[k] == size.max()
    assert ratios["B = 1"] > 20 and ratios["B = 64"] < 5


def test_every_preset_the_guide_names_exists(figures):
    parts = re.findall(r"\*\*Live figure: (.+?)\*\* \(§\d+\)\. (Presets?:.*?)(?=\n- |\n\n)", GUIDE, flags=re.S)
    assert {title for title, _ in parts} == set(GUIDE_NAMES), "one 'Live figure' paragraph per figure"
    for title, text in parts:
        named = [re.sub(r"\s+", " ", n) for n in re.findall(r"\*([^*]+)\*", text)]
        lf = figures[GUIDE_NAMES[title]]
        assert named and set(named) <= set(lf.presets), (title, named, list(lf.presets))
        assert set(lf.presets) <= set(named), f"{title}: the guide does not name {set(lf.presets) - set(named)}"


@pytest.fixture(scope="module")
def korean_figures():
    helpers.set_language("ko")
    try:
        built = {name: make() for name, make in {**BUILD, **NOTEBOOK_05}.items()}
    finally:
        helpers.set_language("en")
    yield built
    for lf in built.values():
        lf.close()


def test_every_preset_the_korean_guide_names_exists(korean_figures):
    """INSTRUCTOR.ko.md names each live figure's presets as the Korean figures show them (its
    'Live figure' paragraphs come in the English guide's order)."""
    guide = (Path(__file__).resolve().parents[1] / "INSTRUCTOR.ko.md").read_text()
    english = re.findall(r"\*\*Live figure: (.+?)\*\* \(§\d+\)\.", GUIDE)
    parts = re.findall(r"\*\*라이브 그림: (.+?)\*\* \(§\d+\)\. (프리셋:.*?)(?=\n- |\n\n)", guide, flags=re.S)
    assert len(parts) == len(english), "one '라이브 그림' paragraph per 'Live figure' paragraph"
    for title, (korean_title, text) in zip(english, parts):
        named = [re.sub(r"\s+", " ", n) for n in re.findall(r"\*([^*]+)\*", text)]
        lf = korean_figures[GUIDE_NAMES[title]]
        assert named and set(named) <= set(lf.presets), (korean_title, named, list(lf.presets))
        assert set(lf.presets) <= set(named), f"{korean_title}: the guide does not name {set(lf.presets) - set(named)}"
