"""Live figures: the one mechanism behind every slider in the course (the widget layer).

A :class:`LiveFigure` holds a matplotlib figure that is built once, a set of ipywidgets
controls and an ``update`` function that moves the figure's artists (``set_data``, ...) to the
controls' current values. After every change it renders the figure to PNG bytes and puts
them into one ``ipywidgets.Image``. That works the same in JupyterLab 4, Notebook 7, Binder and
Google Colab (ipywidgets 7 and 8), needs no ipympl, and there is always exactly one image, so
nothing flickers or stacks up.

While the kernel renders a frame, the browser's widget manager keeps at most one change of a
slider in flight and merges further moves into the latest value, so dragging never builds a
backlog of stale frames. A change to the value that is already drawn is skipped.

Static viewers (GitHub, nbviewer) cannot run widgets: the live figure's rich output carries,
next to the widget view, a PNG of its current frame, which they show instead.
"""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any, Callable, Iterable, Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .style import FIGURE_DPI, course_style

SLIDER_STYLE = {"description_width": "190px"}
SLIDER_LAYOUT = {"width": "470px"}


# --------------------------------------------------------------------------------------------
# Controls
# --------------------------------------------------------------------------------------------


def log_slider(description: str, value: float, min_exp: float, max_exp: float,
               step: float = 0.05, base: float = 10.0, readout_format: str = ".2g") -> widgets.FloatLogSlider:
    """A slider for a quantity that spans orders of magnitude (a learning rate):
    ``base**min_exp`` to ``base**max_exp``."""
    return widgets.FloatLogSlider(
        value=value, base=base, min=min_exp, max=max_exp, step=step, description=description,
        readout_format=readout_format, continuous_update=True,
        style=SLIDER_STYLE, layout=widgets.Layout(**SLIDER_LAYOUT),
    )


def float_slider(description: str, value: float, min: float, max: float, step: float,
                 readout_format: str = ".2f") -> widgets.FloatSlider:
    """A slider for a real number on a linear scale."""
    return widgets.FloatSlider(
        value=value, min=min, max=max, step=step, description=description,
        readout_format=readout_format, continuous_update=True,
        style=SLIDER_STYLE, layout=widgets.Layout(**SLIDER_LAYOUT),
    )


def int_slider(description: str, value: int, min: int, max: int, step: int = 1) -> widgets.IntSlider:
    """A slider for a count (steps, draws, epochs) or a seed."""
    return widgets.IntSlider(
        value=value, min=min, max=max, step=step, description=description,
        continuous_update=True, style=SLIDER_STYLE, layout=widgets.Layout(**SLIDER_LAYOUT),
    )


def choice_slider(description: str, options: list[Any], value: Any) -> widgets.SelectionSlider:
    """A slider over a few readable values, e.g. batch sizes 1, 2, 4, ..., N."""
    return widgets.SelectionSlider(
        options=options, value=value, description=description, continuous_update=True,
        style=SLIDER_STYLE, layout=widgets.Layout(**SLIDER_LAYOUT),
    )


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def new_figure(ncols: int = 1, nrows: int = 1, *, width: float = 12.0, height: float = 4.6,
               **subplot_kw: Any) -> tuple[Figure, np.ndarray]:
    """A course-styled figure that pyplot does not manage (so the notebook never shows a second,
    static copy of it) and its axes as a flat array of ``nrows * ncols`` ``Axes``."""
    with course_style():
        fig = Figure(figsize=(width, height), dpi=FIGURE_DPI)
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=False, **subplot_kw)
    return fig, axes.ravel()


def encode_png(rgba: Any, compress_level: int = 1) -> bytes:
    """PNG bytes of an RGBA pixel buffer of shape ``(h, w, 4)`` (alpha dropped).

    Written with zlib directly: with no row filter and fast compression it takes about half
    the time of Pillow's encoder, and a figure's large white areas still compress ~20x.
    """
    pixels = np.asarray(rgba)
    h, w = pixels.shape[:2]
    raw = np.empty((h, 1 + 3 * w), dtype=np.uint8)  # each row: filter byte 0, then RGB
    raw[:, 0] = 0
    rgb = raw[:, 1:].reshape(h, w, 3)  # a view into raw
    for channel in range(3):  # one channel at a time: ~10x faster than one (h, w, 3) copy
        rgb[..., channel] = pixels[..., channel]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, compress_level)) + chunk(b"IEND", b""))


def render_png(fig: Figure, compress_level: int = 1) -> bytes:
    """Draw ``fig`` in full with Agg and encode it as PNG bytes."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    with course_style():
        canvas.draw()
    return encode_png(canvas.buffer_rgba(), compress_level)


def show(fig: Figure) -> None:
    """Show a static figure made by :func:`new_figure` as one PNG in the notebook."""
    from IPython.display import Image, display

    display(Image(data=render_png(fig, compress_level=9), format="png"))


class LiveFigure:
    """A figure that follows its controls.

    ``fig``: a figure made by :func:`new_figure`; ``update(**values)``: moves the figure's
    artists to the controls' values (``values`` is keyed like ``controls``); ``controls``: the
    widgets, in display order; ``name``: identifies the figure in its notebook: making a new
    live figure with the name of an old one closes the old one (re-running a cell leaves one).

    ``animated``: the artists that ``update`` changes. The rest of the figure (axes, ticks,
    labels, data) is drawn once and kept as a background; a frame then only draws the animated
    artists over it. The background is drawn again when an axis' limits change, or when
    ``update`` returns True. Without ``animated``, every frame draws the whole figure.
    Introduced in notebook 01.
    """

    _live: dict[str, "LiveFigure"] = {}

    def __init__(self, fig: Figure, update: Callable[..., bool | None],
                 controls: Mapping[str, widgets.ValueWidget], *, name: str,
                 animated: Iterable[Artist] = (), extra: list[widgets.Widget] | None = None) -> None:
        if not isinstance(name, str) or not name:
            raise ValueError(f"name must be a non-empty string; got {name!r}")
        self.name = name
        self.fig = fig
        self._update = update
        self.controls = dict(controls)
        self._animated = sorted(animated, key=lambda a: a.get_zorder())
        for artist in self._animated:
            artist.set_animated(True)
        self._background: Any = None
        self._background_key: tuple | None = None
        self._drawn: tuple | None = None
        self.renders = 0
        # At its own size (never stretched to the output's width, which blurs it), shrunk to fit.
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", align_self="flex-start"))
        box = widgets.Box(list(self.controls.values()),
                          layout=widgets.Layout(display="flex", flex_flow="row wrap"))
        self.widget = widgets.VBox([box, *(extra or []), self.image])
        with course_style():
            update(**self.values)  # so titles and labels exist when the layout is solved
            self._freeze_layout()
        self.redraw()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        old = LiveFigure._live.get(name)
        if old is not None:
            old.close()
        LiveFigure._live[name] = self

    # -- state ---------------------------------------------------------------------------------
    @property
    def values(self) -> dict[str, Any]:
        """The controls' current values, keyed like ``controls``."""
        return {key: control.value for key, control in self.controls.items()}

    def _freeze_layout(self) -> None:
        """Lay the figure out once (constrained layout), then keep that layout: a slider move
        must not make the panels jump, and skipping the layout solver makes redraws cheaper."""
        for artist in self._animated:
            artist.set_animated(False)  # so the layout makes room for titles and legends
        self.fig.canvas.draw()
        for artist in self._animated:
            artist.set_animated(True)
        if hasattr(self.fig, "set_layout_engine"):
            self.fig.set_layout_engine("none")

    def _limits(self) -> tuple:
        return tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.fig.axes)

    # -- drawing -------------------------------------------------------------------------------
    def _draw_frame(self, new_background: bool) -> None:
        """Compose the current frame in the canvas' pixel buffer."""
        canvas = self.fig.canvas
        if not self._animated:
            canvas.draw()
            return
        key = self._limits()
        if new_background or self._background is None or key != self._background_key:
            canvas.draw()  # everything but the animated artists
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key = key
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()  # once per frame, not once per artist
        for artist in self._animated:
            artist.draw(renderer)

    def redraw(self) -> None:
        """Move the artists to the controls' values and show the new frame."""
        values = self.values
        key = tuple(values.items())
        if key == self._drawn:
            return
        with course_style():  # ticks and texts made while drawing get the course look too
            changed = self._update(**values)
            self._draw_frame(bool(changed))
        self.image.value = encode_png(self.fig.canvas.buffer_rgba())
        self._drawn = key
        self.renders += 1

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def set(self, **values: Any) -> None:
        """Set several controls at once and draw one frame (for scripts and tests)."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; this figure has {list(self.controls)}")
        for control in self.controls.values():
            control.unobserve(self._on_change, names="value")
        try:
            for key, value in values.items():
                self.controls[key].value = value
        finally:
            for control in self.controls.values():
                control.observe(self._on_change, names="value")
        self.redraw()

    def close(self) -> None:
        """Stop following the controls and close the widgets (the figure stays in memory)."""
        for control in self.controls.values():
            try:
                control.unobserve(self._on_change, names="value")
            except ValueError:
                pass
        for child in (*self.widget.children, *self.controls.values()):
            child.close()
        self.widget.close()
        if LiveFigure._live.get(self.name) is self:
            del LiveFigure._live[self.name]

    @classmethod
    def open_figures(cls) -> list["LiveFigure"]:
        """The live figures that are open, oldest first (used by the notebook tests)."""
        return list(cls._live.values())

    # -- display -------------------------------------------------------------------------------
    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The widget view for a live kernel, and a PNG of the current frame for static viewers
        (a front end shows the richest output it can render: the widget where widgets run)."""
        png = encode_png(self.fig.canvas.buffer_rgba(), compress_level=9)
        return {
            "text/plain": repr(self),
            "image/png": base64.b64encode(png).decode("ascii"),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }

    def __repr__(self) -> str:
        return f"<live figure '{self.name}' with controls: {', '.join(self.controls)}>"
