"""The course look: fonts readable from the back of a classroom and a colour-blind-safe palette.

Nothing here runs on import. ``course_style()`` is a context manager for one figure;
``use_course_style()`` applies the look to every later figure of the session.
"""

from __future__ import annotations

import functools
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any, Callable, ParamSpec, TypeVar

import matplotlib as mpl
from cycler import cycler

from .i18n import get_language

P = ParamSpec("P")
R = TypeVar("R")

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency, and in greyscale by lightness.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

# Roles, so every notebook draws the same thing in the same colour.
COLORS: dict[str, str] = {
    "data": PALETTE["blue"],
    "model": PALETTE["vermillion"],
    "truth": PALETTE["black"],
    "path": PALETTE["orange"],
    "reference": PALETTE["green"],
    "highlight": PALETTE["purple"],
    "muted": "#8C8C8C",
}

FIGURE_DPI = 80
"""Resolution of figures: with the font sizes below, text is about 17 px high on screen."""

COURSE_RC: dict[str, Any] = {
    "figure.dpi": FIGURE_DPI,
    "savefig.dpi": FIGURE_DPI,
    "font.size": 15,
    "axes.titlesize": 16,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "legend.framealpha": 0.9,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.prop_cycle": cycler(color=list(PALETTE.values())),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "image.cmap": "viridis",
    "figure.constrained_layout.use": True,
}


HANGUL_FONT = "CourseHangul-Regular.ttf"
"""The course's Hangul font in ``helpers/fonts`` (a subset of Nanum Gothic, SIL Open Font
License: ``helpers/fonts/OFL.txt``; ``tools/subset_font.py`` makes it)."""
HANGUL_FAMILY = "CourseHangul"


@functools.cache
def _add_hangul_font() -> None:
    """Make the course's Hangul font known to matplotlib (once; it is used only where the
    course style names it)."""
    from matplotlib import font_manager

    with resources.as_file(resources.files("helpers") / "fonts" / HANGUL_FONT) as path:
        font_manager.fontManager.addfont(str(path))


def course_rc() -> dict[str, Any]:
    """The course look's settings in the language of the course now: in Korean, text is drawn
    in DejaVu Sans (matplotlib's own font, as in English) and the Hangul in the course's
    Hangul font."""
    if get_language() == "en":
        return COURSE_RC
    _add_hangul_font()
    return {**COURSE_RC, "font.family": ["DejaVu Sans", HANGUL_FAMILY]}


def course_style() -> AbstractContextManager:
    """A context manager that applies the course look to the figures made inside it."""
    return mpl.rc_context(course_rc())


def use_course_style() -> None:
    """Apply the course look to every figure made after this call (for the learner's own plots)."""
    mpl.rcParams.update(course_rc())


def styled(build: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run a figure-building function inside :func:`course_style`, so every title,
    label and tick it makes has the course look."""

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with course_style():
            return build(*args, **kwargs)

    return wrapper
