"""Input checks shared by every function that takes a learner's input.

Each check either returns a clean value or raises a ``ValueError`` (``TypeError`` for a value of
the wrong kind) whose message names the parameter, says what was expected and shows what it got:
"learning rate must be a positive, finite number; got -0.1".
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .i18n import _


def _show(value: Any) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return _("an array of shape {shape}").format(shape=value.shape)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_array(
    name: str,
    value: Any,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
) -> np.ndarray:
    """``value`` as a finite float array, or a ``ValueError`` that says what is wrong.

    ``ndim`` is the number of axes expected (or a tuple of accepted numbers).
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(_("{name} must be an array of numbers; got {got}").format(
            name=name, got=_show(value)))
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(_("{name} must be an array of numbers; got {got}").format(
            name=name, got=_show(value))) from None
    if ndim is not None:
        accepted = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in accepted:
            dims = [_("{ndim}-D").format(ndim=d) for d in accepted]
            want = dims[0]
            for dim in dims[1:]:
                want = _("{first} or {second}").format(first=want, second=dim)
            raise ValueError(_("{name} must be a {want} array; got shape {shape}").format(
                name=name, want=want, shape=arr.shape))
    if arr.size == 0 and not allow_empty:
        raise ValueError(_("{name} must not be empty; got shape {shape}").format(
            name=name, shape=arr.shape))
    if not np.all(np.isfinite(arr)):
        raise ValueError(_("{name} must hold finite numbers only (no NaN or infinity)").format(
            name=name))
    return arr


def same_length(names: tuple[str, str], a: np.ndarray, b: np.ndarray) -> None:
    """Raise a ``ValueError`` when the first axes of ``a`` and ``b`` differ."""
    if a.shape[0] != b.shape[0]:
        raise ValueError(
            _("{first} and {second} must have the same number of examples; "
              "got {first_n} and {second_n}").format(
                first=names[0], second=names[1], first_n=a.shape[0], second_n=b.shape[0])
        )


def as_pair(names: tuple[str, str], a: Any, b: Any, *,
            ndims: tuple[int, int] = (1, 1)) -> tuple[np.ndarray, np.ndarray]:
    """Two arrays that go together (``x`` and ``y``; ``y`` and ``y_hat``): each checked with
    :func:`as_array` and the same number of examples (first axis) in both."""
    a = as_array(names[0], a, ndim=ndims[0])
    b = as_array(names[1], b, ndim=ndims[1])
    same_length(names, a, b)
    return a, b


def as_float(name: str, value: Any, *, positive: bool = False, allow_zero: bool = True) -> float:
    """``value`` as a finite Python float (optionally > 0 or >= 0)."""
    positive_text = _("{name} must be a positive, finite number; got {got}")
    finite_text = _("{name} must be a finite number; got {got}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        text = positive_text if positive else finite_text
        raise TypeError(text.format(name=name, got=_show(value)))
    out = float(value)
    if positive:
        ok = np.isfinite(out) and (out > 0 or (allow_zero and out == 0))
        if not ok:
            text = (_("{name} must be a non-negative, finite number; got {got}") if allow_zero
                    else positive_text)
            raise ValueError(text.format(name=name, got=_show(value)))
    elif not np.isfinite(out):
        raise ValueError(finite_text.format(name=name, got=_show(value)))
    return out


def learning_rate(value: Any) -> float:
    """A learning rate: a positive, finite number."""
    return as_float(_("learning rate"), value, positive=True, allow_zero=False)


def as_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """``value`` as a Python int within ``[minimum, maximum]``; bools and floats are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(_("{name} must be a whole number; got {got}").format(
            name=name, got=_show(value)))
    out = int(value)
    if minimum is not None and out < minimum:
        raise ValueError(_("{name} must be at least {minimum}; got {got}").format(
            name=name, minimum=minimum, got=out))
    if maximum is not None and out > maximum:
        raise ValueError(_("{name} must be at most {maximum}; got {got}").format(
            name=name, maximum=maximum, got=out))
    return out


def as_rng(seed: Any, name: str = "seed") -> np.random.Generator:
    """A ``numpy.random.Generator`` from a Generator or a non-negative whole-number seed."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            _("{name} must be a non-negative whole number or a numpy.random.Generator; "
              "got {got}").format(name=name, got=_show(seed))
        )
    if seed < 0:
        raise ValueError(_("{name} must be a non-negative whole number; got {got}").format(
            name=name, got=seed))
    return np.random.default_rng(int(seed))
