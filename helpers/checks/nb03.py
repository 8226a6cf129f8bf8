"""Exercises of notebook 03 (gradient descent).

* ``ex1``: write the gradient of the MSE for ``(w, b)``; checked against finite differences;
* ``ex2``: write the gradient-descent loop; checked against :func:`helpers.gradient_descent`;
* ``ex3``: find the largest learning rate that still converges on the factory data;
* ``ex4``: predict how many steps a learning rate needs to reach the bottom.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..data import factory_sales
from ..exercises import Exercise, Wrong, call
from ..model import (least_squares, max_stable_lr, max_stable_lr_1d, mse, mse_gradient,
                     numerical_gradient, step_factor)
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


def _two_numbers(got: Any, shown: str) -> np.ndarray:
    try:
        arr = np.asarray(got, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise Wrong(f"{shown} should return two numbers, (dw, db); got {got!r}.") from None
    if arr.shape != (2,):
        raise Wrong(f"{shown} should return two numbers, (dw, db); got {arr.size} number(s).")
    if not np.all(np.isfinite(arr)):
        raise Wrong(f"{shown} returned {arr}: it should be finite numbers.")
    return arr


def _diagnose_gradient(got: np.ndarray, expected: np.ndarray, n: int, shown: str) -> None:
    """Raise :class:`Wrong` with the most likely cause of a wrong gradient."""
    if np.allclose(got, expected, rtol=1e-5, atol=1e-6):
        return
    causes = [
        (expected[::-1], "The numbers are in the wrong order: return (dw, db), the weight first."),
        (expected / 2, "Each entry is half of what it should be: the derivative of (…)² is 2·(…)."),
        (-expected, "The signs are flipped: with r = w·x + b − y (prediction minus target), "
                    "dL/dw = 2·mean(r·x)."),
        (expected * n, f"Each entry is {n} times too large: the MSE is a mean, so its gradient "
                       "averages over the examples (np.mean, not np.sum)."),
    ]
    for candidate, message in causes:
        if np.allclose(got, candidate, rtol=1e-5, atol=1e-6):
            raise Wrong(message)
    raise Wrong(f"{shown} should be ≈ ({expected[0]:.6g}, {expected[1]:.6g}) (finite differences); "
                f"got ({got[0]:.6g}, {got[1]:.6g}).")


def _check_gradient(fn: Any) -> str:
    for x, y, w, b in _GRAD_CASES:
        shown = f"mse_gradient(x={x.tolist()}, y={y.tolist()}, w={w}, b={b})"
        got = _two_numbers(call(fn, x.copy(), y.copy(), w, b, shown=shown), shown)
        _diagnose_gradient(got, _finite_difference(x, y, w, b), len(x), shown)
    return ("Your gradient matches the finite-difference estimate on three tiny data sets "
            "(the last one is an exact fit, where both derivatives are 0).")


ex1 = Exercise(
    "ex1",
    _check_gradient,
    hint="With r = w*x + b - y (one residual per example): dL/dw = 2 * mean(r * x) and "
         "dL/db = 2 * mean(r). Return them as a tuple (dw, db).",
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


def _sequential(x: np.ndarray, y: np.ndarray, w: float, b: float, lr: float,
                num_steps: int) -> tuple[float, float]:
    """A common slip: b's gradient computed with the already-updated w."""
    for _ in range(num_steps):
        w = w - lr * 2 * np.mean((w * x + b - y) * x)
        b = b - lr * 2 * np.mean(w * x + b - y)
    return w, b


def _check_loop(fn: Any) -> str:
    for x, y, w0, b0, lr, num_steps in _LOOP_CASES:
        shown = f"descend(x={x.tolist()}, y={y.tolist()}, w0={w0}, b0={b0}, lr={lr}, num_steps={num_steps})"
        got = _two_numbers(call(fn, x.copy(), y.copy(), w0, b0, lr, num_steps, shown=shown), shown)
        run = gradient_descent(x, y, w0, b0, lr, num_steps)
        expected = np.array([run.w[-1], run.b[-1]])
        if np.allclose(got, expected, rtol=1e-7, atol=1e-9):
            continue
        if num_steps == 0:
            raise Wrong(f"{shown} should return the start ({w0}, {b0}): zero steps change nothing.")
        for k in (num_steps - 1, num_steps + 1):
            other = gradient_descent(x, y, w0, b0, lr, k)
            if np.allclose(got, [other.w[-1], other.b[-1]], rtol=1e-7, atol=1e-9):
                raise Wrong(f"{shown} took {k} steps instead of {num_steps}: loop exactly "
                            "num_steps times (range(num_steps)).")
        if np.allclose(got, _sequential(x, y, w0, b0, lr, num_steps), rtol=1e-7, atol=1e-9):
            raise Wrong("b's gradient used the new w: compute both gradients at the same (w, b) "
                        "first, then update both.")
        up = (w0, b0)
        for _ in range(num_steps):
            dw, db = 2 * np.mean((up[0] * x + up[1] - y) * x), 2 * np.mean(up[0] * x + up[1] - y)
            up = (up[0] + lr * dw, up[1] + lr * db)
        if np.allclose(got, up, rtol=1e-7, atol=1e-9):
            raise Wrong("The weights went uphill: the update is w ← w − lr·dL/dw, with a minus sign.")
        raise Wrong(f"{shown} should return ≈ ({expected[0]:.6g}, {expected[1]:.6g}); "
                    f"got ({got[0]:.6g}, {got[1]:.6g}).")
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
    hint="Inside a `for _ in range(num_steps):` loop, compute (dw, db) at the current (w, b), "
         "then update both: w = w - lr * dw and b = b - lr * db. Return (w, b) at the end.",
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


def _check_largest_lr(answer: Any) -> str:
    x = factory_sales(n=30, rng=0).x
    bound = max_stable_lr(x)
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.floating, np.integer)):
        raise Wrong(f"Answer with one number, the learning rate; got {answer!r}.")
    lr = float(answer)
    if not math.isfinite(lr) or lr <= 0:
        raise Wrong(f"A learning rate is a positive number; got {answer!r}.")
    ratio = lr / bound
    across = 1.0 - 2.0 * lr / bound  # 1 - lr * (largest eigenvalue of the Hessian)
    if ratio > 1 + LR_TOLERANCE:
        raise Wrong(f"At η = {lr:.4g} the runs diverge: each step multiplies the distance across "
                    f"the valley by {across:.3f}, which is beyond −1. Go lower.".replace("-", "−"))
    if ratio < 1 - LR_TOLERANCE:
        raise Wrong(f"η = {lr:.4g} converges, but a larger learning rate still does too "
                    f"({ratio:.0%} of the largest one). Go higher, in small steps.")
    note = (" Strictly, anything above it diverges — slowly, so it takes many steps to see."
            if lr > bound else "")
    return (f"The largest stable learning rate is {bound:.5f}; your {lr:.4g} is within "
            f"{LR_TOLERANCE:.0%} of it.{note}")


ex3 = Exercise(
    "ex3",
    _check_largest_lr,
    hint="Raise the learning rate until the figure says 'diverges', then come back down a notch. "
         "Use many steps: just above the limit a run diverges only slowly.",
    solution="About 0.0154. The next cells show where the number comes from: 2 / (the largest "
             "eigenvalue of the Hessian) = helpers.max_stable_lr(data.x).",
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
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        raise Wrong(f"Answer with a whole number of steps; got {answer!r}.")
    if not math.isfinite(float(answer)):
        raise Wrong(f"Answer with a whole number of steps; got {answer!r}.")
    guess = float(answer)
    r = step_factor(data.x, STEPS_LR)
    if abs(guess - real) > STEPS_SLACK:
        direction = "fewer" if guess > real else "more"
        raise Wrong(f"It takes {direction} steps than {guess:g}. Each step multiplies the distance "
                    f"to the bottom by r = {r:.3f}, so after k steps it is |r|^k times the start."
                    .replace("-", "−"))
    return (f"The run needs {real} steps (you said {guess:g}). With |r| = {abs(r):.3f} per step, "
            f"{abs(r):.3f}^{real} × {abs(least_squares(data.x, data.y)[0]):.2f} ≤ {STEPS_TOL}. Note that "
            f"η = 0.002, seven times smaller, needs fewer steps, and η = 1/L'' = "
            f"{max_stable_lr_1d(data.x) / 2:.4f} lands on the bottom in one: bigger is not always faster.")


ex4 = Exercise(
    "ex4",
    _check_step_count,
    hint="Each step multiplies w − w* by r = 1 − η·2·mean(x²) (here r is negative: it zig-zags). "
         "Find the smallest k with |r|^k · |w0 − w*| ≤ 0.01: k = log(0.01 / |w0 − w*|) / log|r|, "
         "rounded up. Or run helpers.gradient_descent and count.",
    solution="r = helpers.step_factor(data.x, 0.014)               # −0.791\n"
             "w_star, b_star = helpers.least_squares(data.x, data.y)\n"
             "k = np.ceil(np.log(0.01 / abs(0 - w_star)) / np.log(abs(r)))  # 29 steps",
    answer=29,
)
