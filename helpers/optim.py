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
