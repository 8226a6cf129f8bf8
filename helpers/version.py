"""The course's version, and the check that a notebook runs with the ``helpers`` it was made
with.

Each notebook's setup cell names the version of the course its stored outputs come from
(``tools/notebook_frame.py`` writes it there from ``pyproject.toml``). On Colab that cell
installs exactly that version; everywhere it calls :func:`check_course_version`, which warns in
plain words when the installed ``helpers`` is another version — say, a notebook saved to Drive
months ago, opened against newer helpers.
"""

from __future__ import annotations

import importlib.metadata
import warnings

from .i18n import _

DISTRIBUTION = "gradient-descent-course"
"""The name the course's package is installed under (``pip show gradient-descent-course``); the
setup cells use it to tell this package from any other module named ``helpers``."""


class CourseVersionWarning(UserWarning):
    """The notebook and the installed ``helpers`` are of different versions of the course."""


def installed_version() -> str | None:
    """The installed version of the course's package, or ``None`` when it is not installed."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None


def repository() -> str | None:
    """The course's repository address, as the installed package's metadata gives it."""
    try:
        urls = importlib.metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _sep, url = entry.partition(",")
        if label.strip() == "Repository":
            return url.strip().rstrip("/")
    return None


def check_course_version(notebook_version: str) -> None:
    """Nothing when the installed course is ``notebook_version``; otherwise warn
    (:class:`CourseVersionWarning`) and say what to do."""
    installed = installed_version()
    if installed == notebook_version:
        return
    repo = repository() or _("the course's repository")
    warnings.warn(
        _("This notebook was made with version {notebook_version} of the course, but the installed "
          "`helpers` package is version {installed}: some figures, exercises or numbers may not match "
          "what the notebook says. Install the matching version — pip install "
          "\"{distribution} @ git+{repo}@v{notebook_version}\" — and restart the kernel, or open the "
          "notebooks of version {installed} (the release tagged v{installed}).").format(
            notebook_version=notebook_version, installed=installed, distribution=DISTRIBUTION,
            repo=repo),
        CourseVersionWarning, stacklevel=2)
