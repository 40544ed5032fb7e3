"""`python -m desk.tools.fill_translations`: filling a .ts file from a glossary.

The end-to-end tests compile the filled file with Qt's own `lrelease` and read it
back through a `QTranslator`, so "filled" means what the app will show.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desk.tools.fill_translations import (
    GlossaryError,
    fill_file,
    main,
    parse_glossary,
    placeholders,
    problem,
)
from tests.support.translations import SPANISH_TS, compile_ts

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ChildRow</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello, {name}!</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n messages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña corregida</translation>
    </message>
    <message>
        <source>Not in the glossary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gone</source>
        <translation type="vanished">Ido</translation>
    </message>
</context>
</TS>
"""

GLOSSARY = {
    "Sign in": {"": "Iniciar sesión", "ChildRow": "Registrar entrada"},
    "Hello, {name}!": "¡Hola, {name}!",
    "%n messages": ["%n mensaje", "%n mensajes"],
    "&Password": "&Contraseña",
}


def _write(tmp_path: Path, glossary: object) -> tuple[Path, Path]:
    ts = tmp_path / "app_es.ts"
    ts.write_text(TS, encoding="utf-8")
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")
    return ts, path


def _translator(tmp_path: Path, ts: Path) -> QTranslator:
    """The file compiled by Qt's lrelease and loaded as the app would load it."""
    translator = QTranslator()
    assert translator.load(str(compile_ts(ts, tmp_path / "app_es.qm")))
    return translator


def test_filled_file_translates_through_qt(
    tmp_path: Path, qapp: QCoreApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    """Per-context texts, placeholders and both Spanish plural forms reach Qt."""
    ts, glossary = _write(tmp_path, GLOSSARY)
    assert main([str(ts), str(glossary)]) == 0
    assert capsys.readouterr().out.strip() == "4 filled, 1 unfinished remain"

    translator = _translator(tmp_path, ts)
    assert translator.translate("ChildRow", "Sign in") == "Registrar entrada"
    assert translator.translate("SignInDialog", "Sign in") == "Iniciar sesión"
    assert translator.translate("ChildRow", "Hello, {name}!") == "¡Hola, {name}!"
    qapp.installTranslator(translator)
    try:
        one = QCoreApplication.translate("ChildRow", "%n messages", "", 1)
        many = QCoreApplication.translate("ChildRow", "%n messages", "", 3)
    finally:
        qapp.removeTranslator(translator)
    assert (one, many) == ("1 mensaje", "3 mensajes")


def test_finished_and_vanished_messages_are_left_alone(tmp_path: Path) -> None:
    """A translator's correction in Qt Linguist survives the next fill."""
    ts, glossary = _write(tmp_path, GLOSSARY)
    main([str(ts), str(glossary)])
    found = {
        m.findtext("source"): (m.findtext("translation"), m.find("translation[@type]"))
        for m in ET.parse(ts).getroot().iter("message")
    }
    assert found["&Password"] == ("&Contraseña corregida", None)
    text, vanished = found["Gone"]
    assert text == "Ido"
    assert vanished is not None
    assert vanished.get("type") == "vanished"
    text, unfinished = found["Not in the glossary"]
    assert text == ""
    assert unfinished is not None
    assert unfinished.get("type") == "unfinished"


def test_a_broken_translation_is_refused_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ts, glossary = _write(
        tmp_path, {"Hello, {name}!": "¡Hola, {nombre}!", "%n messages": "%n mensajes"}
    )
    assert main([str(ts), str(glossary)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "0 filled, 5 unfinished remain"
    assert "ChildRow: 'Hello, {name}!': placeholders ['{nombre}']" in captured.err
    assert "ChildRow: '%n messages': needs a list of plural forms" in captured.err
    assert 'type="unfinished"' in ts.read_text(encoding="utf-8")


def test_output_option_leaves_the_input_untouched(tmp_path: Path) -> None:
    ts, glossary = _write(tmp_path, GLOSSARY)
    out = tmp_path / "filled.ts"
    assert main([str(ts), str(glossary), "--output", str(out)]) == 0
    assert ts.read_text(encoding="utf-8") == TS
    assert out.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>')


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["Sign in"], "must be a JSON object"),
        ({"Sign in": 3}, "'Sign in': expected a string or a list of plural forms, got 3"),
        ({"Sign in": []}, "expected a string or a list of plural forms"),
        ({"Sign in": {}}, "'Sign in': an empty object translates nothing"),
        ({"Sign in": {"ChildRow": None}}, "in context 'ChildRow'"),
    ],
)
def test_a_malformed_glossary_says_where(data: object, message: str) -> None:
    with pytest.raises(GlossaryError, match=message.replace("[", r"\[").replace("(", r"\(")):
        parse_glossary(data)


def test_unreadable_files_exit_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ts, glossary = _write(tmp_path, GLOSSARY)
    glossary.write_text("{not json", encoding="utf-8")
    assert main([str(ts), str(glossary)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.ts"), str(tmp_path / "missing.json")]) == 2


@pytest.mark.parametrize(
    ("source", "forms", "numerus", "why"),
    [
        ("Hello, {name}!", "¡Hola!", False, "placeholders [] differ from the source's ['{name}']"),
        ("{n} of {total}", "{total} de {n}", False, None),
        ("Replace {{{name}}} now", "Sustituya {{{name}}} ya", False, None),
        ("Sync {n}%", "Sincronizar {n} %", False, None),
        ("Open %1", "Abrir", False, "placeholders [] differ"),
        ("&Save", "Guardar", False, "lost the source's & accelerator"),
        ("Tom && Jerry", "Tom && Jerry", False, None),
        ("%n messages", ("un mensaje", "%n mensajes"), True, None),
        ("%n messages", ("%n mensajes",), True, "needs 2 plural forms, has 1"),
        ("%n of {total}", ("%n de", "%n de {total}"), True, "placeholders ['%n'] differ"),
        ("Hello", ("Hola", "Holas"), False, "needs a string"),
    ],
)
def test_problem(source: str, forms: str | tuple[str, ...], numerus: bool, why: str | None) -> None:
    found = problem(source, forms, numerus, 2)
    if why is None:
        assert found is None
    else:
        assert why in (found or "")


def test_placeholders_ignore_escaped_braces() -> None:
    assert placeholders("{{literal}} {name} %n %1 %L2 100%") == ["%1", "%L2", "%n", "{name}"]


def test_committed_spanish_file_is_complete_and_keeps_placeholders(tmp_path: Path) -> None:
    """The shipped Spanish file has no unfinished message and no broken one.

    Filling it again from an empty glossary must find nothing left to do; every
    translation must keep its source's placeholders and accelerator.
    """
    report = fill_file(SPANISH_TS, parse_glossary({}), tmp_path / "copy.ts")
    assert report.unfinished == 0
    for message in ET.parse(SPANISH_TS).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        source = message.findtext("source") or ""
        numerus = message.get("numerus") == "yes"
        forms: str | tuple[str, ...] = (
            tuple(f.text or "" for f in translation.findall("numerusform"))
            if numerus
            else translation.text or ""
        )
        assert problem(source, forms, numerus, 2) is None, source
