"""helpers.beyond (notebook 05): feature scaling, momentum and its rates, the bumpy loss, loss
curves, and the numpy optimizer with PyTorch's semantics."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers import beyond
from helpers.model import loss_above_minimum


@pytest.fixture
def data():
    return helpers.factory_sales(n=30, rng=0)


finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


# -- 1. feature scaling ----------------------------------------------------------------------


@given(st.lists(finite, min_size=2, max_size=40))
def test_standardize_gives_mean_0_and_std_1(values):
    x = np.array(values)
    assume(np.std(x) > 1e-6 * max(1.0, np.max(np.abs(x))))
    z, mean, std = beyond.standardize(x)
    assert z.shape == x.shape
    assert abs(z.mean()) < 1e-9 and z.std() == pytest.approx(1.0, rel=1e-9)
    assert np.allclose(z * std + mean, x, atol=1e-9 * max(1.0, np.max(np.abs(x))))


@pytest.mark.parametrize("bad, error", [
    ([3.0, 3.0, 3.0], ValueError), ([1.0, np.nan], ValueError), ([1.0, np.inf], ValueError),
    ([[1.0, 2.0]], ValueError), ([], ValueError), ("12", TypeError), (None, TypeError),
])
def test_standardize_refuses_bad_input(bad, error):
    with pytest.raises(error):
        beyond.standardize(bad)


@given(w_z=finite, b_z=finite, mean=finite, std=st.floats(1e-2, 1e3))
def test_weights_mapped_back_predict_the_same(w_z, b_z, mean, std):
    x = np.linspace(-5.0, 5.0, 7) * std + mean
    w, b = beyond.to_original_units(w_z, b_z, mean, std)
    scale = 1.0 + abs(w_z) * (1.0 + abs(mean) / std) + abs(b_z)
    assert np.allclose(w * x + b, w_z * (x - mean) / std + b_z, atol=1e-9 * scale)


@pytest.mark.parametrize("std", [0.0, -1.0, np.nan, "1"])
def test_to_original_units_refuses_a_bad_std(std):
    with pytest.raises((ValueError, TypeError)):
        beyond.to_original_units(1.0, 2.0, 0.0, std)


def test_condition_number_from_the_hessian(data):
    lam_min, lam_max = np.linalg.eigvalsh(helpers.mse_hessian(data.x))
    assert beyond.hessian_eigenvalues(data.x) == pytest.approx((lam_min, lam_max))
    assert beyond.condition_number(data.x) == pytest.approx(lam_max / lam_min)
    z, _, _ = beyond.standardize(data.x)
    assert beyond.condition_number(z) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        beyond.condition_number([2.0, 2.0, 2.0])


# -- 2. momentum -----------------------------------------------------------------------------


def test_heavy_ball_without_momentum_is_the_course_gradient_descent(data):
    run = beyond.mse_momentum(data.x, data.y, 1.0, -2.0, 0.01, 0.0, 200)
    course = helpers.gradient_descent(data.x, data.y, 1.0, -2.0, 0.01, 200)
    assert np.allclose(run.params[:, 0], course.w, rtol=1e-10, atol=1e-10)
    assert np.allclose(run.params[:, 1], course.b, rtol=1e-10, atol=1e-10)
    assert np.allclose(run.loss, course.loss, rtol=1e-9)


def test_heavy_ball_follows_the_pytorch_update(data):
    lr, beta = 0.02, 0.8
    run = beyond.mse_momentum(data.x, data.y, 13.0, 0.0, lr, beta, 50)
    w, vel = np.array([13.0, 0.0]), np.zeros(2)
    for k in range(1, 51):
        vel = beta * vel + np.array(helpers.mse_gradient(data.x, data.y, *w))
        w = w - lr * vel
        assert np.allclose(run.params[k], w, rtol=1e-9, atol=1e-9)
        assert run.loss[k] == pytest.approx(helpers.mse(data.y, helpers.predict(data.x, *w)), rel=1e-9)


def test_the_affine_gradient_matches_finite_differences(data):
    """mse_momentum's gradient (grad(0) + H p) against central finite differences of the MSE."""
    x, y = data.x, data.y
    grad0, hessian = np.array(helpers.mse_gradient(x, y, 0.0, 0.0)), helpers.mse_hessian(x)
    for p in (np.array([0.0, 0.0]), np.array([5.0, 10.0]), np.array([-3.0, 70.0])):
        numeric = helpers.numerical_gradient(lambda q: helpers.mse(y, q[0] * x + q[1]), p, eps=1e-4)
        assert np.allclose(grad0 + hessian @ p, numeric, rtol=1e-6, atol=1e-5)


def test_a_divergent_momentum_run_is_stopped_without_warnings(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = beyond.mse_momentum(data.x, data.y, 0.0, 0.0, 0.1, 0.9, 100_000)
    assert run.diverged and run.diverged_at == run.num_steps < 200
    assert np.all(np.isfinite(run.loss[:-1]))


@pytest.mark.parametrize("beta", [1.0, 1.5, -0.1, np.nan, "0.9", True])
def test_heavy_ball_refuses_a_bad_beta(data, beta):
    with pytest.raises((ValueError, TypeError)):
        beyond.mse_momentum(data.x, data.y, 0.0, 0.0, 0.01, beta, 10)


@pytest.mark.parametrize("lr", [0.0, -0.01, np.inf, None])
def test_heavy_ball_refuses_a_bad_learning_rate(data, lr):
    with pytest.raises((ValueError, TypeError)):
        beyond.mse_momentum(data.x, data.y, 0.0, 0.0, lr, 0.5, 10)


def test_heavy_ball_refuses_what_is_not_a_function():
    with pytest.raises(TypeError):
        beyond.heavy_ball(None, lambda p: p[:, 0], [0.0], 0.1, 0.0, 5)


@settings(max_examples=60)
@given(lr=st.floats(1e-4, 1.0), beta=st.floats(0.0, 0.99), lam=st.floats(1e-2, 100.0))
def test_momentum_rate_is_the_spectral_radius(lr, beta, lam):
    matrix = np.array([[1 + beta - lr * lam, -beta], [1.0, 0.0]])
    expected = np.max(np.abs(np.linalg.eigvals(matrix)))
    assert float(beyond.momentum_rate(lr, beta, lam)) == pytest.approx(expected, rel=1e-7, abs=1e-9)


@given(lr=st.floats(1e-4, 1.0), lam=st.floats(1e-2, 100.0))
def test_without_momentum_the_rate_is_plain_descents_factor(lr, lam):
    assert float(beyond.momentum_rate(lr, 0.0, lam)) == pytest.approx(abs(1 - lr * lam), abs=1e-12)


@settings(max_examples=60)
@given(beta=st.floats(0.0, 0.95), lam=st.floats(0.1, 100.0), factor=st.floats(0.5, 1.5))
def test_momentum_is_stable_below_2_times_1_plus_beta_over_lambda(beta, lam, factor):
    assume(abs(factor - 1.0) > 1e-3)
    lr = factor * 2 * (1 + beta) / lam
    assert (float(beyond.momentum_rate(lr, beta, lam)) < 1.0) == (factor < 1.0)


def test_the_best_pairs_are_the_best_on_a_grid(data):
    lam_min, lam_max = beyond.hessian_eigenvalues(data.x)
    kappa = lam_max / lam_min
    lr_plain, rate_plain = beyond.best_plain(lam_min, lam_max)
    lr_mom, beta_mom, rate_mom = beyond.best_momentum(lam_min, lam_max)
    assert rate_plain == pytest.approx((kappa - 1) / (kappa + 1))
    assert rate_mom == pytest.approx((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1))
    assert float(beyond.convergence_rate(lr_plain, 0.0, lam_min, lam_max)) == pytest.approx(rate_plain)
    assert float(beyond.convergence_rate(lr_mom, beta_mom, lam_min, lam_max)) == pytest.approx(rate_mom, rel=1e-6)
    lrs, betas = np.geomspace(1e-4, 0.1, 400), np.linspace(0.0, 0.99, 400)
    grid = beyond.convergence_rate(lrs[None, :], betas[:, None], lam_min, lam_max)
    assert grid.min() >= rate_mom - 1e-9
    assert beyond.convergence_rate(lrs, 0.0, lam_min, lam_max).min() >= rate_plain - 1e-9


@pytest.mark.parametrize("lam", [(0.0, 1.0), (-1.0, 2.0), (1.0, np.inf)])
def test_best_pairs_refuse_bad_eigenvalues(lam):
    for fn in (beyond.best_plain, beyond.best_momentum):
        with pytest.raises(ValueError):
            fn(*lam)


def test_measured_rates_match_the_formulas(data):
    x, y = data.x, data.y
    lam_min, lam_max = beyond.hessian_eigenvalues(x)
    w_best, b_best = helpers.least_squares(x, y)
    lr_plain, rate_plain = beyond.best_plain(lam_min, lam_max)
    run = beyond.mse_momentum(x, y, 13.0, 0.0, lr_plain, 0.0, 2000)
    d = np.hypot(run.params[:, 0] - w_best, run.params[:, 1] - b_best)
    assert (d[2000] / d[1000]) ** (1 / 1000) == pytest.approx(rate_plain, abs=2e-4)
    # off the critical point the heavy ball settles into its rate exactly
    lr, beta = 0.02, 0.9
    rate = float(beyond.convergence_rate(lr, beta, lam_min, lam_max))
    run = beyond.mse_momentum(x, y, 13.0, 0.0, lr, beta, 600)
    d = np.hypot(run.params[:, 0] - w_best, run.params[:, 1] - b_best)
    assert (d[600] / d[300]) ** (1 / 300) == pytest.approx(rate, abs=3e-3)


def test_the_loss_split_by_direction_adds_up(data):
    run = beyond.mse_momentum(data.x, data.y, 13.0, 0.0, 0.02, 0.8, 50)
    parts = beyond.loss_by_direction(data.x, data.y, run.params[:, 0], run.params[:, 1])
    assert parts.shape == (51, 2) and np.all(parts >= 0)
    total = loss_above_minimum(data.x, data.y, run.params[:, 0], run.params[:, 1])
    assert np.allclose(parts.sum(axis=1), total, rtol=1e-9, atol=1e-9)


# -- 3. the bumpy loss -------------------------------------------------------------------------


@given(st.floats(-4.0, 4.0))
def test_bumpy_gradient_matches_finite_differences(w):
    numeric = helpers.numerical_gradient(lambda p: float(beyond.bumpy_loss(p[0])), np.array([w]), eps=1e-5)
    assert float(beyond.bumpy_grad(w)) == pytest.approx(numeric[0], abs=1e-6)


def test_bumpy_minima_and_maxima():
    assert len(beyond.BUMPY_MINIMA) == 4 and len(beyond.BUMPY_MAXIMA) == 4
    assert np.all(np.abs(beyond.bumpy_grad(beyond.BUMPY_MINIMA)) < 1e-9)
    assert np.all(np.abs(beyond.bumpy_grad(beyond.BUMPY_MAXIMA)) < 1e-9)
    curvature = 0.5 - 9 * np.sin(3 * beyond.BUMPY_MINIMA)  # L''(w)
    assert np.all(curvature > 0)
    # valley i lies between the bumps i and i + 1
    assert np.all(beyond.BUMPY_MAXIMA < beyond.BUMPY_MINIMA) and np.all(beyond.BUMPY_MINIMA[:-1] < beyond.BUMPY_MAXIMA[1:])
    assert int(np.argmin(beyond.bumpy_loss(beyond.BUMPY_MINIMA))) == 1  # the second from the left is the lowest
    for i, w in enumerate(beyond.BUMPY_MINIMA):
        assert beyond.valley_of(w) == i
    for w in (-4.0, 4.5, np.nan, np.inf):
        assert beyond.valley_of(w) is None


@pytest.mark.parametrize("i", range(4))
def test_plain_descent_from_near_a_bottom_stays_in_its_valley(i):
    run = beyond.bumpy_descent(float(beyond.BUMPY_MINIMA[i]) + 0.3, 0.05, 0.0, 200)
    assert beyond.valley_of(run.params[-1, 0]) == i
    assert run.params[-1, 0] == pytest.approx(beyond.BUMPY_MINIMA[i], abs=1e-6)


def test_bumpy_descent_far_too_large_diverges_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = beyond.bumpy_descent(3.0, 50.0, 0.9, 10_000)
    assert run.diverged


# -- 4. loss curves ----------------------------------------------------------------------------


@given(n=st.integers(3, 500), fraction=st.floats(0.01, 0.99), seed=st.integers(0, 100))
def test_train_val_split_is_a_partition(n, fraction, seed):
    train, val = beyond.train_val_split(n, fraction, seed)
    assert len(val) >= 1 and len(train) >= 2
    assert np.array_equal(np.sort(np.concatenate([train, val])), np.arange(n))


@pytest.mark.parametrize("n, fraction", [(2, 0.5), (10, 0.0), (10, -0.2), ("10", 0.2), (10, np.nan)])
def test_train_val_split_refuses_bad_input(n, fraction):
    with pytest.raises((ValueError, TypeError)):
        beyond.train_val_split(n, fraction, 0)


def test_lr_range_test_grows_geometrically_and_stops(data):
    z, _, _ = beyond.standardize(data.x)
    test = beyond.lr_range_test(z, data.y, 1e-4, 10.0, 1, 0)
    ratios = test.lrs[1:] / test.lrs[:-1]
    assert np.allclose(ratios, ratios[0])
    assert test.lrs[0] == pytest.approx(1e-4)
    assert len(test.lrs) < data.n  # the loss blew up before the end of the pass
    assert test.loss[-1] > 4 * test.loss.min()
    assert test.suggestion() == pytest.approx(test.lrs[np.argmin(test.loss)] / 10)
    with pytest.raises(ValueError):
        beyond.lr_range_test(z, data.y, 1.0, 0.1, 1, 0)


def test_training_curves_record_the_course_run(data):
    z, _, _ = beyond.standardize(data.x)
    curves = beyond.training_curves(z[:20], data.y[:20], z[20:], data.y[20:], 0.05, 4, 6, 0)
    run = helpers.minibatch_gd(z[:20], data.y[:20], 0.0, 0.0, 0.05, 4, 6, 0)
    assert np.array_equal(curves.train, run.loss) and curves.updates_per_epoch == 5
    assert len(curves.val) == 7
    for epoch in range(7):
        k = epoch * 5
        assert curves.val[epoch] == pytest.approx(helpers.mse(data.y[20:], run.w[k] * z[20:] + run.b[k]))


def test_early_stop():
    assert beyond.early_stop([5, 4, 3, 2, 1], 2) == (4, 4)
    assert beyond.early_stop([5, 4, 4.5, 4.6, 1], 2) == (1, 3)
    assert beyond.early_stop([5, 4, 4.5, 3, 3.5, 3.6, 3.7], 3) == (3, 6)
    assert beyond.early_stop([1.0], 1) == (0, 0)
    with pytest.raises((ValueError, TypeError)):
        beyond.early_stop([1, 2], 0)
    with pytest.raises(ValueError):
        beyond.early_stop([], 2)


@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=30), st.integers(1, 5))
def test_early_stop_keeps_the_best_epoch_it_saw(values, patience):
    best, stop = beyond.early_stop(values, patience)
    assert 0 <= best <= stop < len(values)
    assert values[best] == min(values[: stop + 1])
    assert stop == len(values) - 1 or stop - best == patience


def test_read_curve_on_made_up_curves():
    per = 10
    steps = np.arange(30 * per + 1)
    assert beyond.read_curve(1.0 + 9.0 * np.exp(-steps / 1000), per) == "too small"
    assert beyond.read_curve(1.0 + 9.0 * np.exp(-steps / 10), per) == "about right"
    bouncing = 1.0 + 9.0 * np.exp(-steps / 10) + 2.0 * (steps % 2)
    assert beyond.read_curve(bouncing, per) == "too large"
    assert beyond.read_curve(10.0 * 1.01 ** steps, per) == "too large"
    assert beyond.read_curve(np.array([1.0, np.nan]), 1) == "too large"


# -- 5. the numpy SGD --------------------------------------------------------------------------


@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
def test_sgd_matches_the_course_loop_exactly(data, momentum):
    grad = lambda p: np.array(helpers.mse_gradient(data.x, data.y, *p))  # noqa: E731
    steps = beyond.sgd_steps([13.0, 0.0], grad, lr=0.01, momentum=momentum, num_steps=300)
    course = beyond.heavy_ball(grad, lambda p: np.zeros(len(p)), [13.0, 0.0], 0.01, momentum, 300)
    assert np.array_equal(steps, course.params)


def test_sgd_mini_batch_loop_matches_minibatch_gd(data):
    z, _, _ = beyond.standardize(data.x)
    p = beyond.Parameter(np.zeros(2))
    opt = beyond.SGD([p], lr=0.05)
    rng = np.random.default_rng(3)
    for _ in range(4):
        for idx in helpers.minibatches(data.n, 4, rng):
            opt.zero_grad()
            p.grad = np.array(helpers.mse_gradient(z[idx], data.y[idx], *p.data))
            opt.step()
    run = helpers.minibatch_gd(z, data.y, 0.0, 0.0, 0.05, 4, 4, 3)
    assert p.data == pytest.approx([run.w[-1], run.b[-1]], rel=1e-12)


def test_sgd_semantics():
    a, b = beyond.Parameter(np.array([1.0, 2.0])), beyond.Parameter(np.array(3.0))
    opt = beyond.SGD([a, b], lr=0.1, momentum=0.9)
    a.grad = np.array([1.0, -1.0])
    opt.step()  # b has no gradient: unchanged
    assert np.allclose(a.data, [0.9, 2.1]) and b.data == 3.0
    a.grad = np.array([1.0, -1.0])
    opt.step()  # buf = 0.9 * 1 + 1 = 1.9
    assert np.allclose(a.data, [0.9 - 0.19, 2.1 + 0.19])
    opt.zero_grad()
    assert a.grad is None and b.grad is None
    opt.step()
    assert np.allclose(a.data, [0.71, 2.29])
    a.grad = np.array([1.0, 2.0, 3.0])
    with pytest.raises(ValueError):
        opt.step()


@pytest.mark.parametrize("kwargs", [{"lr": 0.0}, {"lr": -1.0}, {"lr": 0.1, "momentum": 1.0},
                                    {"lr": 0.1, "momentum": -0.5}, {"lr": "0.1"}])
def test_sgd_refuses_bad_settings(kwargs):
    with pytest.raises((ValueError, TypeError)):
        beyond.SGD([beyond.Parameter(np.zeros(2))], **kwargs)


def test_sgd_refuses_what_is_not_a_parameter():
    with pytest.raises(TypeError):
        beyond.SGD([np.zeros(2)], lr=0.1)
    with pytest.raises(ValueError):
        beyond.Parameter(np.array([np.nan]))
