"""The Korean notebooks (``notebooks/ko/``) and the English ones they translate, kept in step.

    python tools/translation.py status            # every Korean cell that needs attention
    python tools/translation.py scaffold NAME     # start notebooks/ko/NAME from the English one
    python tools/translation.py stamp NAME CELL…  # after translating again: mark cells current
    python tools/translation.py stamp-guide       # INSTRUCTOR.ko.md: mark its parts current

A Korean notebook has the English one's cells in the same order. Each Korean cell records, in
its metadata (``translation.source``), a hash of the English cell it translates; when the
English cell changes, ``status`` (and ``tests/test_translation.py``) names both cells until a
translator has updated the Korean one and stamped it. A Korean code cell is the English program
with only its comments and string literals translated, plus the language line
``helpers.set_language("ko")`` in the import cell: checked by comparing syntax trees with every
string masked.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KO = NOTEBOOKS / "ko"
STAMP = "translation"
LANGUAGE_LINE = 'helpers.set_language("ko")'
FRAME_TAGS = {"course-nav", "course-setup"}  # written by tools/notebook_frame.py in each language

# Where an English notebook's link points in the Korean edition (relative to notebooks/ko/)
LINK_MAP = [
    (re.compile(r"^\.\./README\.md"), "../../README.ko.md"),
    (re.compile(r"^\.\./INSTRUCTOR\.md"), "../../INSTRUCTOR.ko.md"),
    (re.compile(r"^\.\./(?!\.\.)"), "../../"),
    (re.compile(r"(github/[^/]+/[^/]+/blob/[^/]+/notebooks/)(?!ko/)"), r"\1ko/"),
    (re.compile(r"(labpath=notebooks%2F)(?!ko%2F)"), r"\1ko%2F"),
]


def english_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def korean(path: Path) -> Path:
    return KO / path.name


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def cell_hash(cell: dict) -> str:
    """A hash of an English cell's type and text (what a translation is made from)."""
    return hashlib.sha256(f"{cell['cell_type']}\n{source(cell)}".encode()).hexdigest()[:16]


def is_frame(cell: dict) -> bool:
    return bool(set(cell.get("metadata", {}).get("tags", [])) & FRAME_TAGS)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                    encoding="utf-8")


# ----- the program of a code cell ------------------------------------------------------------

class _Mask(ast.NodeTransformer):
    """Every string constant becomes "" (a format spec, ``{x:.3g}``, is code and stays)."""

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        node.value = self.visit(node.value)
        return node  # its format_spec is kept as written

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(""), node)
        return node


def _is_language_line(node: ast.stmt) -> bool:
    return ast.dump(node) == ast.dump(ast.parse(LANGUAGE_LINE).body[0])


def program(text: str, korean_cell: bool = False) -> str:
    """The syntax tree of a code cell with every string masked (and, in a Korean cell, the
    language line left out)."""
    lines = ["pass  # magic" if line.lstrip().startswith(("%", "!")) else line
             for line in text.split("\n")]
    tree = ast.parse("\n".join(lines))
    if korean_cell:
        tree.body = [node for node in tree.body if not _is_language_line(node)]
    return ast.dump(_Mask().visit(tree), annotate_fields=False)


# ----- the text of a markdown cell -----------------------------------------------------------

MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$A-Za-z0-9])\$(?![\s$])(?:[^$\n]|\\\$)+?(?<![\s\\])\$(?![$0-9])",
                  re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(\d+(?:\.\d+)*\.?)?", re.MULTILINE)
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ANCHOR_TAG = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")


def math_blocks(text: str) -> list[str]:
    return [m.group(0) for m in MATH.finditer(_without_code(text))]


def _without_code(text: str) -> str:
    """Markdown with its code spans and fenced blocks blanked (a ``$`` in code is not math)."""
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", text)


def headings(text: str) -> list[tuple[int, str]]:
    return [(len(m.group(1)), (m.group(2) or "").rstrip(".")) for m in HEADING.finditer(_without_code(text))]


def links(text: str) -> list[str]:
    return LINK.findall(_without_code(text))


def korean_link(target: str) -> str:
    """Where an English notebook's link ``target`` points in the Korean edition (its anchor,
    which depends on the Korean heading, left out)."""
    base = target.split("#", 1)[0]
    for pattern, replacement in LINK_MAP:
        base, count = pattern.subn(replacement, base, count=1)
        if count:
            break
    return base


def slug(heading: str) -> str:
    """A heading's anchor as GitHub and JupyterLab make it: lower case, punctuation dropped,
    spaces to hyphens (letters of every script kept)."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors a link can point to in a Markdown file or a notebook."""
    if path.suffix == ".ipynb":
        text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    found = set(ANCHOR_TAG.findall(text))
    for line in _without_code(text).splitlines():
        match = re.match(r"#{1,6}\s+(.*)", line)
        if match:
            found.add(slug(match.group(1)))
    return found


def has_hangul(text: str) -> bool:
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def prose(text: str) -> str:
    """The words of a markdown cell: no math, code, links' targets, HTML tags or images."""
    text = MATH.sub(" ", _without_code(text))
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|<[^>]+>", " ", text)
    return text


# ----- comparing a pair ----------------------------------------------------------------------

def pair_problems(english: Path, ko: Path) -> list[str]:
    """Everything that keeps ``ko`` from being a current translation of ``english``."""
    name = f"ko/{ko.name}"
    if not ko.exists():
        return [f"{name}: missing (python tools/translation.py scaffold {english.name})"]
    en_cells, ko_cells = load(english)["cells"], load(ko)["cells"]
    if [c["cell_type"] for c in en_cells] != [c["cell_type"] for c in ko_cells]:
        return [f"{name}: its cells are not the English notebook's cells in the same order "
                f"(English: {len(en_cells)} cells, Korean: {len(ko_cells)})"]
    found = []
    language_lines = 0
    for i, (en, kc) in enumerate(zip(en_cells, ko_cells)):
        where = f"{name} cell {i} (English cell {i} of {english.name})"
        en_text, ko_text = source(en), source(kc)
        if is_frame(en) != is_frame(kc):
            found.append(f"{where}: one is a navigation/setup cell and the other is not")
            continue
        if not is_frame(en) and kc.get("metadata", {}).get(STAMP, {}).get("source") != cell_hash(en):
            found.append(f"{where}: the English cell changed since it was translated — update the "
                         f"Korean cell, then `python tools/translation.py stamp {ko.name} {i}`")
        if en["cell_type"] == "code":
            if not is_frame(kc):  # the setup cell sets it too, for its version warning
                language_lines += sum(line.strip() == LANGUAGE_LINE for line in ko_text.split("\n"))
            try:
                same = program(en_text) == program(ko_text, korean_cell=True)
            except SyntaxError as exc:
                found.append(f"{where}: not valid Python ({exc.msg}, line {exc.lineno})")
                continue
            if not same:
                found.append(f"{where}: the program differs from the English cell's (only comments "
                             "and strings may be translated)")
            continue
        if math_blocks(en_text) != math_blocks(ko_text):
            found.append(f"{where}: the math differs: English {math_blocks(en_text)}, "
                         f"Korean {math_blocks(ko_text)}")
        if headings(en_text) != headings(ko_text):
            found.append(f"{where}: the headings' levels and numbers differ: English "
                         f"{headings(en_text)}, Korean {headings(ko_text)}")
        lost = missing_numbers(MATH.sub(" ", en_text), MATH.sub(" ", ko_text))
        if lost:
            found.append(f"{where}: numbers of the English missing in the Korean: {lost}")
        en_links, ko_links = links(en_text), links(ko_text)
        wanted = [korean_link(t) for t in en_links]
        if [t.split("#", 1)[0] for t in ko_links] != wanted:
            found.append(f"{where}: the links differ: expected targets {wanted}, got {ko_links}")
        for target in ko_links:
            file_part, _, anchor = target.partition("#")
            if anchor and "://" not in file_part:
                path = (ko.parent / file_part).resolve() if file_part else ko
                if path.exists() and anchor not in anchors(path):
                    found.append(f"{where}: the link {target} points to no heading of {file_part or ko.name}")
        words = re.sub(r"[\W\d_]+", "", prose(en_text))
        if words and not is_frame(en) and not has_hangul(prose(ko_text)):
            found.append(f"{where}: not translated (no Korean in its text)")
    if language_lines != 1:
        found.append(f"{name}: the language line `{LANGUAGE_LINE}` must appear once, in the import "
                     f"cell (found {language_lines})")
    return found


# ----- the instructor guide ------------------------------------------------------------------

GUIDE, GUIDE_KO = ROOT / "INSTRUCTOR.md", ROOT / "INSTRUCTOR.ko.md"
GUIDE_MARK = re.compile(r"<!-- translation-source: ([0-9a-f]{16}) -->\n?")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
GUIDE_LINKS = [(re.compile(r"^notebooks/(?!ko/)"), "notebooks/ko/"),
               (re.compile(r"^README\.md"), "README.ko.md"),
               (re.compile(r"^INSTRUCTOR\.md"), "INSTRUCTOR.ko.md")]


def guide_parts(text: str) -> list[str]:
    """The guide cut before each '## ' heading (the text before the first is part 0)."""
    return re.split(r"(?m)^(?=## )", text)


RUN_ALL = re.compile(r"<!-- run-all times.*?<!-- end of run-all times -->", re.S)


def _guide_hash(part: str) -> str:
    """A hash of an English part, its measured run-all table left out (a new measurement is
    not a change to translate)."""
    return hashlib.sha256(RUN_ALL.sub("", part).encode()).hexdigest()[:16]


def numbers(text: str) -> list[str]:
    """The numbers a text states (sorted), its links' targets, code and the measured run-all
    table (each guide quotes its own notebooks' times) left out. Korean large numbers count as
    written in digits: 100만 is 1,000,000."""
    text = RUN_ALL.sub(" ", text)
    text = re.sub(r"\]\([^)]*\)|`[^`\n]*`|<!--.*?-->", " ", text)
    text = re.sub(r"(?<![\w.,])(\d+)(만|억)", lambda m: f"{int(m.group(1)) * (10**4 if m.group(2) == '만' else 10**8):,}", text)
    return sorted(NUMBER.findall(text))


def missing_numbers(english: str, korean: str) -> list[str]:
    """The numbers the English states that the Korean does not (as a multiset: a number stated
    twice must be there twice). The Korean may add numbers (1000분의 1, 두 번째 as 2nd …)."""
    left = numbers(korean)
    missing = []
    for number in numbers(english):
        if number in left:
            left.remove(number)
        else:
            missing.append(number)
    return missing


def guide_problems() -> list[str]:
    """What keeps INSTRUCTOR.ko.md from being a current translation of INSTRUCTOR.md: its parts
    (one per '## ' heading) must match the English parts one for one, each record the hash of
    the English part it translates, state the same numbers and link to the same places (in the
    Korean edition)."""
    if not GUIDE_KO.exists():
        return ["INSTRUCTOR.ko.md: missing"]
    en_parts, ko_parts = guide_parts(GUIDE.read_text(encoding="utf-8")), guide_parts(GUIDE_KO.read_text(encoding="utf-8"))
    if len(en_parts) != len(ko_parts):
        return [f"INSTRUCTOR.ko.md: {len(ko_parts) - 1} parts ('## ' headings), the English guide has {len(en_parts) - 1}"]
    found = []
    for i, (en, ko) in enumerate(zip(en_parts, ko_parts)):
        title = en.split("\n", 1)[0] if i else "(the beginning)"
        where = f"INSTRUCTOR.ko.md part {i} (English: {title})"
        marks = GUIDE_MARK.findall(ko)
        if marks != [_guide_hash(en)]:
            found.append(f"{where}: the English part changed since it was translated — update it, "
                         "then `python tools/translation.py stamp-guide`")
        ko_text = GUIDE_MARK.sub("", ko)
        if missing_numbers(en, ko_text):
            found.append(f"{where}: numbers of the English missing in the Korean: {missing_numbers(en, ko_text)}")
        wanted = []
        for target in LINK.findall(_without_code(en)):
            base = target.split("#", 1)[0]
            for pattern, replacement in GUIDE_LINKS:
                base, count = pattern.subn(replacement, base, count=1)
                if count:
                    break
            wanted.append(base)
        got = [t.split("#", 1)[0] for t in LINK.findall(_without_code(ko_text))]
        if got != wanted:
            found.append(f"{where}: the links differ: expected {wanted}, got {got}")
        if i and not has_hangul(ko_text):
            found.append(f"{where}: not translated")
    return found


def stamp_guide() -> None:
    """Record in each part of INSTRUCTOR.ko.md the hash of the English part it translates now."""
    en_parts = guide_parts(GUIDE.read_text(encoding="utf-8"))
    ko_parts = guide_parts(GUIDE_KO.read_text(encoding="utf-8"))
    if len(en_parts) != len(ko_parts):
        raise SystemExit("INSTRUCTOR.ko.md must have the English guide's '## ' parts first")
    out = []
    for en, ko in zip(en_parts, ko_parts):
        ko = GUIDE_MARK.sub("", ko)
        mark = f"<!-- translation-source: {_guide_hash(en)} -->\n"
        if ko.startswith("## "):
            head, _, rest = ko.partition("\n")
            ko = f"{head}\n{mark}{rest}"
        else:
            ko = mark + ko
        out.append(ko)
    GUIDE_KO.write_text("".join(out), encoding="utf-8")


def problems() -> list[str]:
    found = guide_problems()
    for english in english_notebooks():
        found += pair_problems(english, korean(english))
    extra = {p.name for p in KO.glob("*.ipynb")} - {p.name for p in english_notebooks()}
    found += [f"ko/{name}: no English notebook of that name" for name in sorted(extra)]
    return found


# ----- the commands --------------------------------------------------------------------------

def scaffold(name: str) -> Path:
    """A Korean notebook to translate: the English cells, each stamped with its English hash,
    and the language line after ``import helpers``. Its text is still English: the tests fail
    until every cell is translated."""
    english = NOTEBOOKS / name
    target = korean(english)
    if target.exists():
        raise SystemExit(f"{target.relative_to(ROOT)} exists; translate it in place")
    nb = copy.deepcopy(load(english))
    placed = False
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        if is_frame(cell):
            continue
        cell.setdefault("metadata", {})[STAMP] = {"source": cell_hash(cell)}
        lines = source(cell).split("\n")
        if cell["cell_type"] == "code" and not placed and "import helpers" in lines:
            at = lines.index("import helpers") + 1
            lines.insert(at, LANGUAGE_LINE)
            cell["source"] = [line + "\n" for line in lines[:-1]] + [lines[-1]]
            placed = True
    KO.mkdir(exist_ok=True)
    save(target, nb)
    return target


def stamp(name: str, cells: list[int]) -> None:
    """Mark Korean cells as translated from the English cells as they are now."""
    en_cells, ko = load(NOTEBOOKS / name)["cells"], load(KO / name)
    for i in cells:
        ko["cells"][i].setdefault("metadata", {})[STAMP] = {"source": cell_hash(en_cells[i])}
    save(KO / name, ko)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "scaffold" and len(argv) == 3:
        print(scaffold(argv[2]).relative_to(ROOT))
        return 0
    if command == "stamp" and len(argv) >= 4:
        stamp(argv[2], [int(i) for i in argv[3:]])
        return 0
    if command == "stamp-guide":
        stamp_guide()
        return 0
    if command != "status":
        print(__doc__)
        return 2
    found = problems()
    print("\n".join(found) if found else "every Korean notebook is a current translation")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
