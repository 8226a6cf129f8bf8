"""Notebook 02's figures: squared errors drawn as squares, the loss curve and the loss map, and
what one bad record does to the best line under the MSE and under the MAE."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure

from .. import _validate as check
from ..data import Dataset
from ..draw import draw_contour, draw_curve, draw_data, draw_line, draw_point, set_line
from ..i18n import _
from ..live import LiveFigure, float_slider, int_slider, new_figure, on_grid
from ..model import QuadraticLoss, best_lines, predict
from ..style import COLORS, styled

W_RANGE = (0.0, 16.0)
B_RANGE = (-30.0, 90.0)
X_LIMITS = (0.0, 15.0)
Y_LIMITS = (0.0, 170.0)
CURVE_TOP = 1600.0  # the L(w) panel shows losses from 0 to this
REFERENCE_SIDE = 20.0  # the key square in the corner: an error of 20 units
W_VIEW = (W_RANGE[0] - 0.5, W_RANGE[1] + 0.5)  # the loss panels show a margin around the
B_VIEW = (B_RANGE[0] - 4.0, B_RANGE[1] + 4.0)  # sliders' ranges, so a marker is never cut
MAP_LABELS = (100.0, 300.0, 1000.0, 3000.0)  # contours of the loss map that carry their MSE


# --------------------------------------------------------------------------------------------
# Squares whose area is the squared error
# --------------------------------------------------------------------------------------------


def square_verts(x: np.ndarray, y: np.ndarray, y_hat: np.ndarray, x_per_y: float) -> np.ndarray:
    """Corners of one square per example, shape ``(n, 4, 2)``: its left side is the residual,
    the vertical segment from ``(x, y)`` to ``(x, y_hat)``, and it extends to the right.

    ``x_per_y`` converts a length along y into the same on-screen length along x (the axes'
    aspect, see :func:`x_per_y_unit`), so each square is a square on screen and its area,
    measured in y units, is the squared error ``(y_hat - y)**2``. Notebook 02.
    """
    low, high = np.minimum(y, y_hat), np.maximum(y, y_hat)  # (n,) each
    right = x + (high - low) * x_per_y  # (n,)
    return np.stack([np.stack([x, low], -1), np.stack([right, low], -1),
                     np.stack([right, high], -1), np.stack([x, high], -1)], axis=1)


def x_per_y_unit(ax: Axes) -> float:
    """How many x units are as long on screen as one y unit, for axes whose aspect was fixed
    with ``ax.set_aspect(number)`` (matplotlib then keeps that ratio whatever the figure size)."""
    aspect = ax.get_aspect()
    if isinstance(aspect, str):
        raise ValueError("fix the axes' aspect with ax.set_aspect(number) first")
    return float(aspect)


def _squares_axes(ax: Axes, data: Dataset) -> float:
    """Limits and a fixed aspect for the data panel; returns x units per y unit."""
    ax.set_xlim(*X_LIMITS)
    ax.set_ylim(*Y_LIMITS)
    # One y unit is drawn as long as (X span / Y span) x units: a panel about as tall as wide.
    ax.set_aspect((X_LIMITS[1] - X_LIMITS[0]) / (Y_LIMITS[1] - Y_LIMITS[0]), adjustable="box")
    ax.set_xlabel(data.x_name)
    ax.set_ylabel(data.y_name)
    return x_per_y_unit(ax)


def _reference_square(ax: Axes, x_per_y: float) -> None:
    """A key in the upper left corner: the square of an error of REFERENCE_SIDE units."""
    x0, y0 = 0.4, Y_LIMITS[1] - REFERENCE_SIDE - 6
    verts = square_verts(np.array([x0]), np.array([y0]), np.array([y0 + REFERENCE_SIDE]), x_per_y)
    ax.add_collection(PolyCollection(verts, facecolors="none",
                                     edgecolors=COLORS["highlight"], linewidths=1.5))
    ax.text(x0 + REFERENCE_SIDE * x_per_y + 0.3, y0 + REFERENCE_SIDE / 2,
            _("error {side:g} → area {area:g}\nMSE = mean area").format(side=REFERENCE_SIDE,
                                                                           area=REFERENCE_SIDE**2),
            va="center",
            fontsize=12)


# --------------------------------------------------------------------------------------------
# The live figure: data and squares | L(w) at the current b | the map of L(w, b)
# --------------------------------------------------------------------------------------------


@styled
def loss_squares_figure(data: Dataset, *, w: float = 5.0, b: float = 40.0,
                        name: str = "loss-squares") -> LiveFigure:
    """Sliders for ``w`` and ``b``; panels: the data, the line ``w*x + b`` and each residual
    drawn as a square whose area is that example's squared error (the MSE is their mean area);
    the loss curve ``L(w)`` at the current ``b``; the contour map of ``L(w, b)``. The current
    weights are marked in both loss panels. Notebook 02."""
    w = check.as_float("w", w)
    b = check.as_float("b", b)
    loss = QuadraticLoss(data.x, data.y)
    x, y = loss.x, loss.y
    fig, (ax_fit, ax_curve, ax_map) = new_figure(3, width=13.5, height=5.6)

    # Panel 1: data, line, residuals and their squares.
    x_per_y = _squares_axes(ax_fit, data)
    _reference_square(ax_fit, x_per_y)
    # Outlines only: 30 filled squares that overlap merge into one smear; outlines stay
    # comparable, one by one.
    squares = PolyCollection(np.zeros((len(x), 4, 2)), facecolors="none",
                             edgecolors=COLORS["highlight"], linewidths=1.4, zorder=2)
    ax_fit.add_collection(squares)
    residuals = LineCollection(np.zeros((len(x), 2, 2)), colors=COLORS["highlight"],
                               linewidths=2.0, zorder=3)
    ax_fit.add_collection(residuals)
    line = draw_line(ax_fit, w, b, X_LIMITS)
    points = draw_data(ax_fit, x, y)
    points.set_zorder(5)

    # Panel 2: the loss curve L(w) with b held at its current value.
    ws = np.linspace(*W_VIEW, 256)  # (256,)
    best_loss = loss.loss_min
    ax_curve.axhline(best_loss, color=COLORS["truth"], linestyle="--", linewidth=1.8)
    ax_curve.text(W_VIEW[0] + 0.3, best_loss + 25, _("lowest MSE of any line: {best:.1f}").format(best=best_loss),
                  fontsize=12, va="bottom")
    curve = draw_curve(ax_curve, ws, np.zeros_like(ws))
    curve_point = draw_point(ax_curve, w, 0.0)
    ax_curve.set_xlim(*W_VIEW)
    ax_curve.set_ylim(0.0, CURVE_TOP)
    ax_curve.set_xlabel("w")
    ax_curve.set_ylabel("MSE")
    ax_curve.set_title(_("loss curve L(w), b held fixed"))

    # Panel 3: the map of L(w, b), drawn once; only the marker moves.
    bs = np.linspace(*B_VIEW, 161)  # (161,)
    grid = loss.grid(ws, bs)
    draw_contour(ax_map, ws, bs, grid)
    # A few contours with their MSE written on them, and the minimum marked.
    labelled = ax_map.contour(ws, bs, grid, levels=MAP_LABELS, colors="white", linewidths=1.4)
    ax_map.clabel(labelled, fmt=lambda v: f"{v:,.0f}", fontsize=12, inline_spacing=2)
    draw_point(ax_map, loss.w_min, loss.b_min, color=COLORS["reference"], marker="*", markersize=18,
               zorder=5, label=_("lowest MSE: {best:.1f}").format(best=best_loss))
    ax_map.legend(loc="upper right", fontsize=12)
    map_point = draw_point(ax_map, w, b)
    ax_map.set_xlim(*W_VIEW)
    ax_map.set_ylim(*B_VIEW)
    ax_map.set_title(_("loss map: MSE on the lines"))

    def update(w: float, b: float) -> None:
        y_hat = loss.predict(w, b)  # (n,)
        set_line(line, w, b)
        residuals.set_segments(np.stack([np.stack([x, y], -1), np.stack([x, y_hat], -1)], axis=1))
        squares.set_verts(square_verts(x, y, y_hat, x_per_y))
        curve.set_ydata(loss.loss(ws, b))
        value = loss.loss(w, b)
        # Off the top of the curve panel the marker waits at the edge, pointing up.
        curve_point.set_data([w], [min(value, CURVE_TOP * 0.985)])
        curve_point.set_marker("o" if value <= CURVE_TOP * 0.985 else "^")
        map_point.set_data([w], [b])
        ax_fit.title.set_text(f"MSE = {value:,.1f}")

    controls = {
        "w": float_slider(_("w (slope)"), w, *W_RANGE, 0.1),
        "b": float_slider(_("b (intercept)"), b, *B_RANGE, 0.5),
    }
    animated = [squares, residuals, line, points, curve, curve_point, map_point, ax_fit.title]
    lf = LiveFigure(fig, update, controls, name=name, animated=animated)
    steep = W_RANGE[1]  # the steepest slope the slider allows, through the centre of the data
    w_best, b_best = on_grid(controls["w"], loss.w_min), on_grid(controls["b"], loss.b_min)
    lf.add_preset(_("the best line"), note=_("least squares (on the sliders' steps): MSE {mse:.2f}, the bottom "
                  "of the curve and of the map").format(mse=loss.loss(w_best, b_best)),
                  w=w_best, b=b_best)
    lf.add_preset(_("a steep wrong line"), note=_("through the middle of the data, too steep: the huge squares "
                  "at both ends make most of the MSE"), w=steep, b=loss.my - steep * loss.mx)
    return lf


# --------------------------------------------------------------------------------------------
# Two lines on four points (exercise 3)
# --------------------------------------------------------------------------------------------


@styled
def two_lines_figure(x: np.ndarray, y: np.ndarray, lines: dict[str, tuple[float, float]]) -> Figure:
    """The points ``x``, ``y`` (shape ``(n,)``) and a few labelled lines ``{label: (w, b)}``,
    each residual drawn as a thin vertical segment in its line's colour. Notebook 02."""
    fig, (ax,) = new_figure(1, width=8.0, height=5.0)
    x_range = (float(x.min()) - 0.5, float(x.max()) + 0.5)
    colors = [COLORS["model"], COLORS["reference"], COLORS["path"], COLORS["highlight"]]
    for k, (label, (w, b)) in enumerate(lines.items()):
        color = colors[k % len(colors)]
        draw_line(ax, w, b, x_range, color=color,
                  label=_("line {label}: ŷ = {w:g}·x + {b:g}").format(label=label, w=w, b=b))
        shift = (k - (len(lines) - 1) / 2) * 0.06  # side by side, so both residuals show
        ax.vlines(x + shift, y, predict(x, w, b), colors=color, linewidth=2.0, linestyles=":")
    draw_data(ax, x, y, x_name="x", y_name="y", zorder=6)
    ax.set_xlim(*x_range)
    ax.legend(loc="upper left")
    return fig


# --------------------------------------------------------------------------------------------
# One bad record: the best-MSE line and the best-MAE line
# --------------------------------------------------------------------------------------------


@styled
def bad_record_figure(data: Dataset, *, index: int = -1, max_error: int = 300, error: int = 200,
                      name: str = "bad-record") -> LiveFigure:
    """One slider: how far one record (``data.y[index]``) is off. Panels: the data with the
    bad record, the best-MSE line and the best-MAE line; the slope of each best line against
    the size of the error. A text box gives both losses, with and without the bad record.
    Notebook 02."""
    x, y = data.x, data.y
    index = check.as_int("index", index, minimum=-len(x), maximum=len(x) - 1) % len(x)
    max_error = check.as_int("max_error", max_error, minimum=10, maximum=1000)
    error = check.as_int("error", error, minimum=0, maximum=max_error)
    step = 10
    errors = np.arange(0, max_error + 1, step, dtype=float)  # (k,)
    fits = best_lines(x, y, index, errors)  # errors[0] = 0: the clean data
    clean_mse_w, clean_mse_b, clean_mse = fits["mse_w"][0], fits["mse_b"][0], fits["mse"][0]
    clean_mae_w, clean_mae_b, clean_mae = fits["mae_w"][0], fits["mae_b"][0], fits["mae"][0]

    fig, (ax_fit, ax_slope) = new_figure(2, width=13.5, height=5.6,
                                         gridspec_kw={"width_ratios": [1.25, 1]})
    others = np.arange(len(x)) != index
    draw_data(ax_fit, x[others], y[others], x_name=data.x_name, y_name=data.y_name)
    ax_fit.plot([x[index]], [y[index]], "o", markersize=9, markerfacecolor="none",
                markeredgecolor=COLORS["muted"], markeredgewidth=2, label=_("its true value"))
    bad_point = draw_point(ax_fit, x[index], y[index], color=COLORS["highlight"],
                           label=_("the bad record"))
    mse_line = draw_line(ax_fit, clean_mse_w, clean_mse_b, X_LIMITS, label=_("best line for the MSE"))
    mae_line = draw_line(ax_fit, clean_mae_w, clean_mae_b, X_LIMITS, color=COLORS["reference"],
                         linestyle="--", label=_("best line for the MAE"))
    ax_fit.set_xlim(*X_LIMITS)
    ax_fit.set_ylim(0.0, float(y.max() + max_error + 20))
    ax_fit.legend(loc="upper left", fontsize=12)
    ax_slope.plot(errors, fits["mse_w"], color=COLORS["model"], label=_("best line for the MSE"))
    ax_slope.plot(errors, fits["mae_w"], color=COLORS["reference"], linestyle="--",
                  label=_("best line for the MAE"))
    if data.true_w is not None:
        ax_slope.axhline(data.true_w, color=COLORS["truth"], linewidth=1.5, linestyle=":",
                         label=_("true slope {slope:g}").format(slope=data.true_w))
    mse_marker = draw_point(ax_slope, 0.0, clean_mse_w)
    mae_marker = draw_point(ax_slope, 0.0, clean_mae_w, color=COLORS["reference"])
    ax_slope.set_xlim(-5, max_error + 5)
    low = min(fits["mse_w"].min(), fits["mae_w"].min(), data.true_w or np.inf)
    high = max(fits["mse_w"].max(), fits["mae_w"].max(), data.true_w or -np.inf)
    pad = 0.1 * (high - low) + 0.1
    ax_slope.set_ylim(low - pad, high + pad * 2.5)  # room at the top for the legend
    ax_slope.set_title(_("slope of the best line"))
    # The numbers in the image (a static reader sees them too): what stays the same once, in the
    # background; what moves in as few letters as possible (every letter is drawn every frame).
    fig.suptitle(_("without the mistake: lowest MSE {mse:.1f}, lowest MAE {mae:.1f}; "
                   "best slopes {mse_w:.2f} (MSE), {mae_w:.2f} (MAE)").format(
                     mse=clean_mse, mae=clean_mae, mse_w=clean_mse_w, mae_w=clean_mae_w),
                 x=0.01, ha="left", fontsize=15)
    now = ax_fit.set_title(" ")
    labels = [ax_slope.annotate("", (0.0, w), xytext=(-8, 8), textcoords="offset points",
                                ha="right", va="bottom", fontsize=14, color=color)  # above left: clear
              for w, color in ((clean_mse_w, COLORS["model"]), (clean_mae_w, COLORS["reference"]))]

    ax_slope.set_xlabel(_("how far the bad record is off (units)"))
    ax_slope.set_ylabel(_("slope w of the best line"))
    ax_slope.legend(loc="upper left", fontsize=12)

    def update(error: int) -> None:
        k = int(round(error / step))
        bad_point.set_data([x[index]], [y[index] + errors[k]])
        set_line(mse_line, fits["mse_w"][k], fits["mse_b"][k])
        set_line(mae_line, fits["mae_w"][k], fits["mae_b"][k])
        mse_marker.set_data([errors[k]], [fits["mse_w"][k]])
        mae_marker.set_data([errors[k]], [fits["mae_w"][k]])
        now.set_text(_("off by {error:g}: MSE {mse:.1f}, MAE {mae:.1f}").format(
            error=errors[k], mse=fits["mse"][k], mae=fits["mae"][k]))
        left = errors[k] > 0.2 * max_error  # above left of the dot, or above right near the axis
        for label, key in zip(labels, ("mse_w", "mae_w")):
            label.xy = (errors[k], fits[key][k])
            label.xyann = (-8, 8) if left else (8, 8)
            label.set_horizontalalignment("right" if left else "left")
            label.set_text(f"{fits[key][k]:.2f}")

    controls = {"error": int_slider(_("bad record: off by"), error, 0, max_error, step)}
    animated = [mse_line, mae_line, bad_point, mse_marker, mae_marker, now, *labels]
    lf = LiveFigure(fig, update, controls, name=name, animated=animated)
    lf.add_preset(_("no mistake"), note=_("every record right: the best MSE line and the best MAE line "
                  "almost agree"), error=0)
    lf.add_preset(_("an outlier pulls the line"), note=_("one record off by {error}: the MSE line tilts "
                  "towards it, the MAE line hardly moves").format(error=max_error), error=max_error)
    return lf

