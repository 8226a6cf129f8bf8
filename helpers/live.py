"""Live figures: the one mechanism behind every slider in the course (the widget layer).

A :class:`LiveFigure` holds a matplotlib figure that is built once, a set of ipywidgets
controls and an ``update`` function that moves the figure's artists (``set_data``, ...) to the
controls' current values. After every change it renders the figure to PNG bytes in two
layers, stacked in one grid cell of an ``ipywidgets.GridBox``: the background (axes, ticks,
data), sent again only when it changes, and the moving artists on transparent pixels, sent with
every frame — a few tens of kilobytes where a full image would be a hundred, which is what a
class of learners dragging at once multiplies. That works the same in JupyterLab 4, Notebook 7,
Binder and Google Colab (ipywidgets 7 and 8), needs no ipympl, and there is always exactly one
figure, so nothing flickers or stacks up.

While the kernel renders a frame, the browser's widget manager keeps at most one change of a
slider in flight and merges further moves into the latest value, so dragging never builds a
backlog of stale frames. A change to the value that is already drawn is skipped.

Static viewers (GitHub, nbviewer) cannot run widgets: the live figure's rich output carries,
next to the widget view, a PNG of its current frame, which they show instead.
"""

from __future__ import annotations

import base64
import math
from typing import Any, Callable, Iterable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .i18n import _
from .png import encode_background, encode_layer, encode_png
from .style import FIGURE_DPI, course_style

__all__ = ["LiveFigure", "Readout", "choice_slider", "control_extremes", "float_slider",
           "int_slider", "log_slider", "new_figure", "on_grid", "render_png", "show", "toggle"]

FRAME_COMPRESSION = 3
"""zlib level of the frames: at 1-3 zlib is fast; 3 makes the moving layers about a tenth smaller
than 1 for the same time (benchmarks/live_latency.py measures both)."""
BACKGROUND_CLASS = "course-frame-background"
MOVING_CLASS = "course-frame-moving"
"""CSS classes of a live figure's two stacked images (the browser tests find them by these)."""

# Compact, so that a figure's controls take at most two rows above its image, on a projector too
# (a 1280-px window in JupyterLab's Presentation Mode): the description fits its text.
SLIDER_STYLE = {"description_width": "initial"}
SLIDER_LAYOUT = {"width": "300px", "margin": "2px 10px 2px 0"}

CAPTION_INCHES = 0.42
"""The band under a live figure's panels that names the preset shown (so a screenshot says it)."""


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


def control_extremes(control: widgets.ValueWidget) -> list[Any]:
    """The values at the ends of a control's range, as a learner can reach them (a slider's
    minimum and maximum; every option of a control with at most four, else the first and the
    last; ``False`` and ``True`` for a checkbox). Used by the tests and the benchmarks."""
    if isinstance(control, widgets.Checkbox) or isinstance(getattr(control, "value", None), bool):
        return [False, True]
    if hasattr(control, "options"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return options if len(options) <= 4 else [options[0], options[-1]]
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base ** control.min, control.base ** control.max]
    return [control.min, control.max]


def on_grid(control: widgets.ValueWidget, value: Any) -> Any:
    """``value`` moved to the nearest value the control can show (a slider's steps; for a
    logarithmic slider, steps of the exponent), within its range. A preset's values are put
    there, so that the browser's slider keeps them as they are and what it shows is what ran."""
    if isinstance(control, widgets.FloatLogSlider):
        k = round((math.log(value, control.base) - control.min) / control.step)
        exponent = min(max(control.min + k * control.step, control.min), control.max)
        return float(control.base ** round(exponent, 12))
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)) and control.step:
        k = round((value - control.min) / control.step)
        snapped = min(max(control.min + k * control.step, control.min), control.max)
        return int(snapped) if isinstance(control, widgets.IntSlider) else float(round(snapped, 12))
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal, or for floats equal but for rounding (a browser's slider computes in JavaScript)."""
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        except TypeError:
            return False
    return a == b


def toggle(description: str, options: Sequence[str], value: str) -> widgets.ToggleButtons:
    """A row of buttons to choose one of a few named options (an axis, a schedule)."""
    return widgets.ToggleButtons(options=list(options), value=value, description=description,
                                 style={**SLIDER_STYLE, "button_width": "auto"},
                                 # flex: the description beside the buttons, not above them
                                 layout=widgets.Layout(width="auto", max_width="100%", flex="0 0 auto",
                                                       display="flex", align_items="center",
                                                       margin="2px 10px 2px 0"))


def _small_button(description: str, tooltip: str) -> widgets.Button:
    """A preset's button: as wide as its name, no taller than a slider."""
    return widgets.Button(description=description, tooltip=tooltip,
                          layout=widgets.Layout(width="auto", height="30px", margin="2px 6px 2px 0"))


class Readout:
    """The line of text above a live figure's image that spells out its numbers. Text drawn
    into the figure is slow (every letter, at every frame); HTML here costs nothing to draw.
    Make one, let ``update`` call :meth:`say`, and pass it as ``LiveFigure(..., readout=...)``."""

    def __init__(self) -> None:
        self.widget = widgets.HTML(layout=widgets.Layout(min_height="2.6em", margin="2px 0 0 8px"))
        self._text = ""
        self._note = ""

    def say(self, text: str) -> None:
        """Show ``text`` (HTML allowed: ``<b>…</b>``)."""
        self._text = text
        self._show()

    def note(self, text: str) -> None:
        """Show ``text`` on a line of its own above the sentence ("" removes it): the
        :class:`LiveFigure` writes the explanation of the preset on show here."""
        self._note = text
        self._show()

    def _show(self) -> None:
        note = (f"<div style='font-size:15px; line-height:1.35; border-left:4px solid #0072B2; "
                f"padding-left:6px; margin-bottom:2px'>{self._note}</div>") if self._note else ""
        text = f"<div style='font-size:15px; line-height:1.35'>{self._text}</div>" if self._text else ""
        self.widget.value = note + text

    @property
    def text(self) -> str:
        return self.widget.value


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
    artists to the controls' values (``values`` is keyed like ``controls``) and returns
    nothing; ``controls``: the widgets, in display order; ``name``: identifies the figure in its
    notebook: making a new live figure with the name of an old one closes the old one
    (re-running a cell leaves one).

    ``animated``: the artists that ``update`` changes. The rest of the figure (axes, ticks,
    labels, data) is drawn once and kept as a background; a frame then only draws the animated
    artists over it. The background is drawn again, by itself, whenever ``update`` changed
    anything else (an axis' limits or label, a static line): matplotlib marks the figure
    *stale* when a non-animated artist changes, and :meth:`redraw` checks that flag after every
    ``update`` — the same guarantee as the ``draw_event`` re-capture of matplotlib's blitting
    tutorial, with nothing for ``update`` to remember. Without ``animated``, every frame draws
    the whole figure.

    Optional parts, each owned here: ``readout``, a :class:`Readout` that ``update`` writes its
    sentence into (``lf.readout``); ``play``, the key of a control to give a Play button
    (``lf.play``, stepping through the control's range every ``play_interval`` ms, labelled
    ``play_label``, or "play" in the course's language);
    ``presets``, named sets of control values (see :meth:`add_preset`). Introduced in
    notebook 01.
    """

    _live: dict[str, "LiveFigure"] = {}

    def __init__(self, fig: Figure, update: Callable[..., None],
                 controls: Mapping[str, widgets.ValueWidget], *, name: str,
                 animated: Iterable[Artist] = (), readout: Readout | None = None,
                 play: str | None = None, play_interval: int = 900, play_label: str | None = None,
                 presets: Mapping[str, Mapping[str, Any]] | None = None) -> None:
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
        self._drawn: tuple | None = None
        self.renders = 0
        self.backgrounds = 0  # how many times the background was drawn (the tests read it)
        self.readout = readout
        self.play: widgets.Play | None = None
        if play is not None:
            target = self.controls[play]
            self.play = widgets.Play(value=target.value, min=target.min, max=target.max, step=1,
                                     interval=play_interval,
                                     description=_("play") if play_label is None else play_label)
            widgets.jslink((self.play, "value"), (target, "value"))
        self.presets: dict[str, dict[str, Any]] = {}
        self.notes: dict[str, str] = {}
        self.preset: str | None = None  # the preset on show: its values are the controls' values
        self._caption: Any = None  # the text under the panels that names it
        self._start = self.values
        # A row of small buttons under the controls: the presets, then Reset.
        self.reset_button = _small_button(_("Reset"), _("back to the values this figure started with"))
        self.reset_button.on_click(lambda _button: self.reset())
        self.reset_button.add_class("course-reset")
        self._preset_box = widgets.HBox([self.reset_button],
                                        layout=widgets.Layout(flex_flow="row wrap", margin="2px 0"))
        self._preset_box.add_class("course-presets")
        # Where the preset's explanation goes: the figure's readout, or one of its own.
        self._notes = readout if readout is not None else Readout()
        self._own_notes = readout is None  # shown only while there is a note
        if self._own_notes:
            self._notes.widget.layout.display = "none"
        # The frame: two images stacked in one grid cell (see _draw_frame). Each at its own size
        # (never stretched to the output's width, which blurs it), shrunk to fit; both have the
        # figure's size, so they shrink alike and stay aligned.
        layer = dict(max_width="100%", grid_area="frame")  # a replaced element: placed at the start
        self.background = widgets.Image(format="png", layout=widgets.Layout(**layer))
        self.image = widgets.Image(format="png", layout=widgets.Layout(**layer))
        self.background.add_class(BACKGROUND_CLASS)
        self.image.add_class(MOVING_CLASS)
        self.frame = widgets.GridBox([self.background, self.image], layout=widgets.Layout(
            grid_template_areas='"frame"', grid_template_columns="minmax(0, max-content)",
            width="100%"))
        box = widgets.Box(list(self.controls.values()),
                          layout=widgets.Layout(display="flex", flex_flow="row wrap"))
        box.add_class("course-controls")
        parts = [box, self._preset_box]
        parts += [self.play] if self.play is not None else []
        parts += [self._notes.widget]
        self.widget = widgets.VBox([*parts, self.frame])
        self._add_caption()
        with course_style():
            self._call_update(self.values)  # so titles and labels exist when the layout is solved
            self._freeze_layout()
        self.redraw()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        for preset, values in (presets or {}).items():
            self.add_preset(preset, **values)
        old = LiveFigure._live.get(name)
        if old is not None:
            old.close()
        LiveFigure._live[name] = self

    # -- presets -------------------------------------------------------------------------------
    def add_preset(self, name: str, note: str = "", **values: Any) -> "LiveFigure":
        """Name a set of control values, with one line that says what it shows (one line in a
        figure module: ``lf.add_preset("diverges", note="past 2/L'': each jump lands higher",
        lr=1.5 * loss.max_stable_lr_1d)``); each value is moved to the control's nearest step
        (:func:`on_grid`). A button with that name appears under the controls, before Reset;
        :meth:`apply_preset` sets them all in one frame and shows ``note`` in the readout and
        in a caption under the panels (so a screenshot explains itself) until a control moves
        away. Controls left out keep their values. Returns the figure, so calls can be
        chained."""
        if not isinstance(name, str) or not name:
            raise ValueError(f"a preset needs a non-empty name; got {name!r}")
        if name in self.presets or name == self.reset_button.description:
            raise ValueError(f"this figure has a preset or button named {name!r} already")
        self._check_values(values)
        self.presets[name] = {key: on_grid(self.controls[key], value) for key, value in values.items()}
        self.notes[name] = str(note)
        button = _small_button(name, note or name)
        button.on_click(lambda _button: self.apply_preset(name))
        button.add_class("course-preset")
        *buttons, reset = self._preset_box.children
        self._preset_box.children = [*buttons, button, reset]
        return self

    def apply_preset(self, name: str) -> None:
        """Set the controls to the preset ``name``, name it in the readout and the caption, and
        draw one frame."""
        if name not in self.presets:
            raise ValueError(_("unknown preset {name!r}; this figure has {presets}").format(
                name=name, presets=list(self.presets)))
        self.preset = name
        self._drawn = None  # the caption changes even if the values do not
        self.set(**self.presets[name])

    def reset(self) -> None:
        """Put every control back where it started and draw one frame."""
        if self.preset is not None:
            self.preset = None
            self._drawn = None  # the caption goes, even if the values stay
        self.set(**self._start)

    def _follow_preset(self, values: Mapping[str, Any]) -> None:
        """Forget the preset once a control left its value; show its note (or nothing)."""
        if self.preset is not None and not all(_same(values[k], v) for k, v in self.presets[self.preset].items()):
            self.preset = None
        note = self.notes.get(self.preset, "") if self.preset is not None else ""
        text = f"<b>{self.preset}</b>: {note}" if self.preset is not None else ""
        self._notes.note(text)
        if self._own_notes:
            self._notes.widget.layout.display = None if text else "none"
        if self._caption is not None:
            self._caption.set_text(_("Preset “{name}”: {note}").format(name=self.preset, note=note)
                                   if self.preset is not None else "")

    def _add_caption(self) -> None:
        """A band under the panels for the caption that names the preset on show: the figure
        grows by CAPTION_INCHES, and its layout leaves the band free."""
        fig = self.fig
        height = fig.get_figheight() + CAPTION_INCHES
        band = CAPTION_INCHES / height
        fig.set_figheight(height)
        with course_style():
            self._caption = fig.text(0.006, band * 0.45, "", ha="left", va="center", fontsize=15,
                                     color="#222222", zorder=10)
        engine = fig.get_layout_engine() if hasattr(fig, "get_layout_engine") else None
        if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
            engine.set(rect=(0.0, band, 1.0, 1.0 - band))
        if self._animated:  # drawn over the background, like the figure's moving artists
            self._animated = sorted([*self._animated, self._caption], key=lambda a: a.get_zorder())
            self._caption.set_animated(True)

    def _check_values(self, values: Mapping[str, Any]) -> None:
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(_("unknown control(s) {unknown}; this figure has {controls}").format(
                unknown=sorted(unknown), controls=list(self.controls)))
        for key, value in values.items():
            control = self.controls[key]
            options = getattr(control, "options", None)
            if options is not None:
                allowed = [o[1] if isinstance(o, tuple) else o for o in options]
                if value not in allowed:
                    raise ValueError(_("{key} must be one of {allowed}; got {value!r}").format(
                        key=key, allowed=allowed, value=value))
            elif isinstance(control, widgets.FloatLogSlider):
                low, high = control.base ** control.min, control.base ** control.max
                if not low * (1 - 1e-9) <= value <= high * (1 + 1e-9):
                    raise ValueError(_("{key} must be within [{low:g}, {high:g}]; got {value!r}").format(
                        key=key, low=low, high=high, value=value))
            elif hasattr(control, "min") and not control.min <= value <= control.max:
                raise ValueError(_("{key} must be within [{low}, {high}]; got {value!r}").format(
                    key=key, low=control.min, high=control.max, value=value))

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

    # -- drawing -------------------------------------------------------------------------------
    def _call_update(self, values: Mapping[str, Any]) -> None:
        self._follow_preset(values)
        result = self._update(**values)
        if result is not None:
            raise TypeError(f"the update function of '{self.name}' returned {result!r}; it must "
                            "return nothing (the background is redrawn by itself when a static "
                            "artist changes)")

    def _draw_frame(self) -> tuple[bytes | None, bytes]:
        """The current frame as its two layers: the background's PNG when it must be sent
        (``None`` when the browser has it already) and the moving layer's PNG.

        The background — axes, ticks, labels, data: everything but the animated artists — is
        drawn and sent again only when it changed. The moving layer holds the animated artists
        alone, on transparent pixels, which compress to almost nothing: a frame sends a few
        tens of kilobytes where one full image sent a hundred. The browser stacks the two.
        """
        canvas = self.fig.canvas
        background = None
        # A change to any artist that is not animated (limits, labels, static lines) marks the
        # figure stale; animated artists never do. So: stale figure = stale background.
        if self._background is None or self.fig.stale:
            canvas.draw()  # everything but the animated artists; leaves the figure not stale
            background = self._background = encode_background(canvas.buffer_rgba(), FRAME_COMPRESSION)
            self.backgrounds += 1
        renderer = canvas.get_renderer()  # once per frame, not once per artist
        renderer.clear()  # transparent
        for artist in self._animated:
            artist.draw(renderer)
        return background, encode_layer(renderer.buffer_rgba(), FRAME_COMPRESSION)

    def redraw(self) -> None:
        """Move the artists to the controls' values and show the new frame."""
        values = self.values
        key = tuple(values.items())
        if key == self._drawn:
            return
        with course_style():  # ticks and texts made while drawing get the course look too
            self._call_update(values)
            background, moving = self._draw_frame()
        if background is not None:
            self.background.value = background
        self.image.value = moving
        self._drawn = key
        self.renders += 1

    def layers(self) -> tuple[bytes, bytes]:
        """The PNG bytes the browser shows now: (background, moving layer)."""
        return self.background.value, self.image.value

    def frame_png(self, compress_level: int = 9) -> bytes:
        """The current frame as one complete PNG: the background with the moving artists drawn
        over it (for static viewers, and to compare frames in tests)."""
        canvas = self.fig.canvas
        with course_style():
            canvas.draw()
            renderer = canvas.get_renderer()
            for artist in self._animated:
                artist.draw(renderer)
        return encode_png(canvas.buffer_rgba(), compress_level)

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def set(self, **values: Any) -> None:
        """Set several controls at once and draw one frame (presets, scripts and tests)."""
        self._check_values(values)
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
        for child in (*self.widget.children, *self._preset_box.children, *self.controls.values()):
            child.close()
        self.widget.close()
        if LiveFigure._live.get(self.name) is self:
            del LiveFigure._live[self.name]

    @classmethod
    def open_figures(cls) -> list["LiveFigure"]:
        """The live figures that are open, oldest first (used by the notebook tests)."""
        return list(cls._live.values())

    def images(self) -> list[widgets.Image]:
        """Every image widget in this figure's view: exactly its two layers, the background and
        the moving artists, stacked in one grid cell (the tests check)."""
        def walk(widget: widgets.Widget) -> list[widgets.Image]:
            found = [widget] if isinstance(widget, widgets.Image) else []
            for child in getattr(widget, "children", ()):
                found += walk(child)
            return found
        return walk(self.widget)

    # -- display -------------------------------------------------------------------------------
    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The widget view for a live kernel, and a PNG of the current frame for static viewers
        (a front end shows the richest output it can render: the widget where widgets run)."""
        png = self.frame_png(compress_level=9)
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
