"""The instructor guide (INSTRUCTOR.md) covers every notebook and stays true: its sections and
minutes match the notebooks, every "Predict first" prompt and every exercise has its answer
there, its numbers are re-computed here, and its run-all times are the measured ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import first_within, minibatch_gd, step_factor, updates_per_epoch

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "INSTRUCTOR.md").read_text()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def markdown(path: Path) -> str:
    return "\n".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "markdown")


def part(path: Path) -> str:
    """The guide's part for one notebook: from its '## NN · ' heading to the next '## '."""
    match = re.search(rf"^## {path.name[:2]} · .*?(?=^## )", GUIDE, flags=re.M | re.S)
    assert match, f"INSTRUCTOR.md has no part '## {path.name[:2]} · …'"
    return match.group(0)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_sections_and_minutes_match_the_notebook(path):
    sections = re.findall(r"^## (\d+)\. (.+)$", markdown(path), flags=re.M)
    rows = re.findall(r"^\| (\d+)\. (.+?) \| (\d+) \|$", part(path), flags=re.M)
    assert [n for n, _ in sections] == [n for n, _, _ in rows], "the guide's sections are not the notebook's"
    for (_, title), (_, row, _) in zip(sections, rows):
        plain = lambda s: re.sub(r"[$*`]", "", s)  # noqa: E731
        assert plain(row).startswith(plain(title)), (title, row)
    stated = int(re.search(r"About (\d+) minutes", markdown(path)).group(1))
    assert sum(int(m) for _, _, m in rows) == stated


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_exercise_and_prompt_has_its_answer(path):
    code = "\n".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "code")
    exercises = re.search(r"from helpers\.checks\.nb\d\d import ([\w, ]+)", code).group(1).split(", ")
    answers = re.search(r"\*\*Exercises\.\*\*\n(.*?)(?=\n\n[^ \d]|\Z)", part(path), flags=re.S).group(1)
    numbered = re.findall(r"^(\d+)\. ", answers, flags=re.M)
    assert numbered == [str(i) for i in range(1, len(exercises) + 1)], "one answer per exercise, in order"
    prompts = len(re.findall(r"\*\*Predict first", markdown(path)))
    assert len(re.findall(r"\*\*Predict first \(§\d+\), answers\.\*\*", part(path))) == prompts


def test_the_paths_take_50_and_90_minutes():
    for minutes in (50, 90):
        table = re.search(rf"\*\*{minutes} minutes\*\*.*?\n\n(\|.*?)\n\n", GUIDE, flags=re.S).group(1)
        assert sum(int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)) == minutes


@pytest.mark.parametrize("guide, key", [("INSTRUCTOR.md", "median_seconds"),
                                        ("INSTRUCTOR.ko.md", "median_seconds_ko")])
def test_the_run_all_times_are_the_measured_ones(guide, key):
    """Each guide quotes its own notebooks' run-all times (the Korean guide the Korean
    notebooks'), as `python benchmarks/run_all.py --guide` measured them."""
    measured = json.loads((ROOT / "benchmarks" / "run_all.json").read_text())[key]
    quoted = dict(re.findall(r"^  \| (\d\d) \| ([\d.]+) s \|$", (ROOT / guide).read_text(), flags=re.M))
    assert quoted == {name[:2]: f"{seconds:.1f}" for name, seconds in measured.items()}
    assert set(quoted) == {p.name[:2] for p in NOTEBOOKS}


# -- the guide's numbers ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def factory():
    d = helpers.factory_sales(n=30, rng=0)
    return d.x, d.y


def say(text: str) -> None:
    squash = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    assert squash(text) in squash(GUIDE), f"the guide no longer says: {text!r}"


def test_01_tiny_and_huge_sigma(factory):
    say("every MSE sits near $\\overline{y^2}$ (about 8,860)")
    say("The best of 40 draws at σ = 100 still has an MSE of about 360 — more than eleven times that of the best line (31.5)")
    x, y = factory
    assert round(np.mean(y**2), -1) == 8860
    draws = helpers.init_weights((40, 2), 100.0, 0)          # the figure's draws at seed 0
    best = min(helpers.mse(y, w * x + b) for w, b in draws)
    w, b = helpers.least_squares(x, y)
    assert round(best, -1) == 360 and best / helpers.mse(y, w * x + b) > 11


def test_02_the_outlier_tilts_the_mse_line_only(factory):
    say("(slope 12.7 instead of 8.1), the best MAE line does not move (8.15)")
    x, y = factory
    bad = y.copy()
    bad[-1] += 300
    assert round(helpers.least_squares(x, bad)[0], 1) == 12.7 and round(helpers.least_squares(x, y)[0], 1) == 8.1
    assert round(helpers.model.least_absolute_deviations(x, bad)[0], 2) == 8.15


def test_03_learning_rate_answers(factory):
    say("$w$ reaches 7.57 of $w^* = 8.09$; it needs 49 steps to get within 0.01")
    say("η = 1/L'' = 0.00782")
    say("(0.04) is past the limit 0.0156")
    say("1,024 to get within 0.01 of the lowest loss at η = 0.015; 1,537 at η = 0.01")
    say("η = 0.014 needs 29 steps, η = 0.002 only 23")
    say("ρ = 1 − 0.014 · 127.93 = −0.791")
    x, y = factory
    w_best, b_best = helpers.least_squares(x, y)
    run = helpers.gradient_descent(x, y, 0.0, b_best, 0.001, 1000, fit_b=False)
    assert round(run.w[20], 2) == 7.57 and first_within(run.w, w_best, 0.01) == 49
    assert round(1 / (2 * np.mean(x**2)), 5) == 0.00782 and round(2 * np.mean(x**2), 2) == 127.93
    assert round(helpers.max_stable_lr_1d(x), 4) == 0.0156 < 0.04
    assert round(step_factor(x, 0.014), 3) == -0.791
    lowest = helpers.mse(y, w_best * x + b_best)
    for lr, steps in ((0.015, 1024), (0.01, 1537)):
        excess = helpers.gradient_descent(x, y, 0.0, 0.0, lr, 3000).loss - lowest
        assert int(np.argmax(excess < 0.01)) == steps
    for lr, steps in ((0.014, 29), (0.002, 23)):
        run = helpers.gradient_descent(x, y, 0.0, b_best, lr, 1000, fit_b=False)
        assert first_within(run.w, w_best, 0.01) == steps


def test_04_updates_and_divergence():
    say("(10 updates against 380)")
    say("from about 0.08 against about 0.2")
    assert 10 * updates_per_epoch(300, 8) == 380
    d = helpers.factory_sales(n=300, rng=0)
    x, y = d.x - d.x.mean(), d.y
    first = {}
    for batch_size in (1, 300):
        for lr in np.geomspace(0.05, 0.3, 60):
            if minibatch_gd(x, y, -4.0, 10.0, lr, batch_size, 10, 0).diverged:
                first[batch_size] = lr
                break
    assert 0.07 < first[1] < 0.09 and 0.18 < first[300] < 0.22


def test_05_scaling_and_momentum(factory):
    say("the largest stable η is 0.0154, and plain descent at its best η needs 1,446 steps")
    say("$2/\\lambda_{\\max}$: 0.0154 on $x$, 1 on $z$ — 65 times larger")
    say("(η = 0.0281, β = 0.822)")
    say("η = 0.0279 and β = 0.823: rate 0.9072 per step, the theory's best 0.9068, against plain descent's 0.9952")
    say("from about 268 above its minimum to below $10^{-6}$ in 153 steps")
    say("back to the units of x: the least-squares line, w = 8.089, b = 31.00")
    x, y = factory
    z, mean, std = helpers.standardize(x)
    lam_min, lam_max = helpers.hessian_eigenvalues(x)
    assert round(helpers.condition_number(x)) == 418 and helpers.condition_number(z) == pytest.approx(1.0)
    assert round(helpers.max_stable_lr(x), 4) == 0.0154 and helpers.max_stable_lr(z) == pytest.approx(1.0)
    assert round(helpers.max_stable_lr(z) / helpers.max_stable_lr(x)) == 65
    lr_plain, rate_plain = helpers.best_plain(lam_min, lam_max)
    assert int(np.ceil(np.log(1e-3) / np.log(rate_plain))) == 1446 and round(rate_plain, 4) == 0.9952
    lr_best, beta_best, rate_best = helpers.best_momentum(lam_min, lam_max)
    assert (round(lr_best, 4), round(beta_best, 3), round(rate_best, 4)) == (0.0281, 0.822, 0.9068)
    loss = helpers.QuadraticLoss(x, y)
    run = helpers.mse_momentum(x, y, 13.0, 0.0, lr_best, beta_best, 300)
    above = loss.above_minimum(run.params[:, 0], run.params[:, 1])
    assert round(above[0]) == 268 and int(np.argmax(above < 1e-6)) == 153
    w, b = helpers.to_original_units(*helpers.least_squares(z, y), mean, std)
    assert (round(w, 3), round(b, 2)) == (8.089, 31.00)


def test_05_bumpy_valleys():
    say("the second from the left (bottom −0.496, loss −0.935) is the lowest")
    say("the bottom of its own valley, 1.487")
    say("over the bump at 0.554 into the lowest valley")
    assert np.round(helpers.BUMPY_MINIMA, 3).tolist()[1:3] == [-0.496, 1.487]
    assert round(float(helpers.bumpy_loss(helpers.BUMPY_MINIMA[1])), 3) == -0.935
    assert int(np.argmin(helpers.bumpy_loss(helpers.BUMPY_MINIMA))) == 1
    assert round(float(helpers.BUMPY_MAXIMA[2]), 3) == 0.554
    ends = {(w0, lr, beta): helpers.valley_of(helpers.bumpy_descent(w0, lr, beta, 80).params[-1, 0])
            for w0, lr, beta in ((2.6, 0.05, 0.0), (2.6, 0.05, 0.9), (-3.5, 0.2, 0.0), (-3.5, 0.2, 0.5),
                                 (-3.5, 0.2, 0.8))}
    assert list(ends.values()) == [2, 1, 0, 1, 2]


def test_05_loss_curves_and_exercise_3(factory):
    say("the run blows up from about η = 0.9")
    say("38 updates, the lowest loss at η = 0.496, so the suggested η is 0.0496")
    say("(0.025, 0.85) (0.00006 above the minimum after 100 steps), (0.028, 0.82) or (0.02, 0.85)")
    say("at (0.0281, 0.82) the loss grows with every step (past the red line on the map), and the exact "
        "best pair (0.02805, 0.8223) just misses (0.013 above)")
    from helpers.checks import nb05
    engel = helpers.engel_food()
    income, food = engel.x / 1000, engel.y / 1000
    train, val = helpers.train_val_split(engel.n, 0.2, rng=0)
    z, mean, std = helpers.standardize(income[train])
    args = (z, food[train], (income[val] - mean) / std, food[val])
    first = next(lr for lr in np.geomspace(0.5, 2.0, 200)
                 if helpers.training_curves(*args, lr, 4, 30, 0).diverged)
    assert 0.85 < first < 0.95
    test = helpers.lr_range_test(z, food[train], 1e-4, 10.0, 4, 0)
    assert len(test.lrs) == 38 and round(test.suggestion(), 4) == 0.0496
    assert round(float(test.lrs[np.argmin(test.loss)]), 3) == 0.496
    x, y = factory
    loss = helpers.QuadraticLoss(x, y)
    above = lambda lr, beta: float(loss.above_minimum(*nb05.ex3_run(lr, beta).params[-1]))  # noqa: E731
    assert round(above(0.025, 0.85), 5) == 0.00006
    assert above(0.028, 0.82) <= nb05.TARGET and above(0.02, 0.85) <= nb05.TARGET
    assert above(0.0154, 0.0) > 100 and above(0.0281, 0.82) > 1e4
    assert helpers.beyond.convergence_rate(0.0281, 0.82, *helpers.hessian_eigenvalues(x)) > 1
    lr_best, beta_best, _ = helpers.best_momentum(*helpers.hessian_eigenvalues(x))
    assert (round(lr_best, 5), round(beta_best, 4)) == (0.02805, 0.8223)
    assert round(above(lr_best, beta_best), 3) == 0.013 > nb05.TARGET
    for answer in ((0.025, 0.85), (0.028, 0.82), (0.02, 0.85)):
        assert nb05.ex3.verdict(answer).correct
