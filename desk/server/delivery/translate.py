"""Translating a message into the recipient's language (seed 004), behind one interface.

The adapter speaks the LibreTranslate API (`POST /translate` with q, source, target,
format; answers `{"translatedText": ...}`), which self-hosted servers and several
hosted services offer. With no translator configured, or when it fails, a message
goes out untranslated (never held back: an emergency text in English beats none) and
its delivery records why, for the office to see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from desk.server.providers import http
from desk.server.providers.base import ProviderError

SOURCE_LANGUAGE = "en"


class TranslationFailed(Exception):
    """The translator could not translate; the message goes out as written."""


class Translator(Protocol):
    """Turns text written in the centre's language into another language."""

    def translate(self, text: str, target: str) -> str:
        """`text` in `target`; raises `TranslationFailed`."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


@dataclass(frozen=True)
class TranslationSettings:
    """A LibreTranslate-compatible server (the `[translation]` table)."""

    url: str
    api_key: str = field(default="", repr=False)
    timeout_seconds: float = 10.0


class LibreTranslate:
    """A `Translator` over the LibreTranslate HTTP API."""

    def __init__(self, settings: TranslationSettings) -> None:
        self._settings = settings
        self._client = http.new_client(settings.url, settings.timeout_seconds)

    def translate(self, text: str, target: str) -> str:
        """POST /translate; any failure is `TranslationFailed`."""
        form = {"q": text, "source": SOURCE_LANGUAGE, "target": target, "format": "text"}
        if self._settings.api_key:
            form["api_key"] = self._settings.api_key
        try:
            # Translating twice is harmless, so a kept connection found closed is retried.
            response = http.send(
                self._client,
                "the translation service",
                "POST",
                "/translate",
                idempotent=True,
                json=form,
            )
        except ProviderError as error:  # its message names the service and the failure
            raise TranslationFailed(str(error).rstrip(".")) from error
        body = http.json_object(response) if response.is_success else {}
        translated = body.get("translatedText") if isinstance(body, dict) else None
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationFailed(
                f"the translation service refused the text ({response.status_code})"
            )
        return translated

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


@dataclass(frozen=True)
class Translated:
    """The text to send and the language it is in.

    When that is not the recipient's language, `note` says why; the message shows
    either (issue 13 item 4).
    """

    text: str
    note: str = ""
    language: str = SOURCE_LANGUAGE


def for_recipient(translator: Translator | None, text: str, language: str) -> Translated:
    """`text` in `language` if a translator can do it; otherwise as written, with a note."""
    wanted = (language or SOURCE_LANGUAGE).split("-")[0].lower()
    if wanted == SOURCE_LANGUAGE:
        return Translated(text)
    if translator is None:
        return Translated(
            text, f"sent untranslated: no translation service is configured (reads {language})"
        )
    try:
        return Translated(translator.translate(text, wanted), language=wanted)
    except TranslationFailed as error:
        return Translated(text, f"sent untranslated: {error}")
