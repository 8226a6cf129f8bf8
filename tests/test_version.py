"""helpers.version: the version check that every notebook's setup cell makes."""

import warnings

import pytest

import helpers
from helpers import version


def test_the_installed_version_is_the_projects():
    import re
    from pathlib import Path
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert helpers.installed_version() == re.search(r'^version\s*=\s*"([^"]+)"', pyproject, re.M).group(1)
    assert version.repository().startswith("https://github.com/")


def test_the_same_version_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert helpers.check_course_version(helpers.installed_version()) is None


def test_another_version_warns_in_plain_words(monkeypatch):
    monkeypatch.setattr(version, "installed_version", lambda: "0.3.0")
    with pytest.warns(helpers.CourseVersionWarning) as caught:
        helpers.check_course_version("0.2.0")
    message = str(caught[0].message)
    assert "made with version 0.2.0" in message and "version 0.3.0" in message
    assert "@v0.2.0" in message and "restart the kernel" in message
    assert caught[0].filename == __file__  # points at the notebook's cell, not at helpers
