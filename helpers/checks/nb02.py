"""Exercises of notebook 02 (the loss function)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _validate as check
from ..data import factory_sales
from ..exercises import Exercise, Unsolved, Wrong, blank, call, expect_choice, expect_close
from ..model import least_squares, mse

# --------------------------------------------------------------------------------------------
# Exercise 1: write mse(y, y_hat)
# --------------------------------------------------------------------------------------------

_WORKED_Y = np.array([105.0, 78.0])  # actual sales
_WORKED_Y_HAT = np.array([100.0, 80.0])  # predicted sales


def _diagnose(got: float, y: np.ndarray, y_hat: np.ndarray, shown: str) -> str | None:
    """If ``got`` is a classic near-miss of the MSE of ``y``, ``y_hat``, say which one."""
    r = y_hat - y
    near_misses = [
        (np.sum(r**2), f"{shown} gave {got:g}: that is the *sum* of the squared errors (the SSE). "
                       f"The *mean* divides it by the number of examples, {len(y)}."),
        (np.sqrt(np.mean(r**2)), f"{shown} gave {got:g}: that is the square *root* of the MSE "
                                 "(the RMSE). The MSE itself has no root."),
        (np.mean(np.abs(r)), f"{shown} gave {got:g}: that is the mean *absolute* error. "
                             "Square the errors instead of taking their size."),
        (np.mean(r), f"{shown} gave {got:g}: that is the mean of the errors without squaring "
                     "them — errors of opposite sign cancel out. Square each error first."),
        (-np.mean(r), f"{shown} gave {got:g}: that is the mean of the errors without squaring "
                      "them — errors of opposite sign cancel out. Square each error first."),
        (np.sum(r) ** 2 / len(r), f"{shown} gave {got:g}: it looks like the errors were added up "
                                  "before squaring. Square each error first, then average."),
        (np.mean(r) ** 2, f"{shown} gave {got:g}: it looks like the errors were averaged before "
                          "squaring. Square each error first, then average."),
    ]
    for value, message in near_misses:
        if np.isclose(got, value, rtol=1e-9) and not np.isclose(got, np.mean(r**2), rtol=1e-9):
            return message
    return None


def _check_mse(fn: Any) -> str:
    cases = [
        (_WORKED_Y, _WORKED_Y_HAT, "mse(y=[105, 78], y_hat=[100, 80])"),
        (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]), "mse([1, 2, 3], [1, 2, 3])"),
        (np.array([0.0, 0.0]), np.array([1.0, -3.0]), "mse([0, 0], [1, -3])"),
        (np.array([2.0, 4.0, 6.0, 8.0]), np.array([3.0, 3.0, 6.0, 12.0]),
         "mse([2, 4, 6, 8], [3, 3, 6, 12])"),
        (np.array([7.0]), np.array([4.0]), "mse([7], [4])"),
    ]
    for y, y_hat, shown in cases:
        got = call(fn, y.copy(), y_hat.copy(), shown=shown)
        if np.ndim(got) != 0:
            try:
                shape = np.shape(got)
            except Exception:  # a value numpy cannot size
                shape = "?"
            raise Wrong(f"{shown} should be a single number; got something of shape {shape}. "
                        "Did you forget to average the squared errors?")
        try:
            value = float(got)
        except (TypeError, ValueError):
            raise Wrong(f"{shown} should be a number; got {got!r}.") from None
        message = _diagnose(value, y, y_hat, shown)
        if message:
            raise Wrong(message)
        expect_close(value, np.mean((y_hat - y) ** 2), what=shown)
    # The order of the arguments does not matter for a square, but the inputs must not change.
    y, y_hat = np.array([1.0, 5.0, 2.0]), np.array([2.0, 1.0, 2.0])
    call(fn, y, y_hat, shown="mse([1, 5, 2], [2, 1, 2])")
    if not (np.array_equal(y, [1.0, 5.0, 2.0]) and np.array_equal(y_hat, [2.0, 1.0, 2.0])):
        raise Wrong("Your function changed the arrays it was given; compute into new ones.")
    data = factory_sales(n=30, rng=0)
    guess = 5.0 * data.x + 40.0
    expect_close(call(fn, data.y, guess, shown="mse(data.y, 5 * data.x + 40)"), mse(data.y, guess),
                 what="mse(data.y, 5 * data.x + 40) on the 30 factory runs")
    return ("mse([105, 78], [100, 80]) = (25 + 4) / 2 = 14.5, and your function works for any "
            "number of examples.")


ex1 = Exercise(
    "ex1",
    _check_mse,
    hint="Three steps, one numpy line each: the errors y_hat - y, their squares, their mean "
         "(np.mean).",
    solution="def mse(y, y_hat):\n    errors = y_hat - y           # shape (n,)\n"
             "    return np.mean(errors ** 2)  # one number",
    answer=lambda y, y_hat: np.mean((y_hat - y) ** 2),
)

# --------------------------------------------------------------------------------------------
# Exercise 2: find the bottom of the loss with the sliders
# --------------------------------------------------------------------------------------------

TOLERANCE = 0.05
"""Exercise 2 accepts any (w, b) whose MSE is at most 5% above the lowest possible MSE."""


def _check_minimum(answer: Any) -> str:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Wrong(f"Give two numbers, (w, b); got {answer!r}.")
    if any(blank(a) for a in answer):
        raise Unsolved("Replace both ... with the w and b you found.")
    try:
        w = check.as_float("w", answer[0])
        b = check.as_float("b", answer[1])
    except (TypeError, ValueError) as exc:
        raise Wrong(str(exc)) from None
    data = factory_sales(n=30, rng=0)
    best_w, best_b = least_squares(data.x, data.y)
    lowest = mse(data.y, best_w * data.x + best_b)
    loss = mse(data.y, w * data.x + b)
    limit = lowest * (1 + TOLERANCE)
    if loss > limit:
        raise Wrong(f"At w = {w:g}, b = {b:g} the MSE is {loss:,.1f}; it must be at most "
                    f"{limit:.1f} (5% above the lowest, {lowest:.1f}). Keep going: move one "
                    "slider to the bottom of the loss curve, then the other, and repeat.")
    return (f"At w = {w:g}, b = {b:g} the MSE is {loss:.2f}, within "
            f"{100 * (loss / lowest - 1):.2f}% of the lowest possible, {lowest:.2f} "
            f"(at w = {best_w:.3f}, b = {best_b:.3f}).")


ex2 = Exercise(
    "ex2",
    _check_minimum,
    hint="Hold b and slide w to the bottom of the loss curve (middle panel); then slide b "
         "until the MSE stops falling; then w again. The loss map shows you are walking down "
         "a long, narrow valley.",
    solution="Any (w, b) near the bottom of the valley, e.g. (8.1, 31.0): its MSE is about "
             "31.5. The exact best is helpers.least_squares(data.x, data.y).",
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
    "A": "Right: line A's errors are 2, 2, 2 and −4, so its MSE is (4 + 4 + 4 + 16) / 4 = 7. "
         "Line B's errors are 0, 0, 0 and −6: (0 + 0 + 0 + 36) / 4 = 9. Squaring makes one "
         "big error cost more than several small ones.",
    "B": "Not this time: line B's one error of 6 costs 6² = 36, more than line A's four "
         "errors together (4 + 4 + 4 + 16 = 28). Squaring makes big errors expensive.",
}

ex3 = Exercise(
    "ex3",
    lambda answer: expect_choice(answer, _LINE_OPTIONS, "A"),
    hint="Write down the four errors of each line, square them and add them up: the mean "
         "divides both sums by the same 4.",
    solution="'A' — MSE 7 against 9. (By the mean absolute error, B would win: 1.5 against 2.5.)",
    answer="A",
)
