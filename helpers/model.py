"""The course's math: the linear model, its losses and their gradients (numpy only, no drawing).

Conventions, used everywhere in the course:

* ``x``: one feature, shape ``(n,)``; ``X``: several features, shape ``(n, d)``;
* ``y``: targets, shape ``(n,)``; ``y_hat``: predictions, shape ``(n,)``;
* ``w`` (a number, or shape ``(d,)``) and ``b`` (a number): weight and bias;
* gradients come back in the order of the parameters: ``(dw, db)``.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from . import _validate as v

# --------------------------------------------------------------------------------------------
# The linear model
# --------------------------------------------------------------------------------------------


def predict(x: Any, w: float, b: float) -> np.ndarray:
    """Predictions of the one-feature model ``y_hat = w * x + b``.

    ``x``: shape ``(n,)``; returns shape ``(n,)``. Introduced in notebook 01.
    """
    x = v.as_array("x", x, ndim=1)
    w = v.as_float("w", w)
    b = v.as_float("b", b)
    return w * x + b


def predict_linear(X: Any, w: Any, b: float) -> np.ndarray:
    """Predictions of the several-feature model ``y_hat = X @ w + b``.

    ``X``: shape ``(n, d)``; ``w``: shape ``(d,)``; returns shape ``(n,)``. Introduced in
    notebook 01.
    """
    X = v.as_array("X", X, ndim=2)
    w = v.as_array("w", w, ndim=1)
    if X.shape[1] != w.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} feature columns but w has {w.shape[0]} weights; they must match"
        )
    b = v.as_float("b", b)
    return X @ w + b  # (n, d) @ (d,) = (n,)


# --------------------------------------------------------------------------------------------
# Losses
# --------------------------------------------------------------------------------------------


def _pair(y: Any, y_hat: Any) -> tuple[np.ndarray, np.ndarray]:
    y = v.as_array("y", y, ndim=1)
    y_hat = v.as_array("y_hat", y_hat, ndim=1)
    v.same_length(("y", "y_hat"), y, y_hat)
    return y, y_hat


def sse(y: Any, y_hat: Any) -> float:
    """Sum of squared errors, ``sum((y_hat - y)**2)``. Shapes ``(n,)``. Notebook 02."""
    y, y_hat = _pair(y, y_hat)
    return float(np.sum((y_hat - y) ** 2))


def mse(y: Any, y_hat: Any) -> float:
    """Mean squared error, ``mean((y_hat - y)**2)``. Shapes ``(n,)``. Notebook 02.

    The learner writes this function in notebook 02's first exercise.
    """
    y, y_hat = _pair(y, y_hat)
    return float(np.mean((y_hat - y) ** 2))


def mae(y: Any, y_hat: Any) -> float:
    """Mean absolute error, ``mean(|y_hat - y|)``. Shapes ``(n,)``. Notebook 02."""
    y, y_hat = _pair(y, y_hat)
    return float(np.mean(np.abs(y_hat - y)))


def _data(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x = v.as_array("x", x, ndim=1)
    y = v.as_array("y", y, ndim=1)
    v.same_length(("x", "y"), x, y)
    return x, y


def mse_grad(x: Any, y: Any, w: float, b: float) -> tuple[float, float]:
    """Gradient ``(dL/dw, dL/db)`` of ``L(w, b) = mean((w*x + b - y)**2)``.

    ``x``, ``y``: shape ``(n,)``. With ``r = w*x + b - y`` (the residuals):
    ``dL/dw = 2 * mean(r * x)`` and ``dL/db = 2 * mean(r)``. Notebook 03.
    """
    x, y = _data(x, y)
    w = v.as_float("w", w)
    b = v.as_float("b", b)
    r = w * x + b - y  # (n,)
    return float(2 * np.mean(r * x)), float(2 * np.mean(r))


def mse_grad_linear(X: Any, y: Any, w: Any, b: float) -> tuple[np.ndarray, float]:
    """Gradient ``(dL/dw, dL/db)`` of ``L = mean((X @ w + b - y)**2)``.

    ``X``: ``(n, d)``, ``y``: ``(n,)``, ``w``: ``(d,)``; returns ``dw`` of shape ``(d,)`` and
    ``db`` a number: ``dw = 2/n * X.T @ r`` with ``r = X @ w + b - y``. Notebook 03.
    """
    X = v.as_array("X", X, ndim=2)
    y = v.as_array("y", y, ndim=1)
    v.same_length(("X", "y"), X, y)
    r = predict_linear(X, w, b) - y  # (n,)
    return 2 * (X.T @ r) / len(y), float(2 * np.mean(r))  # (d, n) @ (n,) = (d,)


def numerical_grad(f: Callable[[np.ndarray], float], params: Any, eps: float = 1e-6) -> np.ndarray:
    """Central finite-difference estimate of the gradient of ``f`` at ``params``.

    ``params``: any shape ``s``; ``f`` takes an array of shape ``s`` and returns a number; the
    result has shape ``s``: ``(f(p + eps*e_i) - f(p - eps*e_i)) / (2*eps)`` for each entry.
    Notebook 03.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of the parameters; got {f!r}")
    p = v.as_array("params", params, ndim=(0, 1, 2))
    eps = v.as_float("eps", eps, positive=True, allow_zero=False)
    grad = np.zeros_like(p)
    flat, gflat = p.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = float(f(p.copy()))
        flat[i] = old - eps
        down = float(f(p.copy()))
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


# --------------------------------------------------------------------------------------------
# The loss surface of the one-feature model
# --------------------------------------------------------------------------------------------


def loss_grid(x: Any, y: Any, ws: Any, bs: Any) -> np.ndarray:
    """MSE of the one-feature model at every ``(w, b)`` of a grid.

    ``ws``: shape ``(p,)``, ``bs``: shape ``(q,)``; returns shape ``(q, p)`` with
    ``out[j, i] = L(ws[i], bs[j])`` (rows follow ``b``, ready for ``contour(ws, bs, out)``).
    Computed from the data's moments, so the cost does not grow with ``n``. Notebook 02.
    """
    x, y = _data(x, y)
    ws = v.as_array("ws", ws, ndim=1)
    bs = v.as_array("bs", bs, ndim=1)
    W, B = np.meshgrid(ws, bs)  # (q, p) each
    mx, my = x.mean(), y.mean()
    mxx, mxy, myy = (x * x).mean(), (x * y).mean(), (y * y).mean()
    # mean((w x + b - y)^2) expanded into the data's first and second moments.
    out = W**2 * mxx + B**2 + myy + 2 * W * B * mx - 2 * W * mxy - 2 * B * my
    return np.maximum(out, 0.0)


def least_squares(x: Any, y: Any) -> tuple[float, float]:
    """The ``(w, b)`` with the smallest MSE for the one-feature model (closed form).

    ``x``, ``y``: shape ``(n,)``; needs at least two distinct ``x`` values. Notebook 02.
    """
    x, y = _data(x, y)
    var = float(np.var(x))
    if var == 0.0:
        raise ValueError("x must hold at least two different values to fit a line")
    w = float(np.mean((x - x.mean()) * (y - y.mean())) / var)
    return w, float(y.mean() - w * x.mean())


def mse_hessian(x: Any) -> np.ndarray:
    """The Hessian of ``L(w, b)`` for the one-feature model, shape ``(2, 2)``.

    ``[[2*mean(x**2), 2*mean(x)], [2*mean(x), 2]]``: it depends on ``x`` only, not on ``y``,
    ``w`` or ``b``, because the MSE is a quadratic. Notebook 03.
    """
    x = v.as_array("x", x, ndim=1)
    mx, mxx = float(x.mean()), float((x * x).mean())
    return np.array([[2 * mxx, 2 * mx], [2 * mx, 2.0]])


def max_stable_lr(x: Any) -> float:
    """The largest learning rate for which full-batch gradient descent on the MSE converges.

    ``2 / lambda_max`` where ``lambda_max`` is the largest eigenvalue of :func:`mse_hessian`;
    any learning rate below it converges, any above it diverges. Notebook 03.
    """
    return float(2.0 / np.linalg.eigvalsh(mse_hessian(x))[-1])


# --------------------------------------------------------------------------------------------
# Initialization
# --------------------------------------------------------------------------------------------


def init_weights(shape: int | tuple[int, ...], scale: float, rng: Any) -> np.ndarray:
    """Random initial weights drawn from a normal distribution ``N(0, scale**2)``.

    ``shape``: an int or a tuple of ints; ``scale``: the standard deviation sigma (>= 0);
    ``rng``: a ``numpy.random.Generator`` or a seed. Returns an array of ``shape``.
    The learner writes this function in notebook 01's first exercise.
    """
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (int(shape),)
    if not isinstance(shape, tuple):
        raise TypeError(f"shape must be a whole number or a tuple of whole numbers; got {shape!r}")
    shape = tuple(v.as_int("shape entry", s, minimum=0) for s in shape)
    scale = v.as_float("scale", scale, positive=True)
    return v.as_rng(rng, "rng").normal(0.0, scale, size=shape)


# --------------------------------------------------------------------------------------------
# A tiny network, to show why weights must not all start equal (notebook 01)
# --------------------------------------------------------------------------------------------

TinyNet = dict[str, np.ndarray]
"""Parameters of the tiny network: ``W1`` (2,), ``b1`` (2,), ``v`` (2,) and ``c`` (1,)."""


def tiny_net_params(kind: str, rng: Any = None, value: float = 0.5, scale: float = 1.0) -> TinyNet:
    """Initial parameters of the two-hidden-unit network.

    ``kind="constant"`` sets every weight to ``value``; ``kind="random"`` draws them from
    ``N(0, scale**2)`` with ``rng`` (a Generator or a seed). Notebook 01.
    """
    if kind == "constant":
        value = v.as_float("value", value)
        return {k: np.full(n, value) for k, n in (("W1", 2), ("b1", 2), ("v", 2), ("c", 1))}
    if kind == "random":
        gen = v.as_rng(rng, "rng")
        return {k: init_weights(n, scale, gen) for k, n in (("W1", 2), ("b1", 2), ("v", 2), ("c", 1))}
    raise ValueError(f"kind must be 'constant' or 'random'; got {kind!r}")


def tiny_net_forward(x: Any, p: TinyNet) -> tuple[np.ndarray, np.ndarray]:
    """Hidden activations ``h`` (2, n) and output ``y_hat`` (n,) of the tiny network.

    ``h = tanh(W1[:, None] * x + b1[:, None])`` and ``y_hat = v @ h + c``. Notebook 01.
    """
    x = v.as_array("x", x, ndim=1)
    h = np.tanh(p["W1"][:, None] * x + p["b1"][:, None])  # (2, n)
    return h, p["v"] @ h + p["c"][0]  # (2,) @ (2, n) = (n,)


def tiny_net_train(x: Any, y: Any, p: TinyNet, lr: float, num_steps: int) -> list[TinyNet]:
    """Train the tiny network by gradient descent on the MSE; return the parameters after every
    step (``num_steps + 1`` entries, the start included). Notebook 01."""
    x, y = _data(x, y)
    lr = v.learning_rate(lr)
    num_steps = v.as_int("num_steps", num_steps, minimum=0, maximum=100_000)
    p = {k: np.array(val, dtype=float) for k, val in p.items()}
    history = [{k: val.copy() for k, val in p.items()}]
    n = len(y)
    for _ in range(num_steps):
        h, y_hat = tiny_net_forward(x, p)
        r = 2 * (y_hat - y) / n  # dL/dy_hat, (n,)
        dh = p["v"][:, None] * r * (1 - h**2)  # dL/d(pre-activation), (2, n)
        grads = {"W1": dh @ x, "b1": dh.sum(axis=1), "v": h @ r, "c": np.array([r.sum()])}
        p = {k: p[k] - lr * grads[k] for k in p}
        history.append({k: val.copy() for k, val in p.items()})
    return history


def expected_initial_loss(x: Any, y: Any, scale: float) -> float:
    """The MSE of the one-feature model averaged over random starts ``w, b ~ N(0, scale**2)``.

    ``E[(w*x + b - y)**2] = scale**2 * (x**2 + 1) + y**2`` for each example (the cross terms
    average to zero), so the average is ``scale**2 * (mean(x**2) + 1) + mean(y**2)``: it grows
    with the scale. ``x``, ``y``: shape ``(n,)``. Notebook 01.
    """
    x, y = _data(x, y)
    scale = v.as_float("scale", scale, positive=True)
    return float(scale**2 * (np.mean(x * x) + 1) + np.mean(y * y))


# --------------------------------------------------------------------------------------------
# The line with the smallest mean absolute error (notebook 02)
# --------------------------------------------------------------------------------------------

LAD_MAX_EXAMPLES = 500
"""The most examples :func:`least_absolute_deviations` accepts (its cost grows like ``n**3``)."""


def least_absolute_deviations(x: Any, y: Any) -> tuple[float, float]:
    """The ``(w, b)`` with the smallest MAE for the one-feature model.

    The MAE is piecewise linear in ``(w, b)``, so its minimum sits at a corner, where two
    residuals are zero: some line through two of the data points is always among the best.
    This tries every pair of points with different ``x`` and keeps the line with the smallest
    MAE (the first one found, if several tie). ``x``, ``y``: shape ``(n,)`` with
    ``2 <= n <= 500`` and at least two distinct ``x`` values. Notebook 02.
    """
    x, y = _data(x, y)
    if len(x) > LAD_MAX_EXAMPLES:
        raise ValueError(f"x and y may hold at most {LAD_MAX_EXAMPLES} examples here; got {len(x)}")
    if np.ptp(x) == 0.0:
        raise ValueError("x must hold at least two different values to fit a line")
    best = (np.inf, 0.0, 0.0)
    for i in range(len(x) - 1):
        dx = x[i + 1:] - x[i]  # (m,): the points after i
        keep = dx != 0
        if not np.any(keep):
            continue
        ws = (y[i + 1:][keep] - y[i]) / dx[keep]  # (k,) slopes of the lines through point i
        bs = y[i] - ws * x[i]  # (k,)
        losses = np.mean(np.abs(np.outer(ws, x) + bs[:, None] - y), axis=1)  # (k, n) -> (k,)
        j = int(np.argmin(losses))
        if losses[j] < best[0]:
            best = (float(losses[j]), float(ws[j]), float(bs[j]))
    return best[1], best[2]
