"""Exercises of notebook 04 (batch, stochastic and mini-batch gradient descent)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..data import factory_sales
from ..exercises import Exercise, Unsolved, Wrong, blank, call
from ..optim import minibatch_gd, minibatches

# -- Exercise 1: how many updates does one epoch give? ------------------------------------------


def _check_updates(answer: Any) -> str:
    if blank(answer) or (isinstance(answer, tuple) and any(blank(a) for a in answer)):
        raise Unsolved("Fill in both numbers: (updates_per_epoch, last_batch_size).")
    if not isinstance(answer, tuple) or len(answer) != 2:
        raise Wrong(f"Answer with two numbers, (updates_per_epoch, last_batch_size); got {answer!r}.")
    updates, last = answer
    for value, what in ((updates, "updates_per_epoch"), (last, "last_batch_size")):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise Wrong(f"{what} should be a number; got {value!r}.")
    if updates != int(updates):
        raise Wrong(f"{updates} is not a whole number of updates: each batch gives one update, "
                    f"and the examples that are left over still make a (short) batch.")
    if updates == 31:
        raise Wrong("31 full batches hold 31 × 32 = 992 examples; the 8 that are left over make "
                    "a short 32nd batch, which is kept (every example is used once per epoch).")
    if updates == 1000:
        raise Wrong("1000 updates would be stochastic gradient descent (batch size 1). With "
                    "batches of 32, one update uses 32 examples.")
    if updates != 32:
        raise Wrong(f"Not {updates}: count how many batches of 32 it takes to use all 1000 "
                    f"examples once, the short last one included.")
    if last != 8:
        raise Wrong(f"32 updates is right. The last batch holds what is left after 31 full "
                    f"batches: 1000 − 31 × 32; not {last}.")
    return ("32 updates: 31 batches of 32 examples and a last batch of 8 (1000 = 31 × 32 + 8). "
            "In general: ceil(N / B) updates per epoch.")


ex1 = Exercise(
    "ex1",
    _check_updates,
    hint="How many examples do 31 full batches of 32 hold? What happens to the rest?",
    solution="(32, 8): ceil(1000 / 32) = 32 updates; 31 × 32 = 992, so the last batch holds 8.",
    answer=(32, 8),
)

# -- Exercise 2: write the mini-batch iterator ------------------------------------------------


def _epoch(fn: Any, n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    shown = f"minibatches({n}, {batch_size}, rng)"
    out = call(fn, n, batch_size, rng, shown=shown)
    try:
        batches = [np.asarray(batch) for batch in out]
    except TypeError:
        raise Wrong(f"{shown} should give the batches one by one (yield them, or return a list "
                    f"of arrays); got {type(out).__name__}.") from None
    if not batches:
        raise Wrong(f"{shown} gave no batch at all.")
    for batch in batches:
        if batch.ndim != 1 or not (np.issubdtype(batch.dtype, np.integer) or batch.size == 0):
            raise Wrong(f"Each batch of {shown} should be a 1-D array of example indices "
                        f"(whole numbers); got {batch!r}.")
    return batches


def _check_minibatches(fn: Any) -> str:
    rng = np.random.default_rng(0)
    batches = _epoch(fn, 10, 4, rng)
    sizes = [len(b) for b in batches]
    seen = np.sort(np.concatenate(batches))
    if len(seen) < 10 and sizes[:2] == [4, 4]:
        raise Wrong(f"minibatches(10, 4, rng) gave batches of sizes {sizes}: the last, short "
                    f"batch of 2 is missing. Keep it, so every example is used once per epoch.")
    if not np.array_equal(seen, np.arange(10)):
        raise Wrong(f"Over one epoch, minibatches(10, 4, rng) should use every index 0..9 exactly "
                    f"once; it used {seen.tolist()}. Shuffle all the indices once (a "
                    f"permutation), then cut them into pieces.")
    if sizes != [4, 4, 2]:
        raise Wrong(f"minibatches(10, 4, rng) should give batches of sizes [4, 4, 2]; got {sizes}.")
    orders = [np.concatenate(batches)]
    orders += [np.concatenate(_epoch(fn, 10, 4, rng)) for _ in range(3)]
    if all(np.array_equal(order, np.arange(10)) for order in orders):
        raise Wrong("The batches come in the order 0, 1, 2, ...: shuffle the indices first "
                    "(rng.permutation(n)).")
    if all(np.array_equal(order, orders[0]) for order in orders[1:]):
        raise Wrong("Four epochs with the same rng gave the same order every time: draw a new "
                    "order from the rng you are given each time the function is called (do "
                    "not make a new generator with a fixed seed inside).")
    other = np.concatenate(_epoch(fn, 10, 4, np.random.default_rng(1)))
    if np.array_equal(other, orders[0]):
        raise Wrong("Two different seeds gave the same order: use the rng you are given.")
    for n, size, expected in ((1000, 32, [32] * 31 + [8]), (12, 4, [4, 4, 4]), (5, 5, [5]), (3, 1, [1, 1, 1])):
        got = [len(b) for b in _epoch(fn, n, size, np.random.default_rng(2))]
        if got != expected:
            short = expected if len(expected) <= 4 else "31 batches of 32 and a last one of 8"
            raise Wrong(f"minibatches({n}, {size}, rng) should give batch sizes {short}; got "
                        f"{got if len(got) <= 6 else f'{len(got)} batches, the last of {got[-1]}'}.")
    same = all(np.array_equal(a, b) for a, b in zip(
        _epoch(fn, 50, 8, np.random.default_rng(3)), minibatches(50, 8, np.random.default_rng(3))))
    note = (" It even gives the same batches as helpers.optim.minibatches for the same seed."
            if same else "")
    return ("Every index once per epoch, a new order each epoch and for each seed, and the short "
            "last batch kept." + note)


ex2 = Exercise(
    "ex2",
    _check_minibatches,
    hint="order = rng.permutation(n) gives the indices 0..n-1 in a random order; then "
         "`for start in range(0, n, batch_size): yield order[start:start + batch_size]`.",
    solution=("def minibatches(n, batch_size, rng):\n"
              "    order = rng.permutation(n)                 # shuffle once per epoch\n"
              "    for start in range(0, n, batch_size):      # then cut into pieces\n"
              "        yield order[start:start + batch_size]  # the last one may be shorter"),
    answer=minibatches,
)

# -- Exercise 3: reach a target loss on a budget ----------------------------------------------

BUDGET_EPOCHS = 2
TARGET_EXCESS = 10.0
START = (-4.0, 10.0)
SEEDS = range(5)


def budget_data() -> tuple[np.ndarray, np.ndarray]:
    """The data of exercise 3: notebook 04's factory data (300 runs), material cost centred."""
    data = factory_sales(n=300, rng=0)
    return data.x - data.x.mean(), data.y


def _check_budget(answer: Any) -> str:
    if blank(answer) or (isinstance(answer, tuple) and any(blank(a) for a in answer)):
        raise Unsolved("Fill in both: (batch_size, lr).")
    if not isinstance(answer, tuple) or len(answer) != 2:
        raise Wrong(f"Answer with two numbers, (batch_size, lr); got {answer!r}.")
    batch_size, lr = answer
    x, y = budget_data()
    n = len(x)
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral) or not 1 <= batch_size <= n:
        raise Wrong(f"batch_size should be a whole number from 1 to {n}; got {batch_size!r}.")
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not 0 < lr < np.inf:
        raise Wrong(f"lr should be a positive number; got {lr!r}.")
    runs = [minibatch_gd(x, y, *START, float(lr), int(batch_size), BUDGET_EPOCHS, seed) for seed in SEEDS]
    if any(run.diverged for run in runs):
        raise Wrong(f"With B = {batch_size} and lr = {lr:g} the run diverges: take a smaller "
                    f"learning rate.")
    excess = [float(run.above_minimum[-1]) for run in runs]
    shown = ", ".join(f"{e:,.1f}" for e in excess)
    updates = runs[0].num_updates
    if max(excess) > TARGET_EXCESS:
        advice = (" With so few updates, no stable learning rate gets there: use smaller batches."
                  if updates <= 10 else
                  " Too slow? A larger learning rate (or smaller batches, for more updates). "
                  "Too jittery? A smaller learning rate or larger batches.")
        raise Wrong(f"B = {batch_size}, lr = {lr:g}: {updates} updates in {BUDGET_EPOCHS} epochs "
                    f"end at {shown} above the minimum (seeds 0–4); the target is at most "
                    f"{TARGET_EXCESS:g} for every seed.{advice}")
    return (f"B = {batch_size}, lr = {lr:g}: {updates} updates, ending {shown} above the "
            f"minimum (seeds 0–4), within {TARGET_EXCESS:g} every time.")


ex3 = Exercise(
    "ex3",
    _check_budget,
    hint="Batch GD gets only 2 updates from 600 examples. Count the updates each batch size "
         "gets, and remember that a smaller batch is noisier: the learning rate that works "
         "depends on the batch size. Try it in the live figure above (2 epochs).",
    solution=("Several answers work, for example (1, 0.005), (4, 0.02), (8, 0.03), (16, 0.05) or "
              "(32, 0.1): many cheap updates with a learning rate small enough for their noise."),
    answer=(4, 0.02),
)
