#!/usr/bin/env bash
# The live wall with RATE posts/s arriving: SlaWallBench (one JVM, the launcher's JAVA_OPTS) runs
# the SLA plugin's clocks and wall on H2 behind the wall's SSE servlet in Jetty, and publishes RATE
# PostRouted events a second for SECONDS; SlaWallClient (a second JVM, as a browser would be)
# reads /api/wall/stream and times each post from publication to arrival. The pipeline and RT are
# not in this figure (RT takes ~16 tickets/s on this machine: see "Tickets per second into RT").
# Usage: bench/sla-wall.sh [RATE] [SECONDS]      Needs: nothing built first (bench/classpath.sh builds what it needs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rate="${1:-100}" seconds="${2:-60}"
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"
work="$(mktemp -d /tmp/socialdesk-sla-wall.XXXXXX)"
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# A private copy of classes and jars, as in bench/sla.sh.
mkdir -p "$work/lib"
"$root/bench/classpath.sh" | tr ':' '\n' | grep '\.jar$' | xargs -I{} cp {} "$work/lib/"
cp -r "$root/bench/target/classes" "$work/classes"
classpath="$work/classes:$work/lib/*"
server_opts="-Xms32m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k" # bin/socialdesk's defaults
echo "nproc=$(nproc) java=$("$java_home/bin/java" -version 2>&1 | head -1) $(date -u '+%F %H:%M UTC') rate=$rate/s for ${seconds}s; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_home/bin/java" $server_opts -cp "$classpath" org.socialdesk.bench.sla.SlaWallBench "$work/port" "$rate" "$seconds" \
  > "$work/server.out" 2> "$work/server.err" & server=$!
until [[ -s "$work/port" ]]; do kill -0 "$server" || { cat "$work/server.err" >&2; exit 1; }; sleep 0.1; done
"$java_home/bin/java" -Xmx128m -cp "$classpath" org.socialdesk.bench.sla.SlaWallClient \
  "http://127.0.0.1:$(cat "$work/port")/api/wall/stream" $(( rate * 5 ))
wait "$server"; server=""
cat "$work/server.out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); server log: $(grep -c 'WARN\|ERROR' "$work/server.err" || true) WARN/ERROR lines"
