"""The course's languages: English, the language the helpers are written in, and Korean.

A notebook chooses its language in its import cell, ``helpers.set_language("ko")``; importing
``helpers`` changes nothing (the language is English until a notebook says otherwise).

Every text a learner reads (figure titles, labels, legends, readouts, slider labels, preset
names and notes, checker messages and hints) is written in English inside ``_("...")`` and
looked up when it is shown, so a notebook that changes the language gets the new one at once:

* ``_("text")`` or, with placeholders, ``_("η = {lr:.3g}").format(lr=lr)``: the translation;
* ``N_("text")`` marks a text that is kept (a module constant, a default argument) and
  translated with ``_()`` where it is shown;
* ``pgettext("context", "text")`` when one English word needs two translations.

The translations are standard gettext catalogs, ``helpers/locale/<language>/LC_MESSAGES/
<module>.po`` (one per module of ``helpers``; translators open them with Poedit or Weblate).
``tools/i18n.py`` extracts the ``_()``/``N_()``/``pgettext()`` calls and updates the catalogs;
``tests/test_i18n.py`` fails when a text has no translation or its placeholders differ.

The Korean figures need a font with Hangul: the course ships a subset of Nanum Gothic (SIL Open
Font License, ``helpers/fonts/OFL.txt``) and uses it only inside the course style
(:func:`helpers.style.course_style`), never in the learner's own figures.
"""

from __future__ import annotations

import ast
import functools
from importlib import resources

LANGUAGES: tuple[str, ...] = ("en", "ko")
"""The languages of the course: ``en`` (the text the helpers are written in) and ``ko``."""

_state = {"language": "en"}


def set_language(language: str) -> None:
    """Show every later text of the helpers (figures, widgets, checks) in ``language``:
    ``"en"`` (English) or ``"ko"`` (Korean)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}; "
                         f"got {language!r}")
    _state["language"] = language


def get_language() -> str:
    """The language the helpers speak now (``"en"`` until :func:`set_language`)."""
    return _state["language"]


def _(message: str) -> str:
    """``message`` in the language of the course now (the English text when it is English)."""
    language = _state["language"]
    if language == "en":
        return message
    return catalog(language).get(message, message)


def N_(message: str) -> str:  # noqa: N802 (the usual gettext name)
    """Mark ``message`` for translation without translating it now: translate it with ``_()``
    where it is shown."""
    return message


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (for an English word with two translations)."""
    language = _state["language"]
    if language == "en":
        return message
    return catalog(language).get(f"{context}\x04{message}", message)


@functools.cache
def catalog(language: str) -> dict[str, str]:
    """Every translated message of ``language``: ``{msgid: msgstr}``, a context as
    ``context + "\\x04" + msgid`` (as gettext keys it). Untranslated and fuzzy entries are left
    out, so their English shows."""
    folder = resources.files("helpers") / "locale" / language / "LC_MESSAGES"
    messages: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".po"):
            for item in read_po(entry.read_text(encoding="utf-8")):
                if item.msgid and item.msgstr and "fuzzy" not in item.flags:
                    messages[item.key] = item.msgstr
    return messages


class PoEntry:
    """One entry of a ``.po`` catalog."""

    __slots__ = ("comments", "flags", "msgctxt", "msgid", "msgstr", "obsolete")

    def __init__(self) -> None:
        self.comments: list[str] = []  # every "#" line but the flags, as written
        self.flags: set[str] = set()
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgstr = ""
        self.obsolete = False

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise ValueError(f"{where}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)


def read_po(text: str) -> list[PoEntry]:
    """The entries of a gettext ``.po`` file (the header is the entry whose msgid is empty).
    Plural forms are not used by the course and are refused."""
    entries: list[PoEntry] = []
    entry = PoEntry()
    field: str | None = None

    def finish() -> None:
        nonlocal entry, field
        if field is not None or entry.comments or entry.flags:
            entries.append(entry)
        entry, field = PoEntry(), None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"line {number}"
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#"):
            if field == "msgstr":
                finish()
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            else:
                entry.comments.append(raw)
            continue
        if not line:
            if field == "msgstr":
                finish()
            continue
        if line.startswith('"'):
            entry.obsolete = entry.obsolete or obsolete
            if field is None:
                raise ValueError(f"{where}: a continued string with nothing to continue")
            setattr(entry, field, (getattr(entry, field) or "") + _unquote(line, where))
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword in ("msgid_plural",) or keyword.startswith("msgstr["):
            raise ValueError(f"{where}: plural forms are not used in the course's catalogs")
        if keyword not in ("msgctxt", "msgid", "msgstr"):
            raise ValueError(f"{where}: unknown keyword {keyword!r}")
        if keyword in ("msgctxt", "msgid") and field == "msgstr":
            finish()
        entry.obsolete = entry.obsolete or obsolete
        field = keyword
        setattr(entry, keyword, _unquote(rest, where))
    finish()
    return entries
