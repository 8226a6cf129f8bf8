"""The repository's set-up: one list of dependencies, badges and install lines that point at
the repository, links that resolve, and notebooks stored from one clean run."""

import json
import re
from pathlib import Path

import notebook_frame  # tools/ (pytest's pythonpath)
import pytest

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def load(path):
    return json.loads(path.read_text())


def test_environment_yml_refers_to_requirements_txt():
    text = (ROOT / "environment.yml").read_text()
    pip_section = re.search(r"- pip:\n((?:\s+- .*\n?)+)", text).group(1)
    assert [line.strip() for line in pip_section.strip().splitlines()] == ["- -r requirements.txt"]
    python = re.search(r"- python(.*)", text).group(1).strip()
    requires = re.search(r'requires-python\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert python == requires, "environment.yml and pyproject.toml must name the same Python"


def test_requirements_are_floors_and_install_the_course():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    assert "-e ." in lines
    packages = [line for line in lines if not line.startswith("-")]
    assert all(">=" in line and "==" not in line for line in packages), packages
    names = {re.split(r"[<>=]", line)[0].lower() for line in packages}
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "nbval"} <= names
    # what helpers itself imports is also what pyproject declares
    declared = re.search(r"dependencies = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(), re.S).group(1)
    for line in re.findall(r'"([^"]+)"', declared):
        assert line in packages, f"{line} is in pyproject.toml but not in requirements.txt"


def test_contents_lists_every_notebook():
    assert [name for name, _ in notebook_frame.CONTENTS[: len(NOTEBOOKS)]] == [p.name for p in NOTEBOOKS]


def test_every_notebook_frame_is_up_to_date():
    assert notebook_frame.main(["--check"]) == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_badges_and_install_line_point_at_the_repository(path):
    repo = notebook_frame.repository()
    text = path.read_text()
    assert f"colab.research.google.com/github/{repo.removeprefix('https://github.com/')}/blob/main/notebooks/{path.name}" in text
    assert f"mybinder.org/v2/gh/{repo.removeprefix('https://github.com/')}/main?labpath=notebooks%2F{path.name}" in text
    assert f"git+{repo}" in text
    for url in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text):
        assert url == repo, f"{path.name} links to {url}, not to {repo}"


def test_readme_badges_point_at_the_repository():
    text = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert notebook_frame.colab_url(path.name) in text
        assert notebook_frame.binder_url(path.name) in text


def _anchors(markdown: str) -> set[str]:
    heads = re.findall(r"^#+\s+(.*)$", markdown, flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in heads}


@pytest.mark.parametrize("path", [ROOT / "README.md", ROOT / "data" / "README.md", *NOTEBOOKS],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    if path.suffix == ".ipynb":
        text = "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    else:
        text = path.read_text()
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    for link in links:
        if re.match(r"https?://|mailto:", link):
            continue
        target, _, anchor = link.partition("#")
        file = (path.parent / target).resolve() if target else path
        assert file.exists(), f"{path.name}: broken link {link}"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file.read_text()), f"{path.name}: no heading for #{anchor} in {file.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_from_one_clean_run(path):
    nb = load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "re-execute it: make execute"
    for cell in code:
        for out in cell["outputs"]:
            assert out["output_type"] != "error"
            assert out.get("name") != "stderr", "".join(out.get("text", ""))
    assert "widgets" not in nb["metadata"], "widget state is not stored (it would hold every frame)"
    assert path.stat().st_size < 1_500_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_has_goals_summary_and_a_pointer_onwards(path):
    markdown = ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    assert markdown[0].startswith("*Gradient descent, a hands-on course")
    assert "What you'll learn" in markdown[1]
    assert "## Summary" in markdown[-1]
    i = [name for name, _ in notebook_frame.CONTENTS].index(path.name)
    if i + 1 < len(notebook_frame.CONTENTS):
        assert f"({notebook_frame.CONTENTS[i + 1][0]})" in markdown[-1]
