#!/usr/bin/env bash
# Installs Debian's PostgreSQL (15 on Debian 12) if missing, makes sure its "main"
# cluster exists on port 5432, then runs start.sh (start it, create the test role and
# database). Safe to run again.
#
#   sudo scripts/postgres/install.sh
set -euo pipefail
SCRIPT=postgres/install
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export DEBIAN_FRONTEND=noninteractive

install_packages() {
  if dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q 'install ok installed'; then
    say "postgresql already installed"
    return 0
  fi
  say "installing postgresql"
  apt-get update -q
  # The package creates and configures the cluster; policy-rc.d may forbid starting
  # it here, so start.sh starts it.
  apt-get install -y -q postgresql </dev/null
}

ensure_cluster() {
  local version port
  version="$(pg_version)"
  [[ -n "$version" ]] || die "no PostgreSQL server under /usr/lib/postgresql after installing"
  if [[ ! -d "/etc/postgresql/$version/$PG_CLUSTER" ]]; then
    say "creating cluster $version/$PG_CLUSTER"
    pg_createcluster --port "$PG_PORT" "$version" "$PG_CLUSTER"
  fi
  port="$(pg_conftool -s "$version" "$PG_CLUSTER" show port 2>/dev/null || echo "$PG_PORT")"
  [[ "$port" == "$PG_PORT" ]] ||
    die "cluster $version/$PG_CLUSTER uses port $port, tests expect $PG_PORT; free 5432 or move it"
  say "cluster $version/$PG_CLUSTER is configured on port $PG_PORT"
}

main() {
  need_root
  install_packages
  ensure_cluster
  "$PG_SCRIPTS_DIR/start.sh"
}

main "$@"
