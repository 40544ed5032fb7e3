"""A worded error as JSON, so a server's refusal reaches the client translatable.

The server words its refusals in English for its logs and for any client; it also
sends the untranslated text and its values (`to_wire`), which a client looks up in
its own catalogue (`from_wire`), so a Spanish-speaking office reads Spanish. The
JSON keeps each value's kind: `{"phrase": text}` for a `Phrase`, `{"text": ...,
"values": ...}` for a nested sentence, `{"list": [...]}` for a `Listing`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from string import Formatter

from desk.core.user_errors import Listing, Phrase, WordedError

_MAX_DEPTH = 4  # a sentence within a list within a sentence is as deep as any refusal goes


class Malformed(ValueError):
    """The JSON is not a worded error this client can rebuild."""


def to_wire(error: WordedError) -> dict[str, object]:
    """`error`'s text and values as JSON."""
    return {
        "text": error.text,
        "values": {name: _value_to_wire(v) for name, v in error.values.items()},
    }


def _value_to_wire(value: object) -> object:
    if isinstance(value, Phrase):
        return {"phrase": str(value)}
    if isinstance(value, Listing):
        return {"list": [to_wire(part) for part in value]}
    if isinstance(value, WordedError):
        return to_wire(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return value


def from_wire(english: str, reason: object) -> WordedError:
    """The refusal a server sent: translatable when `reason` is well formed, else `english`.

    `reason` is the decoded `to_wire` answer, or its JSON text as the outbox keeps
    it. A server from before worded reasons, or a malformed answer, leaves the
    English sentence, shown as it is: nothing is lost.
    """
    if isinstance(reason, str | bytes):
        try:
            reason = json.loads(reason) if reason else None
        except ValueError:
            return WordedError(english)
    if reason is None:
        return WordedError(english)
    try:
        return _sentence(reason, 0)
    except Malformed:
        return WordedError(english)


def _sentence(raw: object, depth: int) -> WordedError:
    if depth > _MAX_DEPTH or not isinstance(raw, Mapping) or not isinstance(raw.get("text"), str):
        raise Malformed("not a worded sentence")
    text: str = raw["text"]
    given = raw.get("values", {})
    if not isinstance(given, Mapping):
        raise Malformed("values is not an object")
    values = {str(name): _value(value, depth) for name, value in given.items()}
    try:
        fields = {field for _, field, _, _ in Formatter().parse(text) if field is not None}
    except ValueError as error:  # unbalanced braces
        raise Malformed("the text is not a format string") from error
    if fields != set(values) or not all(field.isidentifier() for field in fields):
        # A missing value, `{x.attr}` reaching into one, or a positional `{0}`.
        raise Malformed("the text's fields and the values differ")
    return WordedError(text, **values)


def _value(raw: object, depth: int) -> object:
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, Mapping) and isinstance(raw.get("phrase"), str):
        return Phrase(raw["phrase"])
    if isinstance(raw, Mapping) and isinstance(raw.get("list"), list):
        return Listing(_sentence(part, depth + 1) for part in raw["list"])
    return _sentence(raw, depth + 1)
