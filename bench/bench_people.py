"""Benchmark of the people screens over the large cache of `bench_office.py`.

New Message (open, select a whole room and preview its fan-out, student search),
the family record with its Communication tab, and the audit log (first page and
each filter) over 20,000 threads, 1,000,000 messages, 7,000 families and 200,000
audit events. Figures are medians and p95 of repeated runs, in milliseconds,
measured in this process after the cache is warm, painted where a widget is shown.

The audit events are added to a copy of the bench cache (the office bench's cache
holds none), so `bench_office.py`'s file is left as it was.

Run: `.venv/bin/python bench/bench_people.py [--runs N]` (builds the office cache
first with `bench_office.py` if it is missing).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
OFFICE_CACHE = ROOT / "bench" / ".cache" / "office-20k-threads-1m-messages.db"
AUDIT_EVENTS = 200_000


def add_audit_events(path: Path, count: int) -> None:
    """Audit events over the cached threads: sends, opens, closes, numbers making Unread."""
    import sqlite3

    rng = random.Random(7)
    db = sqlite3.connect(path)
    threads = [row[0] for row in db.execute("SELECT id FROM thread")]
    phones = [row[0] for row in db.execute("SELECT phone FROM guardian WHERE phone IS NOT NULL")]
    actions = ("send", "open", "close", "reopen", "unread_by_number")
    rows = []
    for n in range(count):
        action = actions[n % len(actions)]
        by_phone = action == "unread_by_number"
        phone = rng.choice(phones) if by_phone else None
        at = f"2026-{1 + n * 11 // count:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00.000000Z"
        rows.append(
            (
                f"audit-{n}",
                1,
                at,
                action,
                "phone" if by_phone else "staff",
                None if by_phone else "me",
                phone or "",
                rng.choice(threads),
                None,
                phone,
                "",
            )
        )
    db.executemany("INSERT INTO audit_event VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.commit()
    db.close()


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """Median and p95 of `work` in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    options = parser.parse_args()
    if not OFFICE_CACHE.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_office.py")], check=True)

    from PySide6.QtWidgets import QApplication, QWidget

    from desk.models.cache import open_cache
    from desk.services import audit, compose, directory
    from desk.ui.admin.audit_log import AuditLogView
    from desk.ui.compose.new_message import NewMessageDialog
    from desk.ui.records.records import FamiliesView

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.db"
        shutil.copyfile(OFFICE_CACHE, path)
        add_audit_events(path, AUDIT_EVENTS)
        cache = open_cache(path)
        me = directory.who_am_i(cache)
        results: list[tuple[str, tuple[float, float]]] = []

        host = QWidget()
        host.show()

        def open_new_message() -> None:
            dialog = NewMessageDialog(cache, host)
            dialog.show()
            dialog.repaint()
            app.processEvents()
            dialog.close()
            dialog.deleteLater()

        results.append(("New Message opened and painted", timed(10, open_new_message)))
        room = compose.rooms_for(cache, me)[0]
        room_students = compose.students_in_room(cache, me, room.id)
        results.append(
            (
                f"select all in room ({len(room_students)} students)",
                timed(options.runs, lambda: compose.students_in_room(cache, me, room.id)),
            )
        )
        preview = compose.preview(cache, room_students)
        results.append(
            (
                f"fan-out preview of that room ({len(preview.guardians)} guardians,"
                f" {len(preview.phones)} phones)",
                timed(options.runs, lambda: compose.preview(cache, room_students)),
            )
        )
        words = ["Emma", "Ander", "Kim Lee", "555", "Olivia", "Noah", "Sophia", "Levy"]
        rng = random.Random(1)
        results.append(
            (
                "student search in the picker",
                timed(
                    options.runs,
                    lambda: compose.pick_students(cache, me, rng.choice(words), limit=200),
                ),
            )
        )

        families = directory.find_families(cache, limit=400)
        view = FamiliesView(cache)
        view.resize(1280, 800)
        view.show()

        def open_family() -> None:
            view.show_family(rng.choice(families).id)
            view.page.tabs.setCurrentIndex(1)
            view.repaint()

        results.append(
            ("family record + Communication tab, painted", timed(options.runs, open_family))
        )

        log = AuditLogView(cache)
        log.resize(1280, 800)
        log.show()
        queries = {
            "audit log first page": audit.AuditQuery(),
            "audit log by action": audit.AuditQuery(action="unread_by_number"),
            "audit log by phone digits": audit.AuditQuery(phone="555 01"),
            "audit log by text (scan)": audit.AuditQuery(text="Anderson"),
            "audit log by who": audit.AuditQuery(actor_id="me"),
        }
        for label, query in queries.items():
            results.append(
                (
                    f"{label} (200 rows)",
                    timed(10, functools.partial(audit.audit_page, cache, query)),
                )
            )

        def repaint_log() -> None:
            log.events.reload()
            log.repaint()

        results.append(("audit log page reloaded and painted", timed(10, repaint_log)))
        cache.close()

    load = os.getloadavg()
    print(f"people screens over {OFFICE_CACHE.name} + {AUDIT_EVENTS:,} audit events")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for label, (median, p95) in results:
        print(f"  {label:<62} median {median:8.2f} ms   p95 {p95:8.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
