#!/usr/bin/env bash
# Ticket throughput into the real RT: through Socialdesk (sandbox posts in) against direct REST2
# calls creating the same tickets, alternating rounds in one run (TicketThroughput).
# Usage: bench/pipeline.sh [POSTS_PER_ROUND] [ROUNDS] [CONCURRENCY]
#        bench/pipeline.sh --serve [POSTS] [CONCURRENCY]
#   --serve: the same set-up, but instead of running the rounds it prints two commands, one side
#   of one round each (for timing each side as a whole process from outside), and keeps
#   Socialdesk running until Ctrl-C.
# Needs: scripts/rt/install.sh done (as root), ./mvnw -q -DskipTests package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
serve=false
if [[ "${1:-}" == "--serve" ]]; then
  serve=true
  shift
  set -- "${1:-120}" 1 "${2:-4}"
fi
posts="${1:-40}" rounds="${2:-3}" concurrency="${3:-4}"
port="${BENCH_PORT:-18090}"
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"

scripts/rt/reset.sh >/dev/null
source scripts/rt/env.sh
work="$(mktemp -d)"
trap 'kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true; cp "$work/log" /tmp/bench-socialdesk.log; rm -rf "$work"' EXIT
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
# setsid: a session of its own, whose CPU the harness reads (bin/socialdesk execs the JVM).
(cd "$work" && exec setsid "$launcher" run --config socialdesk.yml >"$work/log" 2>&1) & echo $! > "$work/pid"
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.2; done

# CPU per ticket of each side, read from /proc by the harness.
export RT_PID SOCIALDESK_PID
RT_PID="$(cat "${RT_STATE_DIR:-/var/lib/socialdesk-rt}/rt-server.pid" 2>/dev/null || true)"
SOCIALDESK_PID="$(cat "$work/pid")"
classpath="$(bench/classpath.sh)"
harness=("$java_home/bin/java" -cp "$classpath" org.socialdesk.bench.TicketThroughput
  "$RT_URL" "$RT_TOKEN" "http://127.0.0.1:$port" bench-token "$posts" "$rounds" "$concurrency")
if $serve; then
  # Ctrl-C or a kill ends the script through its EXIT trap, which stops Socialdesk.
  trap 'exit 130' INT TERM
  echo "direct:     ${harness[*]} direct"
  echo "socialdesk: ${harness[*]} socialdesk"
  echo "Socialdesk is running; Ctrl-C stops it."
  wait
  exit 0
fi
"${harness[@]}"
if [[ -n "${JFR_DUMP:-}" ]]; then
  # A profile of Socialdesk over the rounds, when started with JAVA_OPTS=...-XX:StartFlightRecording.
  "$java_home/bin/jcmd" "$SOCIALDESK_PID" JFR.dump filename="$JFR_DUMP" >/dev/null
fi
curl -s -H "Authorization: Bearer bench-token" "http://127.0.0.1:$port/metrics" | grep -E "^socialdesk_helpdesk_calls_seconds_(count|sum)" > /tmp/bench-metrics.txt
