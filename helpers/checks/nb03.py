"""Exercises of notebook 03 (gradient descent).

* ``ex1``: write the gradient of the MSE for ``(w, b)``; checked against finite differences;
* ``ex2``: write the gradient-descent loop; checked against :func:`helpers.gradient_descent`;
* ``ex3``: find the largest learning rate that still converges on the factory data;
* ``ex4``: predict how many steps a learning rate needs to reach the bottom.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from ..data import factory_sales
from ..exercises import Exercise, Wrong, _short, as_number, as_numbers, call
from ..model import (least_squares, max_stable_lr, max_stable_lr_1d, mse, mse_gradient, numerical_gradient,
                     step_factor)
from ..optim import first_within, gradient_descent

# Tiny examples, small enough to check by hand: (x, y, w, b).
_GRAD_CASES = [
    (np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 5.0]), 0.5, -1.0),
    (np.array([-1.0, 0.5]), np.array([3.0, -2.0]), 2.0, 0.3),
    (np.array([0.0, 1.0, 4.0, 9.0]), np.array([1.0, 3.0, 9.0, 19.0]), 2.0, 1.0),  # the exact fit
]


def _finite_difference(x: np.ndarray, y: np.ndarray, w: float, b: float) -> np.ndarray:
    """The gradient of the MSE at ``(w, b)`` estimated by central finite differences, (2,)."""
    return numerical_gradient(lambda p: mse(y, p[0] * x + p[1]), np.array([w, b]))


def _unchanged(shown: str, **arrays: tuple[np.ndarray, np.ndarray]) -> None:
    for name, (before, after) in arrays.items():
        if not np.array_equal(before, after):
            raise Wrong(f"Your function changed `{name}`, the array it was given (in {shown} it "
                        f"became {_short(after)}). Compute into new arrays, e.g. "
                        "`r = w * x + b - y`, instead of changing it in place (`-=`, `*=`).")


# Per-entry slips: (which entry, formula of the residuals r, x and n, what to say).
_ENTRY_SLIPS = [
    (0, lambda r, x: np.mean(r * x), "is half of what it should be: the derivative of (…)² is 2·(…), "
                                    "so dw = 2 · mean(r · x)."),
    (0, lambda r, x: -2 * np.mean(r * x), "has the wrong sign: with r = w·x + b − y (prediction minus "
                                         "target), dw = 2 · mean(r · x)."),
    (0, lambda r, x: 2 * np.sum(r * x), "is n times too large: the MSE is a mean, so its gradient "
                                       "averages over the examples (np.mean, not np.sum)."),
    (0, lambda r, x: 2 * np.mean(r), "is missing the factor x: w multiplies x in the prediction, so "
                                    "dw = 2 · mean(r · x)."),
    (0, lambda r, x: 2 * np.mean(r) * np.mean(x), "multiplies mean(r) by mean(x); the mean of a "
                                                  "product is not the product of the means: "
                                                  "2 · mean(r · x)."),
    (0, lambda r, x: 2 * np.mean(r * x**2), "has x twice: dw = 2 · mean(r · x)."),
    (1, lambda r, x: np.mean(r), "is half of what it should be: the derivative of (…)² is 2·(…), "
                                "so db = 2 · mean(r)."),
    (1, lambda r, x: -2 * np.mean(r), "has the wrong sign: with r = w·x + b − y (prediction minus "
                                     "target), db = 2 · mean(r)."),
    (1, lambda r, x: 2 * np.sum(r), "is n times too large: the MSE is a mean, so its gradient "
                                   "averages over the examples (np.mean, not np.sum)."),
    (1, lambda r, x: 2 * np.mean(r * x), "has a factor x it should not have: b is added, not "
                                        "multiplied by x, so db = 2 · mean(r)."),
]

_PAIR_SLIPS = [
    (lambda g: g[::-1], "The two numbers are in the wrong order: return (dw, db), the weight's "
                        "derivative first."),
    (lambda g: g / 2, "Both numbers are half of what they should be: the derivative of (…)² is "
                      "2·(…)."),
    (lambda g: -g, "Both signs are flipped: with r = w·x + b − y (prediction minus target), "
                   "dw = 2 · mean(r · x) and db = 2 · mean(r)."),
]


def _gradient_cases(fn: Any) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    out = []
    for x, y, w, b in _GRAD_CASES:
        shown = f"mse_gradient(x={x.tolist()}, y={y.tolist()}, w={w}, b={b})"
        x_in, y_in = x.copy(), y.copy()
        got = call(fn, x_in, y_in, w, b, shown=shown)
        _unchanged(shown, x=(x, x_in), y=(y, y_in))
        got = as_numbers(got, ("dw", "db"), shown)
        out.append((shown, got, _finite_difference(x, y, w, b), w * x + b - y, x))
    return out


def _close(a: Any, b: Any) -> bool:
    return bool(np.allclose(a, b, rtol=1e-5, atol=1e-6))


def _check_gradient(fn: Any) -> str:
    cases = _gradient_cases(fn)
    if all(_close(got, expected) for _, got, expected, _, _ in cases):
        return ("Your gradient matches the finite-difference estimate on three tiny data sets "
                "(the last one is an exact fit, where both derivatives are 0).")
    for slip, message in _PAIR_SLIPS:
        if all(_close(got, slip(expected)) for _, got, expected, _, _ in cases):
            raise Wrong(message)
    if all(_close(got, len(x) * expected) for _, got, expected, _, x in cases):
        raise Wrong("Both numbers are n times too large (n = the number of examples): the MSE is "
                    "a mean, so its gradient averages over the examples (np.mean, not np.sum).")
    shown, got, expected, _, _ = next(c for c in cases if not _close(c[1], c[2]))
    names = ("dw", "db")
    wrong = [k for k in (0, 1) if not _close(got[k], expected[k])]
    notes = []
    for k in wrong:
        cause = next((message for entry, formula, message in _ENTRY_SLIPS if entry == k and all(
            _close(g[k], formula(r, x)) for _, g, _, r, x in cases)), "")
        notes.append(f"{names[k]} should be ≈ {expected[k]:.6g}; got {got[k]:.6g}"
                     + (f": it {cause}" if cause else "."))
    right = [names[k] for k in (0, 1) if k not in wrong]
    head = f"{right[0]} is right, but on {shown}" if right else f"Both numbers are off on {shown}"
    return_msg = f"{head}: " + " ".join(notes)
    raise Wrong(return_msg + ("" if all("it " in n for n in notes) else
                              " With r = w·x + b − y: dw = 2 · mean(r · x), db = 2 · mean(r)."))


ex1 = Exercise(
    "ex1",
    _check_gradient,
    hint=("Write the residuals first, one per example: r = w*x + b - y (prediction minus target). "
          "Both derivatives are means of something built from r.",
          "The chain rule on mean(r²): the derivative of r² is 2·r times the derivative of r "
          "itself. What is the derivative of r = w·x + b − y with respect to w? With respect to b?",
          "dr/dw = x and dr/db = 1. So dL/dw is the mean of 2·r·x and dL/db the mean of 2·r; "
          "return the two numbers as a tuple, dw first."),
    solution="def mse_gradient(x, y, w, b):\n"
             "    r = w * x + b - y                # residuals, shape (n,)\n"
             "    return 2 * np.mean(r * x), 2 * np.mean(r)",
    answer=lambda x, y, w, b: (2 * np.mean((w * x + b - y) * x), 2 * np.mean(w * x + b - y)),
)


# --------------------------------------------------------------------------------------------

_LOOP_CASES = [
    # x, y, w0, b0, lr, num_steps
    (np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 5.0]), 0.0, 0.0, 0.05, 1),
    (np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 5.0]), 0.0, 0.0, 0.05, 3),
    (np.array([-1.0, 0.5, 2.0]), np.array([3.0, -2.0, 1.0]), 1.0, 2.0, 0.1, 25),
    (np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 5.0]), 0.7, -0.4, 0.05, 0),
]


def _simulate(x: np.ndarray, y: np.ndarray, w: float, b: float, lr: float, num_steps: int,
              slip: str = "") -> tuple[float, float]:
    """The loop as written with a classic slip (or none)."""
    scale = {"no_two": 0.5, "sum": len(x)}.get(slip, 1.0)
    sign = -1.0 if slip == "uphill" else 1.0
    step = 1.0 if slip == "no_lr" else lr
    w0, b0 = w, b
    with np.errstate(all="ignore"):
        for _ in range(num_steps):
            dw = scale * 2 * np.mean((w * x + b - y) * x)
            if slip == "sequential":
                w = w - step * dw
                db = 2 * np.mean(w * x + b - y)
                b = b - step * db
                continue
            if slip == "start_gradient":
                dw = 2 * np.mean((w0 * x + b0 - y) * x)
                db = 2 * np.mean(w0 * x + b0 - y)
            else:
                db = scale * 2 * np.mean(w * x + b - y)
            w, b = w - sign * step * dw, (b if slip == "only_w" else b - sign * step * db)
    if slip == "gradient":
        return 2 * np.mean((w * x + b - y) * x), 2 * np.mean(w * x + b - y)
    return (b, w) if slip == "swapped" else (w, b)


_LOOP_SLIPS = [
    ("swapped", "The two numbers are in the wrong order: return (w, b), the weight first."),
    ("sequential", "b's gradient used the new w: compute both gradients at the same (w, b) "
                   "first, then update both."),
    ("uphill", "The weights went uphill: the update is w ← w − lr·dw, with a minus sign."),
    ("no_lr", "The steps are missing the learning rate: w ← w − lr·dw, not w − dw."),
    ("no_two", "The steps are half as long as they should be: the gradient is 2 · mean(r · x) "
               "and 2 · mean(r), with the factor 2 (helpers.mse_gradient computes it for you)."),
    ("sum", "The steps are n times too long: the gradient of the MSE uses means (np.mean), "
            "not sums."),
    ("only_w", "Only w moved: update b in the same step, b ← b − lr·db."),
    ("start_gradient", "Every step used the gradient at the start: compute (dw, db) again "
                       "inside the loop, at the current (w, b)."),
    ("gradient", "That looks like the gradient (dw, db) at the end, not the weights: return "
                 "the final (w, b)."),
]


def _check_loop(fn: Any) -> str:
    for x, y, w0, b0, lr, num_steps in _LOOP_CASES:
        shown = f"descend(x={x.tolist()}, y={y.tolist()}, w0={w0}, b0={b0}, lr={lr}, num_steps={num_steps})"
        x_in, y_in = x.copy(), y.copy()
        got = call(fn, x_in, y_in, w0, b0, lr, num_steps, shown=shown)
        _unchanged(shown, x=(x, x_in), y=(y, y_in))
        got = as_numbers(got, ("w", "b"), shown)
        expected = _simulate(x, y, w0, b0, lr, num_steps)
        if np.allclose(got, expected, rtol=1e-7, atol=1e-9):
            continue
        if num_steps == 0:
            raise Wrong(f"{shown} should return the start ({w0}, {b0}): zero steps change nothing. "
                        "Start from w0 and b0 and loop `for _ in range(num_steps):`.")
        if np.allclose(got, _simulate(x, y, 0.0, 0.0, lr, num_steps), rtol=1e-7, atol=1e-9):
            raise Wrong(f"{shown} started from (0, 0) instead of the start it was given: begin "
                        "with w, b = w0, b0.")
        first = _simulate(x, y, w0, b0, lr, 1)
        if num_steps == 1 and np.allclose(got, (w0, first[0]), rtol=1e-7, atol=1e-9):
            raise Wrong(f"{shown} returned {_short(tuple(got))}: the start w0 and the w after the "
                        "step, a history of w. Return only the final (w, b).")
        if np.allclose(got, (w0, b0), rtol=1e-7, atol=1e-9):
            raise Wrong(f"{shown} returned the start ({w0}, {b0}) unchanged: it took 0 steps "
                        f"instead of {num_steps}. Update w and b inside the loop "
                        "(w = w - lr * dw), `for _ in range(num_steps):`, and return the updated "
                        "values.")
        if num_steps > 1 and np.allclose(got, _simulate(x, y, w0, b0, lr, 1), rtol=1e-7, atol=1e-9):
            raise Wrong(f"{shown} took only 1 step instead of {num_steps}: is your `return` "
                        "indented inside the loop? It belongs after it.")
        for k in (num_steps - 1, num_steps + 1):
            if np.allclose(got, _simulate(x, y, w0, b0, lr, k), rtol=1e-7, atol=1e-9):
                raise Wrong(f"{shown} took {k} steps instead of {num_steps}: loop exactly "
                            "num_steps times, `for _ in range(num_steps):`.")
        for slip, message in _LOOP_SLIPS:
            if np.allclose(got, _simulate(x, y, w0, b0, lr, num_steps, slip), rtol=1e-7, atol=1e-9):
                raise Wrong(message)
        raise Wrong(f"{shown} should return (w, b) ≈ ({expected[0]:.6g}, {expected[1]:.6g}); "
                    f"got ({got[0]:.6g}, {got[1]:.6g}). Each step: (dw, db) at the current (w, b), "
                    "then w = w - lr * dw and b = b - lr * db.")
    return "Your loop takes the same steps as the course's gradient_descent, to the last digit."


def _descend_reference(x: Any, y: Any, w0: float, b0: float, lr: float,
                       num_steps: int) -> tuple[float, float]:
    """The solution below, written out: the plain loop over :func:`helpers.mse_gradient` (from
    the residuals), independent of :func:`helpers.gradient_descent` (from the data's moments),
    which the checker compares with."""
    w, b = w0, b0
    for _ in range(num_steps):
        dw, db = mse_gradient(x, y, w, b)
        w, b = w - lr * dw, b - lr * db
    return w, b


ex2 = Exercise(
    "ex2",
    _check_loop,
    hint=("Start from the point (w0, b0). The loop repeats one step num_steps times; what does one "
          "step do?",
          "One step: compute (dw, db) at the current (w, b), e.g. with helpers.mse_gradient(x, y, w, b); "
          "then move both weights against it, by lr times the gradient.",
          "Loop num_steps times (range(num_steps)). In each pass: first both derivatives at the "
          "current (w, b), then w = w - lr * dw and b = b - lr * db. Return the two weights after "
          "the loop, not inside it."),
    solution="def descend(x, y, w0, b0, lr, num_steps):\n"
             "    w, b = w0, b0\n"
             "    for _ in range(num_steps):\n"
             "        dw, db = helpers.mse_gradient(x, y, w, b)   # both at the current (w, b)\n"
             "        w, b = w - lr * dw, b - lr * db\n"
             "    return w, b",
    answer=_descend_reference,
)


# --------------------------------------------------------------------------------------------

LR_TOLERANCE = 0.05
"""Exercise 3 accepts learning rates within 5% of the true largest stable one."""


def _wrong(message: str) -> Wrong:
    """A :class:`Wrong` whose negative numbers have a true minus sign."""
    return Wrong(re.sub(r"-(?=\d)", "−", message))


def _check_largest_lr(answer: Any) -> str:
    x = factory_sales(n=30, rng=0).x
    bound = max_stable_lr(x)           # 2 / the largest curvature
    curvature = 2.0 / bound
    lr = as_number(answer, "Your answer", returned=False)
    if not math.isfinite(lr) or lr <= 0:
        raise _wrong(f"A learning rate is a positive number; got {_short(answer)}.")
    across = 1.0 - lr * curvature
    if abs(lr - curvature) / curvature < 0.02:
        raise _wrong(f"{lr:.4g} is the curvature across the valley (the Hessian's largest "
                    "eigenvalue), not a learning rate. The limit is 2 divided by it.")
    if lr >= bound:
        how = ("slowly: just past the limit the zig-zag grows only a little each step, so it "
               "takes many steps to see" if across > -1.1 else "the zig-zag grows every step")
        raise _wrong(f"At η = {lr:.4g} gradient descent diverges ({how}): each step multiplies the "
                    f"distance across the valley by {across:.3f}, and that is beyond −1. A stable "
                    "rate keeps this factor between −1 and 1. Go a little lower.")
    if abs(lr * curvature - 1) < 0.02:
        raise _wrong(f"η = {lr:.4g} converges: it crosses the valley in one step. But twice that "
                    "still converges (zig-zagging): go higher.")
    if lr < bound * (1 - LR_TOLERANCE):
        raise _wrong(f"η = {lr:.4g} converges, but larger learning rates still do too (yours is "
                    f"{lr / bound:.0%} of the largest). Go higher, in small steps, until the runs "
                    "diverge; then back off a notch.")
    return str(_wrong(f"The largest stable learning rate is {bound:.5f}; your {lr:.4g} is below "
                      f"it and within {LR_TOLERANCE:.0%} of it: each step multiplies the distance "
                      f"across the valley by {across:.3f}, just inside −1."))


ex3 = Exercise(
    "ex3",
    _check_largest_lr,
    hint=("A run can hide the answer (just above the limit it diverges only slowly), so reason "
          "from the step factor: across the valley each step multiplies the distance to the "
          "minimum by 1 − 129.6·η. For which η does that factor stay between −1 and 1?",
          "The factor reaches −1 first, as η grows: solve 1 − 129.6·η = −1 for η. That η is the "
          "limit itself.",
          "η = 2 / 129.6. Answer a value just below it (at the limit itself the zig-zag neither "
          "grows nor shrinks), and check it in the 2-D figure."),
    solution="About 0.0154. The next cells show where the number comes from: 2 / (the largest "
             "eigenvalue of the Hessian) = helpers.max_stable_lr(data.x) = 0.01543.",
    answer=0.0154,
)


# --------------------------------------------------------------------------------------------

STEPS_LR = 0.014
STEPS_TOL = 0.01
STEPS_SLACK = 1
"""Exercise 4 accepts a count within one step of the real one."""


def true_step_count(x: Any, y: Any, lr: float = STEPS_LR, w0: float = 0.0,
                    tol: float = STEPS_TOL) -> int:
    """How many steps gradient descent in ``w`` (``b`` held at its best value) takes from ``w0``
    to get within ``tol`` of the best ``w``: the answer to exercise 4. Notebook 03."""
    w_star, b_star = least_squares(x, y)
    run = gradient_descent(x, y, w0, b_star, lr, 100_000, fit_b=False)
    k = first_within(run.w, w_star, tol)
    if k is None:
        raise ValueError(f"with lr={lr} the run never gets within {tol} of the bottom")
    return k


def _check_step_count(answer: Any) -> str:
    data = factory_sales(n=30, rng=0)
    real = true_step_count(data.x, data.y)
    guess = as_number(answer, "Your answer", returned=False)
    rho = step_factor(data.x, STEPS_LR)
    if math.isnan(guess):
        raise _wrong("Your answer is nan (not a number). np.log gives nan for a negative number, "
                    f"and ρ = {rho:.3f} is negative here (the steps zig-zag): take the log of its "
                    "size, np.log(abs(rho)).")
    if math.isinf(guess):
        raise _wrong("Your answer is infinite: a division by log(1) = 0, or the log of 0? "
                    "Use k = log(0.01 / |w0 − w*|) / log|ρ|.")
    if guess < 0:
        raise _wrong(f"A number of steps cannot be negative ({guess:g}). Check the fraction inside "
                    "the log: 0.01 / |w0 − w*| is below 1, so its log is negative, like log|ρ|, and "
                    "their ratio is positive.")
    if guess != round(guess):
        direction = "up (np.ceil)" if guess < real else "to a whole number"
        raise _wrong(f"{guess:g} is not a whole number of steps. Round k {direction}: after k steps "
                    "the distance must already be within 0.01.")
    if abs(guess - real) > STEPS_SLACK:
        direction = "fewer" if guess > real else "more"
        raise _wrong(f"It takes {direction} steps than {guess:g}. Each step multiplies the distance "
                    f"to the bottom by ρ = {rho:.3f}, so after k steps it is |ρ|^k times the start, "
                    f"|0 − w*|; find the first k where that is at most {STEPS_TOL}.")
    return (f"The run needs {real} steps (you said {guess:g}). With |ρ| = {abs(rho):.3f} per step, "
            f"{abs(rho):.3f}^{real} × {abs(least_squares(data.x, data.y)[0]):.2f} ≤ {STEPS_TOL}. Note that "
            f"η = 0.002, seven times smaller, needs fewer steps, and η = 1/L'' = "
            f"{max_stable_lr_1d(data.x) / 2:.4f} lands on the bottom in one: bigger is not always faster.")


ex4 = Exercise(
    "ex4",
    _check_step_count,
    hint=("Each step multiplies the distance to the bottom, w − w*, by the same factor ρ (rho). After "
          "k steps, how far from the bottom are you?",
          "Here ρ = 1 − η·2·mean(x²) (helpers.step_factor gives it); it is negative, so the "
          "steps zig-zag, and only its size |ρ| matters. After k steps: |ρ|^k · |w0 − w*|.",
          "Find the smallest k with |ρ|^k · |w0 − w*| ≤ 0.01: take logs of both sides (careful: "
          "log|ρ| is negative, which flips the inequality) and round k up. w* comes from "
          "helpers.least_squares(data.x, data.y)."),
    solution="rho = helpers.step_factor(data.x, 0.014)                   # −0.791\n"
             "w_star, b_star = helpers.least_squares(data.x, data.y)\n"
             "k = np.ceil(np.log(0.01 / abs(0 - w_star)) / np.log(abs(rho)))  # 29 steps",
    answer=29,
)
