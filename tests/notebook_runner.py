"""Run a course notebook in a fresh kernel (nbclient), optionally with extra cells appended,
and read back what those cells printed. Shared by the kernel-side notebook tests.

:func:`session` runs each notebook once per test run for all the kernel-side probes (run-all
twice, re-running the live-figure cells, every control at its extremes) and keeps the result:
the tests in ``test_notebook_robustness.py`` and ``test_notebook_sliders.py`` read it."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat
from execute_notebooks import problems  # tools/ (pytest's pythonpath): errors and stderr of a run
from nbclient import NotebookClient

__all__ = ["EVERY_NOTEBOOK", "KO_NOTEBOOKS", "NOTEBOOKS", "ROOT", "Session", "code_sources",
           "live_cells", "nb_id", "problems", "report", "run", "session"]
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KO_NOTEBOOKS = sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))
EVERY_NOTEBOOK = NOTEBOOKS + KO_NOTEBOOKS
"""The English notebooks and the Korean edition's (``notebooks/ko/``)."""


def nb_id(path: Path) -> str:
    """A test id: ``01_random_initialization`` or ``ko-01_random_initialization``."""
    return path.stem if path.parent.name == "notebooks" else f"{path.parent.name}-{path.stem}"
REPORT_MARK = "@@report@@"


def run(path: Path, extra_cells: list[str] = (), cells: list[int] | None = None,
        timeout: int = 300) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` (only the code cells numbered in ``cells``, if given),
    then ``extra_cells``; return the executed notebook."""
    nb = nbformat.read(path, as_version=4)
    if cells is not None:
        nb.cells = [c for i, c in enumerate(nb.cells) if i in cells or c.cell_type != "code"]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in extra_cells]
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            store_widget_state=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def report(cell: nbformat.NotebookNode) -> object:
    """The JSON a probe cell printed after ``REPORT_MARK``."""
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
    if REPORT_MARK not in text:
        raise AssertionError(f"the probe cell printed no report; its outputs: {cell.get('outputs')}")
    return json.loads(text.split(REPORT_MARK, 1)[1])


def code_sources(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def live_cells(path: Path) -> list[str]:
    """The code cells whose stored output is a live figure."""
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and any(
        str(o.get("data", {}).get("text/plain", "")).startswith("<live figure") for o in c.outputs)]


# -- the probes (they run in the notebook's kernel) ------------------------------------------

LIVE_NAMES = r'''
import json
from helpers.live import LiveFigure
print("@@report@@" + json.dumps([lf.name for lf in LiveFigure.open_figures()]))
'''

BEFORE_RERUN = r'''
from helpers.live import LiveFigure
_old_figures = LiveFigure.open_figures()
'''

AFTER_RERUN = r'''
import json
from helpers.live import LiveFigure
new = LiveFigure.open_figures()
stopped = []
for lf in _old_figures:
    renders = lf.renders
    control = next(iter(lf.controls.values()))
    options = getattr(control, "options", None)
    try:
        control.value = options[-1] if options else control.max   # a closed figure ignores it
    except Exception:
        pass
    stopped.append(lf.renders == renders)
print("@@report@@" + json.dumps({"old": len(_old_figures), "new": len(new),
                                  "same": [a is b for a, b in zip(_old_figures, new)],
                                  "stopped": stopped}))
'''

EVERY_EXTREME = r'''
import itertools, json, warnings
import numpy as np
from helpers.live import LiveFigure, control_extremes

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
            for value in control_extremes(control):
                before, old = lf.layers(), control.value
                control.value = value          # through the observer, as a slider move
                if control.value != old and lf.layers() == before:
                    result["failures"].append(f"{lf.name}: frame did not change when {key} -> {value!r}")
                if lf.images() != [lf.background, lf.image]:
                    result["failures"].append(f"{lf.name}: {len(lf.images())} images after {key} -> {value!r}")
                if not limits_ok(lf.fig):
                    result["failures"].append(f"{lf.name}: NaN/inf axis limits after {key} -> {value!r}")
        combos = list(itertools.product(*(control_extremes(c) for c in lf.controls.values())))
        for combo in combos[:256]:
            values = dict(zip(lf.controls, combo))
            lf.set(**values)
            if not limits_ok(lf.fig):
                result["failures"].append(f"{lf.name}: NaN/inf axis limits at {values}")
            if lf.images() != [lf.background, lf.image]:
                result["failures"].append(f"{lf.name}: not one frame of two layers at {values}")
        lf.set(**start)
        # Every preset's button, each from the start, then the Reset button.
        result["figures"][-1]["presets"] = list(lf.presets)
        buttons = {b.description: b for b in lf._preset_box.children}
        for name in lf.presets:
            lf.reset()
            before = lf.layers()
            buttons[name].click()
            if lf.values != start and lf.layers() == before:
                result["failures"].append(f"{lf.name}: the image did not change for preset {name!r}")
            if lf.preset != name or lf.images() != [lf.background, lf.image] or not limits_ok(lf.fig):
                result["failures"].append(f"{lf.name}: preset {name!r} not shown cleanly")
            before, shown = lf.layers(), lf.values
            lf.reset_button.click()
            if lf.values != start or (shown != start and lf.layers() == before):
                result["failures"].append(f"{lf.name}: Reset after {name!r} did not go back to the start")
        lf.set(**start)
print("@@report@@" + json.dumps(result))
'''


@dataclass(frozen=True)
class Session:
    """One kernel's run of a notebook for the kernel-side probes: all its cells twice, the
    names of the open live figures, its live-figure cells once more, then every control of
    every live figure to its extremes. ``notebook``: the executed notebook; the ``*_report``
    fields: what each probe printed."""

    notebook: nbformat.NotebookNode
    live_names: list
    rerun_report: dict
    extremes_report: dict


@functools.lru_cache(maxsize=None)
def session(path: Path) -> Session:
    """Run the notebook at ``path`` once for all the probes (cached for the test run)."""
    live = live_cells(path)
    extra = [*code_sources(path), LIVE_NAMES, BEFORE_RERUN, *live, AFTER_RERUN, EVERY_EXTREME]
    nb = run(path, extra)
    cells = nb.cells
    return Session(nb, report(cells[-4 - len(live)]), report(cells[-2]), report(cells[-1]))
