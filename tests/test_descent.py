"""Notebook 03: gradients, the convergence of gradient descent, its drawings, live figures and
exercises."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.checks import nb03
from helpers.draw import clip_to_view, tangent_segment
from helpers.live import control_extremes
from helpers.figures import descent
from helpers import first_within, loss_above_minimum, max_stable_lr_1d, step_factor
from helpers.optim import lr_regime


@pytest.fixture(scope="module")
def data():
    return helpers.factory_sales(n=30, rng=0)


# -- the gradient -------------------------------------------------------------------------------

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(finite, finite), min_size=1, max_size=8), finite, finite)
def test_mse_grad_matches_finite_differences(pairs, w, b):
    x, y = np.array(pairs).T
    fd = helpers.numerical_gradient(lambda p: helpers.mse(y, p[0] * x + p[1]), np.array([w, b]))
    assert helpers.mse_gradient(x, y, w, b) == pytest.approx(fd, rel=1e-5, abs=1e-5)


def test_gradient_is_zero_at_the_least_squares_fit(data):
    w, b = helpers.least_squares(data.x, data.y)
    assert helpers.mse_gradient(data.x, data.y, w, b) == pytest.approx((0.0, 0.0), abs=1e-9)


# -- convergence ----------------------------------------------------------------------------------


def test_1d_bound_separates_convergence_from_divergence(data):
    _, b = helpers.least_squares(data.x, data.y)
    bound = max_stable_lr_1d(data.x)
    assert bound == pytest.approx(1 / np.mean(data.x**2))
    below = helpers.gradient_descent(data.x, data.y, 0.0, b, 0.99 * bound, 3000, fit_b=False)
    above = helpers.gradient_descent(data.x, data.y, 0.0, b, 1.01 * bound, 3000, fit_b=False)
    assert not below.diverged and below.loss[-1] < below.loss[0]
    assert above.diverged and np.all(np.isfinite(above.loss))


def test_2d_bound_is_below_the_1d_bound_and_separates(data):
    bound = helpers.max_stable_lr(data.x)
    assert bound < max_stable_lr_1d(data.x)
    assert not helpers.gradient_descent(data.x, data.y, 0.0, 0.0, 0.99 * bound, 5000).diverged
    assert helpers.gradient_descent(data.x, data.y, 0.0, 0.0, 1.01 * bound, 5000).diverged


@pytest.mark.parametrize("lr", [1e-4, 0.004, 0.0078, 0.012, 0.02])
def test_each_step_multiplies_the_distance_by_the_step_factor(data, lr):
    w_star, b_star = helpers.least_squares(data.x, data.y)
    run = helpers.gradient_descent(data.x, data.y, 0.0, b_star, lr, 5, fit_b=False)
    distance = run.w - w_star
    assert distance[1:] == pytest.approx(step_factor(data.x, lr) * distance[:-1], rel=1e-6, abs=1e-9)


def test_loss_above_minimum_is_exact_and_positive(data):
    w_star, b_star = helpers.least_squares(data.x, data.y)
    floor = helpers.mse(data.y, helpers.predict(data.x, w_star, b_star))
    ws, bs = np.array([0.0, 3.0, 20.0]), np.array([0.0, 50.0, -10.0])
    expected = [helpers.mse(data.y, helpers.predict(data.x, w, b)) - floor for w, b in zip(ws, bs)]
    assert loss_above_minimum(data.x, data.y, ws, bs) == pytest.approx(expected, rel=1e-9)
    tiny = loss_above_minimum(data.x, data.y, w_star + 1e-9, b_star)
    assert tiny.shape == () and 0 < tiny < 1e-15
    with pytest.raises(ValueError, match="same shape"):
        loss_above_minimum(data.x, data.y, ws, bs[:2])


def test_first_within():
    assert first_within([5.0, 2.0, 1.05, 0.9], 1.0, 0.1) == 2
    assert first_within([5.0, 2.0], 1.0, 0.1) is None
    with pytest.raises(ValueError, match="tol"):
        first_within([1.0], 1.0, -1.0)


def test_step_factor_validates_the_learning_rate(data):
    with pytest.raises(ValueError, match="learning rate"):
        step_factor(data.x, -0.1)
    with pytest.raises(ValueError, match="all zeros"):
        max_stable_lr_1d(np.zeros(3))


# -- drawing helpers ------------------------------------------------------------------------------


def test_tangent_segment_passes_through_the_point_with_the_slope():
    us, vs = tangent_segment(2.0, 10.0, -2.0, 0.5)
    assert us.tolist() == [1.5, 2.5] and vs.tolist() == [11.0, 9.0]


def test_clip_to_view_inside_leaving_and_outside():
    us, vs = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0, 0.5])
    out_u, out_v, left = clip_to_view(us, vs, (-1, 3), (-1, 3))
    assert left is None and out_u.tolist() == us.tolist()
    # the third point is far up: the path stops where it crosses y = 3
    out_u, out_v, left = clip_to_view([0.0, 1.0, 2.0, 0.0], [0.0, 1.0, 9.0, 0.0], (-1, 3), (-1, 3))
    assert left == 2 and out_u.tolist() == pytest.approx([0.0, 1.0, 1.25]) and out_v[-1] == pytest.approx(3.0)
    out_u, out_v, left = clip_to_view([9.0, 0.0], [0.0, 0.0], (-1, 3), (-1, 3))
    assert left == 0 and out_u.size == 0
    out_u, _, left = clip_to_view([0.0, np.inf], [0.0, 1.0], (-1, 3), (-1, 3))
    assert left == 1 and out_u.tolist() == [0.0]


# -- live figures ----------------------------------------------------------------------------------


def test_regime_names_the_four_regimes():
    assert lr_regime(0.99, 10, None, False) == "crawls"
    assert lr_regime(0.5, 10, 7, False) == "good"
    assert lr_regime(-0.5, 10, 8, False) == "zig-zags"
    assert lr_regime(-1.2, 10, None, False) == "diverges"
    assert lr_regime(0.5, 10, None, True) == "diverges"


@pytest.mark.parametrize("build", [descent.tangent_figure, descent.hiker_figure,
                                   descent.learning_rate_figure, descent.descent_2d_figure])
def test_live_figures_survive_every_extreme(data, build):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # other packages' notes about their own deprecations are not the figure's fault
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="(?!helpers)")
        lf = build(data, name=f"test-{build.__name__}")
        try:
            for key, control in lf.controls.items():
                for value in control_extremes(control):
                    before, old = lf.layers(), lf.controls[key].value
                    lf.set(**{key: value})
                    assert lf.controls[key].value == pytest.approx(value)
                    if lf.controls[key].value != old:  # a new value must give a new frame
                        assert lf.layers() != before, (key, value)
                    for ax in lf.fig.axes:
                        assert np.all(np.isfinite(ax.get_xlim() + ax.get_ylim()))
            keys = list(lf.controls)
            lf.set(**{k: control_extremes(c)[-1] for k, c in lf.controls.items()})
            lf.set(**{k: control_extremes(c)[0] for k, c in lf.controls.items()})
        finally:
            lf.close()
    assert keys


def test_learning_rate_figure_says_when_it_diverges(data):
    lf = descent.learning_rate_figure(data, name="test-lr-words")
    try:
        lf.set(lr=0.1, num_steps=100, w0=20.0)
        assert "diverges: stopped at step" in lf.fig._suptitle.get_text()
        assert "left the view at step 1" in lf.readout.text
        lf.set(lr=1e-4, num_steps=20)
        assert "crawls" in lf.fig._suptitle.get_text()
        lf.set(lr=0.005, num_steps=100)
        assert "good" in lf.fig._suptitle.get_text()
        lf.set(lr=10 ** -1.85)
        assert "zig-zags" in lf.fig._suptitle.get_text()
    finally:
        lf.close()


def test_2d_figure_stops_a_divergent_run_in_words(data):
    lf = descent.descent_2d_figure(data, name="test-2d-words")
    try:
        lf.set(lr=0.1, num_steps=2000)
        assert "stopped at step" in lf.fig._suptitle.get_text()
        lf.set(lr=0.0152, num_steps=2000)
        assert "converges" in lf.fig._suptitle.get_text()
        lf.set(lr=0.01, num_steps=200)  # the path stops far from the minimum
        assert "converging, not there yet" in lf.fig._suptitle.get_text()
    finally:
        lf.close()


def test_step_axes_follow_the_run(data):
    for make, values in ((descent.learning_rate_figure, {"num_steps": 20}),
                         (descent.descent_2d_figure, {"num_steps": 200})):
        lf = make(data, name="test-follow")
        try:
            lf.set(**values)
            ax_loss = lf.fig.axes[1]
            assert ax_loss.get_xlim() == (0.0, float(values["num_steps"]))
        finally:
            lf.close()


def test_hiker_has_a_play_button_linked_to_its_step(data):
    lf = descent.hiker_figure(data, name="test-hiker")
    try:
        assert lf.play.max == lf.controls["step"].max
        assert lf.play in lf.widget.children

    finally:
        lf.close()


def test_static_figures(data):
    run = helpers.gradient_descent(data.x * 1000, data.y, 0.0, 0.0, 0.001, 50)
    fig = descent.units_figure({"a": np.geomspace(100, 1, 51), "b": run.loss}, 50, 0.001)
    assert len(fig.axes) == 1
    fig = descent.gradient_time_figure([1e3, 1e6], [1e-5, 1e-2])
    assert fig.axes[0].get_xscale() == "log"


# -- exercises --------------------------------------------------------------------------------------


def _gradient(x, y, w, b):
    r = w * x + b - y
    return 2 * np.mean(r * x), 2 * np.mean(r)


def _descend(x, y, w0, b0, lr, num_steps):
    w, b = w0, b0
    for _ in range(num_steps):
        dw, db = _gradient(x, y, w, b)
        w, b = w - lr * dw, b - lr * db
    return w, b


def test_ex1_gradient():
    assert nb03.ex1.verdict(_gradient).correct
    assert "order" in nb03.ex1.verdict(lambda x, y, w, b: _gradient(x, y, w, b)[::-1]).message
    assert "half" in nb03.ex1.verdict(lambda x, y, w, b: np.divide(_gradient(x, y, w, b), 2)).message
    assert nb03.ex1.verdict(...).status == "unsolved"


def test_ex2_loop():
    assert nb03.ex2.verdict(_descend).correct

    def one_too_many(x, y, w0, b0, lr, num_steps):
        return _descend(x, y, w0, b0, lr, num_steps + 1)

    assert "steps instead of" in nb03.ex2.verdict(one_too_many).message

    def uphill(x, y, w0, b0, lr, num_steps):
        return _descend(x, y, w0, b0, -lr, num_steps)

    assert "minus sign" in nb03.ex2.verdict(uphill).message


def test_ex3_largest_learning_rate(data):
    bound = helpers.max_stable_lr(data.x)
    assert nb03.ex3.verdict(0.999 * bound).correct
    assert nb03.ex3.verdict(0.97 * bound).correct
    assert not nb03.ex3.verdict(bound).correct  # at the limit itself the zig-zag never shrinks
    assert not nb03.ex3.verdict(1.01 * bound).correct  # diverges, slowly
    assert not nb03.ex3.verdict(1.2 * bound).correct
    assert not nb03.ex3.verdict(0.5 * bound).correct
    assert not nb03.ex3.verdict("fast").correct


def test_ex4_step_count_is_the_real_count(data):
    real = nb03.true_step_count(data.x, data.y)
    w_star, _ = helpers.least_squares(data.x, data.y)
    r = step_factor(data.x, nb03.STEPS_LR)
    assert real == int(np.ceil(np.log(nb03.STEPS_TOL / w_star) / np.log(abs(r))))
    assert nb03.ex4.verdict(real).correct and nb03.ex4.verdict(real + 1).correct
    assert not nb03.ex4.verdict(real + 5).correct


def test_wavy_slope_is_the_derivative_of_wavy_loss():
    ws = np.linspace(-10, 8, 37)
    eps = 1e-6
    numeric = (helpers.wavy_loss(ws + eps) - helpers.wavy_loss(ws - eps)) / (2 * eps)
    np.testing.assert_allclose(helpers.wavy_slope(ws), numeric, atol=1e-7)


def test_descend_slope_is_the_update_rule_from_every_start(data):
    # on a bowl it is the 1-D gradient descent of the course, b held fixed
    loss = helpers.QuadraticLoss(data.x, data.y)
    b = loss.b_min
    paths = helpers.descend_slope(lambda w: loss.gradient(w, b)[0], [0.0, 20.0], 0.004, 12)
    assert paths.shape == (13, 2)
    for k, w0 in enumerate((0.0, 20.0)):
        run = helpers.gradient_descent(data.x, data.y, w0, b, 0.004, 12, fit_b=False)
        np.testing.assert_allclose(paths[:, k], run.w)
    with pytest.raises(ValueError):
        helpers.descend_slope(helpers.wavy_slope, [0.0], -0.1, 5)
