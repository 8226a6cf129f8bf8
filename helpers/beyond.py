"""Beyond the bowl: feature scaling, momentum, a loss with several valleys, reading a real loss
curve, and an optimizer with PyTorch's ``step()``/``zero_grad()`` (numpy only, no drawing).
Notebook 05.

The MSE of a line as a function of ``(w, b)`` — its value, gradient, Hessian, eigenvalues,
minimum and the loss above it — is not written again here: it comes from
:class:`helpers.model.QuadraticLoss`; the runners and the mini-batches from :mod:`helpers.optim`.

Momentum follows PyTorch's ``torch.optim.SGD(momentum=beta)`` (and Distill's "Why Momentum
Really Works")::

    v <- beta * v + grad L(w)        # v starts at 0
    w <- w - lr * v

Other texts write ``v <- beta * v + (1 - beta) * grad`` (an average of the gradients: the same
method with ``lr`` scaled by ``1 - beta``) or ``v <- beta * v - lr * grad; w <- w + v`` (the
same method exactly, with ``v`` scaled by ``-lr``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from . import _validate as check
from .i18n import N_, _
from .model import QuadraticLoss, mse_gradient_unchecked
from .optim import DIVERGED_LOSS_FACTOR, MAX_STEPS, Stoppable, minibatch_gd, minibatches, updates_per_epoch

# --------------------------------------------------------------------------------------------
# 1. Feature scaling
# --------------------------------------------------------------------------------------------


def standardize(x: Any) -> tuple[np.ndarray, float, float]:
    """``(z, mean, std)`` with ``z = (x - mean) / std``: mean 0 and standard deviation 1.

    ``x``: shape ``(n,)`` with at least two distinct values; ``z``: shape ``(n,)``; ``std`` is
    numpy's ``np.std`` (divides by ``n``). The learner writes this in notebook 05's exercise 1.
    """
    x = check.as_array("x", x, ndim=1)
    mean, std = float(np.mean(x)), float(np.std(x))
    if not std > 0.0:
        raise ValueError(_("x must hold at least two different values to be standardized"))
    return (x - mean) / std, mean, std


def to_original_units(w_z: float, b_z: float, mean: float, std: float) -> tuple[float, float]:
    """The weights ``(w, b)`` of the line ``w * x + b`` that predicts exactly what
    ``w_z * z + b_z`` predicts, where ``z = (x - mean) / std``:
    ``w = w_z / std`` and ``b = b_z - w_z * mean / std``. Notebook 05."""
    w_z, b_z, mean = (check.as_float(n, u) for n, u in (("w_z", w_z), ("b_z", b_z), ("mean", mean)))
    std = check.as_float("std", std, positive=True, allow_zero=False)
    return w_z / std, b_z - w_z * mean / std


def _curvature(x: Any) -> QuadraticLoss:
    """The MSE's curvature depends on ``x`` only: a :class:`QuadraticLoss` with ``y = 0``."""
    x = check.as_array("x", x, ndim=1)
    return QuadraticLoss(x, np.zeros_like(x))


def hessian_eigenvalues(x: Any) -> tuple[float, float]:
    """``(lambda_min, lambda_max)``: :attr:`QuadraticLoss.eigenvalues` of the MSE on ``x``
    (shape ``(n,)``), the curvature of the loss along its flattest and its steepest direction.
    Notebook 05."""
    return _curvature(x).eigenvalues


def condition_number(x: Any) -> float:
    """``kappa = lambda_max / lambda_min`` of the MSE's Hessian: how narrow the valley is
    (1 for a round bowl). ``x``: shape ``(n,)``. Notebook 05."""
    small, big = hessian_eigenvalues(x)
    if not small > 0.0:
        raise ValueError(_("x must hold at least two different values: else the valley has a flat "
                           "floor"))
    return big / small


# --------------------------------------------------------------------------------------------
# 2. Momentum (the heavy ball)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MomentumRun(Stoppable):
    """The history of one run of :func:`heavy_ball`.

    ``params``: shape ``(k + 1, d)``, the start included, where ``k`` is the number of steps
    taken; ``loss``: shape ``(k + 1,)``; ``diverged_at``: the step at which a run whose loss
    passed ``DIVERGED_LOSS_FACTOR`` times its start (or became NaN) was stopped, else ``None``.
    """

    params: np.ndarray
    loss: np.ndarray
    lr: float
    beta: float
    diverged_at: int | None = None

    @property
    def num_steps(self) -> int:
        return len(self.params) - 1


def heavy_ball(grad: Callable[[np.ndarray], Any], loss: Callable[[np.ndarray], np.ndarray], params0: Any,
               lr: float, beta: float, num_steps: int) -> MomentumRun:
    """Gradient descent with momentum: ``v <- beta * v + grad(w)``, ``w <- w - lr * v``, from
    ``v = 0`` (PyTorch's ``SGD(momentum=beta)``; ``beta = 0`` is plain gradient descent).

    ``grad``: a function of the parameters (shape ``(d,)``) returning the gradient (``d``
    numbers); ``loss``: a function of many parameter vectors at once, shape ``(k, d)`` to
    ``(k,)``; ``params0``: shape ``(d,)`` or a number. A run that blows up is stopped as in
    :func:`helpers.gradient_descent`: at the first step whose loss passes
    ``DIVERGED_LOSS_FACTOR`` times the start (or is not finite). Notebook 05.
    """
    if not callable(grad) or not callable(loss):
        raise TypeError(_("grad and loss must be functions of the parameters"))
    w = check.as_array("params0", params0, ndim=(0, 1)).reshape(-1).copy()
    lr = check.learning_rate(lr)
    beta = check.as_float("beta", beta, positive=True)
    if beta >= 1.0:
        raise ValueError(_("beta must be below 1 (momentum that never fades never settles); got {beta}"
                           ).format(beta=beta))
    num_steps = check.as_int("num_steps", num_steps, minimum=0, maximum=MAX_STEPS)
    velocity = np.zeros_like(w)
    history = [w]
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, num_steps + 1):
            velocity = beta * velocity + np.asarray(grad(w), dtype=float).reshape(w.shape)
            w = w - lr * velocity
            history.append(w)
            if step % 32 == 0 and not np.all(np.isfinite(w)):  # overflowed: nothing more to see
                break
    params = np.array(history)  # (k + 1, d)
    finite = np.all(np.isfinite(params), axis=1)
    losses = np.full(len(params), np.inf)
    with np.errstate(over="ignore", invalid="ignore"):  # a far-off point's loss overflows to inf
        losses[finite] = np.asarray(loss(params[finite]), dtype=float)
    limit = DIVERGED_LOSS_FACTOR * max(abs(float(losses[0])), 1.0)
    bad = ~(np.abs(losses) <= limit)  # also catches inf and nan
    diverged_at = int(np.argmax(bad)) if bad.any() else None
    if diverged_at is not None:
        params, losses = params[: diverged_at + 1], losses[: diverged_at + 1]
    return MomentumRun(params, losses, lr, beta, diverged_at)


def mse_momentum(x: Any, y: Any, w0: float, b0: float, lr: float, beta: float,
                 num_steps: int) -> MomentumRun:
    """:func:`heavy_ball` on the MSE of the line ``w * x + b``, from ``(w0, b0)``. ``x``, ``y``:
    shape ``(n,)``; ``params``: shape ``(k + 1, 2)``, columns ``w`` and ``b``.

    The gradient and the loss are the data's :class:`QuadraticLoss` (its moments, computed
    once), so a step costs the same for any ``n`` and a slider can re-run hundreds of steps.
    Notebook 05."""
    return momentum_descend(QuadraticLoss(x, y), w0, b0, lr, beta, num_steps)


def momentum_descend(loss: QuadraticLoss, w0: float, b0: float, lr: float, beta: float,
                     num_steps: int) -> MomentumRun:
    """:func:`mse_momentum` for a live figure's frames: the data come as their
    :class:`QuadraticLoss`, made (and checked) once."""
    start = np.array([check.as_float("w0", w0), check.as_float("b0", b0)])

    def values(params: np.ndarray) -> np.ndarray:  # (k, 2) -> (k,): the minimum plus the height above it
        return loss.loss_min + loss.above_minimum(params[:, 0], params[:, 1])

    return heavy_ball(lambda p: np.array(loss.gradient(p[0], p[1])), values, start, lr, beta, num_steps)


def momentum_rate(lr: Any, beta: Any, lam: Any) -> np.ndarray:
    """How much one step of momentum shrinks the distance to the bottom along a direction of
    curvature ``lam``, in the long run: the spectral radius of ``[[1 + beta - lr*lam, -beta],
    [1, 0]]`` (the step acts on the pair ``(d_k, d_{k-1})``).

    Below 1: that direction converges; above 1: it diverges. ``beta = 0`` gives
    ``|1 - lr*lam|``, plain descent's factor. Arrays broadcast together. Notebook 05.
    """
    lr, beta, lam = (np.asarray(u, dtype=float) for u in (lr, beta, lam))
    a = 1.0 + beta - lr * lam  # the roots of mu**2 - a*mu + beta = 0
    root = np.sqrt((a * a - 4.0 * beta).astype(complex))
    return np.maximum(np.abs((a + root) / 2.0), np.abs((a - root) / 2.0))


def convergence_rate(lr: Any, beta: Any, lam_min: float, lam_max: float) -> np.ndarray:
    """The slowest direction's :func:`momentum_rate`: the factor by which the distance to the
    bottom shrinks per step once the run has settled into its pace. Notebook 05."""
    return np.maximum(momentum_rate(lr, beta, lam_min), momentum_rate(lr, beta, lam_max))


def best_plain(lam_min: float, lam_max: float) -> tuple[float, float]:
    """``(lr, rate)`` of the fastest plain gradient descent on a quadratic with these
    eigenvalues: ``lr = 2 / (lam_min + lam_max)``, ``rate = (kappa - 1) / (kappa + 1)``.
    Notebook 05."""
    lam_min = check.as_float("lam_min", lam_min, positive=True, allow_zero=False)
    lam_max = check.as_float("lam_max", lam_max, positive=True, allow_zero=False)
    kappa = lam_max / lam_min
    return 2.0 / (lam_min + lam_max), (kappa - 1.0) / (kappa + 1.0)


def best_momentum(lam_min: float, lam_max: float) -> tuple[float, float, float]:
    """``(lr, beta, rate)`` of the fastest heavy ball on a quadratic with these eigenvalues
    (Polyak, 1964): ``lr = (2 / (sqrt(lam_min) + sqrt(lam_max)))**2``,
    ``beta = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))**2`` and the rate ``sqrt(beta)``.
    Notebook 05."""
    lam_min = check.as_float("lam_min", lam_min, positive=True, allow_zero=False)
    lam_max = check.as_float("lam_max", lam_max, positive=True, allow_zero=False)
    root = np.sqrt(lam_max / lam_min)
    rate = (root - 1.0) / (root + 1.0)
    return float((2.0 / (np.sqrt(lam_min) + np.sqrt(lam_max))) ** 2), float(rate**2), float(rate)


def loss_by_direction(x: Any, y: Any, w: Any, b: Any) -> np.ndarray:
    """:meth:`QuadraticLoss.above_minimum` split along the Hessian's two eigenvectors.

    ``w``, ``b``: shape ``(k,)``; returns shape ``(k, 2)``: column 0 along the flattest
    direction (the valley's floor), column 1 along the steepest (across the valley),
    ``0.5 * lam_i * c_i**2`` where ``c`` are the coordinates of ``(w - w*, b - b*)`` in the
    eigenvectors; the two columns add up to the loss above the minimum. Notebook 05.
    """
    x = check.as_array("x", x, ndim=1)
    w = check.as_array("w", w, ndim=1)
    b = check.as_array("b", b, ndim=1)
    check.same_length(("w", "b"), w, b)
    loss = QuadraticLoss(x, y)
    lams, vectors = np.linalg.eigh(loss.hessian)  # (2,), (2, 2): columns are the directions
    coords = np.stack([w - loss.w_min, b - loss.b_min], axis=1) @ vectors  # (k, 2) @ (2, 2) = (k, 2)
    return 0.5 * lams * coords**2


# --------------------------------------------------------------------------------------------
# 3. A loss with several valleys
# --------------------------------------------------------------------------------------------

BUMPY_RANGE = (-4.0, 4.0)
"""Where notebook 05 looks at the bumpy loss."""


def bumpy_loss(w: Any) -> np.ndarray:
    """A one-weight loss with four valleys in ``BUMPY_RANGE``: ``L(w) = w**2 / 4 + sin(3 w)``
    (a bowl with ripples). ``w``: any shape; returns the same shape. Notebook 05."""
    w = np.asarray(w, dtype=float)
    return w * w / 4.0 + np.sin(3.0 * w)


def bumpy_grad(w: Any) -> np.ndarray:
    """``dL/dw = w / 2 + 3 cos(3 w)`` of :func:`bumpy_loss`; same shape as ``w``. Notebook 05."""
    w = np.asarray(w, dtype=float)
    return w / 2.0 + 3.0 * np.cos(3.0 * w)


def _bumpy_stationary(kind: str) -> np.ndarray:
    ws = np.linspace(*BUMPY_RANGE, 4001)
    g = bumpy_grad(ws)
    sign_change = (g[:-1] < 0) & (g[1:] >= 0) if kind == "min" else (g[:-1] > 0) & (g[1:] <= 0)
    out = []
    for lo, hi in zip(ws[:-1][sign_change], ws[1:][sign_change]):
        for _i in range(60):  # bisection on the sign of the slope
            mid = 0.5 * (lo + hi)
            if (bumpy_grad(mid) < 0) == (kind == "min"):
                lo = mid
            else:
                hi = mid
        out.append(0.5 * (lo + hi))
    return np.array(out)


BUMPY_MINIMA = _bumpy_stationary("min")
"""The bottoms of the bumpy loss's valleys in ``BUMPY_RANGE``, left to right, shape ``(4,)``."""

BUMPY_MAXIMA = _bumpy_stationary("max")
"""The tops of the bumps that border the valleys, left to right, shape ``(4,)``: valley ``i``
lies between ``BUMPY_MAXIMA[i]`` and ``BUMPY_MAXIMA[i + 1]`` (the last one, up to the range's end)."""


def valley_of(w: float) -> int | None:
    """Which valley of the bumpy loss ``w`` lies in: the index ``i`` (0 to 3, left to right) of
    its bottom ``BUMPY_MINIMA[i]``, the bumps' tops being the borders; ``None`` outside the four
    valleys (a number left of the first bump, past ``BUMPY_RANGE``, or not finite).
    Notebook 05."""
    w = float(w)
    if not (np.isfinite(w) and w <= BUMPY_RANGE[1]):
        return None
    i = int(np.searchsorted(BUMPY_MAXIMA, w)) - 1
    return i if 0 <= i < len(BUMPY_MINIMA) else None


def bumpy_descent(w0: float, lr: float, beta: float, num_steps: int) -> MomentumRun:
    """:func:`heavy_ball` on :func:`bumpy_loss` from ``w0`` (``beta = 0``: plain descent);
    ``params``: shape ``(k + 1, 1)``. Notebook 05."""
    return heavy_ball(bumpy_grad, lambda p: bumpy_loss(p[:, 0]), check.as_float("w0", w0), lr, beta,
                      num_steps)


# --------------------------------------------------------------------------------------------
# 4. Reading a real loss curve
# --------------------------------------------------------------------------------------------


def train_val_split(n: int, val_fraction: float, rng: Any) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(train, val)`` of a random split of ``n`` examples: ``round(n * val_fraction)``
    for validation (at least 1), the rest for training (at least 2); both sorted. ``rng``: a
    Generator or a seed. Notebook 05."""
    n = check.as_int("n", n, minimum=3)
    val_fraction = check.as_float("val_fraction", val_fraction, positive=True, allow_zero=False)
    size = min(max(int(round(n * val_fraction)), 1), n - 2)
    order = check.as_rng(rng, "rng").permutation(n)
    return np.sort(order[size:]), np.sort(order[:size])


@dataclass(frozen=True)
class RangeTest:
    """The result of :func:`lr_range_test`: ``lrs`` the learning rate of each update and
    ``loss`` the training loss after it, shape ``(k,)`` each (a test stopped early, once the loss
    passed ``stop_factor`` times the best, is shorter than one pass)."""

    lrs: np.ndarray
    loss: np.ndarray

    def suggestion(self) -> float:
        """The learning rate at the lowest loss, divided by 10 (fast.ai's first rule of
        thumb): safely below where the loss starts to climb."""
        return float(self.lrs[int(np.argmin(self.loss))] / 10.0)


def lr_range_test(x: Any, y: Any, lr_min: float, lr_max: float, batch_size: int, rng: Any, *,
                  stop_factor: float = 4.0) -> RangeTest:
    """A learning-rate range test (Smith, 2017; fast.ai's ``lr_find``): one pass of mini-batch
    gradient descent on the line's MSE from ``(0, 0)``, the learning rate growing geometrically
    from ``lr_min`` to ``lr_max`` over the pass (one update per batch of
    :func:`helpers.optim.minibatches`); after each update the loss on all of ``x``, ``y``
    (shape ``(n,)``) is recorded. Stops once the loss passes ``stop_factor`` times the best.
    Notebook 05."""
    loss = QuadraticLoss(x, y)
    x, y = loss.x, loss.y
    lr_min, lr_max = check.learning_rate(lr_min), check.learning_rate(lr_max)
    if lr_max <= lr_min:
        raise ValueError(_("lr_max must be larger than lr_min; got {lr_min} and {lr_max}").format(
            lr_min=lr_min, lr_max=lr_max))
    stop_factor = check.as_float("stop_factor", stop_factor, positive=True, allow_zero=False)
    batches = list(minibatches(len(x), batch_size, rng))
    lrs = np.geomspace(lr_min, lr_max, len(batches))
    w = b = 0.0
    losses: list[float] = []
    best = np.inf
    with np.errstate(over="ignore", invalid="ignore"):
        for lr, idx in zip(lrs, batches):
            dw, db = mse_gradient_unchecked(x[idx], y[idx], w, b)
            w, b = float(w - lr * dw), float(b - lr * db)
            current = float(loss.loss_min + loss.above_minimum(w, b))
            current = current if np.isfinite(current) else np.inf
            losses.append(current)
            best = min(best, current)
            if not current <= stop_factor * best:
                break
    return RangeTest(lrs[: len(losses)], np.array(losses))


@dataclass(frozen=True)
class Curves(Stoppable):
    """Loss curves of one training run (:func:`training_curves`): ``train`` the training loss
    after each update, shape ``(k + 1,)``; ``epochs`` the epochs done at each of those points;
    ``val`` the validation loss after each whole epoch, shape ``(e + 1,)`` (epoch 0: the start);
    ``w``, ``b`` the weights after each update; ``diverged_at`` as in
    :class:`helpers.optim.MiniBatchRun`."""

    train: np.ndarray
    epochs: np.ndarray
    val: np.ndarray
    w: np.ndarray
    b: np.ndarray
    updates_per_epoch: int
    diverged_at: int | None = None


def training_curves(x_train: Any, y_train: Any, x_val: Any, y_val: Any, lr: float, batch_size: int,
                    num_epochs: int, rng: Any) -> Curves:
    """Train the line by :func:`helpers.optim.minibatch_gd` from ``(0, 0)`` and record what a
    training program prints: the training loss after every update and the validation loss
    (the MSE on ``x_val``, ``y_val``, examples never used for an update) after every epoch.
    Shapes ``(n_train,)`` and ``(n_val,)``. Notebook 05."""
    validation = QuadraticLoss(x_val, y_val)
    run = minibatch_gd(x_train, y_train, 0.0, 0.0, lr, batch_size, num_epochs, rng)
    per_epoch = updates_per_epoch(run.n, run.batch_size)
    ends = np.arange(0, run.num_updates + 1, per_epoch)  # the updates that end an epoch
    val = validation.loss_min + validation.above_minimum(run.w[ends], run.b[ends])
    val = np.where(np.isfinite(val), val, np.inf)
    return Curves(run.loss, run.epochs, val, run.w, run.b, per_epoch, run.diverged_at)


def early_stop(val: Any, patience: int) -> tuple[int, int]:
    """A simple stopping rule: stop once the validation loss has not improved for ``patience``
    epochs in a row, and keep the weights of the best epoch. ``val``: shape ``(e + 1,)``, one
    value per epoch. Returns ``(best_epoch, stop_epoch)``; ``stop_epoch`` is the last epoch if
    the rule never fires. Notebook 05."""
    val = np.asarray(val, dtype=float).reshape(-1)
    if val.size == 0:
        raise ValueError(_("val must hold at least one validation loss"))
    patience = check.as_int("patience", patience, minimum=1)
    best, since = 0, 0
    for epoch in range(1, len(val)):
        if val[epoch] < val[best]:
            best, since = epoch, 0
        else:
            since += 1
            if since >= patience:
                return best, epoch
    return best, len(val) - 1


def epoch_means(train: Any, per_epoch: int) -> np.ndarray:
    """The mean training loss of each whole epoch (what training programs print): ``train``
    shape ``(k + 1,)``, the loss at the start and after each update; returns shape
    ``(k // per_epoch,)``. Notebook 05."""
    train = np.asarray(train, dtype=float).reshape(-1)
    per_epoch = check.as_int("per_epoch", per_epoch, minimum=1)
    epochs = (train.size - 1) // per_epoch
    with np.errstate(over="ignore", invalid="ignore"):
        return train[1: 1 + epochs * per_epoch].reshape(epochs, per_epoch).mean(axis=1)


class Verdict(str):
    """A verdict of :func:`read_curve`: it compares equal to its English name (``"too large"``,
    ``"too small"``, ``"about right"``), and prints and formats in the course's language."""

    def __str__(self) -> str:
        return _(str.__str__(self))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


TOO_LARGE, TOO_SMALL, ABOUT_RIGHT = N_("too large"), N_("too small"), N_("about right")


def read_curve(train: Any, per_epoch: int) -> Verdict:
    """What a training-loss curve says about its learning rate, from the curve alone (no known
    minimum), using the mean loss of each epoch (what training programs print):

    * ``"too large"``: it blew up, ends above its start, or its last epoch's mean is more than
      1.5 times the lowest loss it reached (it bounces far above the best it found);
    * ``"too small"``: it is still falling steadily: over the last quarter of the epochs the
      epoch mean fell at every epoch, by more than 2% in all;
    * ``"about right"``: it fell, then flattened close to the lowest loss.

    ``train``: shape ``(k + 1,)``, the loss at the start and after each update; ``per_epoch``:
    updates per epoch. The verdict is a :class:`Verdict`: it prints in the course's language.
    Notebook 05.
    """
    train = np.asarray(train, dtype=float).reshape(-1)
    per_epoch = check.as_int("per_epoch", per_epoch, minimum=1)
    epochs = (train.size - 1) // per_epoch
    if epochs < 1 or not np.all(np.isfinite(train)):
        return Verdict(TOO_LARGE)
    means = epoch_means(train, per_epoch)  # (epochs,)
    if means[-1] >= train[0] or means[-1] > 1.5 * np.min(train):
        return Verdict(TOO_LARGE)
    quarter = max(1, epochs // 4)
    tail = means[-1 - quarter:]
    if epochs > quarter and np.all(np.diff(tail) < 0) and tail[0] - tail[-1] > 0.02 * tail[-1]:
        return Verdict(TOO_SMALL)
    return Verdict(ABOUT_RIGHT)


# --------------------------------------------------------------------------------------------
# 5. An optimizer with PyTorch's step() and zero_grad()
# --------------------------------------------------------------------------------------------


@dataclass
class Parameter:
    """A tensor of weights as PyTorch holds it: ``data`` (any shape) and ``grad`` (the same
    shape, or ``None`` before a backward pass and after ``zero_grad()``). Notebook 05."""

    data: np.ndarray
    grad: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.data = np.array(check.as_array("data", self.data, ndim=None), dtype=float)


@dataclass
class SGD:
    """Stochastic gradient descent with momentum in numpy, with the semantics of
    ``torch.optim.SGD(params, lr, momentum)`` (no dampening, no weight decay, not Nesterov):

    * ``zero_grad()`` sets every parameter's ``grad`` to ``None`` (PyTorch's default since 2.0);
    * ``step()`` updates every parameter whose ``grad`` is set: the first step keeps
      ``buf = grad``, later ones ``buf = momentum * buf + grad``; then ``data -= lr * buf``
      (with ``momentum = 0``: ``data -= lr * grad``). ``step()`` changes ``data`` in place.

    The same numbers as :func:`heavy_ball`, bit for bit. Notebook 05.
    """

    params: list[Parameter]
    lr: float
    momentum: float = 0.0
    state: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.params = list(self.params)
        if not all(isinstance(p, Parameter) for p in self.params):
            raise TypeError(_("params must be Parameter objects"))
        self.lr = check.learning_rate(self.lr)
        self.momentum = check.as_float("momentum", self.momentum, positive=True)
        if self.momentum >= 1.0:
            raise ValueError(_("momentum must be below 1; got {momentum}").format(
                momentum=self.momentum))

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = np.asarray(p.grad, dtype=float)
            if g.shape != p.data.shape:
                raise ValueError(_("parameter {i}: grad has shape {grad_shape}, data {data_shape}").format(
                    i=i, grad_shape=g.shape, data_shape=p.data.shape))
            if self.momentum != 0.0:
                buf = self.state.get(i)
                buf = g.copy() if buf is None else self.momentum * buf + g
                self.state[i] = buf
                g = buf
            p.data -= self.lr * g


def sgd_steps(params0: Any, grad: Callable[[np.ndarray], Any], lr: float, momentum: float,
              num_steps: int) -> np.ndarray:
    """The weights after each of ``num_steps`` steps of :class:`SGD` on one parameter with
    gradient ``grad``, written as a PyTorch training loop (``zero_grad``, gradient, ``step``);
    shape ``(num_steps + 1, d)``, the start included. Notebook 05."""
    p = Parameter(np.array(params0, dtype=float).reshape(-1))
    opt = SGD([p], lr=lr, momentum=momentum)
    out = [p.data.copy()]
    for _step in range(check.as_int("num_steps", num_steps, minimum=0, maximum=MAX_STEPS)):
        opt.zero_grad()
        p.grad = np.asarray(grad(p.data), dtype=float).reshape(p.data.shape)  # "loss.backward()"
        opt.step()
        out.append(p.data.copy())
    return np.array(out)


__all__ = [
    "BUMPY_MAXIMA", "BUMPY_MINIMA", "BUMPY_RANGE", "Curves", "MomentumRun", "Parameter", "RangeTest",
    "SGD", "best_momentum", "best_plain", "bumpy_descent", "bumpy_grad", "bumpy_loss",
    "condition_number", "convergence_rate", "early_stop", "epoch_means", "heavy_ball",
    "hessian_eigenvalues", "loss_by_direction", "lr_range_test", "momentum_descend", "momentum_rate",
    "mse_momentum", "read_curve",
    "sgd_steps", "standardize", "to_original_units", "train_val_split", "training_curves",
    "valley_of",
]

