"""Notebook 05's exercises: typical wrong answers are refused with a message that names the
problem; right answers in another form pass. (tests/test_all_exercises.py adds the generic
checks: the right answer, no answer, odd answers.)"""

import numpy as np
import pytest

from helpers.checks.nb05 import HINTS, ex1, ex2, ex3
from helpers.exercises import CORRECT, UNSOLVED, WRONG


def _in_place(x):
    x -= x.mean()
    x /= x.std()
    return x


@pytest.mark.parametrize("answer, words", [
    (lambda x: (x - x.mean()) / x.std(ddof=1), "ddof=1"),
    (lambda x: x / x.std(), "subtract the mean"),
    (lambda x: x - x.mean(), "also divide"),
    (lambda x: (x - x.mean()) / x.var(), "variance"),
    (lambda x: ((x - x.mean()) / x.std(), x.mean(), x.std()), "only the standardized array"),
    (lambda x: float(np.mean((x - x.mean()) / x.std())), "shape"),
    (_in_place, "changed its input"),
    (lambda x: (x - x.min()) / (x.max() - x.min()), "should be ≈"),
    (lambda x: "z", "array of"),
])
def test_ex1_wrong_answers(answer, words):
    verdict = ex1.verdict(answer)
    assert verdict.status == WRONG and words in verdict.message, verdict.message


def test_ex1_right_answers_in_other_forms():
    assert ex1.verdict(lambda x: ((x - np.mean(x)) / np.std(x)).tolist()).status == CORRECT
    assert ex1.verdict(lambda x: (x - x.sum() / len(x)) / np.sqrt(np.mean((x - x.mean()) ** 2))).status == CORRECT


def _mutating(w, v, g, lr, beta):
    v *= beta
    v += g
    w -= lr * v
    return w, v


@pytest.mark.parametrize("answer, words", [
    (lambda w, v, g, lr, b: (b * v + g, w - lr * (b * v + g)), "swapped"),
    (lambda w, v, g, lr, b: (w - lr * (b * v + (1 - b) * g), b * v + (1 - b) * g), "(1−β)"),
    (lambda w, v, g, lr, b: (w + (b * v - lr * g), b * v - lr * g), "βv − η·grad"),
    (lambda w, v, g, lr, b: (w - lr * v, b * v + g), "OLD velocity"),
    (lambda w, v, g, lr, b: (w + lr * (b * v + g), b * v + g), "uphill"),
    (lambda w, v, g, lr, b: (w - lr * (v + g), v + g), "v_new should be"),
    (lambda w, v, g, lr, b: w - lr * (b * v + g), "two things"),
    (_mutating, "changed the arrays"),
    (lambda w, v, g, lr, b: (w[:1], v), "shape"),
])
def test_ex2_wrong_answers(answer, words):
    verdict = ex2.verdict(answer)
    assert verdict.status == WRONG and words in verdict.message, verdict.message


def test_ex2_right_answer_as_a_list():
    assert ex2.verdict(lambda w, v, g, lr, b: [w - lr * (b * v + g), b * v + g]).status == CORRECT


@pytest.mark.parametrize("answer, words", [
    ((0.0154, 0.0), "Add momentum"),
    ((0.0281, 0.822), "target"),
    ((0.05, 0.9), "diverges"),
    ((0.01, 1.0), "below 1"),
    ((-0.01, 0.5), "positive"),
    (("0.02", 0.8), "number"),
    ((0.02, 0.8, 3), "pair"),
    (0.02, "pair"),
    ((np.nan, 0.8), "finite"),
])
def test_ex3_wrong_answers(answer, words):
    verdict = ex3.verdict(answer)
    assert verdict.status == WRONG and words in verdict.message, verdict.message


def test_ex3_half_answered_is_not_solved_yet():
    assert ex3.verdict((..., ...)).status == UNSOLVED
    assert ex3.verdict((0.02, ...)).status == UNSOLVED


def test_ex3_accepts_a_region_not_a_point():
    good = [(lr, beta) for lr in (0.02, 0.022, 0.024, 0.026) for beta in (0.85, 0.88)]
    assert all(ex3.verdict(pair).status == CORRECT for pair in good)
    assert ex3.verdict([0.025, 0.85]).status == CORRECT


def test_hints_climb_and_the_last_stops_short_of_the_answer():
    assert set(HINTS) == {"ex1", "ex2", "ex3"}
    assert all(len(hints) >= 3 for hints in HINTS.values())
    assert "0.025" not in " ".join(HINTS["ex3"]) and "return (x - np.mean(x))" not in " ".join(HINTS["ex1"])
