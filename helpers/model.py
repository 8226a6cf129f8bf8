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

from . import _validate as check
from .i18n import _

__all__ = [
    "LAD_MAX_EXAMPLES", "QuadraticLoss", "TinyNet", "best_lines", "expected_initial_loss",
    "init_weights", "least_absolute_deviations", "least_squares", "loss_above_minimum",
    "loss_grid", "mae", "max_stable_lr", "max_stable_lr_1d", "mse", "mse_gradient",
    "mse_gradient_linear", "mse_gradient_unchecked", "mse_hessian", "numerical_gradient",
    "predict", "predict_linear", "sse", "step_factor", "tiny_net_forward", "tiny_net_params",
    "tiny_net_train", "wavy_loss", "wavy_slope",
]

# --------------------------------------------------------------------------------------------
# The linear model
# --------------------------------------------------------------------------------------------


def predict(x: Any, w: float, b: float) -> np.ndarray:
    """Predictions of the one-feature model ``y_hat = w * x + b``.

    ``x``: shape ``(n,)``; returns shape ``(n,)``. Introduced in notebook 01.
    """
    x = check.as_array("x", x, ndim=1)
    w = check.as_float("w", w)
    b = check.as_float("b", b)
    return w * x + b


def predict_linear(X: Any, w: Any, b: float) -> np.ndarray:
    """Predictions of the several-feature model ``y_hat = X @ w + b``.

    ``X``: shape ``(n, d)``; ``w``: shape ``(d,)``; returns shape ``(n,)``. Introduced in
    notebook 01.
    """
    X = check.as_array("X", X, ndim=2)
    w = check.as_array("w", w, ndim=1)
    if X.shape[1] != w.shape[0]:
        raise ValueError(
            _("X has {columns} feature columns but w has {weights} weights; they must match").format(
                columns=X.shape[1], weights=w.shape[0])
        )
    b = check.as_float("b", b)
    return X @ w + b  # (n, d) @ (d,) = (n,)


# --------------------------------------------------------------------------------------------
# Losses
# --------------------------------------------------------------------------------------------


def _pair(y: Any, y_hat: Any) -> tuple[np.ndarray, np.ndarray]:
    return check.as_pair(("y", "y_hat"), y, y_hat)


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
    return check.as_pair(("x", "y"), x, y)


def mse_gradient(x: Any, y: Any, w: float, b: float) -> tuple[float, float]:
    """Gradient ``(dL/dw, dL/db)`` of ``L(w, b) = mean((w*x + b - y)**2)``.

    ``x``, ``y``: shape ``(n,)``. With ``r = w*x + b - y`` (the residuals):
    ``dL/dw = 2 * mean(r * x)`` and ``dL/db = 2 * mean(r)``. Notebook 03.
    """
    x, y = _data(x, y)
    w = check.as_float("w", w)
    b = check.as_float("b", b)
    dw, db = mse_gradient_unchecked(x, y, w, b)
    return float(dw), float(db)


def mse_gradient_unchecked(x: np.ndarray, y: np.ndarray, w: Any, b: Any) -> tuple[Any, Any]:
    """The kernel of :func:`mse_gradient`, for hot paths: no checks, and over the last axis, so
    ``x``, ``y`` of shape ``(..., m)`` (e.g. ``(k, m)``: ``k`` batches of ``m`` examples) give
    ``dw``, ``db`` of shape ``(...)``."""
    r = w * x + b - y  # (..., m): the residuals
    return 2 * np.mean(r * x, axis=-1), 2 * np.mean(r, axis=-1)


def mse_gradient_linear(X: Any, y: Any, w: Any, b: float) -> tuple[np.ndarray, float]:
    """Gradient ``(dL/dw, dL/db)`` of ``L = mean((X @ w + b - y)**2)``.

    ``X``: ``(n, d)``, ``y``: ``(n,)``, ``w``: ``(d,)``; returns ``dw`` of shape ``(d,)`` and
    ``db`` a number: ``dw = 2/n * X.T @ r`` with ``r = X @ w + b - y``. Notebook 03.
    """
    X, y = check.as_pair(("X", "y"), X, y, ndims=(2, 1))
    r = predict_linear(X, w, b) - y  # (n,)
    return 2 * (X.T @ r) / len(y), float(2 * np.mean(r))  # (d, n) @ (n,) = (d,)


def numerical_gradient(f: Callable[[np.ndarray], float], params: Any, eps: float = 1e-6) -> np.ndarray:
    """Central finite-difference estimate of the gradient of ``f`` at ``params``.

    ``params``: any shape ``s``; ``f`` takes an array of shape ``s`` and returns a number; the
    result has shape ``s``: ``(f(p + eps*e_i) - f(p - eps*e_i)) / (2*eps)`` for each entry.
    Notebook 03.
    """
    if not callable(f):
        raise TypeError(_("f must be a function of the parameters; got {f!r}").format(f=f))
    p = check.as_array("params", params, ndim=(0, 1, 2))
    eps = check.as_float("eps", eps, positive=True, allow_zero=False)
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
# The loss surface of the one-feature model: one quadratic, one home
# --------------------------------------------------------------------------------------------


class QuadraticLoss:
    """The MSE of the one-feature model on data ``x``, ``y``: ``L(w, b) = mean((w*x + b - y)**2)``.

    ``L`` is a quadratic in ``(w, b)``, so five numbers of the data say everything about it: its
    moments ``mean(x)``, ``mean(y)``, ``mean(x*x)``, ``mean(x*y)``, ``mean(y*y)``. This object
    computes them once (and validates ``x``, ``y`` once); its methods then cost the same for any
    ``n`` and do not check their arguments again, so a live figure can call them at every frame.
    ``w`` and ``b`` may be numbers or arrays that broadcast together; the results take their
    shape. Every public function of the course about this loss (:func:`loss_grid`,
    :func:`least_squares`, :func:`mse_hessian`, :func:`max_stable_lr`, ...) is a thin
    validated front of this object. Notebooks 02 and 03.
    """

    def __init__(self, x: Any, y: Any) -> None:
        x, y = _data(x, y)
        self.x, self.y = x, y  # (n,) each
        self.n = len(x)
        self.mx, self.my = float(x.mean()), float(y.mean())
        self.mxx, self.mxy, self.myy = float((x * x).mean()), float((x * y).mean()), float((y * y).mean())
        self.var_x = float(np.var(x))
        # The minimum: centred moments (no cancellation). With a single x value every line
        # through (mean(x), mean(y)) is best; then w_min = 0 is the one reported.
        self.w_min = float(np.mean((x - self.mx) * (y - self.my)) / self.var_x) if self.var_x > 0 else 0.0
        self.b_min = self.my - self.w_min * self.mx
        self.loss_min = float(np.mean((self.predict(self.w_min, self.b_min) - y) ** 2))

    # -- values ----------------------------------------------------------------------------------
    def predict(self, w: Any, b: Any) -> Any:
        """``w * x + b`` on the data (shape ``(n,)``; ``w``, ``b`` of shape ``(k, 1)`` give
        ``(k, n)``: one row per line)."""
        return w * self.x + b

    def loss(self, w: Any, b: Any) -> Any:
        """``L(w, b)``, from the moments: ``w²·mean(x²) + b² + mean(y²) + 2wb·mean(x)
        - 2w·mean(xy) - 2b·mean(y)`` (never below 0 for arrays)."""
        value = (w * w * self.mxx + b * b + self.myy + 2 * w * b * self.mx
                 - 2 * w * self.mxy - 2 * b * self.my)
        return np.maximum(value, 0.0) if isinstance(value, np.ndarray) else value

    def gradient(self, w: Any, b: Any) -> tuple[Any, Any]:
        """``(dL/dw, dL/db) = (2*(w*mean(x²) + b*mean(x) - mean(xy)), 2*(w*mean(x) + b - mean(y)))``:
        :func:`mse_gradient` written with the moments."""
        return 2 * (w * self.mxx + b * self.mx - self.mxy), 2 * (w * self.mx + b - self.my)

    def grid(self, ws: np.ndarray, bs: np.ndarray) -> np.ndarray:
        """``L`` at every ``(ws[i], bs[j])``: shape ``(len(bs), len(ws))`` (rows follow ``b``)."""
        W, B = np.meshgrid(ws, bs)  # (q, p) each
        return self.loss(W, B)

    def above_minimum(self, w: Any, b: Any) -> Any:
        """``L(w, b) - min L``, exactly: ``d @ (H/2) @ d`` with ``d = (w - w_min, b - b_min)``
        and ``H`` the Hessian. No cancellation, so it stays accurate a hair above the minimum
        (a log axis needs that); overflowing values come out as inf or nan, without a warning."""
        with np.errstate(over="ignore", invalid="ignore"):
            dw, db = np.subtract(w, self.w_min), np.subtract(b, self.b_min)
            return np.maximum(self.mxx * dw * dw + 2 * self.mx * dw * db + db * db, 0.0)

    # -- curvature and learning rates ----------------------------------------------------------
    @property
    def hessian(self) -> np.ndarray:
        """``[[2*mean(x²), 2*mean(x)], [2*mean(x), 2]]``, shape ``(2, 2)``: the same at every
        ``(w, b)`` (it depends on ``x`` only)."""
        return np.array([[2 * self.mxx, 2 * self.mx], [2 * self.mx, 2.0]])

    @property
    def eigenvalues(self) -> tuple[float, float]:
        """The Hessian's eigenvalues, smallest first: the curvature along and across the valley."""
        small, big = np.linalg.eigvalsh(self.hessian)
        return float(small), float(big)

    @property
    def max_stable_lr(self) -> float:
        """``2 / lambda_max``: full-batch gradient descent on ``(w, b)`` converges below it."""
        return 2.0 / self.eigenvalues[1]

    @property
    def curvature_1d(self) -> float:
        """``L''(w) = 2 * mean(x²)``: the second derivative of ``L`` in ``w`` alone (``b`` fixed)."""
        return 2.0 * self.mxx

    @property
    def max_stable_lr_1d(self) -> float:
        """``2 / L''(w) = 1 / mean(x²)``: gradient descent in ``w`` alone converges below it."""
        if self.mxx == 0.0:
            raise ValueError(_("x must not be all zeros: then w does not change the loss at all"))
        return 1.0 / self.mxx

    def step_factor(self, lr: Any) -> Any:
        """``1 - lr * L''(w)``: what one step in ``w`` alone multiplies the distance to the bottom by."""
        return 1.0 - lr * 2.0 * self.mxx


def loss_grid(x: Any, y: Any, ws: Any, bs: Any) -> np.ndarray:
    """MSE of the one-feature model at every ``(w, b)`` of a grid.

    ``ws``: shape ``(p,)``, ``bs``: shape ``(q,)``; returns shape ``(q, p)`` with
    ``out[j, i] = L(ws[i], bs[j])`` (rows follow ``b``, ready for ``contour(ws, bs, out)``).
    Computed from the data's moments (:class:`QuadraticLoss`), so the cost does not grow with
    ``n``. Notebook 02.
    """
    loss = QuadraticLoss(x, y)
    return loss.grid(check.as_array("ws", ws, ndim=1), check.as_array("bs", bs, ndim=1))


def least_squares(x: Any, y: Any) -> tuple[float, float]:
    """The ``(w, b)`` with the smallest MSE for the one-feature model (closed form).

    ``x``, ``y``: shape ``(n,)``; needs at least two distinct ``x`` values. Notebook 02.
    """
    loss = QuadraticLoss(x, y)
    if loss.var_x == 0.0:
        raise ValueError(_("x must hold at least two different values to fit a line"))
    return loss.w_min, loss.b_min


def mse_hessian(x: Any) -> np.ndarray:
    """The Hessian of ``L(w, b)`` for the one-feature model, shape ``(2, 2)``.

    ``[[2*mean(x**2), 2*mean(x)], [2*mean(x), 2]]``: it depends on ``x`` only, not on ``y``,
    ``w`` or ``b``, because the MSE is a quadratic. Notebook 03.
    """
    x = check.as_array("x", x, ndim=1)
    return QuadraticLoss(x, np.zeros_like(x)).hessian


def max_stable_lr(x: Any) -> float:
    """The largest learning rate for which full-batch gradient descent on the MSE converges.

    ``2 / lambda_max`` where ``lambda_max`` is the largest eigenvalue of :func:`mse_hessian`;
    any learning rate below it converges, any above it diverges. Notebook 03.
    """
    x = check.as_array("x", x, ndim=1)
    return QuadraticLoss(x, np.zeros_like(x)).max_stable_lr


def max_stable_lr_1d(x: Any) -> float:
    """The largest learning rate for which gradient descent in ``w`` alone (``b`` held fixed,
    ``fit_b=False``) converges: ``2 / L''(w) = 2 / (2 * mean(x**2))``.

    With ``b`` fixed, ``L(w)`` is a parabola whose second derivative is ``2 * mean(x**2)``
    everywhere. ``x``: shape ``(n,)``. Compare :func:`max_stable_lr` for ``(w, b)``
    together. Notebook 03.
    """
    x = check.as_array("x", x, ndim=1)
    return QuadraticLoss(x, np.zeros_like(x)).max_stable_lr_1d


def step_factor(x: Any, lr: float) -> float:
    """The number ``1 - lr * 2 * mean(x**2)`` by which one step of gradient descent in
    ``w`` alone (``b`` held fixed) multiplies the distance ``w - w*`` to the bottom.

    Between 0 and 1: slides down one side; between -1 and 0: overshoots, zig-zags across the
    valley; beyond 1 in size: diverges. ``x``: shape ``(n,)``. Notebook 03.
    """
    x = check.as_array("x", x, ndim=1)
    lr = check.learning_rate(lr)
    return float(QuadraticLoss(x, np.zeros_like(x)).step_factor(lr))


def loss_above_minimum(x: Any, y: Any, w: Any, b: Any) -> np.ndarray:
    """``L(w, b) - min L``: how far the MSE at ``(w, b)`` is above its smallest value.

    Computed exactly from the Hessian ``H`` (:func:`mse_hessian`) as ``0.5 * d @ H @ d`` with
    ``d = (w - w*, b - b*)`` (:meth:`QuadraticLoss.above_minimum`), so it stays positive and
    accurate even a hair above the minimum, where ``mse(...) - min`` would lose every digit to
    rounding (a log-scale axis needs that). ``x``, ``y``: shape ``(n,)``; ``w``, ``b``: numbers
    or arrays of one shape ``s``; returns an array of shape ``s``. Notebook 03.
    """
    loss = QuadraticLoss(x, y)
    if loss.var_x == 0.0:
        raise ValueError(_("x must hold at least two different values to fit a line"))
    w = check.as_array("w", w, ndim=None)
    b = check.as_array("b", b, ndim=None)
    if w.shape != b.shape:
        raise ValueError(_("w and b must have the same shape; got {w_shape} and {b_shape}").format(
            w_shape=w.shape, b_shape=b.shape))
    return loss.above_minimum(w, b)


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
        raise TypeError(_("shape must be a whole number or a tuple of whole numbers; got {shape!r}"
                          ).format(shape=shape))
    shape = tuple(check.as_int(_("shape entry"), s, minimum=0) for s in shape)
    scale = check.as_float("scale", scale, positive=True)
    return check.as_rng(rng, "rng").normal(0.0, scale, size=shape)


# --------------------------------------------------------------------------------------------
# A tiny network, to show why weights must not all start equal (notebook 01)
# --------------------------------------------------------------------------------------------

TinyNet = dict[str, np.ndarray]
"""Parameters of the tiny network: hidden layer ``W1`` (2,), ``b1`` (2,); output layer ``w2``
(2,), ``b2`` (1,)."""


def tiny_net_params(kind: str, rng: Any = None, value: float = 0.5, scale: float = 1.0) -> TinyNet:
    """Initial parameters of the two-hidden-unit network.

    ``kind="constant"`` sets every weight to ``value``; ``kind="random"`` draws them from
    ``N(0, scale**2)`` with ``rng`` (a Generator or a seed). Notebook 01.
    """
    if kind == "constant":
        value = check.as_float("value", value)
        return {k: np.full(n, value) for k, n in (("W1", 2), ("b1", 2), ("w2", 2), ("b2", 1))}
    if kind == "random":
        if rng is None:
            raise ValueError(_("kind='random' draws the weights at random: pass rng, a "
                               "numpy.random.Generator or a seed (the same seed gives the same "
                               "weights)"))
        gen = check.as_rng(rng, "rng")
        return {k: init_weights(n, scale, gen) for k, n in (("W1", 2), ("b1", 2), ("w2", 2), ("b2", 1))}
    raise ValueError(_("kind must be 'constant' or 'random'; got {kind!r}").format(kind=kind))


def tiny_net_forward(x: Any, p: TinyNet) -> tuple[np.ndarray, np.ndarray]:
    """Hidden activations ``h`` (2, n) and output ``y_hat`` (n,) of the tiny network.

    ``h = tanh(W1[:, None] * x + b1[:, None])`` and ``y_hat = w2 @ h + b2``. Notebook 01.
    """
    x = check.as_array("x", x, ndim=1)
    h = np.tanh(p["W1"][:, None] * x + p["b1"][:, None])  # (2, n)
    return h, p["w2"] @ h + p["b2"][0]  # (2,) @ (2, n) = (n,)


def tiny_net_train(x: Any, y: Any, p: TinyNet, lr: float, num_steps: int) -> list[TinyNet]:
    """Train the tiny network by gradient descent on the MSE; return the parameters after every
    step (``num_steps + 1`` entries, the start included). Notebook 01."""
    x, y = _data(x, y)
    lr = check.learning_rate(lr)
    num_steps = check.as_int("num_steps", num_steps, minimum=0, maximum=100_000)
    p = {k: np.array(val, dtype=float) for k, val in p.items()}
    history = [{k: val.copy() for k, val in p.items()}]
    n = len(y)
    for _step in range(num_steps):
        h, y_hat = tiny_net_forward(x, p)
        d_y_hat = 2 * (y_hat - y) / n  # dL/dy_hat, (n,)
        dh = p["w2"][:, None] * d_y_hat * (1 - h**2)  # dL/d(pre-activation), (2, n)
        grads = {"W1": dh @ x, "b1": dh.sum(axis=1), "w2": h @ d_y_hat, "b2": np.array([d_y_hat.sum()])}
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
    scale = check.as_float("scale", scale, positive=True)
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
        raise ValueError(_("x and y may hold at most {limit} examples here; got {got}").format(
            limit=LAD_MAX_EXAMPLES, got=len(x)))
    if np.ptp(x) == 0.0:
        raise ValueError(_("x must hold at least two different values to fit a line"))
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


def best_lines(x: Any, y: Any, index: int, errors: Any) -> dict[str, np.ndarray]:
    """The best-MSE and best-MAE lines when ``y[index]`` is off by each value of ``errors``
    (shape ``(k,)``), and their losses on that corrupted data; returns arrays of shape ``(k,)``
    keyed ``"mse_w", "mse_b", "mse", "mae_w", "mae_b", "mae"``. Notebook 02."""
    x, y = _data(x, y)
    index = check.as_int("index", index, minimum=-len(x), maximum=len(x) - 1)
    errors = check.as_array("errors", errors, ndim=1)
    out: dict[str, list[float]] = {key: [] for key in ("mse_w", "mse_b", "mse", "mae_w", "mae_b", "mae")}
    for error in errors:
        bad = y.copy()
        bad[index] += error
        for key, fit, loss in (("mse", least_squares, mse), ("mae", least_absolute_deviations, mae)):
            fw, fb = fit(x, bad)
            out[f"{key}_w"].append(fw)
            out[f"{key}_b"].append(fb)
            out[key].append(loss(bad, predict(x, fw, fb)))
    return {key: np.array(values) for key, values in out.items()}


# --------------------------------------------------------------------------------------------
# A loss that is not a bowl (notebook 03's caveat)
# --------------------------------------------------------------------------------------------


def wavy_loss(w: Any) -> Any:
    """A made-up loss of one weight with several valleys, ``L(w) = w²/20 + sin(w)``: a bowl with
    waves on it, so gradient descent ends in whichever valley its start leads to. Any shape.
    Notebook 03."""
    w = np.asarray(w, dtype=float)
    return w**2 / 20 + np.sin(w)


def wavy_slope(w: Any) -> Any:
    """The slope of :func:`wavy_loss`, ``L'(w) = w/10 + cos(w)``. Any shape. Notebook 03."""
    w = np.asarray(w, dtype=float)
    return w / 10 + np.cos(w)
