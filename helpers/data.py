"""The course's data sets. Synthetic ones are made here from a seed (``rng``); stored ones live in
the repository's ``data/`` folder (see ``data/README.md``)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import _validate as check


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
        x_name="material cost (k$)",
        y_name="units sold",
        true_w=FACTORY_TRUE_W,
        true_b=FACTORY_TRUE_B,
        description="synthetic: units sold = 8 x material cost + 30 + noise",
    )


# --------------------------------------------------------------------------------------------
# A stored, real data set: Engel's food expenditure (notebook 04)
# --------------------------------------------------------------------------------------------

ENGEL_FILE = "engel.csv"
ENGEL_SHA256 = "796c3da0406291dd324c51901b51386be12b5f52e330afaf69584f57c06ad45c"
"""The checksum of ``data/engel.csv``: a file with any other content is refused."""


def repository_data_dir() -> Path:
    """The ``data/`` folder of the repository that holds this ``helpers`` package (it exists
    only when the package is used from a clone of the repository, not from a pip install)."""
    return Path(__file__).resolve().parents[1] / "data"


def cache_dir() -> Path:
    """Where a data file downloaded from the repository is kept (``$XDG_CACHE_HOME`` or
    ``~/.cache``, then ``gradient-descent-course``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gradient-descent-course"


def raw_file_url(name: str) -> str:
    """The address of ``data/<name>`` on the repository's ``main`` branch, built from the
    Repository address that ``pyproject.toml`` gives the installed package."""
    try:
        urls = importlib.metadata.metadata("gradient-descent-course").get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        url = url.strip().rstrip("/")
        if label.strip() == "Repository" and url.startswith("https://github.com/"):
            return f"https://raw.githubusercontent.com/{url[len('https://github.com/'):]}/main/data/{name}"
    raise FileNotFoundError(
        f"data/{name} is not here and the course's repository address is unknown (the package "
        f"'gradient-descent-course' is not installed): clone the repository and run the notebook "
        f"from it, or pass path= to the file")


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _fetch(url: str) -> bytes:
    """The bytes at ``url`` (a separate function so the tests can replace it)."""
    import urllib.request  # only when a file must be downloaded

    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a fixed https address)
        return response.read()


def read_data_file(name: str, sha256: str, path: str | Path | None = None, *,
                   download: bool = True) -> bytes:
    """The bytes of the stored data file ``data/<name>``, checked against its ``sha256``.

    Looks for the file, in order: at ``path`` if given; in the repository's ``data/`` folder
    (:func:`repository_data_dir`), which is there whenever the course runs from a clone; in the
    download cache (:func:`cache_dir`); and, when ``download`` is True, fetches it from the
    repository on GitHub (:func:`raw_file_url`: what a pip-installed package, e.g. on Colab,
    needs) into that cache. A missing or changed file raises an error that says how to get it
    back (``git checkout -- data/<name>``). Notebook 04.
    """
    restore = f"restore it with `git checkout -- data/{name}` in the repository"
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist; pass the path of data/{name}, or {restore}")
        candidates = [path]
    else:
        local = repository_data_dir()
        if local.is_dir():  # running from a clone: the file must be there, as committed
            if not (local / name).is_file():
                raise FileNotFoundError(f"{local / name} is missing: {restore}")
            candidates = [local / name]
        else:
            candidates = [cache_dir() / name]
    for candidate in candidates:
        if candidate.is_file():
            content = candidate.read_bytes()
            if _sha256(content) == sha256:
                return content
            if candidate.parent != cache_dir():
                raise ValueError(
                    f"{candidate} is damaged or was changed (its SHA-256 is {_sha256(content)}, "
                    f"expected {sha256}): {restore}")
    if not download:
        raise FileNotFoundError(f"data/{name} is not here (looked in {candidates[0].parent}); "
                                f"call again with download=True, or {restore}")
    url = raw_file_url(name)
    try:
        content = _fetch(url)
    except OSError as exc:
        raise FileNotFoundError(f"data/{name} is not here and could not be downloaded from {url} "
                                f"({exc}); download it by hand and pass path= to it") from None
    if _sha256(content) != sha256:
        raise ValueError(f"the file downloaded from {url} is not the course's data/{name} "
                         f"(SHA-256 {_sha256(content)}, expected {sha256})")
    target = cache_dir() / name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_bytes(content)
    partial.replace(target)
    return content


def engel_food(path: str | Path | None = None, *, download: bool = True) -> Dataset:
    """Engel's data (1857): the yearly income (x) and food expenditure (y) of 235 working-class
    households in Belgium, both in Belgian francs; ``x``, ``y``: shape ``(235,)``, in the order
    of the file. Real data: nobody knows the "true" weights.

    Read from ``data/engel.csv`` (public domain; see ``data/README.md``), checked against its
    SHA-256 by :func:`read_data_file`, which also says where the file is looked for and how to
    restore it. Notebook 04.
    """
    content = read_data_file(ENGEL_FILE, ENGEL_SHA256, path, download=download)
    lines = content.decode("utf-8").strip().splitlines()
    if lines[0].replace('"', "").split(",") != ["income", "foodexp"]:
        raise ValueError(f"{ENGEL_FILE}: unexpected header {lines[0]!r}")
    table = np.array([[float(cell) for cell in line.split(",")] for line in lines[1:]])  # (235, 2)
    return Dataset(
        x=table[:, 0],
        y=table[:, 1],
        x_name="household income (Belgian francs a year)",
        y_name="food expenditure (francs a year)",
        description="Engel (1857): income and food expenditure of 235 Belgian households",
    )
