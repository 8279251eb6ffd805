#!/usr/bin/env bash
# Starts the PostgreSQL cluster if it is not running (with pg_ctlcluster: these
# machines have no systemd), then makes sure the test role and database exist:
# role socialdesk / password socialdesk, database socialdesk_test, on 127.0.0.1:5432.
# Safe to run again.
#
#   sudo scripts/postgres/start.sh
set -euo pipefail
SCRIPT=postgres/start
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start_cluster() {
  local version
  version="$(pg_version)"
  [[ -n "$version" ]] || die "PostgreSQL is not installed: run scripts/postgres/install.sh"
  if pg_ctlcluster "$version" "$PG_CLUSTER" status >/dev/null 2>&1; then
    say "cluster $version/$PG_CLUSTER already running"
  else
    say "starting cluster $version/$PG_CLUSTER"
    pg_ctlcluster "$version" "$PG_CLUSTER" start ||
      die "could not start it; see /var/log/postgresql/postgresql-$version-$PG_CLUSTER.log"
  fi
  local tries=50
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
    ((--tries > 0)) || die "PostgreSQL does not accept connections on $PG_HOST:$PG_PORT"
    sleep 0.2
  done
}

ensure_role_and_database() {
  # CREATEDB lets tests make throw-away databases of their own.
  psql_admin -d postgres <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$PG_ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE') \\gexec
ALTER ROLE $PG_ROLE WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I', '$PG_DATABASE', '$PG_ROLE')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE') \\gexec
SQL
  say "role $PG_ROLE and database $PG_DATABASE ready on $PG_HOST:$PG_PORT"
}

check_login() {
  PGPASSWORD="$PG_PASSWORD" psql -X -q -At -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DATABASE" \
    -c 'SELECT 1' >/dev/null || die "cannot log in as $PG_ROLE to $PG_DATABASE over TCP"
}

main() {
  need_root
  start_cluster
  ensure_role_and_database
  check_login
  say "ready: jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE (user $PG_ROLE)"
}

main "$@"
