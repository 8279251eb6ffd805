#!/usr/bin/env bash
# SLA benchmarks, in process against the plugin's own classes (bench/src/main/java/org/socialdesk/bench/sla):
#   tick    SlaTickBench: the once-a-second tick with OPEN running clocks, nothing due, then DUE due
#   report  SlaReportBench: GET /api/sla/report's computation over POSTS posts in one month
# each on a fresh database with the plugin's changelog: an H2 file (the embedded default, opened
# with the host's settings) and/or a throw-away database on the PostgreSQL of scripts/postgres
# (dropped afterwards). Rows are seeded with JDBC batches, not through RT.
# Usage: bench/sla.sh tick|report h2|postgres|both [ARGS...]   e.g. bench/sla.sh tick both 1000000
# Needs: nothing built first (bench/classpath.sh builds what it needs); for postgres: scripts/postgres/install.sh and start.sh (root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
what="${1:?tick or report}" databases="${2:-both}"; shift $(( $# > 2 ? 2 : $# ))
case "$what" in
  tick) main=org.socialdesk.bench.sla.SlaTickBench ;;
  report) main=org.socialdesk.bench.sla.SlaReportBench ;;
  *) echo "unknown benchmark $what: tick or report" >&2; exit 2 ;;
esac
[[ "$databases" == both ]] && databases="h2 postgres"
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"
source scripts/postgres/env.sh
# A private copy of the classes and jars: another build installing the plugin into ~/.m2 during a
# run (minutes, with a million rows) must not swap classes under it.
work="$(mktemp -d /tmp/socialdesk-sla-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lib"
"$root/bench/classpath.sh" | tr ':' '\n' | grep '\.jar$' | xargs -I{} cp {} "$work/lib/"
cp -r "$root/bench/target/classes" "$work/classes"
classpath="$work/classes:$work/lib/*"
echo "nproc=$(nproc) $(uname -srm) java=$("$java_home/bin/java" -version 2>&1 | head -1) $(date -u '+%F %H:%M UTC')"
for db in $databases; do
  echo "== $what on $db (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$java_home/bin/java" -Xmx2g -cp "$classpath" "$main" "$db" "$@"
  echo "   (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
done
