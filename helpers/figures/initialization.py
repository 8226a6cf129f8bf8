"""Notebook 01's live figure: random initial lines over the factory data."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import _validate as check
from ..data import Dataset
from ..draw import (draw_bars, draw_data, draw_histogram, draw_line, draw_lines, draw_network,
                    line_segments,
                    log_axes, moving_axis, set_bars, set_histogram, set_line, set_moving_limits)
from ..i18n import _
from ..live import LiveFigure, control_extremes, int_slider, log_slider, new_figure
from ..model import QuadraticLoss, init_weights
from ..style import COLORS, styled

SIGMA_UNITS = 3.5  # the histogram spans +-3.5 sigma
BINS = 10
MSE_LIMITS = (10.0, 1e8)
HIST_STEP = 0.2  # the histogram's y-axis grows in steps of this share, to fit its tallest bar,
HIST_MIN_STEPS = 3  # from 0.6 (the normal density's bins reach 0.28; with 10 draws a bar 0.5)


@styled
def random_lines_figure(data: Dataset, *, max_draws: int = 40, name: str = "random-lines") -> LiveFigure:
    """Sliders for the seed, the initial scale sigma and the number of random draws; panels:
    the data with every drawn line (the best one highlighted), each draw's MSE, and a
    histogram of the drawn weights with the normal density they come from. Notebook 01."""
    max_draws = check.as_int("max_draws", max_draws, minimum=1, maximum=500)
    loss = QuadraticLoss(data.x, data.y)
    x, y = loss.x, loss.y
    x_range = (0.0, float(np.ceil(x.max() * 1.15)))
    fig, (ax_fit, ax_loss, ax_hist) = new_figure(3, width=13.5, height=5.2)

    # Panel 1: the data, the true line, the drawn lines and the best of them.
    points = draw_data(ax_fit, x, y, x_name=data.x_name, y_name=data.y_name)
    if data.true_w is not None:
        draw_line(ax_fit, data.true_w, data.true_b, x_range, color=COLORS["truth"],
                  linestyle="--", linewidth=2,  # the same dashes mark its MSE in the middle panel
                  label=_("true line, MSE {mse:.0f}").format(mse=loss.loss(data.true_w, data.true_b)))
    lines = draw_lines(ax_fit, np.zeros(1), np.zeros(1), x_range, label=_("random draws"))
    best = draw_line(ax_fit, 0.0, 0.0, x_range, label=_("best draw"))
    ax_fit.set_xlim(*x_range)
    ax_fit.set_ylim(min(0.0, y.min() * 1.2), y.max() * 1.3)
    # Above the panel, where the random lines (clipped to the axes) never cover it.
    ax_fit.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=12,
                  frameon=False, borderaxespad=0.2)

    # Panel 2: the MSE of each draw (log scale), with the true weights' MSE for reference.
    bars = draw_bars(ax_loss, np.ones(max_draws), bottom=MSE_LIMITS[0], facecolors=COLORS["muted"])
    if data.true_w is not None:
        true_loss = loss.loss(data.true_w, data.true_b)
        reference = ax_loss.axhline(true_loss, color=COLORS["truth"], linestyle="--",
                                    linewidth=2, zorder=5)
    log_axes(ax_loss, "y")
    ax_loss.set_ylim(*MSE_LIMITS)
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax_loss.set_xlabel(_("draw"))  # (its axis is drawn with every frame: few letters)
    ax_loss.set_ylabel(_("MSE of each draw (log scale)"))

    # Panel 3: histogram of the drawn w and b in units of sigma, and the density they come from.
    edges = np.linspace(-SIGMA_UNITS, SIGMA_UNITS, BINS + 1)
    # side by side in each bin (never one over the other: no mixed colour the legend lacks)
    hist_w = draw_histogram(ax_hist, np.zeros(1), edges, slot=(0, 2), facecolors=COLORS["data"],
                            alpha=0.9, label=_("drawn w"))
    hist_b = draw_histogram(ax_hist, np.zeros(1), edges, slot=(1, 2), facecolors=COLORS["path"],
                            alpha=0.9, label=_("drawn b"))
    t = np.linspace(-SIGMA_UNITS, SIGMA_UNITS, 200)
    share = np.exp(-0.5 * t**2) / np.sqrt(2 * np.pi) * (edges[1] - edges[0])  # expected share per bin
    ax_hist.plot(t, share, color=COLORS["truth"], linewidth=2, label="N(0, σ²)")
    ax_hist.set_xlim(edges[0], edges[-1])
    ax_hist.set_ylim(0, HIST_STEP * HIST_MIN_STEPS)
    ax_hist.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
    ax_hist.set_xticks(np.arange(-3, 4))
    ax_hist.set_xticklabels(["−3σ", "−2σ", "−σ", "0", "σ", "2σ", "3σ"])
    ax_hist.set_xlabel(_("initial value"))
    ax_hist.set_ylabel(_("share of draws"))
    # Above the panel, where the bars never cover it.
    ax_hist.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=12,
                   frameon=False, borderaxespad=0.2)

    def update(seed: int, scale: float, num_draws: int) -> None:
        draws = init_weights((num_draws, 2), scale, seed)  # (k, 2): one row (w, b) per draw
        ws, bs = draws[:, 0], draws[:, 1]
        losses = loss.loss(ws, bs)  # (k,)
        i = int(np.argmin(losses))
        lines.set_segments(line_segments(ws, bs, x_range))
        set_line(best, ws[i], bs[i])
        colors = [COLORS["muted"]] * num_draws
        colors[i] = COLORS["model"]
        set_bars(bars, np.clip(losses, *MSE_LIMITS), colors)
        ax_loss.title.set_text(_("MSE: best {best:,.0f}, mean {mean:,.0f}").format(
            best=losses[i], mean=losses.mean()))
        counts_w = set_histogram(hist_w, ws / scale, edges, weight=1 / num_draws)
        counts_b = set_histogram(hist_b, bs / scale, edges, weight=1 / num_draws)
        # The axes follow what is shown: as many draws as there are (an animated axis: a new
        # limit does not redraw the background), and bars up to the tallest one (in steps, so
        # the limit, and with it the background, rarely changes).
        set_moving_limits(ax_loss.xaxis, 0.4, num_draws + 0.6)
        tallest = max(counts_w.max(), counts_b.max()) / num_draws
        top = HIST_STEP * max(HIST_MIN_STEPS, np.ceil((tallest + 0.05) / HIST_STEP))
        if not np.isclose(ax_hist.get_ylim()[1], top):
            ax_hist.set_ylim(0.0, top)

    controls = {
        "seed": int_slider(_("seed"), 0, 0, 99),
        "scale": log_slider(_("initial scale σ"), 10.0, -1, 2),
        "num_draws": int_slider(_("number of draws"), 10, 1, max_draws),
    }
    # the two axes that follow the data are drawn with every frame
    animated = [moving_axis(ax_loss.xaxis), lines, best, points, bars, hist_w, hist_b, ax_loss.title]
    if data.true_w is not None:
        animated.append(reference)  # drawn over the bars
    lf = LiveFigure(fig, update, controls, name=name, animated=animated)
    smallest, largest = control_extremes(controls["scale"])
    lf.add_preset(_("tiny σ"), note=_("σ = {sigma:g}: every line lies flat near y = 0, so every MSE is close to "
                  "mean(y²) = {myy:,.0f}").format(sigma=smallest, myy=loss.myy), scale=smallest, num_draws=10, seed=0)
    lf.add_preset(_("huge σ"), note=_("σ = {sigma:g}: wild lines; most MSEs are in the hundreds of thousands").format(
                  sigma=largest), scale=largest, num_draws=10, seed=0)
    lf.add_preset(_("many draws"), note=_("{draws} draws: even the best random line is far worse than the best "
                  "line (MSE {best:.1f})").format(draws=max_draws, best=loss.loss_min),
                  num_draws=max_draws, scale=controls["scale"].value, seed=0)
    return lf


@styled
def init_scale_figure(scales: np.ndarray, simulated: np.ndarray, exact: np.ndarray,
                 floor: float) -> Figure:
    """The average initial MSE against the initial scale sigma (both axes logarithmic):
    ``simulated`` (dots, shape like ``scales``) from random draws, ``exact`` (a curve) from the
    formula, and ``floor`` = ``mean(y**2)``, the loss of the line ``y = 0``. Notebook 01."""
    fig, (ax,) = new_figure(1, width=9.0, height=5.0)
    ax.plot(scales, exact, color=COLORS["model"], label=_("formula: σ²(mean(x²)+1) + mean(y²)"))
    ax.plot(scales, simulated, "o", color=COLORS["data"], label=_("average over random draws"))
    ax.axhline(floor, color=COLORS["truth"], linestyle="--", linewidth=2,
               label=_("mean(y²) = {floor:,.0f}: the line y = 0").format(floor=floor))
    log_axes(ax)
    ax.set_xlabel(_("initial scale σ"))
    ax.set_ylabel(_("average initial MSE"))
    ax.legend(loc="upper left")
    return fig


@styled
def symmetry_figure(constant: list[dict[str, np.ndarray]], random: list[dict[str, np.ndarray]]) -> Figure:
    """The input weights ``W1`` of the tiny network's two hidden units during training, from a
    constant start (left) and a random start (right); each argument is the history returned by
    :func:`helpers.model.tiny_net_train`. Notebook 01."""
    fig, axes = new_figure(2, width=13.0, height=4.8, sharey=True)
    for ax, history, title in zip(axes, (constant, random), (_("constant start"), _("random start"))):
        w1 = np.array([p["W1"] for p in history])  # (steps + 1, 2)
        steps = np.arange(len(history))
        ax.plot(steps, w1[:, 0], color=COLORS["data"], label=_("hidden unit 1"))
        ax.plot(steps, w1[:, 1], color=COLORS["path"], linestyle="--", label=_("hidden unit 2"))
        ax.set_title(title)
        ax.set_xlabel(_("training step"))
    axes[0].set_ylabel(_("input weight of the unit"))
    axes[0].legend(loc="best")
    return fig


@styled
def prediction_diagram() -> Figure:
    """Inputs times weights, plus the bias, make the prediction: ``ŷ = w₁x₁ + w₂x₂ + b`` as a
    diagram (two inputs, their weights on the arrows, the bias as the weight of a constant 1).
    Notebook 01."""
    fig, (ax,) = new_figure(1, width=7.0, height=3.8)
    draw_network(ax, [["x₁", "x₂", "1"], ["Σ"], ["ŷ"]],
                 [((0, 0), (1, 0), "× w₁"), ((0, 1), (1, 0), "× w₂"), ((0, 2), (1, 0), "× b"),
                  ((1, 0), (2, 0), "")],
                 notes={(1, 0): _("add up:\nw₁x₁ + w₂x₂ + b"), (2, 0): _("the prediction")})
    ax.text(0.0, 2.05, _("inputs"), ha="center", fontsize=14, color=COLORS["muted"])
    ax.text(2.4, 2.05, _("weights, then a sum"), ha="center", fontsize=14, color=COLORS["muted"])
    ax.set_ylim(-2.3, 2.35)
    return fig


@styled
def tiny_network_diagram() -> Figure:
    """The tiny network of notebook 01: the input ``x`` goes to two hidden units, each
    ``h_k = tanh(W1[k]·x + b1[k])``; the output adds them up, ``ŷ = w2[0]·h₁ + w2[1]·h₂ + b2``.
    Weights on the arrows (the biases are left out of the picture). Notebook 01."""
    fig, (ax,) = new_figure(1, width=7.0, height=3.6)
    draw_network(ax, [["x"], ["h₁", "h₂"], ["ŷ"]],
                 [((0, 0), (1, 0), "W1[0]"), ((0, 0), (1, 1), "W1[1]"),
                  ((1, 0), (2, 0), "w2[0]"), ((1, 1), (2, 0), "w2[1]")],
                 notes={(1, 1): _("hidden units:\ntanh(W1[k]·x + b1[k])"), (2, 0): "w2·h + b2"})
    ax.set_ylim(-2.1, 1.1)
    return fig


@styled
def symmetry_cost_figure(data: Dataset, fits: dict[str, tuple[np.ndarray, np.ndarray, float]]) -> Figure:
    """What symmetry costs: the ``data`` (a bump) and, for each start in ``fits`` (name ->
    ``(x_grid, y_hat, mse)``, shapes ``(m,)``, ``(m,)``), the trained network's prediction, its
    MSE in the legend. Notebook 01."""
    fig, (ax,) = new_figure(1, width=9.0, height=4.8)
    draw_data(ax, data.x, data.y, x_name=data.x_name, y_name=data.y_name)
    styles = [{"color": COLORS["model"], "linestyle": "--"}, {"color": COLORS["reference"]}]
    for style, (name, (u, y_hat, mse_value)) in zip(styles, fits.items()):
        ax.plot(u, y_hat, linewidth=3, label=_("{name}: MSE {mse:.3f}").format(name=name, mse=mse_value), **style)
    low, high = float(data.y.min()), float(data.y.max())
    ax.set_ylim(low - 0.1 * (high - low), high + 0.6 * (high - low))  # room for the legend
    ax.legend(loc="upper left", fontsize=13)
    return fig
