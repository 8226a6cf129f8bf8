"""Notebook 04's figures: batch, stochastic and mini-batch gradient descent on the factory data
(the path of the weights, the loss against what is counted, the noise of a mini-batch gradient,
the outlier) and the closing run on real data."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from .. import _validate as check
from ..draw import (clip_for_log, draw_above_minimum_panel, draw_contour, draw_curve, draw_data,
                    draw_line, draw_path, draw_point, log_axes, log_spaced_indices, path_indices,
                    window)
from ..i18n import _
from ..live import LiveFigure, choice_slider, int_slider, log_slider, new_figure, toggle
from ..model import QuadraticLoss
from ..optim import (MiniBatchRun, first_batch_holding, gradient_seconds, gradient_spread,
                     minibatch_descend, minibatch_gradients, random_batch_gradients, running_mean,
                     spread_theory, updates_per_epoch)
from ..style import COLORS, PALETTE, styled

ABOVE_MINIMUM_LIMITS = (1e-3, 1e6)
"""The loss panels show the loss above the minimum within these limits (log scale)."""

LR_DECAY = 1.0
"""The "decaying" schedule: ``lr_t = lr / (1 + LR_DECAY * epochs done)``."""


def _x_axis_labels() -> dict[str, str]:
    """The loss panel's x-axis label for each value of the "loss against" toggle, in the
    course's language."""
    return {"updates": _("updates (log scale)"), "epochs": _("epochs (log scale)"),
            "examples seen": _("examples seen (log scale)"), "time": _("time, cost model (s, log scale)")}


def _x_axis_buttons() -> list[tuple[str, str]]:
    """The "loss against" toggle's buttons: (name shown, value)."""
    return [(_("updates"), "updates"), (_("epochs"), "epochs"), (_("examples seen"), "examples seen"),
            (_("time"), "time")]


def _schedule_buttons() -> list[tuple[str, str]]:
    """The schedule toggle's buttons: (name shown, value)."""
    return [(_("constant"), "constant"), (_("decaying"), "decaying")]


def batch_size_options(n: int) -> list[int]:
    """Readable batch sizes for a slider: 1, 2, 4, ... (powers of two below ``n``), then ``n``."""
    n = check.as_int("n", n, minimum=1)
    out = [1]
    while out[-1] * 2 < n:
        out.append(out[-1] * 2)
    return out + [n] if out[-1] != n else out


@styled
def minibatch_figure(x: Any, y: Any, w0: float, b0: float, *,
                     view: tuple[tuple[float, float], tuple[float, float]],
                     zoom: tuple[float, float], max_epochs: int = 40,
                     lr_exponents: tuple[float, float] = (-3.0, -0.7),
                     defaults: dict[str, Any] | None = None,
                     name: str = "minibatch") -> LiveFigure:
    """The heart of notebook 04: the path of mini-batch gradient descent from ``(w0, b0)``.

    Controls: the batch size (1, 2, 4, ..., n), the learning rate (log scale, from
    ``10**lr_exponents[0]`` to ``10**lr_exponents[1]``), the number of epochs, the seed of the
    shuffling, the schedule (constant or decaying learning rate) and what the loss panel counts
    along its x-axis (updates, epochs, examples seen or time). Panels: the paths on the loss
    contours (``view``: the ``(w, b)`` limits), a zoom of ``zoom`` = (half-width in w, in b)
    around the minimum, and the loss above the minimum. Batch GD (batch size n) is always drawn
    as the reference. The time axis is a cost model: each update costs the time of one gradient
    of its batch size, measured on this machine when the figure is made. Notebook 04.
    """
    loss = QuadraticLoss(x, y)
    x, y, n = loss.x, loss.y, loss.n
    w0, b0 = check.as_float("w0", w0), check.as_float("b0", b0)
    max_epochs = check.as_int("max_epochs", max_epochs, minimum=1, maximum=200)
    options = batch_size_options(n)
    seconds = gradient_seconds(x, y, options, rng=0)  # (len(options),)
    w_min, b_min = loss.w_min, loss.b_min

    fig, (ax_path, ax_zoom, ax_loss) = new_figure(3, width=13.5, height=5.2)

    # Panels 1 and 2: the contours (drawn once), the two paths, the minimum.
    (w_lo, w_hi), (b_lo, b_hi) = view
    ws, bs = np.linspace(w_lo, w_hi, 120), np.linspace(b_lo, b_hi, 120)
    draw_contour(ax_path, ws, bs, loss.grid(ws, bs))
    zws, zbs = window((w_min, b_min), zoom)
    draw_contour(ax_zoom, zws, zbs, loss.grid(zws, zbs))
    paths, ends, stars = [], [], []
    for ax in (ax_path, ax_zoom):
        full = draw_path(ax, [w0], [b0], color=COLORS["reference"], linewidth=2.2, markersize=5,
                         label=_("batch GD (B = N)"))
        mine = draw_path(ax, [w0], [b0], color=COLORS["path"], linewidth=1.4, markersize=4,
                         label=_("your batch size"))
        end = draw_point(ax, w0, b0, color=COLORS["path"], markersize=10)
        # over the paths and the end marker (animated artists are drawn over the background)
        stars.append(draw_point(ax, w_min, b_min, color=COLORS["truth"], marker="*", markersize=17,
                                zorder=8, label=_("minimum of the loss")))
        paths.append((full, mine))
        ends.append(end)
    start = draw_point(ax_path, w0, b0, color=COLORS["muted"], marker="s", markersize=9,
                       label=_("start"))
    ax_path.set_xlim(w_lo, w_hi)
    ax_path.set_ylim(b_lo, b_hi)
    ax_path.set_title(_("the path of the weights"))
    # the paths are named in the loss panel's legend; here only the two points, in a corner
    # that neither the paths nor the minimum reach
    ax_path.legend(handles=[stars[0], start], loc="upper left", fontsize=12)
    ax_zoom.set_xlim(zws[0], zws[-1])
    ax_zoom.set_ylim(zbs[0], zbs[-1])
    ax_zoom.set_title(_("zoom around the minimum"))

    # Panel 3: loss above the minimum against what is counted.
    curve_full = draw_above_minimum_panel(
        ax_loss, ABOVE_MINIMUM_LIMITS, log_x=True, xlabel=_x_axis_labels()["epochs"],
        ylabel=_("loss above the minimum ({loss_min:.2f})").format(loss_min=loss.loss_min),
        color=COLORS["reference"], linewidth=2.2, markersize=6, label=_("batch GD (B = N)"))
    curve_mine = draw_curve(ax_loss, [1.0], [1.0], color=COLORS["path"], linewidth=1.0,
                            markersize=4, alpha=0.55, label=_("your batch size"))
    curve_mean = draw_curve(ax_loss, [1.0], [1.0], color=COLORS["model"], linewidth=2.4,
                            label=_("  its mean over the last epoch"))
    ax_loss.legend(loc="lower left", fontsize=12)
    top = max_epochs * n
    x_limits = {
        "updates": (1.0, top * 1.3),
        "epochs": (1.0 / n, max_epochs * 1.3),
        "examples seen": (1.0, top * 1.3),
        "time": (seconds.min() * 0.7, top * seconds.max() * 1.3),
    }
    caption = fig.suptitle(" ", x=0.01, ha="left", fontsize=15)

    def along(run: MiniBatchRun, axis: str) -> np.ndarray:
        """The x-values of the loss after each update (the start is left out: log axis)."""
        if axis == "updates":
            return np.arange(1, run.num_updates + 1, dtype=float)
        if axis == "epochs":
            return run.epochs[1:]
        if axis == "examples seen":
            return run.examples[1:]
        return np.cumsum(np.interp(run.sizes, options, seconds))

    state: dict[str, Any] = {"axis": None, "ref": (None, None)}

    def reference(lr: float, num_epochs: int, decay: float | None) -> MiniBatchRun:
        """Batch GD: the same for every seed (one batch of all the data), so kept between frames."""
        key = (lr, num_epochs, decay)
        if state["ref"][0] != key:
            state["ref"] = (key, minibatch_descend(loss, w0, b0, lr, n, num_epochs, 0, lr_decay=decay))
        return state["ref"][1]

    def update(batch_size: int, lr: float, num_epochs: int, seed: int, schedule: str,
               x_axis: str) -> bool:
        decay = LR_DECAY if schedule == "decaying" else None
        run = minibatch_descend(loss, w0, b0, lr, batch_size, num_epochs, seed, lr_decay=decay)
        ref = reference(lr, num_epochs, decay)
        keep = path_indices(run.num_updates + 1)
        for (full, mine), end in zip(paths, ends):
            full.set_data(ref.w, ref.b)
            mine.set_data(run.w[keep], run.b[keep])
            mine.set_marker("" if run.num_updates > 80 else "o")
            end.set_data([run.w[-1]], [run.b[-1]])
        curve_full.set_data(along(ref, x_axis), clip_for_log(ref.above_minimum[1:], ABOVE_MINIMUM_LIMITS))
        curve_full.set_marker("" if ref.num_updates > 80 else "o")
        t = along(run, x_axis)
        few = log_spaced_indices(len(t))
        above = clip_for_log(run.above_minimum[1:], ABOVE_MINIMUM_LIMITS)
        curve_mine.set_data(t[few], above[few])
        curve_mine.set_marker("" if run.num_updates > 80 else "o")
        per_epoch = updates_per_epoch(n, batch_size)  # the mean is drawn from the end of the first epoch on
        full_epochs = few[few >= per_epoch - 1]
        mean = clip_for_log(running_mean(run.above_minimum[1:], per_epoch), ABOVE_MINIMUM_LIMITS)
        curve_mean.set_data(t[full_epochs], mean[full_epochs])
        curve_mean.set_visible(per_epoch > 1)  # for batch GD the mean is the curve itself
        # Few words: every letter of an animated text costs drawing time at every frame.
        mine_text = (_("diverged at update {update}, stopped").format(update=run.diverged_at)
                     if run.diverged else _("loss {loss:,.1f}").format(loss=run.loss[-1]))
        ref_text = _("diverged, stopped") if ref.diverged else f"{ref.loss[-1]:,.1f}"
        rate = (_("η = {lr:.3g} ÷ (1 + {decay:g} × epochs done)").format(lr=lr, decay=LR_DECAY) if decay
                else _("η = {lr:.3g}, constant").format(lr=lr))
        caption.set_text(_("B = {batch_size}, {rate}, seed {seed}: {mine}  |  batch GD: {ref}").format(
            batch_size=batch_size, rate=rate, seed=seed, mine=mine_text, ref=ref_text))
        if x_axis != state["axis"]:  # changes the background: LiveFigure notices by itself
            ax_loss.set_xlim(*x_limits[x_axis])
            ax_loss.set_xlabel(_x_axis_labels()[x_axis])
            state["axis"] = x_axis

    defaults = {"batch_size": 8, "lr": 0.02, "num_epochs": 10, "seed": 0,
                "schedule": "constant", "x_axis": "epochs", **(defaults or {})}
    controls = {
        "batch_size": choice_slider(_("batch size B"), options, defaults["batch_size"]),
        "lr": log_slider(_("learning rate"), defaults["lr"], *lr_exponents),
        "num_epochs": int_slider(_("epochs"), defaults["num_epochs"], 1, max_epochs),
        "seed": int_slider(_("seed (shuffling)"), defaults["seed"], 0, 20),
        # (label, value) buttons: the label in the course's language, the value a fixed key
        "schedule": toggle(_("learning rate"), _schedule_buttons(), defaults["schedule"]),
        "x_axis": toggle(_("loss against"), _x_axis_buttons(), defaults["x_axis"]),
    }
    animated = [*(a for pair in paths for a in pair), *ends, *stars, curve_full, curve_mine,
                curve_mean, caption]
    lf = LiveFigure(fig, update, controls, name=name, animated=animated)
    lr = 0.2 * loss.max_stable_lr  # a fifth of batch GD's largest stable rate, from the data
    same = {"lr": lr, "num_epochs": defaults["num_epochs"], "seed": 0, "schedule": "constant", "x_axis": "epochs"}
    lf.add_preset(_("batch GD"), note=_("B = N = {n}: one update per epoch, smooth but slow").format(n=n),
                  **same, batch_size=n)
    lf.add_preset(_("SGD"), note=_("B = 1: {n} updates per epoch, far ahead per epoch, and jittery").format(n=n),
                  **same, batch_size=1)
    lf.add_preset(_("mini-batch 16"), note=_("B = 16: {count} updates per epoch, almost as far as SGD, much "
                                             "smoother").format(count=-(-n // 16)), **same, batch_size=16)
    lf.add_preset(_("constant η jitters"), note=_("B = 1, {epochs} epochs, constant η: it wanders around "
                                                  "the minimum and never settles").format(
                      epochs=max_epochs), **{**same, "num_epochs": max_epochs}, batch_size=1)
    lf.add_preset(_("decaying η settles"), note=_("B = 1, {epochs} epochs, η shrinking every epoch: it "
                                                  "settles at the minimum").format(
                      epochs=max_epochs), **{**same, "num_epochs": max_epochs, "schedule": "decaying"},
                  batch_size=1)
    return lf


# --------------------------------------------------------------------------------------------
# The noise of a mini-batch gradient
# --------------------------------------------------------------------------------------------


@styled
def gradient_noise_figure(x: Any, y: Any, points: dict[str, tuple[float, float]], *,
                          num_batches: int = 200, name: str = "gradient-noise") -> LiveFigure:
    """The gradients of ``num_batches`` random mini-batches around the full gradient, at each of
    the named ``points`` ``(w, b)`` (one panel each, e.g. the start and the minimum), and their
    spread against the batch size with the ``1/sqrt(B)`` law (last panel). Controls: batch
    size, seed (which random batches). Notebook 04."""
    x, y = check.as_pair(("x", "y"), x, y)
    n = len(x)
    num_batches = check.as_int("num_batches", num_batches, minimum=10, maximum=5000)
    if not 1 <= len(points) <= 3:
        raise ValueError(_("points must name one to three points (w, b); got {count}").format(
            count=len(points)))
    options = batch_size_options(n)
    small = [s for s in options if s < n]  # at B = N the spread is 0: no place on a log axis
    fig, axes = new_figure(len(points) + 1, width=min(13.5, 4.3 * len(points) + 4.8), height=5.3)
    *cloud_axes, ax_spread = axes
    colors = [COLORS["path"], COLORS["highlight"], COLORS["data"]]

    panels = []
    for ax, color, (label, (w, b)) in zip(cloud_axes, colors, points.items()):
        w = check.as_float(_("{label}'s w").format(label=label), w)
        b = check.as_float(_("{label}'s b").format(label=label), b)
        # each example's own gradient, shape (n, 2): a batch of one
        each = np.column_stack(minibatch_gradients(x, y, w, b, np.arange(n)[:, None]))
        full = tuple(float(g) for g in each.mean(axis=0))  # the mean of the examples' gradients
        per_example = float(gradient_spread(each, full))
        lo = np.minimum(np.percentile(each.T, 1, axis=1), 0.0)
        hi = np.maximum(np.percentile(each.T, 99, axis=1), 0.0)
        pad = 0.08 * (hi - lo)
        ax.axhline(0, color=COLORS["muted"], linewidth=1)
        ax.axvline(0, color=COLORS["muted"], linewidth=1)
        (cloud,) = ax.plot(np.zeros(num_batches), np.zeros(num_batches), "o", markersize=5,
                           color=color, alpha=0.5, markeredgewidth=0, zorder=3,
                           # markers draw faster than a scatter
                           label=_("{count} mini-batches").format(count=num_batches))
        (arrow,) = ax.plot([0, full[0]], [0, full[1]], color=COLORS["reference"], linewidth=3, zorder=4)
        tip = draw_point(ax, full[0], full[1], color=COLORS["reference"], markersize=13,
                         label=_("full gradient"))
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
        ax.set_ylim(lo[1] - pad[1], hi[1] + 4 * pad[1])  # room for the legend
        ax.set_xlabel("dL/dw")
        ax.set_ylabel("dL/db")
        ax.legend(loc="upper left", fontsize=12)
        ax.set_title(f"{label}: w = {w:.1f}, b = {b:.1f}")
        panels.append({"each": each, "full": full, "per_example": per_example, "cloud": cloud,
                       "arrow": [arrow, tip]})  # animated too, so that they stay above the cloud

    for panel, color, label in zip(panels, colors, points):
        theory = spread_theory(panel["per_example"], small, n)
        ax_spread.plot(small, panel["per_example"] / np.sqrt(small), "--", color=COLORS["truth"],
                       linewidth=1.5)
        ax_spread.plot(small, theory, color=color, linewidth=2, label=label)
        panel["measured"] = draw_curve(ax_spread, small, theory, color=color, marker="o",
                                       linestyle="none", markersize=9, markeredgecolor="white")
        panel["current"] = draw_point(ax_spread, 1.0, panel["per_example"], color=color,
                                      markersize=18, markerfacecolor="none", markeredgecolor=color,
                                      markeredgewidth=3)
    ax_spread.plot([], [], "o", color=COLORS["muted"], markersize=9, label=_("measured"))
    ax_spread.plot([], [], "--", color=COLORS["truth"], linewidth=1.5, label="spread(1) / √B")
    log_axes(ax_spread)
    ax_spread.set_xlim(0.7, n * 1.3)
    low = min(p["per_example"] for p in panels) / np.sqrt(n) * 0.3
    high = max(p["per_example"] for p in panels) * 2.5
    ax_spread.set_ylim(low, high)
    ax_spread.set_xlabel(_("batch size B (log scale)"))
    ax_spread.set_ylabel(_("spread of the batch gradient"))
    ax_spread.legend(loc="upper right", fontsize=12)
    ax_spread.set_title(_("spread against the batch size"))
    caption = fig.suptitle(" ", x=0.01, ha="left", fontsize=15)
    cache: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}

    def draws(seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per point: :func:`helpers.optim.random_batch_gradients` (the same random batches at
        every point: one seed), kept for the last few seeds."""
        if seed not in cache:
            if len(cache) >= 8:
                cache.clear()
            cache[seed] = [random_batch_gradients(p["each"], small, num_batches, seed) for p in panels]
        return cache[seed]

    def update(batch_size: int, seed: int) -> None:
        results = draws(seed)
        for p, (grads, spread) in zip(panels, results):
            if batch_size < n:
                i = small.index(batch_size)
                p["cloud"].set_data(grads[i, :, 0], grads[i, :, 1])
                p["current"].set_data([batch_size], [spread[i]])
            else:
                p["cloud"].set_data([p["full"][0]], [p["full"][1]])
            p["current"].set_visible(batch_size < n)
            p["measured"].set_data(small, spread)
        # Short: every letter of an animated text costs drawing time (the rings show the spreads).
        caption.set_text((_("B = {batch_size}, seed {seed}: every batch is all the data") if batch_size == n
                          else _("B = {batch_size}, seed {seed}")).format(batch_size=batch_size, seed=seed))

    controls = {
        "batch_size": choice_slider(_("batch size B"), options, options[0]),
        "seed": int_slider(_("seed"), 0, 0, 20),
    }
    animated = [*(p["cloud"] for p in panels), *(a for p in panels for a in p["arrow"]),
                *(p["measured"] for p in panels), *(p["current"] for p in panels), caption]
    lf = LiveFigure(fig, update, controls, name=name, animated=animated)
    # (the preset names are symbols, the same in every language)
    lf.add_preset("B = 1", note=_("one example per batch: at the minimum the full gradient is 0, "
                                  "theirs are not"), batch_size=1, seed=0)
    lf.add_preset("B = 32", note=_("32 examples per batch: the spread is about 1/√32 ≈ {ratio:.2f} "
                                   "of B = 1's").format(ratio=1 / np.sqrt(32)), batch_size=32, seed=0)
    lf.add_preset("B = N", note=_("B = {n}: every batch is all the data, so every batch gradient is the "
                                  "full gradient").format(n=n), batch_size=n, seed=0)
    return lf


# --------------------------------------------------------------------------------------------
# The outlier
# --------------------------------------------------------------------------------------------


@styled
def outlier_figure(x: Any, y: Any, outlier: int, lr: float, *,
                   zoom: tuple[float, float], x_name: str = "x", y_name: str = "y",
                   name: str = "outlier") -> LiveFigure:
    """One epoch of mini-batch gradient descent that starts at the minimum of data holding one
    outlier (example ``outlier``). Panels: the data with the outlier marked; the path of the
    weights around the start (``zoom``: half-widths in w and b), with the update whose batch
    held the outlier drawn thick; the length of every update. Controls: batch size, seed.
    Notebook 04."""
    loss = QuadraticLoss(x, y)
    x, y, n = loss.x, loss.y, loss.n
    outlier = check.as_int("outlier", outlier, minimum=0, maximum=n - 1)
    lr = check.learning_rate(lr)
    options = batch_size_options(n)
    w_min, b_min = loss.w_min, loss.b_min
    fig, (ax_data, ax_path, ax_steps) = new_figure(3, width=13.5, height=5.3)

    normal = np.arange(n) != outlier
    draw_data(ax_data, x[normal], y[normal], s=30, label=_("ordinary runs"), x_name=x_name,
              y_name=y_name)
    draw_data(ax_data, x[~normal], y[~normal], s=180, marker="X", color=COLORS["highlight"],
              label=_("the outlier"))
    x_range = (float(x.min()) - 0.5, float(x.max()) + 0.5)
    draw_line(ax_data, w_min, b_min, x_range, label=_("least-squares line"))
    ax_data.set_xlim(*x_range)
    ax_data.legend(loc="upper left", fontsize=12)
    ax_data.set_title(_("the data"))

    zws, zbs = window((w_min, b_min), zoom)
    draw_contour(ax_path, zws, zbs, loss.grid(zws, zbs))
    path = draw_path(ax_path, [w_min], [b_min], linewidth=1.4, markersize=3)
    jump = draw_path(ax_path, [w_min, w_min], [b_min, b_min], color=COLORS["highlight"], linewidth=5,
                     marker="", label=_("the update with the outlier"))
    draw_point(ax_path, w_min, b_min, color=COLORS["truth"], marker="*", markersize=17,
               label=_("start = minimum"))
    ax_path.set_xlim(zws[0], zws[-1])
    ax_path.set_ylim(zbs[0], zbs[-1])
    ax_path.legend(loc="upper left", fontsize=12)
    ax_path.set_title(_("one epoch, from the minimum"))

    steps = draw_curve(ax_steps, [0.0], [1.0], color=COLORS["path"], linewidth=1.2)
    mark = draw_point(ax_steps, 0.0, 1.0, color=COLORS["highlight"], marker="X", markersize=15,
                      label=_("the update with the outlier"))
    log_axes(ax_steps, "y")
    ax_steps.set_xlim(0, 1)
    ax_steps.set_xlabel(_("epochs"))
    ax_steps.set_ylabel(_("length of each update"))
    ax_steps.legend(loc="upper left", fontsize=12)
    caption = fig.suptitle(" ", x=0.01, ha="left", fontsize=15)

    # Fixed limits for the update lengths: from the smallest to the largest over batch sizes.
    def lengths(run: MiniBatchRun) -> np.ndarray:
        return np.hypot(np.diff(run.w), np.diff(run.b))  # (k,)

    biggest = lengths(minibatch_descend(loss, w_min, b_min, lr, 1, 1, 0)).max()
    ax_steps.set_ylim(biggest * 1e-4, biggest * 3)

    def update(batch_size: int, seed: int) -> None:
        run = minibatch_descend(loss, w_min, b_min, lr, batch_size, 1, seed)
        k = first_batch_holding(n, batch_size, seed, outlier)
        keep = path_indices(run.num_updates + 1)
        path.set_data(run.w[keep], run.b[keep])
        path.set_marker("" if run.num_updates > 80 else "o")
        jump.set_data(run.w[k:k + 2], run.b[k:k + 2])
        size = np.maximum(lengths(run), biggest * 1e-4)
        t = run.epochs[1:]
        steps.set_data(t, size)
        mark.set_data([t[k]], [size[k]])
        if run.num_updates == 1:
            caption.set_text(_("B = {batch_size}, seed {seed}: batch GD stays at the minimum").format(
                batch_size=batch_size, seed=seed))
            return
        typical = float(np.median(np.delete(size, k)))
        caption.set_text(_("B = {batch_size}, seed {seed}: outlier's step = {ratio:,.0f}× the median "
                           "step").format(batch_size=batch_size, seed=seed, ratio=size[k] / typical))

    controls = {
        "batch_size": choice_slider(_("batch size B"), options, 1),
        "seed": int_slider(_("seed (shuffling)"), 0, 0, 20),
    }
    lf = LiveFigure(fig, update, controls, name=name, animated=[path, jump, steps, mark, caption])
    lf.add_preset("B = 1", note=_("the outlier gets an update to itself: by far the longest step of the "
                                  "epoch"), batch_size=1, seed=0)
    lf.add_preset("B = 64", note=_("the outlier is one voice in 64: its update is only a few times the "
                                   "median one"), batch_size=64, seed=0)
    return lf


# --------------------------------------------------------------------------------------------
# Where does it end? (static figures)
# --------------------------------------------------------------------------------------------


@styled
def settle_figure(x: Any, y: Any, runs: dict[str, dict[int, list[MiniBatchRun]]], *,
                  zoom: tuple[float, float]) -> Figure:
    """Where mini-batch gradient descent ends. ``runs[schedule][batch_size]``: runs that differ
    only in their seed, for the schedules ``"constant"`` and ``"decaying"``. Left and middle:
    the final weights of every run around the minimum (``zoom``: half-widths in w and b), one
    panel per schedule; right: the loss above the minimum along the epochs, averaged over the
    seeds. Notebook 04."""
    loss = QuadraticLoss(x, y)
    w_min, b_min = loss.w_min, loss.b_min
    fig, (ax_const, ax_decay, ax_loss) = new_figure(3, width=13.5, height=5.3)
    zws, zbs = window((w_min, b_min), zoom)
    grid = loss.grid(zws, zbs)
    colors = [COLORS["path"], COLORS["data"], COLORS["highlight"], COLORS["reference"]]
    titles = {"constant": _("final weights, constant η"), "decaying": _("final weights, decaying η")}
    for ax, schedule in ((ax_const, "constant"), (ax_decay, "decaying")):
        draw_contour(ax, zws, zbs, grid, cmap="Greys_r", alpha=0.35)
        for color, (size, group) in zip(colors, runs[schedule].items()):
            ax.scatter([r.w[-1] for r in group], [r.b[-1] for r in group], s=60, color=color,
                       edgecolor="white", linewidth=0.8, zorder=4, label=f"B = {size}")
        draw_point(ax, w_min, b_min, color=COLORS["truth"], marker="*", markersize=17)
        ax.set_xlim(zws[0], zws[-1])
        ax.set_ylim(zbs[0], zbs[-1])
        ax.set_title(titles[schedule])
    ax_const.legend(loc="upper left", fontsize=12)
    legends = {"constant": _("B = {size}, constant"), "decaying": _("B = {size}, decaying")}
    for color, size in zip(colors, runs["constant"]):
        for schedule, style in (("constant", "-"), ("decaying", ":")):
            group = runs[schedule][size]
            epochs = group[0].epochs[1:]
            per_epoch = updates_per_epoch(group[0].n, size)
            mean = np.mean([running_mean(r.above_minimum[1:], per_epoch) for r in group], axis=0)
            keep = log_spaced_indices(len(epochs))
            ax_loss.plot(epochs[keep], clip_for_log(mean[keep], (1e-4, 1e3)), style, color=color, linewidth=2.2,
                         label=legends[schedule].format(size=size))
    log_axes(ax_loss)
    ax_loss.set_ylim(1e-4, 1e3)
    ax_loss.set_xlabel(_("epochs (log scale)"))
    ax_loss.set_ylabel(_("loss above the minimum\n(mean over the last epoch)"))
    ax_loss.set_title(_("average over the seeds"))
    ax_loss.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=12)  # beside the curves
    return fig


@styled
def real_data_figure(x: Any, y: Any, runs: dict[str, MiniBatchRun], *, x_name: str,
                     y_name: str) -> Figure:
    """The closing run on real data: the data with the line of each run in ``runs`` (keyed by
    a label) and the least-squares line (left), and each run's loss above the minimum along
    the epochs (right). ``x``, ``y``: shape ``(n,)``. Notebook 04."""
    loss = QuadraticLoss(x, y)
    x, y = loss.x, loss.y
    w_min, b_min = loss.w_min, loss.b_min
    fig, (ax_data, ax_loss) = new_figure(2, width=13.5, height=5.3)
    limits = (1e-7, 1.0)
    draw_data(ax_data, x, y, s=30, x_name=x_name, y_name=y_name)
    x_range = (float(x.min()), float(x.max()))
    draw_line(ax_data, w_min, b_min, x_range, color=COLORS["truth"], linestyle="--", linewidth=2,
              label=_("least squares: w = {w:.3f}, b = {b:.3f}").format(w=w_min, b=b_min), zorder=5)
    # one Okabe-Ito colour per series, none shared with the data (blue) or least squares (black)
    colors = [PALETTE["orange"], PALETTE["purple"], PALETTE["green"], PALETTE["sky"]]
    if len(runs) > len(colors):
        raise ValueError(_("at most {most} runs, one colour each; got {count}").format(
            most=len(colors), count=len(runs)))
    tops = [float(y.max())]
    for color, (label, run) in zip(colors, runs.items()):
        tops += [run.w[-1] * u + run.b[-1] for u in x_range]
        draw_line(ax_data, run.w[-1], run.b[-1], x_range, color=color, linewidth=2,
                  label=f"{label}: w = {run.w[-1]:.3f}, b = {run.b[-1]:.3f}")
        keep = log_spaced_indices(run.num_updates)
        ax_loss.plot(run.epochs[1:][keep], clip_for_log(run.above_minimum[1:], limits)[keep], color=color,
                     linewidth=1.4, label=label)
    # room above the data and the lines for the legend (it must cover neither)
    bottom, top = ax_data.get_ylim()[0], max(tops)
    ax_data.set_ylim(bottom, top + 0.75 * (top - bottom))
    ax_data.legend(loc="upper left", fontsize=12)
    log_axes(ax_loss)
    ax_loss.set_ylim(*limits)
    ax_loss.set_xlabel(_("epochs (log scale)"))
    ax_loss.set_ylabel(_("loss above the minimum"))
    ax_loss.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=12)  # beside the curves
    return fig


@styled
def schedules_figure(runs: dict[str, list[MiniBatchRun]]) -> Figure:
    """Two ways to calm the noise: ``runs[label]`` holds runs that differ only in their seed
    (e.g. a constant learning rate, a decaying one, a growing batch). The loss above the
    minimum averaged over each epoch and over the seeds, against the epochs (left) and against
    the updates made (right). Notebook 04."""
    fig, axes = new_figure(2, width=13.0, height=5.0, sharey=True)
    colours = [PALETTE["orange"], PALETTE["purple"], PALETTE["green"], PALETTE["blue"]]
    styles = ["-", ":", "--", "-."]
    if len(runs) > len(colours):
        raise ValueError(_("at most {most} groups of runs, one colour each; got {count}").format(
            most=len(colours), count=len(runs)))
    limits = (1e-3, 1e3)
    for colour, style, (label, group) in zip(colours, styles, runs.items()):
        level = np.mean([run.epoch_means() for run in group], axis=0)  # (epochs,)
        epochs = np.arange(1, len(level) + 1)
        ends = group[0].examples[1:] / group[0].n  # epochs done after each update
        updates = np.searchsorted(ends, epochs - 1e-9) + 1  # updates made by each epoch's end
        for ax, along in zip(axes, (epochs, updates)):
            ax.plot(along, clip_for_log(level, limits), style, color=colour, linewidth=2.6, label=label)
    for ax, xlabel in zip(axes, (_("epochs (log scale)"), _("updates made (log scale)"))):
        log_axes(ax)
        ax.set_xlabel(xlabel)
    axes[0].set_ylim(*limits)
    axes[0].set_ylabel(_("loss above the minimum\n(mean over each epoch)"))
    axes[0].set_title(_("against the epochs"))
    axes[1].set_title(_("against the updates"))
    axes[0].legend(loc="upper right", fontsize=13)
    return fig


@styled
def methods_figure(x: Any, y: Any, runs: dict[str, MiniBatchRun], *,
                   view: tuple[tuple[float, float], tuple[float, float]]) -> Figure:
    """Batch, stochastic and mini-batch gradient descent side by side: one panel per run in
    ``runs`` (keyed by a title), each on the same contour map of the loss (``view``: the
    ``(w, b)`` limits), with the start, the path and the minimum. Notebook 04."""
    loss = QuadraticLoss(x, y)
    (w_lo, w_hi), (b_lo, b_hi) = view
    ws, bs = np.linspace(w_lo, w_hi, 120), np.linspace(b_lo, b_hi, 120)
    grid = loss.grid(ws, bs)
    fig, axes = new_figure(len(runs), width=13.0, height=4.9, sharey=True)
    for ax, (title, run) in zip(axes, runs.items()):
        draw_contour(ax, ws, bs, grid)
        keep = path_indices(run.num_updates + 1)
        draw_path(ax, run.w[keep], run.b[keep], color=COLORS["path"], linewidth=1.4,
                  markersize=0 if run.num_updates > 80 else 4)
        draw_point(ax, run.w[0], run.b[0], color=COLORS["muted"], marker="s", markersize=10)
        draw_point(ax, run.w[-1], run.b[-1], color=COLORS["path"], markersize=11)
        draw_point(ax, loss.w_min, loss.b_min, color=COLORS["truth"], marker="*", markersize=18,
                   zorder=8)
        ax.set_xlim(w_lo, w_hi)
        ax.set_ylim(b_lo, b_hi)
        ax.set_title(_("{title}\n{count:,} updates").format(title=title, count=run.num_updates))
        if ax is not axes[0]:
            ax.set_ylabel("")
    return fig
