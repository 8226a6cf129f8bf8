"""Fixtures of the browser tests: one Jupyter server per session on a copy of the notebooks, and
one headless Chromium (Playwright) for all pages.

Without Chromium or Playwright the browser tests are skipped, with a message that says how to
enable them (``bash .ci/install-browser.sh``); in CI (``CI=true``) that is a failure instead.
"""

from __future__ import annotations

import os
from typing import Iterator

import pytest

from browserlab import JupyterServer, browser_missing, chromium, start_server, stop_server


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session", autouse=True)
def browser_available() -> None:
    reason = browser_missing()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} to enable them")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """JupyterLab on a copy of the course (it autosaves: the real notebooks stay untouched)."""
    server = start_server("lab", tmp_path_factory.mktemp("lab"))
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium browser context shared by every page."""
    with chromium() as context:
        yield context
