"""helpers: the small package shared by the course's notebooks.

Importing it changes nothing global (no style, no seed). It is split by concern:

* ``helpers.model``, ``helpers.optim``, ``helpers.beyond`` (notebook 05): the math (numpy
  only). The MSE of a line as a function of ``(w, b)`` has one home, :class:`QuadraticLoss`;
  the functions below are its validated fronts;
* ``helpers.data``: the data sets, made from a seed or read from ``data/``;
* ``helpers.draw``: drawing functions that take an ``Axes`` and return their artists;
* ``helpers.live`` and ``helpers.figures``: the widgets (live figures and their sliders);
  ``helpers.png``: the frames' PNG encoder;
* ``helpers.exercises`` and ``helpers.checks``: checked exercises; ``helpers.style``: the look;
* ``helpers.i18n``: the language of every text a learner reads (``set_language("ko")`` in the
  Korean notebooks) and its gettext catalogs in ``helpers/locale``.

A notebook imports in one way: ``import helpers`` for everything listed in ``__all__`` below
(``helpers.mse``, ``helpers.gradient_descent``, ``helpers.show``, ...), plus its own figures and
exercises: ``from helpers.figures.<topic> import ...`` and ``from helpers.checks.nbXX import ...``.

Names used throughout: ``x`` (n,), ``X`` (n, d), ``y`` (n,), ``y_hat`` (n,), ``w``, ``b``,
``lr`` (learning rate), ``num_steps``, ``num_epochs``, ``batch_size``, ``rng`` (a
``numpy.random.Generator`` or a seed); gradients are returned as ``(dw, db)``.
"""

from .beyond import (
    BUMPY_MAXIMA,
    BUMPY_MINIMA,
    SGD,
    Parameter,
    best_momentum,
    best_plain,
    bumpy_descent,
    bumpy_loss,
    condition_number,
    early_stop,
    heavy_ball,
    hessian_eigenvalues,
    loss_by_direction,
    lr_range_test,
    mse_momentum,
    read_curve,
    sgd_steps,
    standardize,
    to_original_units,
    train_val_split,
    training_curves,
    valley_of,
)
from .data import Dataset, bump, engel_food, factory_sales
from .exercises import Exercise
from .i18n import get_language, set_language
from .live import LiveFigure, show
from .model import (
    QuadraticLoss,
    best_lines,
    expected_initial_loss,
    init_weights,
    least_absolute_deviations,
    least_squares,
    loss_above_minimum,
    loss_grid,
    mae,
    max_stable_lr,
    max_stable_lr_1d,
    mse,
    mse_gradient,
    mse_gradient_linear,
    mse_hessian,
    numerical_gradient,
    predict,
    predict_linear,
    sse,
    step_factor,
    tiny_net_forward,
    tiny_net_params,
    tiny_net_train,
    wavy_loss,
    wavy_slope,
)
from .optim import (
    MiniBatchRun,
    Trajectory,
    descend_slope,
    first_within,
    gradient_descent,
    gradient_seconds,
    minibatch_gd,
    minibatch_gradients,
    minibatches,
    updates_per_epoch,
)
from .style import COLORS, PALETTE, course_style, use_course_style
from .version import DISTRIBUTION, CourseVersionWarning, check_course_version, installed_version

__all__ = [
    # data
    "Dataset", "bump", "engel_food", "factory_sales",
    # the model and its losses (helpers.model)
    "QuadraticLoss", "best_lines", "expected_initial_loss", "init_weights",
    "least_absolute_deviations", "least_squares", "loss_above_minimum", "loss_grid", "mae",
    "max_stable_lr", "max_stable_lr_1d", "mse", "mse_gradient", "mse_gradient_linear",
    "mse_hessian", "numerical_gradient", "predict", "predict_linear", "sse", "step_factor",
    "tiny_net_forward", "tiny_net_params", "tiny_net_train", "wavy_loss", "wavy_slope",
    # gradient descent (helpers.optim)
    "MiniBatchRun", "Trajectory", "descend_slope", "first_within", "gradient_descent",
    "gradient_seconds",
    "minibatch_gd", "minibatch_gradients", "minibatches", "updates_per_epoch",
    # beyond the bowl: scaling, momentum, a bumpy loss, loss curves, a PyTorch-like optimizer
    # (helpers.beyond, notebook 05)
    "BUMPY_MAXIMA", "BUMPY_MINIMA", "Parameter", "SGD", "best_momentum", "best_plain",
    "bumpy_descent", "bumpy_loss", "condition_number", "early_stop", "heavy_ball",
    "hessian_eigenvalues", "loss_by_direction", "lr_range_test", "mse_momentum", "read_curve",
    "sgd_steps", "standardize", "to_original_units", "train_val_split", "training_curves",
    "valley_of",
    # showing things
    "COLORS", "PALETTE", "Exercise", "LiveFigure", "course_style", "show", "use_course_style",
    # the language of figures, widgets and checks ("en" or "ko": the Korean notebooks)
    "get_language", "set_language",
    # the course's version (the notebooks' setup cells)
    "DISTRIBUTION", "CourseVersionWarning", "check_course_version", "installed_version",
]
