"""Every quantitative claim the notebooks make in prose, re-computed from `helpers`.

Each test names its notebook and section, checks that the sentence is still there (so an edit
of the sentence points here), computes the quantity and asserts the stated relation. A change
to a formula, a data set or a sentence that breaks a claim's truth fails here.
(Numbers printed by a code cell are checked by strict nbval instead.)
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import data as data_module
from helpers import (first_within, least_absolute_deviations, max_stable_lr_1d, minibatch_gd,
                     minibatch_gradients, step_factor, updates_per_epoch)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = {p.name[:2]: p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}


def prose(number: str) -> str:
    """The markdown of notebook ``number`` ('01' ...), its cells joined."""
    cells = json.loads(NOTEBOOKS[number].read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def claim(number: str, sentence: str) -> None:
    """The notebook still says ``sentence`` (whitespace-insensitive)."""
    squash = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    assert squash(sentence) in squash(prose(number)), f"notebook {number} no longer says: {sentence!r}"


@pytest.fixture(scope="module")
def factory():
    d = helpers.factory_sales(n=30, rng=0)
    return d.x, d.y


# -- notebook 01 -------------------------------------------------------------------------------

def test_01_s3_the_true_rule_scores_about_34(factory):
    claim("01", "the true rule (w = 8, b = 30) scores about 34")
    x, y = factory
    assert round(helpers.mse(y, 8 * x + 30)) == 34


def test_01_s5_below_sigma_1_the_loss_is_stuck_at_mean_y2_and_above_it_grows_like_sigma2(factory):
    claim("01", "Below σ ≈ 1 the loss stops falling: it is stuck at $\\overline{y^2}$")
    claim("01", "Above it, the loss grows like σ²")
    x, y = factory
    floor = np.mean(y**2)
    expected = lambda s: helpers.expected_initial_loss(x, y, s)  # noqa: E731
    assert expected(1.0) < 1.01 * floor and expected(0.1) < 1.0001 * floor
    assert (expected(100) - floor) / (expected(10) - floor) == pytest.approx(100)
    assert expected(100) > 50 * floor


# -- notebook 02 -------------------------------------------------------------------------------

def _bump_fit(start):
    bump = helpers.bump(n=40, rng=0)
    params = helpers.tiny_net_train(bump.x, bump.y, start, lr=0.1, num_steps=3000)[-1]
    return helpers.mse(bump.y, helpers.tiny_net_forward(bump.x, params)[1]), params, bump


def test_01_s6_symmetry_costs_a_unit_on_the_bump():
    claim("01", "misses the whole right side of the bump (MSE 0.427, not much better than a flat "
                "line at the mean, 0.557)")
    claim("01", "one takes the rise, the other the fall ($W1$ of opposite signs) — and the fit gets "
                "down to the noise (MSE 0.004)")
    claim("01", "Two identical units fit no better than one")
    constant, p_const, bump = _bump_fit(helpers.tiny_net_params("constant", value=0.5))
    random, p_rand, _ = _bump_fit(helpers.tiny_net_params("random", rng=3, scale=1.0))
    flat = float(np.var(bump.y))
    assert (round(constant, 3), round(flat, 3), round(random, 3)) == (0.427, 0.557, 0.004)
    assert p_const["W1"][0] == p_const["W1"][1]              # the two units stayed one
    assert p_rand["W1"][0] * p_rand["W1"][1] < 0             # opposite signs: rise and fall
    assert random < 0.5 * data_module.BUMP_NOISE**2           # down to the noise (variance 0.01)
    # "like one unit": the best a single tanh unit does (a network whose second unit is off)
    one = {"W1": np.array([0.5, 0.0]), "b1": np.array([0.5, 0.0]), "w2": np.array([0.5, 0.0]),
           "b2": np.array([0.5])}
    single = _bump_fit(one)[0]
    assert abs(single - constant) < 0.01


def test_01_s6_four_of_six_seeds_fit_the_bump():
    claim("01", "Four of the six seeds fit the bump; the other two are still stuck after 3,000 steps "
                "(MSE 0.557, no better than the flat line)")
    fits = [_bump_fit(helpers.tiny_net_params("random", rng=seed, scale=1.0))[0] for seed in range(6)]
    assert sum(f < 0.01 for f in fits) == 4
    assert sorted(round(f, 3) for f in fits)[-2:] == [0.557, 0.557]


def test_02_s2_both_means_estimate_the_noise_variance_36():
    claim("02", "Both means estimate the same number, 36: the **variance** of the noise in these data "
                "(its standard deviation is σ = 6, and 6² = 36) — with 30 runs only roughly, with 3,000 much more closely")
    assert data_module.FACTORY_NOISE == 6 and data_module.FACTORY_NOISE**2 == 36
    errors = {}
    for n in (30, 3000):
        runs = helpers.factory_sales(n=n, rng=1)
        errors[n] = abs(helpers.mse(runs.y, 8 * runs.x + 30) - 36)
    assert errors[3000] < 0.05 * 36 < 0.1 * 36 < errors[30]


def test_02_s2_one_error_of_722_costs_twenty_thousand_times_25():
    claim("02", "One prediction that is off by 722 costs $722^2 = 521{,}284$ — twenty thousand times the 25")
    assert 722**2 == 521_284 and 20_000 <= 722**2 / 25 < 21_000
    assert (800 - 78) == 722


def test_02_s3_three_lines_with_mean_residual_0_but_very_different_mse(factory):
    claim("02", "All three have a mean residual of **0**")
    x, y = factory
    for w in (0.0, -8.0, 8.0):
        b = y.mean() - w * x.mean()
        assert abs(np.mean(w * x + b - y)) < 1e-9


def test_02_s2_half_mse_convention_same_steps_with_twice_the_learning_rate(factory):
    claim("02", "gradient descent takes the same steps with a learning rate twice as large")
    x, y = factory
    w, b = 1.0, 2.0
    half_grad = np.array(helpers.mse_gradient(x, y, w, b)) / 2          # gradient of MSE / 2
    for _ in range(3):
        dw, db = helpers.mse_gradient(x, y, w, b)
        w_half, b_half = w - 2 * 0.004 * half_grad[0], b - 2 * 0.004 * half_grad[1]
        w, b = w - 0.004 * dw, b - 0.004 * db
        assert (w, b) == pytest.approx((w_half, b_half))
        half_grad = np.array(helpers.mse_gradient(x, y, w, b)) / 2


def test_02_s4_about_31_is_the_floor(factory):
    claim("02", "so about 31 is the floor")
    x, y = factory
    w, b = helpers.least_squares(x, y)
    assert round(helpers.mse(y, w * x + b)) == 31


def test_02_s5_line_a_wins_by_mse_because_36_is_more_than_28():
    claim("02", "because $6^2 = 36$ is more than $2^2 + 2^2 + 2^2 + 4^2 = 28$")
    assert 6**2 == 36 and 2**2 * 3 + 4**2 == 28


def test_02_s6_435_pairs_for_30_points():
    claim("02", "(435 pairs for 30 points)")
    assert math.comb(30, 2) == 435


def test_02_s6_one_bad_record_mse_jumps_and_tilts_the_line_while_mae_stays(factory):
    claim("02", "the **MSE** of the best line jumps from about 31 to over a thousand")
    claim("02", "its slope grows steadily with the size of the mistake")
    claim("02", "the best-**MAE** line hardly moves")
    x, y = factory
    slopes, mae_slopes = [], []
    for off in range(0, 301, 50):
        bad = y.copy()
        bad[-1] += off
        w, b = helpers.least_squares(x, bad)
        slopes.append(w)
        mae_slopes.append(least_absolute_deviations(x, bad)[0])
        if off == 200:  # the figure's default
            assert helpers.mse(bad, w * x + b) > 1000
    assert np.all(np.diff(slopes) > 0)
    assert max(mae_slopes) - min(mae_slopes) < 0.1 < slopes[-1] - slopes[0]


# -- notebook 03 -------------------------------------------------------------------------------

def test_03_s2_a_slope_of_minus_2_sits_0_016_left_of_the_bottom(factory):
    claim("03", "at $w$ = 8.073, only 0.016 left of the bottom, where the loss is 31.51 instead of 31.49")
    x, y = factory
    w_best, b_best = helpers.least_squares(x, y)
    w = w_best - 2 / (2 * np.mean(x**2))                     # slope -2 with b at its best
    assert helpers.mse_gradient(x, y, w, b_best)[0] == pytest.approx(-2)
    assert round(w, 3) == 8.073 and round(w_best - w, 3) == 0.016
    assert round(helpers.mse(y, w * x + b_best), 2) == 31.51 and round(helpers.mse(y, w_best * x + b_best), 2) == 31.49


def test_03_s4_three_valleys_and_only_the_middle_starts_reach_the_lowest():
    claim("03", "three valleys, three answers, and only the starts from −5 to 1 reach the lowest one")
    ws = np.linspace(-10, 8, 18001)
    f = helpers.wavy_loss(ws)
    inner = f[1:-1]
    valleys = ws[1:-1][(inner < f[:-2]) & (inner < f[2:])]
    assert len(valleys) == 3
    lowest = valleys[np.argmin(helpers.wavy_loss(valleys))]
    starts = [-9.0, -5.0, -3.0, 1.0, 3.0, 7.0]
    ends = helpers.descend_slope(helpers.wavy_slope, starts, lr=0.3, num_steps=60)[-1]
    assert len(set(np.round(ends, 2))) == 3
    reach = [s for s, e in zip(starts, ends) if abs(e - lowest) < 0.01]
    assert (min(reach), max(reach)) == (-5.0, 1.0)


def test_03_s5_overflow_after_about_500_steps_at_rho_minus_2_and_35000_just_past(factory):
    claim("03", "far past the line, at ρ = −2, after about 500 steps; just past it, at ρ = −1.01, only after some 35,000")
    x, y = factory
    w_best, b_best = helpers.least_squares(x, y)
    excess0 = helpers.mse(y, 0.0 * x + b_best) - helpers.mse(y, w_best * x + b_best)   # start at w = 0
    steps = lambda rho: math.log(sys.float_info.max / excess0) / (2 * math.log(abs(rho)))  # noqa: E731
    assert 450 < steps(-2) < 550
    assert 33_000 < steps(-1.01) < 37_000


def test_03_s5_a_divergent_run_is_stopped_past_a_million_times_its_start(factory):
    claim("03", "`gradient_descent` stops the run as soon as the loss passes a million times its starting value")
    x, y = factory
    run = helpers.gradient_descent(x, y, 0.0, 0.0, 3 * helpers.max_stable_lr(x), 1000)
    assert run.diverged and run.loss[-1] > 1e6 * run.loss[0] >= run.loss[-2]


def test_03_s6_the_valley_floor_and_the_two_speeds(factory):
    claim("03", "their mean is 7.3")
    claim("03", "exactly: $b$ down 8.7 times as much as $w$ goes up")
    claim("03", "Across the valley each step multiplies the distance to the minimum by $1 - 129.6\\,\\eta$; "
                "along the floor only by $1 - 0.31\\,\\eta$ — at most 0.5% progress per step along the floor")
    claim("03", "with $\\lambda = 129.6$, the curvature of the steep direction")
    x, _ = factory
    assert round(x.mean(), 1) == 7.3
    H = helpers.mse_hessian(x)
    (small, big), vectors = np.linalg.eigh(H)
    assert round(big, 1) == 129.6 and round(small, 2) == 0.31
    assert round(vectors[1, 0] / vectors[0, 0], 1) == -8.7
    through_middle = np.array([1.0, -x.mean()]) / np.hypot(1.0, x.mean())
    assert through_middle @ H @ through_middle < 0.005 * big          # "changes the loss very little"
    assert small * helpers.max_stable_lr(x) < 0.005


def test_03_s6_the_2d_limit_is_a_bit_less_than_the_1d_limit(factory):
    claim("03", "a bit less than the 1-D limit $2/(2\\overline{x^2})$")
    x, _ = factory
    assert 0.98 * max_stable_lr_1d(x) < helpers.max_stable_lr(x) < max_stable_lr_1d(x)


def test_03_s6_the_zigzag_needs_more_steps_than_a_seven_times_smaller_rate(factory):
    claim("03", "The zig-zagging η = 0.014 needs more steps than the seven times smaller η = 0.002")
    x, y = factory
    w_best, b_best = helpers.least_squares(x, y)
    steps = {}
    for lr in (0.002, 0.014):
        run = helpers.gradient_descent(x, y, 0.0, b_best, lr, 1000, fit_b=False)
        steps[lr] = first_within(run.w, w_best, 0.01)
    assert 0.014 / 0.002 == pytest.approx(7) and steps[0.014] > steps[0.002]
    assert step_factor(x, 0.014) < 0 < step_factor(x, 0.002)


def test_03_s7_the_learning_rate_limit_and_the_unit_of_x(factory):
    claim("03", "the smallest loss, 31.49")
    claim("03", "its largest stable η is about 0.000000016")
    claim("03", "after 1,000 steps the loss is still 26 times its minimum")
    claim("03", "$x$ 1,000 times larger (dollars) makes it a million times smaller")
    claim("03", "the bias has its own curvature, $\\partial^2 L/\\partial b^2 = 2$, which caps the limit near $2/2 = 1$ "
                "— with $x / 100$ it is 0.995, only about 64 times the original, not 10,000 times")
    x, y = factory
    for xs in (x, x * 1000, x / 100):
        w, b = helpers.least_squares(xs, y)
        assert round(helpers.mse(y, w * xs + b), 2) == 31.49
    limit = helpers.max_stable_lr
    assert round(limit(x * 1000), 9) == pytest.approx(1.6e-8, abs=1e-9)
    assert 0.97e6 < limit(x) / limit(x * 1000) < 1.03e6
    assert helpers.mse_hessian(x / 100)[1, 1] == 2 and 0.99 < limit(x / 100) < 1.0
    assert round(limit(x / 100) / limit(x)) == 64 and limit(x / 100) / limit(x) < 10_000 / 100
    run = helpers.gradient_descent(x / 100, y, 0.0, 0.0, 0.001, 1000)
    assert round(run.loss[-1] / 31.49) == 26


def test_03_summary_the_limit_is_0_0154_here(factory):
    claim("03", "computed from the data: 0.0154 here")
    x, _ = factory
    assert round(helpers.max_stable_lr(x), 4) == 0.0154


# -- notebook 04 -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def centred():
    d = helpers.factory_sales(n=300, rng=0)
    x = d.x - d.x.mean()
    return x, d.y, helpers.least_squares(x, d.y)


def test_04_s2_updates_per_epoch_for_a_million_examples():
    claim("04", "A batch of 32 makes 31,250 updates per epoch — 1/32 of SGD's million")
    claim("04", "one pass over the data gives SGD 300 updates and batch GD one")
    assert updates_per_epoch(1_000_000, 32) == 31_250 == 1_000_000 // 32
    assert updates_per_epoch(300, 1) == 300 and updates_per_epoch(300, 300) == 1


def test_04_s4_after_5_epochs_batch_gd_is_far_sgd_and_minibatch_close(centred):
    claim("04", "batch GD (5 updates) has covered only a small part of the way to the best line "
                "($w \\approx 8.02$, $b \\approx 89.2$); SGD (1500 updates) and mini-batch GD (50 updates) are much closer")
    x, y, (w_best, b_best) = centred
    assert (round(w_best, 2), round(b_best, 1)) == (8.02, 89.2)
    start = np.hypot(-4 - w_best, 10 - b_best)
    gap = {}
    for batch_size in (300, 1, 32):
        run = minibatch_gd(x, y, -4.0, 10.0, 0.02, batch_size, 5, rng=0)
        gap[batch_size] = np.hypot(run.w[-1] - w_best, run.b[-1] - b_best)
        assert run.num_updates == {300: 5, 1: 1500, 32: 50}[batch_size]
    assert gap[300] > 0.6 * start and gap[1] < 0.25 * gap[300] and gap[32] < 0.25 * gap[300]


def test_04_s6_the_spread_follows_one_over_sqrt_b_and_the_exact_factor(centred):
    claim("04", "The $1/\\sqrt{B}$ law holds well for small batches")
    claim("04", "The exact factor is $\\sqrt{(N - B)/(N - 1)}$")
    x, y, _ = centred
    n, w0, b0 = len(x), -4.0, 10.0
    full = np.array(helpers.mse_gradient(x, y, w0, b0))
    each_dw, each_db = minibatch_gradients(x, y, w0, b0, np.arange(n)[:, None])
    spread_1 = np.sqrt(np.mean((each_dw - full[0]) ** 2 + (each_db - full[1]) ** 2))
    order = np.argsort(np.random.default_rng(0).random((2000, n)), axis=1)
    for batch_size in (1, 4, 16, 64, 256):
        dw, db = minibatch_gradients(x, y, w0, b0, order[:, :batch_size])
        spread = np.sqrt(np.mean((dw - full[0]) ** 2 + (db - full[1]) ** 2))
        law = spread_1 / np.sqrt(batch_size)
        if batch_size <= 16:
            assert spread == pytest.approx(law, rel=0.1)
        assert spread == pytest.approx(law * np.sqrt((n - batch_size) / (n - 1)), rel=0.1)


def test_04_s6_single_runs_can_point_the_wrong_way_batches_of_32_hardly_ever(centred):
    claim("04", "with B = 1 some even point the wrong way in $w$, but with B = 32 nearly all point roughly the right way")
    x, y, _ = centred
    n, w0, b0 = len(x), -4.0, 10.0
    full_dw = helpers.mse_gradient(x, y, w0, b0)[0]
    each_dw, _ = minibatch_gradients(x, y, w0, b0, np.arange(n)[:, None])
    order = np.argsort(np.random.default_rng(0).random((2000, n)), axis=1)[:, :32]
    dw_32, _ = minibatch_gradients(x, y, w0, b0, order)
    assert np.mean(np.sign(each_dw) != np.sign(full_dw)) > 0.1
    assert np.mean(np.sign(dw_32) != np.sign(full_dw)) < 0.05


def test_04_s7_the_broken_run_gradient_is_tens_of_times_longer():
    claim("04", "With B = 1 the broken run gets an update all to itself, tens of times longer than the others")
    d = helpers.factory_sales(n=300, rng=0)
    x = np.append(d.x, 11.5)
    y = np.append(d.y, 5.0)
    x = x - x.mean()
    w, b = helpers.least_squares(x, y)
    dw, db = minibatch_gradients(x, y, w, b, np.arange(301)[:, None])
    length = np.hypot(dw, db)
    assert 10 <= length[300] / np.median(length[:300]) < 100


def test_04_s8_the_jitter_grows_faster_than_the_learning_rate_and_shrinks_faster_than_1_over_b(centred):
    claim("04", "three times the learning rate (0.01 → 0.03) gives five to eight times the jitter")
    claim("04", "eight times the batch (1 → 8) divides it by about twelve")
    claim("04", "Batch GD stays exactly at the minimum (its loss above the minimum is 0)")
    x, y, (w_best, b_best) = centred
    jitter = {}
    for batch_size in (1, 8, 64, 300):
        for lr in (0.01, 0.03):
            runs = [minibatch_gd(x, y, w_best, b_best, lr, batch_size, 40, seed) for seed in range(10)]
            jitter[batch_size, lr] = np.mean([run.above_minimum[run.epochs > 20].mean() for run in runs])
    for batch_size in (1, 8, 64):
        assert 4.5 < jitter[batch_size, 0.03] / jitter[batch_size, 0.01] < 8.5
    for lr in (0.01, 0.03):
        assert 11 < jitter[1, lr] / jitter[8, lr] < 13
        assert jitter[300, lr] == pytest.approx(0, abs=1e-9)


def test_04_s8_a_decaying_learning_rate_settles(centred):
    claim("04", "With a **decaying** learning rate")
    x, y, (w_best, b_best) = centred
    for batch_size in (1, 8):
        constant = [minibatch_gd(x, y, w_best, b_best, 0.03, batch_size, 40, s) for s in range(10)]
        decaying = [minibatch_gd(x, y, w_best, b_best, 0.03, batch_size, 40, s, lr_decay=1.0) for s in range(10)]
        assert np.mean([r.above_minimum[-1] for r in decaying]) < 0.05 * np.mean([r.above_minimum[-1] for r in constant])


def test_04_s8_a_growing_batch_calms_the_jitter_like_a_decaying_rate_with_a_tenth_of_the_updates(centred):
    claim("04", "over epochs 21–40 the decaying rate sits about 90 times below the constant one, "
                "the growing batch about 50 times")
    claim("04", "Against the updates (right) the growing batch gets there with about a tenth of the updates")
    x, y, (w_best, b_best) = centred
    jitter, updates = {}, {}
    for name, schedule in (("constant", {}), ("decaying", {"lr_decay": 1.0}), ("growing", {"batch_growth": 1.0})):
        group = [minibatch_gd(x, y, w_best, b_best, 0.03, 1, 40, seed, **schedule) for seed in range(10)]
        jitter[name] = np.mean([run.epoch_means()[20:].mean() for run in group])
        updates[name] = group[0].num_updates
    assert round(jitter["constant"] / jitter["decaying"], -1) == 90
    assert round(jitter["constant"] / jitter["growing"], -1) == 50
    assert jitter["decaying"] < jitter["growing"]            # "a little higher"
    assert 0.08 < updates["growing"] / updates["decaying"] < 0.13


def test_04_s8_the_budget_exercise_target(centred):
    claim("04", "its caption must show a final loss of at most 43.87, the minimum 33.87 plus 10")
    x, y, (w, b) = centred
    assert round(helpers.mse(y, w * x + b), 2) == 33.87


def test_04_s9_engels_law():
    claim("04", "a household spends about half of each extra franc on food, while food takes almost two thirds "
                "of the average household's income")
    engel = data_module.engel_food()
    income, food = engel.x / 1000, engel.y / 1000
    w, _ = helpers.least_squares(income - income.mean(), food)
    share = food.mean() / income.mean()
    assert 0.45 < w < 0.55 and 0.6 < share < 2 / 3


def test_04_s9_batch_gd_is_far_batch_16_and_decaying_land_on_the_line():
    claim("04", "Batch GD (20 updates in 20 epochs) is still far from the best line")
    claim("04", "A batch of 16, or a decaying learning rate, lands on the least-squares line")
    engel = data_module.engel_food()
    income, food = engel.x / 1000, engel.y / 1000
    x = income - income.mean()
    w, b = helpers.least_squares(x, food)
    gap = lambda run: np.hypot(run.w[-1] - w, run.b[-1] - b) / np.hypot(w, b)  # noqa: E731
    assert gap(minibatch_gd(x, food, 0.0, 0.0, 0.1, engel.n, 20, rng=0)) > 0.2
    assert gap(minibatch_gd(x, food, 0.0, 0.0, 0.1, 16, 20, rng=0)) < 0.02
    assert gap(minibatch_gd(x, food, 0.0, 0.0, 0.1, 1, 20, rng=0, lr_decay=1.0)) < 0.02


# -- README and the notebooks agree --------------------------------------------------------------

def test_readme_times_are_the_notebooks_times():
    readme = (ROOT / "README.md").read_text()
    total = 0
    for number, path in sorted(NOTEBOOKS.items()):
        minutes = int(re.search(r"About (\d+) minutes", prose(number)).group(1))
        row = re.search(rf"^\| {number} \| \[[^\]]+\]\([^)]+\) \| (\d+) min \|", readme, re.M)
        assert row and int(row.group(1)) == minutes, f"README's time for notebook {number} is not {minutes} min"
        total += minutes
    assert 165 <= total < 180, f"{total} minutes in all: README says 'a little under three hours'"
    assert "a little under three hours in all" in readme


def test_korean_readme_times_are_the_korean_notebooks_times():
    readme = (ROOT / "README.ko.md").read_text()
    total = 0
    for path in sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        minutes = int(re.search(r"약 (\d+)분이 걸립니다", text).group(1))
        row = re.search(rf"^\| {path.name[:2]} \| \[[^\]]+\]\([^)]+\) \| (\d+)분 \|", readme, re.M)
        assert row and int(row.group(1)) == minutes, f"README.ko.md's time for notebook {path.name[:2]}"
        total += minutes
    assert 165 <= total < 180 and "세 시간이 조금 안 됩니다" in readme
