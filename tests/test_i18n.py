"""The Korean edition's texts: every text of ``helpers`` a learner reads has a Korean
translation in the gettext catalogs with the English placeholders, the catalogs are valid
gettext files, the language is chosen explicitly (importing changes nothing), and the course's
Hangul font draws every Korean character the course shows, offline, with no warning."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import helpers
import i18n  # tools/i18n.py
from helpers import i18n as runtime
from helpers.style import HANGUL_FAMILY, HANGUL_FONT, course_style

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "helpers" / "fonts"
CATALOGS = sorted((ROOT / "helpers" / "locale" / "ko" / "LC_MESSAGES").glob("*.po"))


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    helpers.set_language("en")


def korean_texts() -> list[str]:
    return [e.msgstr for path in CATALOGS for e in runtime.read_po(path.read_text(encoding="utf-8"))
            if e.msgid]


# -- the catalogs --------------------------------------------------------------------------------

def test_every_text_is_marked_with_literals_only():
    _domains, problems = i18n.extract()
    assert problems == []


def test_every_text_has_a_korean_translation_with_the_same_placeholders():
    assert CATALOGS, "no Korean catalog in helpers/locale/ko/LC_MESSAGES"
    assert i18n.problems("ko") == []


def test_the_catalogs_are_as_the_update_tool_writes_them():
    """`python tools/i18n.py update` would change nothing (no text missing or stale, the
    files in their standard layout)."""
    domains, _problems = i18n.extract()
    assert sorted(p.stem for p in CATALOGS) == sorted(domains)
    for path in CATALOGS:
        entries = runtime.read_po(path.read_text(encoding="utf-8"))
        assert i18n.write_po(entries) == path.read_text(encoding="utf-8"), path.name


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_gettext_accepts_the_catalog(path, tmp_path):
    """GNU msgfmt compiles it and checks it as translators' tools do (header, escapes, and
    python-brace-format placeholders)."""
    done = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_catalog_reader_reads_what_gettext_writes():
    text = r'''# a translator's comment
msgid ""
msgstr ""
"Language: ko\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: helpers/live.py
#, python-brace-format
msgid "η = {lr:.3g}"
msgstr "학습률 {lr:.3g}"

msgctxt "noun"
msgid "step"
msgstr "스텝"

#, fuzzy
msgid "Reset"
msgstr "처음으로"

msgid ""
"two\n"
"lines \"quoted\""
msgstr ""
"두\n"
"줄 \"인용\""

#~ msgid "gone"
#~ msgstr "사라짐"
'''
    entries = runtime.read_po(text)
    by_key = {e.key: e for e in entries}
    assert by_key["η = {lr:.3g}"].msgstr == "학습률 {lr:.3g}"
    assert "python-brace-format" in by_key["η = {lr:.3g}"].flags
    assert by_key["noun\x04step"].msgstr == "스텝"
    assert "fuzzy" in by_key["Reset"].flags
    assert by_key['two\nlines "quoted"'].msgstr == '두\n줄 "인용"'
    assert by_key["gone"].obsolete
    assert runtime.read_po(i18n.write_po(entries)) and [
        (e.key, e.msgstr, e.flags, e.obsolete) for e in runtime.read_po(i18n.write_po(entries))
    ] == [(e.key, e.msgstr, e.flags, e.obsolete) for e in entries]


def test_placeholders_must_match():
    assert i18n.placeholders("{a:.3g} of {b}") == [("a", "", ".3g"), ("b", "", "")]
    assert i18n.placeholders("{b} 중 {a:.3g}") == i18n.placeholders("{a:.3g} of {b}")
    assert i18n.placeholders("{a:.2f}") != i18n.placeholders("{a:.3g}")
    assert i18n.placeholders("{{literal}}") == []


# -- choosing the language -------------------------------------------------------------------

def test_set_language_translates_at_once_and_back():
    entry = next(e for path in CATALOGS for e in runtime.read_po(path.read_text(encoding="utf-8"))
                 if e.msgid and e.msgstr and e.msgctxt is None)
    assert runtime._(entry.msgid) == entry.msgid
    helpers.set_language("ko")
    assert helpers.get_language() == "ko"
    assert runtime._(entry.msgid) == entry.msgstr
    helpers.set_language("en")
    assert runtime._(entry.msgid) == entry.msgid
    with pytest.raises(ValueError, match="'en', 'ko'"):
        helpers.set_language("fr")


def test_importing_helpers_changes_nothing_global():
    """A fresh interpreter: importing helpers leaves matplotlib's settings and fonts alone, and
    the Korean font is known to matplotlib only once a Korean figure is made; the course style
    in Korean leaves the global settings as they were."""
    code = r'''
import json, matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager
before = dict(matplotlib.rcParams)
fonts = len(font_manager.fontManager.ttflist)
import helpers
after_import = dict(matplotlib.rcParams) == before and len(font_manager.fontManager.ttflist) == fonts
helpers.set_language("ko")
same_after_set = dict(matplotlib.rcParams) == before
with helpers.course_style():
    inside = list(matplotlib.rcParams["font.family"])
print(json.dumps({"import": after_import, "set": same_after_set, "inside": inside,
                  "after": dict(matplotlib.rcParams) == before, "language": helpers.get_language()}))
'''
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result == {"import": True, "set": True, "inside": ["DejaVu Sans", HANGUL_FAMILY],
                      "after": True, "language": "ko"}


# -- the font ----------------------------------------------------------------------------------

def test_the_font_ships_with_its_licence_under_its_own_name():
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / HANGUL_FONT)
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3}
    assert names[1] == HANGUL_FAMILY
    assert "nanum" not in names[1].lower()  # Nanum's names are reserved by its licence
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence
    assert "Reserved Font Name Nanum" in licence and "NAVER Corporation" in licence
    assert "Copyright" in names[0]


def test_every_korean_character_the_course_draws_is_in_a_font():
    """Every character of the Korean catalogs and of the Korean notebooks' code (what the
    figures and widgets show): Hangul from the course's font, the rest from DejaVu Sans."""
    from fontTools.ttLib import TTFont

    hangul = set(TTFont(FONTS / HANGUL_FONT).getBestCmap())
    dejavu = set(TTFont(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).getBestCmap())
    texts = korean_texts()
    for path in sorted((ROOT / "notebooks" / "ko").glob("*.ipynb")):
        texts += ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                  if c["cell_type"] == "code"]
    chars = {c for t in texts for c in t if not c.isspace() and unicodedata.category(c)[0] != "C"}
    assert any("\uac00" <= c <= "\ud7a3" for c in chars)
    missing = sorted(c for c in chars if ord(c) not in hangul | dejavu)
    assert missing == [], [f"{c} U+{ord(c):04X}" for c in missing]


def test_korean_text_draws_with_no_missing_glyph(caplog):
    """Every Korean message drawn as figure text in the course style: no warning (an error in
    the tests) and no glyph substitution logged by matplotlib."""
    helpers.set_language("ko")
    texts = korean_texts()
    with caplog.at_level(logging.WARNING, logger="matplotlib"), course_style():
        fig = Figure(figsize=(8, 3))
        fig.set_layout_engine("none")  # hundreds of texts on one axes: no layout to make
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        for i, text in enumerate(texts):
            ax.text(0, i, text.replace("$", r"\$"))
        ax.set_title("학습률 η = 0.1, 손실 → 최솟값")
        fig.canvas.draw()
    assert [r.getMessage() for r in caplog.records] == []
    assert HANGUL_FAMILY in {f.name for f in font_manager.fontManager.ttflist}
    assert matplotlib.rcParams["font.family"] != ["DejaVu Sans", HANGUL_FAMILY]
