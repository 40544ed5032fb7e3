#!/usr/bin/env bash
# Build the macOS app bundle and disk image of the Front Desk desktop app:
#
#   dist/Front Desk.app                      PyInstaller's BUNDLE (installers/front-desk.spec)
#   dist/front-desk-VERSION-macos.dmg        the .app and a link to /Applications
#
#   bash installers/macos/build.sh           (on a Mac, from anywhere)
#
# UNTESTED: written on Linux, where neither the macOS PyInstaller build nor hdiutil can
# run; installers/README.md lists what to check the first time. Signing and
# notarisation need the centre's Apple Developer ID and are not done here: set
# CODESIGN_IDENTITY to sign the .app (notarise the .dmg with `xcrun notarytool` after).
# Environment: PYTHON (default .venv/bin/python), DIST (default dist/).

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PYTHON=${PYTHON:-$REPO_ROOT/.venv/bin/python}
DIST=${DIST:-$REPO_ROOT/dist}
WORK=$REPO_ROOT/build/macos

die() {
	printf 'installers/macos/build.sh: %s\n' "$*" >&2
	exit 1
}

[ "$(uname -s)" = Darwin ] || die "this builds the macOS app: run it on a Mac"
[ -x "$PYTHON" ] || die "no Python at $PYTHON (create .venv and pip install -e '.[dev]')"
VERSION=$("$PYTHON" -c 'import desk; print(desk.__version__)')
APP="$DIST/Front Desk.app"

rm -rf "$APP" "$DIST/front-desk" "$WORK"
mkdir -p "$WORK"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
	--distpath "$DIST" --workpath "$WORK/pyinstaller" "$REPO_ROOT/installers/front-desk.spec"
"$APP/Contents/MacOS/front-desk" --version >/dev/null || die "the app does not start"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
	codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
	codesign --verify --deep --strict "$APP"
fi

DMG=$DIST/front-desk-$VERSION-macos.dmg
STAGE=$WORK/dmg
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Front Desk $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO "$DMG"
echo "built $DMG"
