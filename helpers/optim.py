"""Gradient-descent runners (numpy only, no drawing). Each returns the whole history of a run.

A run that blows up is stopped, not continued into overflow: its :class:`Trajectory` ends at
the step where the loss passed ``DIVERGED_LOSS_FACTOR`` times the starting loss and records
that step in ``diverged_at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
