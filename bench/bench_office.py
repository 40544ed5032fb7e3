"""Benchmark of the office window over a large cache: 20,000 threads, 1,000,000 messages.

Prints, with the targets of issue #4:

- window shown: process start to the window frame painted (target 0.25 s);
- cold start to a painted inbox: process start to the first page of threads painted
  from the cache (target 0.6 s), as the app does it: read with plain `sqlite3`
  (`desk.models.snapshot`) before SQLAlchemy is imported;
- cache attached: the full cache (SQLAlchemy, services) has taken the window over,
  with the same rows still shown;
- search, newest first: p95 of message searches (`search_messages`, 50 hits) and of
  the inbox search (people + messages, `Conversations.search`) (target p95 5 ms);
- opening a thread of 500 messages, painted (target 50 ms);
- scrolling the thread list, per page, painted (target 16 ms);
- peak memory of the app process (target 200 MB RSS).

The start-up figures are measured in fresh child processes (`--child`), the median of
several runs; the others in the last child, after its start-up.

The cache is built once into `bench/.cache/` by a direct bulk generator into the
cache schema (stdlib sqlite3, `INSERT … SELECT`): the same tables, columns and
indexes an initial sync fills (`desk.models.apply` with `initial=True`, then
`rebuild_search`), without the server round trips, which `bench_sync.py` measures.

Run: `.venv/bin/python bench/bench_office.py [--rebuild] [--runs N]`
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = ROOT / "bench" / ".cache"
CACHE_FILE = CACHE_DIR / "office-20k-threads-1m-messages.db"
THREADS = 20_000
MESSAGES = 1_000_000
FAMILIES = 7_000
BIG_THREAD = 520  # messages in the thread that is opened


# -- building the cache -------------------------------------------------------------


def build_cache(
    path: Path,
    *,
    thread_count: int = THREADS,
    message_count: int = MESSAGES,
    family_count: int = FAMILIES,
) -> None:
    """Write the large centre straight into a fresh cache file.

    Smaller sizes build the same shape of centre quickly, for a bench's `--tiny` run
    in the test suite (`bench_people.py` uses this cache).
    """
    import random

    from desk.models.cache import open_cache
    from desk.models.schema import defer_indexes
    from desk.models.search import rebuild_search

    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    rng = random.Random(4)
    cache = open_cache(path)
    words = [
        *("the", "and", "to", "for", "is", "at", "pickup", "lunch", "nap", "snack"),
        *("allergy", "medicine", "invoice", "payment", "tuition", "field", "trip"),
        *("photo", "permission", "form", "reminder", "tomorrow", "today", "monday"),
        *("friday", "early", "late", "sick", "fever", "teacher", "classroom"),
        *("painting", "music", "outside", "rain", "jacket", "boots", "spare"),
        *("clothes", "birthday", "party", "cupcakes", "peanut", "thanks", "please"),
        *("schedule", "holiday", "closed", "meeting", "conference", "report"),
    ] + [f"{a}{b}{c}" for a in "bdfgklmnprst" for b in "aeiou" for c in ("la", "mo", "ren")]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    first = ["Ava", "Ben", "Chloe", "Daniel", "Emma", "Finn", "Grace", "Henry", "Isla", "Jack"]
    last = ["Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore", "Taylor"]
    with cache.writing() as c:
        for table in ("message", "thread", "guardian", "student", "family"):
            defer_indexes(c, table)
        # Columns named: the kiosk-only ones a cache may gain stay NULL, as in an office.
        c.execute(
            "INSERT INTO centre (id, version, name, timezone, phone_region, sms_monthly_quota,"
            " students_in_conversations) VALUES ('centre', 1, 'Maple Street', 'UTC', 'US', 1000, 0)"
        )
        c.executemany(
            "INSERT INTO room VALUES (?, 1, ?, 12)", [(f"room{n}", f"Room {n}") for n in range(8)]
        )
        c.execute(
            "INSERT INTO staff (id, version, first_name, last_name, username, role, capabilities,"
            " phone, email, preferred_channel, language, sms_opt_in, active, admin_pin_hash)"
            " VALUES ('me', 1, 'Alex', 'Admin', 'alex', 'admin',"
            " 'admin,full_messaging,mass_text,sms_logs', NULL, NULL, 'email', 'en', 1, 1, NULL)"
        )
        for key, value in (("principal_id", "me"), ("principal_kind", "staff")):
            c.execute("INSERT INTO sync_meta VALUES (?, ?)", (key, value))
        families: list[tuple[object, ...]] = []
        guardians: list[tuple[object, ...]] = []
        students: list[tuple[object, ...]] = []
        for n in range(family_count):
            surname = f"{rng.choice(last)}-{n}"
            families.append((f"f{n}", 1, surname, ""))
            guardians.extend(
                (
                    f"g{n}-{g}",
                    1,
                    f"f{n}",
                    "guardian",
                    rng.choice(first),
                    surname,
                    "parent",
                    f"+1202{n:07d}"[:12] if g == 0 else f"+1303{n:07d}"[:12],
                    f"p{n}{g}@example.org",
                    "sms",
                    "en",
                    1,
                    0,
                    None,
                )
                for g in range(rng.choice((1, 2, 2, 3)))
            )
            students.extend(
                (f"s{n}-{s}", 1, f"f{n}", f"room{n % 8}", rng.choice(first), surname, "2021-05-04")
                for s in range(rng.choice((1, 1, 2)))
            )
        c.executemany("INSERT INTO family VALUES (?, ?, ?, ?)", families)
        c.executemany(
            "INSERT INTO guardian VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", guardians
        )
        c.executemany("INSERT INTO student VALUES (?, ?, ?, ?, ?, ?, ?)", students)
        kinds = ["classroom"] * 5 + ["office"] * 2 + ["sms"] * 3
        statuses = ["open"] * 5 + ["closed"] * 4 + ["unread"]
        threads = []
        for n in range(thread_count):
            kind = kinds[n % 10]
            family = f"f{n % family_count}"
            threads.append(
                (
                    f"t{n:05d}",
                    1,
                    kind,
                    statuses[(n * 7) % 10],
                    family,
                    None,
                    f"room{n % 8}" if kind == "classroom" else None,
                    f"+1202{n % family_count:07d}"[:12] if kind == "sms" else None,
                    "",
                    None,
                    "2025-01-01T00:00:00.000000Z",
                    0,
                    None,
                    "",
                    0,
                    (n % 10 == 0) * 2,
                    None,  # stopped_by
                    None,  # stopped_at
                )
            )
        marks = ", ".join("?" for _ in threads[0])
        c.executemany(f"INSERT INTO thread VALUES ({marks})", threads)
        c.execute("CREATE TEMP TABLE bodies (n INTEGER PRIMARY KEY, body TEXT)")
        c.executemany(
            "INSERT INTO bodies VALUES (?, ?)",
            [
                (n, " ".join(rng.choices(words, weights, k=rng.randint(5, 30))).capitalize())
                for n in range(5_000)
            ],
        )
        # Every thread gets one message; t00001 gets BIG_THREAD; the rest go to threads
        # skewed towards low numbers, as real centres have a few long conversations.
        c.execute(
            "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < ?)"
            " INSERT INTO message (id, version, thread_id, direction, author_kind, author_id,"
            " from_phone, subject, body, emergency_sms, show_at_kiosk, state, error, created_at)"
            " SELECT printf('m%07d', n), 1,"
            "  CASE WHEN n < ? THEN printf('t%05d', n) WHEN n < ? THEN 't00001'"
            "   ELSE printf('t%05d', (abs(random()) % ?) * (abs(random()) % ?) / ?) END,"
            "  CASE WHEN n % 3 = 0 THEN 'out' ELSE 'in' END,"
            "  CASE WHEN n % 3 = 0 THEN 'staff' ELSE NULL END,"
            "  CASE WHEN n % 3 = 0 THEN 'me' ELSE NULL END, NULL, '',"
            "  (SELECT body FROM bodies WHERE bodies.n = (i.n * 7919) % 5000), 0, 0,"
            "  CASE WHEN n % 3 = 0 THEN 'delivered' ELSE 'sent' END, '',"
            "  strftime('%Y-%m-%dT%H:%M:%S', 1700000000 + n * 30, 'unixepoch') || '.000000Z'"
            " FROM i",
            (
                message_count - 1,
                thread_count,
                thread_count + BIG_THREAD,
                thread_count,
                thread_count,
                thread_count,
            ),
        )
    rebuild_search(cache)  # also restores the deferred indexes
    with cache.writing() as c:
        c.execute(
            "UPDATE thread SET (message_count, last_message_at) = (SELECT count(*),"
            " max(created_at) FROM message WHERE message.thread_id = thread.id)"
        )
        c.execute(
            "UPDATE thread SET last_message_preview = (SELECT substr(body, 1, 200) FROM message"
            " WHERE thread_id = thread.id ORDER BY created_at DESC LIMIT 1)"
        )
    cache.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cache.raw.execute("ANALYZE")
    cache.close()
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s")


# -- the child: one app process ----------------------------------------------------------


def floor(path: Path) -> None:
    """DESIGN.md §6's floor under today's load: a Qt window, SQLAlchemy, SQLite open."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import sqlite3

    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["floor"])
    window = QMainWindow()
    window.show()
    app.processEvents()
    print(f"shown {time.perf_counter() - START:.4f}", flush=True)
    import sqlalchemy
    import sqlalchemy.orm

    sqlite3.connect(path).execute("SELECT count(*) FROM thread").fetchone()
    assert sqlalchemy.__version__
    print(f"inbox {time.perf_counter() - START:.4f}", flush=True)
    print(f"rss_mb {peak_rss_mb():.1f}", flush=True)


def child(path: Path, measure_all: bool) -> None:
    """Start like the app does, print timings as `name value` lines."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk.ui.mainwindow.main_window import MainWindow
    from desk.ui.shared.theme import follow_system

    app = QApplication(["bench"])
    follow_system(app)
    settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow("Maple Street", settings)
    window.resize(1280, 800)
    window.show()
    window.repaint()
    app.processEvents()
    print(f"shown {time.perf_counter() - START:.4f}", flush=True)

    from desk.models.snapshot import Snapshot

    snapshot = Snapshot.open(path)
    assert snapshot is not None
    window.show_snapshot(snapshot)  # as desk.ui.app.paint_cached_inbox
    window.repaint()
    app.processEvents()
    assert window.inbox is not None
    print(f"inbox {time.perf_counter() - START:.4f}", flush=True)
    assert "sqlalchemy" not in sys.modules, "the first paint must not wait for SQLAlchemy"
    painted = [window.inbox.model.row_at(n) for n in range(window.inbox.model.rowCount())]

    from desk.models.cache import open_cache

    cache = open_cache(path)
    window.attach(cache)  # as desk.ui.app.start_window: the engine comes after the paint
    window.repaint()
    app.processEvents()
    print(f"attached {time.perf_counter() - START:.4f}", flush=True)
    kept = [window.inbox.model.row_at(n) for n in range(window.inbox.model.rowCount())]
    print(f"takeover_same_rows {int(kept == painted and bool(kept))}", flush=True)
    from desk.sync.engine import SyncEngine
    from desk.sync.http import ServerApi

    window.follow(SyncEngine(cache, ServerApi("http://127.0.0.1:9"), "bench-client"))
    print(f"threads_loaded {window.inbox.model.rowCount()}", flush=True)
    if measure_all:
        measure(app, window)
    print(f"rss_mb {peak_rss_mb():.1f}", flush=True)
    window.close()
    cache.close()


def measure(app: object, window: object) -> None:
    """Search, thread opening and scrolling, in the started app."""
    from desk.models.inbox import recent_message_hits
    from desk.models.inbox_sql import InboxFilter
    from desk.models.search import search_messages
    from desk.ui.mainwindow.main_window import MainWindow
    from desk.ui.mainwindow.navigation import Place

    assert isinstance(window, MainWindow)
    assert window.service is not None
    assert window.inbox is not None
    service = window.service
    queries = [
        "the",
        "pickup",
        "field trip",
        "invoice payment",
        "fever",
        "birthday party",
        "peanut",
        "jacket",
        "conference",
        "tomorrow early",
        "bala",
        "kimo",
        "thanks",
        "holiday closed",
        "music outside",
        "sick today",
        "spare clothes",
        "rain boots",
    ]
    # As typed: every prefix of each query from three characters, newest 50 hits.
    typed = [q[:n] for q in queries for n in range(3, len(q) + 1)]
    with service.cache.session() as session:
        for q in typed:  # warm the page cache, as a running app has it
            recent_message_hits(session, q, 50)
        samples = []
        for _ in range(3):
            for q in typed:
                t = time.perf_counter()
                recent_message_hits(session, q, 50)
                samples.append(time.perf_counter() - t)
        print(f"search_p95_ms {1000 * percentile(samples, 95):.2f}", flush=True)
        print(f"search_median_ms {1000 * statistics.median(samples):.2f}", flush=True)
        samples = []
        for q in queries:
            t = time.perf_counter()
            search_messages(session, q, 50)
            samples.append(time.perf_counter() - t)
        print(f"old_search_p95_ms {1000 * percentile(samples, 95):.2f}", flush=True)
    everything = InboxFilter(service.visible_kinds())
    samples = []
    for _ in range(3):
        for q in [*queries, "Smith", "Garcia-12", "2020000123", "Ava"]:
            t = time.perf_counter()
            service.search(everything, q, 50)
            samples.append(time.perf_counter() - t)
    print(f"inbox_search_p95_ms {1000 * percentile(samples, 95):.2f}", flush=True)

    window.go(Place.CLASSROOM)
    view = window.inbox.thread_view
    samples = []
    for thread in ("t00011", "t00001", "t00011", "t00001", "t00011", "t00001"):
        t = time.perf_counter()
        view.show_thread(thread)
        view.repaint()
        samples.append(time.perf_counter() - t)
    print(f"open_thread_messages {view.messages.rowCount()}", flush=True)
    print(f"open_thread_ms {1000 * statistics.median(samples[3::2]):.2f}", flush=True)
    print(f"open_thread_first_ms {1000 * samples[1]:.2f}", flush=True)

    window.go(Place.CLASSROOM)
    listing = window.inbox.thread_list.view
    bar = listing.verticalScrollBar()
    samples = []
    for _ in range(60):
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        listing.viewport().repaint()
        app.processEvents()  # type: ignore[attr-defined]
        samples.append(time.perf_counter() - t)
    print(f"scroll_pages {len(samples)} rows_loaded {window.inbox.model.rowCount()}", flush=True)
    print(f"scroll_median_ms {1000 * statistics.median(samples):.2f}", flush=True)
    print(f"scroll_p95_ms {1000 * percentile(samples, 95):.2f}", flush=True)
    print(f"scroll_max_ms {1000 * max(samples):.2f}", flush=True)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM).

    Not `getrusage().ru_maxrss`: Linux carries that across fork and exec, so a child
    started by a parent that has just built the 361 MiB cache reports the parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmHWM line")


# -- the parent -------------------------------------------------------------------------


def run_child(path: Path, measure_all: bool, *, floor_only: bool = False) -> dict[str, str]:
    argv = [sys.executable, __file__, "--child", str(path)]
    if measure_all:
        argv.append("--all")
    if floor_only:
        argv.append("--floor")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    figures = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        figures[name] = value
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=Path)
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.child:
        if args.floor:
            floor(args.child)
        else:
            child(args.child, args.all)
        return 0
    if args.rebuild or not CACHE_FILE.exists():
        build_cache(CACHE_FILE)
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    run_child(CACHE_FILE, False)  # warm the OS file cache
    runs, floors = [], []
    for _ in range(args.runs):  # interleaved, so both see the same load
        runs.append(run_child(CACHE_FILE, False))
        floors.append(run_child(CACHE_FILE, False, floor_only=True))
    floor_shown = statistics.median(float(r["shown"]) for r in floors)
    floor_open = statistics.median(float(r["inbox"]) for r in floors)
    shown = statistics.median(float(r["shown"]) for r in runs)
    inbox = statistics.median(float(r["inbox"]) for r in runs)
    attached = statistics.median(float(r["attached"]) for r in runs)
    last = run_child(CACHE_FILE, True)
    size = CACHE_FILE.stat().st_size / 2**20
    startup_rss = statistics.median(float(r["rss_mb"]) for r in runs)
    lines = [
        f"cache: {THREADS:,} threads, {MESSAGES:,} messages, {size:.0f} MiB",
        f"window shown            {shown:.3f} s   (target 0.25 s; median of {args.runs};"
        f" floor now: bare Qt window {floor_shown:.3f} s)",
        f"cold start, inbox shown {inbox:.3f} s   (target 0.6 s;"
        f" first page {runs[0]['threads_loaded']} threads;"
        f" floor now: Qt window + SQLAlchemy + SQLite open {floor_open:.3f} s)",
        f"cache attached          {attached:.3f} s   (SQLAlchemy and services loaded;"
        f" same rows kept: {'yes' if runs[0]['takeover_same_rows'] == '1' else 'NO'})",
        f"search newest-first p95 {last['search_p95_ms']} ms"
        f"  (median {last['search_median_ms']} ms; target 5 ms)",
        f"  old search_messages   p95 {last['old_search_p95_ms']} ms (for comparison)",
        f"inbox search p95        {last['inbox_search_p95_ms']} ms  (people + messages)",
        f"open a {last['open_thread_messages']}-message thread {last['open_thread_ms']} ms"
        f"  (first {last['open_thread_first_ms']} ms; target 50 ms)",
        f"scroll the list, per page: median {last['scroll_median_ms']} ms,"
        f" p95 {last['scroll_p95_ms']} ms, max {last['scroll_max_ms']} ms  (target 16 ms)",
        f"peak memory             {last['rss_mb']} MB RSS"
        f"  (target 200 MB; start-up only {startup_rss:.0f} MB)",
    ]
    print("\n".join(lines))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
