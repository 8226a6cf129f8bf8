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
from ..i18n import N_, _
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
            raise Wrong(_("Your function changed `{name}`, the array it was given (in {shown} it "
                          "became {value}). Compute into new arrays, e.g. `r = w * x + b - y`, "
                          "instead of changing it in place (`-=`, `*=`).")
                        .format(name=name, shown=shown, value=_short(after)))


# Per-entry slips: (which entry, formula of the residuals r, x and n, what to say).
# (Each message completes "dw should be ≈ 1.5; got 0.75: it ...".)
_ENTRY_SLIPS = [
    (0, lambda r, x: np.mean(r * x), N_("is half of what it should be: the derivative of (…)² is "
                                       "2·(…), so dw = 2 · mean(r · x).")),
    (0, lambda r, x: -2 * np.mean(r * x), N_("has the wrong sign: with r = w·x + b − y (prediction "
                                            "minus target), dw = 2 · mean(r · x).")),
    (0, lambda r, x: 2 * np.sum(r * x), N_("is n times too large: the MSE is a mean, so its "
                                          "gradient averages over the examples (np.mean, not "
                                          "np.sum).")),
    (0, lambda r, x: 2 * np.mean(r), N_("is missing the factor x: w multiplies x in the "
                                       "prediction, so dw = 2 · mean(r · x).")),
    (0, lambda r, x: 2 * np.mean(r) * np.mean(x), N_("multiplies mean(r) by mean(x); the mean of a "
                                                     "product is not the product of the means: "
                                                     "2 · mean(r · x).")),
    (0, lambda r, x: 2 * np.mean(r * x**2), N_("has x twice: dw = 2 · mean(r · x).")),
    (1, lambda r, x: np.mean(r), N_("is half of what it should be: the derivative of (…)² is "
                                   "2·(…), so db = 2 · mean(r).")),
    (1, lambda r, x: -2 * np.mean(r), N_("has the wrong sign: with r = w·x + b − y (prediction "
                                        "minus target), db = 2 · mean(r).")),
    (1, lambda r, x: 2 * np.sum(r), N_("is n times too large: the MSE is a mean, so its gradient "
                                      "averages over the examples (np.mean, not np.sum).")),
    (1, lambda r, x: 2 * np.mean(r * x), N_("has a factor x it should not have: b is added, not "
                                           "multiplied by x, so db = 2 · mean(r).")),
]

_PAIR_SLIPS = [
    (lambda g: g[::-1], N_("The two numbers are in the wrong order: return (dw, db), the weight's "
                           "derivative first.")),
    (lambda g: g / 2, N_("Both numbers are half of what they should be: the derivative of (…)² is "
                         "2·(…).")),
    (lambda g: -g, N_("Both signs are flipped: with r = w·x + b − y (prediction minus target), "
                      "dw = 2 · mean(r · x) and db = 2 · mean(r).")),
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
    if all(_close(got, expected) for _shown, got, expected, _r, _x in cases):
        return _("Your gradient matches the finite-difference estimate on three tiny data sets "
                 "(the last one is an exact fit, where both derivatives are 0).")
    for slip, message in _PAIR_SLIPS:
        if all(_close(got, slip(expected)) for _shown, got, expected, _r, _x in cases):
            raise Wrong(_(message))
    if all(_close(got, len(x) * expected) for _shown, got, expected, _r, x in cases):
        raise Wrong(_("Both numbers are n times too large (n = the number of examples): the MSE "
                      "is a mean, so its gradient averages over the examples (np.mean, not "
                      "np.sum)."))
    shown, got, expected, _r, _x = next(c for c in cases if not _close(c[1], c[2]))
    names = ("dw", "db")
    wrong = [k for k in (0, 1) if not _close(got[k], expected[k])]
    notes, explained = [], True
    for k in wrong:
        cause = next((message for entry, formula, message in _ENTRY_SLIPS if entry == k and all(
            _close(g[k], formula(r, x)) for _shown, g, _expected, r, x in cases)), None)
        if cause is None:
            explained = False
            note = _("{name} should be ≈ {expected:.6g}; got {got:.6g}.")
        else:
            note = _("{name} should be ≈ {expected:.6g}; got {got:.6g}: it {cause}")
        notes.append(note.format(name=names[k], expected=expected[k], got=got[k],
                                 cause=None if cause is None else _(cause)))
    right = [names[k] for k in (0, 1) if k not in wrong]
    if right:
        message = _("{right} is right, but on {shown}: {notes}")
    else:
        message = _("Both numbers are off on {shown}: {notes}")
    message = message.format(right=right[0] if right else None, shown=shown, notes=" ".join(notes))
    if not explained:
        message += " " + _("With r = w·x + b − y: dw = 2 · mean(r · x), db = 2 · mean(r).")
    raise Wrong(message)


ex1 = Exercise(
    "ex1",
    _check_gradient,
    hint=(N_("Write the residuals first, one per example: r = w*x + b - y (prediction minus "
             "target). Both derivatives are means of something built from r."),
          N_("The chain rule on mean(r²): the derivative of r² is 2·r times the derivative of r "
             "itself. What is the derivative of r = w·x + b − y with respect to w? With respect "
             "to b?"),
          N_("dr/dw = x and dr/db = 1. So dL/dw is the mean of 2·r·x and dL/db the mean of 2·r; "
             "return the two numbers as a tuple, dw first.")),
    solution=N_("def mse_gradient(x, y, w, b):\n"
                "    r = w * x + b - y                # residuals, shape (n,)\n"
                "    return 2 * np.mean(r * x), 2 * np.mean(r)"),
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
        for _step in range(num_steps):
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
    ("swapped", N_("The two numbers are in the wrong order: return (w, b), the weight first.")),
    ("sequential", N_("b's gradient used the new w: compute both gradients at the same (w, b) "
                      "first, then update both.")),
    ("uphill", N_("The weights went uphill: the update is w ← w − lr·dw, with a minus sign.")),
    ("no_lr", N_("The steps are missing the learning rate: w ← w − lr·dw, not w − dw.")),
    ("no_two", N_("The steps are half as long as they should be: the gradient is 2 · mean(r · x) "
                  "and 2 · mean(r), with the factor 2 (helpers.mse_gradient computes it for "
                  "you).")),
    ("sum", N_("The steps are n times too long: the gradient of the MSE uses means (np.mean), "
               "not sums.")),
    ("only_w", N_("Only w moved: update b in the same step, b ← b − lr·db.")),
    ("start_gradient", N_("Every step used the gradient at the start: compute (dw, db) again "
                          "inside the loop, at the current (w, b).")),
    ("gradient", N_("That looks like the gradient (dw, db) at the end, not the weights: return "
                    "the final (w, b).")),
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
            raise Wrong(_("{shown} should return the start ({w0}, {b0}): zero steps change "
                          "nothing. Start from w0 and b0 and loop `for _ in range(num_steps):`.")
                        .format(shown=shown, w0=w0, b0=b0))
        if np.allclose(got, _simulate(x, y, 0.0, 0.0, lr, num_steps), rtol=1e-7, atol=1e-9):
            raise Wrong(_("{shown} started from (0, 0) instead of the start it was given: begin "
                          "with w, b = w0, b0.").format(shown=shown))
        first = _simulate(x, y, w0, b0, lr, 1)
        if num_steps == 1 and np.allclose(got, (w0, first[0]), rtol=1e-7, atol=1e-9):
            raise Wrong(_("{shown} returned {value}: the start w0 and the w after the step, a "
                          "history of w. Return only the final (w, b).")
                        .format(shown=shown, value=_short(tuple(got))))
        if np.allclose(got, (w0, b0), rtol=1e-7, atol=1e-9):
            raise Wrong(_("{shown} returned the start ({w0}, {b0}) unchanged: it took 0 steps "
                          "instead of {num_steps}. Update w and b inside the loop "
                          "(w = w - lr * dw), `for _ in range(num_steps):`, and return the "
                          "updated values.").format(shown=shown, w0=w0, b0=b0, num_steps=num_steps))
        if num_steps > 1 and np.allclose(got, _simulate(x, y, w0, b0, lr, 1), rtol=1e-7, atol=1e-9):
            raise Wrong(_("{shown} took only 1 step instead of {num_steps}: is your `return` "
                          "indented inside the loop? It belongs after it.")
                        .format(shown=shown, num_steps=num_steps))
        for k in (num_steps - 1, num_steps + 1):
            if np.allclose(got, _simulate(x, y, w0, b0, lr, k), rtol=1e-7, atol=1e-9):
                raise Wrong(_("{shown} took {k} steps instead of {num_steps}: loop exactly "
                              "num_steps times, `for _ in range(num_steps):`.")
                            .format(shown=shown, k=k, num_steps=num_steps))
        for slip, message in _LOOP_SLIPS:
            if np.allclose(got, _simulate(x, y, w0, b0, lr, num_steps, slip), rtol=1e-7, atol=1e-9):
                raise Wrong(_(message))
        raise Wrong(_("{shown} should return (w, b) ≈ ({w:.6g}, {b:.6g}); got ({got_w:.6g}, "
                      "{got_b:.6g}). Each step: (dw, db) at the current (w, b), then "
                      "w = w - lr * dw and b = b - lr * db.").format(
                          shown=shown, w=expected[0], b=expected[1], got_w=got[0], got_b=got[1]))
    return _("Your loop takes the same steps as the course's gradient_descent, to the last digit.")


def _descend_reference(x: Any, y: Any, w0: float, b0: float, lr: float,
                       num_steps: int) -> tuple[float, float]:
    """The solution below, written out: the plain loop over :func:`helpers.mse_gradient` (from
    the residuals), independent of :func:`helpers.gradient_descent` (from the data's moments),
    which the checker compares with."""
    w, b = w0, b0
    for _step in range(num_steps):
        dw, db = mse_gradient(x, y, w, b)
        w, b = w - lr * dw, b - lr * db
    return w, b


ex2 = Exercise(
    "ex2",
    _check_loop,
    hint=(N_("Start from the point (w0, b0). The loop repeats one step num_steps times; what does "
             "one step do?"),
          N_("One step: compute (dw, db) at the current (w, b), e.g. with "
             "helpers.mse_gradient(x, y, w, b); then move both weights against it, by lr times "
             "the gradient."),
          N_("Loop num_steps times (range(num_steps)). In each pass: first both derivatives at the "
             "current (w, b), then w = w - lr * dw and b = b - lr * db. Return the two weights "
             "after the loop, not inside it.")),
    solution=N_("def descend(x, y, w0, b0, lr, num_steps):\n"
                "    w, b = w0, b0\n"
                "    for _ in range(num_steps):\n"
                "        dw, db = helpers.mse_gradient(x, y, w, b)   # both at the current (w, b)\n"
                "        w, b = w - lr * dw, b - lr * db\n"
                "    return w, b"),
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
    lr = as_number(answer, _("Your answer"), returned=False)
    if not math.isfinite(lr) or lr <= 0:
        raise _wrong(_("A learning rate is a positive number; got {value}.")
                     .format(value=_short(answer)))
    across = 1.0 - lr * curvature
    if abs(lr - curvature) / curvature < 0.02:
        raise _wrong(_("{lr:.4g} is the curvature across the valley (the Hessian's largest "
                       "eigenvalue), not a learning rate. The limit is 2 divided by it.")
                     .format(lr=lr))
    if lr >= bound:
        how = (_("slowly: just past the limit the zig-zag grows only a little each step, so it "
                 "takes many steps to see") if across > -1.1
               else _("the zig-zag grows every step"))
        raise _wrong(_("At η = {lr:.4g} gradient descent diverges ({how}): each step multiplies "
                       "the distance across the valley by {factor:.3f}, and that is beyond −1. A "
                       "stable rate keeps this factor between −1 and 1. Go a little lower.")
                     .format(lr=lr, how=how, factor=across))
    if abs(lr * curvature - 1) < 0.02:
        raise _wrong(_("η = {lr:.4g} converges: it crosses the valley in one step. But twice that "
                       "still converges (zig-zagging): go higher.").format(lr=lr))
    if lr < bound * (1 - LR_TOLERANCE):
        raise _wrong(_("η = {lr:.4g} converges, but larger learning rates still do too (yours is "
                       "{ratio:.0%} of the largest). Go higher, in small steps, until the runs "
                       "diverge; then back off a notch.").format(lr=lr, ratio=lr / bound))
    return str(_wrong(_("The largest stable learning rate is {bound:.5f}; your {lr:.4g} is below "
                        "it and within {tolerance:.0%} of it: each step multiplies the distance "
                        "across the valley by {factor:.3f}, just inside −1.").format(
                            bound=bound, lr=lr, tolerance=LR_TOLERANCE, factor=across)))


ex3 = Exercise(
    "ex3",
    _check_largest_lr,
    hint=(N_("A run can hide the answer (just above the limit it diverges only slowly), so "
             "reason from the step factor: across the valley each step multiplies the distance to "
             "the minimum by 1 − 129.6·η. For which η does that factor stay between −1 and 1?"),
          N_("The factor reaches −1 first, as η grows: solve 1 − 129.6·η = −1 for η. That η is "
             "the limit itself."),
          N_("η = 2 / 129.6. Answer a value just below it (at the limit itself the zig-zag neither "
             "grows nor shrinks), and check it in the 2-D figure.")),
    solution=N_("About 0.0154. The next cells show where the number comes from: 2 / (the largest "
                "eigenvalue of the Hessian) = helpers.max_stable_lr(data.x) = 0.01543."),
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
        raise ValueError(_("with lr={lr} the run never gets within {tol} of the bottom")
                         .format(lr=lr, tol=tol))
    return k


def _check_step_count(answer: Any) -> str:
    data = factory_sales(n=30, rng=0)
    real = true_step_count(data.x, data.y)
    guess = as_number(answer, _("Your answer"), returned=False)
    rho = step_factor(data.x, STEPS_LR)
    if math.isnan(guess):
        raise _wrong(_("Your answer is nan (not a number). np.log gives nan for a negative number, "
                       "and ρ = {rho:.3f} is negative here (the steps zig-zag): take the log of its "
                       "size, np.log(abs(rho)).").format(rho=rho))
    if math.isinf(guess):
        raise _wrong(_("Your answer is infinite: a division by log(1) = 0, or the log of 0? "
                       "Use k = log(0.01 / |w0 − w*|) / log|ρ|."))
    if guess < 0:
        raise _wrong(_("A number of steps cannot be negative ({guess:g}). Check the fraction "
                       "inside the log: 0.01 / |w0 − w*| is below 1, so its log is negative, like "
                       "log|ρ|, and their ratio is positive.").format(guess=guess))
    if guess != round(guess):
        if guess < real:
            message = _("{guess:g} is not a whole number of steps. Round k up (np.ceil): after k "
                        "steps the distance must already be within 0.01.")
        else:
            message = _("{guess:g} is not a whole number of steps. Round k to a whole number: "
                        "after k steps the distance must already be within 0.01.")
        raise _wrong(message.format(guess=guess))
    if abs(guess - real) > STEPS_SLACK:
        if guess > real:
            message = _("It takes fewer steps than {guess:g}. Each step multiplies the distance to "
                        "the bottom by ρ = {rho:.3f}, so after k steps it is |ρ|^k times the "
                        "start, |0 − w*|; find the first k where that is at most {tol}.")
        else:
            message = _("It takes more steps than {guess:g}. Each step multiplies the distance to "
                        "the bottom by ρ = {rho:.3f}, so after k steps it is |ρ|^k times the "
                        "start, |0 − w*|; find the first k where that is at most {tol}.")
        raise _wrong(message.format(guess=guess, rho=rho, tol=STEPS_TOL))
    return _("The run needs {real} steps (you said {guess:g}). With |ρ| = {rho:.3f} per step, "
             "{rho:.3f}^{real} × {start:.2f} ≤ {tol}. Note that η = 0.002, seven times smaller, "
             "needs fewer steps, and η = 1/L'' = {lr_one:.4f} lands on the bottom in one: bigger "
             "is not always faster.").format(
                 real=real, guess=guess, rho=abs(rho), start=abs(least_squares(data.x, data.y)[0]),
                 tol=STEPS_TOL, lr_one=max_stable_lr_1d(data.x) / 2)


ex4 = Exercise(
    "ex4",
    _check_step_count,
    hint=(N_("Each step multiplies the distance to the bottom, w − w*, by the same factor ρ "
             "(rho). After k steps, how far from the bottom are you?"),
          N_("Here ρ = 1 − η·2·mean(x²) (helpers.step_factor gives it); it is negative, so the "
             "steps zig-zag, and only its size |ρ| matters. After k steps: |ρ|^k · |w0 − w*|."),
          N_("Find the smallest k with |ρ|^k · |w0 − w*| ≤ 0.01: take logs of both sides (careful: "
             "log|ρ| is negative, which flips the inequality) and round k up. w* comes from "
             "helpers.least_squares(data.x, data.y).")),
    solution=N_("rho = helpers.step_factor(data.x, 0.014)                   # −0.791\n"
                "w_star, b_star = helpers.least_squares(data.x, data.y)\n"
                "k = np.ceil(np.log(0.01 / abs(0 - w_star)) / np.log(abs(rho)))  # 29 steps"),
    answer=29,
)
