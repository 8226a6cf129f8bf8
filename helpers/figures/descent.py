"""Notebook 03's figures: the tangent of the loss curve, the blindfolded hiker, the learning
rate in 1-D and in 2-D, and two static figures (the learning rate against the scale of the data,
and the time of one full-data gradient against the size of the data).

Every live figure here keeps its axis limits fixed (its background is drawn once): a path that
runs out of the view is cut at the edge (:func:`helpers.draw.clip_to_view`) and the figure says
so in words. Text is the slowest thing to draw, so each live figure animates one short title
(the verdict: "diverges: stopped at step 3") and writes the longer sentence with all the
numbers into its :class:`helpers.live.Readout` above the image, which costs nothing to draw.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.ticker import MaxNLocator

from .. import _validate as check
from ..data import Dataset
from ..draw import (clip_to_view, draw_above_minimum_panel, draw_contour, draw_curve, draw_data,
                    draw_line, draw_path, draw_point, draw_tangent, log_axes, moving_axis,
                    plain_number, set_line, set_moving_limits, set_tangent)
from ..i18n import _
from ..live import LiveFigure, Readout, float_slider, int_slider, log_slider, new_figure, on_grid
from ..model import QuadraticLoss
from ..optim import descend, first_within, lr_regime
from ..style import COLORS, PALETTE, styled

TOLERANCE = 0.01
"""A run counts as "at the bottom" once its distance to the minimum is 1% of where it started."""

ABOVE_MINIMUM_LIMITS = (1e-6, 1e9)
"""The y-range of the "loss above its minimum" panels (log scale)."""

TITLE_SIZE = 15


def _loss_curve_axes(ax: Any, w_range: tuple[float, float], top: float) -> None:
    """Limits, labels and legend of a panel that shows the loss curve ``L(w)``."""
    ax.set_xlim(*w_range)
    ax.set_ylim(-0.04 * top, top)
    ax.set_xlabel(_("weight w"))
    ax.set_ylabel(_("loss L(w)"))
    ax.legend(loc="upper center", fontsize=12)


def _step_axis(ax: Any) -> Any:
    """The step axis of a loss-against-step panel, made to follow the run (few ticks: it is
    drawn with every frame)."""
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    engine = ax.figure.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        # room at the panels' sides for the last step's label (the run's end, at the right edge;
        # the layout was made before the axis moved)
        engine.set(w_pad=0.2)
    return moving_axis(ax.xaxis)


def _follow_steps(ax: Any, num_steps: int) -> None:
    """The step axis of a loss-against-step panel spans the run, no more. The axis is animated
    (drawn with every frame, so the background stays valid when its limits move)."""
    set_moving_limits(ax.xaxis, 0.0, float(max(num_steps, 1)))


def _show_above_minimum(curve: Any, loss: QuadraticLoss, run: Any) -> None:
    """Move the curve of a "loss above its minimum" panel to a run (the log axis needs > 0)."""
    curve.set_data(np.arange(run.num_steps + 1), np.maximum(loss.above_minimum(run.w, run.b), 1e-300))


def _stopped(run: Any) -> str:
    return _("stopped at step {step}, when the loss ({loss}) passed a "
             "million times its start").format(step=run.diverged_at, loss=_loss(run.loss[-1]))


def _left_view(left_at: int | None) -> str:
    return "" if left_at is None else _("; the path left the view at step {step}").format(step=left_at)


def _slope_word(slope: float) -> str:
    if abs(slope) < 0.5:
        return _("flat: the bottom")
    return _("step right") if slope < 0 else _("step left")


def _signed(value: float, digits: int = 1) -> str:
    """``+1.5`` / ``−1.5`` with a true minus sign (readable on a projector)."""
    text = f"{value:+.{digits}f}"
    return text.replace("-", "−")


def _num(value: float, fmt: str = ".1f") -> str:
    return format(value, fmt).replace("-", "−")


def _loss(value: float) -> str:
    """A loss for a title: ``1,029.4``, or ``2.4 × 10¹⁰`` once it is huge."""
    return f"{value:,.1f}" if value < 1e6 else plain_number(value)


# --------------------------------------------------------------------------------------------
# 1. The derivative as the slope of the tangent
# --------------------------------------------------------------------------------------------


@styled
def tangent_figure(data: Dataset, *, name: str = "tangent") -> LiveFigure:
    """Sliders for the weight ``w`` and a step ``Δw``. Left: the loss ``L(w)`` (the bias held
    at its best value), the tangent at ``w`` and the downhill direction. Right: what a step
    ``Δw`` does to the loss, really (the curve) and as the tangent predicts (the straight line,
    ``slope × Δw``). Notebook 03."""
    loss = QuadraticLoss(data.x, data.y)
    w_min, b_min = loss.w_min, loss.b_min
    w_range, dw_range = (0.0, 16.0), (-0.5, 0.5)
    ws = np.linspace(*w_range, 400)
    curve = loss.loss(ws, b_min)
    top = 1.08 * float(curve.max())
    fig, (ax, ax_step) = new_figure(2, width=13.5, height=5.6, gridspec_kw={"width_ratios": [1.35, 1]})

    draw_curve(ax, ws, curve, label=_("loss L(w), b fixed at its best value {b:.1f}").format(b=b_min))
    draw_point(ax, w_min, loss.loss_min, color=COLORS["reference"], markersize=9, zorder=4,
               label=_("the bottom, w* = {w:.2f}").format(w=w_min))
    tangent = draw_tangent(ax, 0.0, 0.0, 0.0, 1.6, label=_("tangent: its slope is dL/dw"))
    point = draw_point(ax, 0.0, 0.0, label="w")
    after = draw_point(ax, 0.0, 0.0, color=COLORS["path"], markersize=9, label="w + Δw")
    arrow = FancyArrowPatch((0.0, 0.0), (1.0, 0.0), arrowstyle="-|>", color=COLORS["reference"],
                            linewidth=3, mutation_scale=22, zorder=7)
    ax.add_patch(arrow)
    _loss_curve_axes(ax, w_range, top)

    dws = np.linspace(*dw_range, 201)
    real = draw_curve(ax_step, dws, np.zeros_like(dws), label=_("real change L(w + Δw) − L(w)"))
    guess = draw_curve(ax_step, dws, np.zeros_like(dws), color=COLORS["model"], linestyle="--",
                       label=_("tangent's guess: slope × Δw"))
    real_point = draw_point(ax_step, 0.0, 0.0, color=COLORS["path"], markersize=15,
                            markerfacecolor="none", markeredgecolor=COLORS["path"], markeredgewidth=3)
    guess_point = draw_point(ax_step, 0.0, 0.0, markersize=8)
    ax_step.axhline(0.0, color=COLORS["muted"], linewidth=1, zorder=1)
    ax_step.axvline(0.0, color=COLORS["muted"], linewidth=1, zorder=1)
    ax_step.set_xlim(dw_range[0] - 0.03, dw_range[1] + 0.03)
    ax_step.set_ylim(-260.0, 260.0)
    ax_step.set_xlabel(_("step Δw"))
    ax_step.set_ylabel(_("change of the loss ΔL"))
    ax_step.set_title(_("what a step does to the loss"), fontsize=TITLE_SIZE)
    ax_step.legend(loc="upper center", fontsize=12)
    title = ax.set_title(" ", loc="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def loss_at(w: float) -> float:
        return loss.loss(w, b_min)

    def update(w: float, dw: float) -> None:
        value = loss_at(w)
        slope = loss.gradient(w, b_min)[0]
        set_tangent(tangent, w, value, slope, 1.6)
        point.set_data([w], [value])
        after.set_data([w + dw], [loss_at(w + dw)])
        direction = 0.0 if abs(slope) < 0.5 else -np.sign(slope) * 1.4
        arrow.set_positions((w, value + 0.06 * top), (w + direction, value + 0.06 * top))
        arrow.set_visible(direction != 0.0)
        change = loss.loss(w + dws, b_min) - value
        real.set_ydata(change)
        guess.set_ydata(slope * dws)
        real_change = loss_at(w + dw) - value
        real_point.set_data([dw], [real_change])
        guess_point.set_data([dw], [slope * dw])
        title.set_text(_("w = {w:.2f}: slope dL/dw = {slope}, {verdict}").format(
            w=w, slope=_num(slope), verdict=_slope_word(slope)))
        readout.say(_(
            "At w = {w:.2f} the loss is {loss:,.1f} and the slope is {slope}. A step "
            "Δw = {dw}: the tangent guesses ΔL ≈ slope × Δw = {slope} × "
            "({dw}) = <b>{guess}</b>; the loss really changes by "
            "<b>{change}</b>.").format(w=w, loss=value, slope=_num(slope), dw=_signed(dw, 2),
                                       guess=_signed(slope * dw), change=_signed(real_change)))

    controls = {
        "w": float_slider(_("weight w"), round(w_min - 100.0 / loss.mxx, 2), *w_range, 0.01),
        "dw": float_slider(_("step Δw"), -0.1, *dw_range, 0.01),
    }
    animated = [tangent, point, after, arrow, real, guess, real_point, guess_point, title]
    lf = LiveFigure(fig, update, controls, name=name, animated=animated, readout=readout)
    left, right = round(w_min - 4.0, 2), round(w_min + 4.0, 2)  # 4 units either side of the bottom
    near = round(w_min + 0.05, 2)
    lf.add_preset(_("left of the bottom"), note=_("w = {w:.2f} < w* = {w_min:.2f}: the slope is negative, so "
                  "downhill is to the right").format(w=left, w_min=w_min), w=left, dw=0.3)
    lf.add_preset(_("near the bottom"), note=_("w = {w:.2f}, next to w*: the slope is almost "
                  "0; the curve's bend makes most of the change").format(w=near), w=near, dw=0.3)
    lf.add_preset(_("right of the bottom"), note=_("w = {w:.2f} > w*: the slope is positive, so downhill is "
                  "to the left").format(w=right), w=right, dw=-0.3)
    return lf


# --------------------------------------------------------------------------------------------
# 2. The blindfolded hiker: the update rule, step by step
# --------------------------------------------------------------------------------------------


@styled
def hiker_figure(data: Dataset, *, lr: float = 0.004, w0: float = 0.0, max_steps: int = 12,
                 name: str = "hiker") -> LiveFigure:
    """A step slider (with a Play button linked to it) walks gradient descent in ``w`` (the
    bias held at its best value) down the loss curve: the hiker feels only the slope under
    their feet (the tangent) and steps ``w ← w − lr · dL/dw``. Right: the line of the current
    weights over the data. The Play button is ``lf.play``. Notebook 03."""
    lr = check.learning_rate(lr)
    w0 = check.as_float("w0", w0)
    max_steps = check.as_int("max_steps", max_steps, minimum=1, maximum=200)
    x, y = data.x, data.y
    loss = QuadraticLoss(x, y)
    w_min, b_min = loss.w_min, loss.b_min
    run = descend(loss, w0, b_min, lr, max_steps, fit_b=False)
    last = run.num_steps
    slopes = loss.gradient(run.w, b_min)[0]  # (last + 1,)
    half = max(abs(w0 - w_min), 1.0) * 1.3
    w_range = (w_min - half, w_min + half)
    ws = np.linspace(*w_range, 300)
    curve = loss.loss(ws, b_min)
    top = 1.1 * float(curve.max())

    fig, (ax, ax_fit) = new_figure(2, width=13.5, height=5.6, gridspec_kw={"width_ratios": [1.35, 1]})
    draw_curve(ax, ws, curve, color=COLORS["muted"], linestyle=":", linewidth=2,
               label=_("the loss curve (the hiker cannot see it)"))
    path = draw_path(ax, run.w[:1], run.loss[:1], label=_("steps so far"))
    tangent = draw_tangent(ax, w0, run.loss[0], slopes[0], 0.12 * half, linewidth=4,
                           label=_("the slope under the feet"))
    hiker = draw_point(ax, w0, run.loss[0], markersize=16, label=_("the hiker"))
    _loss_curve_axes(ax, w_range, top)

    x_range = (0.0, float(np.ceil(x.max() * 1.1)))
    draw_data(ax_fit, x, y, x_name=data.x_name, y_name=data.y_name)
    draw_line(ax_fit, w_min, b_min, x_range, color=COLORS["reference"], linestyle="--",
              linewidth=2, label=_("the best line (the bottom)"))
    line = draw_line(ax_fit, w0, b_min, x_range, label=_("the line of the current w"))
    ax_fit.set_xlim(*x_range)
    ax_fit.set_ylim(min(0.0, float(y.min())), float(y.max()) * 1.25)
    ax_fit.legend(loc="upper left", fontsize=12)
    ax_fit.set_title(_("the line of the hiker's weights"), fontsize=TITLE_SIZE)
    title = ax.set_title(" ", loc="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def update(step: int) -> None:
        k = min(step, last)
        w, slope = run.w[k], slopes[k]
        path.set_data(run.w[: k + 1], run.loss[: k + 1])
        set_tangent(tangent, w, run.loss[k], slope, 0.12 * half)
        hiker.set_data([w], [run.loss[k]])
        set_line(line, w, b_min)
        head = _("Step {k}: w = {w:.2f}, loss {loss:,.1f}, slope dL/dw = {slope}.").format(
            k=k, w=w, loss=run.loss[k], slope=_num(slope))
        if k < last:
            nxt = run.w[k + 1]
            title.set_text(_("step {k}: w ← {w:.2f} − {lr:g} × ({slope}) = {nxt:.2f}").format(
                k=k, w=w, lr=lr, slope=_num(slope), nxt=nxt))
            if nxt > w:
                rule = _("Next step: w ← w − η·dL/dw = {w:.2f} − {lr:g} × ({slope}) = <b>{nxt:.2f}</b>: "
                         "right, downhill, by {size:.2f}.")
            else:
                rule = _("Next step: w ← w − η·dL/dw = {w:.2f} − {lr:g} × ({slope}) = <b>{nxt:.2f}</b>: "
                         "left, downhill, by {size:.2f}.")
            rule = rule.format(w=w, lr=lr, slope=_num(slope), nxt=nxt, size=abs(nxt - w))
        else:
            title.set_text(_("step {k}: w = {w:.2f}, the slope is almost 0: the bottom").format(k=k, w=w))
            rule = _("The bottom is at w* = {w_min:.2f}. The steps shrank by themselves, because the "
                     "slope flattened.").format(w_min=w_min)
        readout.say(f"{head} {rule}")

    lf = LiveFigure(fig, update, {"step": int_slider(_("step"), 0, 0, last)}, name=name,
                    animated=[path, tangent, hiker, line, title], readout=readout,
                    play="step", play_label=_("walk"))
    lf.add_preset(_("a telling start"), note=_("from w = {w0:g}, far up the slope: the first step is the "
                  "longest; then step one notch at a time").format(w0=w0),
                  step=min(1, last))
    return lf


# --------------------------------------------------------------------------------------------
# 3. The learning rate, in 1-D
# --------------------------------------------------------------------------------------------


_VERDICT = {
    "diverges": lambda n, reached, stopped: (
        _("too large, diverges: stopped at step {stopped}").format(stopped=stopped)
        if stopped is not None else _("too large, diverges")),
    "crawls": lambda n, reached, stopped: (
        _("too small, crawls: not at the bottom after {n} steps").format(n=n) if n else _("no step yet")),
    "zig-zags": lambda n, reached, stopped: (
        _("overshoots, zig-zags; at the bottom after {reached} steps").format(reached=reached)
        if reached is not None else _("overshoots, zig-zags")),
    "good": lambda n, reached, stopped: _("good: at the bottom after {reached} steps").format(reached=reached),
}
"""The short verdict each regime gets in the figure's title (the readout gives the details)."""


def _regime_sentence(kind: str, factor: float, num_steps: int, reached: int | None, left: float,
                     stopped_at: int | None) -> str:
    if num_steps == 0:
        return _("no step taken yet; each step would multiply the distance to the bottom by ρ")
    if kind == "diverges":
        if abs(factor) == 1.0:
            return _("on the edge: it bounces between two points forever")
        return _("far too large, it diverges: each jump lands higher up the other side")
    if reached is None:
        where = _("after {n} steps still {left:.0%} of the way from the bottom").format(n=num_steps, left=left)
    elif reached == 1:
        where = _("at the bottom (within 1%) after {reached} step").format(reached=reached)
    else:
        where = _("at the bottom (within 1%) after {reached} steps").format(reached=reached)
    if kind == "zig-zags":
        return _("too large, it overshoots: zig-zags across the valley; {where}").format(where=where)
    if kind == "crawls":
        return _("too small, it crawls: {where}").format(where=where)
    return _("good: it slides down one side; {where}").format(where=where)


@styled
def learning_rate_figure(data: Dataset, *, max_steps: int = 100, name: str = "learning-rate") -> LiveFigure:
    """Sliders for the learning rate (log scale), the number of steps and the start ``w0``;
    gradient descent in ``w`` with the bias held at its best value. Left: the path on ``L(w)``.
    Middle: the loss above its minimum against the step (log scale). Right: the factor
    ``ρ = 1 − η·L''`` by which each step multiplies the distance to the bottom, with the four
    regimes and the largest stable learning rate ``2 / L''`` marked. Notebook 03."""
    max_steps = check.as_int("max_steps", max_steps, minimum=1, maximum=2000)
    loss = QuadraticLoss(data.x, data.y)
    w_min, b_min = loss.w_min, loss.b_min
    curvature = loss.curvature_1d  # L''(w)
    bound, best = loss.max_stable_lr_1d, 1.0 / curvature
    half = 14.0
    xlim = (w_min - half, w_min + half)
    ws = np.linspace(*xlim, 400)
    curve = loss.loss(ws, b_min)
    bottom = loss.loss_min
    ylim = (-0.03 * float(curve.max()), 1.05 * float(curve.max()))
    lr_range = (1e-4, 1e-1)

    fig, (ax, ax_loss, ax_r) = new_figure(3, width=13.5, height=5.6)
    draw_curve(ax, ws, curve, label="L(w)")
    draw_point(ax, w_min, bottom, color=COLORS["reference"], markersize=9, zorder=4,
               label=_("the bottom"))
    path = draw_path(ax, [0.0], [0.0], label=_("gradient descent"))
    start = draw_point(ax, 0.0, 0.0, color=COLORS["path"], markersize=10, label=_("start"))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(_("weight w"))
    ax.set_ylabel(_("loss L(w)"))
    ax.set_title(_("the path on the loss curve"), fontsize=TITLE_SIZE)
    ax.legend(loc="upper center", fontsize=12)

    above_curve = draw_above_minimum_panel(ax_loss, ABOVE_MINIMUM_LIMITS, xlabel=_("step"),
                                           marker="o", markersize=3)
    ax_loss.set_title(_("loss against the step (log scale)"), fontsize=TITLE_SIZE)

    lrs = np.geomspace(*lr_range, 300)
    blend = ax_r.get_xaxis_transform()  # x in data units, y in axes units (0 to 1)
    for lo, hi, colour in ((lr_range[0], best, PALETTE["green"]), (best, bound, PALETTE["orange"]),
                           (bound, lr_range[1], PALETTE["vermillion"])):
        ax_r.axvspan(lo, hi, color=colour, alpha=0.13, linewidth=0, zorder=0)
    # Words where there is room (the empty lower left), each pointing at what it names.
    ax_r.text(np.sqrt(lr_range[0] * best), 1.25, _("slides down"), ha="center", va="center", fontsize=13)
    ax_r.text(np.sqrt(bound * lr_range[1]), 1.25, _("diverges"), ha="center", va="center", fontsize=13)
    notes = ((best, 0.0, -0.75, _("one step: η = {lr:.4f}").format(lr=best)),
             (bound, -1.0, -1.45, _("largest stable η = {lr:.4f}").format(lr=bound)),
             (np.sqrt(best * bound), -2.15, -2.15, _("zig-zags")))
    for u, v, v_text, text in notes:
        ax_r.annotate(text, xy=(u, v), xytext=(1.3 * lr_range[0], v_text), fontsize=12, va="center",
                      arrowprops={"arrowstyle": "->", "color": COLORS["truth"], "linewidth": 1.2})
    ax_r.text(1.3 * lr_range[0], -2.75, _("grey: too slow for this many steps"), fontsize=12,
              va="center", color="#444444")
    slow = [Rectangle((lr_range[0], 0.0), 0.0, 1.0, transform=blend, facecolor=COLORS["muted"],
                      alpha=0.35, linewidth=0, zorder=1) for _i in range(2)]
    for patch in slow:
        ax_r.add_patch(patch)
    ax_r.plot(lrs, 1.0 - lrs * curvature, color=COLORS["data"], zorder=3)
    for level in (1.0, -1.0):
        ax_r.axhline(level, color=COLORS["truth"], linestyle="--", linewidth=1.2, zorder=2)
    ax_r.axhline(0.0, color=COLORS["muted"], linewidth=1, zorder=2)
    ax_r.axvline(bound, color=COLORS["model"], linewidth=2.5, zorder=2)
    ax_r.axvline(best, color=COLORS["reference"], linewidth=2, linestyle=":", zorder=2)
    marker = draw_point(ax_r, 0.0, 0.0, label=_("your η"))
    ax_r.set_xscale("log")
    ax_r.set_xlim(*lr_range)
    ax_r.set_ylim(-3.0, 1.5)
    ax_r.set_xlabel(_("learning rate η (log scale)"))
    ax_r.set_ylabel("ρ = 1 − η·L''")
    ax_r.set_title(_("each step: distance × ρ   (L'' = {curvature:.1f})").format(curvature=curvature),
                   fontsize=TITLE_SIZE)
    ax_r.legend(loc="center right", fontsize=12)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def update(lr: float, num_steps: int, w0: float) -> None:
        run = descend(loss, float(w0), b_min, float(lr), int(num_steps), fit_b=False)
        factor = loss.step_factor(lr)
        us, vs, left_at = clip_to_view(run.w, run.loss, xlim, ylim)
        path.set_data(us, vs)
        start.set_data([w0], [run.loss[0]])
        _show_above_minimum(above_curve, loss, run)
        _follow_steps(ax_loss, num_steps)
        marker.set_data([lr], [min(max(factor, -2.9), 1.4)])
        if num_steps == 0:
            edge = 0.0  # nothing runs: every learning rate is "too slow"
        else:
            edge = TOLERANCE ** (1.0 / num_steps)  # |r| below this reaches 1% in num_steps
        slow[0].set_width(max((1.0 - edge) / curvature - lr_range[0], 0.0))
        slow[1].set_x((1.0 + edge) / curvature)
        slow[1].set_width(max(bound - (1.0 + edge) / curvature, 0.0))
        distance = abs(w0 - w_min)
        reached = first_within(run.w, w_min, TOLERANCE * distance) if distance > 0 else 0
        left = abs(run.w[-1] - w_min) / distance if distance > 0 else 0.0
        kind = lr_regime(factor, num_steps, reached, run.diverged)
        sentence = _regime_sentence(kind, factor, num_steps, reached, left, run.diverged_at)
        if run.diverged:
            where = _stopped(run)
            where = where[0].upper() + where[1:]
        else:
            where = _("After {n} steps: w = {w}, loss {loss} "
                      "(the bottom: w* = {w_min:.2f}, loss {bottom:.1f})").format(
                n=run.num_steps, w=_num(run.w[-1], ",.2f"), loss=_loss(run.loss[-1]), w_min=w_min,
                bottom=bottom)
        where += _left_view(left_at)
        title.set_text(_("η = {lr:.3g}: {verdict}").format(
            lr=lr, verdict=_VERDICT[kind](num_steps, reached, run.diverged_at)))
        readout.say(_("η = {lr:.3g}, ρ = 1 − η·L'' = {rho}: {sentence}. {where}.").format(
            lr=lr, rho=_num(factor, ".3f"), sentence=sentence, where=where))

    controls = {
        "lr": log_slider(_("learning rate η"), 0.001, -4, -1, step=0.05, readout_format=".3g"),
        "num_steps": int_slider(_("number of steps"), 20, 0, max_steps),
        "w0": float_slider(_("start w0"), 0.0, round(w_min - 12), round(w_min + 12), 0.5, ".1f"),
    }
    # the step axis follows the run: drawn with every frame
    animated = [_step_axis(ax_loss), *slow, path, start, above_curve, marker, title]
    lf = LiveFigure(fig, update, controls, name=name, animated=animated, readout=readout)
    steps, w0 = min(20, max_steps), controls["w0"].value
    for preset, share, what in (
            (_("crawls"), 0.02, _("each step removes only a sliver of the distance")),
            (_("about right"), 0.4, _("slides down one side, at the bottom in a few steps")),
            (_("zig-zags"), 0.8, _("overshoots the bottom every step, and still converges")),
            (_("just past the limit"), 1.01, _("each jump lands a little higher: diverges slowly")),
            (_("diverges"), 1.5, _("each jump lands much higher up the other side"))):
        lr = on_grid(controls["lr"], share * bound)  # a fraction of the largest stable rate 2/L''
        lf.add_preset(preset, note=_("η = {share:.0%} of 2/L'' = {lr:.3g}, ρ = {rho}: {what}").format(
                      share=lr / bound, lr=lr, rho=_num(loss.step_factor(lr), ".2f"), what=what),
                      lr=lr, num_steps=steps, w0=w0)
    return lf


# --------------------------------------------------------------------------------------------
# 4. The learning rate, in 2-D: the path of (w, b) on the contour map
# --------------------------------------------------------------------------------------------


@styled
def descent_2d_figure(data: Dataset, *, w0: float = 0.0, b0: float = 0.0, max_steps: int = 2000,
                      w_range: tuple[float, float] = (-4.0, 26.0),
                      b_range: tuple[float, float] = (-40.0, 100.0),
                      name: str = "descent-2d") -> LiveFigure:
    """Sliders for the learning rate (fine log scale) and the number of steps; gradient
    descent on ``(w, b)`` together from ``(w0, b0)``. Left: the path on the contour map of
    ``L(w, b)`` over ``w_range`` x ``b_range``. Right: the loss above its minimum against the
    step (log scale). The title
    gives the factors by which each step shrinks the distance across and along the valley
    (``1 − η·λ`` for the two eigenvalues ``λ`` of the Hessian). Notebook 03."""
    w0 = check.as_float("w0", w0)
    b0 = check.as_float("b0", b0)
    max_steps = check.as_int("max_steps", max_steps, minimum=10, maximum=20_000)
    loss = QuadraticLoss(data.x, data.y)
    w_min, b_min = loss.w_min, loss.b_min
    lam_small, lam_big = loss.eigenvalues
    xlim = tuple(sorted(check.as_float("w_range", u) for u in w_range))
    ylim = tuple(sorted(check.as_float("b_range", u) for u in b_range))
    ws, bs = np.linspace(*xlim, 220), np.linspace(*ylim, 220)
    bottom = loss.loss_min

    fig, (ax, ax_loss) = new_figure(2, width=13.5, height=6.0, gridspec_kw={"width_ratios": [1.2, 1]})
    draw_contour(ax, ws, bs, loss.grid(ws, bs))
    draw_point(ax, w_min, b_min, color=COLORS["reference"], markersize=10, zorder=4,
               label=_("the minimum ({w:.2f}, {b:.1f})").format(w=w_min, b=b_min))
    draw_point(ax, w0, b0, color=COLORS["path"], markersize=10, zorder=4, label=_("start"))
    path = draw_path(ax, [w0], [b0], markersize=3, linewidth=1.4, label=_("gradient descent"))
    point = draw_point(ax, w0, b0, markersize=10, label=_("after the last step"))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.legend(loc="upper right", fontsize=12)
    ax.set_title(_("the path of (w, b) on the loss L(w, b)"), fontsize=TITLE_SIZE)

    above_curve = draw_above_minimum_panel(ax_loss, ABOVE_MINIMUM_LIMITS, xlabel=_("step"))
    ax_loss.set_title(_("loss against the step (log scale)"), fontsize=TITLE_SIZE)
    title = fig.suptitle(" ", x=0.01, ha="left", fontsize=TITLE_SIZE)
    readout = Readout()

    def update(lr: float, num_steps: int) -> None:
        run = descend(loss, w0, b0, float(lr), int(num_steps))
        us, vs, left_at = clip_to_view(run.w, run.b, xlim, ylim)
        path.set_data(us, vs)
        point.set_data(us[-1:] if left_at is None else [], vs[-1:] if left_at is None else [])
        _show_above_minimum(above_curve, loss, run)
        _follow_steps(ax_loss, num_steps)
        across, along = 1.0 - lr * lam_big, 1.0 - lr * lam_small
        if run.diverged:
            verdict = _("diverges: stopped at step {step}").format(step=run.diverged_at)
            state = _("diverges: {stopped}").format(stopped=_stopped(run))
        elif abs(across) > 1.0:
            verdict = _("diverges: the loss grows with every step")
            state = _("diverges: after {n} steps the loss is {loss} and growing").format(
                n=run.num_steps, loss=_loss(run.loss[-1]))
        else:
            distance = np.hypot(run.w - w_min, run.b - b_min)  # (steps + 1,)
            reached = first_within(distance, 0.0, TOLERANCE * distance[0]) if distance[0] > 0 else 0
            if reached is None:
                verdict = _("converging, not there yet ({left:.0%} of the way left)").format(
                    left=distance[-1] / distance[0])
            else:
                verdict = _("converges: 1% of the way left after {reached} steps").format(reached=reached)
            state = _("{verdict}. After {n} steps (w, b) = ({w:.2f}, {b:.2f}), "
                      "loss {loss} (the minimum: {bottom:.2f})").format(
                verdict=verdict, n=run.num_steps, w=run.w[-1], b=run.b[-1], loss=_loss(run.loss[-1]),
                bottom=bottom)
        state += _left_view(left_at)
        title.set_text(_("η = {lr:.3g}: {verdict}").format(lr=lr, verdict=verdict))
        readout.say(_(
            "η = {lr:.3g}: {state}. Each step multiplies the distance <b>across</b> the valley by "
            "1 − η·{lam_big:.1f} = <b>{across}</b> and the distance <b>along</b> its "
            "floor by 1 − η·{lam_small:.2f} = <b>{along}</b>.").format(
            lr=lr, state=state, lam_big=lam_big, across=_num(across, ".3f"), lam_small=lam_small,
            along=_num(along, ".4f")))

    controls = {
        "lr": log_slider(_("learning rate η"), 0.01, -4, -1, step=0.01, readout_format=".3g"),
        "num_steps": int_slider(_("number of steps"), 200, 0, max_steps, step=10),
    }
    lf = LiveFigure(fig, update, controls, name=name, readout=readout,
                    animated=[_step_axis(ax_loss), path, point, above_curve, title])
    limit = loss.max_stable_lr  # 2 / λ_max, from the data
    for preset, share, steps, what in (
            (_("about right"), 0.45, max_steps, _("falls straight into the valley, then slides along its floor")),
            (_("zig-zags"), 0.9, max_steps, _("zig-zags across the valley, and still converges")),
            (_("just past the limit"), 1.02, 50, _("each zig-zag lands higher: diverges"))):
        lr = on_grid(controls["lr"], share * limit)
        lf.add_preset(preset, note=_("η = {share:.0%} of 2/λ_max = {lr:.3g}, across × {across}: {what}").format(
                      share=lr / limit, lr=lr, across=_num(1 - lr * lam_big, ".2f"), what=what),
                      lr=lr, num_steps=steps)
    return lf


# --------------------------------------------------------------------------------------------
# 5. Static figures
# --------------------------------------------------------------------------------------------


@styled
def units_figure(curves: Mapping[str, Any], num_steps: int, lr: float) -> Figure:
    """The loss above its minimum against the step, one curve per data set (``curves``: label
    -> array of shape ``(k + 1,)``), all with the same learning rate ``lr``. A curve shorter
    than ``num_steps + 1`` is a run that diverged and was stopped: its end is marked.
    Notebook 03."""
    num_steps = check.as_int("num_steps", num_steps, minimum=1)
    fig, (ax,) = new_figure(1, width=10.0, height=5.2)
    colours = [COLORS["data"], COLORS["model"], COLORS["path"], COLORS["reference"]]
    for (label, values), colour in zip(curves.items(), colours * 3):
        values = np.maximum(np.asarray(values, dtype=float), 1e-300)
        steps = np.arange(len(values))
        stopped = len(values) < num_steps + 1
        ax.plot(steps, values, color=colour, marker="o" if len(values) < 20 else None,
                label=_("{label}  (diverged: stopped)").format(label=label) if stopped else label)
        if stopped:
            ax.plot(steps[-1:], values[-1:], "X", color=colour, markersize=14)
    log_axes(ax, "y")
    ax.set_xlim(-num_steps * 0.02, num_steps)
    ax.set_xlabel(_("step"))
    ax.set_ylabel(_("loss above its minimum (log scale)"))
    ax.set_title(_("the same learning rate η = {lr:g} on the same data in three units").format(lr=lr))
    ax.legend(loc="center right", fontsize=12)
    return fig


@styled
def gradient_time_figure(sizes: Any, seconds: Any) -> Figure:
    """The time of one full-data gradient against the number of examples (both axes
    logarithmic), with the line "time proportional to n" fitted to the sizes from 10,000 up.
    ``sizes``, ``seconds``: shape ``(k,)``. Notebook 03."""
    sizes, seconds = check.as_pair(("sizes", "seconds"), sizes, seconds)
    fig, (ax,) = new_figure(1, width=9.0, height=5.0)
    ax.plot(sizes, seconds * 1e3, "o-", color=COLORS["data"], label=_("measured"))
    large = sizes >= 10_000 if np.any(sizes >= 10_000) else np.ones_like(sizes, dtype=bool)
    per_example = np.exp(np.mean(np.log(seconds[large] / sizes[large])))  # a fit in log space
    ax.plot(sizes, per_example * sizes * 1e3, "--", color=COLORS["muted"], label=_("proportional to n"))
    log_axes(ax)
    ax.set_xlabel(_("number of examples n (log scale)"))
    ax.set_ylabel(_("ms per gradient (log scale)"))
    ax.set_title(_("one full-data gradient"))
    ax.legend(loc="upper left")
    return fig


@styled
def valleys_figure(ws: Any, values: Any, paths: Any) -> Figure:
    """A loss of one weight with several valleys: the curve ``values`` over ``ws`` (shapes
    ``(m,)``) and gradient descent from several starts, ``paths`` of shape ``(steps + 1, k)``
    (from :func:`helpers.optim.descend_slope`), each start a square, each end a dot, coloured by
    the valley it ends in. Notebook 03."""
    ws, values, paths = np.asarray(ws), np.asarray(values), np.asarray(paths)
    fig, (ax,) = new_figure(1, width=10.0, height=4.8)
    ax.plot(ws, values, color=COLORS["truth"], linewidth=2.5, zorder=2)
    ends = np.round(paths[-1], 2)
    colours = [PALETTE["orange"], PALETTE["green"], PALETTE["purple"], PALETTE["sky"],
               PALETTE["vermillion"]]
    valleys = sorted(set(ends))
    if len(valleys) > len(colours):
        raise ValueError(f"at most {len(colours)} valleys, one colour each; got {len(valleys)}")
    at = np.interp  # the loss along a path, read off the curve
    for k in range(paths.shape[1]):
        colour = colours[valleys.index(ends[k])]
        path = paths[:, k]
        ax.plot(path, at(path, ws, values), "o-", color=colour, markersize=4, linewidth=1.2, zorder=3)
        ax.plot(path[:1], at(path[:1], ws, values), "s", color=colour, markersize=11,
                markeredgecolor="white", zorder=4)
    for valley, colour in zip(valleys, colours):
        ax.plot([valley], [at(valley, ws, values)], "o", color=colour, markersize=13,
                markeredgecolor="white", markeredgewidth=1.5, zorder=5,
                label=_("ends at w = {w:.2f}, loss {loss:.2f}").format(w=valley, loss=at(valley, ws, values)))
    ax.plot([], [], "s", color=COLORS["muted"], markersize=11, label=_("a start"))
    ax.set_xlim(ws[0], ws[-1])
    low, high = float(values.min()), float(values.max())
    ax.set_ylim(low - 0.1 * (high - low), high + 0.55 * (high - low))  # room for the legend
    ax.set_xlabel(_("weight w"))
    ax.set_ylabel(_("loss L(w)"))
    ax.legend(loc="upper center", ncol=2, fontsize=13)
    return fig
