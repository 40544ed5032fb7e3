"""A loopback stand-in for a LibreTranslate server: `POST /translate`.

It "translates" by tagging the text with the target language ("[es] Hello"), so a
test can see that a message went through it and into which language; it answers
LibreTranslate's error shape for an unknown language or a missing field.
"""

from __future__ import annotations

from .http_double import HttpDouble, Reply, Request

LANGUAGES = frozenset({"en", "es", "fr", "pt", "vi", "zh"})


class TranslateDouble(HttpDouble):
    """LibreTranslate's /translate on loopback; `requests` counts what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[dict[str, str]] = []

    def handle(self, request: Request) -> Reply:
        """Answer one /translate call."""
        if request.method != "POST" or request.path != "/translate":
            return Reply(404, {"error": "Not Found"})
        body = request.json()
        with self.lock:
            self.requests.append(body)
        if not body.get("q"):
            return Reply(400, {"error": "Invalid request: missing q parameter"})
        if body.get("target") not in LANGUAGES:
            return Reply(400, {"error": f"{body.get('target')} is not supported"})
        return Reply(200, {"translatedText": f"[{body['target']}] {body['q']}"})
