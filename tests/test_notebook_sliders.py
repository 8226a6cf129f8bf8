"""Kernel-side test of every live figure: in the notebook's own kernel (after it ran, see
:func:`notebook_runner.session`), move every control of every live figure to its extremes (and
every combination of extremes), as a browser would, then click every preset's button and Reset,
and check that the image changes, that each figure still shows one frame (its two stacked layers), that no
warning is raised and no axis limit is NaN or infinite."""

from __future__ import annotations

import pytest

from notebook_runner import EVERY_NOTEBOOK, live_cells, nb_id, problems, session


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=nb_id)
def test_every_slider_redraws_its_figure(path):
    run = session(path)
    assert problems(run.notebook) == []
    result = run.extremes_report
    assert result["failures"] == []
    # every live figure that the notebook shows was found and exercised, presets included
    assert len(result["figures"]) == len(live_cells(path)) >= 1
    assert all(figure["presets"] for figure in result["figures"]), "a live figure without presets"
