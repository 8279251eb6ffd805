#!/usr/bin/env bash
# Start-up benchmark: time from launching `socialdesk run` on embedded defaults (fresh ./data each
# run) to the first 200 from /healthz and from /readyz, and resident memory 2 s after /readyz.
# Usage: bench/startup.sh [RUNS]    (build first: ./mvnw -q -DskipTests package)
set -euo pipefail
runs="${1:-7}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/dist/target/socialdesk/bin/socialdesk"
port="${BENCH_PORT:-18080}"
[[ -x "$launcher" ]] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }

now_ms() { date +%s%3N; }
wait_for() { # url, deadline_ms
  until curl -sf -o /dev/null "$1"; do
    (( $(now_ms) < $2 )) || return 1
    sleep 0.01
  done
}

echo "run healthz_ms readyz_ms rss_mb"
for i in $(seq 1 "$runs"); do
  work="$(mktemp -d)"
  printf 'server:\n  port: %s\n' "$port" > "$work/socialdesk.yml"
  start=$(now_ms)
  (cd "$work" && exec "$launcher" run --config socialdesk.yml >"$work/log" 2>&1) &
  pid=$!
  wait_for "http://127.0.0.1:$port/healthz" $((start + 30000))
  healthz=$(( $(now_ms) - start ))
  wait_for "http://127.0.0.1:$port/readyz" $((start + 30000))
  readyz=$(( $(now_ms) - start ))
  sleep 2
  java_pid="$(pgrep -P "$pid" java || echo "$pid")"
  rss_kb="$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || ps -o rss= -p "$pid")"
  echo "$i $healthz $readyz $(( rss_kb / 1024 ))"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
