"""Gradient-descent runners (numpy only, no drawing). Each returns the whole history of a run.

A run that blows up is stopped, not continued into overflow: its :class:`Trajectory` ends at
the step where the loss passed ``DIVERGED_LOSS_FACTOR`` times the starting loss and records
that step in ``diverged_at``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import numpy as np

from . import _validate as check
from .i18n import _
from .model import QuadraticLoss, mse_gradient_unchecked

__all__ = [
    "DIVERGED_LOSS_FACTOR", "MAX_STEPS", "MiniBatchRun", "Stoppable", "Trajectory", "descend", "descend_slope",
    "first_batch_holding", "first_within", "gradient_descent", "gradient_seconds",
    "gradient_spread", "lr_regime",
    "minibatch_descend", "minibatch_gd", "minibatch_gradients", "minibatches",
    "random_batch_gradients", "running_mean", "spread_theory", "updates_per_epoch",
]

DIVERGED_LOSS_FACTOR = 1e6
"""A run is called divergent once its loss exceeds this many times its starting loss."""

MAX_STEPS = 1_000_000
"""The most steps one run may take: enough for any lesson, few enough never to hang."""


class Stoppable:
    """What the histories of the runners share (and those of notebook 05): a run that blew up was
    stopped."""

    diverged_at: int | None

    @property
    def diverged(self) -> bool:
        """Whether the run blew up and was stopped (at ``diverged_at``)."""
        return self.diverged_at is not None


@dataclass(frozen=True)
class Trajectory(Stoppable):
    """The history of one gradient-descent run on the one-feature model.

    ``w``, ``b``, ``loss``: shape ``(k + 1,)``, the start included, where ``k`` is the number
    of steps actually taken; ``diverged_at`` is the step at which a divergent run was stopped
    (``None`` if it was not). Notebook 03.
    """

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    lr: float
    diverged_at: int | None = None

    @property
    def num_steps(self) -> int:
        return len(self.w) - 1


def gradient_descent(
    x: Any,
    y: Any,
    w0: float,
    b0: float,
    lr: float,
    num_steps: int,
    *,
    fit_b: bool = True,
) -> Trajectory:
    """Full-batch gradient descent on ``L(w, b) = mean((w*x + b - y)**2)``.

    ``x``, ``y``: shape ``(n,)``. Each step does ``w <- w - lr * dL/dw`` (and the same for
    ``b`` unless ``fit_b`` is False, which keeps ``b`` at ``b0``: the 1-D view of notebook 03).
    The gradient is :func:`helpers.mse_gradient` written with the data's moments, so one step costs
    the same for any ``n``. Notebook 03.
    """
    loss = QuadraticLoss(x, y)
    w = check.as_float("w0", w0)
    b = check.as_float("b0", b0)
    lr = check.learning_rate(lr)
    num_steps = check.as_int("num_steps", num_steps, minimum=0, maximum=MAX_STEPS)
    return descend(loss, w, b, lr, num_steps, fit_b=fit_b)


def descend(loss: QuadraticLoss, w: float, b: float, lr: float, num_steps: int, *,
            fit_b: bool = True) -> Trajectory:
    """The kernel of :func:`gradient_descent`, for a live figure's frames: the data's
    :class:`~helpers.model.QuadraticLoss` is made (and the data checked) once, and the other
    arguments are trusted (Python floats and a whole number of steps)."""
    ws, bs, losses = [w], [b], [loss.loss(w, b)]
    limit = DIVERGED_LOSS_FACTOR * max(losses[0], 1.0)
    diverged_at = None
    gradient, value = loss.gradient, loss.loss
    for step in range(1, num_steps + 1):
        dw, db = gradient(w, b)
        if not fit_b:
            db = 0.0
        w, b = w - lr * dw, b - lr * db
        current = value(w, b)
        ws.append(w)
        bs.append(b)
        losses.append(current)
        if not current <= limit:  # also catches inf and nan
            diverged_at = step
            break
    return Trajectory(np.array(ws), np.array(bs), np.array(losses), lr, diverged_at)


def descend_slope(slope: Callable[[np.ndarray], Any], w0: Any, lr: float, num_steps: int) -> np.ndarray:
    """Gradient descent on any loss of one weight, given its ``slope`` (``L'``, taking and
    returning arrays): ``w <- w - lr * slope(w)``, from every start in ``w0`` at once (shape
    ``(k,)``). Returns the paths, shape ``(num_steps + 1, k)``, the starts included. Notebook 03
    (a loss with several valleys)."""
    w = check.as_array("w0", np.atleast_1d(np.asarray(w0, dtype=float)), ndim=1).copy()
    lr = check.learning_rate(lr)
    num_steps = check.as_int("num_steps", num_steps, minimum=0, maximum=MAX_STEPS)
    paths = [w.copy()]
    for _step in range(num_steps):
        w = w - lr * np.asarray(slope(w), dtype=float)
        paths.append(w.copy())
    return np.array(paths)


# --------------------------------------------------------------------------------------------
# How fast gradient descent gets there (notebook 03)
# --------------------------------------------------------------------------------------------


def lr_regime(factor: float, num_steps: int, reached: int | None, diverged: bool) -> str:
    """Which of the four learning-rate regimes a run in ``w`` alone is in: ``"diverges"``,
    ``"crawls"`` (too small: not at the bottom after ``num_steps``), ``"zig-zags"`` (overshoots)
    or ``"good"``. ``factor``: :func:`helpers.step_factor` of the run's learning rate;
    ``reached``: the step at which the run got within 1% of the bottom (``None`` if it did not).
    Notebook 03."""
    if diverged or abs(factor) > 1.0:
        return "diverges"
    if factor < 0.0:
        return "zig-zags"
    return "good" if reached is not None else "crawls"


def first_within(values: Any, target: float, tol: float) -> int | None:
    """The first index ``k`` with ``|values[k] - target| <= tol`` (``None`` if there is none):
    the number of steps a run took to get within ``tol`` of ``target``.

    ``values``: shape ``(k,)``, e.g. ``Trajectory.w``. Notebook 03.
    """
    values = check.as_array("values", values, ndim=1)
    target = check.as_float("target", target)
    tol = check.as_float("tol", tol, positive=True)
    inside = np.flatnonzero(np.abs(values - target) <= tol)
    return int(inside[0]) if inside.size else None


# --------------------------------------------------------------------------------------------
# Mini-batches: batch, stochastic and mini-batch gradient descent in one loop (notebook 04)
# --------------------------------------------------------------------------------------------


def updates_per_epoch(n: int, batch_size: int) -> int:
    """How many updates one epoch over ``n`` examples gives with batches of ``batch_size``:
    ``ceil(n / batch_size)``, the short last batch included. Notebook 04."""
    n = check.as_int("n", n, minimum=1)
    batch_size = check.as_int("batch_size", batch_size, minimum=1, maximum=n)
    return -(-n // batch_size)


def minibatches(n: int, batch_size: int, rng: Any) -> Iterator[np.ndarray]:
    """The mini-batches of one epoch over ``n`` examples, as arrays of example indices.

    The indices ``0 .. n-1`` are shuffled once (``rng.permutation(n)``), then cut into
    consecutive pieces of ``batch_size``: every example is used exactly once per epoch, and the
    last batch is shorter when ``batch_size`` does not divide ``n`` (it is kept, not dropped).
    ``rng``: a ``numpy.random.Generator`` (call again with the same one for the next epoch: a
    new order) or a seed. Yields arrays of shape ``(batch_size,)`` (the last one maybe
    shorter). The learner writes this function in notebook 04.
    """
    n = check.as_int("n", n, minimum=1)
    batch_size = check.as_int("batch_size", batch_size, minimum=1, maximum=n)
    order = check.as_rng(rng, "rng").permutation(n)  # (n,)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def running_mean(values: Any, window: int) -> np.ndarray:
    """The mean of the last ``window`` values at each position (fewer at the start), shape of
    ``values`` ``(k,)``: the average loss over the last epoch, as training programs print it.
    Notebook 04."""
    values = np.asarray(values, dtype=float)
    window = max(1, int(window))
    total = np.cumsum(np.concatenate([[0.0], values]))  # (k + 1,)
    ends = np.arange(1, len(values) + 1)
    starts = np.maximum(ends - window, 0)
    return (total[ends] - total[starts]) / (ends - starts)


def first_batch_holding(n: int, batch_size: int, rng: Any, index: int) -> int:
    """The update (0-based) of the first epoch whose batch holds example ``index``, for a run of
    :func:`minibatch_gd` with this ``rng`` (a seed: its first epoch's order is
    ``default_rng(seed).permutation(n)``, as in :func:`minibatches`). Notebook 04."""
    order = check.as_rng(rng, "rng").permutation(n)
    return int(np.flatnonzero(order == index)[0]) // batch_size


def spread_theory(per_example: float, batch_sizes: Any, n: int) -> np.ndarray:
    """The spread (root-mean-square distance from the full gradient) of the gradient of a
    random batch of ``B`` examples drawn without repetition from ``n``:
    ``per_example / sqrt(B) * sqrt((n - B) / (n - 1))``, where ``per_example`` is the spread for
    ``B = 1``. Without the last factor (drawing with repetition) it is ``per_example / sqrt(B)``.
    ``batch_sizes``: shape ``(m,)``; returns shape ``(m,)``. Notebook 04."""
    sizes = np.asarray(batch_sizes, dtype=float)
    correction = np.sqrt(np.clip(n - sizes, 0, None) / (n - 1)) if n > 1 else np.zeros_like(sizes)
    return per_example / np.sqrt(sizes) * correction


def random_batch_gradients(each: np.ndarray, batch_sizes: Any, num_batches: int,
                           rng: Any) -> tuple[np.ndarray, np.ndarray]:
    """The gradients of ``num_batches`` random mini-batches of every size in ``batch_sizes``
    (shape ``(m,)``, each below ``n``), from ``each``, the examples' own gradients (shape
    ``(n, 2)``, e.g. :func:`minibatch_gradients` with batches of one).

    A batch of size ``B`` is the first ``B`` examples of a random order (no repetition), and its
    gradient is the mean of its examples' gradients, so one running sum along each order gives
    every batch size. Returns the gradients, shape ``(m, num_batches, 2)``, and their spreads
    around the full gradient ``each.mean(axis=0)``, shape ``(m,)``. ``rng``: a Generator or a
    seed. Notebook 04."""
    sizes = np.asarray(batch_sizes, dtype=int)
    n = len(each)
    rows = np.tile(np.arange(n), (num_batches, 1))  # (num_batches, n)
    order = check.as_rng(rng, "rng").permuted(rows, axis=1)  # each row: a random order
    running = np.cumsum(each[order], axis=1)  # (num_batches, n, 2)
    grads = np.moveaxis(running[:, sizes - 1], 1, 0) / sizes[:, None, None]  # (m, num_batches, 2)
    return grads, gradient_spread(grads, each.mean(axis=0))


def gradient_spread(grads: np.ndarray, full: Any) -> Any:
    """The spread of gradients around the full gradient ``full`` (shape ``(2,)``): the
    root-mean-square distance ``sqrt(mean(|g - full|²))`` over the second-to-last axis of
    ``grads`` (shape ``(..., k, 2)``); returns shape ``(...)``. Notebook 04."""
    return np.sqrt(np.mean(np.sum((grads - np.asarray(full)) ** 2, axis=-1), axis=-1))


def minibatch_gradients(x: Any, y: Any, w: float, b: float, batches: Any) -> tuple[np.ndarray, np.ndarray]:
    """The MSE gradient of many mini-batches at one point ``(w, b)``.

    ``x``, ``y``: shape ``(n,)``; ``batches``: indices, shape ``(k, m)`` (``k`` batches of
    ``m`` examples each). Row ``i`` gives :func:`helpers.mse_gradient` on the examples
    ``batches[i]``. Returns ``dw``, ``db``: shape ``(k,)`` each. Notebook 04.
    """
    x, y = check.as_pair(("x", "y"), x, y)
    w = check.as_float("w", w)
    b = check.as_float("b", b)
    idx = np.asarray(batches)
    if idx.ndim != 2 or idx.shape[1] == 0 or not np.issubdtype(idx.dtype, np.integer):
        raise ValueError(_("batches must be a 2-D array of example indices; got {got}").format(
            got=check._show(batches)))
    if idx.min() < 0 or idx.max() >= len(x):
        raise ValueError(_("batches must hold indices from 0 to {last}; got {low} to {high}").format(
            last=len(x) - 1, low=idx.min(), high=idx.max()))
    return mse_gradient_unchecked(x[idx], y[idx], w, b)  # x[idx], y[idx]: (k, m)


@dataclass(frozen=True)
class MiniBatchRun(Stoppable):
    """The history of one run of :func:`minibatch_gd`.

    ``w``, ``b``: shape ``(k + 1,)``, the start included, where ``k`` is the number of updates
    taken; ``loss``: the MSE on the FULL data after each update (shape ``(k + 1,)``) and
    ``above_minimum``: how far that is above the smallest possible MSE (``loss - min loss``,
    computed without cancellation); ``examples``: how many examples the run had used after each update
    (shape ``(k + 1,)``, starting at 0); ``sizes``: the size of each update's batch (shape
    ``(k,)``); ``diverged_at``: the update at which a divergent run was stopped, or ``None``.
    Notebook 04.
    """

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    above_minimum: np.ndarray
    examples: np.ndarray
    sizes: np.ndarray
    n: int
    batch_size: int
    lr: float
    lr_decay: float | None = None
    diverged_at: int | None = None
    batch_growth: float | None = None

    @property
    def num_updates(self) -> int:
        return len(self.w) - 1

    @property
    def epochs(self) -> np.ndarray:
        """The number of epochs done after each update (fractions within an epoch), ``(k + 1,)``."""
        return self.examples / self.n

    def lr_at(self, update: Any) -> np.ndarray:
        """The learning rate used by the given update(s) (0-based)."""
        before = self.examples[np.asarray(update)] / self.n  # epochs done before the update
        return self.lr / (1.0 + (self.lr_decay or 0.0) * before)

    def epoch_means(self) -> np.ndarray:
        """The loss above the minimum averaged over the updates of each epoch, shape
        ``(epochs,)`` (every epoch the run began; the level of its jitter, epoch by epoch)."""
        before = np.floor(self.examples[:-1] / self.n + 1e-9).astype(int)  # (k,): each update's epoch
        sums = np.bincount(before, weights=self.above_minimum[1:])
        return sums / np.maximum(np.bincount(before), 1)


def minibatch_gd(
    x: Any,
    y: Any,
    w0: float,
    b0: float,
    lr: float,
    batch_size: int,
    num_epochs: int,
    rng: Any,
    lr_decay: float | None = None,
    batch_growth: float | None = None,
) -> MiniBatchRun:
    """Mini-batch gradient descent on ``L(w, b) = mean((w*x + b - y)**2)``.

    ``x``, ``y``: shape ``(n,)``. Each epoch shuffles the examples and cuts them into batches
    exactly as :func:`minibatches` does (same ``rng``, same batches); each batch gives one
    update ``w <- w - lr_t * dL_batch/dw`` (and the same for ``b``), where ``dL_batch`` is the
    gradient of the MSE *averaged over the batch's actual size* (so the short last batch is a
    mean over fewer examples, not a sum). ``batch_size = n`` is batch gradient descent,
    ``batch_size = 1`` stochastic gradient descent.

    ``lr_decay``: ``None`` keeps ``lr`` constant; a number ``d >= 0`` uses
    ``lr_t = lr / (1 + d * e)``, where ``e`` is the number of epochs done before the update,
    fractions included (``e = 0.5`` halfway through the first epoch).

    ``batch_growth``: ``None`` keeps ``batch_size``; a number ``g >= 0`` makes the batches of
    epoch ``e`` (0, 1, ...) ``batch_size * (1 + g * e)`` examples (rounded, at most ``n``):
    a batch that grows as a decaying learning rate shrinks. (A batch's noise scales like
    ``lr / B``, so both schedules calm the noise alike; the growing batch makes fewer updates.)

    The per-batch sums (of x, y, x*x and x*y) come from ``np.add.reduceat`` over the shuffled
    data, so the only Python loop does a few multiplications per update. A run that blows up
    is stopped as in :func:`gradient_descent`. Notebook 04.
    """
    loss = QuadraticLoss(x, y)
    w = check.as_float("w0", w0)
    b = check.as_float("b0", b0)
    lr = check.learning_rate(lr)
    batch_size = check.as_int("batch_size", batch_size, minimum=1, maximum=loss.n)
    num_epochs = check.as_int("num_epochs", num_epochs, minimum=0)
    per_epoch = updates_per_epoch(loss.n, batch_size)
    if per_epoch * num_epochs > MAX_STEPS:
        raise ValueError(_("num_epochs: {num_epochs} epochs of {per_epoch} updates is more than "
                           "{limit:,} updates; use fewer epochs or a larger batch_size").format(
            num_epochs=num_epochs, per_epoch=per_epoch, limit=MAX_STEPS))
    if lr_decay is not None:
        lr_decay = check.as_float("lr_decay", lr_decay, positive=True)
    if batch_growth is not None:
        batch_growth = check.as_float("batch_growth", batch_growth, positive=True)
    return minibatch_descend(loss, w, b, lr, batch_size, num_epochs, check.as_rng(rng, "rng"),
                             lr_decay=lr_decay, batch_growth=batch_growth)


def minibatch_descend(loss: QuadraticLoss, w: float, b: float, lr: float, batch_size: int,
                      num_epochs: int, rng: Any, lr_decay: float | None = None,
                      batch_growth: float | None = None) -> MiniBatchRun:
    """The kernel of :func:`minibatch_gd`, for a live figure's frames: the data come as their
    :class:`~helpers.model.QuadraticLoss` (checked once, when it was made) and the other
    arguments are trusted. ``rng``: a Generator or a seed."""
    x, y, n = loss.x, loss.y, loss.n
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    columns = np.stack([x, y, x * x, x * y])  # (4, n)
    means, all_sizes = [np.empty((4, 0))], [np.empty(0)]
    for epoch in range(num_epochs):
        size = batch_size
        if batch_growth is not None:  # B (1 + g e) in epoch e, at most n
            size = min(n, round(batch_size * (1 + batch_growth * epoch)))
        starts = np.arange(0, n, size)  # (per_epoch,): where each batch begins
        sizes = np.diff(np.append(starts, n)).astype(float)  # (per_epoch,)
        order = gen.permutation(n)  # the same draw as minibatches(n, size, gen)
        means.append(np.add.reduceat(columns[:, order], starts, axis=1) / sizes)
        all_sizes.append(sizes)
    mx, my, mxx, mxy = np.concatenate(means, axis=1)  # (k,) each: one entry per update
    all_sizes = np.concatenate(all_sizes)  # (k,)
    examples = np.concatenate([[0.0], np.cumsum(all_sizes)])  # (k + 1,)
    decay = 0.0 if lr_decay is None else lr_decay
    a = 2 * lr / (1.0 + decay * examples[:-1] / n)  # (k,): 2 * lr_t

    # The batch gradient is QuadraticLoss.gradient in the batch's means: dL/dw =
    # 2*(w*mxx + b*mx - mxy) and dL/db = 2*(w*mx + b - my). The update w <- w - lr_t * dL/dw
    # (and b alike) is then linear in (w, b), with coefficients computed for all updates at once:
    # w' = w*keep_w - b*mix + pull_w,  b' = b*keep_b - w*mix + pull_b.
    keep_w, mix, pull_w, keep_b, pull_b = ((1 - a * mxx).tolist(), (a * mx).tolist(),
                                           (a * mxy).tolist(), (1 - a).tolist(), (a * my).tolist())
    ws, bs = [w], [b]
    for kw_t, mix_t, pw_t, kb_t, pb_t in zip(keep_w, mix, pull_w, keep_b, pull_b):
        # Python floats overflow to inf without an exception: a blow-up is caught below.
        w, b = w * kw_t - b * mix_t + pw_t, b * kb_t - w * mix_t + pb_t
        ws.append(w)
        bs.append(b)

    W, B = np.array(ws), np.array(bs)
    # The loss on all the data: its minimum plus the exact height above it (no cancellation).
    above = loss.above_minimum(W, B)
    full = loss.loss_min + above
    limit = DIVERGED_LOSS_FACTOR * max(float(full[0]), 1.0)
    bad = ~(full <= limit)  # also catches inf and nan
    diverged_at = None
    if bad.any():
        diverged_at = int(np.argmax(bad))
        keep = diverged_at + 1
        W, B, full, above = W[:keep], B[:keep], full[:keep], above[:keep]
        examples, all_sizes = examples[:keep], all_sizes[:keep - 1]
    return MiniBatchRun(W, B, full, above, examples, all_sizes, n, batch_size, lr, lr_decay,
                        diverged_at, batch_growth)


def gradient_seconds(x: Any, y: Any, batch_sizes: Any, rng: Any = 0, *, repeats: int = 40,
                     rounds: int = 3) -> np.ndarray:
    """Measured seconds for one mini-batch gradient of each size in ``batch_sizes`` (shape
    ``(m,)``), computed the plain way: pick the batch's examples, then the mean of the residuals
    times ``x`` (:func:`minibatch_gradients` on one batch; a batch of all ``n`` examples uses the
    arrays as they are, as batch gradient descent does). The best of ``rounds`` rounds of
    ``repeats`` calls each, per call: a cost model of one update on this machine. Notebook 04.
    """
    x, y = check.as_pair(("x", "y"), x, y)
    sizes = [check.as_int(_("batch size"), int(s), minimum=1, maximum=len(x))
             for s in np.atleast_1d(np.asarray(batch_sizes))]
    repeats = check.as_int("repeats", repeats, minimum=1)
    rounds = check.as_int("rounds", rounds, minimum=1)
    gen = check.as_rng(rng, "rng")
    out = []
    for size in sizes:
        idx = gen.permutation(len(x))[:size] if size < len(x) else slice(None)  # (size,) or all
        best = np.inf
        for _round in range(rounds):
            start = time.perf_counter()
            for _call in range(repeats):
                mse_gradient_unchecked(x[idx], y[idx], 0.5, 0.5)
            best = min(best, (time.perf_counter() - start) / repeats)
        out.append(best)
    return np.array(out)
