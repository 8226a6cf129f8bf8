"""Make the course's Hangul font, ``helpers/fonts/CourseHangul-Regular.ttf``: a subset of
Nanum Gothic (SIL Open Font License 1.1, ``helpers/fonts/OFL.txt``) renamed, as the licence
asks of a modified version that leaves out glyphs.

    python tools/subset_font.py path/to/NanumGothic.ttf

NanumGothic.ttf (version 3.021, SHA-256 below) is in Google Fonts (ofl/nanumgothic) and in the
PyPI wheel ``koreanize-matplotlib==0.1.1`` (``koreanize_matplotlib/fonts/NanumGothic.ttf``).

The course style draws text in DejaVu Sans (matplotlib's own font, as in the English edition:
the same digits, Greek letters and signs) and takes from this font only what DejaVu Sans lacks.
So the subset keeps the Hangul: the 2,350 syllables of KS X 1001 (the everyday ones: a
learner's own Korean labels draw too), the Hangul letters, CJK punctuation, and every other
Hangul syllable that the course's Korean text uses (its catalogs and notebooks). ``tests/test_font.py`` checks that every character the
Korean edition draws is in this font or in matplotlib's DejaVu Sans.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "helpers" / "fonts" / "CourseHangul-Regular.ttf"
FAMILY = "CourseHangul"
SOURCE_SHA256 = "48a28e97b34fc8e5b157657633670cd1b7de126cfc414da65ce9c3d5bc8be733"

RANGES = [
    (0x20, 0x20),  # the space
    (0x3000, 0x303F),  # CJK punctuation
    (0x3131, 0x318E),  # Hangul letters (compatibility jamo)
]


def ks_x_1001_hangul() -> set[int]:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR rows 0xB0-0xC8)."""
    found = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([lead, trail]).decode("euc-kr")))
            except UnicodeDecodeError:
                pass
    return found


def course_hangul() -> set[int]:
    """Every Hangul syllable in the course's Korean catalogs and notebooks."""
    texts = [*(ROOT / "helpers" / "locale").rglob("*.po"), *(ROOT / "notebooks" / "ko").glob("*.ipynb")]
    return {ord(c) for path in texts for c in path.read_text(encoding="utf-8")
            if 0xAC00 <= ord(c) <= 0xD7A3}


def wanted() -> set[int]:
    codes = {c for lo, hi in RANGES for c in range(lo, hi + 1)}
    return codes | ks_x_1001_hangul() | course_hangul()


def rename(font: TTFont) -> None:
    """Give the subset its own family name (Nanum's names are reserved by its licence) and say
    where it comes from."""
    names = {1: FAMILY, 2: "Regular", 3: f"{FAMILY}-Regular (subset of Nanum Gothic 3.021)",
             4: f"{FAMILY} Regular", 6: f"{FAMILY}-Regular", 16: FAMILY, 17: "Regular",
             13: "SIL Open Font License, Version 1.1", 14: "https://openfontlicense.org"}
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in names or n.nameID in (0,)]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    source = Path(argv[1])
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"{source} is not Nanum Gothic 3.021 (SHA-256 {digest})")
        return 1
    font = TTFont(source)
    cmap = font.getBestCmap()
    codes = sorted(c for c in wanted() if c in cmap)
    options = subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    rename(font)
    font.save(OUTPUT)
    print(f"{OUTPUT.relative_to(ROOT)}: {len(codes)} characters, "
          f"{OUTPUT.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
