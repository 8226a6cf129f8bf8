"""Kernel-side test of every live figure: execute each notebook in a fresh kernel, then, from
an appended cell, move every control of every live figure to its extremes (and every
combination of extremes), as a browser would, and check that the image changes, that each
figure still holds exactly one image, that no warning is raised and no axis limit is NaN or
infinite."""

from __future__ import annotations

import pytest

from notebook_runner import NOTEBOOKS, problems, report, run

PROBE = r'''
import itertools, json, warnings
import numpy as np
import ipywidgets as widgets
from helpers.live import LiveFigure

def extremes(control):
    if isinstance(control, widgets.Checkbox) or isinstance(getattr(control, "value", None), bool):
        return [False, True]
    if hasattr(control, "options"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return options if len(options) <= 4 else [options[0], options[-1]]
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base ** control.min, control.base ** control.max]
    return [control.min, control.max]

def images(widget):
    found = [widget] if isinstance(widget, widgets.Image) else []
    for child in getattr(widget, "children", ()):
        found += images(child)
    return found

def limits_ok(fig):
    return all(np.all(np.isfinite(ax.get_xlim() + ax.get_ylim())) for ax in fig.axes)

result = {"figures": [], "failures": []}
with warnings.catch_warnings():
    warnings.simplefilter("error")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="(?!helpers)")
    for lf in LiveFigure.open_figures():
        start = dict(lf.values)
        result["figures"].append({"name": lf.name, "controls": list(lf.controls)})
        for key, control in lf.controls.items():
            for value in extremes(control):
                before, old = lf.image.value, control.value
                control.value = value          # through the observer, as a slider move
                if control.value != old and lf.image.value == before:
                    result["failures"].append(f"{lf.name}: image did not change when {key} -> {value!r}")
                if len(images(lf.widget)) != 1:
                    result["failures"].append(f"{lf.name}: {len(images(lf.widget))} images after {key} -> {value!r}")
                if not limits_ok(lf.fig):
                    result["failures"].append(f"{lf.name}: NaN/inf axis limits after {key} -> {value!r}")
        combos = list(itertools.product(*(extremes(c) for c in lf.controls.values())))
        for combo in combos[:256]:
            values = dict(zip(lf.controls, combo))
            lf.set(**values)
            if not limits_ok(lf.fig):
                result["failures"].append(f"{lf.name}: NaN/inf axis limits at {values}")
            if len(images(lf.widget)) != 1:
                result["failures"].append(f"{lf.name}: more than one image at {values}")
        lf.set(**start)
print("@@report@@" + json.dumps(result))
'''


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slider_redraws_its_figure(path):
    nb = run(path, [PROBE])
    assert problems(nb) == []
    result = report(nb.cells[-1])
    assert result["failures"] == []
    # every live figure that the notebook shows was found and exercised
    shown = [out["data"]["text/plain"] for cell in nb.cells[:-1] if cell["cell_type"] == "code"
             for out in cell.get("outputs", []) if "data" in out
             and str(out["data"].get("text/plain", "")).startswith("<live figure")]
    assert len(shown) == len(result["figures"]) >= 1
