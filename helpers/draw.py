"""Drawing: each function takes a matplotlib ``Axes``, draws on it and returns its artists, so
a live figure can move them later (``set_data``, ``set_segments``, ...) instead of drawing
again. Nothing here computes a loss or a gradient: that is ``helpers.model``'s job.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from .i18n import _
from .style import COLORS

__all__ = [
    "MAX_CURVE_POINTS", "MAX_PATH_POINTS", "bar_verts", "clip_for_log", "clip_to_view",
    "draw_above_minimum_panel", "draw_bars", "draw_contour", "draw_curve", "draw_data",
    "draw_histogram", "draw_line", "draw_lines", "draw_network", "draw_path", "draw_point",
    "draw_tangent", "line_segments", "log_axes", "log_spaced_indices", "loss_levels",
    "moving_axis", "path_indices", "plain_number", "power_label", "set_bars", "set_histogram",
    "set_line", "set_moving_limits", "set_tangent",
    "superscript", "tangent_segment", "window",
]


def draw_data(ax: Axes, x: np.ndarray, y: np.ndarray, *, label: str | None = None,
              x_name: str | None = None, y_name: str | None = None, **kw: Any) -> PathCollection:
    """Scatter the data ``x``, ``y`` (shape ``(n,)``) and label the axes; ``label`` (for a
    legend) is "data" in the course's language unless given. Notebook 01."""
    kw = {"s": 55, "color": COLORS["data"], "edgecolor": "white", "linewidth": 0.8,
          "zorder": 3, **kw}
    points = ax.scatter(x, y, label=_("data") if label is None else label, **kw)
    if x_name:
        ax.set_xlabel(x_name)
    if y_name:
        ax.set_ylabel(y_name)
    return points


def line_segments(ws: np.ndarray, bs: np.ndarray, x_range: tuple[float, float]) -> np.ndarray:
    """End points of the lines ``y = w*x + b`` over ``x_range``: shape ``(k, 2, 2)`` for ``k``
    pairs ``(w, b)`` (``ws``, ``bs``: shape ``(k,)``), ready for ``LineCollection``."""
    xs = np.array(x_range, dtype=float)  # (2,)
    ys = np.outer(ws, xs) + np.asarray(bs)[:, None]  # (k, 2)
    return np.stack([np.broadcast_to(xs, ys.shape), ys], axis=-1)


def draw_line(ax: Axes, w: float, b: float, x_range: tuple[float, float], **kw: Any) -> Line2D:
    """The line ``y = w*x + b`` over ``x_range``; move it later with :func:`set_line`."""
    kw = {"color": COLORS["model"], "zorder": 4, **kw}
    (line,) = ax.plot(list(x_range), [w * x_range[0] + b, w * x_range[1] + b], **kw)
    return line


def set_line(line: Line2D, w: float, b: float) -> None:
    """Move a line drawn by :func:`draw_line` to ``y = w*x + b``."""
    xs = np.asarray(line.get_xdata(), dtype=float)
    line.set_ydata(w * xs + b)


def draw_lines(ax: Axes, ws: np.ndarray, bs: np.ndarray, x_range: tuple[float, float],
               **kw: Any) -> LineCollection:
    """Many lines ``y = ws[i]*x + bs[i]`` at once (one artist, however many lines)."""
    kw = {"colors": COLORS["muted"], "linewidths": 1.6, "alpha": 0.6, "zorder": 2, **kw}
    lines = LineCollection(line_segments(ws, bs, x_range), **kw)
    ax.add_collection(lines)
    return lines


def bar_verts(lefts: np.ndarray, widths: np.ndarray, heights: np.ndarray,
              bottom: float = 0.0) -> np.ndarray:
    """Corners of bars (shapes ``(k,)`` each) as polygons, shape ``(k, 4, 2)``."""
    lefts, widths, heights = (np.asarray(a, dtype=float) for a in (lefts, widths, heights))
    rights, tops = lefts + widths, np.maximum(heights, bottom)
    bottoms = np.full_like(lefts, bottom)
    return np.stack([np.stack([lefts, bottoms], -1), np.stack([lefts, tops], -1),
                     np.stack([rights, tops], -1), np.stack([rights, bottoms], -1)], axis=1)


def draw_bars(ax: Axes, heights: Sequence[float], *, width: float = 0.8, bottom: float = 0.0,
              **kw: Any) -> PolyCollection:
    """One bar per value, centred on 1, 2, ..., as a single artist (one draw call however many
    bars); ``bottom`` is where bars start (use the lower limit on a log axis). Notebook 01."""
    kw = {"facecolors": COLORS["data"], "edgecolors": "none", **kw}
    k = len(heights)
    bars = PolyCollection(bar_verts(np.arange(1, k + 1) - width / 2, np.full(k, width), heights, bottom), **kw)
    bars.bar_width, bars.bar_bottom = width, bottom
    ax.add_collection(bars)
    return bars


def set_bars(bars: PolyCollection, heights: Sequence[float], colors: Sequence[str] | None = None) -> None:
    """Give the bars of :func:`draw_bars` new heights (as many bars as heights) and, optionally,
    one colour each."""
    k, width = len(heights), bars.bar_width
    bars.set_verts(bar_verts(np.arange(1, k + 1) - width / 2, np.full(k, width), heights, bars.bar_bottom))
    if colors is not None:
        bars.set_facecolor(list(colors))


def draw_histogram(ax: Axes, values: np.ndarray, edges: np.ndarray, *,
                   slot: tuple[int, int] = (0, 1), **kw: Any) -> PolyCollection:
    """A histogram of ``values`` (shape ``(k,)``) over the bins ``edges`` (shape ``(m + 1,)``),
    as one artist that :func:`set_histogram` can redraw later. ``slot=(i, k)`` draws the bars in
    the ``i``-th of ``k`` equal parts of each bin, so ``k`` histograms stand side by side and
    never overlap. Notebook 01."""
    kw = {"alpha": 0.75, "edgecolors": "white", **kw}
    bars = PolyCollection(bar_verts(edges[:-1], np.diff(edges), np.zeros(len(edges) - 1)), **kw)
    bars.hist_slot = slot
    ax.add_collection(bars)
    set_histogram(bars, values, edges)
    return bars


def set_histogram(bars: PolyCollection, values: np.ndarray, edges: np.ndarray,
                  weight: float = 1.0) -> np.ndarray:
    """Redraw a histogram from :func:`draw_histogram` for new values and bins; each value counts
    ``weight`` (e.g. ``1 / len(values)`` for shares). Returns the counts."""
    counts, _edges = np.histogram(values, bins=edges)
    i, k = getattr(bars, "hist_slot", (0, 1))
    widths = np.diff(edges) / k
    bars.set_verts(bar_verts(edges[:-1] + i * widths, widths, counts * weight))
    return counts


def loss_levels(grid: np.ndarray, num: int = 14) -> np.ndarray:
    """Contour levels for a loss surface: spaced evenly on a log scale from just above its
    minimum to its maximum, so the valley floor gets as many lines as the steep walls."""
    low, high = float(np.min(grid)), float(np.max(grid))
    low = low + 0.02 * (high - low) if low <= 0 else low * 1.05
    return np.geomspace(max(low, 1e-12), high, num)


def draw_contour(ax: Axes, ws: np.ndarray, bs: np.ndarray, grid: np.ndarray, *,
                 levels: np.ndarray | None = None, filled: bool = True, **kw: Any) -> Any:
    """The contour map of a loss surface ``grid`` (shape ``(len(bs), len(ws))``, as made by
    :func:`helpers.model.loss_grid`) with ``w`` across and ``b`` up. Notebook 02."""
    levels = loss_levels(grid) if levels is None else levels
    if filled:
        kw = {"cmap": "viridis", "alpha": 0.85, **kw}
        out = ax.contourf(ws, bs, grid, levels=levels, extend="both", **kw)
        ax.contour(ws, bs, grid, levels=levels, colors="white", linewidths=0.6, alpha=0.6)
    else:
        kw = {"cmap": "viridis", "linewidths": 1.2, **kw}
        out = ax.contour(ws, bs, grid, levels=levels, **kw)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    return out


def draw_path(ax: Axes, ws: np.ndarray, bs: np.ndarray, **kw: Any) -> Line2D:
    """A path of the weights, ``(ws[k], bs[k])`` for k = 0, 1, ... (shapes ``(k,)``), drawn as
    dots joined by lines; move it later with ``line.set_data(ws, bs)``. Notebook 03."""
    kw = {"color": COLORS["path"], "marker": "o", "markersize": 4, "linewidth": 1.8,
          "zorder": 5, **kw}
    (line,) = ax.plot(ws, bs, **kw)
    return line


def draw_point(ax: Axes, u: float, v: float, **kw: Any) -> Line2D:
    """One marked point (the current weights, a minimum...); move it with ``set_data([u], [v])``."""
    kw = {"color": COLORS["model"], "marker": "o", "markersize": 11, "linestyle": "none",
          "markeredgecolor": "white", "markeredgewidth": 1.5, "zorder": 6, **kw}
    (point,) = ax.plot([u], [v], **kw)
    return point


def draw_curve(ax: Axes, u: np.ndarray, values: np.ndarray, **kw: Any) -> Line2D:
    """A curve such as the loss ``L(w)`` against ``w`` (shapes ``(m,)``). Notebook 02."""
    kw = {"color": COLORS["data"], "zorder": 3, **kw}
    (line,) = ax.plot(u, values, **kw)
    return line


def tangent_segment(u0: float, value: float, slope: float,
                    half_width: float) -> tuple[np.ndarray, np.ndarray]:
    """End points ``(us, vs)``, shapes ``(2,)``, of the tangent line through ``(u0, value)``
    with the given ``slope``, from ``u0 - half_width`` to ``u0 + half_width``. Notebook 03."""
    us = np.array([u0 - half_width, u0 + half_width], dtype=float)
    return us, value + slope * (us - u0)


def draw_tangent(ax: Axes, u0: float, value: float, slope: float, half_width: float,
                 **kw: Any) -> Line2D:
    """The tangent of a curve at ``(u0, value)`` (e.g. of ``L(w)`` at ``w0``); move it later
    with :func:`set_tangent`. Notebook 03."""
    kw = {"color": COLORS["model"], "linewidth": 2.5, "zorder": 5, **kw}
    (line,) = ax.plot(*tangent_segment(u0, value, slope, half_width), **kw)
    return line


def set_tangent(line: Line2D, u0: float, value: float, slope: float, half_width: float) -> None:
    """Move a tangent drawn by :func:`draw_tangent` to a new point and slope."""
    line.set_data(*tangent_segment(u0, value, slope, half_width))


def clip_to_view(us: Any, vs: Any, xlim: tuple[float, float],
                 ylim: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, int | None]:
    """The part of a path ``(us[k], vs[k])`` (shapes ``(k,)``) that a fixed view shows.

    Returns ``(us, vs, left_at)``: the points up to the first one outside the box ``xlim`` x
    ``ylim``, with the segment that leaves the box cut where it crosses the edge (so the drawn
    path runs to the edge and stops there), and ``left_at``, the index of the first point
    outside (``None`` if the whole path is inside; 0 if it starts outside, and then nothing
    is returned). Keeps the axis limits of a live figure fixed however far a run goes.
    Notebook 03.
    """
    us = np.asarray(us, dtype=float).reshape(-1)
    vs = np.asarray(vs, dtype=float).reshape(-1)
    (x0, x1), (y0, y1) = sorted(xlim), sorted(ylim)
    inside = (us >= x0) & (us <= x1) & (vs >= y0) & (vs <= y1)  # NaN counts as outside
    if inside.all():
        return us, vs, None
    k = int(np.argmin(inside))
    if k == 0:
        return us[:0], vs[:0], 0
    pu, pv, qu, qv = us[k - 1], vs[k - 1], us[k], vs[k]
    t = 1.0  # the fraction of the segment p -> q that lies inside the box
    if np.isfinite(qu) and np.isfinite(qv):
        for p, q, lo, hi in ((pu, qu, x0, x1), (pv, qv, y0, y1)):
            if q > hi:
                t = min(t, (hi - p) / (q - p))
            elif q < lo:
                t = min(t, (lo - p) / (q - p))
        edge_u, edge_v = pu + t * (qu - pu), pv + t * (qv - pv)
        return np.append(us[:k], edge_u), np.append(vs[:k], edge_v), k
    return us[:k], vs[:k], k


def moving_axis(axis: Any) -> Any:
    """Make ``axis`` (``ax.xaxis`` or ``ax.yaxis``) an axis whose limits a live figure moves with
    :func:`set_moving_limits`; put the returned axis in the live figure's ``animated`` list, with
    every artist drawn in that panel's data coordinates. A frame then draws the axis' ticks,
    labels and grid over the static background. Its ticks are made and moved while it draws, and
    they mark the figure stale; that staleness is the axis' own (the background does not hold
    it), so it is cleared again: the background stays valid."""
    draw = axis.draw

    def draw_keeping_background(renderer: Any) -> None:
        fig = axis.axes.figure
        stale = fig.stale
        draw(renderer)
        if not stale:
            fig.stale = False

    axis.draw = draw_keeping_background
    axis.set_animated(True)
    return axis


def set_moving_limits(axis: Any, low: float, high: float) -> bool:
    """New limits for an axis made by :func:`moving_axis`, without spoiling the figure's static
    background (a stale figure redraws its whole background; nothing static depends on these
    limits). On any other axis the limits change as usual. Returns whether they changed."""
    if tuple(axis.get_view_interval()) == (low, high):
        return False
    ax = axis.axes
    stale = ax.figure.stale
    (ax.set_xlim if axis is ax.xaxis else ax.set_ylim)(low, high)
    if axis.get_animated() and not stale:  # only animated artists moved
        ax.figure.stale = False
    return True


def draw_network(ax: Axes, columns: Sequence[Sequence[str]],
                 edges: Sequence[tuple[tuple[int, int], tuple[int, int], str]], *,
                 notes: dict[tuple[int, int], str] | None = None, radius: float = 0.36,
                 fontsize: float = 16) -> dict[str, list]:
    """A diagram of a computation: columns of round nodes from left to right (``columns[c][i]``
    is the text inside node ``i`` of column ``c``), arrows ``(from, to, label)`` between nodes
    given as ``(column, index)``, their labels (the weights) written on them, and optional
    ``notes`` under nodes. Column ``c`` sits at ``x = 2.4 c``; its nodes are centred on
    ``y = 0``, 1.3 apart. The axes are switched off. Notebook 01."""
    def where(node: tuple[int, int]) -> tuple[float, float]:
        c, i = node
        return 2.4 * c, 1.3 * ((len(columns[c]) - 1) / 2 - i)

    circles, texts, arrows = [], [], []
    for c, column in enumerate(columns):
        for i, text in enumerate(column):
            u, v = where((c, i))
            circles.append(ax.add_patch(Circle((u, v), radius, facecolor="white", linewidth=2,
                                               edgecolor=COLORS["data"], zorder=3)))
            texts.append(ax.text(u, v, text, ha="center", va="center", fontsize=fontsize, zorder=4))
    for start, end, label in edges:
        (u0, v0), (u1, v1) = where(start), where(end)
        du, dv = np.array([u1 - u0, v1 - v0]) / np.hypot(u1 - u0, v1 - v0) * radius  # to the rims
        arrows.append(ax.add_patch(FancyArrowPatch(
            (u0 + du, v0 + dv), (u1 - du, v1 - dv), arrowstyle="-|>", mutation_scale=18,
            linewidth=1.8, color=COLORS["muted"], shrinkA=0, shrinkB=0, zorder=2)))
        if label:
            t = 0.42  # a little before the middle, so labels of arrows into one node stay apart
            texts.append(ax.text(u0 + t * (u1 - u0), v0 + t * (v1 - v0), label, ha="center",
                                 va="center", fontsize=fontsize - 2, color=COLORS["model"], zorder=4,
                                 bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                       "edgecolor": "none"}))
    for node, note in (notes or {}).items():
        u, v = where(node)
        texts.append(ax.text(u, v - radius - 0.12, note, ha="center", va="top",
                             fontsize=fontsize - 3, zorder=4))
    heights = [len(column) for column in columns]
    ax.set_xlim(-0.7, 2.4 * (len(columns) - 1) + 0.7)
    ax.set_ylim(-0.65 * max(heights) - 0.6, 0.65 * max(heights) + 0.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return {"nodes": circles, "texts": texts, "arrows": arrows}


# --------------------------------------------------------------------------------------------
# Numbers and log axes in plain text (math text is slow to draw)
# --------------------------------------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(exponent: int) -> str:
    """``-3`` as ``⁻³``: an exponent in plain text."""
    return str(int(exponent)).translate(_SUPERSCRIPTS)


def plain_number(value: float, digits: int = 1) -> str:
    """A large number for a title in plain text: ``2.4 × 10¹⁰``."""
    exponent = int(np.floor(np.log10(value)))
    return f"{value / 10**exponent:.{digits}f} × 10{superscript(exponent)}"


def power_label(value: float, _pos: Any = None) -> str:
    """A tick label for a log axis in plain text: ``10³``, ``10⁻²`` (``1`` and ``10`` as
    themselves). Unlike matplotlib's default it needs no math rendering, which is slow."""
    if value <= 0:
        return ""
    exponent = int(round(np.log10(value)))
    if not np.isclose(value, 10.0 ** exponent):
        return ""
    if exponent in (0, 1):
        return f"{10 ** exponent}"
    return "10" + superscript(exponent)


def log_axes(ax: Axes, which: str = "xy") -> None:
    """Log scale on the given axes of ``ax`` (``"x"``, ``"y"`` or ``"xy"``), with plain-text
    labels at the powers of ten and no minor ticks (they cost much drawing time, say little)."""
    for name in which:
        axis = ax.xaxis if name == "x" else ax.yaxis
        (ax.set_xscale if name == "x" else ax.set_yscale)("log")
        axis.set_major_locator(LogLocator(base=10, numticks=12))
        axis.set_major_formatter(FuncFormatter(power_label))
        axis.set_minor_locator(NullLocator())


def clip_for_log(values: Any, limits: tuple[float, float]) -> np.ndarray:
    """``values`` within ``limits`` (NaN and infinity go to the top), ready for a log axis."""
    return np.clip(np.nan_to_num(np.asarray(values, dtype=float), nan=limits[1], posinf=limits[1]),
                   *limits)


def draw_above_minimum_panel(ax: Axes, limits: tuple[float, float], *, xlabel: str,
                             xlim: tuple[float, float] | None = None, log_x: bool = False,
                             ylabel: str | None = None, **kw: Any) -> Line2D:
    """The panel "loss above its minimum" (log scale, within ``limits``) against ``xlabel``
    (the step, the epochs, ...), with one empty curve to move later with ``set_data``; more
    curves can be added with :func:`draw_curve`. ``ylabel``: "loss above its minimum" in the
    course's language unless given. Notebooks 03 and 04."""
    kw = {"color": COLORS["path"], **kw}
    curve = draw_curve(ax, [1.0], [1.0], **kw)
    log_axes(ax, "xy" if log_x else "y")
    ax.set_ylim(*limits)
    if xlim is not None:
        ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(_("loss above its minimum") if ylabel is None else ylabel)
    return curve


# --------------------------------------------------------------------------------------------
# Fewer points for long paths and curves (the eye cannot tell; drawing stays fast)
# --------------------------------------------------------------------------------------------

MAX_PATH_POINTS = 800
"""A path with more points is drawn through at most this many of them (the last included)."""

MAX_CURVE_POINTS = 600
"""A curve on a log x-axis is drawn through at most about this many points."""


def path_indices(num: int, limit: int = MAX_PATH_POINTS) -> np.ndarray:
    """At most ``limit`` indices of ``0 .. num-1`` for drawing a path: all of the first
    ``limit // 3`` (where the path travels), then evenly spread ones, the last included."""
    if num <= limit:
        return np.arange(num)
    head = limit // 3
    return np.unique(np.concatenate([np.arange(head),
                                     np.linspace(head, num - 1, limit - head).round().astype(int)]))


def log_spaced_indices(num: int, limit: int = MAX_CURVE_POINTS) -> np.ndarray:
    """At most about ``limit`` indices of ``0 .. num-1``, spread evenly on a log scale (for a
    curve on a log x-axis): all the early ones, fewer and fewer later, the last included."""
    if num <= limit:
        return np.arange(num)
    head = np.arange(limit // 4)
    tail = np.geomspace(limit // 4, num - 1, limit - limit // 4).round().astype(int)
    return np.unique(np.concatenate([head, tail]))


def window(center: tuple[float, float], half: tuple[float, float],
           num: int = 90) -> tuple[np.ndarray, np.ndarray]:
    """Grid coordinates ``(ws, bs)``, shape ``(num,)`` each, of the box ``center ± half`` (for a
    contour map around a point such as the minimum)."""
    return (np.linspace(center[0] - half[0], center[0] + half[0], num),
            np.linspace(center[1] - half[1], center[1] + half[1], num))
