"""One way for notebooks to import, a public API that lists what they use, and names that mean
one thing: every live figure and every figure-building function has its own name."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import nbformat
import pytest

import helpers
import helpers.figures
from notebook_runner import EVERY_NOTEBOOK, nb_id

IMPORT = re.compile(r"^\s*(?:from\s+(\S+)\s+import|import\s+(\S+))", re.M)
ALLOWED = re.compile(r"^helpers$|^helpers\.figures\.\w+$|^helpers\.checks\.nb\d\d$")


def code(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=nb_id)
def test_notebooks_import_helpers_one_way(path):
    modules = [a or b for src in code(path) for a, b in IMPORT.findall(src)]
    ours = [m for m in modules if m.split(".")[0] == "helpers"]
    assert "helpers" in ours
    assert [m for m in ours if not ALLOWED.match(m)] == []
    # and what they reach through helpers.<name> is the public API
    used = {m for src in code(path) for m in re.findall(r"\bhelpers\.(\w+)", src)}
    assert used - set(helpers.__all__) - {"figures", "checks"} == set()


def figure_modules():
    return [importlib.import_module(f"helpers.figures.{m.name}")
            for m in pkgutil.iter_modules(helpers.figures.__path__)]


def test_figure_builders_and_live_figures_have_unique_names():
    builders, names = [], []
    for module in figure_modules():
        for name, fn in vars(module).items():
            if inspect.isfunction(fn) and fn.__module__ == module.__name__ and name.endswith("_figure"):
                builders.append(name)
                default = inspect.signature(fn).parameters.get("name")
                if default is not None:
                    names.append(default.default)
    assert len(builders) == len(set(builders)) >= 10
    assert len(names) == len(set(names)) >= 10


def test_public_api_is_listed():
    for module in (helpers, *(importlib.import_module(f"helpers.{m}")
                              for m in ("model", "optim", "draw", "live", "png"))):
        assert len(module.__all__) == len(set(module.__all__))
        assert all(hasattr(module, name) for name in module.__all__), module.__name__
