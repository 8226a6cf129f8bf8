"""Repository-wide pytest hooks."""

from pathlib import Path

import pytest

NOTEBOOKS = [*sorted((Path(__file__).parent / "notebooks").glob("[0-9][0-9]_*.ipynb")),
             *sorted((Path(__file__).parent / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))]


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """With --nbval, refuse to run unless every course notebook was collected (the Korean
    edition's too): a run that checks no notebook must fail, not pass."""
    if not (config.getoption("--nbval", default=False) or config.getoption("--nbval-lax", default=False)):
        return
    if config.getoption("-k", default="") or config.getoption("-m", default=""):
        return  # a deliberate selection
    collected = {Path(str(item.fspath)).resolve() for item in items if str(item.fspath).endswith(".ipynb")}
    missing = [f"{nb.parent.name}/{nb.name}" for nb in NOTEBOOKS if nb.resolve() not in collected]
    if not NOTEBOOKS or (missing and any(str(a).rstrip("/").endswith("notebooks") for a in config.args)):
        raise pytest.UsageError(
            "nbval collected no notebook" if not NOTEBOOKS else f"nbval did not collect: {', '.join(missing)}")
    if not collected:
        raise pytest.UsageError("--nbval was given but no notebook was collected")
