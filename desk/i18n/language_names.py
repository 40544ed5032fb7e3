"""A language's name in the language the person reads ("es" is "Spanish", or "español").

Qt names every language in English (`QLocale.languageToString`) and in the language
itself (`nativeLanguageName`), but not in a third: a Spanish-speaking office reading
that a message was translated for a Vietnamese family needs "vietnamita". The
languages families most often speak in US centres are named here for translators
(context "Languages"); any other falls back to its own name, which a reader
recognises more often than an English one.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLocale

from desk.core.user_errors import QT_TRANSLATE_NOOP

# Keyed by Qt's English name, so a code's language is found whatever its region.
_NAMED = {
    QT_TRANSLATE_NOOP("Languages", "Arabic"),
    QT_TRANSLATE_NOOP("Languages", "Chinese"),
    QT_TRANSLATE_NOOP("Languages", "English"),
    QT_TRANSLATE_NOOP("Languages", "French"),
    QT_TRANSLATE_NOOP("Languages", "German"),
    QT_TRANSLATE_NOOP("Languages", "Haitian Creole"),
    QT_TRANSLATE_NOOP("Languages", "Hindi"),
    QT_TRANSLATE_NOOP("Languages", "Italian"),
    QT_TRANSLATE_NOOP("Languages", "Japanese"),
    QT_TRANSLATE_NOOP("Languages", "Korean"),
    QT_TRANSLATE_NOOP("Languages", "Polish"),
    QT_TRANSLATE_NOOP("Languages", "Portuguese"),
    QT_TRANSLATE_NOOP("Languages", "Russian"),
    QT_TRANSLATE_NOOP("Languages", "Somali"),
    QT_TRANSLATE_NOOP("Languages", "Spanish"),
    QT_TRANSLATE_NOOP("Languages", "Filipino"),
    QT_TRANSLATE_NOOP("Languages", "Ukrainian"),
    QT_TRANSLATE_NOOP("Languages", "Urdu"),
    QT_TRANSLATE_NOOP("Languages", "Vietnamese"),
}


def language_name(code: str) -> str:
    """`code` ("es", "pt-BR") named in the current UI language; the code if unknown."""
    return _named(code, QLocale().name())


@lru_cache(maxsize=128)
def _named(code: str, reader: str) -> str:
    """Cached per reader's locale, since the kiosk switches language at run time.

    A `QLocale` from a code costs a third of a millisecond, and a thread lists one
    line per language under each message.
    """
    language = QLocale(code.replace("-", "_")).language()
    if language in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    english = QLocale.languageToString(language)
    if english in _NAMED:
        return QCoreApplication.translate("Languages", english)
    if QLocale(reader).language() == QLocale.Language.English:
        return english
    return QLocale(language).nativeLanguageName() or english
