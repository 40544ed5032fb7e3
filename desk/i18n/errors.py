"""The sentence a person reads for an error, in their language, not `str()` of English.

A `WordedError` (a `UserError` or a sync failure) carries its text untranslated and
its values apart: the text is looked up under the `Errors` context first and the
values filled in after, so a translator can move them. Any other error shows its
own text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.core.user_errors import Listing, Phrase, WordedError


def error_text(error: BaseException) -> str:
    """What to show a person for `error`."""
    if isinstance(error, WordedError):
        # The text was marked with QT_TRANSLATE_NOOP where it was raised.
        text = QCoreApplication.translate("Errors", error.text)
        if not error.values:
            return text
        return text.format(**{name: _value_text(v) for name, v in error.values.items()})
    return str(error) or type(error).__name__


def _value_text(value: object) -> object:
    """A field's value as the reader sees it: phrases and nested sentences translated."""
    if isinstance(value, Phrase):
        return QCoreApplication.translate("Errors", value)
    if isinstance(value, Listing):
        return ", ".join(error_text(part) for part in value)
    if isinstance(value, WordedError):
        return error_text(value)
    return value
