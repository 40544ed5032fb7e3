"""Search over messages, names and phone numbers (F14), kept current page by page."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import desk.models.search as search_module
from desk.models.apply import apply_page
from desk.models.cache import Cache
from desk.models.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    highlight_html,
    phone_terms,
    rebuild_search,
    search_messages,
    search_people,
)
from tests.support.cache_checks import fts_consistent
from tests.support.feed import page, table

MESSAGES = (
    ("m1", "t1", "2026-11-01T08:00:00.000000Z", "", "Pickup is at noon on Friday"),
    ("m2", "t2", "2026-11-02T08:00:00.000000Z", "Invoice", "Your tuition payment is due"),
    ("m3", "t1", "2026-11-03T08:00:00.000000Z", "", "Early pickup tomorrow please"),
    ("m4", "t3", "2026-11-04T08:00:00.000000Z", "", "<b>Crème brûlée</b> & cupcakes"),
)


@pytest.fixture
def filled(cache: Cache) -> Cache:
    apply_page(
        cache,
        page(
            table(
                "message",
                *(
                    {"id": i, "version": 1, "thread_id": t, "created_at": at, "subject": s}
                    | {"body": body}
                    for i, t, at, s, body in MESSAGES
                ),
            ),
            table("family", {"id": "f1", "version": 1, "name": "Smith"}),
            table(
                "guardian",
                {"id": "g1", "version": 1, "first_name": "José", "last_name": "Smith"}
                | {"phone": "+12025550134"},
                {"id": "g2", "version": 1, "first_name": "Ann", "last_name": "Lee"}
                | {"family_id": "f2", "phone": "+442079460958"},
            ),
            table("student", {"id": "s1", "version": 1, "first_name": "Mia", "last_name": "Smith"}),
            table(
                "staff", {"id": "st1", "version": 1, "first_name": "Olu", "phone": "+12025550199"}
            ),
        ),
    )
    return cache


def found(cache: Cache, query: str) -> list[str]:
    return [hit.message_id for hit in search_messages(cache, query)]


def people(cache: Cache, query: str) -> set[str]:
    return {hit.id for hit in search_people(cache, query)}


def test_body_words_are_found_newest_first(filled: Cache) -> None:
    assert found(filled, "pickup") == ["m3", "m1"]


def test_all_words_must_match(filled: Cache) -> None:
    assert found(filled, "pickup early") == ["m3"]


def test_subjects_are_searched(filled: Cache) -> None:
    assert found(filled, "invoice") == ["m2"]


def test_three_letters_search_by_prefix(filled: Cache) -> None:
    assert found(filled, "pic") == ["m3", "m1"]
    assert found(filled, "TUI") == ["m2"]


def test_shorter_words_match_only_whole_words(filled: Cache) -> None:
    """A one- or two-letter prefix would match most of the index (DESIGN.md §6)."""
    assert found(filled, "pi") == []
    assert found(filled, "at") == ["m1"]


def test_accents_do_not_matter(filled: Cache) -> None:
    assert found(filled, "creme brulee") == ["m4"]


def test_hits_carry_thread_and_highlighted_snippet(filled: Cache) -> None:
    [hit] = search_messages(filled, "tuition")
    assert (hit.thread_id, hit.created_at) == ("t2", "2026-11-02T08:00:00.000000Z")
    assert f"{HIGHLIGHT_START}tuition{HIGHLIGHT_END}" in hit.snippet


def test_highlight_html_escapes_text_and_bolds_matches(filled: Cache) -> None:
    [hit] = search_messages(filled, "cupcakes")
    assert highlight_html(hit.snippet) == "&lt;b&gt;Crème brûlée&lt;/b&gt; &amp; <b>cupcakes</b>"


def test_limit_keeps_the_newest(filled: Cache) -> None:
    assert [hit.message_id for hit in search_messages(filled, "pickup", limit=1)] == ["m3"]


@pytest.mark.parametrize("few", [0, 10_000])
def test_both_search_plans_agree(filled: Cache, monkeypatch: pytest.MonkeyPatch, few: int) -> None:
    """Common words walk the time index, rare ones sort their matches; same answer."""
    monkeypatch.setattr(search_module, "_FEW_MATCHES", few)
    assert found(filled, "is") == ["m2", "m1"]
    assert found(filled, "pickup") == ["m3", "m1"]


HOSTILE = [
    '"foo',
    "NEAR(",
    "*",
    "AND",
    "OR NOT",
    '"',
    "(",
    ")",
    "-pickup",
    "^pickup",
    "body:pickup",
    "{body} : pickup",
    "pickup*",
    "'; DROP TABLE message; --",
    "\x00",
    "",
    "   ",
    "🙂",
    "x" * 10_000,
    " ".join(["pickup"] * 500),
]


@pytest.mark.parametrize("query", HOSTILE)
def test_user_text_never_breaks_the_query(filled: Cache, query: str) -> None:
    search_messages(filled, query)
    search_people(filled, query)


def test_operators_are_searched_as_words(filled: Cache) -> None:
    assert found(filled, "-pickup") == ["m3", "m1"]
    assert found(filled, "pickup OR invoice") == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text())
def test_any_text_is_a_valid_query(filled: Cache, query: str) -> None:
    search_messages(filled, query)
    search_people(filled, query)


def test_people_by_name(filled: Cache) -> None:
    assert people(filled, "smith") == {"f1", "g1", "s1"}
    assert people(filled, "jose") == {"g1"}
    assert people(filled, "mia smi") == {"s1"}
    assert people(filled, "olu") == {"st1"}


@pytest.mark.parametrize(
    "query", ["555 0134", "5550134", "0134", "+1 202 555 0134", "(202) 555-0134"]
)
def test_people_by_phone_digits(filled: Cache, query: str) -> None:
    assert people(filled, query) == {"g1"}


def test_national_form_with_trunk_prefix_finds_a_foreign_number(filled: Cache) -> None:
    assert people(filled, "020 7946 0958") == {"g2"}
    assert people(filled, "+44 20 7946 0958") == {"g2"}


def test_shared_digits_find_everyone_with_them(filled: Cache) -> None:
    assert people(filled, "202 555") == {"g1", "st1"}


def test_person_hits_highlight_the_name_and_show_the_phone(filled: Cache) -> None:
    [hit] = search_people(filled, "jos")
    assert (hit.kind, hit.family_id, hit.phone) == ("guardian", "f1", "+12025550134")
    assert hit.name == f"{HIGHLIGHT_START}José{HIGHLIGHT_END} Smith"


def test_phone_terms_are_digit_suffixes_of_three_or_more() -> None:
    terms = phone_terms("+12025550134").split()
    assert "12025550134" in terms
    assert "5550134" in terms
    assert "134" in terms
    assert "34" not in terms
    assert phone_terms(None) == ""


def test_search_follows_incremental_pages(filled: Cache) -> None:
    apply_page(
        filled,
        page(
            table("message", {"id": "m1", "version": 2, "deleted": True}),
            table(
                "message",
                {"id": "m3", "version": 2, "body": "Late pickup today", "state": "delivered"},
                {"id": "m5", "version": 2, "body": "Bring boots", "created_at": "2026-11-05"},
            ),
            table(
                "guardian",
                {"id": "g1", "version": 2, "first_name": "Joseph", "last_name": "Smith"}
                | {"phone": "+12025550177"},
            ),
            table("student", {"id": "s1", "version": 2, "deleted": True}),
        ),
    )
    assert found(filled, "pickup") == ["m3"]
    assert found(filled, "early") == []
    assert found(filled, "boots") == ["m5"]
    assert people(filled, "jose") == {"g1"}  # prefix of Joseph
    assert people(filled, "josé") == {"g1"}
    assert people(filled, "0134") == set()
    assert people(filled, "0177") == {"g1"}
    assert people(filled, "mia") == set()
    fts_consistent(filled)


def test_a_state_change_keeps_search_consistent(filled: Cache) -> None:
    """Most message updates are delivery states: they must not duplicate index entries."""
    same_text = {"subject": "Invoice", "body": "Your tuition payment is due"}
    for version, state in ((2, "sent"), (3, "delivered")):
        row = {"id": "m2", "version": version, "state": state, **same_text}
        apply_page(filled, page(table("message", row)))
    assert found(filled, "tuition") == ["m2"]
    fts_consistent(filled)


def test_a_session_works_as_the_source(filled: Cache) -> None:
    with filled.session() as session:
        assert [hit.message_id for hit in search_messages(session, "invoice")] == ["m2"]
        assert {hit.id for hit in search_people(session, "lee")} == {"g2"}


def send_offline(cache: Cache, body: str) -> None:
    """What desk.sync does when staff send while offline: a version-0 local row."""
    cache.raw.execute(
        "INSERT INTO message (id, version, thread_id, direction, subject, body, emergency_sms,"
        " show_at_kiosk, state, error, created_at)"
        " VALUES ('m9', 0, 't1', 'out', '', ?, 0, 0, 'queued', '', '2026-11-09')",
        (body,),
    )


@pytest.mark.parametrize("sent", ["see you at pickup", "see you at pickup (edited)"])
@pytest.mark.parametrize("rebuilt", [False, True])
def test_a_message_sent_offline_is_indexed_once_confirmed(
    cache: Cache, sent: str, rebuilt: bool
) -> None:
    """Regression: a message sent offline is searchable once the server confirms it.

    The confirmed copy of a local row was never indexed, or unindexed text that was
    never indexed and corrupted the index.
    """
    send_offline(cache, sent)
    if rebuilt:
        rebuild_search(cache)
    assert found(cache, "pickup") == []
    apply_page(cache, page(table("message", {"id": "m9", "version": 5, "body": "at pickup"})))
    assert found(cache, "pickup") == ["m9"]
    fts_consistent(cache)
