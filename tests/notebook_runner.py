"""Run a course notebook in a fresh kernel (nbclient), optionally with extra cells appended,
and read back what those cells printed. Shared by the kernel-side notebook tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from execute_notebooks import problems  # noqa: E402  (errors and stderr output of a run)

__all__ = ["NOTEBOOKS", "ROOT", "problems", "report", "run"]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REPORT_MARK = "@@report@@"


def run(path: Path, extra_cells: list[str] = (), cells: list[int] | None = None,
        timeout: int = 300) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` (only the code cells numbered in ``cells``, if given),
    then ``extra_cells``; return the executed notebook."""
    nb = nbformat.read(path, as_version=4)
    if cells is not None:
        nb.cells = [c for i, c in enumerate(nb.cells) if i in cells or c.cell_type != "code"]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in extra_cells]
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            store_widget_state=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def report(cell: nbformat.NotebookNode) -> object:
    """The JSON a probe cell printed after ``REPORT_MARK``."""
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
    if REPORT_MARK not in text:
        raise AssertionError(f"the probe cell printed no report; its outputs: {cell.get('outputs')}")
    return json.loads(text.split(REPORT_MARK, 1)[1])
