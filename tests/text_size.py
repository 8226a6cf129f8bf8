"""How large a figure's text is on screen: every piece of text that a full draw of a figure
puts on its canvas (titles, labels, tick labels, legends, annotations, colour-bar and contour
labels), with its height in screen pixels when the figure is shown at most ``DISPLAY_WIDTH``
pixels wide.

A figure is shown at its own size or shrunk to fit (never enlarged: a live figure's image and
a static PNG both have ``max-width: 100%``), so a figure ``W`` pixels wide is shown at
``min(W, DISPLAY_WIDTH)`` pixels and its text shrinks by ``min(1, DISPLAY_WIDTH / W)``. A font
of ``s`` points drawn at ``dpi`` is ``s * dpi / 72`` pixels in the figure's own pixels.

The measurement records what the renderer is asked to draw (``draw_text``), so text that is
outside the axes, invisible or empty never counts, and text made while drawing (tick labels)
does. This file is plain Python with no imports from the tests: the notebook probes run its
source in the notebook's kernel.
"""

from __future__ import annotations

DISPLAY_WIDTH = 1000
MIN_PX = 12.0


def _draw(fig):
    """``[(text, pixels in the figure's own size, its Text artist or None)]`` for every text a
    full draw of ``fig`` puts on its canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    animated = [a for a in fig.findobj() if a.get_animated()]
    for artist in animated:  # a live figure draws these over its background: count them too
        artist.set_animated(False)
    renderer = canvas.get_renderer()
    found = []
    original = renderer.draw_text

    def record(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if str(s).strip():
            found.append((str(s), prop.get_size_in_points() * renderer.dpi / 72.0, mtext))
        return original(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = record
    try:
        canvas.draw()
    finally:
        del renderer.draw_text
        for artist in animated:
            artist.set_animated(True)
        fig.stale = True  # a live figure captures its background again at its next frame
    return found


def drawn_texts(fig):
    """``[(text, pixels_on_screen)]`` for every text a full draw of ``fig`` puts on its canvas,
    at the width the figure is shown (at most ``DISPLAY_WIDTH``)."""
    scale = min(1.0, DISPLAY_WIDTH / fig.bbox.width)
    return [(s, px * scale) for s, px, _artist in _draw(fig)]


def clipped_texts(fig):
    """The texts of ``fig`` that run past its left or right edge (cut off on screen), drawn in
    full: ``[text]``."""
    drawn = _draw(fig)
    renderer = fig.canvas.get_renderer()
    width = fig.bbox.width
    out = []
    for _s, _px, artist in drawn:
        if artist is not None:
            box = artist.get_window_extent(renderer)
            if box.x0 < -1 or box.x1 > width + 1:
                out.append(artist.get_text())
    return out


def small_texts(fig, min_px=MIN_PX):
    """The texts of ``fig`` smaller than ``min_px`` on screen: ``[(text, pixels)]``."""
    return [(s, round(px, 1)) for s, px in drawn_texts(fig) if px < min_px - 1e-9]


# -- the Korean edition: every text a learner reads is Korean ---------------------------------

import re as _re

# Words that stay as they are in Korean text: abbreviations and names the Korean ML texts keep
KEEP_ENGLISH = {"MSE", "SGD", "MAE", "SSE", "PyTorch", "NumPy", "numpy", "Engel", "GD", "API",
                "Colab", "Binder", "JupyterLab", "Jupyter", "Python", "ReLU", "Adam", "dtype",
                "float", "int", "None", "True", "False", "torch", "optim", "nan", "inf", "max",
                "min", "log", "exp", "sin", "cos", "sqrt", "mean", "std", "var", "argmin",
                "lr", "rng", "step", "zero_grad"}
_CODE = _re.compile(r"`[^`]*`|\b\w+\([^()]*\)|\b[A-Za-z]+(?:[._][A-Za-z0-9]+)+\b|https?://\S+"
                    r"|\\[A-Za-z]+")  # … and TeX commands (\mathdefault of log-axis ticks)


def english_words(text):
    """The English words (three letters or more) in ``text`` outside code, names in
    ``KEEP_ENGLISH`` and identifiers (``batch_size``, ``np.mean``, ``f(x)``) left out."""
    words = _re.findall(r"[A-Za-z]{3,}", _CODE.sub(" ", str(text)))
    return [w for w in words if w not in KEEP_ENGLISH]


def widget_texts(widget):
    """Every text a widget tree shows: descriptions, tooltips, options' labels, HTML and
    label values (tags left out)."""
    found, todo, seen = [], [widget], set()
    while todo:
        w = todo.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        for name in ("description", "tooltip", "placeholder"):
            value = getattr(w, name, None)
            if isinstance(value, str) and value.strip():
                found.append(value)
        labels = getattr(w, "_options_labels", None)
        if labels:
            found.extend(str(x) for x in labels)
        if type(w).__name__ in ("HTML", "Label", "HTMLMath"):
            found.append(_re.sub(r"<[^>]+>", " ", w.value))
        todo.extend(getattr(w, "children", ()) or ())
    return [t for t in found if t.strip()]


def untranslated(fig_texts):
    """``{text: [English words]}`` for the texts that still hold English."""
    return {t: english_words(t) for t in sorted(set(fig_texts)) if english_words(t)}
