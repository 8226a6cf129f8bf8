"""Notebook 05's figures: the narrow valley before and after standardizing x, momentum on the
narrow valley with the map of its convergence rate, a loss with several valleys, and the loss
curves of a real training run (plus a static figure of the learning-rate range test).

As in notebook 03, every live figure keeps its axis limits (a path that leaves the view is cut at
the edge), animates a short verdict in its title and spells out the numbers in a line of HTML
above the image (``lf.readout``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from .. import _validate as v
from ..beyond import (BUMPY_MAXIMA, BUMPY_MINIMA, BUMPY_RANGE, RangeTest, best_momentum, best_plain,
                      bumpy_descent, bumpy_loss, condition_number, convergence_rate, early_stop,
                      hessian_eigenvalues, mse_momentum, read_curve, standardize, to_original_units,
                      training_curves, valley_of)
from ..data import Dataset
from ..draw import clip_to_view, draw_contour, draw_curve, draw_path, draw_point
from ..live import LiveFigure, float_slider, log_slider, new_figure
from ..model import least_squares, loss_grid, max_stable_lr
from ..optim import loss_above_minimum
from ..style import COLORS, PALETTE, styled
from .descent import _loss, _num, _readout, _say
from .minibatch import _log_axes, toggle

TITLE_SIZE = 15
EXCESS_LIMITS = (1e-8, 1e5)
"""The y-range of the "loss above its minimum" panels (log scale)."""

SCALING_STEPS = 100
MOMENTUM_STEPS = 300
BUMPY_STEPS = 80


def _new_artists(ax: Any, before: set) -> list[Artist]:
    return [a for a in ax.get_children() if id(a) not in before]


def _excess(values: np.ndarray) -> np.ndarray:
    return np.clip(np.nan_to_num(values, nan=EXCESS_LIMITS[1], posinf=EXCESS_LIMITS[1]), 1e-300, None)


# --------------------------------------------------------------------------------------------
# 1. Feature scaling: the narrow valley turns round
# --------------------------------------------------------------------------------------------

RAW, STANDARDIZED = "raw x", "standardized x"


@styled
def scaling_figure(data: Dataset, *, name: str = "scaling") -> LiveFigure:
    """A toggle between the raw input ``x`` and the standardized ``z = (x - mean) / std``, and a
    learning-rate slider: gradient descent on ``(w, b)`` from ``(0, 0)`` for 100 steps. Left:
    the path on the contour map of the loss (for ``z``, the weights of ``w_z * z + b``). Right:
    the loss above its minimum against the step (log scale). Notebook 05."""
    x, y = data.x, data.y
    z, mean, std = standardize(x)
    inputs = {RAW: x, STANDARDIZED: z}
    views = {RAW: ((-4.0, 26.0), (-40.0, 100.0)), STANDARDIZED: ((-60.0, 110.0), (-10.0, 120.0))}
    facts = {key: (condition_number(u), max_stable_lr(u), *least_squares(u, y)) for key, u in inputs.items()}

    fig, (ax, ax_loss) = new_figure(2, width=15.0, height=6.0, gridspec_kw={"width_ratios": [1.2, 1]})
    layers: dict[str, list[Artist]] = {}
    for key, u in inputs.items():
        (w0, w1), (b0, b1) = views[key]
        ws, bs = np.linspace(w0, w1, 160), np.linspace(b0, b1, 160)
        before = {id(a) for a in ax.get_children()}
        draw_contour(ax, ws, bs, loss_grid(u, y, ws, bs))
        star = draw_point(ax, facts[key][2], facts[key][3], color=COLORS["reference"], markersize=12,
                          zorder=4, label="the minimum")
        layers[key] = [*_new_artists(ax, before), star]
    draw_point(ax, 0.0, 0.0, color=COLORS["path"], markersize=10, zorder=4, label="start (0, 0)")
    path = draw_path(ax, [0.0], [0.0], markersize=3, linewidth=1.4, label="gradient descent")
    ax.legend(handles=[layers[RAW][-1], path], loc="upper right", fontsize=13)
    ax.set_ylabel("b")

    excess = draw_curve(ax_loss, [0.0], [1.0], color=COLORS["path"], marker="o", markersize=3)
    _log_axes(ax_loss, "y")  # plain-text labels: no math rendering
    ax_loss.set_xlim(0, SCALING_STEPS)
    ax_loss.set_ylim(*EXCESS_LIMITS)
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("loss above its minimum")
    ax_loss.set_title(f"loss against the step, {SCALING_STEPS} steps (log scale)", fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = _readout()
    state = {"mode": None}

    def update(inputs_: str, lr: float) -> bool:
        u = inputs[inputs_]
        changed = state["mode"] != inputs_
        if changed:
            for key, artists in layers.items():
                for artist in artists:
                    artist.set_visible(key == inputs_)
            (w0, w1), (b0, b1) = views[inputs_]
            ax.set_xlim(w0, w1)
            ax.set_ylim(b0, b1)
            ax.set_xlabel("w (the weight of x)" if inputs_ == RAW else "w_z (the weight of z)")
            kappa_, bound_ = facts[inputs_][:2]
            ax.set_title(f"{inputs_}: κ = {kappa_:,.0f}, largest stable η = {bound_:.3g}", fontsize=TITLE_SIZE)
            state["mode"] = inputs_
        kappa, bound, w_star, b_star = facts[inputs_]
        run = mse_momentum(u, y, 0.0, 0.0, lr, 0.0, SCALING_STEPS)
        ws, bs = run.params[:, 0], run.params[:, 1]
        us, vs, left_at = clip_to_view(ws, bs, ax.get_xlim(), ax.get_ylim())
        path.set_data(us, vs)
        with np.errstate(over="ignore", invalid="ignore"):
            above = loss_above_minimum(u, y, ws, bs) if np.all(np.isfinite(run.params)) else run.loss - run.loss.min()
        excess.set_data(np.arange(run.num_steps + 1), _excess(np.asarray(above)))
        if run.diverged:
            verdict = f"diverges: stopped at step {run.diverged_at}"
        else:
            verdict = f"loss {_loss(run.loss[-1])} after {SCALING_STEPS} steps"
        title.set_text(f"η = {lr:.3g} ({lr / bound:.2g} × the largest stable): {verdict}")
        w_last, b_last = (float(ws[-1]), float(bs[-1]))
        if inputs_ == STANDARDIZED and not run.diverged:
            w_orig, b_orig = to_original_units(w_last, b_last, mean, std)
            back = (f" In the units of x this line is w = {w_orig:.3f}, b = {b_orig:.2f} (the least-squares "
                    f"line: w = {facts[RAW][2]:.3f}, b = {facts[RAW][3]:.2f}).")
        else:
            back = ""
        where = "" if left_at is None else f" The path left the view at step {left_at}."
        _say(readout,
             f"<b>{inputs_}</b>: the valley's eigenvalues {_num(facts_l[inputs_][0], '.3g')} and "
             f"{_num(facts_l[inputs_][1], '.3g')}, κ = {kappa:,.1f}; largest stable η = 2/λmax = "
             f"{bound:.4g}; the smallest loss is {run_min(u):.2f}. After {run.num_steps} steps at η = {lr:.3g}: "
             f"(w, b) = ({_num(w_last, ',.3f')}, {_num(b_last, ',.2f')}).{back}{where}")
        return changed

    facts_l = {key: hessian_eigenvalues(u) for key, u in inputs.items()}

    def run_min(u: np.ndarray) -> float:
        w_s, b_s = least_squares(u, y)
        return float(loss_grid(u, y, np.array([w_s]), np.array([b_s]))[0, 0])

    controls = {
        "inputs_": toggle("input", [RAW, STANDARDIZED], RAW),
        "lr": log_slider("learning rate η", 0.01, -4, 0.3, step=0.02, readout_format=".3g"),
    }
    lf = LiveFigure(fig, update, controls, name=name, animated=[path, excess, title], extra=[readout])
    lf.readout = readout  # type: ignore[attr-defined]
    return lf


# --------------------------------------------------------------------------------------------
# 2. Momentum on the narrow valley
# --------------------------------------------------------------------------------------------


@styled
def momentum_figure(data: Dataset, *, start: tuple[float, float] = (13.0, 0.0),
                    name: str = "momentum") -> LiveFigure:
    """Sliders for the learning rate and the momentum β on the raw narrow valley of notebook 03,
    from ``start`` for 300 steps. Left: the paths of plain descent (same η) and of momentum on
    the contour map. Middle: the loss above its minimum against the step, both runs. Right: the
    map of the convergence rate over (η, β), the best pair marked. Notebook 05."""
    x, y = data.x, data.y
    lam_min, lam_max = hessian_eigenvalues(x)
    lr_best, beta_best, rate_best = best_momentum(lam_min, lam_max)
    lr_plain, rate_plain = best_plain(lam_min, lam_max)
    xlim, ylim = (-4.0, 26.0), (-40.0, 100.0)
    w_star, b_star = least_squares(x, y)

    fig, (ax, ax_loss, ax_map) = new_figure(3, width=15.0, height=5.6,
                                            gridspec_kw={"width_ratios": [1.1, 1, 1.15]})
    ws, bs = np.linspace(*xlim, 160), np.linspace(*ylim, 160)
    draw_contour(ax, ws, bs, loss_grid(x, y, ws, bs))
    draw_point(ax, w_star, b_star, color=COLORS["reference"], markersize=12, zorder=4, label="the minimum")
    w0, b0 = (v.as_float("start", u) for u in start)
    draw_point(ax, w0, b0, color=COLORS["path"], markersize=10, zorder=4, label=f"start ({w0:g}, {b0:g})")
    plain = draw_path(ax, [0.0], [0.0], color=PALETTE["sky"], markersize=2, linewidth=1.4,
                      label="plain descent, same η")
    heavy = draw_path(ax, [0.0], [0.0], markersize=3, linewidth=1.6, label="momentum")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.legend(loc="upper right", fontsize=13)
    ax.set_title("the paths on the narrow valley", fontsize=TITLE_SIZE)

    steps = np.arange(MOMENTUM_STEPS + 1)
    plain_curve = draw_curve(ax_loss, steps, np.ones_like(steps, dtype=float), color=PALETTE["sky"],
                             label="plain descent")
    heavy_curve = draw_curve(ax_loss, steps, np.ones_like(steps, dtype=float), color=COLORS["path"],
                             label="momentum")
    _log_axes(ax_loss, "y")
    ax_loss.set_xlim(0, MOMENTUM_STEPS)
    ax_loss.set_ylim(*EXCESS_LIMITS)
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("loss above its minimum")
    ax_loss.legend(loc="center right", fontsize=13)
    ax_loss.set_title("loss against the step (log scale)", fontsize=TITLE_SIZE)

    lrs = np.geomspace(1e-4, 1e-1, 200)
    betas = np.linspace(0.0, 0.99, 100)
    rate = convergence_rate(lrs[None, :], betas[:, None], lam_min, lam_max)  # (100, 200)
    with np.errstate(divide="ignore", invalid="ignore"):
        steps_1000 = np.where(rate < 1.0, np.log(1e-3) / np.log(np.minimum(rate, 1 - 1e-16)), np.nan)
    levels = np.log10([30, 100, 300, 1000, 3000, 10000, 30000])
    filled = ax_map.contourf(lrs, betas, np.log10(steps_1000), levels=levels, cmap="viridis_r",
                             alpha=0.85, extend="both")
    bar = fig.colorbar(filled, ax=ax_map, ticks=levels)
    bar.ax.set_yticklabels([f"{10 ** u:,.0f}" for u in levels])
    bar.set_label("steps to shrink the distance 1000×", fontsize=13)
    ax_map.contour(lrs, betas, rate, levels=[1.0], colors=COLORS["model"], linewidths=2.5)
    ax_map.text(0.05, 0.45, "diverges", color=COLORS["model"], fontsize=14, ha="center", va="center",
                rotation=90)
    ax_map.plot([lr_best], [beta_best], marker="*", color=PALETTE["yellow"], markersize=22,
                markeredgecolor="black", linestyle="none", zorder=6)
    ax_map.annotate("best pair", (lr_best, beta_best), xytext=(-14, -4), textcoords="offset points",
                    ha="right", va="top", fontsize=13, color="black")
    ax_map.plot([lr_plain], [0.0], marker="*", color=PALETTE["sky"], markersize=18, markeredgecolor="black",
                linestyle="none", zorder=6, clip_on=False)
    ax_map.annotate("best plain", (lr_plain, 0.0), xytext=(-12, 8), textcoords="offset points",
                    ha="right", fontsize=13, color="white")
    mark = draw_point(ax_map, 0.01, 0.0, markersize=12, clip_on=False)
    _log_axes(ax_map, "x")
    ax_map.set_xlim(1e-4, 1e-1)
    ax_map.set_ylim(0.0, 0.99)
    ax_map.set_xlabel("learning rate η (log scale)")
    ax_map.set_ylabel("momentum β")
    ax_map.set_title("how fast each (η, β) converges", fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = _readout()

    def excess_of(run: Any) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            return _excess(np.asarray(loss_above_minimum(x, y, run.params[:, 0], run.params[:, 1])
                                      if np.all(np.isfinite(run.params)) else run.loss - run.loss.min()))

    def update(lr: float, beta: float) -> None:
        runs = [mse_momentum(x, y, w0, b0, lr, b, MOMENTUM_STEPS) for b in (0.0, beta)]
        for run, line, curve in zip(runs, (plain, heavy), (plain_curve, heavy_curve)):
            us, vs, _ = clip_to_view(run.params[:, 0], run.params[:, 1], xlim, ylim)
            line.set_data(us, vs)
            curve.set_data(np.arange(run.num_steps + 1), excess_of(run))
        mark.set_data([lr], [beta])
        r = float(convergence_rate(lr, beta, lam_min, lam_max))
        heavy_run = runs[1]
        if heavy_run.diverged:
            verdict = f"diverges: stopped at step {heavy_run.diverged_at}"
        elif r >= 1.0:
            verdict = "diverges: the loss grows with every step"
        else:
            verdict = f"rate {r:.4f} per step; {float(excess_of(heavy_run)[-1]):.1e} above the minimum"
        plain_note = "; plain descent diverges" if runs[0].diverged else ""
        title.set_text(f"η = {lr:.3g}, β = {beta:.2f}: {verdict}{plain_note}")
        plain_r = float(convergence_rate(lr, 0.0, lam_min, lam_max))
        _say(readout,
             f"κ = λmax/λmin = {lam_max:.1f}/{lam_min:.3f} = {lam_max / lam_min:.0f}. Your pair shrinks the "
             f"distance to the bottom by <b>{r:.4f}</b> per step (plain descent at this η: {plain_r:.4f}). "
             f"Best plain descent: η = {lr_plain:.4f}, rate (κ−1)/(κ+1) = <b>{rate_plain:.4f}</b>; "
             f"best momentum: η = {lr_best:.4f}, β = {beta_best:.3f}, rate (√κ−1)/(√κ+1) = <b>{rate_best:.4f}</b>.")

    controls = {
        "lr": log_slider("learning rate η", 0.01, -4, -1, step=0.02, readout_format=".3g"),
        "beta": float_slider("momentum β", 0.0, 0.0, 0.99, 0.01),
    }
    lf = LiveFigure(fig, update, controls, name=name,
                    animated=[plain, heavy, plain_curve, heavy_curve, mark, title], extra=[readout])
    lf.readout = readout  # type: ignore[attr-defined]
    return lf


# --------------------------------------------------------------------------------------------
# 3. A loss with several valleys
# --------------------------------------------------------------------------------------------


@styled
def bumpy_figure(*, name: str = "bumpy") -> LiveFigure:
    """Sliders for the start ``w0``, the learning rate and the momentum β: 80 steps of descent on
    :func:`helpers.beyond.bumpy_loss`. Left: the path on the loss curve, the valleys' bottoms
    marked. Right: the weight against the step, with the four bottoms as lines. Notebook 05."""
    ws = np.linspace(*BUMPY_RANGE, 600)
    curve = bumpy_loss(ws)
    ylim = (float(curve.min()) - 0.6, float(curve.max()) + 0.4)
    fig, (ax, ax_w) = new_figure(2, width=15.0, height=5.6, gridspec_kw={"width_ratios": [1.3, 1]})
    draw_curve(ax, ws, curve, label="L(w) = w²/4 + sin 3w")
    lowest = int(np.argmin(bumpy_loss(BUMPY_MINIMA)))
    for i, w_min in enumerate(BUMPY_MINIMA):
        draw_point(ax, w_min, float(bumpy_loss(w_min)), color=COLORS["reference"] if i == lowest else COLORS["muted"],
                   markersize=12, zorder=4, label="the lowest valley" if i == lowest else
                   ("another valley" if i == 0 else None))
    path = draw_path(ax, [0.0], [0.0], markersize=5, linewidth=1.2, label="descent")
    start = draw_point(ax, 0.0, 0.0, color=COLORS["path"], markersize=12, label="start")
    end = draw_point(ax, 0.0, 0.0, label="after the last step")
    ax.set_xlim(*BUMPY_RANGE)
    ax.set_ylim(*ylim)
    ax.set_xlabel("weight w")
    ax.set_ylabel("loss L(w)")
    ax.legend(loc="upper center", fontsize=13, ncol=2)

    for i, w_min in enumerate(BUMPY_MINIMA):
        ax_w.axhline(w_min, color=COLORS["reference"] if i == lowest else COLORS["muted"], linestyle="--",
                     linewidth=1.5, zorder=1)
    trace = draw_curve(ax_w, [0.0], [0.0], color=COLORS["path"], marker="o", markersize=3)
    ax_w.set_xlim(0, BUMPY_STEPS)
    ax_w.set_ylim(*BUMPY_RANGE)
    ax_w.set_xlabel("step")
    ax_w.set_ylabel("weight w (dashed: the bottoms)")
    ax_w.set_title("where the weight goes", fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = _readout()

    def update(w0: float, lr: float, beta: float) -> None:
        run = bumpy_descent(w0, lr, beta, BUMPY_STEPS)
        w = run.params[:, 0]
        us, vs, left_at = clip_to_view(w, run.loss, BUMPY_RANGE, ylim)
        path.set_data(us, vs)
        start.set_data([w0], [float(bumpy_loss(w0))])
        last_ok = left_at is None and not run.diverged
        end.set_data([w[-1]] if last_ok else [], [run.loss[-1]] if last_ok else [])
        tw = np.clip(np.nan_to_num(w, nan=BUMPY_RANGE[1], posinf=BUMPY_RANGE[1], neginf=BUMPY_RANGE[0]),
                     BUMPY_RANGE[0] - 1, BUMPY_RANGE[1] + 1)
        trace.set_data(np.arange(len(w)), tw)
        valley = valley_of(w[-1]) if not run.diverged else None
        first = valley_of(w0)
        if valley is None:
            verdict = "leaves the picture: η is too large for this curvature"
        else:
            place = "the lowest valley" if valley == lowest else f"valley {valley + 1} of 4 (not the lowest)"
            moved = "" if valley == first else ", over a bump"
            verdict = f"ends in {place}{moved}, w = {w[-1]:.2f}, loss {run.loss[-1]:.2f}"
        title.set_text(f"start {w0:.2f}, η = {lr:.3g}, β = {beta:.2f}: {verdict}")
        bottoms = ", ".join(_num(float(bumpy_loss(u)), ".2f") for u in BUMPY_MINIMA)
        end_w = _num(float(w[-1]), ".3f") if np.isfinite(w[-1]) else "overflow"
        _say(readout,
             f"The valleys' bottoms: {', '.join(f'{u:.2f}' for u in BUMPY_MINIMA)} (loss "
             f"{bottoms}); the start lies in "
             f"valley {'—' if first is None else first + 1}. After {run.num_steps} steps: "
             f"w = {end_w}.")

    controls = {
        "w0": float_slider("start w0", 2.6, -3.8, 3.9, 0.05),
        "lr": log_slider("learning rate η", 0.05, -2.3, -0.5, step=0.02, readout_format=".3g"),
        "beta": float_slider("momentum β", 0.0, 0.0, 0.95, 0.05),
    }
    lf = LiveFigure(fig, update, controls, name=name, animated=[path, start, end, trace, title],
                    extra=[readout])
    lf.readout = readout  # type: ignore[attr-defined]
    return lf


# --------------------------------------------------------------------------------------------
# 4. Reading a real loss curve
# --------------------------------------------------------------------------------------------

CURVE_LIMITS = (3e-3, 3.0)


@styled
def loss_curve_figure(x_train: Any, y_train: Any, x_val: Any, y_val: Any, *, batch_size: int = 8,
                      num_epochs: int = 30, patience: int = 3, rng: Any = 0,
                      name: str = "loss-curve") -> LiveFigure:
    """A learning-rate slider: mini-batch gradient descent on the training examples from
    ``(0, 0)``; the training loss after every update (thin) and its mean over each epoch, the
    validation loss after each epoch, and where the stopping rule (``patience`` epochs without
    improvement) stops — the curves a training program shows, with no known minimum.
    Notebook 05."""
    num_epochs = v.as_int("num_epochs", num_epochs, minimum=2, maximum=200)
    fig, (ax,) = new_figure(1, width=15.0, height=5.6)
    raw = draw_curve(ax, [0.0], [1.0], color=PALETTE["sky"], linewidth=1.0, label="training loss, each update")
    epoch_mean = draw_curve(ax, [0.0], [1.0], color=COLORS["data"], marker="o", markersize=5,
                            label="training loss, mean over each epoch")
    val = draw_curve(ax, [0.0], [1.0], color=COLORS["model"], marker="s", markersize=5,
                     label="validation loss, after each epoch")
    stop = ax.axvline(0.0, color=COLORS["truth"], linestyle="--", linewidth=2, label="the stopping rule stops here")
    best = draw_point(ax, 0.0, 1.0, color=COLORS["reference"], marker="*", markersize=20,
                      markeredgecolor="black", label="best validation epoch (weights kept)")
    _log_axes(ax, "y")
    ax.set_xlim(0, num_epochs)
    ax.set_ylim(*CURVE_LIMITS)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (MSE, log scale)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=13)
    title = ax.set_title(" ", loc="left", fontsize=TITLE_SIZE)
    readout = _readout()

    def update(lr: float) -> None:
        c = training_curves(x_train, y_train, x_val, y_val, lr, batch_size, num_epochs, rng)
        clip = np.clip(np.nan_to_num(c.train, nan=CURVE_LIMITS[1], posinf=CURVE_LIMITS[1]), *CURVE_LIMITS)
        raw.set_data(c.epochs, clip)
        full = (len(c.train) - 1) // c.updates_per_epoch
        means = [float(np.mean(c.train[1 + e * c.updates_per_epoch: 1 + (e + 1) * c.updates_per_epoch]))
                 for e in range(full)]
        epoch_mean.set_data(np.arange(1, full + 1), np.clip(np.nan_to_num(means, nan=CURVE_LIMITS[1],
                                                                             posinf=CURVE_LIMITS[1]), *CURVE_LIMITS))
        vals = np.clip(np.nan_to_num(c.val, nan=CURVE_LIMITS[1], posinf=CURVE_LIMITS[1]), *CURVE_LIMITS)
        val.set_data(np.arange(len(c.val)), vals)
        best_epoch, stop_epoch = early_stop(c.val, patience)
        stop.set_xdata([stop_epoch, stop_epoch])
        best.set_data([best_epoch], [vals[best_epoch]])
        verdict = read_curve(c.train, c.updates_per_epoch)
        blew = f" — blew up at update {c.diverged_at}" if c.diverged else ""
        title.set_text(f"η = {lr:.3g}: the curve says “{verdict}”{blew}")
        _say(readout,
             f"η = {lr:.3g}, batches of {batch_size}: training loss {_loss(float(c.train[0]))} at the start, "
             f"{_loss(float(c.train[-1])) if np.isfinite(c.train[-1]) else 'overflow'} at the end"
             f"{blew}. The rule (stop after {patience} epochs without a better validation loss) stops at "
             f"epoch {stop_epoch} and keeps epoch {best_epoch}: validation loss {_num(float(c.val[best_epoch]), '.4f')}.")

    controls = {"lr": log_slider("learning rate η", 0.03, -3, 0.3, step=0.02, readout_format=".3g")}
    lf = LiveFigure(fig, update, controls, name=name, animated=[raw, epoch_mean, val, stop, best, title],
                    extra=[readout])
    lf.readout = readout  # type: ignore[attr-defined]
    return lf


@styled
def range_test_figure(test: RangeTest) -> Figure:
    """The learning-rate range test: the training loss against the learning rate (both log
    scale), with the lowest loss and the suggested learning rate (a tenth of it) marked.
    Notebook 05."""
    fig, (ax,) = new_figure(1, width=10.0, height=5.0)
    ax.plot(test.lrs, test.loss, color=COLORS["data"], marker="o", markersize=3, label="training loss")
    k = int(np.argmin(test.loss))
    ax.plot(test.lrs[k:k + 1], test.loss[k:k + 1], "o", color=COLORS["model"], markersize=12,
            label=f"lowest loss, at η = {test.lrs[k]:.3g}")
    ax.axvline(test.suggestion(), color=COLORS["reference"], linewidth=2.5, linestyle="--",
               label=f"suggested η = a tenth of it = {test.suggestion():.3g}")
    _log_axes(ax, "x")
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("learning rate η of the update (log scale)")
    ax.set_ylabel("training loss (log scale)")
    ax.set_title("one pass, η growing at every update")
    ax.legend(loc="lower left", fontsize=13)
    return fig
