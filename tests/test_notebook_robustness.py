"""Learners click things in odd orders: run-all twice in one kernel, cells run from the middle
after a restart, a live-figure cell run again."""

from __future__ import annotations

import re

import nbformat
import pytest

from notebook_runner import NOTEBOOKS, ROOT, problems, report, run

ROOT_HELPERS = ROOT / "helpers"

LIVE_COUNT = r'''
import json
from helpers.live import LiveFigure
print("@@report@@" + json.dumps([lf.name for lf in LiveFigure.open_figures()]))
'''


def code_sources(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def live_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and any(
        str(o.get("data", {}).get("text/plain", "")).startswith("<live figure") for o in c.outputs)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_run_all_twice_in_one_kernel(path):
    """The second run works and leaves one live figure per figure shown, not two."""
    nb = run(path, code_sources(path) + [LIVE_COUNT])
    assert problems(nb) == []
    names = report(nb.cells[-1])
    assert len(names) == len(set(names)) == len(live_cells(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_rerunning_a_live_figure_cell_replaces_the_old_figure(path):
    cells = live_cells(path)
    probe = r'''
import json
from helpers.live import LiveFigure
old = LiveFigure.open_figures()
'''
    check = r'''
new = LiveFigure.open_figures()
stopped = []
for lf in old:
    renders = lf.renders
    control = next(iter(lf.controls.values()))
    options = getattr(control, "options", None)
    try:
        control.value = options[-1] if options else control.max   # a closed figure ignores it
    except Exception:
        pass
    stopped.append(lf.renders == renders)
print("@@report@@" + json.dumps({"old": len(old), "new": len(new), "same": [a is b for a, b in zip(old, new)], "stopped": stopped}))
'''
    nb = run(path, [probe, *cells, check])
    assert problems(nb) == []
    result = report(nb.cells[-1])
    assert result["old"] == result["new"] == len(cells)
    assert not any(result["same"]), "re-running a cell must make a new figure and close the old one"
    assert all(result["stopped"]), "a closed figure must stop following its sliders"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_running_from_the_middle_fails_at_the_top_of_the_cell(path):
    """After a restart, a cell from the middle fails with a NameError in the learner's own cell
    (naming what to run first), never from deep inside a helper."""
    nb = nbformat.read(path, as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    middle = code[len(code) // 2:]
    executed = run(path, cells=middle)
    errors = [(i, o) for i, c in enumerate(executed.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors, "a cell from the middle should need something from an earlier cell"
    _, first = errors[0]
    trace = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(first.traceback))
    assert first.ename == "NameError", trace
    assert f"{ROOT_HELPERS}" not in trace, "the error must come from the learner's cell, not from inside helpers"
