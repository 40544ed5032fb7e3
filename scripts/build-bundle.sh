#!/usr/bin/env bash
# Build the frozen Front Desk app from a clean checkout: the PyInstaller bundle
# (dist/front-desk/), its tarball and its .deb (installers/linux/build.sh).
#
#   bash scripts/build-bundle.sh
#
# Works on a fresh Debian 12 machine as root (or with sudo): installs, only when
# missing, Python 3.11+ and .venv with the dev extra (PyInstaller is in it), binutils
# (PyInstaller reads and strips the libraries with objdump and strip), the metadata
# checkers (desktop-file-utils, appstream), and Xvfb with the libraries Qt's xcb
# plugin needs, so tests/installers/test_frozen_app.py can run the bundle afterwards:
#
#   DESK_FROZEN_APP=dist/front-desk .venv/bin/pytest tests/installers
#
# scripts/test.sh runs this in the background while pytest runs, then the frozen-app
# tests. Environment: as scripts/test.sh (PYTHON, DESK_FORCE_INSTALL).

set -euo pipefail

# shellcheck source=scripts/test.sh
source "$(dirname "${BASH_SOURCE[0]}")/test.sh"

# Debian packages the build and the frozen-app test need, by the command they provide.
_bundle_tool_package() {
	case $1 in
	objdump | strip) echo binutils ;;
	dpkg-deb) echo dpkg ;;
	desktop-file-validate) echo desktop-file-utils ;;
	appstreamcli) echo appstream ;;
	Xvfb) echo xvfb ;;
	xauth) echo xauth ;;
	esac
}

# ensure_bundle_tools -- the venv, the build tools, Xvfb and Qt's xcb libraries.
ensure_bundle_tools() {
	cd "$REPO_ROOT"
	ensure_venv
	install_project dev
	local tool missing=()
	for tool in objdump strip dpkg-deb desktop-file-validate appstreamcli Xvfb xauth; do
		command -v "$tool" >/dev/null 2>&1 || missing+=("$(_bundle_tool_package "$tool")")
	done
	if [ "${#missing[@]}" -gt 0 ]; then
		mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
		apt_install "${missing[@]}" ||
			die "the bundle build needs: ${missing[*]} (Debian: sudo apt-get install ${missing[*]})"
	fi
	ensure_qt_libs xcb offscreen
}

# build_bundle -- dist/front-desk/, its tarball and .deb.
build_bundle() {
	PYTHON=$VENV/bin/python bash "$REPO_ROOT/installers/linux/build.sh"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	ensure_bundle_tools
	build_bundle
fi
