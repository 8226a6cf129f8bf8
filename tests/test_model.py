"""The course's math: predictions, losses, gradients, the loss surface and initialization."""

import numpy as np
import pytest

import helpers
from helpers import model


@pytest.fixture
def data():
    return helpers.factory_sales(n=30, rng=0)


def test_predict_is_a_line():
    np.testing.assert_allclose(helpers.predict([0.0, 1.0, 2.0], 3.0, 1.0), [1.0, 4.0, 7.0])


def test_predict_linear_matches_matrix_product():
    X = np.array([[3.0, 1.0], [5.0, 2.0]])
    np.testing.assert_allclose(helpers.predict_linear(X, np.array([6.0, 4.0]), 20.0), [42.0, 58.0])


def test_predict_linear_rejects_mismatched_weights():
    with pytest.raises(ValueError, match="2 feature columns but w has 3 weights"):
        helpers.predict_linear(np.ones((4, 2)), np.ones(3), 0.0)


def test_sources_worked_example():
    """Predictions (100, 80) against sales (105, 78): SSE 29, MSE 14.5."""
    assert helpers.sse([105, 78], [100, 80]) == 29.0
    assert helpers.mse([105, 78], [100, 80]) == 14.5
    assert helpers.mae([105, 78], [100, 80]) == 3.5


def test_losses_reject_different_lengths():
    with pytest.raises(ValueError, match="same number of examples; got 2 and 3"):
        helpers.mse([1, 2], [1, 2, 3])


def test_mse_grad_matches_finite_differences(data):
    rng = np.random.default_rng(0)
    for w, b in rng.normal(0, 10, size=(5, 2)):
        analytic = np.array(helpers.mse_gradient(data.x, data.y, w, b))
        numeric = helpers.numerical_gradient(
            lambda p: helpers.mse(data.y, helpers.predict(data.x, p[0], p[1])), np.array([w, b]))
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-4)


def test_mse_grad_linear_matches_finite_differences():
    rng = np.random.default_rng(1)
    X, y, w = rng.normal(size=(20, 3)), rng.normal(size=20), rng.normal(size=3)
    dw, db = helpers.mse_gradient_linear(X, y, w, 0.5)
    assert dw.shape == (3,)
    params = np.append(w, 0.5)
    numeric = helpers.numerical_gradient(
        lambda p: helpers.mse(y, helpers.predict_linear(X, p[:3], p[3])), params)
    np.testing.assert_allclose(np.append(dw, db), numeric, rtol=1e-6, atol=1e-7)


def test_gradient_is_zero_at_the_least_squares_fit(data):
    w, b = helpers.least_squares(data.x, data.y)
    np.testing.assert_allclose(helpers.mse_gradient(data.x, data.y, w, b), (0.0, 0.0), atol=1e-9)
    assert (w, b) == pytest.approx(tuple(np.polyfit(data.x, data.y, 1)))


def test_loss_grid_matches_direct_computation(data):
    ws, bs = np.linspace(0, 15, 7), np.linspace(-20, 60, 5)
    grid = helpers.loss_grid(data.x, data.y, ws, bs)
    assert grid.shape == (5, 7)
    direct = [[helpers.mse(data.y, helpers.predict(data.x, w, b)) for w in ws] for b in bs]
    np.testing.assert_allclose(grid, direct, rtol=1e-9)


def test_hessian_matches_finite_differences_of_the_gradient(data):
    H = helpers.mse_hessian(data.x)
    numeric = np.array([
        helpers.numerical_gradient(lambda p: helpers.mse_gradient(data.x, data.y, p[0], p[1])[k], np.array([3.0, 4.0]))
        for k in range(2)])
    np.testing.assert_allclose(H, numeric, rtol=1e-5)


def test_max_stable_lr_is_the_boundary_of_convergence(data):
    bound = helpers.max_stable_lr(data.x)
    below = helpers.gradient_descent(data.x, data.y, 0.0, 0.0, 0.98 * bound, 3000)
    above = helpers.gradient_descent(data.x, data.y, 0.0, 0.0, 1.02 * bound, 3000)
    best = helpers.mse(data.y, helpers.predict(data.x, *helpers.least_squares(data.x, data.y)))
    assert not below.diverged and below.loss[-1] < best * 1.01
    assert above.diverged


def test_init_weights_is_repeatable_and_scaled():
    a = helpers.init_weights((3, 2), 2.0, 5)
    b = helpers.init_weights((3, 2), 2.0, np.random.default_rng(5))
    np.testing.assert_array_equal(a, b)
    assert a.shape == (3, 2)
    big = helpers.init_weights(100_000, 3.0, 0)
    assert abs(big.mean()) < 0.05 and abs(big.std() - 3.0) < 0.05


def test_expected_initial_loss_matches_simulation(data):
    draws = helpers.init_weights((200_000, 2), 10.0, 1)
    simulated = np.mean((np.outer(draws[:, 0], data.x) + draws[:, 1:] - data.y) ** 2)
    assert simulated == pytest.approx(helpers.expected_initial_loss(data.x, data.y, 10.0), rel=0.02)


def test_tiny_net_constant_start_keeps_units_identical(data):
    x = (data.x - data.x.mean()) / data.x.std()
    y = (data.y - data.y.mean()) / data.y.std()
    same = model.tiny_net_train(x, y, model.tiny_net_params("constant", value=0.5), lr=0.1, num_steps=50)
    assert all(p["W1"][0] == p["W1"][1] and p["w2"][0] == p["w2"][1] for p in same)
    different = model.tiny_net_train(x, y, model.tiny_net_params("random", rng=3), lr=0.1, num_steps=50)
    assert abs(different[-1]["W1"][0] - different[-1]["W1"][1]) > 0.1
    assert helpers.mse(y, model.tiny_net_forward(x, different[-1])[1]) < helpers.mse(y, model.tiny_net_forward(x, different[0])[1])


def test_tiny_net_gradient_matches_finite_differences(data):
    x = (data.x[:8] - data.x.mean()) / data.x.std()
    y = (data.y[:8] - data.y.mean()) / data.y.std()
    p0 = model.tiny_net_params("random", rng=0)
    step = model.tiny_net_train(x, y, p0, lr=1e-3, num_steps=1)[1]
    keys = ["W1", "b1", "w2", "b2"]
    flat = np.concatenate([p0[k] for k in keys])

    def loss(flat):
        p = dict(zip(keys, np.split(flat, [2, 4, 6])))
        return helpers.mse(y, model.tiny_net_forward(x, p)[1])

    grad = helpers.numerical_gradient(loss, flat)
    applied = (flat - np.concatenate([step[k] for k in keys])) / 1e-3
    np.testing.assert_allclose(applied, grad, rtol=1e-5, atol=1e-8)


# -- the one home of the MSE of a line ------------------------------------------------------------

def test_quadratic_loss_agrees_with_the_definitions(data):
    loss = helpers.QuadraticLoss(data.x, data.y)
    ws, bs = np.array([0.0, 3.5, 8.0, -2.0]), np.array([0.0, 40.0, 30.0, 100.0])
    direct = [helpers.mse(data.y, helpers.predict(data.x, w, b)) for w, b in zip(ws, bs)]
    np.testing.assert_allclose(loss.loss(ws, bs), direct, rtol=1e-12)
    for w, b in zip(ws, bs):
        np.testing.assert_allclose(loss.gradient(w, b), helpers.mse_gradient(data.x, data.y, w, b),
                                   rtol=1e-10, atol=1e-9)
    grid = loss.grid(ws, bs[:3])
    assert grid.shape == (3, 4) and grid[1, 2] == pytest.approx(loss.loss(ws[2], bs[1]))
    np.testing.assert_allclose(grid, helpers.loss_grid(data.x, data.y, ws, bs[:3]))


def test_quadratic_loss_minimum_curvature_and_learning_rates(data):
    loss = helpers.QuadraticLoss(data.x, data.y)
    w_min, b_min = np.polyfit(data.x, data.y, 1)  # an independent least-squares fit
    assert (loss.w_min, loss.b_min) == pytest.approx((w_min, b_min), rel=1e-9)
    assert loss.loss_min == pytest.approx(helpers.mse(data.y, w_min * data.x + b_min), rel=1e-9)
    np.testing.assert_allclose(loss.gradient(loss.w_min, loss.b_min), (0.0, 0.0), atol=1e-9)
    hessian = np.array([[helpers.numerical_gradient(lambda p: loss.gradient(p[0], p[1])[i],
                                                    np.array([3.0, 4.0]))] for i in range(2)])[:, 0]
    np.testing.assert_allclose(loss.hessian, hessian, rtol=1e-6)
    assert loss.max_stable_lr == pytest.approx(2 / np.linalg.eigvalsh(hessian).max(), rel=1e-6)
    assert loss.max_stable_lr_1d == pytest.approx(1 / np.mean(data.x ** 2))
    assert loss.step_factor(loss.max_stable_lr_1d) == pytest.approx(-1.0)
    assert helpers.max_stable_lr(data.x) == loss.max_stable_lr
    # the loss above the minimum: exact where the difference of two losses loses every digit
    assert loss.above_minimum(3.0, 4.0) == pytest.approx(loss.loss(3.0, 4.0) - loss.loss_min, rel=1e-9)
    tiny = loss.above_minimum(loss.w_min + 1e-9, loss.b_min)
    assert 0 < tiny < 1e-15


def test_a_live_figure_gets_the_same_run_from_the_kernel(data):
    from helpers.optim import descend
    loss = helpers.QuadraticLoss(data.x, data.y)
    for fit_b in (True, False):
        public = helpers.gradient_descent(data.x, data.y, 1.0, 2.0, 0.01, 50, fit_b=fit_b)
        kernel = descend(loss, 1.0, 2.0, 0.01, 50, fit_b=fit_b)
        assert np.array_equal(public.w, kernel.w) and np.array_equal(public.b, kernel.b)
        assert np.array_equal(public.loss, kernel.loss)


def test_quadratic_loss_checks_the_data_once():
    with pytest.raises(ValueError, match="same number of examples"):
        helpers.QuadraticLoss([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="finite"):
        helpers.QuadraticLoss([1.0, np.nan], [1.0, 2.0])


def test_tiny_net_random_start_needs_an_rng():
    with pytest.raises(ValueError, match="pass rng"):
        helpers.tiny_net_params("random")
    a = helpers.tiny_net_params("random", rng=3)
    b = helpers.tiny_net_params("random", rng=np.random.default_rng(3))
    assert all(np.array_equal(a[k], b[k]) for k in a)
