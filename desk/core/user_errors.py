"""Errors a person reads, carried as a text to translate and the values to fill in.

An English `ValueError("type a message first")` reaches a Spanish-speaking user as
English. Instead, code that refuses something a person asked for raises `UserError`
with the untranslated text, marked for `pyside6-lupdate` by `QT_TRANSLATE_NOOP` under
the "Errors" context (spelled out each time: lupdate reads only literals), and its
values apart; the UI translates the text and only then fills the values in
(`desk.i18n.errors.error_text`). `str()` stays English, for logs.

desk/core imports no Qt, so `QT_TRANSLATE_NOOP` is defined here: lupdate recognises
the call by its name, whatever module it comes from.
"""

from __future__ import annotations

from typing import Self


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate under `context`; the text comes back unchanged."""
    del context  # only lupdate reads it
    return text


class UserError(ValueError):
    """A refusal worded for the person who asked: `text` with `{name}` fields and values.

    A `ValueError`, since that is what refused input has always raised here and what
    callers catch.

    Attributes:
        text: the English text as marked for translation (context "Errors").
        values: what fills its `{name}` fields, after translation.
    """

    def __init__(self, text: str, **values: object) -> None:
        # Without values the text is not a format string: a server's reason may hold braces.
        super().__init__(text.format(**values) if values else text)
        self.text = text
        self.values = values

    @classmethod
    def from_error(cls, error: ValueError) -> Self:
        """`error` re-raised as `cls`: a `UserError`'s text and values kept for translation."""
        if isinstance(error, UserError):
            return cls(error.text, **error.values)
        return cls(str(error))
