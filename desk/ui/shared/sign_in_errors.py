"""What a person is told when a server check or a sign-in fails, and what to do next.

The sync layer's errors carry English detail for logs; the sign-in screens (the
first-run window and the sign-in dialog) show these sentences instead, each starting
with a capital and ending with what to do, all through `tr()`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.services.server_check import Problem, ServerCheckFailed
from desk.sync.credentials import KeyringUnavailable
from desk.sync.errors import Offline, Refused, ServerUnavailable, Unauthorized


def server_problem_text(problem: Problem, server: str) -> str:
    """The sentence for an address that cannot be used."""
    texts = {
        Problem.BAD_ADDRESS: QCoreApplication.translate(
            "SignInErrors",
            "Type the server's web address, for example https://frontdesk.example.org.",
        ),
        Problem.UNREACHABLE: QCoreApplication.translate(
            "SignInErrors",
            "Front Desk cannot reach {server}. Check the address and this computer's"
            " network connection, then try again.",
        ),
        Problem.TLS: QCoreApplication.translate(
            "SignInErrors",
            "The security certificate of {server} is not trusted by this computer. Check"
            " the address; if it is right, ask your administrator to install the centre's"
            " certificate.",
        ),
        Problem.NOT_FRONT_DESK: QCoreApplication.translate(
            "SignInErrors",
            "{server} answered, but it is not a Front Desk server. Check the address with"
            " your administrator.",
        ),
        Problem.NOT_READY: QCoreApplication.translate(
            "SignInErrors",
            "The Front Desk server at {server} is not ready yet (it may be upgrading)."
            " Try again in a few minutes.",
        ),
    }
    return texts[problem].format(server=server)


def sign_in_error_text(error: Exception, server: str) -> str:
    """The sentence for a failed server check or sign-in at `server`."""
    if isinstance(error, ServerCheckFailed):
        return server_problem_text(error.problem, server)
    if isinstance(error, Unauthorized):
        return QCoreApplication.translate(
            "SignInErrors", "Wrong username or password. Check both and try again."
        )
    if isinstance(error, KeyringUnavailable):
        return QCoreApplication.translate(
            "SignInErrors",
            "This computer has no keyring to keep your sign-in safe. Install or unlock one"
            " (GNOME Keyring, KWallet, macOS Keychain), then try again.",
        )
    if isinstance(error, Offline):
        return server_problem_text(Problem.UNREACHABLE, server)
    if isinstance(error, ServerUnavailable):
        return QCoreApplication.translate(
            "SignInErrors",
            "The server is having trouble. Try again in a few minutes, or tell your"
            " administrator if it keeps happening.",
        )
    if isinstance(error, Refused) and error.status == 429:
        return QCoreApplication.translate(
            "SignInErrors", "Too many sign-in attempts. Wait a few minutes, then try again."
        )
    if isinstance(error, Refused):
        return QCoreApplication.translate(
            "SignInErrors",
            "The server refused the sign-in ({status}). Check the address and your"
            " username, or ask your administrator.",
        ).format(status=error.status)
    return QCoreApplication.translate(
        "SignInErrors",
        "Signing in failed unexpectedly ({reason}). Try again, and tell your administrator"
        " if it keeps happening.",
    ).format(reason=type(error).__name__)
