"""Write the course frame into every notebook: the navigation line with Colab and Binder
badges (the first cell) and the setup cell that installs ``helpers`` on Colab and checks it
everywhere (the first code cell, its code collapsed); the cells that only import are collapsed
too (demo mode: what an instructor never shows). Both are made from ``CONTENTS`` and the
repository address and version in ``pyproject.toml``, the one place they are written.

    python tools/notebook_frame.py          # rewrite the frame cells
    python tools/notebook_frame.py --check  # exit 1 if any notebook's frame is out of date
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import re
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

CONTENTS: list[tuple[str, str]] = [
    ("01_random_initialization.ipynb", "Random initialization"),
    ("02_loss_function.ipynb", "The loss function (MSE)"),
    ("03_gradient_descent.ipynb", "Gradient descent"),
    ("04_batch_stochastic_minibatch.ipynb", "Batch, stochastic and mini-batch gradient descent"),
    ("05_beyond_the_bowl.ipynb", "Beyond the bowl: scaling, momentum, real loss curves"),
]

NAV_TAG = "course-nav"
SETUP_TAG = "course-setup"


def repository() -> str:
    """The course's GitHub address, from pyproject.toml's [project.urls]."""
    text = (ROOT / "pyproject.toml").read_text()
    match = re.search(r'^Repository\s*=\s*"([^"]+)"', text, flags=re.MULTILINE)
    if match is None:
        raise ValueError("pyproject.toml has no Repository address under [project.urls]")
    return match.group(1).rstrip("/")


def github_path(url: str) -> str:
    """'owner/name' from 'https://github.com/owner/name'."""
    prefix = "https://github.com/"
    if not url.startswith(prefix):
        raise ValueError(f"the repository must be a https://github.com/ address; got {url}")
    return url[len(prefix):]


def colab_url(name: str) -> str:
    return f"https://colab.research.google.com/github/{github_path(repository())}/blob/main/notebooks/{name}"


def binder_url(name: str) -> str:
    return f"https://mybinder.org/v2/gh/{github_path(repository())}/main?labpath={quote('notebooks/' + name, safe='')}"


def badges(name: str) -> str:
    return (f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(name)}) "
            f"[![Launch Binder](https://mybinder.org/badge_logo.svg)]({binder_url(name)})")


def version() -> str:
    """The course's version, from pyproject.toml: the release whose helpers the notebooks'
    stored outputs come from."""
    text = (ROOT / "pyproject.toml").read_text()
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, flags=re.MULTILINE)
    if match is None:
        raise ValueError("pyproject.toml has no version")
    return match.group(1)


def install_line() -> str:
    """What Colab installs: this version of the course, from its release tag in the repository."""
    return f"gradient-descent-course @ git+{repository()}@v{version()}"


def nav_source(i: int) -> str:
    name, title = CONTENTS[i]
    parts = []
    parts.append(f"[← {CONTENTS[i - 1][1]}]({CONTENTS[i - 1][0]})" if i > 0 else "← (start)")
    parts.append("[Contents](../README.md#the-notebooks)")
    parts.append(f"[{CONTENTS[i + 1][1]} →]({CONTENTS[i + 1][0]})" if i + 1 < len(CONTENTS) else "(end) →")
    order = ("Run the cells in order, top to bottom. After a restart of the kernel, first run every "
             "cell above the one you want (JupyterLab: *Run → Run All Above Selected Cell*; "
             "Colab: *Runtime → Run before*).")
    teach = (f"*Teaching it?* The [instructor guide](../INSTRUCTOR.md#{guide_anchor(i)}) has timings, "
             "answers and what to say at each figure. To show only figures and text: JupyterLab "
             "*View → Collapse All Code*.")
    return (f"*Gradient descent, a hands-on course · {i + 1:02d} of {len(CONTENTS):02d}* — {' | '.join(parts)}"
            f"\n\n{badges(name)}\n\n{order}\n\n{teach}")


def guide_anchor(i: int) -> str:
    """The anchor of notebook ``i``'s part of INSTRUCTOR.md (its heading is 'NN · Title'),
    as GitHub and JupyterLab make it: lower case, punctuation dropped, spaces to hyphens."""
    heading = f"{i + 1:02d} · {CONTENTS[i][1]}"
    return re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")


def setup_source() -> str:
    """The setup cell: on Colab it installs the course's own package at the notebook's version
    (once: re-running it does nothing, and no restart is needed); everywhere it checks that
    `import helpers` finds that package, at that version."""
    return "\n".join([
        f"# Setup. This notebook goes with version {version()} of the course's `helpers` package.",
        "# On Google Colab this cell installs it (once, in about 20 s); elsewhere it checks it.",
        "import importlib",
        "import importlib.metadata",
        "import subprocess",
        "import sys",
        "",
        f'COURSE_VERSION = "{version()}"',
        "",
        "",
        "def installed_course_version():",
        "    try:",
        '        return importlib.metadata.version("gradient-descent-course")',
        "    except importlib.metadata.PackageNotFoundError:",
        "        return None",
        "",
        "",
        'if "google.colab" in sys.modules and installed_course_version() != COURSE_VERSION:',
        '    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",',
        f'                          "{install_line()}"],',
        "                         capture_output=True, text=True)",
        "    if pip.returncode != 0:",
        '        raise RuntimeError("pip could not install the course\'s helpers:\\n" + pip.stdout + pip.stderr)',
        "    importlib.invalidate_caches()",
        "if installed_course_version() is None:",
        '    raise ModuleNotFoundError("The course\'s helpers package is not installed: follow \'Run it on your "',
        '                              "computer\' in the course\'s README (pip install -r requirements.txt).")',
        "import helpers",
        "",
        'if getattr(helpers, "DISTRIBUTION", None) != "gradient-descent-course":',
        '    raise ImportError(f"`import helpers` finds {getattr(helpers, \'__file__\', helpers)}, which is not "',
        '                      "this course\'s package: rename that file or folder, then restart the kernel.")',
        "helpers.check_course_version(COURSE_VERSION)",
    ])


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def framed(nb: dict, i: int) -> dict:
    """``nb`` with its navigation cell first and its setup cell as the first code cell."""
    cells = [c for c in nb["cells"] if not set(c.get("metadata", {}).get("tags", [])) & {NAV_TAG, SETUP_TAG}]
    nav = {"cell_type": "markdown", "metadata": {"tags": [NAV_TAG]}, "source": _lines(nav_source(i))}
    setup = {"cell_type": "code", "execution_count": None,
             "metadata": {"jupyter": {"source_hidden": True}, "tags": [SETUP_TAG]},
             "outputs": [], "source": _lines(setup_source())}
    old_setup = [c for c in nb["cells"] if SETUP_TAG in c.get("metadata", {}).get("tags", [])]
    if old_setup and old_setup[0]["source"] == setup["source"] and old_setup[0]["metadata"] == setup["metadata"]:
        setup = old_setup[0]  # keep its stored execution count
    first_code = next((k for k, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    cells = [nav, *cells[:first_code], setup, *[collapsed_if_imports(c) for c in cells[first_code:]]]
    return {**nb, "cells": cells}


LANGUAGE_LINE = ast.dump(ast.parse('helpers.set_language("ko")').body[0])


def only_imports(source: str) -> bool:
    """Whether a cell's code is only imports (nothing a learner edits or must read to follow),
    and in a Korean notebook the line that chooses the language."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(node, (ast.Import, ast.ImportFrom))
                              or ast.dump(node) == LANGUAGE_LINE for node in body)


def collapsed_if_imports(cell: dict) -> dict:
    """An import cell, its code collapsed (demo mode: an instructor never shows it; a click on
    its bar opens it)."""
    if cell["cell_type"] != "code" or not only_imports("".join(cell["source"])):
        return cell
    jupyter = {**cell.get("metadata", {}).get("jupyter", {}), "source_hidden": True}
    return {**cell, "metadata": {**cell.get("metadata", {}), "jupyter": jupyter}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks out of date")
    args = parser.parse_args(argv)
    stale = []
    for i, (name, _) in enumerate(CONTENTS):
        path = NOTEBOOKS / name
        if not path.exists():
            continue
        nb = json.loads(path.read_text())
        new = framed(nb, i)
        if new != nb:
            stale.append(name)
            if not args.check:
                path.write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n")
    if args.check and stale:
        print("frame out of date (run `python tools/notebook_frame.py`):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
