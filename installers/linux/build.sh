#!/usr/bin/env bash
# Build the Linux packages of the Front Desk desktop app:
#
#   dist/front-desk/                                   the PyInstaller one-folder bundle
#   dist/front-desk-VERSION-linux-x86_64.tar.gz        that folder, to unpack anywhere
#   dist/front-desk_VERSION_amd64.deb                  /opt/front-desk, /usr/bin/front-desk,
#                                                      the menu entry, AppStream data, icons
#
#   bash installers/linux/build.sh            (from anywhere; uses the repository's .venv)
#
# Needs the project installed with its dev extra in .venv (PyInstaller is in it),
# dpkg-deb, and, to check the metadata, desktop-file-validate (desktop-file-utils) and
# appstreamcli (appstream): both checks run when the tools are there, and a failed
# check fails the build. scripts/build-bundle.sh installs all of it on a fresh Debian
# machine first. Environment: PYTHON (default .venv/bin/python), DIST (default dist/).

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$REPO_ROOT/installers/linux
PYTHON=${PYTHON:-$REPO_ROOT/.venv/bin/python}
DIST=${DIST:-$REPO_ROOT/dist}
WORK=$REPO_ROOT/build/linux
APP_ID=app.frontdesk.FrontDesk

say() { printf '==> %s\n' "$*"; }
die() {
	printf 'installers/linux/build.sh: %s\n' "$*" >&2
	exit 1
}

[ -x "$PYTHON" ] || die "no Python at $PYTHON (run scripts/build-bundle.sh, or set PYTHON)"
VERSION=$("$PYTHON" -c 'import desk; print(desk.__version__)')
case $(uname -m) in
x86_64) ARCH=x86_64 DEB_ARCH=amd64 ;;
aarch64) ARCH=aarch64 DEB_ARCH=arm64 ;;
*) die "unsupported machine $(uname -m)" ;;
esac

say "PyInstaller bundle of Front Desk $VERSION"
rm -rf "$DIST/front-desk" "$WORK"
mkdir -p "$DIST" "$WORK"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
	--distpath "$DIST" --workpath "$WORK/pyinstaller" "$REPO_ROOT/installers/front-desk.spec"
BUNDLE=$DIST/front-desk
"$BUNDLE/front-desk" --version >/dev/null || die "the bundle does not start: $BUNDLE/front-desk --version"

# The metainfo's release line names this version and today.
METAINFO=$WORK/$APP_ID.metainfo.xml
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$(date -u +%Y-%m-%d)/" \
	"$HERE/$APP_ID.metainfo.xml" >"$METAINFO"
if command -v desktop-file-validate >/dev/null 2>&1; then
	say "desktop-file-validate"
	desktop-file-validate "$HERE/$APP_ID.desktop"
else
	say "desktop-file-validate not installed: .desktop file not checked"
fi
if command -v appstreamcli >/dev/null 2>&1; then
	say "appstreamcli validate"
	appstreamcli validate --no-net "$METAINFO"
else
	say "appstreamcli not installed: AppStream metadata not checked"
fi

TARBALL=$DIST/front-desk-$VERSION-linux-$ARCH.tar.gz
say "$TARBALL"
STAGE=$WORK/front-desk-$VERSION
cp -a "$BUNDLE" "$STAGE"
cp "$HERE/$APP_ID.desktop" "$METAINFO" "$STAGE/"
cp "$REPO_ROOT/desk/desktop/icons/front-desk-256.png" "$STAGE/$APP_ID.png"
tar -C "$WORK" --owner=0 --group=0 -czf "$TARBALL" "front-desk-$VERSION"

DEB=$DIST/front-desk_${VERSION}_$DEB_ARCH.deb
say "$DEB"
ROOT=$WORK/deb
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
	"$ROOT/usr/share/metainfo" "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$ROOT/opt/front-desk"
ln -s /opt/front-desk/front-desk "$ROOT/usr/bin/front-desk"
install -m 644 "$HERE/$APP_ID.desktop" "$ROOT/usr/share/applications/"
install -m 644 "$METAINFO" "$ROOT/usr/share/metainfo/"
install -m 644 "$REPO_ROOT/resources/icons/app/front-desk.svg" \
	"$ROOT/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$REPO_ROOT"/desk/desktop/icons/front-desk-*.png; do
	size=${png##*-}
	size=${size%.png}
	mkdir -p "$ROOT/usr/share/icons/hicolor/${size}x$size/apps"
	install -m 644 "$png" "$ROOT/usr/share/icons/hicolor/${size}x$size/apps/$APP_ID.png"
done
# What the bundle loads from the system rather than carrying: the C library, D-Bus
# (installers/front-desk.spec says why), OpenGL and EGL (the driver's own), the X11 and Wayland client libraries Qt's platform
# plugins open, fonts. The package names are Debian 12's.
cat >"$ROOT/DEBIAN/control" <<EOF
Package: front-desk
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: Front Desk <support@frontdesk.app>
Installed-Size: $(du -sk "$ROOT/opt" | cut -f1)
Depends: libc6 (>= 2.31), libdbus-1-3, libegl1, libgl1, libopengl0, libfontconfig1, libxkbcommon0,
 libxkbcommon-x11-0, libxcb-cursor0, libwayland-client0, libwayland-cursor0, libwayland-egl1,
 fonts-dejavu-core | fonts-liberation2
Recommends: gnome-keyring | kwalletmanager
Section: misc
Priority: optional
Homepage: https://frontdesk.app
Description: messaging and sign-in kiosk for childcare centres and schools
 Front Desk is the desktop app of the front office: one inbox for every
 conversation with families and staff, two-way SMS, emergency texts and push
 notifications, and the full-screen sign-in/out kiosk (front-desk kiosk).
 .
 The hosted backend is not in this package: install it with
 pip install 'front-desk[server]'.
EOF
# gzip, not the default xz: xz takes minutes over the bundle on a busy 2-core CI machine.
dpkg-deb --root-owner-group -Zgzip --build "$ROOT" "$DEB" >/dev/null
say "done: $(du -sh "$BUNDLE" | cut -f1) bundle; $(du -h "$TARBALL" | cut -f1) tarball; $(du -h "$DEB" | cut -f1) .deb"
