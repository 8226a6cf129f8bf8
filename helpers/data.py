"""The course's data sets. Synthetic ones are made here from a seed; stored ones live in
the repository's ``data/`` folder (see ``data/README.md``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as v


@dataclass(frozen=True)
class Dataset:
    """A one-feature regression data set.

    ``x``, ``y``: shape ``(n,)``; ``true_w``, ``true_b``: the weights that generated it
    (``None`` for real data, where nobody knows them); the names label the axes of figures.
    """

    x: np.ndarray
    y: np.ndarray
    x_name: str
    y_name: str
    true_w: float | None = None
    true_b: float | None = None
    description: str = ""

    @property
    def n(self) -> int:
        return len(self.x)


FACTORY_TRUE_W = 8.0
FACTORY_TRUE_B = 30.0
FACTORY_NOISE = 6.0


def factory_sales(n: int = 30, seed: Any = 0) -> Dataset:
    """The factory of the source text: what it spends on raw material (x, in thousands of
    dollars, between 2 and 12) and how many units it then sells (y).

    ``y = 8 * x + 30 + noise`` with Gaussian noise of standard deviation 6, so the true
    weights are ``w = 8``, ``b = 30``. ``seed``: an int or a ``numpy.random.Generator``;
    the same seed gives the same data. Returns arrays of shape ``(n,)``. Notebook 01.
    """
    n = v.as_int("n", n, minimum=2, maximum=10_000_000)
    rng = v.as_rng(seed)
    x = np.sort(rng.uniform(2.0, 12.0, size=n))
    y = FACTORY_TRUE_W * x + FACTORY_TRUE_B + rng.normal(0.0, FACTORY_NOISE, size=n)
    return Dataset(
        x=x,
        y=y,
        x_name="material cost (k$)",
        y_name="units sold",
        true_w=FACTORY_TRUE_W,
        true_b=FACTORY_TRUE_B,
        description="synthetic: units sold = 8 x material cost + 30 + noise",
    )
