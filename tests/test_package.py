"""What a learner installs is complete: the wheel and the sdist that `python -m build` makes hold
every module of `helpers` and every data file the notebooks read, and `twine check` passes.
(An editable install inside the repository would hide a missing subpackage; Colab installs the
course with an ordinary, non-editable `pip install` from git.)"""

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", ".venv*", "artifacts", "build", "dist", "*.egg-info",
                                "__pycache__", "*.pyc", ".ipynb_checkpoints", ".hypothesis")


def version() -> str:
    return re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)


def package_files() -> list[str]:
    """Every file of the helpers package as it is in the repository, e.g. 'helpers/figures/loss.py'."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "helpers").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel, built as a release is built (the wheel from the sdist), from a
    copy of the source so that the repository gets no build/ or egg-info folders."""
    source = tmp_path_factory.mktemp("source") / "course"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(source)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return out


def test_the_package_has_data_files_and_subpackages():
    files = package_files()
    assert "helpers/checks/__init__.py" in files and "helpers/figures/__init__.py" in files
    assert any(f.startswith("helpers/datasets/") and f.endswith(".csv") for f in files)


def test_the_wheel_holds_every_module_and_data_file(dist):
    wheel = next(dist.glob("*.whl"))
    assert wheel.name == f"gradient_descent_course-{version()}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in package_files() if f not in names]
    assert not missing, f"the wheel lacks {missing}: include them in pyproject.toml's [tool.setuptools]"
    assert not [n for n in names if n.split("/")[0] not in {"helpers", wheel.name.split("-")[0] + "-" + version() + ".dist-info"}], names
    # the Korean edition: its catalogs, the Hangul font and the font's licence
    assert {"helpers/fonts/CourseHangul-Regular.ttf", "helpers/fonts/OFL.txt"} <= names
    assert any(n.startswith("helpers/locale/ko/LC_MESSAGES/") and n.endswith(".po") for n in names)
    assert wheel.stat().st_size < 5_000_000, f"the wheel is {wheel.stat().st_size / 1e6:.1f} MB"


def test_the_sdist_holds_every_module_and_data_file(dist):
    sdist = next(dist.glob("*.tar.gz"))
    top = f"gradient_descent_course-{version()}"
    names = set(tarfile.open(sdist).getnames())
    missing = [f for f in package_files() if f"{top}/{f}" not in names]
    assert not missing, f"the sdist lacks {missing}"
    assert {f"{top}/LICENSE", f"{top}/README.md", f"{top}/pyproject.toml"} <= names


def test_twine_check_passes(dist):
    run = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
