"""Every bench in `bench/` that prints floors runs, at a tiny size, in the normal suite.

A bench broke silently once because nothing ran it between measurements. Each one
here runs as its own process, as a person runs it (`--tiny`: a small centre and few
runs, so the check takes seconds; the figures mean nothing at that size), and must
exit cleanly and print its figures beside their floors, the ratio and the load
average at both ends (issue 16 item 6).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A figure line of `bench/floors.py`: label, figure, floor, ratio, what the floor is.
FIGURE = re.compile(
    r"^  (?P<label>\S.*?)\s{2,}(?P<figure>\S.*?)\s+floor\s+(?P<floor>\S.*?)"
    r"\s+ratio\s+(?P<ratio>\d+\.\d\d)x\s+\[(?P<what>[^\]]+)\]"
)

# Each bench, and figures it must print (the start of their labels).
BENCHES = {
    "bench_people.py": [
        "New Message opened and painted",
        "select all in room",
        "fan-out preview of that room",
        "student search in the picker",
        "family record + Communication tab, painted",
        "audit log by phone digits",
        "audit log page reloaded and painted",
    ],
    "bench_typeahead.py": [
        "keystroke -> list repopulated",
        "keystroke -> list repopulated and painted",
        "search emptied -> everyone listed",
    ],
    "bench_kiosk.py": [
        "PIN typed -> first message painted",
        "PIN lookup (argon2id verifier + indexed query)",
        "queued messages query",
    ],
    "bench_seed.py": [
        "SQLite, as seeded: messages",
        "SQLite, as seeded: all",
        "SQLite, every index kept: messages",
        "SQLite, message indexes built after: messages",
        "SQLite, 16 KiB pages: messages",
    ],
    "bench_attachment.py": ["A picks a 1 MB file -> B has its bytes"],
    "bench_fanout.py": ["commands:", "queue drain, every delivery SENT"],
    "bench_load.py": [
        "single centre, sqlite, long-poll: wake-up p50",
        "single centre, sqlite, long-poll: wake-up p99",
        "single centre, sqlite, long-poll: command POST p99",
        "single centre, sqlite, long-poll: server CPU per wake-up",
        "single centre, sqlite, stream: wake-up p99",
        "single centre, sqlite, stream: server CPU per wake-up",
        "4 centres, 2 processes, 100 commands/s, postgres, long-poll: wake-up p99",
        "4 centres, 2 processes, 100 commands/s, postgres, long-poll: server CPU per wake-up",
    ],
    "bench_thread_open.py": ["first open of", "reopen of"],
    "bench_family_page.py": ["first open (receipts written)", "reopen of the page"],
    "bench_webpush.py": ["send_web_push to the double", "encrypt + sign alone"],
    "bench_blob_store.py": ["folder store: hash, count", "S3 store: spool, hash"],
    "bench_cache_apply.py": [
        "initial sync 1: apply",
        "initial sync 1: apply + rebuild_search",
        "incremental (apply_page)",
        "incremental (5 pages per transaction)",
        "read: 50 newest threads",
        "search_messages('the')",
        "open: new cache (migrate)",
        "open: existing cache",
    ],
}


def figures(output: str) -> dict[str, tuple[str, str, float, str]]:
    """The figure lines of a bench's output: label -> (figure, floor, ratio, floor's what)."""
    found = {}
    for line in output.splitlines():
        match = FIGURE.match(line)
        if match:
            found[match["label"].strip()] = (
                match["figure"],
                match["floor"],
                float(match["ratio"]),
                match["what"],
            )
    return found


def test_the_figure_pattern_reads_a_report_line() -> None:
    """The pattern the bench checks rely on matches what `floors.Report` prints."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from floors import Report, Samples
    finally:
        sys.path.remove(str(ROOT / "bench"))
    import io

    out = io.StringIO()
    report = Report("title", out=out)
    report.times("a figure", Samples((2.0, 4.0)), Samples((1.0, 1.0)), "the bare tool")
    report.rate("a rate", 100.0, 300.0, "rows/s", "executemany")
    report.close()
    lines = out.getvalue()
    assert figures(lines) == {
        "a figure": ("median     3.00 ms  p95     4.00 ms", "1.00 ms", 3.0, "the bare tool"),
        "a rate": ("100 rows/s", "300 rows/s", 3.0, "executemany"),
    }
    assert "load average at start:" in lines
    assert "load average at end:" in lines


@pytest.fixture(scope="module")
def runs() -> Iterator[dict[str, subprocess.Popen[str]]]:
    """Every bench started at once, each `--tiny`, as its own process.

    They overlap: much of each is waiting (for worker processes to start, for
    PostgreSQL to create a database), so together they take little longer than
    the slowest alone. Each runs in a process group of its own, and at the end the
    whole group is killed: a bench's own children (`desk worker`, a provider double)
    left running would hold its output pipe open, and reading it would never end.
    """
    started = {
        bench: subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / bench), "--tiny"],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for bench in sorted(BENCHES)
    }
    yield started
    for process in started.values():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the group's id is the bench's pid
        process.communicate()


@pytest.mark.bench
@pytest.mark.timeout(300)
@pytest.mark.parametrize("bench", sorted(BENCHES))
def test_bench_runs_and_prints_each_figure_beside_its_floor(
    bench: str, runs: dict[str, subprocess.Popen[str]]
) -> None:
    """Regression (issue 16 item 6): every figure has a floor from the same run."""
    stdout, stderr = runs[bench].communicate(timeout=280)
    assert runs[bench].returncode == 0, stderr[-3000:]
    printed = figures(stdout)
    for label in BENCHES[bench]:
        assert any(found.startswith(label) for found in printed), (label, stdout)
    for label, (_, _, ratio, what) in printed.items():
        assert math.isfinite(ratio), label
        assert ratio > 0, label
        assert what.strip(), label
    assert re.search(r"^load average at start: [\d.]+ [\d.]+ [\d.]+$", stdout, re.M)
    assert re.search(r"^load average at end: [\d.]+ [\d.]+ [\d.]+$", stdout, re.M)
