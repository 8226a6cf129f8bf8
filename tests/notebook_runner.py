"""Run a course notebook in a fresh kernel (nbclient), optionally with extra cells appended,
and read back what those cells printed. Shared by the kernel-side notebook tests."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
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


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every error and every stderr output (warnings) of an executed notebook."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i} wrote to stderr: {out.get('text', '')[:500]}")
    return found


def report(cell: nbformat.NotebookNode) -> object:
    """The JSON a probe cell printed after ``REPORT_MARK``."""
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
    if REPORT_MARK not in text:
        raise AssertionError(f"the probe cell printed no report; its outputs: {cell.get('outputs')}")
    return json.loads(text.split(REPORT_MARK, 1)[1])
