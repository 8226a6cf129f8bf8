"""Gradient-descent runners (numpy only, no drawing). Each returns the whole history of a run.

A run that blows up is stopped, not continued into overflow: its :class:`Trajectory` ends at
the step where the loss passed ``DIVERGED_LOSS_FACTOR`` times the starting loss and records
that step in ``diverged_at``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np

from . import _validate as v

DIVERGED_LOSS_FACTOR = 1e6
"""A run is called divergent once its loss exceeds this many times its starting loss."""

MAX_STEPS = 1_000_000
"""The most steps one run may take: enough for any lesson, few enough never to hang."""


@dataclass(frozen=True)
class Trajectory:
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
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def num_steps(self) -> int:
        return len(self.w) - 1


def _moments(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float, float]:
    """``mean(x), mean(y), mean(x*x), mean(x*y), mean(y*y)``: all the MSE needs of the data."""
    return (float(x.mean()), float(y.mean()), float((x * x).mean()),
            float((x * y).mean()), float((y * y).mean()))


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
    The gradient is :func:`helpers.mse_grad` written with the data's moments, so one step costs
    the same for any ``n``. Notebook 03.
    """
    x = v.as_array("x", x, ndim=1)
    y = v.as_array("y", y, ndim=1)
    v.same_length(("x", "y"), x, y)
    w = v.as_float("w0", w0)
    b = v.as_float("b0", b0)
    lr = v.learning_rate(lr)
    num_steps = v.as_int("num_steps", num_steps, minimum=0, maximum=MAX_STEPS)
    mx, my, mxx, mxy, myy = _moments(x, y)

    def loss(w: float, b: float) -> float:
        return w * w * mxx + b * b + myy + 2 * w * b * mx - 2 * w * mxy - 2 * b * my

    ws, bs, losses = [w], [b], [loss(w, b)]
    limit = DIVERGED_LOSS_FACTOR * max(losses[0], 1.0)
    diverged_at = None
    for step in range(1, num_steps + 1):
        dw = 2 * (w * mxx + b * mx - mxy)
        db = 2 * (w * mx + b - my) if fit_b else 0.0
        w, b = w - lr * dw, b - lr * db
        current = loss(w, b)
        ws.append(w)
        bs.append(b)
        losses.append(current)
        if not current <= limit:  # also catches inf and nan
            diverged_at = step
            break
    return Trajectory(np.array(ws), np.array(bs), np.array(losses), lr, diverged_at)


# --------------------------------------------------------------------------------------------
# How fast, and whether, gradient descent on the MSE converges (notebook 03)
# --------------------------------------------------------------------------------------------


def max_stable_lr_1d(x: Any) -> float:
    """The largest learning rate for which gradient descent in ``w`` alone (``b`` held fixed,
    ``fit_b=False``) converges: ``2 / L''(w) = 2 / (2 * mean(x**2))``.

    With ``b`` fixed, ``L(w)`` is a parabola whose second derivative is ``2 * mean(x**2)``
    everywhere. ``x``: shape ``(n,)``. Compare :func:`helpers.max_stable_lr` for ``(w, b)``
    together. Notebook 03.
    """
    x = v.as_array("x", x, ndim=1)
    mxx = float(np.mean(x * x))
    if mxx == 0.0:
        raise ValueError("x must not be all zeros: then w does not change the loss at all")
    return 1.0 / mxx


def step_factor(x: Any, lr: float) -> float:
    """The number ``r = 1 - lr * 2 * mean(x**2)`` by which one step of gradient descent in
    ``w`` alone (``b`` held fixed) multiplies the distance ``w - w*`` to the bottom.

    ``0 < r < 1``: slides down one side; ``-1 < r < 0``: overshoots, zig-zags across the
    valley; ``|r| > 1``: diverges. ``x``: shape ``(n,)``. Notebook 03.
    """
    x = v.as_array("x", x, ndim=1)
    lr = v.learning_rate(lr)
    return float(1.0 - lr * 2.0 * np.mean(x * x))


def loss_above_minimum(x: Any, y: Any, w: Any, b: Any) -> np.ndarray:
    """``L(w, b) - min L``: how far the MSE at ``(w, b)`` is above its smallest value.

    Computed exactly from the Hessian ``H`` (:func:`helpers.mse_hessian`) as
    ``0.5 * d @ H @ d`` with ``d = (w - w*, b - b*)``, so it stays positive and accurate even
    a hair above the minimum, where ``mse(...) - min`` would lose every digit to rounding
    (a log-scale axis needs that). ``x``, ``y``: shape ``(n,)``; ``w``, ``b``: numbers or
    arrays of one shape ``s``; returns an array of shape ``s``. Notebook 03.
    """
    from .model import least_squares, mse_hessian

    x = v.as_array("x", x, ndim=1)
    w_star, b_star = least_squares(x, y)
    dw = v.as_array("w", w, ndim=None) - w_star
    db = v.as_array("b", b, ndim=None) - b_star
    if dw.shape != db.shape:
        raise ValueError(f"w and b must have the same shape; got {dw.shape} and {db.shape}")
    (hww, hwb), (_, hbb) = mse_hessian(x)
    return 0.5 * (hww * dw * dw + 2.0 * hwb * dw * db + hbb * db * db)


def first_within(values: Any, target: float, tol: float) -> int | None:
    """The first index ``k`` with ``|values[k] - target| <= tol`` (``None`` if there is none):
    the number of steps a run took to get within ``tol`` of ``target``.

    ``values``: shape ``(k,)``, e.g. ``Trajectory.w``. Notebook 03.
    """
    values = v.as_array("values", values, ndim=1)
    target = v.as_float("target", target)
    tol = v.as_float("tol", tol, positive=True)
    inside = np.flatnonzero(np.abs(values - target) <= tol)
    return int(inside[0]) if inside.size else None


# --------------------------------------------------------------------------------------------
# Mini-batches: batch, stochastic and mini-batch gradient descent in one loop (notebook 04)
# --------------------------------------------------------------------------------------------


def updates_per_epoch(n: int, batch_size: int) -> int:
    """How many updates one epoch over ``n`` examples gives with batches of ``batch_size``:
    ``ceil(n / batch_size)``, the short last batch included. Notebook 04."""
    n = v.as_int("n", n, minimum=1)
    batch_size = v.as_int("batch_size", batch_size, minimum=1, maximum=n)
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
    n = v.as_int("n", n, minimum=1)
    batch_size = v.as_int("batch_size", batch_size, minimum=1, maximum=n)
    order = v.as_rng(rng, "rng").permutation(n)  # (n,)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def minibatch_gradients(x: Any, y: Any, w: float, b: float, batches: Any) -> tuple[np.ndarray, np.ndarray]:
    """The MSE gradient of many mini-batches at one point ``(w, b)``.

    ``x``, ``y``: shape ``(n,)``; ``batches``: indices, shape ``(k, m)`` (``k`` batches of
    ``m`` examples each). Row ``i`` gives :func:`helpers.mse_grad` on the examples
    ``batches[i]``. Returns ``dw``, ``db``: shape ``(k,)`` each. Notebook 04.
    """
    x = v.as_array("x", x, ndim=1)
    y = v.as_array("y", y, ndim=1)
    v.same_length(("x", "y"), x, y)
    w = v.as_float("w", w)
    b = v.as_float("b", b)
    idx = np.asarray(batches)
    if idx.ndim != 2 or idx.shape[1] == 0 or not np.issubdtype(idx.dtype, np.integer):
        raise ValueError(f"batches must be a 2-D array of example indices; got {v._show(batches)}")
    if idx.min() < 0 or idx.max() >= len(x):
        raise ValueError(f"batches must hold indices from 0 to {len(x) - 1}; got {idx.min()} to {idx.max()}")
    return _batch_grad(x[idx], y[idx], w, b)  # x[idx], y[idx]: (k, m)


def _batch_grad(xb: np.ndarray, yb: np.ndarray, w: float, b: float) -> tuple[Any, Any]:
    """:func:`helpers.mse_grad` over the last axis of ``xb``, ``yb`` (shape ``(..., m)``)."""
    r = w * xb + b - yb  # (..., m): the residuals
    return 2 * np.mean(r * xb, axis=-1), 2 * np.mean(r, axis=-1)


@dataclass(frozen=True)
class MiniBatchRun:
    """The history of one run of :func:`minibatch_gd`.

    ``w``, ``b``: shape ``(k + 1,)``, the start included, where ``k`` is the number of updates
    taken; ``loss``: the MSE on the FULL data after each update (shape ``(k + 1,)``) and
    ``excess``: how far that is above the smallest possible MSE (``loss - min loss``, computed
    without cancellation); ``examples``: how many examples the run had used after each update
    (shape ``(k + 1,)``, starting at 0); ``sizes``: the size of each update's batch (shape
    ``(k,)``); ``diverged_at``: the update at which a divergent run was stopped, or ``None``.
    Notebook 04.
    """

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    excess: np.ndarray
    examples: np.ndarray
    sizes: np.ndarray
    n: int
    batch_size: int
    lr: float
    lr_decay: float | None = None
    diverged_at: int | None = None

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

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

    The per-batch sums (of x, y, x*x and x*y) come from ``np.add.reduceat`` over the shuffled
    data, so the only Python loop does a few multiplications per update. A run that blows up
    is stopped as in :func:`gradient_descent`. Notebook 04.
    """
    x = v.as_array("x", x, ndim=1)
    y = v.as_array("y", y, ndim=1)
    v.same_length(("x", "y"), x, y)
    n = len(x)
    w = v.as_float("w0", w0)
    b = v.as_float("b0", b0)
    lr = v.learning_rate(lr)
    batch_size = v.as_int("batch_size", batch_size, minimum=1, maximum=n)
    num_epochs = v.as_int("num_epochs", num_epochs, minimum=0)
    per_epoch = -(-n // batch_size)
    if per_epoch * num_epochs > MAX_STEPS:
        raise ValueError(f"num_epochs: {num_epochs} epochs of {per_epoch} updates is more than "
                         f"{MAX_STEPS:,} updates; use fewer epochs or a larger batch_size")
    if lr_decay is not None:
        lr_decay = v.as_float("lr_decay", lr_decay, positive=True)
    gen = v.as_rng(rng, "rng")

    starts = np.arange(0, n, batch_size)  # (per_epoch,): where each batch begins
    sizes = np.diff(np.append(starts, n)).astype(float)  # (per_epoch,)
    columns = np.stack([x, y, x * x, x * y])  # (4, n)
    means = np.empty((4, num_epochs, per_epoch))
    for epoch in range(num_epochs):
        order = gen.permutation(n)  # the same draw as minibatches(n, batch_size, gen)
        means[:, epoch] = np.add.reduceat(columns[:, order], starts, axis=1) / sizes
    mx, my, mxx, mxy = (m.ravel() for m in means)  # (k,) each: one entry per update
    all_sizes = np.tile(sizes, num_epochs)  # (k,)
    examples = np.concatenate([[0.0], np.cumsum(all_sizes)])  # (k + 1,)
    decay = 0.0 if lr_decay is None else lr_decay
    a = 2 * lr / (1.0 + decay * examples[:-1] / n)  # (k,): 2 * lr_t

    # With r = w*x + b - y, the batch gradient is dL/dw = 2*mean(r*x) = 2*(w*mxx + b*mx - mxy)
    # and dL/db = 2*mean(r) = 2*(w*mx + b - my), in the batch's means. The update
    # w <- w - lr_t * dL/dw (and b alike) is then w' = w*p - b*q + r, b' = b*s - w*q + u:
    p, q, r, s, u = ((1 - a * mxx).tolist(), (a * mx).tolist(), (a * mxy).tolist(),
                     (1 - a).tolist(), (a * my).tolist())
    ws, bs = [w], [b]
    for p_t, q_t, r_t, s_t, u_t in zip(p, q, r, s, u):
        # Python floats overflow to inf without an exception: a blow-up is caught below.
        w, b = w * p_t - b * q_t + r_t, b * s_t - w * q_t + u_t
        ws.append(w)
        bs.append(b)

    W, B = np.array(ws), np.array(bs)
    loss, excess = _full_loss(x, y, W, B)
    limit = DIVERGED_LOSS_FACTOR * max(float(loss[0]), 1.0)
    bad = ~(loss <= limit)  # also catches inf and nan
    diverged_at = None
    if bad.any():
        diverged_at = int(np.argmax(bad))
        keep = diverged_at + 1
        W, B, loss, excess = W[:keep], B[:keep], loss[:keep], excess[:keep]
        examples, all_sizes = examples[:keep], all_sizes[:keep - 1]
    return MiniBatchRun(W, B, loss, excess, examples, all_sizes, n, batch_size, lr, lr_decay,
                        diverged_at)


def _full_loss(x: np.ndarray, y: np.ndarray, W: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The MSE on all of ``x``, ``y`` at each ``(W[i], B[i])`` and its excess over the minimum.

    ``L(w, b) = L_min + d @ A @ d`` with ``d = (w - w*, b - b*)``, ``A = [[mean(x²), mean(x)],
    [mean(x), 1]]`` (half the Hessian) and ``(w*, b*)`` a minimiser: exact for a quadratic, and
    free of the cancellation that ``L - L_min`` would suffer near the minimum. Overflowing
    values come out as inf or nan, without a warning.
    """
    mx, my, mxx, _, _ = _moments(x, y)
    if np.var(x) > 0:
        w_min = float(np.mean((x - mx) * (y - my)) / np.var(x))
    else:
        w_min = 0.0
    b_min = my - w_min * mx
    loss_min = float(np.mean((w_min * x + b_min - y) ** 2))
    with np.errstate(over="ignore", invalid="ignore"):
        dw, db = W - w_min, B - b_min
        excess = np.maximum(mxx * dw * dw + 2 * mx * dw * db + db * db, 0.0)
        return loss_min + excess, excess


def gradient_seconds(x: Any, y: Any, batch_sizes: Any, rng: Any = 0, *, repeats: int = 40,
                     rounds: int = 3) -> np.ndarray:
    """Measured seconds for one mini-batch gradient of each size in ``batch_sizes`` (shape
    ``(m,)``), computed the plain way: pick the batch's examples, then the mean of the residuals
    times ``x`` (:func:`minibatch_gradients` on one batch; a batch of all ``n`` examples uses the
    arrays as they are, as batch gradient descent does). The best of ``rounds`` rounds of
    ``repeats`` calls each, per call: a cost model of one update on this machine. Notebook 04.
    """
    x = v.as_array("x", x, ndim=1)
    y = v.as_array("y", y, ndim=1)
    v.same_length(("x", "y"), x, y)
    sizes = [v.as_int("batch size", int(s), minimum=1, maximum=len(x))
             for s in np.atleast_1d(np.asarray(batch_sizes))]
    repeats = v.as_int("repeats", repeats, minimum=1)
    rounds = v.as_int("rounds", rounds, minimum=1)
    gen = v.as_rng(rng, "rng")
    out = []
    for size in sizes:
        idx = gen.permutation(len(x))[:size] if size < len(x) else slice(None)  # (size,) or all
        best = np.inf
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(repeats):
                _batch_grad(x[idx], y[idx], 0.5, 0.5)
            best = min(best, (time.perf_counter() - start) / repeats)
        out.append(best)
    return np.array(out)
