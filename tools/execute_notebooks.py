"""Execute notebooks top to bottom in a fresh kernel and store their outputs: the one command
that produces the outputs committed with the notebooks (``make execute``).

    python tools/execute_notebooks.py                 # every notebook, English and Korean (notebooks/ko/)
    python tools/execute_notebooks.py notebooks/01_random_initialization.ipynb

It refuses to store a run that printed an error or anything on stderr (a warning), and it
keeps the files free of volatile metadata (timings, widget state), so the same code gives
the same files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "python3"


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Errors and stderr output in an executed notebook."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i}: stderr: {out.get('text', '')[:300]}")
    return found


def clean(nb: nbformat.NotebookNode) -> None:
    """Drop metadata that changes from run to run."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.metadata.pop("collapsed", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL}
    nb.metadata["language_info"] = {"name": "python"}


def execute(path: Path, timeout: int = 300) -> float:
    """Execute ``path`` in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    found = problems(nb)
    if found:
        raise SystemExit(f"{path.name}: not stored, the run printed errors or warnings:\n  " + "\n  ".join(found))
    clean(nb)
    nbformat.write(nb, path)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
                           *sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))]
    for path in paths:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"executed in {execute(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
