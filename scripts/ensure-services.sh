#!/usr/bin/env bash
# Make sure the PostgreSQL and Redis servers the tests use are reachable, and install
# (Debian/Ubuntu: apt-get) or start them only when they are not; and that nginx is
# installed, which tests/server/test_deploy.py runs (as the test's own process, on
# loopback) in front of two servers. Silent when all is well.
#
#   bash scripts/ensure-services.sh
#
# Environment (the same as tests/conftest.py reads):
#   DESK_TEST_PG_HOST/PORT/USER   PostgreSQL to use (default postgres@127.0.0.1:5432, trust)
#   DESK_TEST_REDIS_HOST/PORT     Redis to use (default 127.0.0.1:6379)
#   DESK_TEST_BACKENDS            without "postgres" in it, PostgreSQL is left alone
#   PYTHON                        interpreter for the probes; with psycopg importable the
#                                 PostgreSQL probe logs in, otherwise it only connects
#
# PostgreSQL that is missing or stopped is fatal only if it cannot be installed or
# started; Redis that cannot be had is a warning (no test depends on it yet); nginx
# that cannot be installed is a warning here, and the deployment test then skips, or
# fails on CI (where CI is set).
#
# test.sh and demo.sh source this file for its helpers (say, die, as_root, apt_install);
# `ensure_services` runs only when the file is executed.

set -euo pipefail

say() { printf '==> %s\n' "$*"; }
warn() { printf '%s: warning: %s\n' "${0##*/}" "$*" >&2; }
die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

# Run a command as root: directly, or through sudo when it needs no password.
can_be_root() {
	[ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo -n "$@"
	fi
}

# apt_install PACKAGE... -- quietly; prints apt's output only when it fails. Runs
# `apt-get update` first unless the package lists are less than 6 hours old.
apt_install() {
	command -v apt-get >/dev/null 2>&1 || return 1
	can_be_root || return 1
	local log
	log=$(mktemp)
	if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -360 2>/dev/null | head -n 1)" ]; then
		if ! as_root apt-get update -qq >"$log" 2>&1; then
			cat "$log" >&2
			rm -f "$log"
			return 1
		fi
	fi
	say "installing Debian packages: $*"
	if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "$@" >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		return 1
	fi
	rm -f "$log"
}

is_loopback() { case $1 in 127.* | localhost | ::1) return 0 ;; *) return 1 ;; esac }

PG_HOST=${DESK_TEST_PG_HOST:-127.0.0.1}
PG_PORT=${DESK_TEST_PG_PORT:-5432}
PG_USER=${DESK_TEST_PG_USER:-postgres}
REDIS_HOST=${DESK_TEST_REDIS_HOST:-127.0.0.1}
REDIS_PORT=${DESK_TEST_REDIS_PORT:-6379}

_probe_python() { "${PYTHON:-python3}" "$@"; }

# Exit 0 when PostgreSQL accepts PG_USER; otherwise print why on stderr.
probe_postgres() {
	_probe_python - "$PG_HOST" "$PG_PORT" "$PG_USER" <<'PY'
import socket
import sys

host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    import psycopg
except ImportError:
    try:
        socket.create_connection((host, port), timeout=3).close()
    except OSError as error:
        sys.exit(str(error))
    sys.exit(0)
try:
    with psycopg.connect(
        host=host, port=port, user=user, dbname="postgres", connect_timeout=3
    ) as conn:
        conn.execute("SELECT 1")
except psycopg.Error as error:
    sys.exit(" ".join(str(error).split()))
PY
}

# Exit 0 when Redis answers PING; otherwise print why on stderr.
probe_redis() {
	_probe_python - "$REDIS_HOST" "$REDIS_PORT" <<'PY'
import socket
import sys

try:
    with socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3) as sock:
        sock.sendall(b"PING\r\n")
        answer = sock.recv(64)
except OSError as error:
    sys.exit(str(error))
if not answer.startswith(b"+PONG"):
    sys.exit(f"unexpected answer to PING: {answer!r}")
PY
}

# wait_for SECONDS PROBE -- poll PROBE twice a second until it succeeds.
wait_for() {
	local tries=$(($1 * 2))
	while ! "$2" 2>/dev/null; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || return 1
		sleep 0.5
	done
}

# "VERSION CLUSTER STATUS" of the cluster configured for PG_PORT, if any.
_pg_cluster_on_port() {
	command -v pg_lsclusters >/dev/null 2>&1 || return 0
	pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2, $4; exit }'
}

ensure_postgres() {
	local reason
	reason=$(probe_postgres 2>&1) && return 0
	local where="PostgreSQL as $PG_USER@$PG_HOST:$PG_PORT"
	local hint="or run only the SQLite tests: DESK_TEST_BACKENDS=sqlite bash scripts/test.sh"
	is_loopback "$PG_HOST" || die "$where is not usable ($reason); start it, or $hint"
	can_be_root || die "$where is not usable ($reason) and installing or starting it needs root
  (Debian/Ubuntu: sudo apt-get install postgresql && sudo pg_ctlcluster <version> main start);
  $hint"

	local fresh=0 cluster version name status
	if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
		apt_install postgresql || die "could not install PostgreSQL (apt-get install postgresql)"
		fresh=1
	fi
	cluster=$(_pg_cluster_on_port)
	if [ -z "$cluster" ] && [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
		version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
		say "creating PostgreSQL $version cluster 'main' on port $PG_PORT"
		as_root pg_createcluster --port "$PG_PORT" "$version" main >/dev/null
		fresh=1
		cluster=$(_pg_cluster_on_port)
	fi
	if [ -z "$cluster" ] && [ "$fresh" = 1 ]; then
		# Installed just now, on another port: move it to the one the tests use.
		version=$(ls /etc/postgresql | sort -V | tail -n 1)
		as_root pg_conftool "$version" main set port "$PG_PORT"
		cluster=$(_pg_cluster_on_port)
	fi
	[ -n "$cluster" ] || die "$where is not usable ($reason), and no local PostgreSQL cluster is
  configured for port $PG_PORT:
$(pg_lsclusters 2>/dev/null || true)"
	read -r version name status <<<"$cluster"

	if [ "$fresh" = 1 ]; then
		# A new cluster asks for passwords on TCP; the tests log in as $PG_USER, trusted.
		local hba=/etc/postgresql/$version/$name/pg_hba.conf
		as_root sed -i -e '1i host all all ::1/128 trust' -e '1i host all all 127.0.0.1/32 trust' "$hba"
	fi
	as_root install -d -o postgres -g postgres -m 2775 /var/run/postgresql 2>/dev/null || true
	if [ "$status" = online ]; then
		[ "$fresh" = 1 ] && as_root pg_ctlcluster "$version" "$name" reload
	else
		say "starting PostgreSQL $version/$name on port $PG_PORT"
		as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start ||
			die "could not start PostgreSQL $version/$name (see /var/log/postgresql/)"
	fi
	if ! wait_for 30 probe_postgres; then
		reason=$(probe_postgres 2>&1) || true
		die "$where is still not usable ($reason).
  The tests log in without a password: put 'host all all 127.0.0.1/32 trust' first in
  /etc/postgresql/$version/$name/pg_hba.conf and reload, or point DESK_TEST_PG_* elsewhere;
  $hint"
	fi
}

ensure_redis() {
	probe_redis 2>/dev/null && return 0
	local where="Redis at $REDIS_HOST:$REDIS_PORT"
	if ! is_loopback "$REDIS_HOST"; then
		warn "$where is not reachable; tests that need Redis will fail"
		return 0
	fi
	if ! command -v redis-server >/dev/null 2>&1; then
		if ! apt_install redis-server; then
			warn "$where is not reachable and redis-server could not be installed; tests that need Redis will fail"
			return 0
		fi
		# The package may have started it already.
		probe_redis 2>/dev/null && return 0
	fi
	say "starting Redis on $REDIS_HOST:$REDIS_PORT"
	local bind=127.0.0.1
	[ "$REDIS_HOST" = ::1 ] && bind=::1
	redis-server --daemonize yes --bind "$bind" --port "$REDIS_PORT" --save "" --appendonly no \
		--dir "${TMPDIR:-/tmp}" >/dev/null || true
	wait_for 10 probe_redis || warn "$where did not come up; tests that need Redis will fail"
}

# nginx is only installed, for its binary: the deployment test runs its own, with a
# configuration of its own. Where systemd started the package's site on port 80, that
# service (ours, installed just now) is stopped and disabled again.
ensure_nginx() {
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 && return 0
	if ! apt_install nginx; then
		warn "nginx is not installed and could not be (apt-get install nginx); the deployment test will skip"
		return 0
	fi
	if [ -d /run/systemd/system ]; then
		as_root systemctl disable --now nginx >/dev/null 2>&1 || true
	fi
}

ensure_services() {
	local backends=${DESK_TEST_BACKENDS:-postgres}
	case ",${backends// /}," in
	*,postgres,*) ensure_postgres && ensure_nginx ;;
	esac
	ensure_redis
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	ensure_services
fi
