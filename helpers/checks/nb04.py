"""Exercises of notebook 04 (batch, stochastic and mini-batch gradient descent)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..data import factory_sales
from ..exercises import Exercise, Unsolved, Wrong, _short, as_numbers, blank, call, iterate
from ..i18n import N_, _
from ..optim import minibatch_gd, minibatches

# -- Exercise 1: how many updates does one epoch give? ------------------------------------------


def _check_updates(answer: Any) -> str:
    if isinstance(answer, (tuple, list)) and any(blank(a) for a in answer):
        raise Unsolved(_("Fill in both numbers: (updates_per_epoch, last_batch_size)."))
    updates, last = as_numbers(answer, ("updates_per_epoch", "last_batch_size"), _("Your answer"),
                               returned=False)
    if (updates, last) == (8, 32):
        raise Wrong(_("(8, 32) is the right pair in the wrong order: first the number of updates, "
                      "then the size of the last batch."))
    if updates != int(updates):
        raise Wrong(_("{updates:g} is not a whole number of updates: each batch gives one update, "
                      "and the examples that are left over still make a (short) batch. Round up."
                      ).format(updates=updates))
    if updates == 31:
        raise Wrong(_("31 full batches hold 31 × 32 = 992 examples; the 8 that are left over make "
                      "a short 32nd batch, which is kept (every example is used once per epoch)."))
    if updates == 1000:
        raise Wrong(_("1000 updates would be stochastic gradient descent (batch size 1). With "
                      "batches of 32, one update uses 32 examples."))
    if updates == 1:
        raise Wrong(_("1 update per epoch is batch gradient descent (all 1000 examples at once). "
                      "With batches of 32, each batch of 32 gives its own update."))
    if updates != 32:
        raise Wrong(_("Not {updates:g}: count how many batches of 32 it takes to use all 1000 "
                      "examples once, the short last one included.").format(updates=updates))
    if last == 32:
        raise Wrong(_("32 updates is right, but the last batch is not full: 31 full batches use "
                      "992 of the 1000 examples. How many are left for the last one?"))
    if last == 24:
        raise Wrong(_("32 updates is right. 24 is how many examples the last batch is *missing*; "
                      "it holds what is left after 31 full batches: 1000 − 31 × 32."))
    if last != 8:
        raise Wrong(_("32 updates is right. The last batch holds what is left after 31 full "
                      "batches: 1000 − 31 × 32; not {last:g}.").format(last=last))
    return _("32 updates: 31 batches of 32 examples and a last batch of 8 (1000 = 31 × 32 + 8). "
             "In general: ceil(N / B) updates per epoch.")


ex1 = Exercise(
    "ex1",
    _check_updates,
    hint=(N_("One update per batch. How many batches does it take to use all 1000 examples once?"),
          N_("How many examples do 31 full batches of 32 hold? What happens to the rest?"),
          N_("31 × 32 = 992. The examples left over are not thrown away: they make one more, "
             "shorter batch. Count the updates, and the examples in that last batch.")),
    solution=N_("(32, 8): ceil(1000 / 32) = 32 updates; 31 × 32 = 992, so the last batch holds 8."),
    answer=(32, 8),
)

# -- Exercise 2: write the mini-batch iterator ------------------------------------------------


def _epoch(fn: Any, n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch of the learner's ``minibatches(n, batch_size, rng)``: its batches as integer
    arrays, within the time limit and at most n + 1 of them."""
    shown = f"minibatches({n}, {batch_size}, rng)"
    out = call(fn, n, batch_size, rng, shown=shown)
    if isinstance(out, np.ndarray) and out.ndim == 1:
        if out.size == n:
            raise Wrong(_("{shown} returned one array of {size} indices: all the indices at once. "
                          "Cut them into batches of batch_size and give those one by one: `yield` "
                          "each batch (or return a list of batches).").format(shown=shown,
                                                                             size=out.size))
        raise Wrong(_("{shown} returned one array of {size} indices, a single batch. Did you "
                      "`return` inside the loop? Use `yield` for each batch (or collect the "
                      "batches in a list and return it).").format(shown=shown, size=out.size))
    if isinstance(out, (str, bytes)):
        raise Wrong(_("{shown} returned text, {got}; it should give the batches, arrays of "
                      "indices, one by one: `yield` each batch.").format(shown=shown,
                                                                         got=_short(out)))
    if isinstance(out, numbers.Number):
        raise Wrong(_("{shown} returned {got}; it should give the batches, arrays of "
                      "indices, one by one: `yield` each batch.").format(shown=shown,
                                                                         got=_short(out)))
    batches = iterate(out, shown=shown, max_items=n + 1, what=_("batches"), fn=fn)
    if not batches:
        raise Wrong(_("{shown} gave no batch at all: it yields nothing. Use `yield` for each "
                      "batch inside a loop that runs, e.g. `for start in range(0, n, batch_size):`."
                      ).format(shown=shown))
    arrays = []
    for batch in batches:
        if batch is None:
            raise Wrong(_("{shown} gave None as a batch. If you used `rng.shuffle`: it shuffles in "
                          "place and returns None; use `order = rng.permutation(n)` instead."
                          ).format(shown=shown))
        if isinstance(batch, (numbers.Integral, np.integer)):
            raise Wrong(_("{shown} gave single numbers ({got}, ...), not batches: yield "
                          "a slice of indices, order[start:start + batch_size], not one index."
                          ).format(shown=shown, got=_short(batch)))
        arr = np.asarray(batch)
        if arr.ndim != 1 or not (np.issubdtype(arr.dtype, np.integer) or arr.size == 0):
            raise Wrong(_("Each batch of {shown} should be a 1-D array of example indices "
                          "(whole numbers); got {got}.").format(shown=shown, got=_short(batch)))
        arrays.append(arr)
    return arrays


def _partition(batches: list[np.ndarray]) -> frozenset[frozenset[int]]:
    return frozenset(frozenset(b.tolist()) for b in batches)


def _check_minibatches(fn: Any) -> str:
    rng = np.random.default_rng(0)
    before = rng.bit_generator.state
    batches = _epoch(fn, 10, 4, rng)
    sizes = [len(b) for b in batches]
    seen = np.sort(np.concatenate(batches))
    if len(seen) < 10 and sizes[:2] == [4, 4]:
        raise Wrong(_("minibatches(10, 4, rng) gave batches of sizes {sizes}: the last, short "
                      "batch of 2 is missing. Keep it, so every example is used once per epoch."
                      ).format(sizes=sizes))
    if not np.array_equal(seen, np.arange(10)):
        raise Wrong(_("Over one epoch, minibatches(10, 4, rng) should use every index 0..9 exactly "
                      "once; it used {used}. Shuffle all the indices once (a "
                      "permutation), then cut them into pieces.").format(used=seen.tolist()))
    if np.array_equal(np.concatenate(batches), np.arange(10)) and rng.bit_generator.state == before:
        raise Wrong(_("minibatches(10, 4, rng) gave the indices in the order 0, 1, 2, ...: nothing "
                      "was shuffled. Shuffle the indices first, with the rng you are given: "
                      "order = rng.permutation(n)."))
    if rng.bit_generator.state == before:
        raise Wrong(_("minibatches(10, 4, rng) did not use the generator `rng` it was given (its "
                      "state did not move). Shuffle with it, order = rng.permutation(n) — not "
                      "np.random.permutation (numpy's global generator), and not a new "
                      "np.random.default_rng(...) inside the function."))
    epochs = [batches] + [_epoch(fn, 10, 4, rng) for _i in range(5)]
    orders = [np.concatenate(e) for e in epochs]
    if all(np.array_equal(order, np.arange(10)) for order in orders):
        raise Wrong(_("The batches come in the order 0, 1, 2, ...: shuffle the indices first "
                      "(rng.permutation(n))."))
    if all(np.array_equal(order, orders[0]) for order in orders[1:]):
        raise Wrong(_("Six epochs with the same rng gave the same order every time: draw a new "
                      "order from the rng each time the function is called (one call = one epoch)."))
    if len({_partition(e) for e in epochs}) == 1:
        groups = ", ".join("{" + ", ".join(map(str, sorted(b.tolist()))) + "}" for b in epochs[0])
        raise Wrong(_("Six epochs of minibatches(10, 4, rng) always grouped the same examples "
                      "together ({groups}): only the order of the batches, or the order inside "
                      "each batch, changed. Shuffle all the indices first, then cut the shuffled "
                      "order into batches, so that examples meet new partners every epoch."
                      ).format(groups=groups))
    if sizes != [4, 4, 2]:
        raise Wrong(_("minibatches(10, 4, rng) should give batches of sizes [4, 4, 2]; got {sizes}."
                      ).format(sizes=sizes))
    again = [np.concatenate(_epoch(fn, 10, 4, np.random.default_rng(0)))]
    if not np.array_equal(again[0], orders[0]):
        raise Wrong(_("Two calls with a fresh default_rng(0) gave different batches: the order "
                      "must come only from the `rng` you are given (same seed, same batches)."))
    other = np.concatenate(_epoch(fn, 10, 4, np.random.default_rng(1)))
    if np.array_equal(other, orders[0]):
        raise Wrong(_("Two different seeds gave the same order: shuffle with the rng you are given."))
    for n, size, expected in ((1000, 32, [32] * 31 + [8]), (12, 4, [4, 4, 4]), (5, 5, [5]), (3, 1, [1, 1, 1])):
        got = [len(b) for b in _epoch(fn, n, size, np.random.default_rng(2))]
        if got != expected:
            short = (str(expected) if len(expected) <= 4
                     else _("31 batches of 32 and a last one of 8"))
            got_text = (str(got) if len(got) <= 6
                        else _("{count} batches, the last of {last}").format(count=len(got),
                                                                            last=got[-1]))
            message = _("minibatches({n}, {size}, rng) should give batch sizes {expected}; got "
                        "{got}.").format(n=n, size=size, expected=short, got=got_text)
            if got and got[-1] == 0:
                message += _(" An empty batch at the end: does your loop run one step too far?")
            raise Wrong(message)
    same = all(np.array_equal(a, b) for a, b in zip(
        _epoch(fn, 50, 8, np.random.default_rng(3)), minibatches(50, 8, np.random.default_rng(3))))
    praise = _("Every index once per epoch, a new order and new groups each epoch, the same "
               "batches for the same seed, and the short last batch kept.")
    if same:
        praise += _(" It even gives the same batches as helpers.optim.minibatches for the same "
                    "seed.")
    return praise


ex2 = Exercise(
    "ex2",
    _check_minibatches,
    hint=(N_("Two steps: first put the indices 0 .. n-1 in a random order, using `rng`; then cut "
             "that order into consecutive pieces of batch_size."),
          N_("rng.permutation(n) gives the indices 0..n-1 in a new random order each time you call "
             "it. A slice order[start:start + batch_size] is one batch."),
          N_("Let start run over 0, batch_size, 2·batch_size, ... with range(0, n, batch_size), and "
             "`yield` one slice per start; the last slice is simply shorter.")),
    solution=N_("def minibatches(n, batch_size, rng):\n"
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
    if isinstance(answer, (tuple, list)) and any(blank(a) for a in answer):
        raise Unsolved(_("Fill in both: (batch_size, lr)."))
    batch_size, lr = as_numbers(answer, ("batch_size", "lr"), _("Your answer"), returned=False)
    x_n = len(budget_data()[0])
    if 0 < batch_size < 1 and lr >= 1 and lr == int(lr):
        raise Wrong(_("({first!r}, {second!r}) looks swapped: the batch size comes first, "
                      "then the learning rate.").format(first=answer[0], second=answer[1]))
    if batch_size != int(batch_size) or not 1 <= batch_size <= x_n:
        raise Wrong(_("batch_size should be a whole number from 1 to {n}; got {batch_size:g}."
                      ).format(n=x_n, batch_size=batch_size))
    if not lr > 0:
        raise Wrong(_("lr should be a positive number; got {lr:g}.").format(lr=lr))
    batch_size = int(batch_size)
    x, y = budget_data()
    runs = [minibatch_gd(x, y, *START, float(lr), int(batch_size), BUDGET_EPOCHS, seed) for seed in SEEDS]
    if any(run.diverged for run in runs):
        raise Wrong(_("With B = {batch_size} and lr = {lr:g} the run diverges: take a smaller "
                      "learning rate.").format(batch_size=batch_size, lr=lr))
    excess = [float(run.above_minimum[-1]) for run in runs]
    shown = ", ".join(f"{e:,.1f}" for e in excess)
    updates = runs[0].num_updates
    if max(excess) > TARGET_EXCESS:
        advice = (_(" With so few updates, no stable learning rate gets there: use smaller "
                    "batches.")
                  if updates <= 10 else
                  _(" Too slow? A larger learning rate (or smaller batches, for more updates). "
                    "Too jittery? A smaller learning rate or larger batches."))
        raise Wrong(_("B = {batch_size}, lr = {lr:g}: {updates} updates in {epochs} epochs "
                      "end at {shown} above the minimum (seeds 0–4); the target is at most "
                      "{target:g} for every seed.{advice}").format(
            batch_size=batch_size, lr=lr, updates=updates, epochs=BUDGET_EPOCHS, shown=shown,
            target=TARGET_EXCESS, advice=advice))
    return _("B = {batch_size}, lr = {lr:g}: {updates} updates, ending {shown} above the "
             "minimum (seeds 0–4), within {target:g} every time.").format(
        batch_size=batch_size, lr=lr, updates=updates, shown=shown, target=TARGET_EXCESS)


ex3 = Exercise(
    "ex3",
    _check_budget,
    hint=(N_("Count the updates: batch GD gets only 2 from 600 examples. How many does a batch "
             "of 4 get? A batch of 32?"),
          N_("More updates help, but a smaller batch is noisier: the learning rate that works "
             "depends on the batch size. Try pairs in the live figure of section 5 (2 epochs, "
             "seeds 0–4)."),
          N_("Take a small batch (between 1 and 32) and, in the live figure, raise the learning "
             "rate until the final loss is within 10 of the minimum for every seed, without the "
             "jitter getting worse.")),
    solution=N_("Several answers work, for example (1, 0.005), (4, 0.02), (8, 0.03), (16, 0.05) or "
                "(32, 0.1): many cheap updates with a learning rate small enough for their noise."),
    answer=(4, 0.02),
)
