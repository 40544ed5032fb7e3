"""The sentence a person reads for an error, in their language, not `str()` of English.

A `UserError` carries its text untranslated and its values apart: the text is looked
up under the `Errors` context first and the values filled in after, so a translator
can move them. Any other error shows its own text: a server refusal arrives as the
server's sentence (already worded for a person, but in English until the server
sends a message id with it) and a sync error is worded in `desk.sync`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.core.user_errors import UserError


def error_text(error: BaseException) -> str:
    """What to show a person for `error`."""
    if isinstance(error, UserError):
        # The text was marked with QT_TRANSLATE_NOOP where it was raised.
        text = QCoreApplication.translate("Errors", error.text)
        return text.format(**error.values) if error.values else text
    return str(error) or type(error).__name__
