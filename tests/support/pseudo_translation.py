"""A complete pseudo-Spanish translation of the sources, made the way the real one is.

`pyside6-lupdate` extracts every text of the current sources into a fresh .ts; each
is "translated" by accenting its vowels ("Search" → "Séárch"), `{name}` fields kept,
and `pyside6-lrelease` compiles it to `desk_es.qm`. Loaded into a window, any text
still shown in plain English was never looked up under the context lupdate filed it
in, or never went through `tr()`: what the real Spanish file would leave in English
too. It needs no translator and follows every change to the sources.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from desk.tools.build_resources import python_sources, qt_tool, run

ACCENTED = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
FIELD_OR_TEXT = re.compile(r"(\{[A-Za-z_][A-Za-z0-9_]*\}|%n|<[^>]*>|&[a-z]+;)|([^{%<&]+|.)")


def pseudo(text: str) -> str:
    """`text` with its vowels accented, fields, `%n`, markup and entities kept."""
    return "".join(kept or plain.translate(ACCENTED) for kept, plain in FIELD_OR_TEXT.findall(text))


def build_pseudo_spanish(folder: Path) -> Path:
    """Write `desk_es.ts` and `desk_es.qm` into `folder`; the .ts (the catalogue)."""
    ts = folder / "desk_es.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="es_ES">\n</TS>\n',
        encoding="utf-8",
    )
    sources = [str(path) for path in python_sources()]
    run([qt_tool("pyside6-lupdate"), *sources, "-locations", "none", "-ts", str(ts)])
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = pseudo(source)
        if not forms:
            translation.text = pseudo(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(folder / "desk_es.qm")])
    return ts
