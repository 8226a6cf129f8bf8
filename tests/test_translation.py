"""The Korean notebooks stay translations of the English ones (``tools/translation.py``): the
same cells in the same order, the same math, section numbers and link targets, the same
program in every code cell (syntax trees compared with strings masked), and each Korean cell
made from the English cell as it is now (a hash of it in the cell's metadata). The checker
itself is tested on small notebooks it must reject."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

import notebook_frame
import translation

ROOT = Path(__file__).resolve().parents[1]


def test_every_notebook_has_a_current_korean_translation():
    assert [p.name for p in sorted(translation.KO.glob("[0-9][0-9]_*.ipynb"))] == \
        [p.name for p in translation.english_notebooks()]
    assert translation.problems() == []


def test_the_korean_guides_exist_and_link_each_other():
    readme, readme_ko = (ROOT / "README.md").read_text(), (ROOT / "README.ko.md").read_text()
    assert "README.ko.md" in readme.split("\n## ", 1)[0], "README.md links the Korean edition at its top"
    assert "README.md" in readme_ko.split("\n## ", 1)[0]
    for name in (p.name for p in translation.english_notebooks()):
        assert notebook_frame.colab_url(name, "ko") in readme_ko
        assert notebook_frame.binder_url(name, "ko") in readme_ko
    assert "INSTRUCTOR.ko.md" in readme_ko and "TERMINOLOGY.md" in readme_ko
    guide = (ROOT / "INSTRUCTOR.ko.md").read_text()
    for i in range(len(notebook_frame.CONTENTS)):
        assert notebook_frame.guide_anchor(i, "ko") in translation.anchors(ROOT / "INSTRUCTOR.ko.md")
    assert translation.has_hangul(guide)


def test_the_glossary_is_a_table_of_english_and_korean_terms():
    rows = [r for r in (ROOT / "notebooks" / "ko" / "TERMINOLOGY.md").read_text().splitlines()
            if r.startswith("| ") and not r.startswith("| English") and not r.startswith("|---")]
    assert len(rows) >= 60
    for row in rows:
        english, korean, _note = [c.strip() for c in row.strip("|").split("|")]
        assert re.search(r"[A-Za-z]", english) and translation.has_hangul(korean), row


# -- the checker rejects what it must ------------------------------------------------------------

def _nb(cells):
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(text):
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": [], "execution_count": None}


ENGLISH = _nb([
    _md("## 2. The loss\n\nThe mean of $r_i^2$ is the [MSE](#the-loss) ([guide](../INSTRUCTOR.md#x))."),
    _code("import helpers\nfrom helpers.figures.loss import loss_figure"),
    _code("# the loss of one line\nloss = helpers.mse(y_hat, y)\nprint(f\"MSE = {loss:.3g}\")"),
])


def _korean(english):
    ko = copy.deepcopy(english)
    for en_cell, cell in zip(english["cells"], ko["cells"]):
        cell["metadata"][translation.STAMP] = {"source": translation.cell_hash(en_cell)}
    ko["cells"][0]["source"] = ("## 2. 손실\n\n$r_i^2$의 평균이 [MSE](#2-손실)입니다 "
                                "([안내서](../../INSTRUCTOR.ko.md)).")
    ko["cells"][1]["source"] = "import helpers\nhelpers.set_language(\"ko\")\nfrom helpers.figures.loss import loss_figure"
    ko["cells"][2]["source"] = "# 직선 하나의 손실\nloss = helpers.mse(y_hat, y)\nprint(f\"MSE는 {loss:.3g}\")"
    return ko


def _problems(tmp_path, english, ko):
    (tmp_path / "ko").mkdir(exist_ok=True)
    translation.save(tmp_path / "01_x.ipynb", english)
    translation.save(tmp_path / "ko" / "01_x.ipynb", ko)
    return translation.pair_problems(tmp_path / "01_x.ipynb", tmp_path / "ko" / "01_x.ipynb")


def test_a_faithful_translation_passes(tmp_path):
    assert _problems(tmp_path, ENGLISH, _korean(ENGLISH)) == []


def test_numbers_in_korean_units_count():
    assert translation.missing_numbers("1,000,000 updates in 2 epochs", "2 에포크에 100만 번 업데이트") == []
    assert translation.missing_numbers("0.01 and 0.01", "0.01") == ["0.01"]


@pytest.mark.parametrize("change, message", [
    (lambda en, ko: en["cells"][0].update(source=en["cells"][0]["source"] + " Also a new sentence."),
     "the English cell changed since it was translated"),
    (lambda en, ko: en["cells"][2].update(source="# the loss of one straight line\n" + en["cells"][2]["source"].split("\n", 1)[1]),
     "the English cell changed since it was translated"),
    (lambda en, ko: ko["cells"][2].update(source=ko["cells"][2]["source"].replace("y_hat, y", "y, y_hat")),
     "the program differs"),
    (lambda en, ko: ko["cells"][2].update(source=ko["cells"][2]["source"].replace(":.3g", ":.2f")),
     "the program differs"),
    (lambda en, ko: ko["cells"][0].update(source=ko["cells"][0]["source"].replace("r_i^2", "r_i")),
     "the math differs"),
    (lambda en, ko: ko["cells"][0].update(source=ko["cells"][0]["source"].replace("## 2.", "## 3.")),
     "headings"),
    (lambda en, ko: en["cells"][0].update(source=en["cells"][0]["source"] + " About 1,000,000 steps.")
     or ko["cells"][0].update(source=ko["cells"][0]["source"] + " 약 1,000번.")
     or ko["cells"][0]["metadata"].update({translation.STAMP: {"source": translation.cell_hash(en["cells"][0])}}),
     "numbers of the English missing"),
    (lambda en, ko: ko["cells"][0].update(source=ko["cells"][0]["source"].replace("../../INSTRUCTOR.ko.md", "../INSTRUCTOR.md")),
     "the links differ"),
    (lambda en, ko: ko["cells"][0].update(source=ko["cells"][0]["source"].replace("#2-손실", "#손실")),
     "points to no heading"),
    (lambda en, ko: ko["cells"][0].update(source=en["cells"][0]["source"].replace("../INSTRUCTOR.md#x", "../../INSTRUCTOR.ko.md").replace("#the-loss", "#2-the-loss")),
     "not translated"),
    (lambda en, ko: ko["cells"][1].update(source="import helpers\nfrom helpers.figures.loss import loss_figure"),
     "the language line"),
    (lambda en, ko: ko["cells"].pop(),
     "not the English notebook's cells"),
])
def test_the_checker_names_what_went_wrong(tmp_path, change, message):
    english, ko = copy.deepcopy(ENGLISH), _korean(ENGLISH)
    change(english, ko)
    found = _problems(tmp_path, english, ko)
    assert any(message in p for p in found), found


def test_stamping_marks_a_cell_current(tmp_path, monkeypatch):
    monkeypatch.setattr(translation, "NOTEBOOKS", tmp_path)
    monkeypatch.setattr(translation, "KO", tmp_path / "ko")
    english, ko = copy.deepcopy(ENGLISH), _korean(ENGLISH)
    english["cells"][0]["source"] += " More."
    assert _problems(tmp_path, english, ko)
    translation.stamp("01_x.ipynb", [0])
    assert translation.pair_problems(tmp_path / "01_x.ipynb", tmp_path / "ko" / "01_x.ipynb") == []


def test_the_setup_cell_is_the_same_program_in_korean():
    assert translation.program(notebook_frame.setup_source()) == \
        translation.program(notebook_frame.setup_source("ko"), korean_cell=True)
    assert translation.has_hangul(notebook_frame.setup_source("ko"))


def test_korean_notebooks_store_korean_outputs():
    """What the Korean notebooks printed when `make execute` ran is Korean where it is text:
    their stored text outputs contain Hangul."""
    for path in sorted(translation.KO.glob("[0-9][0-9]_*.ipynb")):
        outputs = [o for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                   for o in c.get("outputs", []) if o.get("output_type") == "stream"]
        assert outputs and any(translation.has_hangul("".join(o["text"])) for o in outputs), path.name
