"""A corpus of the mistakes beginners really make, per exercise: each is refused, and its message
names the problem (asserted on key words). Right answers in another form still pass. Property-
based answers probe the edges. The time and size guard is tested with an endless function, an
endless generator, code that swallows the stop, the settrace fallback, and Ctrl-C."""

from __future__ import annotations

import _thread
import linecache
import threading
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.exercises as E
from helpers.checks import nb01, nb02, nb03, nb04
from helpers.exercises import CORRECT, STOPPED, UNSOLVED, WRONG, Exercise
from helpers.model import mse_gradient
from helpers.optim import minibatches


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(E, "TIME_LIMIT", 0.5)


def cell(source: str, name: str):
    """Define a function as a learner would in a notebook cell (ipykernel's file name), so that
    error messages can point at the line of the cell."""
    filename = f"/tmp/ipykernel_4242/{abs(hash(source))}.py"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"np": np}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def refused(ex: Exercise, answer, *words: str) -> str:
    verdict = ex.verdict(answer)
    assert verdict.status == WRONG, (answer, str(verdict))
    for word in words:
        assert word.lower() in verdict.message.lower(), (word, verdict.message)
    return verdict.message


# -- notebook 01 ------------------------------------------------------------------------------

INIT_MISTAKES = {
    "global np.random": (lambda s, sc, rng: np.random.normal(0, sc, s), ["did not use", "np.random.normal"]),
    "new generator, fixed seed": (lambda s, sc, rng: np.random.default_rng(0).normal(0, sc, s),
                                  ["did not use", "default_rng"]),
    "new generator, no seed": (lambda s, sc, rng: np.random.default_rng().normal(0, sc, s), ["did not use"]),
    "no size": (lambda s, sc, rng: rng.normal(0, sc), ["single number", "size=shape"]),
    "variance for sd": (lambda s, sc, rng: rng.normal(0, sc**2, s), ["standard deviation", "scale²"]),
    "scale as the mean": (lambda s, sc, rng: rng.normal(sc, size=s), ["mean", "rng.normal(0, scale"]),
    "uniform": (lambda s, sc, rng: rng.uniform(-sc * 3**0.5, sc * 3**0.5, s), ["bell curve", "rng.uniform"]),
    "random in [0, 1)": (lambda s, sc, rng: rng.random(s) * sc, ["mean", "positive"]),
    "zeros": (lambda s, sc, rng: np.zeros(s), ["every weight the same"]),
    "scale ignored": (lambda s, sc, rng: rng.normal(size=s), ["standard deviation", "multiply by scale"]),
    "text": (lambda s, sc, rng: str(rng.normal(0, sc, s)), ["text", "return the array"]),
    "first axis only": (lambda s, sc, rng: rng.normal(0, sc, s[0]), ["shape (2, 4)", "size=shape"]),
    "square root of scale": (lambda s, sc, rng: rng.normal(0, np.sqrt(sc), s), ["√scale"]),
    "called, not passed": (np.zeros(3), ["pass the function itself"]),
}


@pytest.mark.parametrize("name", INIT_MISTAKES)
def test_nb01_ex1_mistakes(name):
    answer, words = INIT_MISTAKES[name]
    refused(nb01.ex1, answer, *words)


@pytest.mark.parametrize("answer", [
    lambda s, sc, rng: rng.normal(0.0, sc, size=s),
    lambda s, sc, rng: rng.standard_normal(s) * sc,
    lambda s, sc, rng: rng.normal(0, sc, s).tolist(),
    lambda s, sc, rng: np.random.default_rng(rng).normal(0, sc, s),
])
def test_nb01_ex1_right_in_other_forms(answer):
    assert nb01.ex1.verdict(answer).correct


@settings(max_examples=15, deadline=None)
@given(factor=st.floats(0.2, 5.0).filter(lambda f: abs(f - 1) > 0.06))
def test_nb01_ex1_any_wrong_spread_is_refused(factor):
    refused(nb01.ex1, lambda s, sc, rng: rng.normal(0, sc * factor, s), "standard deviation")


SIGMA_MISTAKES = [(1, ["smaller σ"]), (10, ["σ²"]), (100, ["highest"]), ("0.1", ["text", "without quotes"]),
                  ([0.1], ["not inside a list"]), ((0.1,), ["not inside a tuple"]), (0, ["one of 0.1, 1, 10, 100"]),
                  (True, ["one of"]), ("ten", ["text", "a number"])]


@pytest.mark.parametrize("answer, words", SIGMA_MISTAKES)
def test_nb01_ex2_mistakes(answer, words):
    refused(nb01.ex2, answer, *words)


SYMMETRY_MISTAKES = [("different", ["equal"]), ("Different ", ["equal"]), (True, ["in quotes"]), (1, ["in quotes"]),
                     (["same"], ["not inside a list"]), ("yes", ["one of 'same', 'different'"]),
                     ("the same", ["just 'same'"]), ("same or different", ["choose one"])]


@pytest.mark.parametrize("answer, words", SYMMETRY_MISTAKES)
def test_nb01_ex3_mistakes(answer, words):
    refused(nb01.ex3, answer, *words)


# -- notebook 02 ------------------------------------------------------------------------------

def _inplace(y, y_hat):
    y_hat -= y
    return np.mean(y_hat**2)


def _return_in_loop(y, y_hat):
    for i in range(len(y)):
        return (y_hat[i] - y[i]) ** 2


MSE_MISTAKES = {
    "sum": (lambda y, p: np.sum((p - y) ** 2), ["*sum*", "np.mean"]),
    "twice": (lambda y, p: 2 * np.mean((p - y) ** 2), ["twice the MSE"]),
    "half": (lambda y, p: np.mean((p - y) ** 2) / 2, ["half the MSE"]),
    "root": (lambda y, p: np.sqrt(np.mean((p - y) ** 2)), ["RMSE"]),
    "absolute": (lambda y, p: np.mean(np.abs(p - y)), ["*absolute*"]),
    "not squared": (lambda y, p: np.mean(p - y), ["without squaring"]),
    "square of the mean": (lambda y, p: np.mean(p - y) ** 2, ["averaging the errors before squaring"]),
    "variance": (lambda y, p: np.var(p - y), ["np.var"]),
    "n - 1": (lambda y, p: np.sum((p - y) ** 2) / (len(y) - 1) if len(y) > 1 else np.inf, ["n − 1"]),
    "floor division": (lambda y, p: np.sum((p - y) ** 2) // len(y), ["//"]),
    "squares first": (lambda y, p: np.mean(p**2 - y**2), ["squared before subtracting"]),
    "text": (lambda y, p: str(np.mean((p - y) ** 2)), ["text", "return the number"]),
    "f-string": (lambda y, p: f"{np.mean((p - y) ** 2):.2f}", ["text"]),
    "not averaged": (lambda y, p: (p - y) ** 2, ["one per example", "np.mean"]),
    "keepdims": (lambda y, p: np.mean((p - y) ** 2, keepdims=True), ["one number", "shape (1,)"]),
    "changes y_hat": (_inplace, ["changed `y_hat`"]),
    "return in a loop": (_return_in_loop, ["first example only", "inside a loop"]),
    "yield": (lambda y, p: (v for v in [np.mean((p - y) ** 2)]), ["generator", "return"]),
    "error in the cell": (cell("def mse(y, y_hat):\n    errors = y_hat - y\n    return np.mean(erors ** 2)\n", "mse"),
                          ["NameError", "line 3 of your cell", "np.mean(erors ** 2)"]),
}


@pytest.mark.parametrize("name", MSE_MISTAKES)
def test_nb02_ex1_mistakes(name):
    answer, words = MSE_MISTAKES[name]
    refused(nb02.ex1, answer, *words)


def test_nb02_ex1_two_times_the_mean_is_not_called_the_sum():
    message = refused(nb02.ex1, lambda y, p: 2 * np.mean((p - y) ** 2))
    assert "sum" not in message.lower()


@pytest.mark.parametrize("answer", [
    lambda y, p: np.mean((y - p) ** 2),
    lambda y, p: sum((a - b) ** 2 for a, b in zip(y, p)) / len(y),
    lambda y, p: float(np.dot(p - y, p - y) / len(y)),
    lambda y, p: np.square(np.subtract(p, y)).mean(),
])
def test_nb02_ex1_right_in_other_forms(answer):
    assert nb02.ex1.verdict(answer).correct


@settings(max_examples=15, deadline=None)
@given(offset=st.floats(-1e3, 1e3).filter(lambda c: abs(c) > 1e-3))
def test_nb02_ex1_any_offset_is_refused(offset):
    refused(nb02.ex1, lambda y, p: np.mean((p - y) ** 2) + offset, "should be")


MINIMUM_MISTAKES = [((31.0, 8.1), ["wrong order"]), (("8.1", "31"), ["text", "without quotes"]),
                    (8.1, ["2 numbers"]), ((8.1, 31.0, 1.0), ["2 numbers"]), ((0, 0), ["move w up"]),
                    ((8.1, 0.0), ["move b up"]), ((float("nan"), 31.0), ["finite"]), ((True, 31.0), ["truth value"]),
                    ({"w": 8.1, "b": 31.0}, ["2 numbers"])]


@pytest.mark.parametrize("answer, words", MINIMUM_MISTAKES)
def test_nb02_ex2_mistakes(answer, words):
    refused(nb02.ex2, answer, *words)


@pytest.mark.parametrize("answer", [(8.1, 31.0), [8.1, 31.0], np.array([8.1, 31.0]), (np.float64(8.09), 31)])
def test_nb02_ex2_right_in_other_forms(answer):
    assert nb02.ex2.verdict(answer).correct


LINE_MISTAKES = [("B", ["36"]), ("b", ["36"]), ("C", ["one of 'A', 'B'"]), (7, ["in quotes"]), (9, ["in quotes"]),
                 (["A"], ["not inside a list"]), ("line A", ["just 'A'"]), ("A or B", ["choose one"]),
                 (True, ["in quotes"])]


@pytest.mark.parametrize("answer, words", LINE_MISTAKES)
def test_nb02_ex3_mistakes(answer, words):
    refused(nb02.ex3, answer, *words)


# -- notebook 03 ------------------------------------------------------------------------------

def _grad(x, y, w, b):
    r = w * x + b - y
    return 2 * np.mean(r * x), 2 * np.mean(r)


def _grad_changes_y(x, y, w, b):
    y -= w * x + b
    return -2 * np.mean(y * x), -2 * np.mean(y)


GRADIENT_MISTAKES = {
    "swapped": (lambda x, y, w, b: _grad(x, y, w, b)[::-1], ["wrong order", "(dw, db)"]),
    "no factor 2": (lambda x, y, w, b: tuple(g / 2 for g in _grad(x, y, w, b)), ["half", "2·(…)"]),
    "sign": (lambda x, y, w, b: tuple(-g for g in _grad(x, y, w, b)), ["signs are flipped"]),
    "sums": (lambda x, y, w, b: (2 * np.sum((w * x + b - y) * x), 2 * np.sum(w * x + b - y)), ["n times", "np.mean"]),
    "db without 2": (lambda x, y, w, b: (_grad(x, y, w, b)[0], np.mean(w * x + b - y)), ["dw is right", "db should be", "half"]),
    "dw without x": (lambda x, y, w, b: (2 * np.mean(w * x + b - y), _grad(x, y, w, b)[1]), ["db is right", "dw should be", "factor x"]),
    "db with x": (lambda x, y, w, b: (_grad(x, y, w, b)[0],) * 2, ["dw is right", "db should be", "factor x"]),
    "product of means": (lambda x, y, w, b: (2 * np.mean(w * x + b - y) * np.mean(x), _grad(x, y, w, b)[1]),
                         ["dw should be", "product of the means"]),
    "text": (lambda x, y, w, b: str(_grad(x, y, w, b)), ["text", "numbers"]),
    "text pair": (lambda x, y, w, b: tuple(str(g) for g in _grad(x, y, w, b)), ["dw", "text"]),
    "only dw": (lambda x, y, w, b: _grad(x, y, w, b)[0], ["2 numbers", "(dw, db)"]),
    "changes y": (_grad_changes_y, ["changed `y`"]),
    "nan": (lambda x, y, w, b: (np.nan, 0.0), ["finite"]),
}


@pytest.mark.parametrize("name", GRADIENT_MISTAKES)
def test_nb03_ex1_mistakes(name):
    answer, words = GRADIENT_MISTAKES[name]
    refused(nb03.ex1, answer, *words)


@pytest.mark.parametrize("answer", [_grad, lambda *a: list(_grad(*a)), lambda *a: np.array(_grad(*a)), mse_gradient])
def test_nb03_ex1_right_in_other_forms(answer):
    assert nb03.ex1.verdict(answer).correct


@settings(max_examples=15, deadline=None)
@given(fw=st.floats(-3, 3), fb=st.floats(-3, 3))
def test_nb03_ex1_any_scaled_gradient_is_refused_and_names_the_entry(fw, fb):
    answer = lambda x, y, w, b: (fw * _grad(x, y, w, b)[0], fb * _grad(x, y, w, b)[1])  # noqa: E731
    verdict = nb03.ex1.verdict(answer)
    if abs(fw - 1) < 1e-5 and abs(fb - 1) < 1e-5:
        assert verdict.correct
    elif abs(fw - 1) < 1e-5:
        assert verdict.status == WRONG and "dw is right" in verdict.message
    elif abs(fb - 1) < 1e-5:
        assert verdict.status == WRONG and "db is right" in verdict.message
    else:
        assert verdict.status == WRONG


def _descend(x, y, w0, b0, lr, num_steps, *, steps=None, plus=False, seq=False, early=False, lr_off=False):
    w, b = w0, b0
    for _ in range(num_steps if steps is None else steps(num_steps)):
        dw, db = mse_gradient(x, y, w, b)
        if seq:
            w = w - lr * dw
            b = b - lr * mse_gradient(x, y, w, b)[1]
            continue
        step = 1.0 if lr_off else lr
        w, b = (w + step * dw, b + step * db) if plus else (w - step * dw, b - step * db)
        if early:
            return w, b
    return w, b


def _descend_endless(x, y, w0, b0, lr, num_steps):
    w, b, i = w0, b0, 0
    while i < num_steps:
        dw, db = mse_gradient(x, y, w, b)
        w, b = w - lr * dw, b - lr * db
    return w, b


def _descend_history(x, y, w0, b0, lr, num_steps):
    ws, w, b = [w0], w0, b0
    for _ in range(num_steps):
        dw, db = mse_gradient(x, y, w, b)
        w, b = w - lr * dw, b - lr * db
        ws.append(w)
    return ws


LOOP_MISTAKES = {
    "one step too many": (lambda *a: _descend(*a, steps=lambda n: n + 1), ["steps instead of", "range(num_steps)"]),
    "one step too few": (lambda *a: _descend(*a, steps=lambda n: max(n - 1, 0)), ["steps instead of"]),
    "uphill": (lambda *a: _descend(*a, plus=True), ["uphill", "minus sign"]),
    "sequential": (lambda *a: _descend(*a, seq=True), ["new w", "same (w, b)"]),
    "return in the loop": (lambda *a: _descend(*a, early=True), ["only 1 step", "inside the loop"]),
    "no learning rate": (lambda *a: _descend(*a, lr_off=True), ["learning rate"]),
    "swapped": (lambda *a: _descend(*a)[::-1], ["wrong order", "(w, b)"]),
    "from zero": (lambda x, y, w0, b0, lr, n: _descend(x, y, 0.0, 0.0, lr, n), ["(0, 0)", "w0, b0"]),
    "history": (_descend_history, ["history", "final (w, b)"]),
    "text": (lambda *a: f"{_descend(*a)}", ["text"]),
    "gradient returned": (lambda x, y, w0, b0, lr, n: mse_gradient(x, y, *_descend(x, y, w0, b0, lr, n)), ["gradient"]),
    "endless while": (_descend_endless, ["still running", "seconds", "while"]),
}


@pytest.mark.parametrize("name", LOOP_MISTAKES)
def test_nb03_ex2_mistakes(name):
    answer, words = LOOP_MISTAKES[name]
    message = refused(nb03.ex2, answer, *words)
    assert "(dw, db)" not in message or name == "gradient returned"


@pytest.mark.parametrize("answer", [_descend, lambda *a: list(_descend(*a)), lambda *a: np.array(_descend(*a))])
def test_nb03_ex2_right_in_other_forms(answer):
    assert nb03.ex2.verdict(answer).correct


BOUND = 0.015429729048867602

LR_MISTAKES = [(0.0155, ["diverges", "slowly"]), (0.016, ["diverges"]), (0.02, ["diverges"]), (0.01, ["go higher"]),
               (0.001, ["go higher"]), (129.6, ["curvature", "2 divided by it"]), (1 / 129.62, ["one step", "twice"]),
               ("0.0154", ["text", "without quotes"]), ([0.0154], ["one number"]), (-0.01, ["positive"]),
               (0, ["positive"]), (float("nan"), ["positive"]), (True, ["truth value"]), (BOUND, ["diverges"])]


@pytest.mark.parametrize("answer, words", LR_MISTAKES)
def test_nb03_ex3_mistakes(answer, words):
    refused(nb03.ex3, answer, *words)


@settings(max_examples=25, deadline=None)
@given(lr=st.floats(0.0, 0.1, exclude_min=True))
def test_nb03_ex3_accepts_only_stable_rates_near_the_bound(lr):
    verdict = nb03.ex3.verdict(lr)
    assert verdict.correct == (0.95 * BOUND <= lr < BOUND), (lr, verdict.message)


STEP_MISTAKES = [(25, ["more steps"]), (35, ["fewer steps"]), (28.4, ["whole number", "np.ceil"]),
                 (float("nan"), ["nan", "np.log(abs(rho))"]), (float("inf"), ["infinite"]), (-29, ["negative"]),
                 ("29", ["text"]), ([29], ["one number"]), (True, ["truth value"]), (0, ["more steps"])]


@pytest.mark.parametrize("answer, words", STEP_MISTAKES)
def test_nb03_ex4_mistakes(answer, words):
    message = refused(nb03.ex4, answer, *words)
    assert "whole number" not in message or answer == 28.4


@settings(max_examples=25, deadline=None)
@given(k=st.integers(-5, 200))
def test_nb03_ex4_accepts_a_count_within_one_step(k):
    assert nb03.ex4.verdict(k).correct == (abs(k - 29) <= 1)


# -- notebook 04 ------------------------------------------------------------------------------

UPDATE_MISTAKES = [((31, 8), ["992"]), ((8, 32), ["wrong order"]), ((32, 32), ["not full"]), ((32, 24), ["*missing*"]),
                   ((31.25, 8), ["whole number", "round up"]), (("32", "8"), ["text"]), ((1000, 1), ["stochastic"]),
                   (32, ["2 numbers"]), ((32, 8, 1), ["2 numbers"]), ((33, 8), ["not 33"]), ((1, 1000), ["batch gradient descent"]),
                   ((32, 7), ["1000 − 31 × 32"])]


@pytest.mark.parametrize("answer, words", UPDATE_MISTAKES)
def test_nb04_ex1_mistakes(answer, words):
    refused(nb04.ex1, answer, *words)


@pytest.mark.parametrize("answer", [(32, 8), [32, 8], np.array([32, 8]), (32.0, 8.0), (np.int64(32), 8)])
def test_nb04_ex1_right_in_other_forms(answer):
    assert nb04.ex1.verdict(answer).correct


@settings(max_examples=25, deadline=None)
@given(u=st.integers(-5, 2000), last=st.integers(-5, 100))
def test_nb04_ex1_only_one_pair_is_right(u, last):
    assert nb04.ex1.verdict((u, last)).correct == ((u, last) == (32, 8))


def _mb(order_of, *, drop_last=False, endless=False):
    def minibatches_yours(n, batch_size, rng):
        order = order_of(n, rng)
        stop = n - batch_size + 1 if drop_last else n
        while True:
            for start in range(0, stop, batch_size):
                yield order[start:start + batch_size]
            if not endless:
                return
    return minibatches_yours


def _batches_shuffled(n, batch_size, rng):
    batches = [np.arange(s, min(s + batch_size, n)) for s in range(0, n, batch_size)]
    for k in rng.permutation(len(batches)):
        yield batches[k]


def _inside_shuffled(n, batch_size, rng):
    for s in range(0, n, batch_size):
        yield rng.permutation(np.arange(s, min(s + batch_size, n)))


_shuffle_returns_none = cell(
    "def minibatches_yours(n, batch_size, rng):\n"
    "    order = rng.shuffle(np.arange(n))\n"
    "    for start in range(0, n, batch_size):\n"
    "        yield order[start:start + batch_size]\n", "minibatches_yours")

_return_not_yield = cell(
    "def minibatches_yours(n, batch_size, rng):\n"
    "    order = rng.permutation(n)\n"
    "    for start in range(0, n, batch_size):\n"
    "        return order[start:start + batch_size]\n", "minibatches_yours")

_error_while_iterating = cell(
    "def minibatches_yours(n, batch_size, rng):\n"
    "    order = rng.permutation(n)\n"
    "    for start in range(0, n, batch_size):\n"
    "        yield order[start:start + batch_size] + offset\n", "minibatches_yours")

MINIBATCH_MISTAKES = {
    "np.random global": (_mb(lambda n, rng: np.random.permutation(n)), ["did not use", "np.random.permutation"]),
    "new generator inside": (_mb(lambda n, rng: np.random.default_rng(0).permutation(n)), ["did not use", "default_rng"]),
    "not shuffled": (_mb(lambda n, rng: np.arange(n)), ["nothing was shuffled", "rng.permutation"]),
    "batches shuffled, not examples": (_batches_shuffled, ["same examples", "shuffle all the indices first"]),
    "shuffled inside each batch": (_inside_shuffled, ["same examples"]),
    "rng.shuffle returns None": (_shuffle_returns_none, ["TypeError", "line 4 of your cell", "rng.shuffle",
                                                         "returns None"]),
    "return instead of yield": (_return_not_yield, ["single batch", "`yield`"]),
    "all indices in one array": (lambda n, b, rng: rng.permutation(n), ["all the indices at once", "yield"]),
    "short batch dropped": (_mb(lambda n, rng: rng.permutation(n), drop_last=True), ["short", "missing"]),
    "with replacement": (lambda n, b, rng: [rng.integers(0, n, min(b, n - s)) for s in range(0, n, b)],
                         ["exactly once"]),
    "never stops": (_mb(lambda n, rng: rng.permutation(n), endless=True), ["kept going", "ever end"]),
    "yields nothing": (lambda n, b, rng: iter([]), ["no batch", "yield"]),
    "error while iterating": (_error_while_iterating, ["NameError", "offset", "line 4 of your cell"]),
    "single indices": (lambda n, b, rng: iter(rng.permutation(n)), ["single numbers", "slice"]),
    "text": (lambda n, b, rng: "0 1 2", ["text"]),
}


@pytest.mark.parametrize("name", MINIBATCH_MISTAKES)
def test_nb04_ex2_mistakes(name):
    answer, words = MINIBATCH_MISTAKES[name]
    message = refused(nb04.ex2, answer, *words)
    assert "could not be checked" not in message


@pytest.mark.parametrize("answer", [
    minibatches,
    lambda n, b, rng: [p[s:s + b] for p in [rng.permutation(n)] for s in range(0, n, b)],
    lambda n, b, rng: np.array_split(rng.permutation(n), range(b, n, b)),
    lambda n, b, rng: (p[s:s + b].tolist() for p in [rng.choice(n, n, replace=False)] for s in range(0, n, b)),
])
def test_nb04_ex2_right_in_other_forms(answer):
    assert nb04.ex2.verdict(answer).correct


BUDGET_MISTAKES = [((0.02, 4), ["swapped"]), ((300, 0.1), ["smaller batches"]), ((1, 0.5), ["diverges"]),
                   ((4, 0.0001), ["larger learning rate"]), (("4", "0.02"), ["text"]), ((0, 0.02), ["from 1 to 300"]),
                   ((4, -1), ["positive"]), ((4, float("nan")), ["finite"]), (4, ["2 numbers"]),
                   ((301, 0.01), ["from 1 to 300"]), ((4.5, 0.02), ["whole number"])]


@pytest.mark.parametrize("answer, words", BUDGET_MISTAKES)
def test_nb04_ex3_mistakes(answer, words):
    refused(nb04.ex3, answer, *words)


@pytest.mark.parametrize("answer", [(4, 0.02), [4, 0.02], (4.0, 0.02), (np.int64(8), np.float64(0.03))])
def test_nb04_ex3_right_in_other_forms(answer):
    assert nb04.ex3.verdict(answer).correct


# -- the time and size guard ------------------------------------------------------------------

def test_an_endless_function_is_stopped_in_time():
    def endless(*args):
        while True:
            pass

    start = time.monotonic()
    for ex in (nb01.ex1, nb02.ex1, nb03.ex1, nb03.ex2, nb04.ex2):
        message = refused(ex, endless, "still running", "seconds")
        assert "Traceback" not in message
    assert time.monotonic() - start < 5 * (E.TIME_LIMIT + 1)


def test_an_endless_generator_is_stopped_by_its_length():
    def endless(n, batch_size, rng):
        while True:
            yield rng.permutation(n)[:batch_size]

    refused(nb04.ex2, endless, "kept going")


def test_a_generator_stuck_between_batches_is_stopped_in_time():
    def stuck(n, batch_size, rng):
        yield rng.permutation(n)[:batch_size]
        while True:
            pass

    refused(nb04.ex2, stuck, "still running", "after 1 batches")


def test_code_that_swallows_the_stop_is_stopped_again():
    def catches_everything(*args):
        try:
            while True:
                pass
        except:  # noqa: E722 - a learner's bare except swallows the first stop
            pass
        while True:
            pass

    def catches_exceptions(*args):
        while True:
            try:
                while True:
                    pass
            except Exception:  # the stop is not an Exception: it goes through
                pass

    for answer in (catches_everything, catches_exceptions):
        refused(nb02.ex1, answer, "still running")


def test_no_stop_lands_after_the_check():
    def slow_then_done(y, y_hat):
        end = time.monotonic() + E.TIME_LIMIT * 0.98
        while time.monotonic() < end:
            pass
        return np.mean((y_hat - y) ** 2)

    for _ in range(3):
        nb02.ex1.verdict(slow_then_done)
    time.sleep(2 * E.TIME_LIMIT)  # a stray TimeUp would be raised here
    assert threading.active_count() < 5


def test_the_settrace_fallback_stops_an_endless_function(monkeypatch):
    monkeypatch.setattr(E, "_ASYNC", None)

    def endless(y, y_hat):
        while True: pass  # noqa: E701 - one line: no "line" events, only opcodes

    refused(nb02.ex1, endless, "still running")


def test_ctrl_c_stops_the_check_with_one_line(monkeypatch, capsys):
    monkeypatch.setattr(E, "TIME_LIMIT", 30.0)

    def endless(y, y_hat):
        while True:
            pass

    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    nb02.ex1.check(endless)
    out = capsys.readouterr()
    assert out.out.strip().count("\n") == 0 and out.out.startswith("■ Check stopped.")
    assert out.err == ""
    assert nb02.ex1.verdict(endless if False else ...).status == UNSOLVED
    assert STOPPED == "stopped"


# -- climbing hints ---------------------------------------------------------------------------

EXERCISES = [nb01.ex1, nb01.ex2, nb01.ex3, nb02.ex1, nb02.ex2, nb02.ex3, nb03.ex1, nb03.ex2, nb03.ex3,
             nb03.ex4, nb04.ex1, nb04.ex2, nb04.ex3]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: f"{ex._checker.__module__.rsplit('.', 1)[1]}.{ex.name}")
def test_hints_climb_and_stop_short_of_the_solution(ex, capsys):
    fresh = Exercise(ex.name, ex._checker, ex.hints, ex._solution, ex.answer)
    assert len(fresh.hints) >= 2, "give every exercise hints that climb"
    for k in range(1, len(fresh.hints) + 2):
        fresh.hint()
        out = capsys.readouterr().out
        level = min(k, len(fresh.hints))
        assert out.startswith(f"Hint {level} of {len(fresh.hints)}: {fresh.hints[level - 1]}")
    assert "last hint" in out and f"{ex.name}.solution()" in out
    fresh.hint(1)
    assert capsys.readouterr().out.startswith("Hint 1 of")
    fresh.hint()
    assert capsys.readouterr().out.startswith("Hint 2 of")
    code_lines = [line.split("#")[0].strip() for line in ex._solution.splitlines()[1:]]
    for hint in ex.hints:
        for line in code_lines:
            assert not line or line not in hint, f"a hint gives away the solution line {line!r}"


@settings(max_examples=30, deadline=None)
@given(hints=st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=5),
       level=st.integers(-2, 8))
def test_any_hint_list_climbs(hints, level):
    ex = Exercise("q", lambda a: "", hints, "s")
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ex.hint(level)
        ex.hint()
    out = buf.getvalue()
    if 1 <= level <= len(hints):
        expected_next = min(level + 1, len(hints))
        assert hints[expected_next - 1] in out.split("\n", 2)[-1] or len(hints) == 1
    else:
        assert "hint(1)" in out
