"""The repository's set-up: one list of dependencies, badges and install lines that point at
the repository, links that resolve, and notebooks stored from one clean run."""

import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import notebook_frame  # tools/ (pytest's pythonpath)
import pytest

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KO_NOTEBOOKS = sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))


def load(path):
    return json.loads(path.read_text())


def test_environment_yml_refers_to_requirements_txt():
    text = (ROOT / "environment.yml").read_text()
    pip_section = re.search(r"- pip:\n((?:\s+- .*\n?)+)", text).group(1)
    assert [line.strip() for line in pip_section.strip().splitlines()] == ["- -r requirements.txt"]
    # repo2docker (Binder) reads the Python version only from a `python=3.X` line
    python = re.search(r"^\s*- python(.*)$", text, re.M).group(1).strip()
    assert re.fullmatch(r"=3\.\d+", python), f"pin Python as python=3.X for Binder; got python{python}"
    floor = re.search(r'requires-python\s*=\s*">=3\.(\d+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert int(python.split(".")[1]) >= int(floor), "environment.yml's Python is older than pyproject.toml allows"


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


@pytest.mark.parametrize("path", NOTEBOOKS + KO_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_badges_and_install_line_point_at_the_repository(path):
    repo = notebook_frame.repository()
    text = path.read_text()
    language = "en" if path.parent.name == "notebooks" else path.parent.name
    assert notebook_frame.colab_url(path.name, language) in text
    assert notebook_frame.binder_url(path.name, language) in text
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


@pytest.mark.parametrize("path", [ROOT / "README.md", ROOT / "INSTRUCTOR.md", ROOT / "data" / "README.md", *NOTEBOOKS,
                                  ROOT / "README.ko.md", ROOT / "INSTRUCTOR.ko.md",
                                  ROOT / "notebooks" / "ko" / "TERMINOLOGY.md", *KO_NOTEBOOKS],
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


@pytest.mark.parametrize("path", NOTEBOOKS + KO_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
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


LABELS = {"notebooks": ("*Gradient descent, a hands-on course", "What you'll learn", "## Summary"),
          "ko": ("*경사 하강법 실습 강좌", "**배울 내용:**", "## 정리")}


@pytest.mark.parametrize("path", NOTEBOOKS + KO_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_has_goals_summary_and_a_pointer_onwards(path):
    markdown = ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    title, goals, summary = LABELS[path.parent.name]
    assert markdown[0].startswith(title)
    assert goals in markdown[1]
    assert summary in markdown[-1]
    i = [name for name, _ in notebook_frame.CONTENTS].index(path.name)
    if i + 1 < len(notebook_frame.CONTENTS):
        assert f"({notebook_frame.CONTENTS[i + 1][0]})" in markdown[-1]


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").rglob("*.ipynb")),
                         ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_no_notebook_metadata_carries_widgets(path):
    """GitHub shows 'Invalid Notebook' for metadata.widgets without its state (as a save from
    Colab leaves it): drop the key (make execute does)."""
    assert "widgets" not in load(path)["metadata"]


# -- the setup cell: installs this course's package on Colab, checks it everywhere -------------

def _run_setup(tmp_path, prelude="", source=None, env=None):
    """Run the notebook setup cell (after ``prelude``) in a fresh Python whose working folder
    (the notebook's folder) is ``tmp_path``; return the finished process."""
    script = tmp_path / "run_setup.py"
    script.write_text(prelude + "\n" + (source or notebook_frame.setup_source()) + "\nprint('SETUP DONE')\n")
    environ = {**__import__("os").environ, "PIP_NO_INDEX": "1", **(env or {})}
    return subprocess.run([sys.executable, "-c", script.read_text()], cwd=tmp_path,
                          capture_output=True, text=True, env=environ, timeout=120)


def test_every_notebook_carries_the_setup_cell_collapsed():
    for path in NOTEBOOKS:
        setup = [c for c in load(path)["cells"] if notebook_frame.SETUP_TAG in c["metadata"].get("tags", [])]
        assert len(setup) == 1 and "".join(setup[0]["source"]) == notebook_frame.setup_source()
        assert setup[0]["metadata"]["jupyter"]["source_hidden"] is True
        assert f'COURSE_VERSION = "{notebook_frame.version()}"' in "".join(setup[0]["source"])


def test_demo_mode_collapses_only_setup_and_import_cells():
    """An instructor never shows the setup cell or the imports: their code is collapsed in the
    stored notebook; every other cell (an exercise a learner edits, a lesson's code) is not."""
    for path in NOTEBOOKS:
        code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
        hidden = [c for c in code if c["metadata"].get("jupyter", {}).get("source_hidden")]
        assert hidden[:2] == code[:2], f"{path.name}: the setup and import cells are not collapsed"
        assert notebook_frame.only_imports("".join(code[1]["source"]))
        for cell in hidden[1:]:
            assert notebook_frame.only_imports("".join(cell["source"])), \
                f"{path.name}: a collapsed cell does more than import: {''.join(cell['source'])[:80]!r}"


def test_setup_cell_passes_quietly_where_the_course_is_installed(tmp_path):
    run = _run_setup(tmp_path)
    assert run.returncode == 0 and run.stdout.strip() == "SETUP DONE", run.stderr
    assert "Warning" not in run.stderr, run.stderr


def test_setup_cell_on_colab_does_nothing_when_the_version_is_installed(tmp_path):
    (tmp_path / "google" / "colab").mkdir(parents=True)
    (tmp_path / "google" / "colab" / "__init__.py").write_text("")
    prelude = ("import google.colab, subprocess\n"
               "def refuse(*args, **kwargs):\n    raise AssertionError('pip ran again')\n"
               "subprocess.run = refuse\n")
    run = _run_setup(tmp_path, prelude)
    assert run.returncode == 0 and "SETUP DONE" in run.stdout, run.stderr
    assert "Warning" not in run.stderr, run.stderr


def test_setup_cell_on_colab_shows_pips_own_error(tmp_path):
    (tmp_path / "google" / "colab").mkdir(parents=True)
    (tmp_path / "google" / "colab" / "__init__.py").write_text("")
    missing = tmp_path / "no-such-course"
    source = (notebook_frame.setup_source()
              .replace(f'COURSE_VERSION = "{notebook_frame.version()}"', 'COURSE_VERSION = "0.0.0"')
              .replace(f"git+{notebook_frame.repository()}@v{notebook_frame.version()}", missing.as_uri()))
    run = _run_setup(tmp_path, "import google.colab", source)
    assert run.returncode != 0 and "SETUP DONE" not in run.stdout
    assert "pip could not install the course's helpers" in run.stderr
    # pip's own words, in the message (newer Pythons also print the raising source line first)
    assert "no-such-course" in run.stderr.rsplit("pip could not install the course's helpers:", 1)[1], run.stderr


def test_setup_cell_refuses_a_learners_own_helpers_module(tmp_path):
    (tmp_path / "helpers.py").write_text("def mse(y, y_hat):\n    return 0\n")
    run = _run_setup(tmp_path)
    assert run.returncode != 0
    assert f"`import helpers` finds {tmp_path / 'helpers.py'}, which is not this course's package" in run.stderr


def test_setup_cell_warns_in_plain_words_on_another_version(tmp_path):
    source = notebook_frame.setup_source().replace(
        f'COURSE_VERSION = "{notebook_frame.version()}"', 'COURSE_VERSION = "0.0.1"')
    run = _run_setup(tmp_path, source=source)
    assert run.returncode == 0 and "SETUP DONE" in run.stdout  # it warns and carries on
    assert "CourseVersionWarning: This notebook was made with version 0.0.1 of the course" in run.stderr
    assert f"@v0.0.1" in run.stderr and "restart the kernel" in run.stderr


# -- make lab: the repository is the file browser's root, notebook 01 opens ------------------

@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_lab_serves_the_repository_and_opens_notebook_01(tmp_path):
    recipe = subprocess.run(["make", "-s", "-n", "lab", f"VENV={sys.prefix}"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    command = [line for line in recipe.splitlines() if " lab " in line and "jupyter" in line][-1]
    port = _free_port()
    env = {**__import__("os").environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)}
    args = shlex.split(command) + ["--no-browser", f"--port={port}", "--ServerApp.token=course-test",
                                   "--ServerApp.open_browser=False"]
    server = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        listing = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token=course-test",
                                            timeout=2) as response:
                    listing = json.load(response)
                break
            except OSError:
                time.sleep(0.25)
        assert listing is not None, "JupyterLab did not start"
        names = {item["name"] for item in listing["content"]}
        assert {"README.md", "notebooks", "data", "helpers"} <= names
        opened = "".join(p.read_text() for p in tmp_path.glob("jpserver-file-to-run-*-open.html"))
        assert "lab/tree/notebooks/01_random_initialization.ipynb" in opened
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
