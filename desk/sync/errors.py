"""What can go wrong talking to the server, each with what the user should do.

Each failure is a `WordedError`: its English text is marked for translation where it
is raised (`QT_TRANSLATE_NOOP("Errors", ...)`) and its values kept apart, so the
status bar shows it in the user's language. A server's own sentence (a refusal's
detail) has no entry in the catalogue and shows as the server wrote it.
"""

from __future__ import annotations

from desk.core.user_errors import WordedError


class SyncError(WordedError):
    """Base of every sync failure; `str()` is the English sentence, for logs."""

    retryable = False


class Offline(SyncError):
    """The server cannot be reached: no network, DNS, refused or dropped connection."""

    retryable = True


class ServerUnavailable(SyncError):
    """The server answered 5xx: it is up but failing; try again later."""

    retryable = True


class Unauthorized(SyncError):
    """The token was refused (401): the user must sign in again; nothing is lost."""


class Refused(SyncError):
    """The server refused the request (4xx other than 401) and said why."""

    def __init__(self, status: int, detail: str, **values: object) -> None:
        super().__init__(detail, **values)
        self.status = status


class MustRefetch(Refused):
    """The cursor belongs to other data (410): drop synced rows and sync from 0."""


class BadAnswer(SyncError):
    """The server's answer was not what the protocol promises (HTML, truncated JSON)."""

    retryable = True


class Cancelled(SyncError):
    """A long-poll was cut short because sync is stopping; nothing went wrong."""


class StreamRefused(SyncError):
    """The change feed cannot be streamed on this route; long-poll it instead.

    An older server without `/changes/stream`, or a proxy on the way that answers
    for it or holds the events back until the stream ends.
    """
