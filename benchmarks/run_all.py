"""Run-all time of every notebook: a fresh kernel, every cell top to bottom, kernel start
included — what an instructor waits for before class. Median of ``--repeats`` runs.

    python benchmarks/run_all.py                 # print the table, write benchmarks/run_all.json
    python benchmarks/run_all.py --guide         # also write the times into INSTRUCTOR.md

The instructor guide quotes these numbers; tests/test_instructor.py checks that it quotes the
ones in benchmarks/run_all.json. Not a test: times depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "run_all.json"
GUIDE = ROOT / "INSTRUCTOR.md"
BEGIN = "<!-- run-all times: written by `python benchmarks/run_all.py --guide`; do not edit by hand -->"
END = "<!-- end of run-all times -->"


def run_all(path: Path) -> float:
    """Seconds to start a kernel and run every cell of ``path`` (nothing is written)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--guide", action="store_true", help="write the times into INSTRUCTOR.md")
    args = parser.parse_args(argv)
    medians = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        times = [run_all(path) for _ in range(args.repeats)]
        medians[path.stem] = round(statistics.median(times), 2)
        print(f"{path.stem}: median {medians[path.stem]:.1f} s  (runs: {', '.join(f'{t:.1f}' for t in times)})")
    RESULTS.write_text(json.dumps({"median_seconds": medians, "repeats": args.repeats,
                                   "machine": f"{platform.machine()}, {platform.python_version()}"},
                                  indent=1) + "\n")
    if args.guide:
        rows = "\n".join(f"  | {name[:2]} | {seconds:.1f} s |" for name, seconds in medians.items())
        table = f"{BEGIN}\n  | notebook | run-all |\n  |---|---|\n{rows}\n  {END}"
        text = GUIDE.read_text()
        new = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: table, text, flags=re.S)
        if new == text and BEGIN not in text:
            print("INSTRUCTOR.md has no run-all table to fill", file=sys.stderr)
            return 1
        GUIDE.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
