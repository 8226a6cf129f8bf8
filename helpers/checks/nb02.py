"""Exercises of notebook 02 (the loss function)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import factory_sales
from ..exercises import (Exercise, Unsolved, Wrong, _short, as_number, as_numbers, blank, call,
                         expect_choice, expect_close)
from ..i18n import N_, _
from ..model import least_squares, mse

# --------------------------------------------------------------------------------------------
# Exercise 1: write mse(y, y_hat)
# --------------------------------------------------------------------------------------------

_WORKED_Y = np.array([105.0, 78.0])  # actual sales
_WORKED_Y_HAT = np.array([100.0, 80.0])  # predicted sales


_CASES = [
    (_WORKED_Y, _WORKED_Y_HAT, "mse(y=[105, 78], y_hat=[100, 80])"),
    (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]), "mse([1, 2, 3], [1, 2, 3])"),
    (np.array([0.0, 0.0]), np.array([1.0, -3.0]), "mse([0, 0], [1, -3])"),
    (np.array([2.0, 4.0, 6.0, 8.0]), np.array([3.0, 3.0, 6.0, 12.0]), "mse([2, 4, 6, 8], [3, 3, 6, 12])"),
    (np.array([7.0]), np.array([4.0]), "mse([7], [4])"),
    (np.array([1.0, 5.0, 2.0]), np.array([2.0, 1.0, 3.0]), "mse([1, 5, 2], [2, 1, 3])"),
]

# Classic near-misses of the MSE, as functions of the errors r = y_hat - y, y and y_hat, with
# what to say. A near-miss is named only if it matches the learner's values on every case.
_NEAR_MISSES = [
    (lambda r, y, p: np.sum(r**2),
     N_("the *sum* of the squared errors (the SSE). The *mean* divides it by the number of "
        "examples: np.mean instead of np.sum.")),
    (lambda r, y, p: 2 * np.mean(r**2),
     N_("twice the MSE. The MSE has no factor 2 (a 2 appears later, in its derivative).")),
    (lambda r, y, p: np.mean(r**2) / 2,
     N_("half the MSE. The MSE has no ½: just the mean of the squared errors.")),
    (lambda r, y, p: np.sqrt(np.mean(r**2)),
     N_("the square *root* of the MSE (the RMSE). The MSE itself has no root.")),
    (lambda r, y, p: np.mean(np.abs(r)),
     N_("the mean *absolute* error. Square the errors instead of taking their size.")),
    (lambda r, y, p: np.mean(r),
     N_("the mean of the errors without squaring them: errors of opposite sign cancel out. "
        "Square each error first.")),
    (lambda r, y, p: -np.mean(r),
     N_("the mean of the errors without squaring them: errors of opposite sign cancel out. "
        "Square each error first.")),
    (lambda r, y, p: np.sum(r) ** 2 / len(r),
     N_("what you get by adding up the errors before squaring. Square each error first, then "
        "average.")),
    (lambda r, y, p: np.mean(r) ** 2,
     N_("what you get by averaging the errors before squaring. Square each error first, then "
        "average.")),
    (lambda r, y, p: np.var(r),
     N_("the variance of the errors (np.var), which subtracts their mean first. The MSE squares "
        "the errors themselves: np.mean((y_hat - y) ** 2).")),
    (lambda r, y, p: np.sum(r**2) / (len(r) - 1) if len(r) > 1 else np.inf,
     N_("the squared errors divided by n − 1. The MSE divides by n: use np.mean.")),
    (lambda r, y, p: np.sum(r**2) // len(r),
     N_("the MSE rounded down: `//` is whole-number division. Use `/` (or np.mean).")),
    (lambda r, y, p: np.mean(p**2 - y**2),
     N_("the mean of y_hat² − y²: the values were squared before subtracting. Square the "
        "*errors*: (y_hat − y) ** 2.")),
    (lambda r, y, p: r[0] ** 2,
     N_("the squared error of the first example only. Is your `return` inside a loop? "
        "Average over all the examples.")),
]


def _mse_value(fn: Any, y: np.ndarray, y_hat: np.ndarray, shown: str) -> float:
    """The learner's mse on one case, as a number; its inputs must stay unchanged."""
    y_in, y_hat_in = y.copy(), y_hat.copy()
    got = call(fn, y_in, y_hat_in, shown=shown)
    for name, before, after in (("y", y, y_in), ("y_hat", y_hat, y_hat_in)):
        if not np.array_equal(before, after):
            raise Wrong(_("Your function changed `{name}`, the array it was given (in {shown} it "
                          "became {value}). Compute into a new array, e.g. `errors = y_hat - y`, "
                          "instead of changing it in place (`-=`, `**=`).")
                        .format(name=name, shown=shown, value=_short(after)))
    if isinstance(got, (np.ndarray, list, tuple)) and np.size(got) == len(y) > 1:
        raise Wrong(_("{shown} returned {count} numbers, one per example ({value}): these look "
                      "like the squared errors themselves. Average them into one number with "
                      "np.mean.").format(shown=shown, count=len(y), value=_short(got)))
    return as_number(got, shown)


def _check_mse(fn: Any) -> str:
    values = [_mse_value(fn, y, y_hat, shown) for y, y_hat, shown in _CASES]
    right = [float(np.mean((y_hat - y) ** 2)) for y, y_hat, _shown in _CASES]
    if not np.allclose(values, right, rtol=1e-6, atol=1e-9):
        for formula, message in _NEAR_MISSES:
            with np.errstate(all="ignore"):
                candidate = [float(formula(y_hat - y, y, y_hat)) for y, y_hat, _shown in _CASES]
            known = np.isfinite(candidate)  # a near-miss that divides by zero on a case: skip it
            if np.allclose(np.array(values)[known], np.array(candidate)[known], rtol=1e-9, atol=1e-12):
                raise Wrong(_("{shown} gave {value:g}: that is {explanation}").format(
                    shown=_CASES[0][2], value=values[0], explanation=_(message)))
        for got, expected, (y, y_hat, shown) in zip(values, right, _CASES):
            if not np.isclose(got, expected, rtol=1e-6, atol=1e-9):
                parts = [_("{shown} should be {expected:g}; got {got:g}.").format(
                    shown=shown, expected=expected, got=got)]
                if not np.isfinite(got):
                    parts.append(_("Not a finite number: a division by zero?"))
                elif len(y) == 1:
                    parts.append(_("(With one example, the mean of one squared error is that "
                                   "error squared.)"))
                parts.append(_("Compute the errors y_hat − y, square each one, then average them."))
                raise Wrong(" ".join(parts))
    data = factory_sales(n=30, rng=0)
    guess = 5.0 * data.x + 40.0
    got = _mse_value(fn, data.y, guess, "mse(data.y, 5 * data.x + 40)")
    expect_close(got, mse(data.y, guess),
                 what=_("mse(data.y, 5 * data.x + 40) on the 30 factory runs"), rtol=1e-6)
    return _("mse([105, 78], [100, 80]) = (25 + 4) / 2 = 14.5, and your function works for any "
             "number of examples.")


ex1 = Exercise(
    "ex1",
    _check_mse,
    hint=(N_("Three steps: the error of each prediction, its square, and the mean of the squares. "
             "numpy does each on a whole array at once."),
          N_("y_hat - y gives all the errors as one array, shape (n,); ** 2 squares each of them."),
          N_("np.mean(...) averages an array into one number: apply it to the squared errors, and "
             "return that number.")),
    solution=N_("def mse(y, y_hat):\n    errors = y_hat - y           # shape (n,)\n"
                "    return np.mean(errors ** 2)  # one number"),
    answer=lambda y, y_hat: np.mean((y_hat - y) ** 2),
)

# --------------------------------------------------------------------------------------------
# Exercise 2: find the bottom of the loss with the sliders
# --------------------------------------------------------------------------------------------

TOLERANCE = 0.05
"""Exercise 2 accepts any (w, b) whose MSE is at most 5% above the lowest possible MSE."""


def _check_minimum(answer: Any) -> str:
    if isinstance(answer, (tuple, list)) and any(blank(a) for a in answer):
        raise Unsolved(_("Replace both ... with the w and b you found."))
    w, b = as_numbers(answer, ("w", "b"), _("Your answer"), returned=False)
    data = factory_sales(n=30, rng=0)
    best_w, best_b = least_squares(data.x, data.y)
    lowest = mse(data.y, best_w * data.x + best_b)
    loss = mse(data.y, w * data.x + b)
    limit = lowest * (1 + TOLERANCE)
    if loss > limit:
        if mse(data.y, b * data.x + w) <= limit:
            raise Wrong(_("(w, b) = ({w:g}, {b:g}) is the right pair in the wrong order: the "
                          "slope w comes first, then the intercept b.").format(w=w, b=b))
        # Which slider helps most from here? The one whose best move lowers the MSE more.
        b_for_w = float(np.mean(data.y - w * data.x))
        w_for_b = float(np.sum(data.x * (data.y - b)) / np.sum(data.x ** 2))
        by_b = mse(data.y, w * data.x + b_for_w)
        by_w = mse(data.y, w_for_b * data.x + b)
        name, new = ("b", b_for_w) if by_b < by_w else ("w", w_for_b)
        old, other = (b, "w") if name == "b" else (w, "b")
        if new > old:
            move = _("Hold {other} and move {name} up, to the bottom of its loss curve; then the "
                     "other one, and repeat.")
        else:
            move = _("Hold {other} and move {name} down, to the bottom of its loss curve; then the "
                     "other one, and repeat.")
        raise Wrong(_("At w = {w:g}, b = {b:g} the MSE is {loss:,.1f}; it must be at most "
                      "{limit:.1f} (5% above the lowest, {lowest:.1f}).").format(
                          w=w, b=b, loss=loss, limit=limit, lowest=lowest)
                    + " " + move.format(other=other, name=name))
    return _("At w = {w:g}, b = {b:g} the MSE is {loss:.2f}, within {percent:.2f}% of the lowest "
             "possible, {lowest:.2f} (at w = {best_w:.3f}, b = {best_b:.3f}).").format(
                 w=w, b=b, loss=loss, percent=100 * (loss / lowest - 1), lowest=lowest,
                 best_w=best_w, best_b=best_b)


ex2 = Exercise(
    "ex2",
    _check_minimum,
    hint=(N_("Move one slider at a time and watch the MSE in the caption: keep each move that "
             "lowers it."),
          N_("Hold b and slide w to the bottom of the loss curve (middle panel); then slide b "
             "until the MSE stops falling; then w again."),
          N_("The loss map shows a long, narrow valley: a step in w needs a step in b in the other "
             "direction. Alternate small moves of w and b until neither lowers the MSE.")),
    solution=N_("Any (w, b) near the bottom of the valley, e.g. (8.1, 31.0): its MSE is about "
                "31.5. The exact best is helpers.least_squares(data.x, data.y)."),
    answer=(8.1, 31.0),
)

# --------------------------------------------------------------------------------------------
# Exercise 3: which line has the lower MSE?
# --------------------------------------------------------------------------------------------

FOUR_X = np.array([0.0, 1.0, 2.0, 3.0])
FOUR_Y = np.array([1.0, 3.0, 5.0, 13.0])
TWO_LINES = {"A": (2.0, 3.0), "B": (2.0, 1.0)}
"""Line A misses every point a little; line B hits three points and misses one by a lot."""

_LINE_OPTIONS = {
    "A": N_("Right: line A's errors are 2, 2, 2 and −4, so its MSE is (4 + 4 + 4 + 16) / 4 = 7. "
            "Line B's errors are 0, 0, 0 and −6: (0 + 0 + 0 + 36) / 4 = 9. Squaring makes one "
            "big error cost more than several small ones."),
    "B": N_("Not this time: line B's one error of 6 costs 6² = 36, more than line A's four "
            "errors together (4 + 4 + 4 + 16 = 28). Squaring makes big errors expensive."),
}

ex3 = Exercise(
    "ex3",
    lambda answer: expect_choice(answer, _LINE_OPTIONS, "A"),
    hint=(N_("Which matters more to a mean of *squares*: several small errors, or one big one?"),
          N_("Write down the four errors of each line (prediction minus target at x = 0, 1, 2, 3)."),
          N_("Square the four errors of each line and add them up: the mean divides both sums by "
             "the same 4, so the smaller sum wins.")),
    solution=N_("'A' — MSE 7 against 9. (By the mean absolute error, B would win: 1.5 against "
                "2.5.)"),
    answer="A",
)
