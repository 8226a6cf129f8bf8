"""The course's data sets. Synthetic ones are made here from a seed (``rng``); stored ones are described
in the repository's ``data/`` folder (``data/README.md``) and installed with the package
(``helpers/datasets/``), so they are read with no network."""

from __future__ import annotations

import hashlib
import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import _validate as check
from .i18n import _


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


def factory_sales(n: int = 30, rng: Any = 0) -> Dataset:
    """The factory of the source text: what it spends on raw material (x, in thousands of
    dollars, between 2 and 12) and how many units it then sells (y).

    ``y = 8 * x + 30 + noise`` with Gaussian noise of standard deviation 6, so the true
    weights are ``w = 8``, ``b = 30``. ``rng``: a ``numpy.random.Generator`` or a seed;
    the same seed gives the same data. Returns arrays of shape ``(n,)``. Notebook 01.
    """
    n = check.as_int("n", n, minimum=2, maximum=10_000_000)
    rng = check.as_rng(rng, "rng")
    x = np.sort(rng.uniform(2.0, 12.0, size=n))
    y = FACTORY_TRUE_W * x + FACTORY_TRUE_B + rng.normal(0.0, FACTORY_NOISE, size=n)
    return Dataset(
        x=x,
        y=y,
        x_name=_("material cost (k$)"),
        y_name=_("units sold"),
        true_w=FACTORY_TRUE_W,
        true_b=FACTORY_TRUE_B,
        description=_("synthetic: units sold = 8 x material cost + 30 + noise"),
    )


BUMP_NOISE = 0.1


def bump(n: int = 40, rng: Any = 0) -> Dataset:
    """Data shaped like a bump: ``y`` rises, then falls again, over ``x`` from -3 to 3
    (``n`` evenly spaced points): ``y = tanh(2(x + 1)) - tanh(2(x - 1)) - 1 + noise`` (Gaussian,
    standard deviation 0.1). One tanh unit only rises or only falls; the bump takes two, one
    for each side. ``rng``: a Generator or a seed. Shapes ``(n,)``. Notebook 01 (the cost of
    symmetry)."""
    n = check.as_int("n", n, minimum=2, maximum=100_000)
    rng = check.as_rng(rng, "rng")
    x = np.linspace(-3.0, 3.0, n)
    y = np.tanh(2 * (x + 1)) - np.tanh(2 * (x - 1)) - 1 + rng.normal(0.0, BUMP_NOISE, size=n)
    return Dataset(x=x, y=y, x_name="x", y_name="y",
                   description=_("synthetic: a bump, tanh(2(x+1)) - tanh(2(x-1)) - 1 + noise"))


# --------------------------------------------------------------------------------------------
# A stored, real data set: Engel's food expenditure (notebook 04)
# --------------------------------------------------------------------------------------------

ENGEL_FILE = "engel.csv"
ENGEL_SHA256 = "796c3da0406291dd324c51901b51386be12b5f52e330afaf69584f57c06ad45c"
"""The checksum of ``engel.csv``: a file with any other content is refused."""

DATASETS = "datasets"
"""The folder inside the package that holds the stored data files: byte-for-byte copies of
the repository's ``data/`` files (``data/README.md`` says where each comes from), installed
with the package so that a notebook reads them with no network, wherever it runs."""


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_data_file(name: str, sha256: str, path: str | Path | None = None) -> bytes:
    """The bytes of the stored data file ``name``, checked against its ``sha256``.

    Read from ``path`` when it is given, else from the installed package
    (``helpers/datasets/<name>``, through :mod:`importlib.resources`, so it works the same
    from a clone, a ``pip install`` and Colab; it never uses the network). A missing or
    changed file raises an error that says how to get it back. Notebook 04.
    """
    if path is not None:
        source = Path(path)
        if not source.is_file():
            raise FileNotFoundError(
                _("{source} does not exist; pass the path of a copy of data/{name}, "
                  "or leave out path= to read the copy installed with the course").format(
                    source=source, name=name))
        content = source.read_bytes()
        restore = _("pass the path of an unchanged copy of data/{name}").format(name=name)
    else:
        resource = importlib.resources.files(__package__).joinpath(DATASETS, name)
        restore = _("reinstall the course (pip install --force-reinstall gradient-descent-course), "
                    "or in a clone of the repository run `git checkout -- helpers/{folder}/{name}`"
                    ).format(folder=DATASETS, name=name)
        if not resource.is_file():
            raise FileNotFoundError(_("the course's data file {name} is missing from the installed "
                                      "package: {restore}").format(name=name, restore=restore))
        content = resource.read_bytes()
        source = resource
    if _sha256(content) != sha256:
        raise ValueError(_("{source} is damaged or was changed (its SHA-256 is {got}, "
                           "expected {expected}): {restore}").format(
            source=source, got=_sha256(content), expected=sha256, restore=restore))
    return content


def engel_food(path: str | Path | None = None) -> Dataset:
    """Engel's data (1857): the yearly income (x) and food expenditure (y) of 235 working-class
    households in Belgium, both in Belgian francs; ``x``, ``y``: shape ``(235,)``, in the order
    of the file. Real data: nobody knows the "true" weights.

    Public domain (see ``data/README.md``). Read from the copy installed with the package (or
    from ``path``) and checked against its SHA-256 by :func:`read_data_file`. Notebook 04.
    """
    content = read_data_file(ENGEL_FILE, ENGEL_SHA256, path)
    lines = content.decode("utf-8").strip().splitlines()
    if lines[0].replace('"', "").split(",") != ["income", "foodexp"]:
        raise ValueError(_("{file}: unexpected header {header!r}").format(file=ENGEL_FILE,
                                                                          header=lines[0]))
    table = np.array([[float(cell) for cell in line.split(",")] for line in lines[1:]])  # (235, 2)
    return Dataset(
        x=table[:, 0],
        y=table[:, 1],
        x_name=_("household income (Belgian francs a year)"),
        y_name=_("food expenditure (francs a year)"),
        description=_("Engel (1857): income and food expenditure of 235 Belgian households"),
    )
