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


class Phrase(str):
    """A value that is itself English to translate (context "Errors") before it fills a field.

    "Front Desk could not save {what}" takes "your draft" as `what`: a plain string
    value is shown as it is (a name, a number), a `Phrase` is translated first, and
    so is a `WordedError` value (a sentence with values of its own) or a `Listing`.
    """

    __slots__ = ()


class Listing(tuple["WordedError", ...]):
    """A value that is several worded parts, each translated, then joined with ", "."""

    __slots__ = ()

    def __str__(self) -> str:
        return ", ".join(str(part) for part in self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class WordedError(Exception):
    """An error whose `text` a person reads, translated, with `{name}` fields and values.

    The base of refusals (`UserError`) and of sync failures (`desk.sync.errors`), so the
    UI translates both the same way without knowing either.

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
    def from_error(cls, error: BaseException) -> Self:
        """`error` re-raised as `cls`: a worded error's text and values kept for translation."""
        if isinstance(error, WordedError):
            return cls(error.text, **error.values)
        return cls(str(error))


class UserError(WordedError, ValueError):
    """A refusal worded for the person who asked.

    A `ValueError`, since that is what refused input has always raised here and what
    callers catch.
    """
