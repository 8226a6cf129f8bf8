"""Notebook 04: the mini-batch iterator, the one runner for batch, stochastic and mini-batch
gradient descent, the gradient of many batches at once, and the figures' helpers and live
figures."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.figures import minibatch as fig
from helpers.draw import power_label
from helpers.live import control_extremes
from helpers.optim import (first_batch_holding, gradient_spread, random_batch_gradients, running_mean,
                           spread_theory)
from helpers.optim import (gradient_seconds, minibatch_gd, minibatch_gradients, minibatches,
                           updates_per_epoch)


@pytest.fixture(scope="module")
def factory():
    d = helpers.factory_sales(n=300, rng=0)
    return d.x - d.x.mean(), d.y


def plain_loop(x, y, w, b, lr, batch_size, num_epochs, rng, lr_decay=None, batch_growth=None):
    """Mini-batch gradient descent written the obvious way: the reference for the runner."""
    ws, bs, seen = [w], [b], 0
    for epoch in range(num_epochs):
        size = batch_size if batch_growth is None else min(len(x), round(batch_size * (1 + batch_growth * epoch)))
        for idx in minibatches(len(x), size, rng):
            rate = lr / (1 + (lr_decay or 0.0) * seen / len(x))
            dw, db = helpers.mse_gradient(x[idx], y[idx], w, b)
            w, b = w - rate * dw, b - rate * db
            ws.append(w)
            bs.append(b)
            seen += len(idx)
    return np.array(ws), np.array(bs)


# -- the iterator -------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 200), data=st.data())
def test_every_example_once_per_epoch_and_the_short_batch_is_kept(n, data):
    batch_size = data.draw(st.integers(1, n))
    batches = list(minibatches(n, batch_size, np.random.default_rng(n)))
    assert np.array_equal(np.sort(np.concatenate(batches)), np.arange(n))
    sizes = [len(b) for b in batches]
    assert len(batches) == updates_per_epoch(n, batch_size) == -(-n // batch_size)
    assert sizes[:-1] == [batch_size] * (len(batches) - 1)
    assert sizes[-1] == (n % batch_size or batch_size)


def test_a_new_order_every_epoch_and_every_seed():
    rng = np.random.default_rng(0)
    first = np.concatenate(list(minibatches(50, 8, rng)))
    second = np.concatenate(list(minibatches(50, 8, rng)))
    other_seed = np.concatenate(list(minibatches(50, 8, 1)))
    assert not np.array_equal(first, np.arange(50))
    assert not np.array_equal(first, second) and not np.array_equal(first, other_seed)
    again = np.concatenate(list(minibatches(50, 8, 0)))  # a seed: the same order as Generator(0)
    assert np.array_equal(first, again)


def test_updates_per_epoch_examples():
    assert updates_per_epoch(1000, 32) == 32
    assert updates_per_epoch(300, 1) == 300 and updates_per_epoch(300, 300) == 1
    assert updates_per_epoch(1_000_000, 32) == 31_250


@pytest.mark.parametrize("n, batch_size, match", [(10, 0, "batch_size must be at least 1"),
                                                  (10, 11, "batch_size must be at most 10"),
                                                  (0, 1, "n must be at least 1")])
def test_iterator_refuses_bad_sizes(n, batch_size, match):
    with pytest.raises(ValueError, match=match):
        list(minibatches(n, batch_size, 0))


# -- the runner ---------------------------------------------------------------------------------

@pytest.mark.parametrize("batch_size", [1, 7, 32, 300])
@pytest.mark.parametrize("lr_decay", [None, 0.5])
def test_runner_is_the_plain_loop(factory, batch_size, lr_decay):
    x, y = factory
    run = minibatch_gd(x, y, -4.0, 10.0, 0.02, batch_size, 3, np.random.default_rng(5), lr_decay=lr_decay)
    ws, bs = plain_loop(x, y, -4.0, 10.0, 0.02, batch_size, 3, np.random.default_rng(5), lr_decay)
    np.testing.assert_allclose(run.w, ws, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(run.b, bs, rtol=1e-9, atol=1e-9)
    per_epoch = -(-300 // batch_size)
    assert run.num_updates == 3 * per_epoch and not run.diverged
    assert run.examples[0] == 0 and run.examples[-1] == 900
    assert run.epochs[per_epoch] == pytest.approx(1.0)
    assert run.sizes.sum() == 900 and run.sizes.max() == batch_size


def test_loss_is_on_all_the_data_and_excess_is_above_the_minimum(factory):
    x, y = factory
    run = minibatch_gd(x, y, 0.0, 0.0, 0.01, 16, 2, 0)
    w_min, b_min = helpers.least_squares(x, y)
    loss_min = helpers.mse(y, w_min * x + b_min)
    for k in (0, 5, run.num_updates):
        full = helpers.mse(y, helpers.predict(x, run.w[k], run.b[k]))
        assert run.loss[k] == pytest.approx(full, rel=1e-10)
        assert run.above_minimum[k] == pytest.approx(full - loss_min, rel=1e-6, abs=1e-9)
    assert np.all(run.above_minimum >= 0)


def test_batch_size_n_is_batch_gradient_descent(factory):
    x, y = factory
    run = minibatch_gd(x, y, -4.0, 10.0, 0.05, len(x), 30, 3)
    reference = helpers.gradient_descent(x, y, -4.0, 10.0, 0.05, 30)
    np.testing.assert_allclose(run.w, reference.w, rtol=1e-9)
    np.testing.assert_allclose(run.b, reference.b, rtol=1e-9)
    np.testing.assert_allclose(run.loss, reference.loss, rtol=1e-9)


def test_decaying_learning_rate(factory):
    x, y = factory
    run = minibatch_gd(x, y, 0.0, 0.0, 0.03, 100, 4, 0, lr_decay=1.0)
    # 3 updates per epoch; the epochs done before an update count in fractions
    np.testing.assert_allclose(run.lr_at([0, 2, 3, 11]), [0.03, 0.03 / (1 + 2 / 3), 0.015, 0.03 / (1 + 11 / 3)])
    assert run.num_updates == 12
    assert minibatch_gd(x, y, 0.0, 0.0, 0.03, 100, 4, 0).lr_at(11) == pytest.approx(0.03)


@pytest.mark.parametrize("batch_size", [1, 8, 300])
def test_divergent_run_is_stopped_without_warnings(factory, batch_size):
    x, y = factory
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = minibatch_gd(x, y, 0.0, 0.0, 5.0, batch_size, 200, 0)
    assert run.diverged and run.diverged_at == run.num_updates
    assert np.all(np.isfinite(run.loss)) and np.all(np.isfinite(run.w))
    assert run.loss[-1] > helpers.optim.DIVERGED_LOSS_FACTOR * run.loss[0]
    assert len(run.examples) == len(run.w) == len(run.sizes) + 1


def test_zero_epochs_and_constant_x():
    run = minibatch_gd([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], 0.5, 0.0, 0.1, 2, 0, 0)
    assert run.num_updates == 0 and run.w.tolist() == [0.5]
    # x without spread: the best lines form a whole family, all at the loss var(y)
    flat = minibatch_gd([2.0, 2.0, 2.0], [1.0, 3.0, 5.0], 0.0, 0.0, 0.05, 3, 50, 0)
    assert flat.above_minimum[-1] == pytest.approx(0.0, abs=1e-9) and np.all(flat.above_minimum >= 0)
    assert flat.loss[-1] == pytest.approx(np.var([1.0, 3.0, 5.0]))


@pytest.mark.parametrize("kwargs, error, match", [
    ({"lr": -0.1}, ValueError, "learning rate"),
    ({"batch_size": 0}, ValueError, "batch_size must be at least 1"),
    ({"batch_size": 301}, ValueError, "batch_size must be at most 300"),
    ({"batch_size": 2.0}, TypeError, "batch_size must be a whole number"),
    ({"num_epochs": -1}, ValueError, "num_epochs must be at least 0"),
    ({"num_epochs": 10_000}, ValueError, "more than 1,000,000 updates"),
    ({"lr_decay": -1.0}, ValueError, "lr_decay"),
    ({"rng": "seed"}, TypeError, "rng must be"),
])
def test_runner_validates_its_inputs(factory, kwargs, error, match):
    x, y = factory
    args = {"lr": 0.01, "batch_size": 1, "num_epochs": 1, "rng": 0, **kwargs}
    with pytest.raises(error, match=match):
        minibatch_gd(x, y, 0.0, 0.0, args["lr"], args["batch_size"], args["num_epochs"], args["rng"],
                     lr_decay=kwargs.get("lr_decay"))


# -- many batch gradients at once ---------------------------------------------------------------

def test_minibatch_gradients_match_mse_grad(factory):
    x, y = factory
    idx = np.random.default_rng(0).integers(0, len(x), size=(5, 7))
    dw, db = minibatch_gradients(x, y, 2.0, 50.0, idx)
    assert dw.shape == db.shape == (5,)
    for i in range(5):
        assert (dw[i], db[i]) == pytest.approx(helpers.mse_gradient(x[idx[i]], y[idx[i]], 2.0, 50.0))


@pytest.mark.parametrize("batches", [np.arange(5), np.array([[0.5, 1.0]]), np.array([[0, 300]]),
                                     np.zeros((2, 0), dtype=int)])
def test_minibatch_gradients_refuse_bad_indices(factory, batches):
    x, y = factory
    with pytest.raises(ValueError, match="batches must"):
        minibatch_gradients(x, y, 0.0, 0.0, batches)


def test_gradient_seconds_is_a_positive_cost_per_size(factory):
    x, y = factory
    seconds = gradient_seconds(x, y, [1, 32, 300], repeats=3, rounds=1)
    assert seconds.shape == (3,) and np.all(seconds > 0) and np.all(seconds < 0.1)


# -- figure helpers -----------------------------------------------------------------------------

def test_batch_size_options():
    assert fig.batch_size_options(300) == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300]
    assert fig.batch_size_options(256) == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert fig.batch_size_options(1) == [1] and fig.batch_size_options(2) == [1, 2]


def test_power_labels_need_no_math_text():
    assert [power_label(v) for v in (1e-3, 1.0, 10.0, 1e6, 3.0, 0.0)] == ["10⁻³", "1", "10", "10⁶", "", ""]


def test_running_mean():
    np.testing.assert_allclose(running_mean(np.array([1.0, 3.0, 5.0, 7.0]), 2), [1, 2, 4, 6])


def test_spread_theory():
    np.testing.assert_allclose(spread_theory(10.0, [1, 4, 100], 100), [10.0, 5 * np.sqrt(96 / 99), 0.0])


def test_random_batch_gradients_are_means_of_their_examples_and_follow_the_theory(factory):
    x, y = factory
    each = np.column_stack(minibatch_gradients(x, y, -4.0, 10.0, np.arange(len(x))[:, None]))
    sizes = [1, 4, 64]
    grads, spread = random_batch_gradients(each, sizes, 4000, 0)
    assert grads.shape == (3, 4000, 2) and spread.shape == (3,)
    np.testing.assert_allclose(grads[0].mean(axis=0), each.mean(axis=0), rtol=0.05, atol=1.0)
    per_example = np.sqrt(np.mean(np.sum((each - each.mean(axis=0)) ** 2, axis=1)))
    np.testing.assert_allclose(spread, spread_theory(per_example, sizes, len(x)), rtol=0.05)
    again, _ = random_batch_gradients(each, sizes, 4000, 0)
    assert np.array_equal(grads, again)  # one seed, the same batches


def test_first_batch_holding_is_the_batch_that_holds_it():
    for batch_size, seed in ((1, 0), (16, 3), (64, 7)):
        k = first_batch_holding(301, batch_size, seed, 300)
        batches = list(minibatches(301, batch_size, seed))
        assert 300 in batches[k]


# -- the live figures: every control at its extremes, no warning --------------------------------

@pytest.fixture(scope="module")
def live_figures(factory):
    x, y = factory
    w_min, b_min = helpers.least_squares(x, y)
    x_out, y_out = np.append(x, 4.5), np.append(y, 5.0)
    figures = [
        fig.minibatch_figure(x, y, -4.0, 10.0, view=((-8, 20), (0, 110)), zoom=(2.5, 8), name="t-main"),
        fig.gradient_noise_figure(x, y, {"start": (-4.0, 10.0), "minimum": (w_min, b_min)},
                                  num_batches=50, name="t-noise"),
        fig.outlier_figure(x_out, y_out, 300, 0.01, zoom=(10, 4), name="t-outlier"),
    ]
    yield figures
    for lf in figures:
        lf.close()


def test_every_control_at_every_extreme(live_figures):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for lf in live_figures:
            start = dict(lf.values)
            for key, control in lf.controls.items():
                for value in control_extremes(control):
                    before = lf.layers()
                    lf.set(**{key: value})
                    if value != start[key]:
                        assert lf.layers() != before, (lf.name, key, value)
                    for ax in lf.fig.axes:
                        assert np.all(np.isfinite(ax.get_xlim() + ax.get_ylim()))
            lf.set(**start)


def test_the_heart_at_its_harshest_corner(live_figures):
    """SGD, the largest learning rate, the most epochs: stopped, and said in words."""
    lf = live_figures[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lf.set(batch_size=1, lr=lf.controls["lr"].base ** lf.controls["lr"].max,
               num_epochs=lf.controls["num_epochs"].max, x_axis="time")
    assert "diverged at update" in lf.fig._suptitle.get_text()
    lf.set(batch_size=1, lr=0.01, num_epochs=40, x_axis="epochs", schedule="constant")
    assert "loss" in lf.fig._suptitle.get_text() and "diverged" not in lf.fig._suptitle.get_text()


def test_the_caption_states_the_learning_rate_and_its_schedule(live_figures):
    lf = live_figures[0]
    start = dict(lf.values)
    lf.set(lr=0.02, schedule="constant")
    assert "η = 0.02, constant" in lf.fig._suptitle.get_text()
    lf.set(schedule="decaying")
    assert "η = 0.02 ÷ (1 + 1 × epochs done)" in lf.fig._suptitle.get_text()
    lf.set(**start)


def test_real_data_figure_gives_every_series_its_own_colour(factory):
    from matplotlib.colors import to_hex
    x, y = factory
    runs = {f"B = {b}": minibatch_gd(x, y, 0.0, 0.0, 0.001, b, 2, rng=0) for b in (1, 4, 16, len(x))}
    figure = fig.real_data_figure(x, y, runs, x_name="x", y_name="y")
    ax_data, ax_loss = figure.axes[:2]
    colours = [to_hex(c) for c in ax_data.collections[0].get_facecolor()[:1]]  # the data
    colours += [to_hex(line.get_color()) for line in ax_data.get_lines()]
    assert len(colours) == len(set(colours)) == len(runs) + 2
    assert [to_hex(line.get_color()) for line in ax_loss.get_lines()] == colours[2:]


def test_gradient_spread_is_the_rms_distance():
    grads = np.array([[[1.0, 0.0], [-1.0, 0.0]], [[0.0, 3.0], [0.0, -3.0]]])  # (2, 2, 2)
    np.testing.assert_allclose(gradient_spread(grads, [0.0, 0.0]), [1.0, 3.0])
    assert gradient_spread(grads[0], [1.0, 0.0]) == pytest.approx(np.sqrt(2.0))


def test_a_growing_batch_grows_once_per_epoch_and_stops_at_n(factory):
    x, y = factory
    n = len(x)
    run = minibatch_gd(x, y, 0.0, 0.0, 0.001, 2, 4, rng=0, batch_growth=1.0)
    sizes = [2, 4, 6, 8]  # 2 * (1 + e) in epoch e
    expected = np.concatenate([np.diff(np.append(np.arange(0, n, s), n)) for s in sizes])
    np.testing.assert_array_equal(run.sizes, expected)
    assert run.examples[-1] == 4 * n and run.batch_growth == 1.0
    big = minibatch_gd(x, y, 0.0, 0.0, 0.001, n // 2, 3, rng=0, batch_growth=5.0)
    assert big.sizes.max() == n  # capped at the data


def test_a_growing_batch_of_zero_growth_is_the_constant_run(factory):
    x, y = factory
    a = minibatch_gd(x, y, 0.0, 0.0, 0.001, 4, 3, rng=1)
    b = minibatch_gd(x, y, 0.0, 0.0, 0.001, 4, 3, rng=1, batch_growth=0.0)
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.b, b.b)


def test_epoch_means_average_each_epochs_updates(factory):
    x, y = factory
    run = minibatch_gd(x, y, 0.0, 0.0, 0.001, 7, 3, rng=0, batch_growth=0.5)
    epoch_of_update = np.floor(run.examples[:-1] / run.n + 1e-9).astype(int)
    expected = [run.above_minimum[1:][epoch_of_update == e].mean() for e in range(3)]
    np.testing.assert_allclose(run.epoch_means(), expected)



@pytest.mark.parametrize("batch_size, growth", [(1, 1.0), (3, 0.5), (100, 2.0)])
def test_a_growing_batch_run_is_the_plain_loop(factory, batch_size, growth):
    x, y = factory
    run = minibatch_gd(x, y, -4.0, 10.0, 0.02, batch_size, 3, np.random.default_rng(5),
                       lr_decay=0.5, batch_growth=growth)
    ws, bs = plain_loop(x, y, -4.0, 10.0, 0.02, batch_size, 3, np.random.default_rng(5), 0.5, growth)
    np.testing.assert_allclose(run.w, ws, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(run.b, bs, rtol=1e-9, atol=1e-9)
