"""No text smaller than 12 px when a figure is shown 1,000 px wide: every figure that a
notebook shows (its live figures and its static ones, built exactly as the notebook builds
them, by running the notebook's own cells in a fresh kernel) is drawn in full, and every text
the renderer draws (titles, labels, tick labels, legends, annotations) is measured at the size
it appears on screen (``tests/text_size.py``).

No text runs past a figure's edge (a preset's caption included, in each language). The same
run checks the Korean edition: every text its figures draw and its widgets show
(sliders, buttons, presets and their notes, the readout) holds no English word (abbreviations
such as MSE and code names aside)."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import text_size
from notebook_runner import EVERY_NOTEBOOK, code_sources, nb_id, problems, report, run

SOURCE = Path(text_size.__file__).read_text()

# Before the notebook's cells: remember every static figure it shows.
RECORD = r'''
import helpers, helpers.live
_shown_figures = []
_course_show = helpers.live.show
def _recording_show(fig):
    _shown_figures.append(fig)
    return _course_show(fig)
helpers.show = helpers.live.show = _recording_show
'''

# After them: measure every figure shown, static and live.
MEASURE = SOURCE + r'''
import json
from helpers.live import LiveFigure
_figures = [(f"static figure {i + 1}", fig) for i, fig in enumerate(_shown_figures)]
_figures += [(f"live figure '{lf.name}'", lf.fig) for lf in LiveFigure.open_figures()]
_texts = [s for _, fig in _figures for s, _px in drawn_texts(fig)]
_clipped = {name: cut for name, fig in _figures if (cut := clipped_texts(fig))}
for lf in LiveFigure.open_figures():
    _texts += widget_texts(lf.widget)
    for _preset in list(lf.presets):  # every preset's name and note, as its caption shows them
        lf.apply_preset(_preset)
        _texts += widget_texts(lf.widget) + [s for s, _px in drawn_texts(lf.fig)]
        if cut := clipped_texts(lf.fig):
            _clipped[f"{lf.name}, preset {_preset}"] = cut
print("@@report@@" + json.dumps({
    "figures": [name for name, _ in _figures],
    "small": {name: small_texts(fig) for name, fig in _figures if small_texts(fig)},
    "clipped": _clipped,
    "english": untranslated(_texts),
}))
'''


@pytest.mark.parametrize("path", EVERY_NOTEBOOK, ids=nb_id)
def test_no_text_smaller_than_12_px(path):
    nb = run(path, [RECORD, *code_sources(path), MEASURE], cells=[])
    assert problems(nb) == []
    result = report(nb.cells[-1])
    assert result["figures"], "the notebook showed no figure: the probe must find some"
    assert result["small"] == {}
    assert result["clipped"] == {}, "texts cut off at a figure's edge"
    if path.parent.name == "ko":  # every text of the Korean edition's figures and widgets is Korean
        assert result["english"] == {}


def _figure(width_in: float, fontsize: float) -> Figure:
    fig = Figure(figsize=(width_in, 3), dpi=80)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.set_title("title", fontsize=fontsize)
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend(fontsize=fontsize)
    ax.tick_params(labelsize=fontsize)
    return fig


def test_the_measure_can_fail():
    # 10 pt at 80 dpi is 11.1 px: too small even at the figure's own width (720 px)
    assert {s for s, _ in text_size.small_texts(_figure(9.0, 10))} >= {"title", "a line"}
    # 12 pt is 13.3 px at 720 px wide; a 1,600 px wide figure is shown at 1,000 px: 8.3 px
    assert text_size.small_texts(_figure(9.0, 12)) == []
    assert {s for s, _ in text_size.small_texts(_figure(20.0, 12))} >= {"title", "a line"}


def test_hidden_and_empty_texts_do_not_count():
    fig = _figure(9.0, 14)
    ax = fig.axes[0]
    ax.text(0.5, 0.5, "hidden", fontsize=6, visible=False)
    ax.text(0.5, 0.5, "", fontsize=6)
    assert text_size.small_texts(fig) == []


def test_a_text_past_the_edge_is_found():
    fig = _figure(9.0, 14)
    assert text_size.clipped_texts(fig) == []
    fig.text(0.9, 0.5, "this sentence runs past the right edge of the figure")
    fig.text(-0.05, 0.2, "and this one starts before its left edge")
    assert set(text_size.clipped_texts(fig)) == {"this sentence runs past the right edge of the figure",
                                                 "and this one starts before its left edge"}
