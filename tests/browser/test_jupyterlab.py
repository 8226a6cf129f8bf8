"""Every notebook in JupyterLab 4, in headless Chromium: run all cells, then move every slider
with the keyboard and check that its figure shows a new frame, that each live figure is shown
once (the widget, not also its static PNG), and that nothing prints an error or a warning.

One JupyterLab server for the session, one page per notebook. Screenshots of each notebook
after its sliders moved go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import nbformat
import pytest

from browserlab import EVERY_NOTEBOOK, NOTEBOOKS, ROOT, SCREENSHOTS, WIDGET_MIME, NotebookPage, nb_id

pytestmark = pytest.mark.browser

QUICK_PRESSES = 30


def stored_outputs(path: Path) -> list[dict[str, int]]:
    """Per cell of the stored notebook: its widget outputs and its static PNG outputs."""
    nb = nbformat.read(path, as_version=4)
    counts = []
    for cell in nb.cells:
        data = [out.get("data", {}) for out in cell.get("outputs", [])]
        counts.append({"widgets": sum(WIDGET_MIME in d for d in data),
                       "pngs": sum("image/png" in d and WIDGET_MIME not in d for d in data)})
    return counts


@pytest.fixture(scope="module", params=EVERY_NOTEBOOK, ids=nb_id)
def notebook(request: pytest.FixtureRequest, lab_server, browser) -> Iterator[NotebookPage]:
    """A notebook open in JupyterLab, all its cells run."""
    path: Path = request.param
    page = NotebookPage.open(browser, lab_server, path.relative_to(ROOT).as_posix())
    try:
        page.hide_left_sidebar()
        page.run_all()
        page.path = path
        yield page
    finally:
        page.close()


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found in notebooks/"


def test_widget_extension_is_served(lab_server) -> None:
    """The server, with its own config and data folders, still finds the ipywidgets front end
    installed in the environment."""
    extensions = [e["name"] for e in lab_server.page_config("/lab").get("federated_extensions", [])]
    assert "@jupyter-widgets/jupyterlab-manager" in extensions


def test_run_all_shows_no_error_or_warning(notebook: NotebookPage) -> None:
    assert notebook.problems() == []


def test_each_live_figure_is_shown_once(notebook: NotebookPage) -> None:
    stored = stored_outputs(notebook.path)
    shown = notebook.cells()
    assert len(shown) == len(stored), "the page shows a different number of cells"
    for i, (cell, expected) in enumerate(zip(shown, stored)):
        mimes = [out["mime"] for out in cell["outputs"]]
        assert mimes.count(WIDGET_MIME) == expected["widgets"], f"cell {i}: widgets shown {mimes}"
        # A live figure's output also carries a PNG for static viewers: JupyterLab must show
        # only the widget, so the page shows no more PNGs than the notebook's static figures.
        assert mimes.count("image/png") == expected["pngs"], f"cell {i}: outputs shown {mimes}"
        for out in cell["outputs"]:
            if out["live_images"]:
                assert out["live_images"] == 1 and out["images"] == 2, \
                    f"cell {i}: {out['images']} images in one figure (one frame is two stacked layers)"
                assert out["sliders"] >= 1, f"cell {i}: a live figure without sliders"
    figures = sum(out["live_images"] > 0 for cell in shown for out in cell["outputs"])
    assert figures == len(notebook.figures())
    assert figures >= 1 or not any(c["widgets"] for c in stored)


def test_every_slider_moves_its_figure(notebook: NotebookPage) -> None:
    figures = notebook.figures()
    in_figures = sum(len(notebook.sliders(f)) for f in figures)
    assert notebook.page.locator(".widget-slider").count() == in_figures, \
        "a slider outside a live figure"
    moved = []
    for k, figure in enumerate(figures):
        for slider in notebook.sliders(figure):
            key = "ArrowLeft" if notebook.at_max(slider) else "ArrowRight"
            before, src = notebook.readout(slider), notebook.image_src(figure)
            notebook.press(slider, key)
            notebook.wait_new_image(figure, src)
            after = notebook.readout(slider)
            assert after != before, f"figure {k}: slider {before!r} did not move"
            assert figure.locator("img").count() == 2 and notebook.layers_stacked(figure)
            moved.append(f"{before}->{after}")
        notebook.wait_kernel_idle()
    notebook.screenshot(nb_id(Path(notebook.path)))
    assert notebook.problems() == []
    assert len(moved) == in_figures


def test_quick_keypresses_do_not_queue_frames(notebook: NotebookPage) -> None:
    """Many quick presses (all at once, as a held-down key or a fast drag produces them faster
    than a kernel draws): the front end keeps at most one change in flight and merges the rest,
    so the kernel draws far fewer frames than presses, and the last frame shows the last value."""
    for k, figure in enumerate(notebook.figures()):
        slider = notebook.sliders(figure)[0]
        key, back = ("ArrowLeft", "ArrowRight") if notebook.at_middle_or_above(slider) else ("ArrowRight", "ArrowLeft")
        notebook.wait_settled(figure)
        start, frames = notebook.readout(slider), notebook.frames(figure)
        notebook.burst(slider, key, QUICK_PRESSES)
        notebook.wait_settled(figure)
        drawn = notebook.frames(figure) - frames
        final = notebook.readout(slider)
        assert final != start
        assert 1 <= drawn <= QUICK_PRESSES // 5, f"figure {k}: {drawn} frames for {QUICK_PRESSES} presses"
        settled = notebook.image_digest(figure)
        # Away and back by one step each: the frame drawn for the final value again is the same.
        for press in (back, key):
            src = notebook.image_src(figure)
            notebook.press(slider, press)
            notebook.wait_new_image(figure, src)
        notebook.wait_settled(figure)
        assert notebook.readout(slider) == final
        assert notebook.image_digest(figure) == settled, f"figure {k}: the last frame is not the last value's"
    assert notebook.problems() == []


WARNING_NOTEBOOK = '''\
import warnings
from helpers.live import LiveFigure, int_slider, new_figure
fig, (ax,) = new_figure(1, width=4, height=3)
line, = ax.plot([0, 1], [0, 0])
ax.set_ylim(0, 10)
def update(k):
    line.set_ydata([k, k])
    if k > 3:
        warnings.warn("k is above 3")
LiveFigure(fig, update, {"k": int_slider("k", 3, 0, 10)}, name="self-test", animated=[line])
'''


def test_a_warning_from_a_slider_is_caught(lab_server, browser) -> None:
    """The checks above can fail: a slider whose callback warns is reported (the warning goes
    to JupyterLab's log console, not to a cell)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(WARNING_NOTEBOOK)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (lab_server.root / "selftest").mkdir(exist_ok=True)
    nbformat.write(nb, lab_server.root / "selftest" / "warns.ipynb")
    page = NotebookPage.open(browser, lab_server, "selftest/warns.ipynb")
    try:
        page.run_all()
        assert page.problems() == []
        figure = page.figures()[0]
        src = page.image_src(figure)
        page.press(page.sliders(figure)[0], "ArrowRight")
        page.wait_new_image(figure, src)
        page.wait_kernel_idle()
        page.page.wait_for_timeout(500)
        found = page.problems()
        assert len(found) == 1 and "k is above 3" in found[0]
    finally:
        page.close()


PRESET_BUTTON = "button.course-preset"
RESET_BUTTON = "button.course-reset"


def test_every_preset_and_reset_redraw(notebook: NotebookPage) -> None:
    """Click every preset's button of every live figure, then Reset: each click shows a new
    frame, the preset's note stays in the readout (no control was moved back by the front end),
    and nothing prints an error or a warning."""
    clicked = 0
    for k, figure in enumerate(notebook.figures()):
        buttons = figure.locator(PRESET_BUTTON)
        assert buttons.count() >= 1, f"figure {k}: no presets"
        assert figure.locator(RESET_BUTTON).count() == 1, f"figure {k}: no Reset button"
        for i in range(buttons.count()):
            button = buttons.nth(i)
            name = (button.text_content() or "").strip()
            src = notebook.image_src(figure)
            button.click()
            notebook.wait_new_image(figure, src)
            notebook.wait_settled(figure)
            notes = figure.locator(".widget-html b", has_text=name)
            assert notes.count() >= 1, f"figure {k}: preset {name!r} is not named in the readout"
            assert figure.locator("img").count() == 2 and notebook.layers_stacked(figure)
            clicked += 1
        src = notebook.image_src(figure)
        figure.locator(RESET_BUTTON).click()
        notebook.wait_new_image(figure, src)
        notebook.wait_settled(figure)
        clicked += 1
    assert notebook.problems() == []
    assert clicked >= 2


# A projector: 1280 x 720 in JupyterLab's Presentation Mode (View -> Appearance -> Presentation
# Mode: larger text), and a full-HD screen without it.
SCREENS = [(1280, 720, True), (1920, 1080, False)]

FIT_JS = """
(out) => {
  const scroller = out.closest('.jp-WindowedPanel-outer, .jp-Notebook');
  const view = scroller ? scroller.getBoundingClientRect().left + scroller.clientWidth : window.innerWidth;
  const controls = out.querySelector('.course-controls');
  const rows = el => new Set([...el.children].filter(c => c.offsetParent !== null)
                              .map(c => Math.round(c.getBoundingClientRect().top))).size;
  const img = out.querySelector('img.widget-image');
  const box = img.getBoundingClientRect();
  const widest = Math.max(...[...out.querySelectorAll('*')].map(e => e.getBoundingClientRect().right));
  return {
    scroll: scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
    overflow: out.scrollWidth - out.clientWidth,
    right: widest - view,
    control_rows: controls ? rows(controls) : 0,
    preset_rows: rows(out.querySelector('.course-presets')),
    widths: controls ? [...controls.children].map(c => Math.round(c.getBoundingClientRect().width)) : [],
    width: Math.round(out.getBoundingClientRect().width),
    aspect: (box.width / box.height) / (img.naturalWidth / img.naturalHeight),
    shown: box.width / img.naturalWidth,
  };
}
"""


def test_fits_a_projector(notebook: NotebookPage) -> None:
    """At 1280 x 720 in Presentation Mode and at 1920 x 1080 without it, every live figure and
    its controls fit the notebook's width (no horizontal scrolling), its controls take at most
    two rows (its presets and Reset one more row), and the image keeps its aspect ratio, with a
    preset on show. One screenshot per figure per size goes to artifacts/screenshots/."""
    page = notebook.page
    original = page.viewport_size
    for figure in notebook.figures():  # a preset on show: its note in the readout and the caption
        src = notebook.image_src(figure)
        figure.locator(PRESET_BUTTON).last.click()
        notebook.wait_new_image(figure, src)
        notebook.wait_settled(figure)
    try:
        for width, height, presentation in SCREENS:
            page.set_viewport_size({"width": width, "height": height})
            if presentation:
                notebook.menu("View", "application:toggle-presentation-mode", submenu="Appearance")
                page.wait_for_selector("body.jp-mod-presentationMode, .jp-LabShell.jp-mod-presentationMode",
                                       state="attached")
            page.wait_for_timeout(500)  # the layout follows the new size
            for k, figure in enumerate(notebook.figures(), start=1):
                figure.scroll_into_view_if_needed()
                fit = figure.evaluate(FIT_JS)
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                figure.screenshot(path=str(SCREENSHOTS / f"{nb_id(Path(notebook.path))}-{width}x{height}-figure{k}.png"))
                where = f"{width}x{height}, figure {k}: {fit}"
                assert fit["scroll"] <= 1 and fit["overflow"] <= 1 and fit["right"] <= 1, f"too wide at {where}"
                assert 1 <= fit["control_rows"] <= 2, f"controls take more than two rows at {where}"
                assert fit["preset_rows"] == 1, f"presets take more than one row at {where}"
                assert abs(fit["aspect"] - 1) < 0.01, f"the image is stretched at {where}"
            if presentation:
                notebook.menu("View", "application:toggle-presentation-mode", submenu="Appearance")
    finally:
        page.set_viewport_size(original)
    assert notebook.problems() == []
