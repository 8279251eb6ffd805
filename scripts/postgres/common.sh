# Shared settings of scripts/postgres/*.sh. Sourced, never run.
# Callers set SCRIPT (the prefix of every message) before sourcing.

PG_HOST=127.0.0.1
PG_PORT=5432
PG_ROLE=socialdesk
PG_PASSWORD=socialdesk
PG_DATABASE=socialdesk_test
PG_CLUSTER=main

PG_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { echo "${SCRIPT:-postgres}: $*"; }
die() { echo "${SCRIPT:-postgres}: error: $*" >&2; exit 1; }

need_root() {
  [[ $EUID -eq 0 ]] || die "run me as root (I manage packages and the PostgreSQL cluster)"
}

# The newest PostgreSQL server installed (15 on Debian 12), or nothing.
pg_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1 || true
}

# Runs psql as the postgres superuser over the local socket (peer authentication).
psql_admin() {
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
}
