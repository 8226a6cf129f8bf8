"""Notebook 05's figures: the narrow valley before and after standardizing x, momentum on the
narrow valley with the map of its convergence rate, a loss with several valleys, and the loss
curves of a real training run (plus a static figure of the learning-rate range test).

As in notebook 03, every live figure keeps its axis limits (a path that leaves the view is cut at
the edge), animates a short verdict in its title and spells out the numbers in a line of HTML
above the image (its :class:`helpers.live.Readout`). Each has presets: one button per telling
configuration (the instructor guide says when to click which).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from .. import _validate as check
from ..beyond import (BUMPY_MINIMA, BUMPY_RANGE, RangeTest, best_momentum, best_plain, bumpy_descent,
                      bumpy_loss, convergence_rate, early_stop, epoch_means, momentum_descend,
                      read_curve, standardize, to_original_units, training_curves, valley_of)
from ..data import Dataset
from ..draw import (clip_for_log, clip_to_view, draw_above_minimum_panel, draw_contour, draw_curve,
                    draw_path, draw_point, log_axes, plain_number)
from ..i18n import _
from ..live import LiveFigure, Readout, float_slider, log_slider, new_figure, on_grid
from ..model import QuadraticLoss
from ..style import COLORS, PALETTE, styled

TITLE_SIZE = 15
EXCESS_LIMITS = (1e-8, 1e5)
"""The y-range of the "loss above its minimum" panels (log scale)."""

SCALING_STEPS = 100
MOMENTUM_STEPS = 300
BUMPY_STEPS = 80



def _num(value: float, fmt: str = ".1f") -> str:
    """A number with a true minus sign (readable on a projector)."""
    return format(value, fmt).replace("-", "−")


def _loss_text(value: float) -> str:
    """A loss for a title: ``1,029.4``, or ``2.4 × 10¹⁰`` once it is huge."""
    return f"{value:,.1f}" if value < 1e6 else plain_number(value)


def _above(loss: QuadraticLoss, run: Any) -> np.ndarray:
    """A run's loss above its minimum, ready for the log panel (``run.params``: ``(k + 1, 2)``)."""
    return clip_for_log(loss.above_minimum(run.params[:, 0], run.params[:, 1]), EXCESS_LIMITS)


# --------------------------------------------------------------------------------------------
# 1. Feature scaling: the narrow valley turns round
# --------------------------------------------------------------------------------------------

RAW, STANDARDIZED = "raw x", "standardized x"


def _scaling_texts() -> dict[str, dict[str, str]]:
    """The texts of each run of the scaling figure, in the course's language."""
    return {
        RAW: {"name": _("raw x"), "diverges": _("raw diverges (stopped at step {step})"),
              "above": _("raw {loss} above the minimum"),
              "left": _(" The raw path left the view at step {step}.")},
        STANDARDIZED: {"name": _("standardized x"),
                       "diverges": _("standardized diverges (stopped at step {step})"),
                       "above": _("standardized {loss} above the minimum"),
                       "left": _(" The standardized path left the view at step {step}.")},
    }


@styled
def scaling_figure(data: Dataset, *, name: str = "scaling") -> LiveFigure:
    """A learning-rate slider: gradient descent on ``(w, b)`` from ``(0, 0)`` for 100 steps with
    the same η on the raw input ``x`` and on the standardized ``z = (x - mean) / std``. Left and
    middle: the two paths on their contour maps (for ``z``, the weights of ``w_z * z + b``).
    Right: the loss above its minimum against the step, both runs (log scale). The background
    never changes, so a frame sends only the paths. Notebook 05."""
    x, y = data.x, data.y
    z, mean, std = standardize(x)
    losses = {RAW: QuadraticLoss(x, y), STANDARDIZED: QuadraticLoss(z, y)}
    texts = _scaling_texts()
    views = {RAW: ((-4.0, 26.0), (-40.0, 100.0)), STANDARDIZED: ((-45.0, 95.0), (-20.0, 120.0))}
    colors = {RAW: PALETTE["sky"], STANDARDIZED: COLORS["path"]}

    fig, (ax_raw, ax_z, ax_loss) = new_figure(3, width=15.0, height=5.4,
                                              gridspec_kw={"width_ratios": [1, 1, 1.1]})
    paths: dict[str, Any] = {}
    for (key, loss), ax in zip(losses.items(), (ax_raw, ax_z)):
        (w0, w1), (b0, b1) = views[key]
        ws, bs = np.linspace(w0, w1, 160), np.linspace(b0, b1, 160)
        draw_contour(ax, ws, bs, loss.grid(ws, bs))
        draw_point(ax, loss.w_min, loss.b_min, color=COLORS["reference"], markersize=12, zorder=4)
        draw_point(ax, 0.0, 0.0, color=colors[key], markersize=10, zorder=4)
        paths[key] = draw_path(ax, [0.0], [0.0], color=colors[key], markersize=3, linewidth=1.4)
        ax.set_xlim(w0, w1)
        ax.set_ylim(b0, b1)
        lam_min, lam_max = loss.eigenvalues
        ax.set_title(_("{name}: κ = {kappa:,.0f}, largest stable η = {lr:.3g}").format(
            name=texts[key]["name"], kappa=lam_max / lam_min, lr=loss.max_stable_lr), fontsize=TITLE_SIZE)
    ax_z.set_aspect("equal", adjustable="box")  # a round bowl looks round
    ax_raw.set_xlabel(_("w (the weight of x)"))
    ax_z.set_xlabel(_("w_z (the weight of z)"))

    curves = {RAW: draw_above_minimum_panel(ax_loss, EXCESS_LIMITS, xlabel=_("step"), xlim=(0, SCALING_STEPS),
                                            color=colors[RAW], marker="o", markersize=3, label=texts[RAW]["name"]),
              STANDARDIZED: draw_curve(ax_loss, [1.0], [1.0], color=colors[STANDARDIZED], marker="o",
                                       markersize=3, label=texts[STANDARDIZED]["name"])}
    ax_loss.legend(loc="upper right", fontsize=13)
    ax_loss.set_title(_("loss against the step, {steps} steps").format(steps=SCALING_STEPS), fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def update(lr: float) -> None:
        verdicts, wheres = [], []
        runs = {}
        for key, loss in losses.items():
            run = runs[key] = momentum_descend(loss, 0.0, 0.0, lr, 0.0, SCALING_STEPS)
            (w0, w1), (b0, b1) = views[key]
            us, vs, left_at = clip_to_view(run.params[:, 0], run.params[:, 1], (w0, w1), (b0, b1))
            paths[key].set_data(us, vs)
            curves[key].set_data(np.arange(run.num_steps + 1), _above(loss, run))
            if run.diverged:
                verdicts.append(texts[key]["diverges"].format(step=run.diverged_at))
            else:
                verdicts.append(texts[key]["above"].format(
                    loss=_loss_text(float(loss.above_minimum(*run.params[-1])))))
            if left_at is not None:
                wheres.append(texts[key]["left"].format(step=left_at))
        title.set_text(_("η = {lr:.3g}, {steps} steps: {verdicts}").format(
            lr=lr, steps=SCALING_STEPS, verdicts="; ".join(verdicts)))
        run_z = runs[STANDARDIZED]
        if not run_z.diverged:
            w_orig, b_orig = to_original_units(*map(float, run_z.params[-1]), mean, std)
            back = _(" The standardized run's line in the units of x: w = {w}, b = {b} (the least-squares "
                     "line: w = {w_min:.3f}, b = {b_min:.2f}).").format(
                w=_num(w_orig, ".3f"), b=_num(b_orig, ".2f"), w_min=losses[RAW].w_min, b_min=losses[RAW].b_min)
        else:
            back = ""
        bounds = {key: loss.max_stable_lr for key, loss in losses.items()}
        readout.say(
            _("η = {lr:.3g} is <b>{raw_ratio:.3g}</b> × the largest stable η on raw x "
              "({raw_bound:.4g} = 2/λmax, λmax = {raw_lam:.1f}) and "
              "<b>{z_ratio:.3g}</b> × the largest stable η on standardized x "
              "({z_bound:.3g}, λmax = {z_lam:.3g}).").format(
                lr=lr, raw_ratio=lr / bounds[RAW], raw_bound=bounds[RAW], raw_lam=losses[RAW].eigenvalues[1],
                z_ratio=lr / bounds[STANDARDIZED], z_bound=bounds[STANDARDIZED],
                z_lam=losses[STANDARDIZED].eigenvalues[1])
            + back + "".join(wheres))

    controls = {"lr": log_slider(_("learning rate η"), 0.01, -4, 0.3, step=0.02, readout_format=".3g")}
    presets = {  # (a name that is only symbols is the same in every language)
        "η = 0.01": {"lr": 0.01, "note": _("one η for both inputs: both crawl, the standardized run more")},
        _("just past the raw limit"): {"lr": 0.0166, "note": _("8% past the raw input's largest stable η: "
                                                               "the raw run diverges, the standardized one is fine")},
        _("one step on z"): {"lr": 0.5, "note": _("η = 1/λ on the standardized input: the minimum in one "
                                                  "step; the raw input diverges at once")},
    }
    return LiveFigure(fig, update, controls, name=name,
                      animated=[*paths.values(), *curves.values(), title], readout=readout, presets=presets)


# --------------------------------------------------------------------------------------------
# 2. Momentum on the narrow valley
# --------------------------------------------------------------------------------------------


def _best_on_grid(controls: dict, lr: float, beta: float, lam_min: float, lam_max: float) -> dict:
    """The (η, β) on the sliders' steps nearest the best pair that converges fastest: the exact
    pair sits on a knife's edge (a step of η past it, the steep direction slows down), so the
    preset takes the best point the sliders can show, not the rounded one."""
    lr_slider, beta_slider = controls["lr"], controls["beta"]
    exponents = np.log10(on_grid(lr_slider, lr)) + lr_slider.step * np.arange(-6, 7)
    betas = on_grid(beta_slider, beta) + beta_slider.step * np.arange(-6, 7)
    lrs, bs = np.meshgrid(10.0 ** exponents, betas[(betas >= 0) & (betas <= beta_slider.max)])
    rates = convergence_rate(lrs, bs, lam_min, lam_max)
    k = np.unravel_index(np.argmin(rates), rates.shape)
    return {"lr": on_grid(lr_slider, float(lrs[k])), "beta": on_grid(beta_slider, float(bs[k]))}


@styled
def momentum_figure(data: Dataset, *, start: tuple[float, float] = (13.0, 0.0),
                    name: str = "momentum") -> LiveFigure:
    """Sliders for the learning rate and the momentum β on the raw narrow valley of notebook 03,
    from ``start`` for 300 steps. Left: the paths of plain descent (same η) and of momentum on
    the contour map. Middle: the loss above its minimum against the step, both runs. Right: the
    map of the convergence rate over (η, β), the best pair marked. Notebook 05."""
    loss = QuadraticLoss(data.x, data.y)
    lam_min, lam_max = loss.eigenvalues
    lr_best, beta_best, rate_best = best_momentum(lam_min, lam_max)
    lr_plain, rate_plain = best_plain(lam_min, lam_max)
    xlim, ylim = (-4.0, 26.0), (-40.0, 100.0)

    fig, (ax, ax_loss, ax_map) = new_figure(3, width=15.0, height=5.6,
                                            gridspec_kw={"width_ratios": [1.1, 1, 1.15]})
    ws, bs = np.linspace(*xlim, 160), np.linspace(*ylim, 160)
    draw_contour(ax, ws, bs, loss.grid(ws, bs))
    draw_point(ax, loss.w_min, loss.b_min, color=COLORS["reference"], markersize=12, zorder=4,
               label=_("the minimum"))
    w0, b0 = (check.as_float("start", u) for u in start)
    draw_point(ax, w0, b0, color=COLORS["path"], markersize=10, zorder=4,
               label=_("start ({w0:g}, {b0:g})").format(w0=w0, b0=b0))
    plain = draw_path(ax, [0.0], [0.0], color=PALETTE["sky"], markersize=2, linewidth=1.4,
                      label=_("plain descent, same η"))
    heavy = draw_path(ax, [0.0], [0.0], markersize=3, linewidth=1.6, label=_("momentum"))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.legend(loc="upper right", fontsize=13)
    ax.set_title(_("the paths on the narrow valley"), fontsize=TITLE_SIZE)

    plain_curve = draw_above_minimum_panel(ax_loss, EXCESS_LIMITS, xlabel=_("step"), xlim=(0, MOMENTUM_STEPS),
                                           color=PALETTE["sky"], label=_("plain descent"))
    heavy_curve = draw_curve(ax_loss, [1.0], [1.0], color=COLORS["path"], label=_("momentum"))
    ax_loss.legend(loc="center right", fontsize=13)
    ax_loss.set_title(_("loss against the step (log scale)"), fontsize=TITLE_SIZE)

    lrs = np.geomspace(1e-4, 1e-1, 200)
    betas = np.linspace(0.0, 0.99, 100)
    rate = convergence_rate(lrs[None, :], betas[:, None], lam_min, lam_max)  # (100, 200)
    with np.errstate(divide="ignore", invalid="ignore"):
        steps_1000 = np.where(rate < 1.0, np.log(1e-3) / np.log(np.minimum(rate, 1 - 1e-16)), np.nan)
    levels = np.log10([30, 100, 300, 1000, 3000, 10000, 30000])
    filled = ax_map.contourf(lrs, betas, np.log10(steps_1000), levels=levels, cmap="viridis_r",
                             alpha=0.85, extend="both")
    bar = fig.colorbar(filled, ax=ax_map, ticks=levels)
    bar.ax.set_yticklabels([f"{10 ** u:,.0f}" for u in levels], fontsize=13)
    bar.set_label(_("steps to shrink the distance 1000×"), fontsize=13)
    ax_map.contour(lrs, betas, rate, levels=[1.0], colors=COLORS["model"], linewidths=2.5)
    ax_map.text(0.05, 0.45, _("diverges"), color=COLORS["model"], fontsize=14, ha="center", va="center",
                rotation=90)
    ax_map.plot([lr_best], [beta_best], marker="*", color=PALETTE["yellow"], markersize=22,
                markeredgecolor="black", linestyle="none", zorder=6)
    ax_map.annotate(_("best pair"), (lr_best, beta_best), xytext=(-14, -4), textcoords="offset points",
                    ha="right", va="top", fontsize=13, color="black")
    ax_map.plot([lr_plain], [0.0], marker="*", color=PALETTE["sky"], markersize=18, markeredgecolor="black",
                linestyle="none", zorder=6, clip_on=False)
    ax_map.annotate(_("best plain"), (lr_plain, 0.0), xytext=(-12, 8), textcoords="offset points",
                    ha="right", fontsize=13, color="white")
    mark = draw_point(ax_map, 0.01, 0.0, markersize=12, clip_on=False)
    log_axes(ax_map, "x")
    ax_map.set_xlim(1e-4, 1e-1)
    ax_map.set_ylim(0.0, 0.99)
    ax_map.set_xlabel(_("learning rate η (log scale)"))
    ax_map.set_ylabel(_("momentum β"))
    ax_map.set_title(_("how fast each (η, β) converges"), fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def update(lr: float, beta: float) -> None:
        runs = [momentum_descend(loss, w0, b0, lr, b, MOMENTUM_STEPS) for b in (0.0, beta)]
        for run, line, curve in zip(runs, (plain, heavy), (plain_curve, heavy_curve)):
            us, vs, _left_at = clip_to_view(run.params[:, 0], run.params[:, 1], xlim, ylim)
            line.set_data(us, vs)
            curve.set_data(np.arange(run.num_steps + 1), _above(loss, run))
        mark.set_data([lr], [beta])
        r = float(convergence_rate(lr, beta, lam_min, lam_max))
        heavy_run = runs[1]
        if heavy_run.diverged:
            verdict = _("diverges: stopped at step {step}").format(step=heavy_run.diverged_at)
        elif r >= 1.0:
            verdict = _("diverges: the loss grows with every step")
        else:
            last = float(loss.above_minimum(*heavy_run.params[-1]))
            verdict = _("rate {rate:.4f} per step; {last:.1e} above the minimum").format(rate=r, last=last)
        plain_note = _("; plain descent diverges") if runs[0].diverged else ""
        title.set_text(f"η = {lr:.3g}, β = {beta:.3g}: {verdict}{plain_note}")
        plain_r = float(convergence_rate(lr, 0.0, lam_min, lam_max))
        readout.say(_(
            "κ = λmax/λmin = {lam_max:.1f}/{lam_min:.3f} = {kappa:.0f}. Your pair shrinks the "
            "distance to the bottom by <b>{rate:.4f}</b> per step (plain descent at this η: {plain_rate:.4f}). "
            "Best plain descent: η = {lr_plain:.4f}, rate (κ−1)/(κ+1) = <b>{rate_plain:.4f}</b>; "
            "best momentum: η = {lr_best:.4f}, β = {beta_best:.3f}, "
            "rate (√κ−1)/(√κ+1) = <b>{rate_best:.4f}</b>."
        ).format(lam_max=lam_max, lam_min=lam_min, kappa=lam_max / lam_min, rate=r, plain_rate=plain_r,
                 lr_plain=lr_plain, rate_plain=rate_plain, lr_best=lr_best, beta_best=beta_best,
                 rate_best=rate_best))

    controls = {
        # fine steps, so that the best pair (computed from the data) is on the sliders' grid
        "lr": log_slider(_("learning rate η"), 0.01, -4, -1, step=0.001, readout_format=".4g"),
        "beta": float_slider(_("momentum β"), 0.0, 0.0, 0.99, 0.001, readout_format=".3f"),
    }
    presets = {
        _("plain descent"): {"lr": 0.01, "beta": 0.0, "note": _("β = 0: both paths are plain descent, "
                                                                "crawling along the valley's floor")},
        "β = 0.8": {"lr": 0.01, "beta": 0.8, "note": _("momentum carries the ball along the floor: "
                                                       "the crawl shortens")},
        _("the best pair"): {**_best_on_grid(controls, lr_best, beta_best, lam_min, lam_max),
                             "note": _("the sliders' nearest point to the best (η, β) from the "
                                       "condition number κ = {kappa:.0f}").format(kappa=lam_max / lam_min)},
        _("too much β"): {"lr": 0.01, "beta": 0.99, "note": _("β = 0.99 hardly brakes: the path "
                                                              "spirals around the minimum")},
    }
    return LiveFigure(fig, update, controls, name=name,
                      animated=[plain, heavy, plain_curve, heavy_curve, mark, title], readout=readout,
                      presets=presets)


# --------------------------------------------------------------------------------------------
# 3. A loss with several valleys
# --------------------------------------------------------------------------------------------


def _bumpy_endings() -> dict[tuple[bool, bool], str]:
    """The verdict of the bumpy figure, in the course's language: where the weight ends, keyed
    by (in the lowest valley?, over a bump?)."""
    return {(True, False): _("ends in the lowest valley, w = {w:.2f}, loss {loss:.2f}"),
            (True, True): _("ends in the lowest valley, over a bump, w = {w:.2f}, loss {loss:.2f}"),
            (False, False): _("ends in valley {valley} of 4 (not the lowest), w = {w:.2f}, loss {loss:.2f}"),
            (False, True): _("ends in valley {valley} of 4 (not the lowest), over a bump, w = {w:.2f}, "
                             "loss {loss:.2f}")}


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
                   markersize=12, zorder=4, label=_("the lowest valley") if i == lowest else
                   (_("another valley") if i == 0 else None))
    path = draw_path(ax, [0.0], [0.0], markersize=5, linewidth=1.2, label=_("descent"))
    start = draw_point(ax, 0.0, 0.0, color=COLORS["path"], markersize=12, label=_("start"))
    end = draw_point(ax, 0.0, 0.0, label=_("after the last step"))
    ax.set_xlim(*BUMPY_RANGE)
    ax.set_ylim(*ylim)
    ax.set_xlabel(_("weight w"))
    ax.set_ylabel(_("loss L(w)"))
    ax.legend(loc="upper center", fontsize=13, ncol=2)

    for i, w_min in enumerate(BUMPY_MINIMA):
        ax_w.axhline(w_min, color=COLORS["reference"] if i == lowest else COLORS["muted"], linestyle="--",
                     linewidth=1.5, zorder=1)
    trace = draw_curve(ax_w, [0.0], [0.0], color=COLORS["path"], marker="o", markersize=3)
    ax_w.set_xlim(0, BUMPY_STEPS)
    ax_w.set_ylim(*BUMPY_RANGE)
    ax_w.set_xlabel(_("step"))
    ax_w.set_ylabel(_("weight w (dashed: the bottoms)"))
    ax_w.set_title(_("where the weight goes"), fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = Readout()

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
            verdict = _("leaves the picture: η is too large for this curvature")
        else:
            ending = _bumpy_endings()[valley == lowest, valley != first]
            verdict = ending.format(valley=valley + 1, w=w[-1], loss=run.loss[-1])
        title.set_text(_("start {w0:.2f}, η = {lr:.3g}, β = {beta:.2f}: {verdict}").format(
            w0=w0, lr=lr, beta=beta, verdict=verdict))
        bottoms = ", ".join(_num(float(bumpy_loss(u)), ".2f") for u in BUMPY_MINIMA)
        end_w = _num(float(w[-1]), ".3f") if np.isfinite(w[-1]) else _("overflow")
        readout.say(_(
            "The valleys' bottoms: {minima} (loss {bottoms}); the start lies in valley {valley}. "
            "After {steps} steps: w = {w}.").format(
                minima=", ".join(f"{u:.2f}" for u in BUMPY_MINIMA), bottoms=bottoms,
                valley="—" if first is None else first + 1, steps=run.num_steps, w=end_w))

    controls = {
        "w0": float_slider(_("start w0"), 2.6, -3.8, 3.9, 0.05),
        "lr": log_slider(_("learning rate η"), 0.05, -2.3, -0.5, step=0.02, readout_format=".3g"),
        "beta": float_slider(_("momentum β"), 0.0, 0.0, 0.95, 0.05),
    }
    presets = {
        _("start 2.6"): {"w0": 2.6, "lr": 0.05, "beta": 0.0,
                         "note": _("no momentum: the weight stays in the valley it starts in")},
        _("start 2.6, β = 0.9"): {"w0": 2.6, "lr": 0.05, "beta": 0.9,
                                  "note": _("momentum rolls the weight over the bump into the lowest valley")},
        **{_("start −3.5, η = 0.2, β = {beta:g}").format(beta=beta): {"w0": -3.5, "lr": 0.2, "beta": beta,
                                                                      "note": note}
           for beta, note in ((0.0, _("β = 0: it stays in the leftmost valley")),
                              (0.5, _("β = 0.5: it reaches the lowest valley")),
                              (0.8, _("β = 0.8: it rolls on past the lowest valley: inertia, not a search")))},
    }
    return LiveFigure(fig, update, controls, name=name, animated=[path, start, end, trace, title],
                      readout=readout, presets=presets)


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
    num_epochs = check.as_int("num_epochs", num_epochs, minimum=2, maximum=200)
    fig, (ax,) = new_figure(1, width=15.0, height=5.6)
    # one point per update, jittering: drawn without antialiasing, its layer compresses 5x better
    raw = draw_curve(ax, [0.0], [1.0], color=PALETTE["sky"], linewidth=1.0, antialiased=False,
                     label=_("training loss, each update"))
    epoch_mean = draw_curve(ax, [0.0], [1.0], color=COLORS["data"], marker="o", markersize=5,
                            label=_("training loss, mean over each epoch"))
    val = draw_curve(ax, [0.0], [1.0], color=COLORS["model"], marker="s", markersize=5,
                     label=_("validation loss, after each epoch"))
    stop = ax.axvline(0.0, color=COLORS["truth"], linestyle="--", linewidth=2,
                      label=_("the stopping rule stops here"))
    best = draw_point(ax, 0.0, 1.0, color=COLORS["reference"], marker="*", markersize=20,
                      markeredgecolor="black", label=_("best validation epoch (weights kept)"))
    log_axes(ax, "y")
    ax.set_xlim(0, num_epochs)
    ax.set_ylim(*CURVE_LIMITS)
    ax.set_xlabel(_("epoch"))
    ax.set_ylabel(_("loss (MSE, log scale)"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=13)
    title = ax.set_title(" ", loc="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def update(lr: float) -> None:
        c = training_curves(x_train, y_train, x_val, y_val, lr, batch_size, num_epochs, rng)
        raw.set_data(c.epochs, clip_for_log(c.train, CURVE_LIMITS))
        means = epoch_means(c.train, c.updates_per_epoch)
        epoch_mean.set_data(np.arange(1, len(means) + 1), clip_for_log(means, CURVE_LIMITS))
        vals = clip_for_log(c.val, CURVE_LIMITS)
        val.set_data(np.arange(len(c.val)), vals)
        best_epoch, stop_epoch = early_stop(c.val, patience)
        stop.set_xdata([stop_epoch, stop_epoch])
        best.set_data([best_epoch], [vals[best_epoch]])
        verdict = read_curve(c.train, c.updates_per_epoch)
        blew = _(" — blew up at update {update}").format(update=c.diverged_at) if c.diverged else ""
        # the verdict (a Verdict: shown in the course's language) is one of the presets' names
        title.set_text(_("η = {lr:.3g}: the curve says “{verdict}”{blew}").format(
            lr=lr, verdict=verdict, blew=blew))
        readout.say(_(
            "η = {lr:.3g}, batches of {batch_size}: training loss {first} at the start, {last} at the end"
            "{blew}. The rule (stop after {patience} epochs without a better validation loss) stops at "
            "epoch {stop_epoch} and keeps epoch {best_epoch}: validation loss {best_loss}.").format(
                lr=lr, batch_size=batch_size, first=_num(float(c.train[0]), ".4f"),
                last=_num(float(c.train[-1]), ".4f") if np.isfinite(c.train[-1]) else _("overflow"),
                blew=blew, patience=patience, stop_epoch=stop_epoch, best_epoch=best_epoch,
                best_loss=_num(float(c.val[best_epoch]), ".4f")))

    controls = {"lr": log_slider(_("learning rate η"), 0.03, -3, 0.3, step=0.02, readout_format=".3g")}
    presets = {_("too small"): {"lr": 0.001, "note": _("both curves glide down, still falling at the end")},
               _("about right"): {"lr": 0.03, "note": _("a quick fall, then flat: the curve of a good η")},
               _("too large"): {"lr": 0.3, "note": _("a fast first drop, then a jitter far above the best")}}
    return LiveFigure(fig, update, controls, name=name, animated=[raw, epoch_mean, val, stop, best, title],
                      readout=readout, presets=presets)


@styled
def range_test_figure(test: RangeTest) -> Figure:
    """The learning-rate range test: the training loss against the learning rate (both log
    scale), with the lowest loss and the suggested learning rate (a tenth of it) marked.
    Notebook 05."""
    fig, (ax,) = new_figure(1, width=10.0, height=5.0)
    ax.plot(test.lrs, test.loss, color=COLORS["data"], marker="o", markersize=3,
            label=_("training loss"))
    k = int(np.argmin(test.loss))
    ax.plot(test.lrs[k:k + 1], test.loss[k:k + 1], "o", color=COLORS["model"], markersize=12,
            label=_("lowest loss, at η = {lr:.3g}").format(lr=test.lrs[k]))
    ax.axvline(test.suggestion(), color=COLORS["reference"], linewidth=2.5, linestyle="--",
               label=_("suggested η = a tenth of it = {lr:.3g}").format(lr=test.suggestion()))
    log_axes(ax, "x")
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlabel(_("learning rate η of the update (log scale)"))
    ax.set_ylabel(_("training loss (log scale)"))
    ax.set_title(_("one pass, η growing at every update"))
    ax.legend(loc="lower left", fontsize=13)
    return fig
