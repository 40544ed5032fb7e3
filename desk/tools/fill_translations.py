"""Fill a Qt Linguist .ts file's unfinished messages from a glossary of translations.

    python -m desk.tools.fill_translations resources/translations/desk_es.ts es_glossary.json

The glossary is a JSON object keyed by the exact English source text. A value is
the translation (a string); for a numerus message (`tr("%n messages", "", n)`) a
list of the target language's plural forms in Qt's order (Spanish: one, other);
or, when one English text needs different translations in different places, an
object from a .ts context name to either of those, where "" is the default:

    {"Sign in": {"": "Iniciar sesión", "VisitScreen": "Registrar entrada"}}

Only messages marked unfinished are filled, and they are then marked finished;
a message someone already translated is never overwritten, so a translator's
correction in Qt Linguist survives the next run. A translation that drops or
invents a placeholder ({name}, %n, %1) or loses the source's keyboard
accelerator (&) is refused, because Qt would show it broken, and is listed.
Prints how many messages remain unfinished, so `lupdate`, this tool, `lrelease`
can be rerun after every source change.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Forms = str | tuple[str, ...]
"""One translation: a string, or a numerus message's plural forms."""

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%n|%L?\d+")
_ACCELERATOR = re.compile(r"&(?!&)(\S)")
_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


class GlossaryError(ValueError):
    """The glossary file cannot be used as it is; the message says where."""


@dataclass(frozen=True)
class Glossary:
    """Translations by source text, with optional per-context overrides."""

    entries: Mapping[str, Mapping[str, Forms]]
    """source text -> context ("" for any) -> translation."""

    def lookup(self, source: str, context: str) -> Forms | None:
        """The translation of `source` in `context`: its own, else the default."""
        by_context = self.entries.get(source)
        if by_context is None:
            return None
        return by_context.get(context, by_context.get(""))


def _forms(value: object, where: str) -> Forms:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GlossaryError(f"{where}: expected a string or a list of plural forms, got {value!r}")


def parse_glossary(data: object) -> Glossary:
    """Check a decoded glossary JSON document and index it.

    Raises:
        GlossaryError: the document is not an object of the documented shape.
    """
    if not isinstance(data, dict):
        raise GlossaryError("the glossary must be a JSON object of source text -> translation")
    entries: dict[str, dict[str, Forms]] = {}
    for source, value in data.items():
        if isinstance(value, dict):
            if not value:
                raise GlossaryError(f"{source!r}: an empty object translates nothing")
            entries[source] = {
                context: _forms(forms, f"{source!r} in context {context!r}")
                for context, forms in value.items()
            }
        else:
            entries[source] = {"": _forms(value, repr(source))}
    return Glossary(entries)


def load_glossary(path: Path) -> Glossary:
    """Read a glossary file (UTF-8 JSON)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GlossaryError(f"{path} is not valid JSON: {error}") from error
    return parse_glossary(data)


def placeholders(text: str) -> list[str]:
    """Every placeholder in `text`, sorted: {name}, {0}, %n, %1 (escaped braces ignored)."""
    return sorted(p for p in _PLACEHOLDER.findall(text) if p not in ("{{", "}}"))


def accelerator(text: str) -> str | None:
    """The keyboard accelerator letter `&` marks in `text`, lower-cased; None if none."""
    found = _ACCELERATOR.search(text)
    return found.group(1).lower() if found else None


def problem(source: str, forms: Forms, numerus: bool, plural_count: int) -> str | None:
    """Why `forms` cannot translate `source`; None when it can.

    A numerus form may leave out %n (Spanish "un mensaje"), as Qt allows, but no
    other placeholder, since `.format()` would then raise or show the braces.
    """
    if numerus != isinstance(forms, tuple):
        wanted = "a list of plural forms" if numerus else "a string"
        return f"needs {wanted}"
    if isinstance(forms, tuple) and len(forms) != plural_count:
        return f"needs {plural_count} plural forms, has {len(forms)}"
    wanted_marks = placeholders(source)
    for form in (forms,) if isinstance(forms, str) else forms:
        marks = placeholders(form)
        if numerus and "%n" in wanted_marks and "%n" not in marks:
            marks = sorted([*marks, "%n"])
        if marks != wanted_marks:
            return f"placeholders {marks} differ from the source's {wanted_marks}"
        if accelerator(source) and not accelerator(form):
            return f"{form!r} lost the source's & accelerator"
    return None


@dataclass
class FillReport:
    """What one run did to a .ts file."""

    filled: int = 0
    unfinished: int = 0
    refused: list[str] = field(default_factory=list)
    """One line per glossary translation that was not used, with the reason."""


def _is_unfinished(translation: ET.Element) -> bool:
    return translation.get("type") == "unfinished"


def _is_live(translation: ET.Element | None) -> bool:
    """Messages lupdate kept for history (obsolete, vanished) are not counted."""
    return translation is not None and translation.get("type") not in ("obsolete", "vanished")


def _write_forms(translation: ET.Element, forms: Forms) -> None:
    if isinstance(forms, str):
        translation.text = forms
    else:
        for element, form in zip(translation.findall("numerusform"), forms, strict=True):
            element.text = form
    del translation.attrib["type"]


def fill(root: ET.Element, glossary: Glossary, plural_count: int) -> FillReport:
    """Fill the unfinished messages under a parsed `<TS>` element in place."""
    report = FillReport()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or not _is_live(translation):
                continue
            numerus = message.get("numerus") == "yes"
            if _is_unfinished(translation):
                forms = glossary.lookup(source, name)
                if forms is not None:
                    why = problem(source, forms, numerus, plural_count)
                    if why is None:
                        _write_forms(translation, forms)
                        report.filled += 1
                    else:
                        report.refused.append(f"{name}: {source!r}: {why}")
            if _is_unfinished(translation):
                report.unfinished += 1
    return report


def plural_forms(root: ET.Element) -> int:
    """How many plural forms the file's language has, from its own numerus messages.

    lupdate writes one `<numerusform>` per form of the target language, so the
    file says it; 2 (one, other: English, Spanish) when it has no numerus message.
    """
    for translation in root.iter("translation"):
        forms = translation.findall("numerusform")
        if forms:
            return len(forms)
    return 2


def fill_file(ts_path: Path, glossary: Glossary, output: Path | None = None) -> FillReport:
    """Fill `ts_path` (or write the result to `output`) from `glossary`."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    report = fill(root, glossary, plural_forms(root))
    body = ET.tostring(root, encoding="unicode")
    (output or ts_path).write_text(_HEADER + body + "\n", encoding="utf-8")
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desk.tools.fill_translations", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("ts_file", type=Path, help="the .ts file lupdate wrote")
    parser.add_argument("glossary", type=Path, help="JSON: English source text -> translation")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of in place")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Fill the file; exit 1 when a glossary translation had to be refused."""
    args = _parser().parse_args(argv)
    try:
        glossary = load_glossary(args.glossary)
        report = fill_file(args.ts_file, glossary, args.output)
    except (OSError, ET.ParseError, GlossaryError) as error:
        print(f"fill_translations: {error}", file=sys.stderr)
        return 2
    for line in report.refused:
        print(f"refused: {line}", file=sys.stderr)
    print(f"{report.filled} filled, {report.unfinished} unfinished remain")
    return 1 if report.refused else 0


if __name__ == "__main__":
    raise SystemExit(main())
