#!/usr/bin/env bash
# Install everything the test suite needs, then run it: lint, format, types, tests.
#
#   bash scripts/test.sh [PYTEST ARGS...]       e.g. bash scripts/test.sh -k sms -x
#
# Each setup step does something only when it is needed, so a second run goes straight
# to the checks:
#   1. Python 3.11+   python3 (or $PYTHON); on Debian installed with apt-get if missing
#   2. .venv          created if missing or broken
#   3. pip install -e '.[dev]'   again only when pyproject.toml changed (or
#                     DESK_FORCE_INSTALL=1)
#   4. PostgreSQL and Redis      scripts/ensure-services.sh: installed/started only when
#                     not reachable; nginx installed (not started) when missing
#   5. Qt's system libraries     installed only when `ldd` finds some missing
# Meanwhile scripts/build-bundle.sh builds the frozen app (PyInstaller bundle, tarball,
# .deb) in the background, its output in build/bundle.log; once pytest is done the build
# is waited for, and tests/installers runs the bundle under Xvfb (DESK_FROZEN_APP). A
# failed build fails the run and prints the log's end. DESK_BUILD_BUNDLE=0 skips both.
# Then ruff check, ruff format --check, mypy and pytest all run (QT_QPA_PLATFORM=offscreen),
# pytest in DESK_TEST_WORKERS worker processes (default 2; pytest-xdist, one test file
# per worker at a time, so a file's module-scoped server stays in one process; most of a
# test's time is spent waiting on server processes, so two workers help even on 2 cores;
# `-n 0` among the arguments runs everything in one process),
# and the last line sums them up. The exit status is non-zero if any step failed,
# including a pytest run that collected no tests.
#
# Environment: PYTHON, DESK_FORCE_INSTALL, DESK_BUILD_BUNDLE, and the DESK_TEST_* variables
# described in scripts/ensure-services.sh and tests/conftest.py.
#
# demo.sh sources this file for its functions; `main` runs only when it is executed.

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=$REPO_ROOT/.venv

# shellcheck source=scripts/ensure-services.sh
source "$REPO_ROOT/scripts/ensure-services.sh"

# -- Python and the virtual environment ----------------------------------------------

_is_python_311() {
	"$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

find_python() {
	local candidate
	for candidate in ${PYTHON:+"$PYTHON"} python3 python3.13 python3.12 python3.11; do
		if command -v "$candidate" >/dev/null 2>&1 && _is_python_311 "$candidate"; then
			command -v "$candidate"
			return 0
		fi
	done
	return 1
}

ensure_venv() {
	_is_python_311 "$VENV/bin/python" && return 0
	local python
	if ! python=$(find_python); then
		apt_install python3 python3-venv || true
		python=$(find_python) ||
			die "Python 3.11 or newer is needed: install it, or set PYTHON=/path/to/python3.11"
	fi
	if [ -e "$VENV" ]; then
		say "recreating .venv (it is broken or older than Python 3.11)"
		rm -rf "$VENV"
	else
		say "creating .venv with $python ($("$python" -V 2>&1))"
	fi
	if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
		# Debian and Ubuntu ship venv's pip bootstrap separately.
		rm -rf "$VENV"
		local version
		version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
		apt_install "python$version-venv" || apt_install python3-venv || true
		"$python" -m venv "$VENV" ||
			die "could not create .venv (on Debian/Ubuntu: apt-get install python3-venv)"
	fi
}

# install_project EXTRAS -- `pip install -e .[EXTRAS]` unless already done for this
# pyproject.toml ("" installs the app alone; an install with "dev" covers it too).
install_project() {
	local extras=$1 spec=. key
	[ -n "$extras" ] && spec=".[$extras]"
	key=$(cd "$REPO_ROOT" && "$VENV/bin/python" -c \
		'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read() + sys.version.encode()).hexdigest())')
	local tools=(desk)
	[ "$extras" = dev ] && tools+=(pytest ruff mypy)
	if [ "${DESK_FORCE_INSTALL:-0}" != 1 ] && (cd "$VENV/bin" && ls "${tools[@]}" >/dev/null 2>&1); then
		local stamp
		for stamp in "$VENV/.desk-install-${extras:-app}" "$VENV/.desk-install-dev"; do
			if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
				return 0
			fi
		done
	fi
	say "installing front-desk${extras:+[$extras]} into .venv"
	# The build backend's chatter goes to a log, shown whole only when pip fails.
	local log
	log=$(mktemp)
	if ! (cd "$REPO_ROOT" && "$VENV/bin/python" -m pip install --quiet \
		--disable-pip-version-check --editable "$spec") >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		die "pip install -e '$spec' failed (output above)"
	fi
	grep -E '^(WARNING|ERROR):' "$log" >&2 || true
	rm -f "$log"
	echo "$key" >"$VENV/.desk-install-${extras:-app}"
}

# -- Qt's system libraries -----------------------------------------------------------

# Debian package that ships a shared library Qt links against.
debian_package_for() {
	case $1 in
	libEGL.so.*) echo libegl1 ;;
	libGL.so.*) echo libgl1 ;;
	libGLX.so.*) echo libglx0 ;;
	libOpenGL.so.*) echo libopengl0 ;;
	libGLdispatch.so.*) echo libglvnd0 ;;
	libxkbcommon.so.*) echo libxkbcommon0 ;;
	libxkbcommon-x11.so.*) echo libxkbcommon-x11-0 ;;
	libfontconfig.so.*) echo libfontconfig1 ;;
	libfreetype.so.*) echo libfreetype6 ;;
	libdbus-1.so.*) echo libdbus-1-3 ;;
	libglib-2.0.so.* | libgthread-2.0.so.* | libgobject-2.0.so.* | libgio-2.0.so.*) echo libglib2.0-0 ;;
	libX11.so.*) echo libx11-6 ;;
	libX11-xcb.so.*) echo libx11-xcb1 ;;
	libXext.so.*) echo libxext6 ;;
	libXrender.so.*) echo libxrender1 ;;
	libXau.so.*) echo libxau6 ;;
	libXdmcp.so.*) echo libxdmcp6 ;;
	libSM.so.*) echo libsm6 ;;
	libICE.so.*) echo libice6 ;;
	libxcb.so.*) echo libxcb1 ;;
	libxcb-cursor.so.*) echo libxcb-cursor0 ;;
	libxcb-icccm.so.*) echo libxcb-icccm4 ;;
	libxcb-image.so.*) echo libxcb-image0 ;;
	libxcb-keysyms.so.*) echo libxcb-keysyms1 ;;
	libxcb-randr.so.*) echo libxcb-randr0 ;;
	libxcb-render-util.so.*) echo libxcb-render-util0 ;;
	libxcb-render.so.*) echo libxcb-render0 ;;
	libxcb-shape.so.*) echo libxcb-shape0 ;;
	libxcb-shm.so.*) echo libxcb-shm0 ;;
	libxcb-sync.so.*) echo libxcb-sync1 ;;
	libxcb-util.so.*) echo libxcb-util1 ;;
	libxcb-xfixes.so.*) echo libxcb-xfixes0 ;;
	libxcb-xinerama.so.*) echo libxcb-xinerama0 ;;
	libxcb-xinput.so.*) echo libxcb-xinput0 ;;
	libxcb-xkb.so.*) echo libxcb-xkb1 ;;
	libxcb-glx.so.*) echo libxcb-glx0 ;;
	libwayland-client.so.*) echo libwayland-client0 ;;
	libwayland-cursor.so.*) echo libwayland-cursor0 ;;
	libwayland-egl.so.*) echo libwayland-egl1 ;;
	libdrm.so.*) echo libdrm2 ;;
	libgbm.so.*) echo libgbm1 ;;
	libz.so.*) echo zlib1g ;;
	libpng16.so.*) echo libpng16-16 ;;
	libgssapi_krb5.so.*) echo libgssapi-krb5-2 ;;
	*) return 1 ;;
	esac
}

# Shared libraries that Qt (core, GUI, widgets, test) and the named platform plugins
# need but the system lacks, one a line.
qt_missing_libs() {
	local qt files=() file platform
	qt=$("$VENV/bin/python" -c \
		'import importlib.util as u; print(u.find_spec("PySide6").submodule_search_locations[0])' \
		2>/dev/null) || return 0
	for file in "$qt"/Qt{Core,Gui,Widgets,Test}.abi3.so "$qt"/Qt/lib/libQt6{Core,Gui,Widgets,Test,DBus}.so.6; do
		[ -e "$file" ] && files+=("$file")
	done
	for platform in "$@"; do
		file=$qt/Qt/plugins/platforms/libq$platform.so
		[ -e "$file" ] && files+=("$file")
	done
	[ "${#files[@]}" -gt 0 ] || return 0
	ldd "${files[@]}" 2>/dev/null | awk '/=> not found/ { print $1 }' | sort -u
}

_have_fonts() {
	[ -n "$(find /usr/share/fonts /usr/local/share/fonts -type f \
		\( -name '*.ttf' -o -name '*.otf' -o -name '*.ttc' -o -name '*.pfb' \) 2>/dev/null | head -n 1)" ]
}

# ensure_qt_libs PLATFORM... -- install the Debian packages of the missing libraries,
# and a font (without one Qt warns, and the tests treat Qt warnings as failures).
ensure_qt_libs() {
	[ "$(uname -s)" = Linux ] && command -v ldd >/dev/null 2>&1 || return 0
	local missing packages=() unknown=() lib package
	missing=$(qt_missing_libs "$@")
	for lib in $missing; do
		if package=$(debian_package_for "$lib"); then
			packages+=("$package")
		else
			unknown+=("$lib")
		fi
	done
	if [ "${#unknown[@]}" -gt 0 ]; then
		# Unknown to the table above: try the usual set.
		packages+=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
	fi
	case " $* " in
	*" xcb "*)
		# Qt loads it at run time, so ldd cannot see that it is missing.
		{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libxcb-cursor\.so\.0' ||
			packages+=(libxcb-cursor0)
		;;
	esac
	_have_fonts || packages+=(fonts-dejavu-core)
	[ "${#packages[@]}" -gt 0 ] || return 0
	mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
	apt_install "${packages[@]}" ||
		die "Qt needs system libraries that are missing: ${missing//$'\n'/ }
  (Debian/Ubuntu: sudo apt-get install ${packages[*]})"
	missing=$(qt_missing_libs "$@")
	[ -z "$missing" ] || die "Qt still misses these libraries: ${missing//$'\n'/ }"
}

# -- the checks ----------------------------------------------------------------------

main() {
	cd "$REPO_ROOT"
	local started=$SECONDS
	ensure_venv
	install_project dev
	PYTHON=$VENV/bin/python ensure_services
	ensure_qt_libs offscreen
	export QT_QPA_PLATFORM=offscreen

	local results=() failed=0 bundle_pid="" bundle_log=$REPO_ROOT/build/bundle.log
	if [ "${DESK_BUILD_BUNDLE:-1}" != 0 ]; then
		say "building the frozen app in the background (log: build/bundle.log)"
		mkdir -p "$REPO_ROOT/build"
		bash "$REPO_ROOT/scripts/build-bundle.sh" >"$bundle_log" 2>&1 &
		bundle_pid=$!
	fi
	run_step() {
		local name=$1
		shift
		say "$name"
		if "$@"; then
			results+=("$name ok")
		else
			results+=("$name FAILED")
			failed=1
		fi
	}
	run_step "ruff check" "$VENV/bin/ruff" check .
	run_step "ruff format" "$VENV/bin/ruff" format --check .
	run_step "mypy" "$VENV/bin/mypy"

	say "pytest"
	local log rc color=()
	log=$(mktemp)
	[ -t 1 ] && color=(--color=yes)
	set +e
	# A worker that crashes is not replaced: replacing one hung xdist until CI timed
	# out, before the summary that names the test it crashed in.
	"$VENV/bin/pytest" ${color[@]+"${color[@]}"} -n "${DESK_TEST_WORKERS:-2}" --dist loadfile \
		--max-worker-restart 0 "$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	set -e
	local outcome
	outcome=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -v '^[[:space:]]*$' | tail -n 1 |
		sed -e 's/^=* *//' -e 's/ *=*$//')
	rm -f "$log"
	case $rc in
	0) results+=("pytest ok ($outcome)") ;;
	5)
		results+=("pytest FAILED (no tests ran)")
		failed=1
		;;
	*)
		results+=("pytest FAILED (exit $rc: $outcome)")
		failed=1
		;;
	esac

	if [ -n "$bundle_pid" ]; then
		say "waiting for the frozen app build"
		if wait "$bundle_pid"; then
			results+=("bundle ok")
			# The frozen app opens real windows on its own Xvfb display; the offscreen
			# platform set above is for the suite's in-process tests.
			run_step "frozen app" env DESK_FROZEN_APP="$REPO_ROOT/dist/front-desk" \
				"$VENV/bin/pytest" -n 0 -p no:randomly tests/installers
		else
			tail -n 40 "$bundle_log" >&2
			results+=("bundle FAILED (build/bundle.log)")
			failed=1
		fi
	fi

	local verdict=PASSED summary
	[ "$failed" = 0 ] || verdict=FAILED
	summary=$(printf '%s; ' "${results[@]}")
	echo
	printf 'scripts/test.sh %s in %dm%02ds -- %s\n' "$verdict" $(((SECONDS - started) / 60)) \
		$(((SECONDS - started) % 60)) "${summary%; }"
	return "$failed"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	main "$@"
fi
