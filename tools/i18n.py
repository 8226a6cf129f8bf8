"""The message catalogs of ``helpers``: extract the texts a learner reads and keep the
translations in step with them.

    python tools/i18n.py update   # add new texts (untranslated) to every catalog, drop gone ones
    python tools/i18n.py check    # list what needs a translator (exit 1 if anything does)
    python tools/i18n.py update checks.nb01 live   # only these modules' catalogs

A text is marked in the helpers' source as ``_("...")``, ``N_("...")`` or
``pgettext("context", "...")`` with string literals (an f-string cannot be looked up: write
``_("{n} steps").format(n=n)``); ``_(NAME)`` looks up a text kept elsewhere and marked there
with ``N_("...")``. Each module of ``helpers`` has its own catalog per language,
``helpers/locale/<language>/LC_MESSAGES/<module>.po`` (``checks/nb01.py`` → ``checks.nb01.po``).
"""

from __future__ import annotations

import ast
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELPERS = ROOT / "helpers"
LOCALE = HELPERS / "locale"
TRANSLATED = ("ko",)
MARKERS = {"_": 1, "N_": 1, "pgettext": 2}
HEADER = (
    "Project-Id-Version: gradient-descent-course\n"
    "Language: {language}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)

sys.path.insert(0, str(ROOT))
from helpers.i18n import PoEntry, read_po  # noqa: E402


@dataclass
class Message:
    msgid: str
    msgctxt: str | None = None
    files: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def domain_of(path: Path) -> str:
    """``helpers/checks/nb01.py`` → ``checks.nb01``."""
    return ".".join(path.relative_to(HELPERS).with_suffix("").parts)


def extract(root: Path = HELPERS) -> tuple[dict[str, dict[str, Message]], list[str]]:
    """The marked texts of every module, ``{domain: {key: Message}}`` in source order, and the
    problems found (a marker called with something other than string literals)."""
    domains: dict[str, dict[str, Message]] = {}
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == root:
            continue
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        marked: list[tuple[int, int, Message]] = []
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS):
                continue
            args = node.args
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args)
            if (node.func.id == "_" and len(args) == 1 and not node.keywords and not literal
                    and not isinstance(args[0], (ast.JoinedStr, ast.BinOp, ast.Constant))):
                continue  # _(NAME): a text marked with N_() where it is kept, looked up here
            if len(args) != MARKERS[node.func.id] or node.keywords or not literal:
                problems.append(f"{rel}:{node.lineno}: {node.func.id}() takes string literals "
                                "(or, for _(), a text kept with N_()); no f-string, no "
                                "concatenation: use .format() after it")
                continue
            values = [a.value for a in args]
            message = Message(values[-1], values[0] if len(values) == 2 else None)
            if not message.msgid:
                problems.append(f"{rel}:{node.lineno}: an empty text is not a message")
                continue
            marked.append((node.lineno, node.col_offset, message))
        found: dict[str, Message] = {}
        for *_where, message in sorted(marked, key=lambda m: m[:2]):  # source order
            found.setdefault(message.key, message)
        if found:
            domains[domain_of(path)] = found
            for message in found.values():
                message.files = [rel]
    return domains, problems


def placeholders(text: str) -> list[tuple[str, str, str]]:
    """The ``str.format`` fields of ``text``: sorted ``(name, conversion, spec)`` triples."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append((name, conversion or "", spec or ""))
    return sorted(fields)


def _quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
               .replace("\r", "\\r").replace("\n", "\\n"))
    return f'"{escaped}"'


def _field(keyword: str, text: str) -> list[str]:
    if "\n" in text.rstrip("\n"):
        pieces = text.splitlines(keepends=True)
        return [f'{keyword} ""', *(_quote(p) for p in pieces)]
    return [f"{keyword} {_quote(text)}"]


def write_po(entries: list[PoEntry]) -> str:
    """A ``.po`` file of ``entries`` (the first is the header)."""
    blocks = []
    for entry in entries:
        lines = list(entry.comments)
        if entry.flags:
            lines.append("#, " + ", ".join(sorted(entry.flags)))
        body = []
        if entry.msgctxt is not None:
            body += _field("msgctxt", entry.msgctxt)
        body += _field("msgid", entry.msgid)
        body += _field("msgstr", entry.msgstr)
        if entry.obsolete:
            body = [f"#~ {line}" for line in body]
        blocks.append("\n".join(lines + body))
    return "\n\n".join(blocks) + "\n"


def catalog_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path) -> list[PoEntry]:
    return read_po(path.read_text(encoding="utf-8")) if path.exists() else []


def _only(domains: dict[str, dict[str, Message]], only: list[str] | None):
    return {d: m for d, m in domains.items() if not only or d in only}


def update(language: str, only: list[str] | None = None) -> list[str]:
    """Bring every catalog of ``language`` (or the catalogs of the modules ``only``) in step
    with the source: new texts added with an empty translation, texts no longer in the source
    dropped. Returns what changed."""
    domains, problems = extract()
    if problems:
        raise SystemExit("\n".join(problems))
    changes = []
    folder = LOCALE / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in sorted(folder.glob("*.po")):
        if stale.stem not in domains and not only:
            stale.unlink()
            changes.append(f"removed {stale.relative_to(ROOT)} (no texts left in its module)")
    for domain, messages in _only(domains, only).items():
        path = catalog_path(language, domain)
        old = {e.key: e for e in read_catalog(path) if e.msgid and not e.obsolete}
        header = PoEntry()
        header.msgstr = HEADER.format(language=language)
        entries = [header]
        for key, message in messages.items():
            entry = old.pop(key, None)
            if entry is None:
                entry = PoEntry()
                changes.append(f"{path.name}: new text {message.msgid[:60]!r}")
            entry.msgid, entry.msgctxt = message.msgid, message.msgctxt
            entry.comments = [c for c in entry.comments if not c.startswith("#:")]
            entry.comments.append("#: " + " ".join(message.files))
            entry.flags.discard("python-brace-format")
            if placeholders(message.msgid):
                entry.flags.add("python-brace-format")
            entries.append(entry)
        for key in old:
            changes.append(f"{path.name}: dropped {key[:60]!r} (no longer in the source)")
        text = write_po(entries)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return changes


def problems(language: str, only: list[str] | None = None) -> list[str]:
    """Everything that keeps ``language`` from being complete: texts missing from a catalog or
    untranslated, fuzzy, placeholders that differ from the English, stale entries, one English
    text translated two ways."""
    domains, found = extract()
    seen: dict[str, tuple[str, str]] = {}
    for domain, messages in _only(domains, only).items():
        path = catalog_path(language, domain)
        name = path.relative_to(ROOT).as_posix()
        entries = {e.key: e for e in read_catalog(path) if e.msgid and not e.obsolete}
        for key, message in messages.items():
            entry = entries.pop(key, None)
            shown = message.msgid if len(message.msgid) < 70 else message.msgid[:67] + "..."
            if entry is None:
                found.append(f"{name}: missing {shown!r} (run `python tools/i18n.py update`)")
                continue
            if not entry.msgstr:
                found.append(f"{name}: untranslated {shown!r}")
                continue
            if "fuzzy" in entry.flags:
                found.append(f"{name}: fuzzy (needs a translator's look) {shown!r}")
            try:
                theirs = placeholders(entry.msgstr)
            except ValueError as exc:
                found.append(f"{name}: the translation of {shown!r} is not a valid format: {exc}")
                continue
            if theirs != placeholders(message.msgid):
                found.append(f"{name}: the placeholders of {shown!r} differ: English "
                             f"{placeholders(message.msgid)}, translation {theirs}")
            if key in seen and seen[key][1] != entry.msgstr:
                found.append(f"{name}: {shown!r} is translated otherwise in {seen[key][0]}")
            seen.setdefault(key, (name, entry.msgstr))
        for key in entries:
            found.append(f"{name}: {key[:60]!r} is no longer in the source "
                         "(run `python tools/i18n.py update`)")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    only = argv[2:] or None  # module names, e.g. checks.nb01 live
    if command == "update":
        for language in TRANSLATED:
            for change in update(language, only):
                print(change)
    elif command != "check":
        print(__doc__)
        return 2
    bad = [f"[{language}] {p}" for language in TRANSLATED for p in problems(language, only)]
    print("\n".join(bad) if bad else "every text of helpers is translated")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
