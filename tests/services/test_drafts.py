"""Drafts survive closing and reopening the cache, as after a crash or restart."""

from __future__ import annotations

from pathlib import Path

from desk.models.cache import open_cache
from desk.services.drafts import NEW_MESSAGE, discard_draft, load_draft, save_draft


def test_a_draft_survives_a_restart_and_keeps_only_the_latest_text(tmp_path: Path) -> None:
    with open_cache(tmp_path / "cache.db") as cache:
        save_draft(cache, "thread-1", "Hi Maria, about Fri")
        save_draft(cache, "thread-1", "Hi Maria, about Friday's trip")
        save_draft(cache, NEW_MESSAGE, "Photo day", subject="Reminder")
    with open_cache(tmp_path / "cache.db") as reopened:
        reply = load_draft(reopened, "thread-1")
        compose = load_draft(reopened, NEW_MESSAGE)
        assert reply is not None
        assert reply.body == "Hi Maria, about Friday's trip"
        assert compose is not None
        assert (compose.subject, compose.body) == ("Reminder", "Photo day")
        discard_draft(reopened, "thread-1")
        assert load_draft(reopened, "thread-1") is None


def test_clearing_the_text_removes_the_draft(tmp_path: Path) -> None:
    with open_cache(tmp_path / "cache.db") as cache:
        save_draft(cache, "thread-2", "typing")
        save_draft(cache, "thread-2", "   ")
        assert load_draft(cache, "thread-2") is None
