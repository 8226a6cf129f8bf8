"""Exercises of notebook 01 (random initialization)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..exercises import Exercise, Wrong, call, expect_choice, expect_close


def _check_init_weights(fn: Any) -> str:
    expected = np.random.default_rng(0).normal(0.0, 2.0, size=(3,))
    got = call(fn, (3,), 2.0, np.random.default_rng(0), shown="init_weights((3,), 2.0, default_rng(0))")
    got_2d = call(fn, (2, 4), 0.5, np.random.default_rng(1), shown="init_weights((2, 4), 0.5, default_rng(1))")
    expect_close(np.shape(got_2d), (2, 4), what="the shape of init_weights((2, 4), 0.5, rng)")
    again = call(fn, (3,), 2.0, np.random.default_rng(0))
    expect_close(again, got, what="a second call with a fresh default_rng(0) (same seed, same weights)")
    try:
        expect_close(got, expected, what="init_weights((3,), 2.0, default_rng(0))")
    except Wrong:
        big = np.asarray(call(fn, (20_000,), 3.0, np.random.default_rng(2)), dtype=float)
        if abs(big.mean()) > 0.1 or abs(big.std() - 3.0) > 0.1:
            raise Wrong(f"On 20,000 draws with scale 3 the weights should have mean ≈ 0 and "
                        f"standard deviation ≈ 3; got mean {big.mean():.3g} and standard "
                        f"deviation {big.std():.3g}. Draw from rng.normal(0, scale, size=shape).") from None
        return ("Your weights have the right shape, mean and spread; rng.normal(0, scale, size=shape) "
                "would also reproduce the course's numbers exactly.")
    return "Same seed, same weights: the shape and the values match rng.normal(0, scale, size=shape)."


ex1 = Exercise(
    "ex1",
    _check_init_weights,
    hint="A numpy Generator has a method normal(loc, scale, size).",
    solution="def init_weights(shape, scale, rng):\n    return rng.normal(0.0, scale, size=shape)",
    answer=lambda shape, scale, rng: rng.normal(0.0, scale, size=shape),
)

_SIGMA_OPTIONS = {
    0.1: "Right: the average initial loss is σ²·(mean(x²) + 1) + mean(y²), which only grows "
         "with σ. The smallest σ wins, and σ = 0 would be smaller still — the next section "
         "shows why we still don't start at 0.",
    1: "Not the lowest: every term that depends on σ is σ² times something positive, so a "
       "smaller σ gives a smaller average loss.",
    10: "Not the lowest: large random weights make wild lines, and the average loss grows like σ².",
    100: "That is the highest of the four: lines with slopes around ±100 miss the data by thousands.",
}

ex2 = Exercise(
    "ex2",
    lambda answer: expect_choice(answer, _SIGMA_OPTIONS, 0.1),
    hint="Average (w·x + b − y)² over w, b ~ N(0, σ²): the cross terms average to zero.",
    solution="0.1 — the average initial loss is σ²·(mean(x²) + 1) + mean(y²): smallest for the smallest σ.",
    answer=0.1,
)

_SYMMETRY_OPTIONS = {
    "same": "Right: both units start equal, get equal gradients, take equal steps — forever. "
            "Two units that always agree are no better than one.",
    "different": "No: with equal starting weights the two units compute the same thing, so "
                 "the gradient of each is the same, and every step keeps them equal.",
}

ex3 = Exercise(
    "ex3",
    lambda answer: expect_choice(answer, _SYMMETRY_OPTIONS, "same"),
    hint="Write down the gradient of the loss with respect to each hidden unit's weight. What "
         "in it differs between the two units if all their weights are equal?",
    solution="'same' — equal weights give equal activations, equal gradients and equal updates.",
    answer="same",
)
