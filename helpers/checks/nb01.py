"""Exercises of notebook 01 (random initialization)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..exercises import Exercise, Wrong, _short, call, expect_choice
from ..i18n import N_, _


def _weights(fn: Any, shape: tuple[int, ...], scale: float, seed: int) -> np.ndarray:
    """Call ``fn(shape, scale, default_rng(seed))``: the weights as a float array of ``shape``,
    and a check that the generator it was given moved on."""
    rng = np.random.default_rng(seed)
    before = rng.bit_generator.state
    shown = f"init_weights({shape}, {scale!r}, default_rng({seed}))"
    got = call(fn, shape, scale, rng, shown=shown)
    if isinstance(got, (str, bytes)):
        raise Wrong(_("{shown} returned text, {value}: return the array itself, not str(...).")
                    .format(shown=shown, value=repr(got[:40])))
    if isinstance(got, np.random.Generator):
        raise Wrong(_("{shown} returned the generator itself: return the weights it draws, "
                      "rng.normal(...).").format(shown=shown))
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise Wrong(_("{shown} should return an array of numbers; got {value}.")
                    .format(shown=shown, value=_short(got))) from None
    if arr.shape != shape:
        if arr.ndim == 0:
            raise Wrong(_("{shown} returned a single number, {value:.4g}, instead of an array "
                          "of shape {shape}: give the generator the shape too, "
                          "rng.normal(..., size=shape).").format(shown=shown, value=float(arr),
                                                                 shape=shape))
        raise Wrong(_("{shown} should return an array of shape {shape}; got shape {got_shape}. "
                      "Pass the whole shape to the generator: size=shape.")
                    .format(shown=shown, shape=shape, got_shape=arr.shape))
    if arr.size > 1 and np.all(arr == arr.flat[0]):
        raise Wrong(_("{shown} gave {value}: every weight the same. Random initialization "
                      "draws each weight at random: rng.normal(0, scale, size=shape).")
                    .format(shown=shown, value=_short(arr)))
    if rng.bit_generator.state == before:
        raise Wrong(_("{shown} did not use the generator `rng` it was given (its state did not "
                      "move). Draw from it: rng.normal(...) — not np.random.normal (numpy's global "
                      "generator) and not a new np.random.default_rng(...) inside the function.")
                    .format(shown=shown))
    return arr


def _check_init_weights(fn: Any) -> str:
    got = _weights(fn, (3,), 2.0, 0)
    _weights(fn, (2, 4), 0.5, 1)
    again = _weights(fn, (3,), 2.0, 0)
    if not np.allclose(again, got, rtol=1e-12, atol=0):
        raise Wrong(_("Two calls with a fresh default_rng(0) gave different weights: the result "
                      "must depend only on the generator you are given (same seed, same weights). "
                      "Draw every number from `rng`."))
    other = _weights(fn, (3,), 2.0, 1)
    if np.allclose(other, got):
        raise Wrong(_("default_rng(0) and default_rng(1) gave the same weights: the draws must "
                      "come from the generator `rng` you are given, so another seed gives other "
                      "weights."))
    big = _weights(fn, (20_000,), 3.0, 2)
    mean, std = float(big.mean()), float(big.std())
    tails = float(np.mean(np.abs(big - mean) > 2 * std)) if std > 0 else 0.0
    if abs(mean) > 5 * max(std, 3.0) / np.sqrt(big.size):  # 5 standard errors
        extra = (_("It looks like the scale went in as the mean: rng.normal(loc, scale, size) "
                   "takes the mean first, so use rng.normal(0, scale, size=shape).")
                 if abs(mean - 3.0) < 0.15 else
                 _("rng.random / rng.uniform(0, ...) only give positive numbers.") if big.min() >= 0
                 else _("Centre the draws on 0: rng.normal(0, scale, size=shape)."))
        raise Wrong(_("On 20,000 draws with scale 3 the weights should have mean ≈ 0; got "
                      "{mean:.3g}.").format(mean=mean) + " " + extra)
    if abs(std - 3.0) > 0.1:
        extra = {9.0: N_("That is scale²: the second argument of rng.normal is the standard "
                         "deviation (scale), not the variance."),
                 1.0: N_("That is the standard normal's: multiply by scale (or pass it to "
                         "rng.normal)."),
                 float(np.sqrt(3.0)): N_("That is √scale: the standard deviation is scale itself.")}
        note = next((t for s, t in extra.items() if abs(std - s) < 0.1), None)
        message = _("On 20,000 draws with scale 3 the weights should have standard deviation "
                    "≈ 3 (the scale); got {std:.3g}.").format(std=std)
        raise Wrong(message if note is None else message + " " + _(note))
    if not 0.035 < tails < 0.057:
        raise Wrong(_("The weights have mean ≈ 0 and spread ≈ scale, but they do not follow the "
                      "normal bell curve: {tails:.1%} of them lie more than 2 standard deviations "
                      "out (a normal distribution has 4.6%). Draw with rng.normal, not rng.uniform.")
                    .format(tails=tails))
    exact = np.random.default_rng(0).normal(0.0, 2.0, size=(3,))
    if np.allclose(got, exact):
        return _("Same seed, same weights: the shape and the values match rng.normal(0, scale, "
                 "size=shape).")
    return _("Same seed, same weights, another seed other weights, and the right mean, spread and "
             "bell shape. (rng.normal(0, scale, size=shape) would also reproduce the course's "
             "numbers exactly.)")


ex1 = Exercise(
    "ex1",
    _check_init_weights,
    hint=(N_("The generator `rng` has methods that draw random numbers; which one draws from a "
             "normal distribution N(mean, sd²)?"),
          N_("rng.normal(loc, scale, size) draws from N(loc, scale²): loc is the mean, scale the "
             "standard deviation, size the shape of the array."),
          N_("The mean should be 0 and the spread `scale`; pass `size=shape` so you get a whole "
             "array, and return it.")),
    solution="def init_weights(shape, scale, rng):\n    return rng.normal(0.0, scale, size=shape)",
    answer=lambda shape, scale, rng: rng.normal(0.0, scale, size=shape),
)

_SIGMA_OPTIONS = {
    0.1: N_("Right: the average initial loss is σ²·(mean(x²) + 1) + mean(y²), which only grows "
            "with σ. The smallest σ wins, and σ = 0 would be smaller still — the next section "
            "shows why we still don't start at 0."),
    1: N_("Not the lowest: every term that depends on σ is σ² times something positive, so a "
          "smaller σ gives a smaller average loss."),
    10: N_("Not the lowest: large random weights make wild lines, and the average loss grows "
           "like σ²."),
    100: N_("That is the highest of the four: lines with slopes around ±100 miss the data by "
            "thousands."),
}

ex2 = Exercise(
    "ex2",
    lambda answer: expect_choice(answer, _SIGMA_OPTIONS, 0.1),
    hint=(N_("Before any formula: does a bigger σ give wilder or tamer random lines?"),
          N_("Average (w·x + b − y)² over w, b ~ N(0, σ²): the cross terms average to zero, "
             "which leaves σ²·(mean(x²) + 1) + mean(y²)."),
          N_("In σ²·(mean(x²) + 1) + mean(y²) only the first term depends on σ, and it grows with "
             "σ. Which of the four σ makes it smallest?")),
    solution=N_("0.1 — the average initial loss is σ²·(mean(x²) + 1) + mean(y²): smallest for the "
                "smallest σ."),
    answer=0.1,
)

_SYMMETRY_OPTIONS = {
    "same": N_("Right: both units start equal, get equal gradients, take equal steps — forever. "
               "Two units that always agree are no better than one."),
    "different": N_("No: with equal starting weights the two units compute the same thing, so "
                    "the gradient of each is the same, and every step keeps them equal."),
}

ex3 = Exercise(
    "ex3",
    lambda answer: expect_choice(answer, _SYMMETRY_OPTIONS, "same"),
    hint=(N_("If both units start with the same weights, do they compute the same h₁ and h₂?"),
          N_("Write down the gradient of the loss with respect to each hidden unit's weight. What "
             "in it differs between the two units if all their weights are equal?"),
          N_("Equal weights give equal activations, and equal activations give equal gradients; "
             "equal gradients give equal steps. After one step, are the weights still equal?")),
    solution=N_("'same' — equal weights give equal activations, equal gradients and equal "
                "updates."),
    answer="same",
)
