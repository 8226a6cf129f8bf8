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

# The Korean edition (notebooks/ko/, the same file names): its titles
CONTENTS_KO: list[str] = [
    "무작위 초기화",
    "손실 함수 (MSE)",
    "경사 하강법",
    "배치, 확률적, 미니배치 경사 하강법",
    "그릇 너머로: 스케일링, 모멘텀, 실제 손실 곡선",
]
LANGUAGES = ("en", "ko")

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


def folder(language: str = "en") -> str:
    """The notebooks' folder in the repository: ``notebooks`` or ``notebooks/ko``."""
    return "notebooks" if language == "en" else f"notebooks/{language}"


def colab_url(name: str, language: str = "en") -> str:
    return f"https://colab.research.google.com/github/{github_path(repository())}/blob/main/{folder(language)}/{name}"


def binder_url(name: str, language: str = "en") -> str:
    return (f"https://mybinder.org/v2/gh/{github_path(repository())}/main?labpath="
            f"{quote(folder(language) + '/' + name, safe='')}")


def badges(name: str, language: str = "en") -> str:
    colab, binder = ("Open in Colab", "Launch Binder") if language == "en" else ("Colab에서 열기", "Binder 실행")
    return (f"[![{colab}](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(name, language)}) "
            f"[![{binder}](https://mybinder.org/badge_logo.svg)]({binder_url(name, language)})")


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


def title(i: int, language: str = "en") -> str:
    return CONTENTS[i][1] if language == "en" else CONTENTS_KO[i]


# The navigation cell's words in each language ({guide}: the instructor guide's part)
NAV_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "course": "*Gradient descent, a hands-on course · {number:02d} of {total:02d}*",
        "start": "← (start)", "end": "(end) →",
        "contents": "[Contents](../README.md#the-notebooks)",
        "order": ("Run the cells in order, top to bottom. After a restart of the kernel, first run every "
                  "cell above the one you want (JupyterLab: *Run → Run All Above Selected Cell*; "
                  "Colab: *Runtime → Run before*)."),
        "teach": ("*Teaching it?* The [instructor guide](../INSTRUCTOR.md#{guide}) has timings, "
                  "answers and what to say at each figure. To show only figures and text: JupyterLab "
                  "*View → Collapse All Code*."),
    },
    "ko": {
        "course": "*경사 하강법 실습 강좌 · {number:02d} / {total:02d}*",
        "start": "← (처음)", "end": "(끝) →",
        "contents": "[목차](../../README.ko.md#노트북)",
        "order": ("셀은 위에서 아래로 순서대로 실행합니다. 커널을 다시 시작했다면 먼저 실행하려는 셀 위의 "
                  "셀을 모두 실행하세요 (JupyterLab: *Run → Run All Above Selected Cell*, "
                  "Colab: *런타임 → 이전 셀 실행*)."),
        "teach": ("*수업에 쓰시나요?* [강사용 안내서](../../INSTRUCTOR.ko.md#{guide})에 "
                  "시간 배분, 정답, 그림마다 할 말이 있습니다. 그림과 글만 보이려면: JupyterLab "
                  "*View → Collapse All Code*."),
    },
}


def nav_source(i: int, language: str = "en") -> str:
    text = NAV_TEXT[language]
    name = CONTENTS[i][0]
    parts = [f"[← {title(i - 1, language)}]({CONTENTS[i - 1][0]})" if i > 0 else text["start"],
             text["contents"],
             f"[{title(i + 1, language)} →]({CONTENTS[i + 1][0]})" if i + 1 < len(CONTENTS) else text["end"]]
    head = text["course"].format(number=i + 1, total=len(CONTENTS))
    teach = text["teach"].format(guide=guide_anchor(i, language))
    return f"{head} — {' | '.join(parts)}\n\n{badges(name, language)}\n\n{text['order']}\n\n{teach}"


def guide_anchor(i: int, language: str = "en") -> str:
    """The anchor of notebook ``i``'s part of the instructor guide (its heading is
    'NN · Title'), as GitHub and JupyterLab make it: lower case, punctuation dropped, spaces to
    hyphens (Hangul kept)."""
    heading = f"{i + 1:02d} · {title(i, language)}"
    return re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")


SETUP_KO = {
    "# Setup. This notebook goes with version {v} of the course's `helpers` package.":
        "# 준비. 이 노트북은 강좌의 `helpers` 패키지 {v} 버전과 함께 씁니다.",
    "# On Google Colab this cell installs it (once, in about 20 s); elsewhere it checks it.":
        "# Google Colab에서는 이 셀이 패키지를 설치하고(한 번, 약 20초), 다른 곳에서는 확인만 합니다.",
    '        raise RuntimeError("pip could not install the course\'s helpers:\\n" + pip.stdout + pip.stderr)':
        '        raise RuntimeError("pip이 강좌의 helpers를 설치하지 못했습니다:\\n" + pip.stdout + pip.stderr)',
    '    raise ModuleNotFoundError("The course\'s helpers package is not installed: follow \'Run it on your "':
        '    raise ModuleNotFoundError("강좌의 helpers 패키지가 설치되어 있지 않습니다: 강좌 README.ko.md의 "',
    '                              "computer\' in the course\'s README (pip install -r requirements.txt).")':
        '                              "\'내 컴퓨터에서 실행하기\'를 따르세요 (pip install -r requirements.txt).")',
    '    raise ImportError(f"`import helpers` finds {getattr(helpers, \'__file__\', helpers)}, which is not "':
        '    raise ImportError(f"`import helpers`가 찾은 {getattr(helpers, \'__file__\', helpers)}은(는) "',
    '                      "this course\'s package: rename that file or folder, then restart the kernel.")':
        '                      "이 강좌의 패키지가 아닙니다: 그 파일이나 폴더의 이름을 바꾸고 커널을 다시 시작하세요.")',
}


def setup_source(language: str = "en") -> str:
    """The setup cell: on Colab it installs the course's own package at the notebook's version
    (once: re-running it does nothing, and no restart is needed); everywhere it checks that
    `import helpers` finds that package, at that version. In Korean, its comments and messages
    are translated (the program is the same)."""
    lines = _setup_lines()
    if language == "en":
        return "\n".join(lines).replace("{v}", version())
    missing = [k for k in SETUP_KO if k not in lines]
    if missing:
        raise ValueError(f"SETUP_KO translates lines the setup cell no longer has: {missing}")
    # the version check speaks Korean too (the import cell chooses the language again, in view)
    at = lines.index("helpers.check_course_version(COURSE_VERSION)")
    lines = [*lines[:at], 'helpers.set_language("ko")', *lines[at:]]
    return "\n".join(SETUP_KO.get(line, line) for line in lines).replace("{v}", version())


def _setup_lines() -> list[str]:
    return [
        "# Setup. This notebook goes with version {v} of the course's `helpers` package.",
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
    ]


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def framed(nb: dict, i: int, language: str = "en") -> dict:
    """``nb`` with its navigation cell first and its setup cell as the first code cell."""
    cells = [c for c in nb["cells"] if not set(c.get("metadata", {}).get("tags", [])) & {NAV_TAG, SETUP_TAG}]
    nav = {"cell_type": "markdown", "metadata": {"tags": [NAV_TAG]}, "source": _lines(nav_source(i, language))}
    setup = {"cell_type": "code", "execution_count": None,
             "metadata": {"jupyter": {"source_hidden": True}, "tags": [SETUP_TAG]},
             "outputs": [], "source": _lines(setup_source(language))}
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
    for language in LANGUAGES:
        for i, (name, _) in enumerate(CONTENTS):
            path = ROOT / folder(language) / name
            if not path.exists():
                continue
            nb = json.loads(path.read_text(encoding="utf-8"))
            new = framed(nb, i, language)
            if new != nb:
                stale.append(f"{folder(language)}/{name}")
                if not args.check:
                    path.write_text(json.dumps(new, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                    encoding="utf-8")
    if args.check and stale:
        print("frame out of date (run `python tools/notebook_frame.py`):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
