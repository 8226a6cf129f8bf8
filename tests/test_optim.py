"""Full-batch gradient descent."""

import warnings

import numpy as np
import pytest

import helpers


@pytest.fixture
def data():
    return helpers.factory_sales(n=30, rng=0)


def test_runner_follows_the_update_rule(data):
    run = helpers.gradient_descent(data.x, data.y, 1.0, -2.0, 0.01, 5)
    w, b = 1.0, -2.0
    for k in range(1, 6):
        dw, db = helpers.mse_gradient(data.x, data.y, w, b)
        w, b = w - 0.01 * dw, b - 0.01 * db
        assert (run.w[k], run.b[k]) == pytest.approx((w, b), rel=1e-12)
        assert run.loss[k] == pytest.approx(helpers.mse(data.y, helpers.predict(data.x, w, b)), rel=1e-9)
    assert run.num_steps == 5 and not run.diverged


def test_fit_b_false_keeps_the_bias(data):
    run = helpers.gradient_descent(data.x, data.y, 0.0, 31.0, 0.01, 20, fit_b=False)
    assert np.all(run.b == 31.0)


def test_divergent_run_is_stopped_without_warnings(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = helpers.gradient_descent(data.x, data.y, 0.0, 0.0, 10.0, 100_000)
    assert run.diverged and run.diverged_at == run.num_steps < 50
    assert np.all(np.isfinite(run.loss))


def test_zero_steps_returns_the_start(data):
    run = helpers.gradient_descent(data.x, data.y, 2.0, 3.0, 0.01, 0)
    assert run.num_steps == 0 and run.w.tolist() == [2.0] and run.b.tolist() == [3.0]
