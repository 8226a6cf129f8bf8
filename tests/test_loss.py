"""Notebook 02 (the loss function): the best-MAE line, the squares whose area is the squared
error, the live figures at every slider extreme, and the exercises' checkers."""

import itertools

import numpy as np
import pytest

import helpers
from helpers.checks import nb02
from helpers.model import best_lines
from helpers.figures.loss import (bad_record_figure, loss_squares_figure, square_verts,
                                  two_lines_figure)
from helpers.model import least_absolute_deviations


@pytest.fixture(scope="module")
def data():
    return helpers.factory_sales(n=30, rng=0)


# --------------------------------------------------------------------------------------------
# The line with the smallest MAE
# --------------------------------------------------------------------------------------------


def test_least_absolute_deviations_beats_a_fine_grid(data):
    w, b = least_absolute_deviations(data.x, data.y)
    best = helpers.mae(data.y, w * data.x + b)
    ws, bs = np.meshgrid(np.linspace(w - 1, w + 1, 201), np.linspace(b - 8, b + 8, 201))
    grid = np.mean(np.abs(ws[..., None] * data.x + bs[..., None] - data.y), axis=-1)
    assert best <= grid.min() + 1e-9


def test_least_absolute_deviations_ignores_one_wild_point():
    x = np.arange(10.0)
    y = 2 * x + 1
    y[4] += 1000.0
    w, b = least_absolute_deviations(x, y)
    assert (w, b) == pytest.approx((2.0, 1.0))
    assert helpers.least_squares(x, y)[1] > 50  # the MSE line is pulled far away


def test_least_absolute_deviations_skips_pairs_with_equal_x():
    w, b = least_absolute_deviations([1.0, 1.0, 2.0, 3.0], [0.0, 2.0, 3.0, 4.0])
    assert np.isfinite(w) and np.isfinite(b)


def test_least_absolute_deviations_validates():
    with pytest.raises(ValueError, match="two different values"):
        least_absolute_deviations([1.0, 1.0], [2.0, 3.0])
    with pytest.raises(ValueError, match="at most 500 examples"):
        least_absolute_deviations(np.arange(501.0), np.arange(501.0))
    with pytest.raises(ValueError, match="same number of examples"):
        least_absolute_deviations([1.0, 2.0], [1.0])


def test_best_lines_shapes_and_start(data):
    fits = best_lines(data.x, data.y, -1, np.array([0.0, 100.0]))
    assert set(fits) == {"mse_w", "mse_b", "mse", "mae_w", "mae_b", "mae"}
    assert all(v.shape == (2,) for v in fits.values())
    assert fits["mse_w"][0] == pytest.approx(helpers.least_squares(data.x, data.y)[0])
    bad = data.y.copy()
    bad[-1] += 100.0
    w, b = fits["mae_w"][1], fits["mae_b"][1]
    assert fits["mae"][1] == pytest.approx(helpers.mae(bad, helpers.predict(data.x, w, b)))
    assert fits["mse"][1] == pytest.approx(helpers.loss_grid(data.x, bad, [fits["mse_w"][1]],
                                                             [fits["mse_b"][1]])[0, 0])
    assert fits["mse_w"][1] > fits["mse_w"][0] + 1  # a bad last record tilts the MSE line


# --------------------------------------------------------------------------------------------
# Squares whose area is the squared error
# --------------------------------------------------------------------------------------------


def test_square_verts_area_is_squared_error():
    x, y, y_hat = np.array([1.0, 2.0]), np.array([10.0, 5.0]), np.array([13.0, 1.0])
    verts = square_verts(x, y, y_hat, x_per_y=0.5)
    assert verts.shape == (2, 4, 2)
    heights = verts[:, 2, 1] - verts[:, 0, 1]
    widths = verts[:, 1, 0] - verts[:, 0, 0]
    np.testing.assert_allclose(heights, [3.0, 4.0])
    np.testing.assert_allclose(widths, [1.5, 2.0])  # 0.5 x units per y unit
    np.testing.assert_allclose(verts[:, 0, 0], x)  # the left side is the residual


def test_squares_are_square_on_screen(data):
    lf = loss_squares_figure(data, name="test-squares")
    try:
        lf.set(w=3.0, b=60.0)
        squares = next(c for c in lf.fig.axes[0].collections if len(c.get_paths()) == data.n)
        for path in squares.get_paths():
            corners = squares.get_transform().transform(path.vertices[:4])  # pixels
            width = np.ptp(corners[:, 0])
            height = np.ptp(corners[:, 1])
            assert width == pytest.approx(height, rel=1e-6)
    finally:
        lf.close()


# --------------------------------------------------------------------------------------------
# The live figures at every extreme
# --------------------------------------------------------------------------------------------


def _title(lf):
    return lf.fig.axes[0].get_title()


def test_loss_squares_figure_shows_the_mse(data):
    lf = loss_squares_figure(data, name="test-squares")
    try:
        for w, b in itertools.product((0.0, 16.0), (-30.0, 90.0)):
            before = lf.layers()
            lf.set(w=w, b=b)
            assert lf.layers() != before
            assert _title(lf) == f"MSE = {helpers.mse(data.y, w * data.x + b):,.1f}"
            for ax in lf.fig.axes:
                assert np.all(np.isfinite(ax.get_xlim() + ax.get_ylim()))
        lf.set(w=8.1, b=31.0)
        assert _title(lf) == "MSE = 31.5"
    finally:
        lf.close()


def test_outlier_figure_at_both_ends(data):
    lf = bad_record_figure(data, name="test-outlier")
    try:
        for error in (0, 300, 200):
            before = lf.layers()
            lf.set(error=error)
            assert lf.layers() != before
        with pytest.raises(ValueError, match="error must be at most 300"):
            bad_record_figure(data, error=301, name="test-outlier-2")
    finally:
        lf.close()


def test_two_lines_figure_draws_each_line():
    fig = two_lines_figure(nb02.FOUR_X, nb02.FOUR_Y, nb02.TWO_LINES)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[:2] == ["line A: ŷ = 2·x + 3", "line B: ŷ = 2·x + 1"]


# --------------------------------------------------------------------------------------------
# Exercises
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer, status, words", [
    (lambda y, y_hat: np.mean((y_hat - y) ** 2), "correct", "14.5"),
    (lambda y, y_hat: np.mean((y - y_hat) ** 2), "correct", "14.5"),
    (lambda y, y_hat: np.sum((y_hat - y) ** 2), "wrong", "*sum*"),
    (lambda y, y_hat: (y_hat - y) ** 2, "wrong", "one per example"),
    (lambda y, y_hat: np.mean(y_hat - y), "wrong", "opposite sign"),
    (lambda y, y_hat: np.sqrt(np.mean((y_hat - y) ** 2)), "wrong", "RMSE"),
    (lambda y, y_hat: np.mean(np.abs(y_hat - y)), "wrong", "absolute"),
    (lambda y, y_hat: np.mean(y_hat - y) ** 2, "wrong", "before squaring"),
    (lambda y, y_hat: 14.5, "wrong", "should be 0"),
    (lambda y, y_hat: None, "unsolved", "return"),
    (..., "unsolved", "Replace"),
    (14.5, "wrong", "function itself"),
])
def test_ex1_mse(answer, status, words):
    verdict = nb02.ex1.verdict(answer)
    assert verdict.status == status
    assert words in verdict.message


def test_ex1_refuses_a_function_that_changes_its_input():
    def sneaky(y, y_hat):
        y_hat -= y
        return np.mean(y_hat**2)

    assert "changed `y_hat`" in nb02.ex1.verdict(sneaky).message


@pytest.mark.parametrize("answer, status", [
    ((8.1, 31.0), "correct"),
    ((8.0, 31.5), "correct"),
    ((5.0, 40.0), "wrong"),
    ((8.1, 35.0), "wrong"),
    ((..., ...), "unsolved"),
    ((8.1, ...), "unsolved"),
    ("8.1, 31", "wrong"),
    ((8.1, float("nan")), "wrong"),
])
def test_ex2_minimum(answer, status):
    assert nb02.ex2.verdict(answer).status == status


def test_ex2_tolerance_is_five_percent(data):
    w, b = helpers.least_squares(data.x, data.y)
    lowest = helpers.mse(data.y, w * data.x + b)
    # Move b until the MSE is just inside, then just outside 5% above the lowest.
    # L(w, b + d) = lowest + d**2 (the residuals of the best line average to 0).
    inside = np.sqrt(0.049 * lowest)
    outside = np.sqrt(0.051 * lowest)
    assert nb02.ex2.verdict((w, b + inside)).correct
    assert not nb02.ex2.verdict((w, b + outside)).correct


@pytest.mark.parametrize("answer, status", [("A", "correct"), ("a", "correct"), ("B", "wrong"),
                                            ("C", "wrong"), (..., "unsolved")])
def test_ex3_which_line(answer, status):
    assert nb02.ex3.verdict(answer).status == status


def test_ex3_numbers_are_as_stated():
    (wa, ba), (wb, bb) = nb02.TWO_LINES["A"], nb02.TWO_LINES["B"]
    assert helpers.mse(nb02.FOUR_Y, wa * nb02.FOUR_X + ba) == 7.0
    assert helpers.mse(nb02.FOUR_Y, wb * nb02.FOUR_X + bb) == 9.0
    assert helpers.mae(nb02.FOUR_Y, wa * nb02.FOUR_X + ba) == 2.5
    assert helpers.mae(nb02.FOUR_Y, wb * nb02.FOUR_X + bb) == 1.5
