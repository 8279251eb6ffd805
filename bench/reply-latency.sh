#!/usr/bin/env bash
# Delay from an agent's reply in RT to its publication (ReplyLatency), first with polling only
# (helpdesk.rt.poll-interval, default 2s), then with RT's doorbell scrip ringing Socialdesk.
# Usage: bench/reply-latency.sh [REPLIES]   Needs: scripts/rt/install.sh (as root), ./mvnw -q -DskipTests package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
replies="${1:-20}"
port="${BENCH_PORT:-18091}"
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"
launcher="$root/dist/target/socialdesk/bin/socialdesk"
classpath="$("$root/bench/classpath.sh")"

run_round() { # label
  scripts/rt/reset.sh >/dev/null
  source scripts/rt/env.sh
  local work; work="$(mktemp -d)"
  printf 'server:\n  port: %s\n  admin-token: bench-token\nhelpdesk:\n  rt:\n    url: %s\n    token: ${RT_TOKEN}\nplugins:\n  social-channel:\n    sandbox:\n      enabled: true\n' \
    "$port" "$RT_URL" > "$work/socialdesk.yml"
  (cd "$work" && "$launcher" rt provision --config socialdesk.yml >/dev/null)
  (cd "$work" && exec "$launcher" run --config socialdesk.yml >"$work/log" 2>&1) & local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.2; done
  printf '%s: ' "$1"
  "$java_home/bin/java" -cp "$classpath" org.socialdesk.bench.ReplyLatency "$RT_URL" "$RT_TOKEN" "http://127.0.0.1:$port" bench-token "$replies"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}

run_round "polling every 2 s"
RT_DOORBELL_URL="http://127.0.0.1:$port/api/helpdesk/doorbell" scripts/rt/install.sh >/dev/null
trap 'scripts/rt/install.sh >/dev/null' EXIT
run_round "with the doorbell"
