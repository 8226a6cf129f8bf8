"""Exercises of notebook 05 (beyond the bowl).

* ``ex1``: write ``standardize(x)``; checked against ``(x - mean) / std`` on small arrays;
* ``ex2``: write one step of momentum, ``momentum_step(w, v, grad, lr, beta)``; checked
  against PyTorch's convention ``v <- beta * v + grad``, ``w <- w - lr * v``;
* ``ex3``: choose ``(lr, beta)`` that bring the narrow valley's loss within ``TARGET`` of its
  minimum in ``STEPS`` steps, which plain gradient descent cannot do.

``HINTS`` holds each exercise's hints from the first nudge to the last; they climb (one per
``exN.hint()`` call, or ``exN.hint(k)``), and the last stops short of the answer, which
``solution`` gives.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..beyond import best_momentum, best_plain, hessian_eigenvalues, mse_momentum
from ..data import factory_sales
from ..exercises import Exercise, Unsolved, Wrong, blank, call
from ..i18n import N_, _
from ..model import loss_above_minimum

HINTS = {
    "ex1": [
        N_("Standardizing does two things: shift x so that its mean is 0, then divide by its "
           "spread so that its standard deviation is 1."),
        N_("np.mean(x) and np.std(x) give the two numbers; numpy arrays subtract and divide "
           "element by element."),
        N_("One line: return (x - <the mean>) / <the standard deviation>."),
    ],
    "ex2": [
        N_("First the velocity, then the weights, using the NEW velocity."),
        N_("v_new = beta * v + grad: the old velocity, faded by beta, plus the gradient."),
        N_("w_new = w - lr * v_new; return the pair (w_new, v_new)."),
    ],
    "ex3": [
        N_("Plain descent (beta = 0) cannot do it: its best rate per step is (κ−1)/(κ+1), about "
           "0.995 here. Raise beta first."),
        N_("Use the live figure of section 2: its preset 'the best pair' jumps to the map's "
           "yellow star, and the loss panel shows where each pair gets in 300 steps (you have "
           "100)."),
        N_("Just below the star is safe: a learning rate a little smaller than helpers."
           "best_momentum(...)[0] and a beta a little larger than best_momentum(...)[1]."),
    ],
}



# --------------------------------------------------------------------------------------------

_STANDARDIZE_CASES = [
    np.array([1.0, 2.0, 3.0, 4.0]),
    np.array([10.0, -2.0, 7.5]),
    np.array([2.0, 12.0, 5.0, 5.0, 9.0, 3.5]),
]


def _check_standardize(fn: Any) -> str:
    for x in _STANDARDIZE_CASES:
        shown = f"standardize({x.tolist()})"
        given = x.copy()
        got = call(fn, given, shown=shown)
        if not np.array_equal(given, x):
            raise Wrong(_("{shown} changed its input array x: return a new array instead "
                          "(x - m) / s makes one; x -= m changes x itself.").format(shown=shown))
        if isinstance(got, tuple):
            raise Wrong(_("{shown} returned a tuple of {count} things: return only the "
                          "standardized array z.").format(shown=shown, count=len(got)))
        try:
            arr = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            raise Wrong(_("{shown} should return an array of {count} numbers; got {got!r}."
                          ).format(shown=shown, count=len(x), got=got)) from None
        if arr.shape != x.shape:
            raise Wrong(_("{shown} should return an array of shape {expected} (one number per "
                          "example); got shape {shape}.").format(shown=shown, expected=x.shape,
                                                                shape=arr.shape))
        expected = (x - x.mean()) / x.std()
        if np.allclose(arr, expected, rtol=1e-9, atol=1e-12):
            continue
        if np.allclose(arr, (x - x.mean()) / x.std(ddof=1), rtol=1e-9, atol=1e-12):
            raise Wrong(_("Almost: you divided by the sample standard deviation (ddof=1). The "
                          "course uses np.std(x) (ddof=0), so that z has standard deviation "
                          "exactly 1."))
        if np.allclose(arr, x / x.std(), rtol=1e-9, atol=1e-12):
            raise Wrong(_("z's standard deviation is 1, but its mean is not 0: subtract the mean "
                          "before you divide."))
        if np.allclose(arr, x - x.mean(), rtol=1e-9, atol=1e-12):
            raise Wrong(_("z's mean is 0, but its standard deviation is not 1: also divide by "
                          "np.std(x)."))
        if np.allclose(arr, (x - x.mean()) / x.var(), rtol=1e-9, atol=1e-12):
            raise Wrong(_("You divided by the variance; divide by the standard deviation, its "
                          "square root."))
        raise Wrong(_("{shown} should be ≈ {expected}; got {got}.").format(
            shown=shown, expected=np.round(expected, 4).tolist(), got=np.round(arr, 4).tolist()))
    return _("Your z has mean 0 and standard deviation 1. The next cell shows what it does to the "
             "valley.")


ex1 = Exercise(
    "ex1",
    _check_standardize,
    hint=HINTS["ex1"],
    solution=N_("def standardize(x):\n"
                "    return (x - np.mean(x)) / np.std(x)     # shape (n,): mean 0, std 1"),
    answer=lambda x: (x - np.mean(x)) / np.std(x),
)


# --------------------------------------------------------------------------------------------

_STEP_CASES = [
    # w, v, grad, lr, beta
    (np.array([1.0, 2.0]), np.array([0.0, 0.0]), np.array([0.5, -1.0]), 0.1, 0.9),
    (np.array([1.0, 2.0]), np.array([0.3, -0.2]), np.array([0.5, -1.0]), 0.1, 0.9),
    (np.array([-3.0]), np.array([2.0]), np.array([4.0]), 0.05, 0.5),
    (np.array([0.5, 0.5]), np.array([1.0, 1.0]), np.array([0.0, 0.0]), 0.2, 0.0),
]


def _pair(got: Any, shown: str, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Wrong(_("{shown} should return two things, (w_new, v_new); got {got!r}.").format(
            shown=shown, got=got))
    out = []
    for name, part in zip(("w_new", "v_new"), got):
        try:
            arr = np.asarray(part, dtype=float)
        except (TypeError, ValueError):
            raise Wrong(_("{shown}: {name} should be an array of numbers; got {got!r}.").format(
                shown=shown, name=name, got=part)) from None
        if arr.shape != shape:
            raise Wrong(_("{shown}: {name} should have shape {expected}, like w; got shape "
                          "{shape}.").format(shown=shown, name=name, expected=shape,
                                              shape=arr.shape))
        out.append(arr)
    return out[0], out[1]


def _check_step(fn: Any) -> str:
    for w, vel, g, lr, beta in _STEP_CASES:
        shown = (f"momentum_step(w={w.tolist()}, v={vel.tolist()}, grad={g.tolist()}, lr={lr}, "
                 f"beta={beta})")
        args = (w.copy(), vel.copy(), g.copy())
        got_w, got_v = _pair(call(fn, *args, lr, beta, shown=shown), shown, w.shape)
        if not (np.array_equal(args[0], w) and np.array_equal(args[1], vel)):
            raise Wrong(_("{shown} changed the arrays it was given: return new ones (w - lr * "
                          "v_new makes a new array; w -= ... changes w itself).").format(
                shown=shown))
        v_new = beta * vel + g
        w_new = w - lr * v_new
        close = lambda a, b: np.allclose(a, b, rtol=1e-9, atol=1e-12)  # noqa: E731
        if close(got_w, w_new) and close(got_v, v_new):
            continue
        if close(got_v, w_new) and close(got_w, v_new):
            raise Wrong(_("The two results are swapped: return (w_new, v_new), the weights "
                          "first."))
        if close(got_v, beta * vel + (1 - beta) * g):
            raise Wrong(_("That is the other convention, v ← βv + (1−β)·grad (an average of the "
                          "gradients). Here, as in PyTorch, v ← βv + grad."))
        if close(got_v, beta * vel - lr * g):
            raise Wrong(_("That is the convention v ← βv − η·grad, w ← w + v. Here, as in "
                          "PyTorch, v ← βv + grad and w ← w − η·v."))
        if close(got_v, v_new) and close(got_w, w - lr * vel):
            raise Wrong(_("v_new is right, but w moved with the OLD velocity: use v_new in "
                          "w_new = w − lr·v_new."))
        if close(got_v, v_new) and close(got_w, w + lr * v_new):
            raise Wrong(_("The weights went uphill: w_new = w − lr·v_new, with a minus sign."))
        if not close(got_v, v_new):
            raise Wrong(_("{shown}: v_new should be ≈ {expected} (beta·v + grad); got {got}."
                          ).format(shown=shown, expected=np.round(v_new, 6).tolist(),
                                   got=np.round(got_v, 6).tolist()))
        raise Wrong(_("{shown}: w_new should be ≈ {expected} (w − lr·v_new); got {got}.").format(
            shown=shown, expected=np.round(w_new, 6).tolist(), got=np.round(got_w, 6).tolist()))
    return _("Your step is PyTorch's SGD(momentum=beta): v ← βv + grad, w ← w − η·v. With "
             "beta = 0 it is plain gradient descent.")


ex2 = Exercise(
    "ex2",
    _check_step,
    hint=HINTS["ex2"],
    solution=N_("def momentum_step(w, v, grad, lr, beta):\n"
                "    v_new = beta * v + grad       # the velocity: old velocity faded, plus the "
                "gradient\n"
                "    w_new = w - lr * v_new        # the step follows the velocity\n"
                "    return w_new, v_new"),
    answer=lambda w, vel, g, lr, beta: (w - lr * (beta * vel + g), beta * vel + g),
)


# --------------------------------------------------------------------------------------------

START = (13.0, 0.0)
"""Where exercise 3's runs start (the start of notebook 05's momentum figure)."""

STEPS = 100
TARGET = 0.01
"""Exercise 3: the loss must be at most ``TARGET`` above its minimum after ``STEPS`` steps."""


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise Wrong(_("{what} should be a number; got {value!r}.").format(what=what, value=value))
    out = float(value)
    if not math.isfinite(out):
        raise Wrong(_("{what} should be a finite number; got {value!r}.").format(what=what,
                                                                                 value=value))
    return out


def ex3_run(lr: float, beta: float) -> Any:
    """The run that exercise 3 judges: :func:`helpers.mse_momentum` on the factory data
    from ``START`` for ``STEPS`` steps."""
    data = factory_sales(n=30, rng=0)
    return mse_momentum(data.x, data.y, *START, lr, beta, STEPS)


def _check_pair(answer: Any) -> str:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong(_("Answer with a pair (lr, beta); got {answer!r}.").format(answer=answer))
    if any(blank(part) for part in answer):
        raise Unsolved(_("Replace both ... with numbers, then run the cell again."))
    lr, beta = _number(answer[0], "lr"), _number(answer[1], "beta")
    if lr <= 0:
        raise Wrong(_("A learning rate is a positive number; got {lr:g}.").format(lr=lr))
    if not 0 <= beta < 1:
        raise Wrong(_("beta must be at least 0 and below 1; got {beta:g}.").format(beta=beta))
    data = factory_sales(n=30, rng=0)
    lam_min, lam_max = hessian_eigenvalues(data.x)
    run = ex3_run(lr, beta)
    if run.diverged:
        raise Wrong(_("At η = {lr:g}, β = {beta:g} the run diverges (stopped at step {step}): "
                      "lower the learning rate.").format(lr=lr, beta=beta, step=run.diverged_at))
    above = float(loss_above_minimum(data.x, data.y, run.params[-1, 0], run.params[-1, 1]))
    if above > TARGET:
        if beta == 0:
            _lr_plain, rate = best_plain(lam_min, lam_max)
            raise Wrong(_("Plain descent ends {above:.3g} above the minimum: even its best "
                          "learning rate shrinks the distance only by {rate:.4f} per step. Add "
                          "momentum.").format(above=above, rate=rate))
        raise Wrong(_("After {steps} steps the loss is {above:.3g} above its minimum; the target "
                      "is {target}. Move toward the best pair on the map.").format(
            steps=STEPS, above=above, target=TARGET))
    lr_best, beta_best, rate = best_momentum(lam_min, lam_max)
    return _("{above:.2g} above the minimum after {steps} steps. The best pair from the "
             "eigenvalues: η = {lr_best:.4f}, β = {beta_best:.3f}, rate {rate:.4f} per step."
             ).format(above=above, steps=STEPS, lr_best=lr_best, beta_best=beta_best, rate=rate)


ex3 = Exercise(
    "ex3",
    _check_pair,
    hint=HINTS["ex3"],
    solution=N_("lr_best, beta_best, rate = helpers.best_momentum(*helpers.hessian_eigenvalues(x))\n"
                "answer = (0.9 * lr_best, 0.85)     # a little below the best η, a little more "
                "momentum"),
    answer=(0.025, 0.85),
)
