"""helpers: the small package shared by the course's notebooks.

Importing it changes nothing global (no style, no seed). It is split by concern:

* ``helpers.model``, ``helpers.optim``: the math (numpy only);
* ``helpers.data``: the data sets, made from a seed or read from ``data/``;
* ``helpers.draw``: drawing functions that take an ``Axes`` and return their artists;
* ``helpers.live`` and ``helpers.figures``: the widgets (live figures and their sliders);
* ``helpers.exercises``: checked exercises; ``helpers.style``: the course look.

Names used throughout: ``x`` (n,), ``X`` (n, d), ``y`` (n,), ``y_hat`` (n,), ``w``, ``b``,
``lr`` (learning rate), ``num_steps``, ``num_epochs``, ``batch_size``, ``rng`` (a
``numpy.random.Generator`` or a seed); gradients are returned as ``(dw, db)``.
"""

from .data import Dataset, factory_sales
from .exercises import Exercise
from .live import LiveFigure
from .model import (
    expected_initial_loss,
    init_weights,
    least_squares,
    loss_grid,
    mae,
    max_stable_lr,
    mse,
    mse_grad,
    mse_grad_linear,
    mse_hessian,
    numerical_grad,
    predict,
    predict_linear,
    sse,
)
from .optim import MiniBatchRun, Trajectory, gradient_descent, minibatch_gd, minibatches
from .style import COLORS, PALETTE, course_style, use_course_style
from .version import DISTRIBUTION, CourseVersionWarning, check_course_version, installed_version

__all__ = [
    "COLORS", "PALETTE", "Dataset", "Exercise", "LiveFigure", "Trajectory", "course_style",
    "expected_initial_loss", "factory_sales", "gradient_descent", "init_weights",
    "least_squares", "loss_grid", "mae", "max_stable_lr", "mse", "mse_grad", "mse_grad_linear",
    "mse_hessian", "numerical_grad", "predict", "predict_linear", "sse", "use_course_style",
    "MiniBatchRun", "minibatch_gd", "minibatches",
    "DISTRIBUTION", "CourseVersionWarning", "check_course_version", "installed_version",
]
