"""Reads behind the office inbox: thread pages, thread search, one thread's messages.

The inbox list pages by key (the last row's `last_message_at` and `id`) rather than
by offset: an offset walks every row before it, so the 400th page of 20,000
threads would cost 400 pages of index reads, while a key seeks straight to it.
Rows carry their display names from one join, so the list never runs a query
per visible row while painting. The rows and the paging SQL live in
`desk.models.inbox_sql`, which the start-up snapshot shares without SQLAlchemy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.models.inbox_sql import ROW_SQL as _ROW_SQL
from desk.models.inbox_sql import InboxFilter, InboxRow, Run, read_page
from desk.models.inbox_sql import row as _row
from desk.models.inbox_sql import where as _where
from desk.models.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    MIN_PREFIX,
    MessageHit,
    PersonHit,
    search_people,
)


def _run(session: Session) -> Run:
    """`session` as an `inbox_sql.Run`."""
    return lambda sql, params: session.execute(text(sql), params)


def inbox_page(
    session: Session, filter_: InboxFilter, after: InboxRow | None = None, limit: int = 100
) -> list[InboxRow]:
    """Up to `limit` threads after `after`, most recent activity first (`read_page`)."""
    return read_page(_run(session), filter_, after, limit)


def inbox_row(session: Session, thread_id: str) -> InboxRow | None:
    """One thread as the inbox shows it, or None when it is not in the cache."""
    found = session.execute(text(f"{_ROW_SQL} WHERE t.id = :id"), {"id": thread_id}).first()
    return None if found is None else _row(tuple(found))


def _rows_by_id(session: Session, ids: list[str]) -> dict[str, InboxRow]:
    rows: dict[str, InboxRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        params = {f"i{n}": thread_id for n, thread_id in enumerate(chunk)}
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        for r in session.execute(text(f"{_ROW_SQL} WHERE t.id IN ({marks})"), params):
            row = _row(tuple(r))
            rows[row.id] = row
    return rows


_SEARCH_WORD = re.compile(r"[^\W_]+")


def mark_words(value: str, query: str) -> str:
    """`value` with the words of `query` marked as FTS5 highlights them.

    For names, whose match came from the people index: a word of `MIN_PREFIX`
    characters or more marks any word it begins, a shorter one whole words only,
    as the search itself matches them.
    """
    words = [w.casefold() for w in _SEARCH_WORD.findall(query)]
    if not words:
        return value

    def marked(found: re.Match[str]) -> str:
        word = found.group(0).casefold()
        hit = any(word.startswith(w) if len(w) >= MIN_PREFIX else word == w for w in words)
        return f"{HIGHLIGHT_START}{found.group(0)}{HIGHLIGHT_END}" if hit else found.group(0)

    return _SEARCH_WORD.sub(marked, value)


_DIGIT_RUN = re.compile(r"\d[\d\s().\-]*\d|\d")  # as `desk.models.search.people_match`


def mark_digits(value: str, query: str) -> str:
    """`value` with the digits a phone search matched marked, however `value` is spaced.

    The people index matches any run of typed digits inside the number (its
    suffixes), so the last place each typed run occurs is marked: "0134" in
    "+1 202 555 0134" marks the last four digits across the space.
    """
    positions = [n for n, ch in enumerate(value) if ch.isdigit()]
    digits = "".join(value[n] for n in positions)
    marked: set[int] = set()
    for run in _DIGIT_RUN.findall(query):
        wanted = "".join(ch for ch in run if ch.isdigit())
        at = digits.rfind(wanted) if len(wanted) >= MIN_PREFIX else -1
        if at >= 0:
            marked.update(positions[at : at + len(wanted)])
    if not marked:
        return value
    out = []
    for n, ch in enumerate(value):
        if n in marked and n - 1 not in marked:
            out.append(HIGHLIGHT_START)
        out.append(ch)
        if n in marked and n + 1 not in marked:
            out.append(HIGHLIGHT_END)
    return "".join(out).replace(f"{HIGHLIGHT_END} {HIGHLIGHT_START}", " ")


def _why(hit: PersonHit, query: str) -> str:
    """What of `hit` matched, marked: the name, else the name and the marked number."""
    if HIGHLIGHT_START in hit.name or not hit.phone:
        return hit.name
    return f"{hit.name} {mark_digits(hit.phone, query)}"


def _reasons(people: list[PersonHit]) -> dict[str, PersonHit]:
    """The best person hit per family id and per phone number (hits come best first)."""
    reasons: dict[str, PersonHit] = {}
    for hit in people:
        for key in (hit.family_id, hit.phone):
            if key:
                reasons.setdefault(key, hit)
    return reasons


def _explained(row: InboxRow, reasons: dict[str, PersonHit], query: str) -> InboxRow:
    """`row` as a people match: its marked name, or the person who matched and why."""
    name_marked = mark_words(row.name, query)
    if HIGHLIGHT_START in name_marked:
        return replace(row, name_marked=name_marked)
    hit = reasons.get(row.family_id or "") or reasons.get(row.phone or "")
    if hit is None:
        return replace(row, name_marked=name_marked)
    return replace(row, name_marked=name_marked, snippet=_why(hit, query), matched_by=hit.kind)


MAX_EXPANSIONS = 24
"""Most index terms one typed prefix stands for; beyond it the prefix is searched as
FTS5 prefix syntax, which is exact but has to merge every matching term first."""

_TERMS = "temp.desk_message_terms"
_TERMS_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {_TERMS} USING fts5vocab(main, message_search, instance)"
)
# `term > x` makes the vocabulary walk every instance of x; `term >= x + "\x01"` seeks
# straight past it (no token holds a control character).
# An upper bound on `term` is no better: the vocabulary checks it row by row, over
# every instance of the first term past the prefix; one row past it is enough.
_NEXT_TERM = f"SELECT term FROM {_TERMS} WHERE term >= :start LIMIT 1"
_RECENT_HITS = (
    "SELECT m.id, m.thread_id, m.created_at, h.snippet FROM"
    " (SELECT rowid AS rid,"
    f"  snippet(message_search, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 14) AS snippet"
    "  FROM message_search WHERE message_search MATCH :match ORDER BY rowid DESC LIMIT :limit)"
    " AS h JOIN message AS m ON m.rowid = h.rid ORDER BY m.created_at DESC, m.id DESC"
)


def _fold(word: str) -> str:
    """A word as FTS5's unicode61 tokenizer stores it: lower case, no diacritics."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _expand(session: Session, prefix: str) -> list[str] | None:
    """The index terms starting with `prefix`, or None when there are too many.

    Walks the `instance` vocabulary one term at a time: each step is a seek in the
    index (~0.1 ms), where the `row` vocabulary would count every document first.
    """
    terms: list[str] = []
    row = session.execute(text(_NEXT_TERM), {"start": prefix}).first()
    while row is not None and str(row[0]).startswith(prefix):
        if len(terms) == MAX_EXPANSIONS:
            return None
        terms.append(str(row[0]))
        row = session.execute(text(_NEXT_TERM), {"start": terms[-1] + "\x01"}).first()
    return terms


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def recent_message_hits(session: Session, query: str, limit: int = 50) -> list[MessageHit]:
    """The newest messages containing every word of `query`, with snippets.

    As fast for "the" over a million messages as for a rare word: FTS5 streams a
    term's documents newest (highest rowid) first and stops at `limit`, but it can
    stream only whole terms, not a prefix. So each typed word of `MIN_PREFIX`
    characters or more is replaced by the index terms it begins ("pick" becomes
    "pick" OR "pickup" OR "picnic"), read from the vocabulary. Rowid order is the
    order messages reached this cache, which is their time order but for a late
    copy; the hits found are then sorted by time.
    """
    words = [_fold(w) for w in _SEARCH_WORD.findall(query)][:16]
    if not words:
        return []
    session.execute(text(_TERMS_TABLE))
    groups = []
    for word in words:
        if len(word) < MIN_PREFIX:
            groups.append(_quoted(word))
            continue
        terms = _expand(session, word)
        if terms is None:
            groups.append(_quoted(word) + "*")
        elif not terms:
            return []
        else:
            groups.append("(" + " OR ".join(_quoted(t) for t in terms) + ")")
    rows = session.execute(text(_RECENT_HITS), {"match": " AND ".join(groups), "limit": limit})
    return [MessageHit(*row) for row in rows]


def search_inbox(
    session: Session, filter_: InboxFilter, query: str, limit: int = 100
) -> list[InboxRow]:
    """Threads matching `query`, best first: people matches, then message matches.

    A thread matches when the family, a guardian or a student of it matches by name
    or phone digits, when its phone number does, or when one of its messages
    contains every word (F14; the seed searches message content only). Threads
    matched through people come first, by recent activity; threads matched by
    content follow, newest matching message first, each with its matching snippet.

    Every result shows why it is listed (issue 15 item 6): the matching words are
    marked in its name or its snippet; a thread found through someone whose name is
    not the thread's (a student of the family, a number) shows that person as its
    snippet, with `matched_by` saying what kind of person they are.
    """
    people = search_people(session, query, limit=limit)
    family_ids = sorted({p.family_id for p in people if p.family_id})
    phones = sorted({p.phone for p in people if p.phone})
    people_rows: list[InboxRow] = []
    if family_ids or phones:
        params: dict[str, object] = {"limit": limit}
        clauses = _where(filter_, params)
        params.update({f"f{n}": v for n, v in enumerate(family_ids)})
        params.update({f"p{n}": v for n, v in enumerate(phones)})
        families = ", ".join(f":f{n}" for n in range(len(family_ids))) or "NULL"
        numbers = ", ".join(f":p{n}" for n in range(len(phones))) or "NULL"
        clauses.append(f"(t.family_id IN ({families}) OR t.phone IN ({numbers}))")
        sql = (
            f"{_ROW_SQL} WHERE {' AND '.join(clauses)}"
            " ORDER BY t.last_message_at DESC, t.id DESC LIMIT :limit"
        )
        people_rows = [_row(tuple(r)) for r in session.execute(text(sql), params)]
    hits = recent_message_hits(session, query, limit=limit)
    snippets: dict[str, str] = {}
    for hit in hits:
        snippets.setdefault(hit.thread_id, hit.snippet)
    found = _rows_by_id(session, list(snippets))
    allowed = set(filter_.kinds)
    results: list[InboxRow] = []
    seen: set[str] = set()
    reasons = _reasons(people)
    for row in people_rows:
        seen.add(row.id)
        content = snippets.get(row.id)
        if content is None:
            results.append(_explained(row, reasons, query))
        else:
            results.append(replace(row, snippet=content, name_marked=mark_words(row.name, query)))
    for thread_id, snippet in snippets.items():
        hit_row = found.get(thread_id)
        if hit_row is None or hit_row.id in seen or hit_row.kind not in allowed:
            continue
        if filter_.status is not None and hit_row.status != filter_.status:
            continue
        seen.add(hit_row.id)
        results.append(
            replace(hit_row, snippet=snippet, name_marked=mark_words(hit_row.name, query))
        )
    return results[:limit]
