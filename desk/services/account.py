"""Signing a staff member in and out: the token goes to the keyring, nowhere else."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from desk.models.apply import reset_synced
from desk.models.cache import Cache
from desk.models.local import MetaKey, SyncMeta
from desk.services.attachments import forget_received
from desk.sync.credentials import check_keyring, forget_secret, load_secret, save_secret
from desk.sync.errors import Offline, ServerUnavailable, SyncError
from desk.sync.http import ServerApi
from desk.sync.outbox import remember_principal, waiting_count

Connection = ServerApi
"""An open connection to the server, handed by these functions to the sync engine;
the UI holds it without ever calling it."""


@dataclass(frozen=True)
class Account:
    """Who is signed in, where; the token itself stays in the keyring."""

    server_url: str
    username: str
    display_name: str
    capabilities: frozenset[str]


def sign_in(server_url: str, username: str, password: str) -> tuple[Account, ServerApi]:
    """Sign in on the server and keep the token in the keyring.

    Raises:
        SyncError: `Unauthorized` for a wrong password, `Offline` when unreachable,
            `KeyringUnavailable` when the token cannot be stored safely.
    """
    check_keyring()  # before the server issues a token that could not be kept
    api = ServerApi(server_url)
    answer = api.login(username, password)
    save_secret(server_url, username, answer["token"])
    api.token = answer["token"]
    account = Account(
        server_url,
        username,
        answer.get("display_name", username),
        frozenset(answer.get("capabilities", [])),
    )
    return account, api


def resume(server_url: str, username: str) -> ServerApi | None:
    """An API client with the stored token, or None when the user must sign in."""
    token = load_secret(server_url, username)
    return ServerApi(server_url, token) if token else None


def adopt(cache: Cache, api: ServerApi) -> None:
    """Bind a cache to the signed-in principal; a different account starts it afresh.

    A cache filled for one staff member holds rows another may not see, so signing
    in as someone else on the same profile drops the synced rows (not the outbox).
    Offline, a cache that already has its owner is used as it is: the token came
    from this profile's keyring, so it is that owner's, and the app must open
    without the network.

    Raises:
        Offline, ServerUnavailable: the server cannot say who this is and the cache
            has no owner yet.
        Unauthorized: the stored sign-in is no longer valid.
    """
    with cache.session() as session:
        owner = session.get(SyncMeta, MetaKey.PRINCIPAL_ID)
    try:
        me = api.me()
    except (Offline, ServerUnavailable):
        if owner is not None and owner.value:
            return
        raise
    if owner is not None and owner.value not in (None, me["id"]):
        reset_synced(cache)
    remember_principal(cache, me["kind"], me["id"], me["centre_id"])


def sign_out(api: ServerApi, username: str) -> None:
    """Revoke the token on the server when reachable, and always forget it locally."""
    try:
        api.logout()
    finally:
        forget_sign_in(api, username)


def leave(cache: Cache, api: ServerApi, username: str, *, wipe: bool) -> int:
    """Sign out (`wipe=True`) or step aside for Switch user (`wipe=False`).

    Both revoke the token on the server when it answers and always forget it here,
    so the next person at a shared front-desk PC cannot act as this one. The
    account's cache is its own file (a cache per account), so the next person never
    opens it; Sign out also drops its synced rows, since the person has left and a
    shared PC should not keep their conversations at rest. The outbox stays either
    way: what this person queued offline is held, and goes out as them, with their
    token, when they sign in again; it is never sent under someone else's sign-in.
    Sign out deletes the attachments kept on this computer too, but those the
    outbox still has to upload.

    Returns:
        How many of this person's commands are still waiting to be sent.
    """
    # Offline, the token is forgotten here all the same and lapses on the server.
    with contextlib.suppress(SyncError):
        sign_out(api, username)
    if wipe:
        reset_synced(cache)
        forget_received(cache)
    return waiting_count(cache)


def forget_sign_in(api: ServerApi, username: str) -> None:
    """Drop a sign-in locally (the server no longer accepts it); cache and outbox stay."""
    forget_secret(api.base_url, username)
    api.token = None
