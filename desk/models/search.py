"""Full-text search over messages and people (F14), on SQLite FTS5.

Two external-content indexes keyed by rowid, so the text is stored once:

- `message_search(subject, body)` over `message`, for confirmed messages only (a
  message being sent offline is found once the server has it).
- `people_search(name, terms)` over `person_index`, a small derived table with one
  row per family, guardian, student and staff member. `terms` lists every digit
  suffix (three digits or more) of the person's phone number in E.164 and national
  form, so "555 0134", "5550134", "0134" and "+1 202 555 0134" all find
  +12025550134 with an ordinary FTS prefix query.

DESIGN.md §6 measured per-row triggers at a sixth of staged throughput, so there
are none: an initial sync builds both indexes once with `rebuild_search`, and
`desk.models.apply` keeps them current page by page through its staging tables
(`unindex` before rows change, `reindex` after). User text never reaches FTS5
syntax: it is cut into words, each quoted, and only words of three characters or
more become prefix queries (a one-letter prefix scan took 570 ms).
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.models.local import MetaKey
from desk.models.schema import restore_indexes

if TYPE_CHECKING:
    from desk.models.cache import Cache

HIGHLIGHT_START = "\x02"
"""Marks the start of a matched word in a snippet (a control character no text holds)."""
HIGHLIGHT_END = "\x03"
"""Marks the end of a matched word in a snippet."""

PHONE_TERMS_FUNCTION = "desk_phone_terms"
"""SQL name of `phone_terms`, registered on the cache's raw connection."""

MIN_PREFIX = 3
"""Shorter words match whole words only: a short prefix matches most of the index."""

_MAX_WORDS = 16  # a pasted paragraph should not become a 200-term query
_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits, like FTS5's unicode61
_PHONE_RUN = re.compile(r"\d[\d\s().\-]*\d|\d")  # "(202) 555-0134" is one number

# Sources of person_index, by the mirrored table each row comes from.
_PEOPLE = {
    "family": "SELECT 'family', id, id, name, NULL, '' FROM main.family",
    "guardian": (
        "SELECT 'guardian', id, family_id, first_name || ' ' || last_name, phone,"
        f" {PHONE_TERMS_FUNCTION}(phone) FROM main.guardian"
    ),
    "student": (
        "SELECT 'student', id, family_id, first_name || ' ' || last_name, NULL, ''"
        " FROM main.student"
    ),
    "staff": (
        "SELECT 'staff', id, NULL, first_name || ' ' || last_name, phone,"
        f" {PHONE_TERMS_FUNCTION}(phone) FROM main.staff"
    ),
}
_PERSON_INDEX_INSERT = (
    "INSERT INTO main.person_index (kind, ref_id, family_id, name, phone, terms) "
)

SEARCHED_TABLES = frozenset({"message", *_PEOPLE})
"""Mirrored tables whose rows feed a search index."""

_MESSAGE_TEXT = ("subject", "body")
# Only confirmed messages are indexed. desk.sync writes a message it is sending
# with version 0 until the server's copy arrives; indexing it then could not be
# undone exactly, because an external-content index forgets an entry only when told
# the text it indexed, and the local copy may be rolled back or replaced meanwhile.
_INDEXED = "m.version > 0"


@dataclass(frozen=True)
class MessageHit:
    """A message that matched, for a search results list.

    Attributes:
        message_id: the matching message.
        thread_id: its thread, to open on activation.
        created_at: fixed-width UTC text.
        snippet: a few words around the match, matches between `HIGHLIGHT_START`
            and `HIGHLIGHT_END` (see `highlight_html`).
    """

    message_id: str
    thread_id: str
    created_at: str
    snippet: str


@dataclass(frozen=True)
class PersonHit:
    """A family, guardian, student or staff member that matched.

    Attributes:
        kind: "family", "guardian", "student" or "staff".
        id: the row's id in the table named by `kind`.
        family_id: the family it belongs to (None for staff).
        name: the display name, matches highlighted as in `MessageHit.snippet`.
        phone: the E.164 number, if any, since a search by digits matches it.
    """

    kind: str
    id: str
    family_id: str | None
    name: str
    phone: str | None


def highlight_html(snippet: str) -> str:
    """A snippet as HTML-escaped rich text with the matches in bold, for a Qt label."""
    escaped = html.escape(snippet)
    return escaped.replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


def phone_terms(e164: str | None) -> str:
    """Every digit suffix of at least `MIN_PREFIX` digits of a phone number's forms.

    An FTS prefix query on a suffix is a substring match on the number, which is how
    people search for phones: by the last digits, by the local number, or by the
    whole thing with or without country code. The national form is added because it
    may carry a trunk prefix ("020 7946 0000") that the E.164 digits lack.
    """
    if not e164:
        return ""
    forms = {_digits(e164), _digits(_national(e164))}
    suffixes = {form[i:] for form in forms for i in range(len(form) - MIN_PREFIX + 1)}
    return " ".join(sorted(suffixes))


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _national(e164: str) -> str:
    """The number as dialled inside its own country, or "" if it does not parse."""
    import phonenumbers  # deferred: its metadata is only needed when people are indexed

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _match_expression(words: list[str]) -> str | None:
    """An FTS5 query requiring every word, or None when there is nothing to look for.

    Each word is a quoted string, so FTS5 operators and punctuation in user input
    (`NEAR(`, `*`, `"`, `AND`) are just text.
    """
    terms = [f'"{w}"*' if len(w) >= MIN_PREFIX else f'"{w}"' for w in words[:_MAX_WORDS]]
    return " ".join(terms) or None


def message_match(query: str) -> str | None:
    """The FTS5 expression for a message search box's text."""
    return _match_expression(_WORD.findall(query))


def people_match(query: str) -> str | None:
    """The FTS5 expression for a people search box's text.

    Digits separated only by spaces and phone punctuation are read as one number,
    so "555 0134" looks for the run 5550134 rather than for 555 and 0134 anywhere.
    """
    numbers = [_digits(run) for run in _PHONE_RUN.findall(query)]
    words = _WORD.findall(_PHONE_RUN.sub(" ", query))
    return _match_expression(numbers + words)


_FEW_MATCHES = 2_000
"""Fewer matches than this are sorted by time. With more, walking `ix_message_created`
newest first reaches `limit` hits sooner than sorting them all ("the" over 100k
messages: 9 ms instead of 41 ms), while for a rare word the walk would cover the
whole index."""

_COUNT_MATCHES = (
    "SELECT count(*) FROM (SELECT 1 FROM message_search"
    " WHERE message_search MATCH :match LIMIT :few)"
)
_HITS_BY_SORT = (
    "SELECT m.rowid AS rid, m.id, m.thread_id, m.created_at"
    " FROM message_search JOIN message AS m ON m.rowid = message_search.rowid"
    " WHERE message_search MATCH :match"
)
# The unary + stops SQLite from driving the query by rowid, so it walks the index.
_HITS_BY_TIME = (
    "SELECT m.rowid AS rid, m.id, m.thread_id, m.created_at FROM message AS m"
    " WHERE +m.rowid IN (SELECT rowid FROM message_search WHERE message_search MATCH :match)"
)
# Snippets for the `limit` hits only, in one pass over the index between the hits'
# lowest and highest rowids: seeking each hit by rowid instead reloads a common
# word's whole posting list per hit (200 ms for "the" over 100k messages).
_WITH_SNIPPETS = (
    "WITH hits AS ({hits} ORDER BY m.created_at DESC, m.id DESC LIMIT :limit)"
    " SELECT hits.id, hits.thread_id, hits.created_at,"
    f" snippet(message_search, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16)"
    " FROM message_search JOIN hits ON hits.rid = message_search.rowid"
    " WHERE message_search MATCH :match AND message_search.rowid"
    " BETWEEN (SELECT min(rid) FROM hits) AND (SELECT max(rid) FROM hits)"
    " ORDER BY hits.created_at DESC, hits.id DESC"
)


def search_messages(source: Session | Cache, query: str, limit: int = 50) -> list[MessageHit]:
    """Messages whose subject or body contains every word of `query`, newest first.

    Args:
        source: a session, or the cache to open a short one on.
        query: what the user typed; any text is safe.
        limit: the most hits to return.
    """
    match = message_match(query)
    if match is None:
        return []
    params = {"match": match, "limit": limit, "few": _FEW_MATCHES}
    with _reading(source) as session:
        matches = session.execute(text(_COUNT_MATCHES), params).scalar_one()
        hits = _HITS_BY_SORT if matches < _FEW_MATCHES else _HITS_BY_TIME
        rows = session.execute(text(_WITH_SNIPPETS.format(hits=hits)), params)
        return [MessageHit(*row) for row in rows]


def search_people(source: Session | Cache, query: str, limit: int = 50) -> list[PersonHit]:
    """Families, guardians, students and staff matching `query` by name or phone digits.

    Best matches first (FTS5 rank), then alphabetical.

    Args:
        source: a session, or the cache to open a short one on.
        query: what the user typed; any text is safe.
        limit: the most hits to return.
    """
    match = people_match(query)
    if match is None:
        return []
    with _reading(source) as session:
        rows = session.execute(
            text(
                "SELECT p.kind, p.ref_id, p.family_id,"
                f" highlight(people_search, 0, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}'),"
                " p.phone"
                " FROM people_search JOIN person_index AS p ON p.rowid = people_search.rowid"
                " WHERE people_search MATCH :match"
                " ORDER BY people_search.rank, p.name COLLATE NOCASE LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        return [PersonHit(*row) for row in rows]


@contextmanager
def _reading(source: Session | Cache) -> Iterator[Session]:
    """The caller's session, or a short one on the cache."""
    if isinstance(source, Session):
        yield source
    else:
        with source.session() as session:
            yield session


def rebuild_search(cache: Cache) -> None:
    """Build both search indexes from scratch, finishing an initial sync.

    Call it once after the last page applied with `initial=True`: one bulk build
    is several times faster than keeping the index current row by row. It also
    recreates the table indexes those pages deferred, in the same transaction, so
    the cache is complete again when it returns.
    """
    with cache.writing() as cursor:
        rebuild(cursor)


BULK_HASH_SIZE = 32 * 1024 * 1024
"""Bytes of pending terms FTS5 holds in memory while `rebuild` builds the message index."""
DEFAULT_HASH_SIZE = 1024 * 1024
"""FTS5's own `hashsize`, kept for everyday writes."""
_HASH_SIZE = "INSERT INTO message_search (message_search, rank) VALUES ('hashsize', ?)"


def rebuild(cursor: sqlite3.Cursor) -> None:
    """`rebuild_search` inside the caller's transaction."""
    restore_indexes(cursor)
    cursor.execute("INSERT INTO message_search (message_search) VALUES ('delete-all')")
    # FTS5 writes out a segment each time its pending terms pass `hashsize` (1 MiB),
    # then merges the segments; a larger one for this bulk build writes fewer of them
    # (a fifth less CPU for 100,000 messages). Set back to the default afterwards.
    cursor.execute(_HASH_SIZE, (BULK_HASH_SIZE,))
    cursor.execute(
        "INSERT INTO message_search (rowid, subject, body)"
        f" SELECT m.rowid, m.subject, m.body FROM main.message AS m WHERE {_INDEXED}"
        " ORDER BY m.rowid"
    )
    cursor.execute(_HASH_SIZE, (DEFAULT_HASH_SIZE,))
    cursor.execute("DELETE FROM person_index")
    for source in _PEOPLE.values():
        cursor.execute(_PERSON_INDEX_INSERT + source)
    cursor.execute("INSERT INTO people_search (people_search) VALUES ('rebuild')")
    cursor.execute("DELETE FROM sync_meta WHERE key = ?", (MetaKey.INITIAL_UNFINISHED,))


def clear(cursor: sqlite3.Cursor) -> None:
    """Empty both indexes and `person_index`, inside the caller's transaction."""
    cursor.execute("INSERT INTO message_search (message_search) VALUES ('delete-all')")
    cursor.execute("DELETE FROM person_index")
    cursor.execute("INSERT INTO people_search (people_search) VALUES ('delete-all')")


def unindex(cursor: sqlite3.Cursor, table: str, stage: str, columns: tuple[str, ...]) -> None:
    """Take staged rows out of the search index before their table changes.

    External-content FTS5 deletes an entry by being told the text it indexed, so
    this must run while the old rows are still in place.

    Args:
        cursor: inside the apply transaction.
        table: a table in `SEARCHED_TABLES`.
        stage: the staging table holding the page's newer rows, with `deleted` and
            `reindex` columns besides the table's own.
        columns: the table's columns that the page carried.
    """
    if table == "message":
        # Only new rows and rows whose text changed need FTS work; most message
        # updates are delivery-state changes.
        same_text = "".join(f" AND m.{c} IS s.{c}" for c in _MESSAGE_TEXT if c in columns)
        cursor.execute(
            f"UPDATE {stage} AS s SET reindex = 1 WHERE NOT s.deleted AND NOT EXISTS"
            f" (SELECT 1 FROM main.message AS m WHERE m.id = s.id AND {_INDEXED}{same_text})"
        )
        cursor.execute(
            "INSERT INTO message_search (message_search, rowid, subject, body)"
            " SELECT 'delete', m.rowid, m.subject, m.body"
            f" FROM {stage} AS s CROSS JOIN main.message AS m ON m.id = s.id"
            f" WHERE {_INDEXED} AND (s.deleted OR s.reindex) ORDER BY m.rowid"
        )
        return
    # People change rarely: re-derive every staged person.
    staged = f"p.kind = '{table}' AND p.ref_id IN (SELECT id FROM {stage})"
    cursor.execute(
        "INSERT INTO people_search (people_search, rowid, name, terms)"
        f" SELECT 'delete', p.rowid, p.name, p.terms FROM main.person_index AS p WHERE {staged}"
        " ORDER BY p.rowid"
    )
    cursor.execute(f"DELETE FROM main.person_index AS p WHERE {staged}")


def reindex(cursor: sqlite3.Cursor, table: str, stage: str) -> None:
    """Index the staged rows that `unindex` took out or that are new, after the change."""
    if table == "message":
        cursor.execute(
            "INSERT INTO message_search (rowid, subject, body)"
            f" SELECT m.rowid, m.subject, m.body"
            f" FROM {stage} AS s CROSS JOIN main.message AS m ON m.id = s.id WHERE s.reindex"
            " ORDER BY m.rowid"
        )
        return
    cursor.execute(
        _PERSON_INDEX_INSERT
        + _PEOPLE[table]
        + f" WHERE id IN (SELECT id FROM {stage} WHERE NOT deleted)"
    )
    cursor.execute(
        "INSERT INTO people_search (rowid, name, terms) SELECT rowid, name, terms"
        f" FROM main.person_index WHERE kind = '{table}'"
        f" AND ref_id IN (SELECT id FROM {stage} WHERE NOT deleted) ORDER BY rowid"
    )
