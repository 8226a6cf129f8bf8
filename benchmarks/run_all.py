"""Run-all time of every notebook: a fresh kernel, every cell top to bottom, kernel start
included — what an instructor waits for before class. Median of ``--repeats`` runs.

    python benchmarks/run_all.py                 # print the table, write benchmarks/run_all.json
    python benchmarks/run_all.py --guide         # also write the times into INSTRUCTOR.md and INSTRUCTOR.ko.md

The instructor guides quote these numbers (the Korean guide the Korean notebooks');
tests/test_instructor.py checks that they quote the ones in benchmarks/run_all.json. Not a test: times depend on the machine and its load.
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
GUIDES = {"en": ROOT / "INSTRUCTOR.md", "ko": ROOT / "INSTRUCTOR.ko.md"}
HEADER = {"en": "| notebook | run-all |", "ko": "| 노트북 | 모두 실행 |"}
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
    medians: dict[str, dict[str, float]] = {"en": {}, "ko": {}}
    for language, folder in (("en", ROOT / "notebooks"), ("ko", ROOT / "notebooks" / "ko")):
        for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
            times = [run_all(path) for _ in range(args.repeats)]
            medians[language][path.stem] = round(statistics.median(times), 2)
            print(f"{language} {path.stem}: median {medians[language][path.stem]:.1f} s  "
                  f"(runs: {', '.join(f'{t:.1f}' for t in times)})")
    RESULTS.write_text(json.dumps({"median_seconds": medians["en"], "median_seconds_ko": medians["ko"],
                                   "repeats": args.repeats,
                                   "machine": f"{platform.machine()}, {platform.python_version()}"},
                                  indent=1, ensure_ascii=False) + "\n")
    if args.guide:
        for language, guide in GUIDES.items():
            rows = "\n".join(f"  | {name[:2]} | {seconds:.1f} s |" for name, seconds in medians[language].items())
            table = f"{BEGIN}\n  {HEADER[language]}\n  |---|---|\n{rows}\n  {END}"
            text = guide.read_text(encoding="utf-8")
            new = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: table, text, flags=re.S)
            if new == text and BEGIN not in text:
                print(f"{guide.name} has no run-all table to fill", file=sys.stderr)
                return 1
            guide.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
