"""Make an office profile from a synced cache, as if its user had signed in on this machine.

    HOME=... .venv/bin/python tools/office_profile.py CACHE [--profile NAME] [--username NAME]

Copies CACHE (an office cache file, such as the demo's `office-cache.db`) to where the
office app keeps the profile's cache, and records the user and a server address in
the app's settings, so the next `desk` start paints the cached inbox at once. Qt
finds both places from HOME (or the platform's equivalent), so run it with the
environment the app will run in. `bench/bench_bundle.py` and the frozen-app tests use
it to time and check the office start from its cache, frozen and from source.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from desk.ui.app import cache_path, make_application
from desk.ui.settings import SERVER_URL, USERNAME, Settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache", type=Path, help="a synced office cache file")
    parser.add_argument("--profile", default="default")
    parser.add_argument("--username", default="admin")
    parser.add_argument(
        "--server-url", default="http://127.0.0.1:9", help="recorded, not contacted"
    )
    args = parser.parse_args()
    if not args.cache.is_file():
        parser.error(f"no cache file at {args.cache}")
    make_application(sys.argv[:1])
    settings = Settings()
    settings.set(SERVER_URL, args.server_url)
    settings.set(USERNAME, args.username)
    target_path = cache_path(args.profile, args.server_url, args.username)
    with sqlite3.connect(args.cache) as source, sqlite3.connect(target_path) as target:
        source.backup(target)  # with whatever is still in the source's write-ahead log
    return 0


if __name__ == "__main__":
    sys.exit(main())
