#!/usr/bin/env bash
# Starts what bench/pipeline.sh measures, for timing each side as a whole process from outside:
# resets RT, starts Socialdesk with the sandbox channel, prints the two commands (one side each,
# the same arguments) and keeps Socialdesk running until Ctrl-C.
# Usage: bench/pipeline-serve.sh [POSTS] [CONCURRENCY]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
posts="${1:-120}" concurrency="${2:-4}"
port="${BENCH_PORT:-18090}"
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"

scripts/rt/reset.sh >/dev/null
source scripts/rt/env.sh
work="$(mktemp -d)"
trap 'kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/socialdesk.yml" <<YAML
server:
  port: $port
  admin-token: bench-token
helpdesk:
  rt:
    url: $RT_URL
    token: \${RT_TOKEN}
    max-concurrent-calls: $concurrency
pipeline:
  workers: $((concurrency * 2))
plugins:
  social-channel:
    sandbox:
      enabled: true
YAML
launcher="$root/dist/target/socialdesk/bin/socialdesk"
(cd "$work" && "$launcher" rt provision --config socialdesk.yml >/dev/null)
(cd "$work" && exec "$launcher" run --config socialdesk.yml >"$work/log" 2>&1) & echo $! > "$work/pid"
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.2; done

classpath="$root/bench/target/classes:$(cd bench && ../mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
args="$RT_URL $RT_TOKEN http://127.0.0.1:$port bench-token $posts 1 $concurrency"
echo "direct:     $java_home/bin/java -cp $classpath org.socialdesk.bench.TicketThroughput $args direct"
echo "socialdesk: $java_home/bin/java -cp $classpath org.socialdesk.bench.TicketThroughput $args socialdesk"
echo "Socialdesk is running; Ctrl-C stops it."
wait
