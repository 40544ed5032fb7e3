#!/usr/bin/env bash
# Install Front Desk into .venv and run it on demo data (an SQLite file: no servers).
#
#   bash scripts/demo.sh [ARGS for `desk demo`...]
#
# Installs only what is missing: Python 3.11+ and .venv as in scripts/test.sh, the app
# itself (`pip install -e .`, again only when pyproject.toml changed), and the system
# libraries Qt needs for the screen it will use.

set -euo pipefail

# shellcheck source=scripts/test.sh
source "$(dirname "${BASH_SOURCE[0]}")/test.sh"

cd "$REPO_ROOT"
ensure_venv
install_project ""

if [ -n "${QT_QPA_PLATFORM:-}" ]; then
	platforms=${QT_QPA_PLATFORM%%:*}
elif [ -n "${WAYLAND_DISPLAY:-}" ]; then
	platforms="wayland xcb"
elif [ -n "${DISPLAY:-}" ]; then
	platforms=xcb
else
	platforms=""
	warn "no DISPLAY or WAYLAND_DISPLAY: there is no screen to show the window on
  (run it from a desktop session, or set QT_QPA_PLATFORM=offscreen for a headless run)"
fi
# shellcheck disable=SC2086 # one word per platform
ensure_qt_libs $platforms

exec "$VENV/bin/desk" demo "$@"
