"""Learners click things in odd orders: run-all twice in one kernel, cells run from the middle
after a restart, a live-figure cell run again."""

from __future__ import annotations

import re

import nbformat
import pytest

from notebook_runner import EVERY_NOTEBOOK, ROOT, live_cells, nb_id, problems, run, session

ROOT_HELPERS = ROOT / "helpers"


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=nb_id)
def test_run_all_twice_in_one_kernel(path):
    """The second run works and leaves one live figure per figure shown, not two."""
    first = session(path)
    assert problems(first.notebook) == []
    names = first.live_names
    assert len(names) == len(set(names)) == len(live_cells(path))


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=nb_id)
def test_rerunning_a_live_figure_cell_replaces_the_old_figure(path):
    result = session(path).rerun_report
    assert result["old"] == result["new"] == len(live_cells(path))
    assert not any(result["same"]), "re-running a cell must make a new figure and close the old one"
    assert all(result["stopped"]), "a closed figure must stop following its sliders"


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=nb_id)
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
