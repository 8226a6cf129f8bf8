"""How fast does each live figure follow its sliders? (Python side; not part of the tests.)

    python benchmarks/live_latency.py                      # every notebook in notebooks/
    python benchmarks/live_latency.py notebooks/03_*.ipynb --changes 30 --json artifacts/live_latency.json

For every notebook, this executes the notebook in a fresh kernel (nbclient) and then, in that
same kernel, takes every live figure it left open (``LiveFigure.open_figures()``: new figures are
picked up without editing this script) and times, per slider, ``--changes`` values spread over
the slider's range (in order, as a drag would visit them; the other sliders stay at their
defaults). One change is timed end to end as the kernel handles a slider message: the
control's new value goes through the figure's observer, which recomputes what the figure shows
(the whole trajectory, where it shows one), draws the frame and encodes it as PNG bytes into the
figure's image widget.

Baseline, in the same kernel on the same figure and data: what a notebook built on
``interact`` does on every change. The figure-building function that made the live figure is
called again with the same arguments (a new figure with all its axes, data, labels and
artists; only the live-figure machinery is left out: no widget view, no cached background, no
frame drawn), the same ``update`` function moves its artists to the new values, and
``Figure.savefig(format="png")`` draws the whole figure (layout engine included) and encodes it
with matplotlib's usual PNG writer. That is one full draw per change; IPython's inline backend
does more (``bbox_inches="tight"`` draws twice), so the speed-up printed here is a lower bound.
The baseline is timed on ``--baseline-changes`` values per slider, picked evenly from
the same values. A figure not made by a function in
``helpers.figures`` has no builder to call again; its baseline then is a full redraw of the same
figure (no rebuild), and the table says so.

Also measured: the kernel's CPU time per change and the bytes each change sends to the browser
(the PNG payloads put into the figure's image widgets) — what a class of learners multiplies.

Targets (this machine, 2 slow cores), per live figure: median change <= 30 ms, at least 3x faster
than the baseline, median CPU <= 12 ms, median frame <= 30 kB and largest frame <= 60 kB. The
exit status is 1 when a figure misses a target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MARK = "@@live-latency@@"
TARGET_MS = 30.0
TARGET_SPEEDUP = 3.0
TARGET_CPU_MS = 12.0      # kernel CPU per change, median: what a hub core pays per learner's frame
TARGET_KB = 30.0          # bytes sent per frame, median and maximum: what a classroom's network pays
TARGET_KB_MAX = 60.0

# Runs before the notebook: remember how each live figure was built (function and arguments), so
# the baseline can build it again.
RECORD_BUILDS = r'''
import functools as _ft, importlib as _il, inspect as _insp, pkgutil as _pk
import helpers.figures as _hf
from helpers.live import LiveFigure as _LF
_BENCH_BUILDS = {}
def _bench_record(fn):
    @_ft.wraps(fn)
    def wrapper(*args, **kwargs):
        out = fn(*args, **kwargs)
        if isinstance(out, _LF):
            _BENCH_BUILDS[id(out)] = (fn, args, kwargs)
        return out
    return wrapper
for _info in _pk.iter_modules(_hf.__path__):
    _mod = _il.import_module(f"helpers.figures.{_info.name}")
    for _name, _obj in list(vars(_mod).items()):
        if _insp.isfunction(_obj) and _obj.__module__ == _mod.__name__ and not _name.startswith("_"):
            setattr(_mod, _name, _bench_record(_obj))
'''

# Runs after the notebook, in its kernel: the measurement.
MEASURE = r'''
import contextlib, io, json, time
import ipywidgets as widgets
import numpy as np
import helpers.live
from helpers.live import LiveFigure
from helpers.style import course_style

CHANGES = __CHANGES__
BASELINE_CHANGES = __BASELINE__

def grid(control, n):
    """Up to n values over the control's range, in order, no two neighbours equal."""
    if hasattr(control, "options"):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        idx = list(range(len(opts)))
        seq = idx + idx[-2:0:-1] if len(idx) > 1 else idx
        return [opts[seq[i % len(seq)]] for i in range(n)] if len(opts) > 1 else []
    if isinstance(control, widgets.Checkbox) or isinstance(control.value, bool):
        return [bool(i % 2 == 0) != control.value for i in range(n)]
    if isinstance(control, widgets.FloatLogSlider):
        exps = np.round(np.linspace(control.min, control.max, n) / control.step) * control.step
        return [float(control.base ** e) for e in exps]
    if isinstance(control, (widgets.IntSlider, widgets.IntRangeSlider, widgets.BoundedIntText)):
        k = control.max - control.min
        if k + 1 >= n:
            return [int(round(v)) for v in np.linspace(control.min, control.max, n)]
        span = list(range(control.min, control.max + 1))
        seq = span + span[-2:0:-1]
        return [seq[i % len(seq)] for i in range(n)]
    steps = np.round((np.linspace(control.min, control.max, n) - control.min) / control.step)
    return [float(min(control.max, control.min + s * control.step)) for s in steps]

def dedupe(values, start):
    out, last = [], start
    for v in values:
        if v != last:
            out.append(v)
            last = v
    return out

class _Captured(Exception):
    pass

@contextlib.contextmanager
def capture_builds():
    """While inside, making a LiveFigure only records its parts (no widget view, no drawing)."""
    captured = []
    original = LiveFigure.__init__
    def init(self, fig, update, controls, *, name, animated=(), readout=None, **parts):
        self.fig, self._update, self.controls, self.name = fig, update, dict(controls), name
        self._bench_extra = [readout.widget] if readout is not None else []
        self.presets = {}
        self.add_preset = lambda *args, **kwargs: self  # presets are buttons: nothing to draw
        captured.append(self)
    LiveFigure.__init__ = init
    try:
        yield captured
    finally:
        LiveFigure.__init__ = original

def baseline_change(lf, values):
    """One change the interact way: build the figure again, move it, draw it all, encode it."""
    build = _BENCH_BUILDS.get(id(lf))
    if build is None:           # no builder: a full redraw of the same figure
        animated = [a for a in lf.fig.findobj() if a.get_animated()]
        with course_style():
            lf._update(**values)
            for a in animated:
                a.set_animated(False)
            buf = io.BytesIO()
            lf.fig.savefig(buf, format="png", dpi=lf.fig.dpi)
        for a in animated:
            a.set_animated(True)
        return buf
    fn, args, kwargs = build
    with capture_builds() as made:
        fn(*args, **kwargs)
    copy = made[-1]
    with course_style():
        copy._update(**values)
        buf = io.BytesIO()
        copy.fig.savefig(buf, format="png", dpi=copy.fig.dpi)
    for control in copy.controls.values():
        control.close()
    for child in getattr(copy, "_bench_extra", []):
        child.close()
    return buf

def sent_bytes(lf):
    """A list that collects, per frame, the bytes put into the figure's image widgets: what goes
    to the browser (the PNG payloads)."""
    frame = [0]
    def on_value(change):
        frame[0] += len(change["new"] or b"")
    for image in lf.images():
        image.observe(on_value, names="value")
    return frame

result = []
for lf in LiveFigure.open_figures():
    start = dict(lf.values)
    sliders, cpu_times, base_times, frame_bytes = {}, {}, [], {}
    counter = sent_bytes(lf)
    rebuilt = id(lf) in _BENCH_BUILDS
    for key, control in lf.controls.items():
        values = dedupe(grid(control, CHANGES), start[key])
        if not values:
            continue
        times, cpu, sizes = [], [], []
        for v in values:
            before = lf.renders
            counter[0] = 0
            c0, t0 = time.thread_time(), time.perf_counter()
            control.value = v                  # as a slider message does: through the observer
            dt, dc = time.perf_counter() - t0, time.thread_time() - c0
            if lf.renders > before:
                times.append(dt * 1000)
                cpu.append(dc * 1000)
                sizes.append(counter[0])
        sliders[key] = times
        cpu_times[key] = cpu
        frame_bytes[key] = sizes
        lf.set(**start)
        picks = np.unique(np.linspace(0, len(values) - 1, BASELINE_CHANGES).round().astype(int))
        for v in [values[i] for i in picks]:
            vals = dict(start, **{key: v})
            t0 = time.perf_counter()
            baseline_change(lf, vals)
            base_times.append((time.perf_counter() - t0) * 1000)
        if not rebuilt:   # the figure itself was moved: draw its frame again
            lf._drawn = None
            lf.redraw()
    lf.set(**start)
    result.append({"name": lf.name, "sliders": sliders, "cpu": cpu_times, "bytes": frame_bytes,
                   "baseline": base_times, "rebuilt": rebuilt,
                   "size": [int(lf.fig.bbox.width), int(lf.fig.bbox.height)]})
print("@@live-latency@@" + json.dumps(result))
'''


def measure_notebook(path: Path, changes: int, baseline: int, timeout: int = 900) -> list[dict]:
    """Execute ``path`` and measure its live figures in the same kernel."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(RECORD_BUILDS))
    nb.cells.append(nbformat.v4.new_code_cell(MEASURE.replace("__CHANGES__", str(changes))
                                          .replace("__BASELINE__", str(baseline))))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            store_widget_state=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    outputs = nb.cells[-1].get("outputs", [])
    text = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    if MARK not in text:
        errors = [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells for o in c.get("outputs", [])
                  if o.get("output_type") == "error"]
        raise RuntimeError(f"{path.name}: the measurement did not finish: {errors or outputs}")
    return json.loads(text.split(MARK, 1)[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarize(notebook: str, figures: list[dict]) -> list[dict]:
    rows = []
    for fig in figures:
        every = [t for times in fig["sliders"].values() for t in times]
        base = fig["baseline"]
        cpu = [t for times in fig["cpu"].values() for t in times]
        sizes = [b / 1000 for frames in fig["bytes"].values() for b in frames]
        row = {"notebook": notebook, "figure": fig["name"], "size": fig["size"],
               "frame_kB_median": statistics.median(sizes) if sizes else float("nan"),
               "frame_kB_max": max(sizes) if sizes else float("nan"),
               "changes": len(every), "median_ms": statistics.median(every) if every else float("nan"),
               "cpu_median_ms": statistics.median(cpu) if cpu else float("nan"),
               "p90_ms": percentile(every, 0.9),
               "baseline_median_ms": statistics.median(base) if base else float("nan"),
               "baseline": "rebuild + full draw + PNG" if fig["rebuilt"] else "full redraw + PNG (no builder)",
               "sliders": {key: {"changes": len(t), "median_ms": statistics.median(t) if t else float("nan"),
                                 "p90_ms": percentile(t, 0.9),
                                 "cpu_median_ms": statistics.median(fig["cpu"][key]) if t else float("nan")}
                           for key, t in fig["sliders"].items()}}
        row["speedup"] = row["baseline_median_ms"] / row["median_ms"] if every and base else float("nan")
        row["ok"] = (row["median_ms"] <= TARGET_MS and row["speedup"] >= TARGET_SPEEDUP
                     and row["cpu_median_ms"] <= TARGET_CPU_MS and row["frame_kB_median"] <= TARGET_KB
                     and row["frame_kB_max"] <= TARGET_KB_MAX)
        rows.append(row)
    return rows


def print_table(rows: list[dict]) -> None:
    head = (f"{'notebook':<30} {'figure':<16} {'slider':<10} {'n':>3} {'median':>7} {'p90':>7} {'cpu':>7}"
            f" {'baseline':>8} {'speed-up':>8} {'frame kB':>9} {'max kB':>7}")
    print(head)
    print("-" * len(head))
    for row in rows:
        print(f"{row['notebook']:<30} {row['figure']:<16} {'(all)':<10} {row['changes']:>3}"
              f" {row['median_ms']:>5.1f}ms {row['p90_ms']:>5.1f}ms {row['cpu_median_ms']:>5.1f}ms"
              f" {row['baseline_median_ms']:>6.0f}ms {row['speedup']:>7.1f}x"
              f" {row['frame_kB_median']:>9.1f} {row['frame_kB_max']:>7.1f}"
              f"{'' if row['ok'] else '  <-- misses a target'}")
        for key, s in row["sliders"].items():
            print(f"{'':<30} {'':<16} {key[:10]:<10} {s['changes']:>3} {s['median_ms']:>5.1f}ms"
                  f" {s['p90_ms']:>5.1f}ms {s['cpu_median_ms']:>5.1f}ms")
    print(f"\nmedian, p90: wall time of one slider change on the Python side (recompute + draw + PNG);"
          f" cpu: the kernel's CPU time for it (what it costs without other programs competing);"
          f"\nbaseline: median wall time of the interact way (rebuild the figure + full draw + PNG),"
          f" see the script's docstring;\nframe kB: the PNG bytes one change sends to the browser (median, max)."
          f"\ntargets: median <= {TARGET_MS:.0f} ms, speed-up >= {TARGET_SPEEDUP:.0f}x, cpu <= {TARGET_CPU_MS:.0f} ms,"
          f" frame <= {TARGET_KB:.0f} kB (max <= {TARGET_KB_MAX:.0f} kB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--changes", type=int, default=30, help="values per slider (default 30)")
    parser.add_argument("--baseline-changes", type=int, default=5,
                        help="baseline changes per slider, spread over the same values (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    rows = []
    for path in paths:
        start = time.perf_counter()
        figures = measure_notebook(path.resolve(), args.changes, args.baseline_changes)
        print(f"{path.name}: {len(figures)} live figure(s) measured in {time.perf_counter() - start:.0f} s",
              file=sys.stderr)
        rows += summarize(path.stem, figures)
    print()
    print_table(rows)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=1))
    missed = [r["figure"] for r in rows if not r["ok"]]
    if missed:
        print(f"\nmissed a target: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
