"""Installing the translators for one language, and switching them at run time.

Two translators per language: ours (`:/translations/desk_<lang>.qm`, compiled into
`desk.resources`) and Qt's own `qtbase_<lang>.qm` from the PySide6 installation, which
words the standard dialog buttons ("Cancel", "Save"). A language with no file of ours
(English, which the sources are written in) installs nothing of ours and shows the
source texts. The locale becomes Qt's default too, so `QLocale()` formats dates and
numbers in the same language the words are in.

The office picks one language at start-up (`language_for`); the kiosk switches to the
guardian's language after the PIN and back after the visit (`Languages.use`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)

from desk import resources

OURS = "desk"
TRANSLATIONS = "translations"


def locale_for(language: str) -> QLocale:
    """The locale a stored language names ("es", "es-MX", "en_US"); "" is the workstation's.

    The C locale (a machine with no locale configured, or a tag Qt does not know)
    writes dates as "6 12 2026"; US English is used instead, the region every
    phone number without a country is read in too (`desk.core.phones`).
    """
    locale = QLocale(language.strip().replace("-", "_")) if language.strip() else QLocale.system()
    if locale.language() == QLocale.Language.C:  # no locale configured (LANG=C)
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


class Languages(QObject):
    """The translators installed on the application, for one language at a time.

    Args:
        app: the application to install them on (their parent, so they live as long).
        default: the language `use_default` returns to; the workstation's by default
            (`locale_for("")`).
        folder: where our `desk_<lang>.qm` files are: the compiled resources unless a
            test (or a translator trying a file out) names a folder of its own.
    """

    def __init__(
        self, app: QCoreApplication, default: QLocale | None = None, folder: str | None = None
    ) -> None:
        super().__init__(app)
        self._app = app
        self._folder = folder
        self.default = default if default is not None else locale_for("")
        self.locale = QLocale(QLocale.Language.C)  # none installed yet
        self._installed: list[QTranslator] = []

    def use(self, locale: QLocale) -> bool:
        """Show the app in `locale`'s language; whether the app's texts read in it.

        English, the language of the sources, needs no translation of ours; any other
        language reads only if `desk_<lang>.qm` was compiled in.

        Installing a translator sends every widget a `LanguageChange` event; a switch to
        the language already in use does nothing, so a visit in the kiosk's own
        language re-lays nothing out.
        """
        if locale.name() == self.locale.name():
            return self._readable(locale)
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        QLocale.setDefault(locale)
        self.locale = locale
        # Only this locale's own languages: the system locale's list may go on to a
        # second language the user reads less well, which QTranslator would fall to.
        exact = QLocale(locale.name())
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ours = self._folder or resources.path(TRANSLATIONS)
        for name, folder in ((OURS, ours), ("qtbase", qt_folder)):
            translator = QTranslator(self)
            translator.setObjectName(name)
            if translator.load(exact, name, "_", folder) and self._app.installTranslator(
                translator
            ):
                self._installed.append(translator)
            else:
                translator.deleteLater()
        # Qt posts LanguageChange to each window; delivered now, a screen shown next
        # is already worded in the new language instead of flashing the old one.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return self._readable(locale)

    def _readable(self, locale: QLocale) -> bool:
        return locale.language() == QLocale.Language.English or OURS in self.installed

    def use_default(self) -> bool:
        """Back to the default language (the kiosk, after a visit)."""
        return self.use(self.default)

    @property
    def installed(self) -> list[str]:
        """Which translators are installed ("desk", "qtbase"), for tests and diagnostics."""
        return [translator.objectName() for translator in self._installed]
